import QDAAgreement
import Testing

/// Krippendorff's α on the published examples G1–G7 and G12 of METHODS.md §4.
@Suite("Krippendorff's α")
struct KrippendorffAlphaTests {
  // MARK: - G1

  @Test func g1CoincidenceMatrixIsKrippendorffs() {
    let matrix = GoldenData.g1.coincidenceMatrix()
    #expect(matrix.categories == [1, 2, 3, 4, 5])
    let expected: [[Double]] = [
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ]
    for c in 0..<5 {
      for k in 0..<5 {
        expectClose(
          matrix.coincidences[c][k], expected[c][k], within: 1e-12, "o[\(c + 1)][\(k + 1)]")
      }
    }
    for (total, expected) in zip(matrix.totals, [9.0, 13, 10, 5, 3]) {
      expectClose(total, expected, within: 1e-12, "n_c")
    }
    expectClose(matrix.pairableValues, 40, within: 1e-12, "n")
  }

  @Test func g1NominalAlpha() {
    let alpha = GoldenData.g1.krippendorffAlpha()
    expectValue(alpha, 904.0 / 1216.0, within: 1e-12)
    expectValue(alpha, 0.7434210526, within: Tolerance.package)
    expectValue(alpha, 0.743, within: Tolerance.published)
    expectValue(alpha, 0.74342, within: Tolerance.fiveDecimals)  // irrCAC
    expectClose(alpha.observedDisagreement, 0.200, within: Tolerance.published, "D_o")
    expectClose(alpha.expectedDisagreement, 0.779, within: Tolerance.published, "D_e")
    #expect(alpha.counts == AgreementCounts(units: 11, singleValueUnits: 1, values: 40, coders: 4))
    #expect(
      alpha.summary
        == "Krippendorff's α (nominal) over 11 units with values from 2 or more of 4 coders (40 pairable values); 1 unit coded by one coder only was left out"
    )
  }

  @Test func g1OrdinalIntervalAndRatioAlpha() {
    expectValue(GoldenData.g1.krippendorffAlpha(.ordinal), 0.8153875, within: Tolerance.package)
    expectValue(GoldenData.g1.krippendorffAlpha(.ordinal), 0.815, within: Tolerance.published)
    let interval = GoldenData.g1.krippendorffAlpha(.interval)
    expectValue(interval, 0.8491071, within: Tolerance.package)
    expectValue(interval, 0.849, within: Tolerance.published)
    expectClose(interval.observedDisagreement, 0.43333, within: Tolerance.fiveDecimals, "D_o")
    expectClose(interval.expectedDisagreement, 2.87179, within: Tolerance.fiveDecimals, "D_e")
    expectValue(GoldenData.g1.krippendorffAlpha(.ratio), 0.7974028, within: Tolerance.package)
    expectValue(GoldenData.g1.krippendorffAlpha(.ratio), 0.797, within: Tolerance.published)
  }

  /// The `krippendorff` doctest's string variant: with the value domain ordered the ordinal α
  /// is 0.815; without an order, nominal 0.743.
  @Test func g1StringVariant() {
    enum Level: Int, Comparable, Sendable, CaseIterable {
      case veryLow = 1, low, mid, high, veryHigh
      static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    let levels = ReliabilityData(
      coders: GoldenData.g1.coders,
      valuesByUnit: GoldenData.g1.values.map { row in row.map { $0.flatMap(Level.init(rawValue:)) }
      })
    expectValue(levels.krippendorffAlpha(.ordinal), 0.815, within: Tolerance.published)
    expectValue(levels.krippendorffAlpha(), 0.743, within: Tolerance.published)
    let names = ReliabilityData(
      coders: GoldenData.g1.coders,
      valuesByUnit: levels.values.map { row in row.map { $0.map { "\($0)" } } })
    expectValue(names.krippendorffAlpha(), 0.7434210526, within: Tolerance.package)
  }

  // MARK: - G2–G7

  @Test func g2WikipediaExample() {
    let nominal = GoldenData.g2.krippendorffAlpha()
    expectValue(nominal, 0.691358, within: Tolerance.package)
    expectClose(nominal.observedDisagreement, 0.230769, within: Tolerance.package, "D_o")
    expectClose(nominal.expectedDisagreement, 0.747692, within: Tolerance.package, "D_e")
    expectValue(GoldenData.g2.krippendorffAlpha(.interval), 0.810845, within: Tolerance.package)
    #expect(
      nominal.counts
        == AgreementCounts(units: 12, singleValueUnits: 1, emptyUnits: 2, values: 26, coders: 3))
  }

  @Test func g2ValueCountsFormGivesTheSameAlpha() {
    let counts = CategoryCounts(
      categories: [1, 2, 3, 4],
      counts: [
        [1, 0, 0, 0], [0, 0, 0, 0], [0, 2, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 1],
        [0, 0, 0, 3],
        [1, 0, 1, 0], [0, 2, 0, 0], [2, 0, 0, 0], [2, 0, 0, 0], [0, 0, 2, 0], [0, 0, 2, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
      ])
    expectValue(counts.krippendorffAlpha(), 0.691358, within: Tolerance.package)
    expectValue(counts.krippendorffAlpha(.interval), 0.810845, within: Tolerance.package)
  }

  @Test func g3BinaryTwoCoders() throws {
    let data = ReliabilityData(
      coders: ["A", "B"],
      valuesByCoder: [[1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]])
    let alpha = data.krippendorffAlpha()
    expectValue(alpha, 0.0952381, within: Tolerance.package)
    expectValue(alpha, 0.095, within: Tolerance.published)
    expectClose(alpha.observedDisagreement, 0.400, within: Tolerance.published, "D_o")
    expectClose(alpha.expectedDisagreement, 0.442, within: Tolerance.published, "D_e")
    expectValue(
      try data.contingencyTable(between: "A", and: "B").percentAgreement(), 0.600,
      within: Tolerance.published)
  }

  @Test func g4NominalTwoCoders() throws {
    let table = ContingencyTable(
      pairs: GoldenData.pairs([
        ("a", "a", 1), ("a", "b", 1), ("b", "b", 4), ("b", "c", 1), ("c", "c", 5),
      ]))
    let alpha = table.krippendorffAlpha()
    expectValue(alpha, 0.734, within: Tolerance.published)
    expectClose(alpha.observedDisagreement, 0.1667, within: Tolerance.fourDecimals, "D_o")
    expectClose(alpha.expectedDisagreement, 0.6268, within: Tolerance.fourDecimals, "D_e")
    expectValue(table.percentAgreement(), 0.833, within: Tolerance.published)
    expectValue(table.cohensKappa(), 0.724138, within: Tolerance.package)
    expectValue(table.scottsPi(), 0.722543, within: Tolerance.package)
  }

  @Test func g5BinaryThreeCoders() {
    let data = ReliabilityData(
      coders: ["A", "B", "C"],
      valuesByCoder: [
        [0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1],
        [0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1],
        [0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0],
      ])
    expectValue(data.krippendorffAlpha(), 0.234375, within: Tolerance.package)
    // icr prints 0.2343, the exact 0.234375 cut (not rounded) to four decimals.
    expectValue(data.krippendorffAlpha(), 0.2343, within: Tolerance.published)
  }

  @Test func g6TwoCodersFourCategories() throws {
    let data = ReliabilityData(
      coders: ["A", "B"],
      valuesByCoder: [
        ["a", "a", "c", "c", "c", "c", "c", "b", "b", "b", "b", "d"],
        ["a", "c", "c", "c", "c", "c", "b", "b", "b", "b", "b", "d"],
      ])
    expectValue(data.krippendorffAlpha(), 0.7591623, within: Tolerance.package)
    expectValue(data.krippendorffAlpha(), 0.759, within: Tolerance.published)
    let table = try data.contingencyTable(between: "A", and: "B")
    expectValue(table.cohensKappa(), 0.75, within: Tolerance.package)
    expectValue(table.scottsPi(), 0.748691, within: Tolerance.package)
    expectValue(table.percentAgreement(), 0.8333, within: Tolerance.fourDecimals)
    expectValue(table.krippendorffAlpha(), 0.7591623, within: Tolerance.package)
  }

  @Test func g7HayesKrippendorffOrdinalWithMissing() {
    #expect(GoldenData.g7.units.count == 40)
    expectValue(GoldenData.g7.krippendorffAlpha(.ordinal), 0.7598292, within: Tolerance.package)
    expectValue(GoldenData.g7.krippendorffAlpha(), 0.4765, within: Tolerance.fourDecimals)
    expectValue(GoldenData.g7.krippendorffAlpha(.interval), 0.757378, within: Tolerance.package)
  }

  // MARK: - G12 weighted

  /// Artstein & Poesio (2008) example 2 with δ(Chck, x) = 0.5, else 1 (DKPro).
  @Test func g12WeightedAlphaAndKappa() {
    let table = ContingencyTable(
      pairs: GoldenData.pairs([
        ("STAT", "STAT", 46), ("IReq", "STAT", 6), ("IReq", "IReq", 32), ("IReq", "Chck", 6),
        ("Chck", "Chck", 10),
      ]))
    // DKPro asserts α 0.800 and D_e 0.601 to ±0.001. Exactly, D_e = 23944/39800 = 0.601608
    // and α = 0.800535, which round to 0.602 and 0.801: within DKPro's ±0.001, not ±0.0005.
    let alpha = table.krippendorffAlpha()
    expectValue(alpha, 0.800, within: 0.001)
    expectValue(alpha, 1 - 0.12 / (23944.0 / 39800), within: 1e-12)
    expectClose(alpha.observedDisagreement, 0.120, within: Tolerance.published, "D_o")
    expectClose(alpha.expectedDisagreement, 0.601, within: 0.001, "D_e")
    expectClose(alpha.expectedDisagreement, 23944.0 / 39800, within: 1e-12, "D_e")
    let partial = AlphaMetric<String>(name: "Chck half") { c, k in
      c == "Chck" || k == "Chck" ? 0.5 : 1
    }
    let weighted = table.krippendorffAlpha(partial)
    expectValue(weighted, 0.8156, within: Tolerance.fourDecimals)
    expectClose(weighted.observedDisagreement, 0.090, within: Tolerance.published, "D_o")
    expectClose(weighted.expectedDisagreement, 0.4879, within: Tolerance.fourDecimals, "D_e")
    let kappa = table.weightedKappa(partial)
    expectValue(kappa, 0.8163, within: Tolerance.fourDecimals)
    expectClose(kappa.expectedDisagreement, 0.490, within: Tolerance.published, "D_e")
    expectValue(table.weightedKappa(.nominal), 0.8013, within: Tolerance.fourDecimals)
  }
}
