/// Krippendorff's unitizing α (uα) as in Krippendorff (1995, "On the reliability of unitizing
/// contiguous data") and Krippendorff (2004, §12.4), computed as DKPro Statistics'
/// `KrippendorffAlphaUnitizingAgreement` does.
///
/// This is the 1995/2004 coefficient, not the later uα family of Krippendorff, Mathet, Bouvry &
/// Widlöcher (2016) that ATLAS.ti reports; descriptions say so.
extension UnitizingStudy {
  /// uα for one category: 1 − D_o(c)/D_e(c).
  ///
  /// - D_o(c) = 2/(R(R − 1)L²) · Σ over coder pairs Σ over overlapping sections δ², where δ² is
  ///   (b_i − b_j)² + (e_i − e_j)² for two units, the unit's length² for a unit inside the
  ///   other coder's gap, and 0 otherwise.
  /// - D_e(c) = (2/L) · Σ_u [(N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g ≥ l}(g − l + 1)]
  ///   / (R·L(R·L − 1) − Σ_u l(l − 1)).
  ///
  /// - Parameter category: the category; one no coder marked gives an undefined result.
  /// - Returns: uα with D_o(c) and D_e(c) as its basis.
  public func alpha(for category: String) -> AgreementResult {
    let count = segments.filter { $0.category == category }.count
    return .disagreementBased(
      .unitizingAlpha(category: category), observed: observedDisagreement(category),
      expected: expectedDisagreement(category),
      counts: AgreementCounts(units: comparedPositions, values: count, coders: coders.count),
      summary:
        "Krippendorff's uα (1995/2004 unitizing) for \(category) \(scope), \(count) segment\(count == 1 ? "" : "s")"
    )
  }

  /// uα over every category: 1 − mean_c D_o(c) / mean_c D_e(c).
  public func alpha() -> AgreementResult {
    let categories = self.categories
    let observed =
      categories.reduce(0.0) { $0 + observedDisagreement($1) } / Double(max(categories.count, 1))
    let expected =
      categories.reduce(0.0) { $0 + expectedDisagreement($1) } / Double(max(categories.count, 1))
    return .disagreementBased(
      .unitizingAlpha(category: nil), observed: observed, expected: expected,
      counts: AgreementCounts(
        units: comparedPositions, values: segments.count, coders: coders.count),
      summary:
        "Krippendorff's uα (1995/2004 unitizing) for \(categories.count) categor\(categories.count == 1 ? "y" : "ies") "
        + "\(scope), \(segments.count) segment\(segments.count == 1 ? "" : "s")")
  }

  /// uα for each category, in order of first appearance.
  public func categoryAlphas() -> [AgreementResult] { categories.map { alpha(for: $0) } }

  // MARK: - Disagreements

  /// D_o(c).
  func observedDisagreement(_ category: String) -> Double {
    let r = coders.count
    guard r > 1 else { return 0 }
    let sections = coders.map { self.sections(of: $0, in: category) }
    var sum = 0.0
    for i in 0..<r {
      for j in (i + 1)..<r {
        sum += Self.distances(sections[i], sections[j])
      }
    }
    let l = Double(length)
    return 2 * sum / (Double(r * (r - 1)) * l * l)
  }

  /// D_e(c).
  func expectedDisagreement(_ category: String) -> Double {
    let lengths = segments.filter { $0.category == category }.map { Double($0.length) }
    let gaps = coders.flatMap { coder in
      sections(of: coder, in: category).filter { !$0.isUnit }.map { Double($0.length) }
    }
    let unitCount = Double(lengths.count)
    var numerator = 0.0
    for l in lengths {
      let withinUnits = (unitCount - 1) * (2 * l * l * l - 3 * l * l + l) / 3
      let inGaps = gaps.filter { $0 >= l }.reduce(0.0) { $0 + ($1 - l + 1) }
      numerator += withinUnits + l * l * inGaps
    }
    let rl = Double(coders.count) * Double(length)
    let denominator = rl * (rl - 1) - lengths.reduce(0.0) { $0 + $1 * ($1 - 1) }
    guard denominator > 0 else { return 0 }
    return 2 / Double(length) * numerator / denominator
  }

  /// Σ δ² over the overlapping sections of two coders, walking both along the continuum.
  static func distances(_ first: [Section], _ second: [Section]) -> Double {
    var sum = 0.0
    var i = 0
    var j = 0
    while i < first.count && j < second.count {
      sum += distance(first[i], second[j])
      let (a, b) = (first[i].end, second[j].end)
      if a <= b { i += 1 }
      if b <= a { j += 1 }
    }
    return sum
  }

  /// δ² between two overlapping sections.
  static func distance(_ x: Section, _ y: Section) -> Double {
    switch (x.isUnit, y.isUnit) {
    case (true, true):
      let b = Double(x.begin - y.begin)
      let e = Double(x.end - y.end)
      return b * b + e * e
    case (true, false) where y.begin <= x.begin && x.end <= y.end:
      return Double(x.length) * Double(x.length)
    case (false, true) where x.begin <= y.begin && y.end <= x.end:
      return Double(y.length) * Double(y.length)
    default:
      return 0
    }
  }

  /// The positions compared: the continuum's, when there are two coders to compare.
  var comparedPositions: Int { coders.count >= 2 ? length : 0 }

  /// "over a continuum of 300 positions from 150, 2 coders".
  var scope: String {
    "over a continuum of \(length) positions from \(begin), \(coders.count) coders"
  }
}
