import QDAAgreement
import Testing

/// Interpretation bands and the 80% two-reviewer gate (G20 of METHODS.md §4).
@Suite("Interpretation")
struct InterpretationTests {
  /// G20: p_o exactly 0.80 passes, 0.7999 fails; exactly, 4/5 passes and 39/49 fails.
  @Test func g20PercentAgreementGate() {
    let gate = PercentAgreementGate.twoReviewers
    #expect(gate.passes(0.80))
    #expect(!gate.passes(0.7999))
    #expect(gate.passes(Proportion(4, 5)))
    #expect(!gate.passes(Proportion(39, 49)))
    #expect(gate.passes(Proportion(40, 50)))
    // 40 of 50 passages agree: passes; 39 of 49: fails.
    let pass = ContingencyTable(categories: [true, false], counts: [[20, 5], [5, 20]])
    #expect(pass.percentAgreement().exactProportion == Proportion(40, 50))
    #expect(gate.passes(pass.percentAgreement()))
    let fail = ContingencyTable(categories: [true, false], counts: [[20, 5], [5, 19]])
    #expect(fail.percentAgreement().exactProportion == Proportion(39, 49))
    #expect(!gate.passes(fail.percentAgreement()))
  }

  /// G20: α thresholds.
  @Test func g20KrippendorffVerdicts() {
    #expect(KrippendorffVerdict(0.800) == .reliable)
    #expect(KrippendorffVerdict(0.667) == .tentative)
    #expect(KrippendorffVerdict(0.6669) == .unreliable)
    #expect(KrippendorffVerdict(0.7999) == .tentative)
    #expect(GoldenData.g1.krippendorffAlpha().krippendorffVerdict == .tentative)
  }

  /// Landis & Koch with irrCAC's half-open bands [lb, ub).
  @Test(arguments: [
    (-0.01, LandisKochBand.poor), (0, .slight), (0.1999, .slight), (0.2, .fair), (0.205, .fair),
    (0.3999, .fair), (0.4, .moderate), (0.6, .substantial), (0.7999, .substantial),
    (0.8, .almostPerfect),
    (1, .almostPerfect),
  ])
  func landisKochBands(value: Double, band: LandisKochBand) {
    #expect(LandisKochBand(value) == band)
  }

  /// Fleiss (1981) with irrCAC's half-open bands.
  @Test(arguments: [
    (0.3999, FleissBand.poor), (0.4, .intermediateToGood), (0.7499, .intermediateToGood),
    (0.75, .excellent),
  ])
  func fleissBands(value: Double, band: FleissBand) {
    #expect(FleissBand(value) == band)
  }

  @Test func undefinedResultsHaveNoBand() {
    let same = ContingencyTable(categories: ["x"], counts: [[10]])
    #expect(same.cohensKappa().landisKochBand == nil)
    #expect(same.cohensKappa().krippendorffVerdict == nil)
    #expect(!PercentAgreementGate.twoReviewers.passes(same.cohensKappa()))
    let g4 = ContingencyTable(
      pairs: GoldenData.pairs([
        ("a", "a", 1), ("a", "b", 1), ("b", "b", 4), ("b", "c", 1), ("c", "c", 5),
      ]))
    #expect(g4.cohensKappa().landisKochBand == .substantial)
    #expect(g4.cohensKappa().fleissBand == .intermediateToGood)
  }
}
