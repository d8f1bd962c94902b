/// Character-level agreement on one code between two coders, as NVivo's Coding Comparison query
/// computes it: every character of a source counts, coded or not.
///
/// Agreement = (characters coded by both + characters coded by neither) / characters.
/// κ = (TA − ΣEF)/(TU − ΣEF), with EF₁ = A_coded·B_coded/TU and EF₂ = A_uncoded·B_uncoded/TU,
/// which is Cohen's κ on the 2×2 character table. Tables of several sources are pooled by adding
/// their counts, never by averaging their κ (METHODS.md §3.3).
///
/// ```swift
/// // NVivo's help: 1000 characters, 50 coded by both, 150 by one coder, 800 by neither.
/// let table = CharacterAgreementTable(codedByBoth: 50, codedByFirstOnly: 100,
///                                     codedBySecondOnly: 50, codedByNeither: 800)
/// table.percentAgreement().value  // 0.85
/// ```
public struct CharacterAgreementTable: Hashable, Sendable {
  /// Characters both coders coded with the code.
  public var codedByBoth: Int
  /// Characters only the first coder coded.
  public var codedByFirstOnly: Int
  /// Characters only the second coder coded.
  public var codedBySecondOnly: Int
  /// Characters neither coder coded.
  public var codedByNeither: Int
  /// The first coder's name.
  public var firstCoder: String
  /// The second coder's name.
  public var secondCoder: String
  /// The code compared, when the table is about one code.
  public var code: String?
  /// How many sources (documents) the counts were pooled from.
  public var sources: Int

  public init(
    codedByBoth: Int, codedByFirstOnly: Int, codedBySecondOnly: Int, codedByNeither: Int,
    firstCoder: String = "A", secondCoder: String = "B", code: String? = nil, sources: Int = 1
  ) {
    precondition(
      [codedByBoth, codedByFirstOnly, codedBySecondOnly, codedByNeither, sources].allSatisfy {
        $0 >= 0
      },
      "character counts cannot be negative")
    self.codedByBoth = codedByBoth
    self.codedByFirstOnly = codedByFirstOnly
    self.codedBySecondOnly = codedBySecondOnly
    self.codedByNeither = codedByNeither
    self.firstCoder = firstCoder
    self.secondCoder = secondCoder
    self.code = code
    self.sources = sources
  }

  /// Tables of several sources pooled into one by adding their counts.
  ///
  /// - Parameters:
  ///   - tables: the per-source tables.
  ///   - firstCoder: the first coder's name.
  ///   - secondCoder: the second coder's name.
  ///   - code: the code compared.
  public init(
    pooling tables: [CharacterAgreementTable], firstCoder: String, secondCoder: String,
    code: String?
  ) {
    self.init(
      codedByBoth: tables.reduce(0) { $0 + $1.codedByBoth },
      codedByFirstOnly: tables.reduce(0) { $0 + $1.codedByFirstOnly },
      codedBySecondOnly: tables.reduce(0) { $0 + $1.codedBySecondOnly },
      codedByNeither: tables.reduce(0) { $0 + $1.codedByNeither }, firstCoder: firstCoder,
      secondCoder: secondCoder, code: code, sources: tables.reduce(0) { $0 + $1.sources })
  }

  /// TU: all characters of the sources.
  public var total: Int { codedByBoth + codedByFirstOnly + codedBySecondOnly + codedByNeither }

  /// Characters the first coder coded.
  public var codedByFirst: Int { codedByBoth + codedByFirstOnly }

  /// Characters the second coder coded.
  public var codedBySecond: Int { codedByBoth + codedBySecondOnly }

  /// The 2×2 table with `true` for coded, first coder by row.
  public var contingencyTable: ContingencyTable<Bool> {
    ContingencyTable(
      categories: [true, false],
      counts: [[codedByBoth, codedByFirstOnly], [codedBySecondOnly, codedByNeither]],
      firstCoder: firstCoder, secondCoder: secondCoder, unitNoun: .character)
  }

  /// NVivo's agreement: (coded by both + coded by neither) / characters, exact.
  public func percentAgreement() -> AgreementResult {
    let agreeing = codedByBoth + codedByNeither
    return .observedOnly(
      .percentAgreement, observed: total > 0 ? Double(agreeing) / Double(total) : 0,
      exact: total > 0 ? Proportion(agreeing, total) : nil, counts: counts,
      summary: "percent agreement \(scope)")
  }

  /// NVivo's κ: (TA − ΣEF)/(TU − ΣEF), Cohen's κ on the 2×2 character table. Undefined when
  /// neither coder coded anything, or both coded everything.
  public func cohensKappa() -> AgreementResult {
    let tu = Double(total)
    let expected =
      tu > 0
      ? (Double(codedByFirst) * Double(codedBySecond)
        + Double(total - codedByFirst) * Double(total - codedBySecond)) / tu : 0
    let agreeing = Double(codedByBoth + codedByNeither)
    let varies = codedByFirst + codedBySecond > 0 && codedByFirst + codedBySecond < 2 * total
    return .chanceCorrected(
      .cohensKappa, observed: tu > 0 ? agreeing / tu : 0, chance: tu > 0 ? expected / tu : 0,
      varies: varies, counts: counts, summary: "Cohen's κ \(scope)")
  }

  /// Krippendorff's α (binary) on the 2×2 character table: do the coders mark the same
  /// stretches as coded (ATLAS.ti's α_binary over one code).
  public func krippendorffAlpha() -> AgreementResult {
    var result = contingencyTable.krippendorffAlpha()
    result.summary = "Krippendorff's α (binary) \(scope)"
    return result
  }

  var counts: AgreementCounts { AgreementCounts(units: total, values: 2 * total, coders: 2) }

  /// "over 1000 characters in 1 source, rules.time coded by alice and bob: 50 by both, 100 by
  /// alice only, 50 by bob only, 800 by neither".
  var scope: String {
    let what = code.map { "\($0) coded" } ?? "coded"
    return
      "over \(UnitNoun.character.counted(total)) in \(sources) source\(sources == 1 ? "" : "s"), "
      + "\(what) by \(firstCoder) and \(secondCoder): \(codedByBoth) by both, "
      + "\(codedByFirstOnly) by \(firstCoder) only, \(codedBySecondOnly) by \(secondCoder) only, "
      + "\(codedByNeither) by neither"
  }
}
