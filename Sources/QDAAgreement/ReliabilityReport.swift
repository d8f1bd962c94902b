public import QDAModel

/// The coefficients for one code, one CHAT element or the whole codebook, with the units behind
/// them and a sentence saying what was compared.
public struct ReliabilityFigures: Hashable, Sendable {
  /// Units compared (passages; for the overall figures, passage × code decisions).
  public var units: Int
  /// Percent agreement, with its exact fraction when two coders are compared.
  public var percentAgreement: AgreementResult
  /// Cohen's κ, when exactly two coders are compared.
  public var cohensKappa: AgreementResult?
  /// Fleiss' κ (two or more coders).
  public var fleissKappa: AgreementResult?
  /// Krippendorff's α, nominal.
  public var krippendorffAlpha: AgreementResult
  /// Character-level agreement (NVivo's and MAXQDA's overlap of coded spans), for one code
  /// between exactly two coders.
  public var characters: CharacterAgreementTable?
  /// For each compared coder, in order, the units they coded with it (applied the code, or one
  /// of the element's codes).
  public var codedUnits: [Int] = []

  /// The figure a reliability gate tests.
  public func value(of gate: ReliabilityGate.Figure) -> Double? {
    switch gate {
    case .alpha: krippendorffAlpha.value
    case .kappa: cohensKappa?.value ?? fleissKappa?.value
    case .percent: percentAgreement.value
    }
  }
}

/// One row of a reliability report: a code, an element, or everything.
public struct ReliabilityRow: Hashable, Sendable {
  public enum Scope: String, Hashable, Sendable {
    case overall, element, code
  }

  public var scope: Scope
  /// The code id or element name; `all` for the overall row.
  public var id: String
  /// How a reader names it: the code's name, the element's title.
  public var name: String
  public var figures: ReliabilityFigures
}

/// What a team requires: a figure at or above a minimum for every code.
public struct ReliabilityGate: Hashable, Sendable {
  /// Which coefficient the gate tests.
  public enum Figure: String, Hashable, Sendable, CaseIterable {
    case alpha, kappa, percent
  }

  public var figure: Figure
  public var minimum: Double

  public init(figure: Figure = .alpha, minimum: Double) {
    self.figure = figure
    self.minimum = minimum
  }

  /// The codes below the minimum, and the codes whose figure is undefined (no variation), which
  /// the gate cannot judge and does not fail.
  public func check(_ report: ReliabilityReport) -> (
    failing: [ReliabilityRow], undefined: [ReliabilityRow]
  ) {
    var failing: [ReliabilityRow] = []
    var undefined: [ReliabilityRow] = []
    for row in report.codes {
      if let value = row.figures.value(of: figure) {
        if value < minimum { failing.append(row) }
      } else {
        undefined.append(row)
      }
    }
    return (failing, undefined)
  }
}

/// Agreement between coders per code, per CHAT element and overall, at passage level and (for
/// two coders) at character level.
///
/// Per code, each compared passage is a unit and each coder says yes or no (did they apply the
/// code?). Per element, the value is which of the element's codes the coder applied (`none`
/// included). Overall pools every code's yes/no decisions on every passage. The passages are
/// those of the documents every compared coder reviewed.
///
/// ```swift
/// let report = ReliabilityReport(comparison: comparison, characters: characters, codebook: codebook)
/// report.overall.figures.krippendorffAlpha.value  // 0.71
/// ```
public struct ReliabilityReport: Sendable {
  public var coders: [String]
  /// Passages compared.
  public var passages: Int
  /// Passages of documents only some coders reviewed.
  public var setAside: Int
  public var overall: ReliabilityRow
  public var elements: [ReliabilityRow]
  public var codes: [ReliabilityRow]

  /// - Parameters:
  ///   - comparison: the coders' codings placed on the compared passages.
  ///   - characters: the same coders' spans character by character (two coders only).
  ///   - codebook: names, elements and the order of codes.
  public init(comparison: PassageComparison, characters: CharacterComparison?, codebook: Codebook) {
    coders = comparison.coders
    passages = comparison.passages.count
    setAside = comparison.setAside?.count ?? 0
    let applied = Set(comparison.codes)
    let order = Dictionary(
      codebook.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let codeIDs = applied.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }

    codes = codeIDs.map { id in
      let data = comparison.binaryUnits(for: id)
      var figures = Self.figures(data)
      figures.codedUnits = Self.coded(data) { $0 }
      figures.characters = characters?.table(for: id)
      return ReliabilityRow(
        scope: .code, id: id, name: codebook.code(id)?.name ?? id, figures: figures)
    }
    let usedElements = Set(codeIDs.compactMap { codebook.code($0)?.element })
    elements = Element.allCases.filter(usedElements.contains).map { element in
      let data = comparison.elementUnits(for: element, codebook: codebook)
      var figures = Self.figures(data)
      figures.codedUnits = Self.coded(data) { $0 != .none }
      return ReliabilityRow(
        scope: .element, id: element.rawValue, name: element.name, figures: figures)
    }

    // Every code's yes/no on every passage, pooled.
    var rows: [[Bool?]] = []
    var labels: [String] = []
    for id in codeIDs {
      let data = comparison.binaryUnits(for: id)
      rows += data.values
      labels += data.units.map { "\($0)/\(id)" }
    }
    var pooled = ReliabilityData(
      coders: comparison.coders, valuesByUnit: rows, units: labels,
      unitNoun: UnitNoun(singular: "passage × code decision", plural: "passage × code decisions"))
    pooled.setAside = comparison.setAside.map {
      SetAsideUnits(count: $0.count * codeIDs.count, reason: "on passages \($0.reason)")
    }
    var figures = Self.figures(pooled)
    figures.codedUnits = Self.coded(pooled) { $0 }
    overall = ReliabilityRow(scope: .overall, id: "all", name: "All codes", figures: figures)
  }

  static func coded<Category>(_ data: ReliabilityData<Category>, _ isCoded: (Category) -> Bool)
    -> [Int]
  {
    data.coders.indices.map { coder in
      data.values.reduce(0) { $0 + (($1[coder]).map(isCoded) == true ? 1 : 0) }
    }
  }

  static func figures<Category>(_ data: ReliabilityData<Category>) -> ReliabilityFigures {
    let alpha = data.krippendorffAlpha()
    if data.coders.count == 2,
      let table = try? data.contingencyTable(between: data.coders[0], and: data.coders[1])
    {
      return ReliabilityFigures(
        units: table.unitCount, percentAgreement: table.percentAgreement(),
        cohensKappa: table.cohensKappa(),
        fleissKappa: table.scottsPiAsFleiss(), krippendorffAlpha: alpha, characters: nil)
    }
    return ReliabilityFigures(
      units: data.units.count, percentAgreement: data.percentAgreementPairableWeighted(),
      cohensKappa: nil,
      fleissKappa: (try? data.fleissKappa()) ?? data.fleissKappaWithMissingRatings(),
      krippendorffAlpha: alpha,
      characters: nil)
  }
}

extension ContingencyTable {
  /// Fleiss' κ with two raters, which is Scott's π (METHODS.md §3.2), named as Fleiss' κ.
  func scottsPiAsFleiss() -> AgreementResult {
    var result = scottsPi()
    result.coefficient = .fleissKappa
    result.summary = result.summary.replacingPrefix(
      "Scott's π", with: "Fleiss' κ (= Scott's π for two coders)")
    return result
  }
}

extension String {
  func replacingPrefix(_ prefix: String, with replacement: String) -> String {
    hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
  }
}
