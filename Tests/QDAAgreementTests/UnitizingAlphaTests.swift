import QDAAgreement
import Testing

/// Krippendorff's unitizing uα on G17 and G18 of METHODS.md §4.
@Suite("Unitizing α")
struct UnitizingAlphaTests {
  /// Builds a study from (begin, length, coder, category) segments.
  static func study(
    begin: Int = 0, length: Int, coders: [String] = ["0", "1"],
    _ segments: [(Int, Int, String, String)]
  ) throws -> UnitizingStudy {
    var study = UnitizingStudy(begin: begin, length: length, coders: coders)
    for (start, count, coder, category) in segments {
      try study.add(begin: start, length: count, coder: coder, category: category)
    }
    return study
  }

  /// G17: Krippendorff (2004, p. 254).
  static func g17() throws -> UnitizingStudy {
    try study(
      begin: 150, length: 300,
      [
        (225, 70, "0", "c"), (370, 30, "0", "c"), (220, 80, "1", "c"), (355, 20, "1", "c"),
        (400, 20, "1", "c"),
        (180, 60, "0", "k"), (300, 50, "0", "k"), (180, 60, "1", "k"), (300, 50, "1", "k"),
      ])
  }

  /// G18: Krippendorff (1995, p. 57), the four pairs as four categories of one two-coder study.
  static func g18(stretch: Int = 1) throws -> UnitizingStudy {
    let segments: [(Int, Int, String, String)] = [
      (2, 8, "0", "A"), (14, 6, "0", "A"), (4, 4, "1", "A"), (15, 2, "1", "A"),
      (0, 18, "0", "B"), (0, 2, "1", "B"), (2, 1, "1", "B"), (3, 1, "1", "B"), (4, 1, "1", "B"),
      (5, 1, "1", "B"),
      (6, 3, "1", "B"), (9, 1, "1", "B"),
      (2, 6, "0", "C"), (10, 2, "0", "C"), (14, 4, "0", "C"), (20, 2, "0", "C"), (0, 2, "1", "C"),
      (4, 4, "1", "C"),
      (10, 4, "1", "C"), (16, 2, "1", "C"), (20, 2, "1", "C"),
      (0, 2, "0", "D"), (2, 8, "0", "D"), (10, 4, "0", "D"), (14, 6, "0", "D"), (20, 4, "0", "D"),
      (0, 4, "1", "D"),
      (4, 4, "1", "D"), (8, 7, "1", "D"), (15, 2, "1", "D"), (17, 7, "1", "D"),
    ]
    return try study(
      length: 24 * stretch, segments.map { ($0.0 * stretch, $0.1 * stretch, $0.2, $0.3) })
  }

  @Test func g17PerCategoryAndOverall() throws {
    let study = try Self.g17()
    let c = study.alpha(for: "c")
    // DKPro: D_o 0.0144, D_e 0.0532, uα 0.7286, each ±0.0001.
    expectClose(c.observedDisagreement, 0.0144, within: 0.0001, "D_o(c)")
    expectClose(c.observedDisagreement, 1300.0 / 90_000, within: 1e-15, "D_o(c)")
    expectClose(c.expectedDisagreement, 0.0532, within: 0.0001, "D_e(c)")
    expectValue(c, 0.7286, within: 0.0001)
    let k = study.alpha(for: "k")
    expectClose(k.observedDisagreement, 0, within: 0.0001, "D_o(k)")
    expectClose(k.expectedDisagreement, 0.0490, within: 0.0001, "D_e(k)")
    expectValue(k, 1.0000, within: 0.0001)
    // Recomputed in exact rational arithmetic from the D_e formula: 69179/1299825 = 0.0532218
    // and 127621/2605650 = 0.0489786 (METHODS.md's 0.053224 and 0.048980 are 2e-6 off).
    expectClose(c.expectedDisagreement, 69179.0 / 1_299_825, within: 1e-12, "D_e(c)")
    expectClose(k.expectedDisagreement, 127_621.0 / 2_605_650, within: 1e-12, "D_e(k)")
    let overall = study.alpha()
    expectValue(overall, 0.8591, within: Tolerance.published)
    expectValue(overall, 0.858665, within: Tolerance.package)
    #expect(
      study.categoryAlphas().map(\.coefficient) == [
        .unitizingAlpha(category: "c"), .unitizingAlpha(category: "k"),
      ])
    #expect(
      c.summary
        == "Krippendorff's uα (1995/2004 unitizing) for c over a continuum of 300 positions from 150, 2 coders, 5 segments"
    )
  }

  /// The pairwise distances DKPro's Krippendorff2004Test checks, as one-section studies.
  @Test func g17PairwiseDistances() throws {
    // (225,70) against (220,80): 5² + 5² = 50; observed disagreement is 2·50/(2·L²).
    let units = try Self.study(begin: 150, length: 300, [(225, 70, "0", "c"), (220, 80, "1", "c")])
    expectClose(units.alpha(for: "c").observedDisagreement, 50.0 / 90_000, within: 1e-15, "50")
    let shifted = try Self.study(
      begin: 150, length: 300, [(370, 30, "0", "c"), (355, 20, "1", "c")])
    expectClose(shifted.alpha(for: "c").observedDisagreement, 850.0 / 90_000, within: 1e-15, "850")
    // A unit (400,20) inside the other coder's gap (400,50) costs its length squared; the two
    // identical units before it cost nothing.
    let gap = try Self.study(
      begin: 150, length: 300, [(300, 100, "0", "c"), (300, 100, "1", "c"), (400, 20, "1", "c")])
    expectClose(gap.alpha(for: "c").observedDisagreement, 400.0 / 90_000, within: 1e-15, "400")
    // Gap (2,3) against unit (2,2), plus unit (5,6) against gap (4,7): 4 + 36 = 40.
    let both = try Self.study(
      length: 11, [(0, 2, "0", "X"), (5, 6, "0", "X"), (0, 2, "1", "X"), (2, 2, "1", "X")])
    expectClose(both.alpha(for: "X").observedDisagreement, 40.0 / 121, within: 1e-15, "40")
    let cases: [((Int, Int), Double)] = [
      ((4, 2), 26), ((5, 2), 16), ((6, 2), 10), ((7, 2), 8), ((6, 4), 2), ((5, 6), 0),
    ]
    for ((begin, length), expected) in cases {
      let pair = try Self.study(length: 20, [(5, 6, "0", "X"), (begin, length, "1", "X")])
      expectClose(
        pair.alpha(for: "X").observedDisagreement, expected / 400, within: 1e-15,
        "(5,6) vs (\(begin),\(length))")
    }
  }

  /// G18 at L = 24: the tight observed disagreements.
  @Test func g18ObservedDisagreements() throws {
    let study = try Self.g18()
    let expected = ["A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715]
    for (category, value) in expected {
      expectClose(
        study.alpha(for: category).observedDisagreement, value, within: 1e-5, "D_o(\(category))")
    }
  }

  /// G18, pair C on the half-scale continuum (L = 12): DKPro reproduces D_e 0.05494, uα 0.494.
  @Test func g18HalfScale() throws {
    let study = try Self.study(
      length: 12,
      [
        (1, 3, "0", "C"), (5, 1, "0", "C"), (7, 2, "0", "C"), (10, 1, "0", "C"),
        (0, 1, "1", "C"), (2, 2, "1", "C"), (5, 2, "1", "C"), (8, 1, "1", "C"), (10, 1, "1", "C"),
      ])
    let c = study.alpha(for: "C")
    expectClose(c.observedDisagreement, 0.02777, within: 1e-5, "D_o")
    expectClose(c.expectedDisagreement, 0.05494, within: 1e-5, "D_e")
    expectValue(c, 0.494, within: Tolerance.published)
  }

  /// G18 stretched ×50000: the loose values, ±0.005 on D_e and ±0.02 on uα (DKPro attributes
  /// the residual to an error in the 1995 paper's D_E).
  @Test func g18Stretched() throws {
    let study = try Self.g18(stretch: 50_000)
    let expected: [String: (expected: Double, alpha: Double)] = [
      "A": (0.0699, 0.553), "B": (1.17731, -0.926), "C": (0.08642, 0.679), "D": (0.41445, 0.066),
    ]
    for (category, value) in expected {
      let result = study.alpha(for: category)
      expectClose(result.expectedDisagreement, value.expected, within: 0.005, "D_e(\(category))")
      expectValue(result, value.alpha, within: 0.02)
    }
  }

  @Test func segmentsMustFitTheContinuumAndNotOverlap() throws {
    var study = UnitizingStudy(length: 10, coders: ["a", "b"])
    try study.add(begin: 0, length: 3, coder: "a", category: "x")
    try study.add(begin: 3, length: 3, coder: "a", category: "x")
    try study.add(begin: 2, length: 3, coder: "a", category: "y")
    #expect(throws: AgreementError(.overlappingSegments, "a's x segments 3..<6 and 5..<7 overlap"))
    {
      try study.add(begin: 5, length: 2, coder: "a", category: "x")
    }
    #expect(throws: AgreementError.self) {
      try study.add(begin: 8, length: 3, coder: "b", category: "x")
    }
    #expect(throws: AgreementError.self) {
      try study.add(begin: 8, length: 0, coder: "b", category: "x")
    }
    #expect(throws: AgreementError.self) {
      try study.add(begin: 1, length: 1, coder: "c", category: "x")
    }
  }

  @Test func aCategoryNobodyMarkedIsUndefined() throws {
    let study = try Self.g17()
    #expect(study.alpha(for: "z").estimate == .undefined(.noVariation))
    #expect(
      UnitizingStudy(length: 5, coders: ["a", "b"]).alpha().estimate == .undefined(.noVariation))
  }
}
