import QDAAgreement
import Testing

/// The two-coder coefficients on the published examples G8 and G11–G16 of METHODS.md §4.
@Suite("Two-coder coefficients")
struct ContingencyTableTests {
  /// G8: Wikipedia's 50 grant proposals.
  @Test func g8GrantProposals() {
    let table = ContingencyTable(categories: ["yes", "no"], counts: [[20, 5], [10, 15]])
    let kappa = table.cohensKappa()
    expectValue(kappa, 0.40, within: Tolerance.package)
    expectClose(kappa.observedAgreement, 0.70, within: Tolerance.package, "p_o")
    expectClose(kappa.chanceAgreement, 0.50, within: Tolerance.package, "p_e")
    let pi = table.scottsPi()
    expectValue(pi, 0.393939, within: Tolerance.package)
    expectClose(pi.chanceAgreement, 0.505, within: Tolerance.package, "p_e")
    let ac1 = table.gwetAC1()
    expectValue(ac1, 0.405941, within: Tolerance.package)
    expectClose(ac1.chanceAgreement, 0.495, within: Tolerance.package, "p_e")
    let alpha = table.krippendorffAlpha()
    expectValue(alpha, 0.400000, within: Tolerance.package)
    expectClose(alpha.observedDisagreement, 0.3, within: Tolerance.package, "D_o")
    expectClose(alpha.expectedDisagreement, 0.5, within: Tolerance.package, "D_e")
    expectValue(table.brennanPrediger(), 0.40, within: Tolerance.package)
    #expect(kappa.summary == "Cohen's κ over 50 units coded by both A and B")
    #expect(kappa.description == "Cohen's κ = 0.400: Cohen's κ over 50 units coded by both A and B")
  }

  /// G11: Cohen (1960), two examples of 3 categories, counts A-row × B-column.
  @Test func g11CohenExamples() {
    let first = ContingencyTable(
      categories: [1, 2, 3], counts: [[25, 12, 3], [13, 2, 15], [12, 16, 2]])
    let kappa = first.cohensKappa()
    expectClose(kappa.observedAgreement, 0.29, within: Tolerance.package, "p_o")
    expectClose(kappa.chanceAgreement, 0.35, within: Tolerance.package, "p_e")
    expectValue(kappa, -0.092308, within: Tolerance.package)
    let ac1 = first.gwetAC1()
    expectValue(ac1, -0.0480, within: Tolerance.fourDecimals)
    expectClose(ac1.chanceAgreement, 0.3225, within: Tolerance.package, "p_e")

    let second = ContingencyTable(
      categories: [1, 2, 3], counts: [[88, 14, 18], [10, 40, 10], [2, 6, 12]])
    let kappa2 = second.cohensKappa()
    expectClose(kappa2.observedAgreement, 0.70, within: Tolerance.package, "p_o")
    expectClose(kappa2.chanceAgreement, 0.41, within: Tolerance.package, "p_e")
    expectValue(kappa2, 0.492, within: Tolerance.published)
    let ac1Second = second.gwetAC1()
    expectValue(ac1Second, 0.5760, within: Tolerance.fourDecimals)
    expectClose(ac1Second.chanceAgreement, 0.2925, within: Tolerance.package, "p_e")
  }

  /// G12: Artstein & Poesio (2008), examples 1 and 2.
  @Test func g12ArtsteinPoesio() {
    let first = ContingencyTable(
      pairs: GoldenData.pairs([
        ("STAT", "STAT", 20), ("IReq", "STAT", 20), ("STAT", "IReq", 10), ("IReq", "IReq", 50),
      ]))
    expectValue(first.percentAgreement(), 0.70, within: Tolerance.package)
    expectValue(first.brennanPrediger(), 0.40, within: Tolerance.package)
    let pi = first.scottsPi()
    expectValue(pi, 0.341, within: Tolerance.published)
    expectClose(pi.chanceAgreement, 0.545, within: Tolerance.published, "p_e")
    let kappa = first.cohensKappa()
    expectValue(kappa, 0.348, within: Tolerance.published)
    expectClose(kappa.chanceAgreement, 0.54, within: Tolerance.package, "p_e")

    let second = ContingencyTable(
      pairs: GoldenData.pairs([
        ("STAT", "STAT", 46), ("IReq", "STAT", 6), ("IReq", "IReq", 32), ("IReq", "Chck", 6),
        ("Chck", "Chck", 10),
      ]))
    expectValue(second.percentAgreement(), 0.88, within: Tolerance.package)
    expectValue(second.brennanPrediger(), 0.82, within: Tolerance.package)
    expectValue(second.scottsPi(), 0.7995, within: Tolerance.fourDecimals)
    expectValue(second.cohensKappa(), 0.8013, within: Tolerance.fourDecimals)
    expectValue(second.gwetAC1(), 0.828743, within: Tolerance.package)
  }

  /// G13: Gwet's hand example of the kappa paradox, and its missing-data variant.
  @Test func g13KappaParadox() throws {
    let ratings = GoldenData.pairs([("y", "y", 8), ("n", "n", 1), ("y", "n", 1)])
    let table = ContingencyTable(pairs: ratings)
    let ac1 = table.gwetAC1()
    expectValue(ac1, 0.8658, within: Tolerance.fourDecimals)
    expectClose(ac1.observedAgreement, 0.9, within: Tolerance.package, "p_o")
    expectClose(ac1.chanceAgreement, 0.255, within: Tolerance.package, "p_e")
    expectValue(table.scottsPi(), 0.6078, within: Tolerance.fourDecimals)

    // Two more units coded y and one coded n by the first coder only: AC1 and p_o unchanged.
    let withMissing =
      ratings.map { [$0.0, $0.1] as [String?] } + [["y", nil], ["y", nil], ["n", nil]]
    let data = ReliabilityData(coders: ["A", "B"], valuesByUnit: withMissing)
    let pair = try data.contingencyTable(between: "A", and: "B")
    #expect(pair.gwetAC1().value == ac1.value)
    #expect(pair.percentAgreement().value == 0.9)
    #expect(
      pair.gwetAC1().counts
        == AgreementCounts(units: 10, singleValueUnits: 3, values: 20, coders: 2))
    #expect(
      pair.cohensKappa().summary
        == "Cohen's κ over 10 units coded by both A and B; 3 units coded by one coder only were left out"
    )
  }

  /// G14: irrCAC's `cont3x3abstractors`.
  @Test func g14IrrCACAbstractors() {
    let table = ContingencyTable(
      categories: ["Ectopic", "AIU", "NIU"], counts: [[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    expectValue(table.cohensKappa(), 0.7964094, within: Tolerance.package)
    expectValue(table.scottsPi(), 0.7962397, within: Tolerance.package)
    expectValue(table.gwetAC1(), 0.8493305, within: Tolerance.package)
    expectValue(table.brennanPrediger(), 0.835, within: Tolerance.published)
    expectValue(table.krippendorffAlpha(), 0.7972585, within: Tolerance.package)
    expectValue(table.percentAgreement(), 0.89, within: Tolerance.package)
  }

  /// G15: Krippendorff (2004, p. 246): the same p_o with different marginals.
  @Test func g15SameAgreementDifferentMarginals() {
    let categories = ["a", "b", "c"]
    let fourA = ContingencyTable(
      categories: categories, counts: [[12, 9, 9], [9, 14, 9], [9, 9, 20]])
    let fourB = ContingencyTable(
      categories: categories, counts: [[12, 18, 18], [0, 14, 18], [0, 0, 20]])
    for table in [fourA, fourB] {
      expectValue(table.percentAgreement(), 0.460, within: Tolerance.published)
      expectValue(table.brennanPrediger(), 0.190, within: Tolerance.published)
      expectValue(table.scottsPi(), 0.186, within: Tolerance.published)
    }
    expectValue(fourA.cohensKappa(), 0.186, within: Tolerance.published)
    expectValue(fourB.cohensKappa(), 0.258, within: Tolerance.published)
  }

  /// G16: Krippendorff (1995, p. 57), Bertha and Bill digitized to 24 binary units; the
  /// all-ones pair has no variation.
  @Test func g16DigitizedUnitizing() throws {
    let data = ReliabilityData(
      coders: ["Bertha", "Bill"],
      valuesByCoder: [
        [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0],
      ])
    let table = try data.contingencyTable(between: "Bertha", and: "Bill")
    expectValue(table.cohensKappa(), 0.385, within: Tolerance.published)
    expectValue(table.scottsPi(), 0.314, within: Tolerance.published)
    expectValue(data.krippendorffAlpha(), 0.329, within: Tolerance.published)

    let allOnes = ReliabilityData(
      coders: ["Heather", "Hill"],
      valuesByCoder: [Array(repeating: 1, count: 24), Array(repeating: 1, count: 24)])
    let same = try allOnes.contingencyTable(between: "Heather", and: "Hill")
    for result in [
      same.cohensKappa(), same.scottsPi(), same.gwetAC1(), same.brennanPrediger(),
      allOnes.krippendorffAlpha(),
    ] {
      #expect(result.estimate == .undefined(.noVariation), "\(result)")
    }
    #expect(same.percentAgreement().value == 1)
    #expect(same.cohensKappa().observedAgreement == 1)
    #expect(
      same.cohensKappa().description
        == "Cohen's κ undefined (no variation): Cohen's κ over 24 units coded by both Heather and Hill"
    )
  }
}
