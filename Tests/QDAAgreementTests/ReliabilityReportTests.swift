import QDAAgreement
import QDAModel
import Testing

/// Two coders on ten passages of one document, with a codebook of two elements. The expected
/// figures are worked by hand below each test.
@Suite struct ReliabilityReportTests {
  static let codebook = Codebook(
    name: "test", version: "1",
    codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time commitment", element: .rules, parentID: "rules"),
      Code(id: "rules.incentives", name: "Incentives", element: .rules, parentID: "rules"),
      Code(id: "community", name: "Community", element: .community),
    ])

  static func comparison() throws -> PassageComparison {
    let passages = (1...10).map {
      PassageLocation(document: "P01", passage: String($0), span: TextSpan(start: $0 * 10, end: $0 * 10 + 9))
    }
    var codings: [PassageCoding] = []
    // rules.time: ana on 1–4, ben on 1–3 and 5.
    for passage in [1, 2, 3, 4] { codings.append(.init(document: "P01", passage: String(passage), code: "rules.time", coder: "ana")) }
    for passage in [1, 2, 3, 5] { codings.append(.init(document: "P01", passage: String(passage), code: "rules.time", coder: "ben")) }
    // community: both on 7 and 8.
    for coder in ["ana", "ben"] {
      for passage in [7, 8] { codings.append(.init(document: "P01", passage: String(passage), code: "community", coder: coder)) }
    }
    // rules.incentives: ben only, on 4.
    codings.append(.init(document: "P01", passage: "4", code: "rules.incentives", coder: "ben"))
    return try PassageComparison(passages: passages, codings: codings, coders: ["ana", "ben"])
  }

  @Test func perCodeFiguresCountPassagesAndAgreeWithTheHandWorkedValues() throws {
    let report = ReliabilityReport(comparison: try Self.comparison(), characters: nil, codebook: Self.codebook)
    #expect(report.coders == ["ana", "ben"])
    #expect(report.passages == 10)
    #expect(report.codes.map(\.id) == ["rules.time", "rules.incentives", "community"])

    // rules.time: 2×2 table yes/yes 3, ana only 1, ben only 1, neither 5: p_o = 8/10,
    // p_e = .4·.4 + .6·.6 = .52, κ = (.8 − .52)/.48 = 0.58333…
    let time = try #require(report.codes.first { $0.id == "rules.time" })
    #expect(time.figures.units == 10)
    #expect(time.figures.codedUnits == [4, 4])
    #expect(time.figures.percentAgreement.exactProportion == Proportion(8, 10))
    #expect(abs((time.figures.cohensKappa?.value ?? 0) - 0.28 / 0.48) < 1e-12)
    // α (nominal, n = 20 values, 8 yes, 12 no; o_yes,no = o_no,yes = 2):
    // α = 1 − (n − 1)·Σ o_ck / Σ n_c·n_k = 1 − 19·4/(2·8·12).
    #expect(abs((time.figures.krippendorffAlpha.value ?? 0) - (1 - 19.0 * 4 / 192)) < 1e-12)

    let community = try #require(report.codes.first { $0.id == "community" })
    #expect(community.figures.percentAgreement.exactProportion == Proportion(10, 10))
    #expect(community.figures.krippendorffAlpha.value == 1)
  }

  @Test func elementsCompareWhichOfTheirCodesWasAppliedAndTheOverallRowPoolsEveryDecision() throws {
    let report = ReliabilityReport(comparison: try Self.comparison(), characters: nil, codebook: Self.codebook)
    #expect(report.elements.map(\.id) == ["rules", "community"])
    // Rules: ana {time}×4; ben {time}×3, {incentives}… passage 4 is {time} vs {incentives},
    // passage 5 none vs {time}: 8 of 10 agree.
    let rules = try #require(report.elements.first)
    #expect(rules.figures.percentAgreement.exactProportion == Proportion(8, 10))
    #expect(rules.figures.codedUnits == [4, 5])
    // Overall: 3 codes × 10 passages = 30 decisions; disagreements: time 2, incentives 1.
    #expect(report.overall.figures.units == 30)
    #expect(report.overall.figures.percentAgreement.exactProportion == Proportion(27, 30))
    #expect(report.overall.figures.codedUnits == [6, 7])
  }

  @Test func theGateFailsCodesBelowTheMinimumAndDoesNotJudgeUndefinedOnes() throws {
    let report = ReliabilityReport(comparison: try Self.comparison(), characters: nil, codebook: Self.codebook)
    let (failing, undefined) = ReliabilityGate(figure: .alpha, minimum: 0.8).check(report)
    #expect(failing.map(\.id) == ["rules.time", "rules.incentives"])
    #expect(undefined.isEmpty)
    #expect(ReliabilityGate(figure: .percent, minimum: 0.8).check(report).failing.map(\.id) == [])
    #expect(ReliabilityGate(figure: .kappa, minimum: 0.5).check(report).failing.map(\.id) == ["rules.incentives"])
  }
}
