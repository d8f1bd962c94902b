import QDAAgreement
import Testing

/// METHODS.md §3.1's edge cases: no variation and nothing to compare are undefined results,
/// never NaN and never 1, with the percent agreement still reported.
@Suite("Edge cases")
struct EdgeCaseTests {
  /// Every value in one category, three coders, one unit coded once.
  static let oneCategory = ReliabilityData(
    coders: ["A", "B", "C"],
    valuesByUnit: [["x", "x", "x"], ["x", "x", nil], ["x", nil, nil], ["x", "x", "x"]])

  @Test func everyCoderUsingOneCategoryIsUndefined() throws {
    let data = Self.oneCategory
    let results = [
      data.krippendorffAlpha(), data.gwetAC1(), data.gwetAC1(categoryCount: 4),
      data.fleissKappaWithMissingRatings(), data.brennanPrediger(),
      data.brennanPrediger(categoryCount: 4),
    ]
    for result in results {
      #expect(result.estimate == .undefined(.noVariation), "\(result)")
    }
    let complete = try data.restricted(to: ["A", "B"])
    let table = try complete.contingencyTable(between: "A", and: "B")
    for result in [table.cohensKappa(), table.scottsPi(), table.gwetAC1(categoryCount: 3)] {
      #expect(result.estimate == .undefined(.noVariation), "\(result)")
      #expect(result.observedAgreement == 1)
    }
    #expect(data.percentAgreementUnitAveraged().value == 1)
    #expect(data.percentAgreementPairableWeighted().value == 1)
    #expect(data.krippendorffAlpha().counts.singleValueUnits == 1)
  }

  @Test func nothingCodedTwiceIsUndefined() throws {
    let data = ReliabilityData(
      coders: ["A", "B"], valuesByUnit: [["x", nil], [nil, "y"], [nil, nil]])
    let results = [
      data.krippendorffAlpha(), data.gwetAC1(), data.fleissKappaWithMissingRatings(),
      data.brennanPrediger(), data.percentAgreementUnitAveraged(),
      data.percentAgreementPairableWeighted(),
    ]
    for result in results {
      #expect(result.estimate == .undefined(.noPairableUnits), "\(result)")
      #expect(
        result.counts
          == AgreementCounts(units: 0, singleValueUnits: 2, emptyUnits: 1, values: 0, coders: 2))
    }
    let empty = CategoryCounts<String>(categories: ["x"], counts: [])
    #expect(try empty.fleissKappa().estimate == .undefined(.noPairableUnits))
    #expect(try empty.fleissKappa().chanceAgreement == 0)
  }

  @Test func noResultHoldsNaN() throws {
    let empty = CategoryCounts<String>(categories: ["x", "y"], counts: [[0, 0], [0, 0]])
    let table = ContingencyTable<String>(categories: ["x", "y"], counts: [[0, 0], [0, 0]])
    let results = [
      try empty.fleissKappa(), empty.krippendorffAlpha(), empty.gwetAC1(), table.cohensKappa(),
      table.scottsPi(), table.gwetAC1(), table.weightedKappa(.nominal), table.krippendorffAlpha(),
      table.percentAgreement(),
    ]
    for result in results {
      let numbers: [Double] =
        switch result.basis {
        case .observed(let o): [o]
        case .agreement(let o, let c): [o, c]
        case .disagreement(let o, let e): [o, e]
        }
      #expect(numbers.allSatisfy { $0.isFinite }, "\(result)")
      #expect(!result.isDefined)
    }
  }

  @Test func unitizingWithOneCoderIsUndefined() throws {
    var study = UnitizingStudy(length: 10, coders: ["a"])
    try study.add(begin: 2, length: 3, coder: "a", category: "x")
    #expect(study.alpha(for: "x").estimate == .undefined(.noPairableUnits))
    #expect(study.alpha().estimate == .undefined(.noPairableUnits))
  }

  @Test func unequalRatingsNeedTheMissingDataForm() {
    #expect(throws: AgreementError.self) { try GoldenData.g2.fleissKappa() }
    #expect(GoldenData.g2.fleissKappaWithMissingRatings().isDefined)
  }
}
