import QDAAgreement
import Testing

/// Identities between the coefficients, checked on the golden tables and on generated data.
@Suite("Properties")
struct PropertyTests {
  /// The two-coder golden tables without missing values.
  static let tables: [ContingencyTable<String>] = [
    ContingencyTable(categories: ["yes", "no"], counts: [[20, 5], [10, 15]]),
    ContingencyTable(
      categories: ["1", "2", "3"], counts: [[25, 12, 3], [13, 2, 15], [12, 16, 2]]),
    ContingencyTable(
      categories: ["1", "2", "3"], counts: [[88, 14, 18], [10, 40, 10], [2, 6, 12]]),
    ContingencyTable(
      categories: ["E", "A", "N"], counts: [[13, 0, 0], [0, 20, 7], [0, 4, 56]]),
    ContingencyTable(
      categories: ["a", "b", "c"], counts: [[12, 18, 18], [0, 14, 18], [0, 0, 20]]),
  ]

  /// A small deterministic generator (a 64-bit LCG), so generated cases are the same every run.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// Generated data: a few coders, a few categories, some values missing.
  static func generated(seed: UInt64, missing: Bool) -> ReliabilityData<Int> {
    var generator = Generator(state: seed)
    let coders = 2 + generator.next(3)
    let categories = 1 + generator.next(4)
    let units = 1 + generator.next(15)
    let values: [[Int?]] = (0..<units).map { _ in
      (0..<coders).map { _ in
        missing && generator.next(4) == 0 ? nil : 1 + generator.next(categories)
      }
    }
    return ReliabilityData(coders: (0..<coders).map { "c\($0)" }, valuesByUnit: values)
  }

  /// α nominal for two coders without missing values is π + (1 − π)/n, n = 2N pairable values:
  /// D_e = n/(n − 1)·(1 − p_e(π)), so 1 − α = (n − 1)/n·(1 − π).
  @Test(arguments: tables)
  func alphaIsScottsPiCorrectedForSampleSize(table: ContingencyTable<String>) throws {
    let pi = try #require(table.scottsPi().value)
    let n = Double(2 * table.unitCount)
    expectValue(table.krippendorffAlpha(), pi + (1 - pi) / n, within: 1e-12)
  }

  /// Scott's π equals Fleiss' κ with two raters; AC1 and Brennan–Prediger equal their
  /// multi-rater forms when no value is missing.
  @Test(arguments: tables)
  func twoRaterFormsAgreeWithMultiRaterForms(table: ContingencyTable<String>) throws {
    let pairs = table.categories.indices.flatMap { i in
      table.categories.indices.flatMap { j in
        Array(
          repeating: [table.categories[i], table.categories[j]] as [String?],
          count: table.counts[i][j])
      }
    }
    let data = ReliabilityData(coders: ["A", "B"], valuesByUnit: pairs)
    let counts = CategoryCounts(
      categories: table.categories,
      counts: pairs.map { pair in table.categories.map { c in pair.filter { $0 == c }.count } })
    expectValue(try counts.fleissKappa(), try #require(table.scottsPi().value), within: 1e-12)
    expectValue(counts.gwetAC1(), try #require(table.gwetAC1().value), within: 1e-12)
    expectValue(
      counts.brennanPrediger(), try #require(table.brennanPrediger().value), within: 1e-12)
    expectValue(
      data.percentAgreementUnitAveraged(), try #require(table.percentAgreement().value),
      within: 1e-12)
    expectValue(
      data.percentAgreementPairableWeighted(), try #require(table.percentAgreement().value),
      within: 1e-12)
    expectValue(
      data.krippendorffAlpha(), try #require(table.krippendorffAlpha().value), within: 1e-12)
    expectValue(
      table.weightedKappa(.nominal), try #require(table.cohensKappa().value), within: 1e-12)
  }

  /// Swapping the two coders transposes the table and changes no coefficient.
  @Test(arguments: tables)
  func twoCoderCoefficientsAreSymmetric(table: ContingencyTable<String>) {
    let swapped = ContingencyTable(
      categories: table.categories,
      counts: table.categories.indices.map { i in
        table.categories.indices.map { j in table.counts[j][i] }
      })
    for (original, transposed) in zip(
      [
        table.cohensKappa(), table.scottsPi(), table.gwetAC1(), table.brennanPrediger(),
        table.krippendorffAlpha(),
      ],
      [
        swapped.cohensKappa(), swapped.scottsPi(), swapped.gwetAC1(), swapped.brennanPrediger(),
        swapped.krippendorffAlpha(),
      ])
    {
      expectValue(transposed, original.value ?? .nan, within: 1e-12)
    }
  }

  /// Fleiss' κ in Gwet's missing-data form is Fleiss' κ on complete data.
  @Test func missingDataFleissIsFleissOnCompleteData() throws {
    let counts = GoldenData.g10.categoryCounts()
    expectValue(
      counts.fleissKappaWithMissingRatings(), try #require(try counts.fleissKappa().value),
      within: 1e-12)
  }

  /// Perfect agreement with some variation gives exactly 1 for every coefficient.
  @Test func perfectAgreementIsOne() throws {
    let data = ReliabilityData(
      coders: ["A", "B", "C"],
      valuesByUnit: [[1, 1, 1], [2, 2, nil], [3, 3, 3], [1, nil, 1], [4, nil, nil]])
    let results = [
      data.krippendorffAlpha(), data.krippendorffAlpha(.ordinal), data.krippendorffAlpha(.interval),
      data.krippendorffAlpha(.ratio), data.gwetAC1(), data.fleissKappaWithMissingRatings(),
      data.brennanPrediger(),
      data.percentAgreementUnitAveraged(), data.percentAgreementPairableWeighted(),
    ]
    let table = try data.contingencyTable(between: "A", and: "B")
    for result in results + [
      table.cohensKappa(), table.scottsPi(), table.gwetAC1(), table.brennanPrediger(),
    ] {
      expectValue(result, 1, within: 1e-12)
    }
  }

  /// On generated data: permuting coders changes nothing, no result is NaN or infinite, and a
  /// result is undefined exactly when the data leave nothing to compare or no variation.
  @Test(arguments: 1...60)
  func generatedDataBehaves(seed: Int) throws {
    let data = Self.generated(seed: UInt64(seed), missing: seed % 3 != 0)
    let reversed = try data.restricted(to: data.coders.reversed())
    let pairs: [(AgreementResult, AgreementResult)] = [
      (data.krippendorffAlpha(), reversed.krippendorffAlpha()),
      (data.krippendorffAlpha(.interval), reversed.krippendorffAlpha(.interval)),
      (data.gwetAC1(), reversed.gwetAC1()),
      (data.fleissKappaWithMissingRatings(), reversed.fleissKappaWithMissingRatings()),
      (data.percentAgreementUnitAveraged(), reversed.percentAgreementUnitAveraged()),
    ]
    for (result, permuted) in pairs {
      #expect(
        result.estimate.value.map { abs($0 - (permuted.value ?? .nan)) < 1e-12 }
          ?? (permuted.value == nil))
      #expect(result.value.map(\.isFinite) ?? true, "\(result)")
      #expect(result.value.map { $0 <= 1 + 1e-12 } ?? true, "\(result)")
    }
    let table = try data.contingencyTable(between: data.coders[0], and: data.coders[1])
    for result in [
      table.cohensKappa(), table.scottsPi(), table.gwetAC1(), table.krippendorffAlpha(),
    ] {
      let variation =
        table.categories.count > 1 && table.unitCount > 0
        && Set(
          table.categories.indices.filter {
            table.firstCoderTotals[$0] + table.secondCoderTotals[$0] > 0
          }
        ).count > 1
      #expect(result.isDefined == variation, "\(result)")
      #expect(result.value.map(\.isFinite) ?? true, "\(result)")
    }
  }
}
