import QDAAgreement
import QDAModel
import Testing

/// NVivo's character-level agreement: G19 of METHODS.md §4, and tables built from spans.
@Suite("Character-level agreement")
struct CharacterAgreementTests {
  /// G19: 1000 characters, 50 coded by both, 150 by one coder (100 by A, 50 by B), 800 by
  /// neither.
  static let g19 = CharacterAgreementTable(
    codedByBoth: 50, codedByFirstOnly: 100, codedBySecondOnly: 50, codedByNeither: 800)

  @Test func g19NVivoHelpExample() {
    let agreement = Self.g19.percentAgreement()
    #expect(agreement.exactProportion == Proportion(850, 1000))
    expectValue(agreement, 0.85, within: Tolerance.package)
    let kappa = Self.g19.cohensKappa()
    expectValue(kappa, 0.318182, within: Tolerance.package)
    expectValue(kappa, 70.0 / 220.0, within: 1e-12)
    // The same as Cohen's κ on [[50, 100], [50, 800]].
    expectValue(Self.g19.contingencyTable.cohensKappa(), 70.0 / 220.0, within: 1e-12)
    #expect(
      kappa.summary
        == "Cohen's κ over 1000 characters in 1 source, coded by A and B: 50 by both, 100 by A only, 50 by B only, 800 by neither"
    )
    expectValue(
      Self.g19.krippendorffAlpha(), Self.g19.contingencyTable.krippendorffAlpha().value ?? .nan,
      within: 0)
  }

  @Test func poolingAddsCountsRatherThanAveragingKappa() {
    let other = CharacterAgreementTable(
      codedByBoth: 0, codedByFirstOnly: 0, codedBySecondOnly: 10, codedByNeither: 90)
    let pooled = CharacterAgreementTable(
      pooling: [Self.g19, other], firstCoder: "A", secondCoder: "B", code: nil)
    #expect(pooled.total == 1100)
    #expect(pooled.sources == 2)
    #expect(pooled.percentAgreement().exactProportion == Proportion(940, 1100))
    expectValue(
      pooled.cohensKappa(), pooled.contingencyTable.cohensKappa().value ?? .nan, within: 1e-12)
  }

  @Test func nothingCodedIsUndefinedNotOne() {
    let empty = CharacterAgreementTable(
      codedByBoth: 0, codedByFirstOnly: 0, codedBySecondOnly: 0, codedByNeither: 500)
    #expect(empty.cohensKappa().estimate == .undefined(.noVariation))
    #expect(empty.percentAgreement().value == 1)
  }

  @Test func spansBecomePerCodeTablesPerSourceAndPooled() throws {
    let spans = [
      CodedSpan(document: "P1", span: TextSpan(start: 0, end: 50), code: "rules", coder: "alice"),
      CodedSpan(document: "P1", span: TextSpan(start: 40, end: 60), code: "rules", coder: "alice"),  // overlaps: counted once
      CodedSpan(document: "P1", span: TextSpan(start: 30, end: 80), code: "rules", coder: "bob"),
      CodedSpan(document: "P2", span: TextSpan(start: 0, end: 10), code: "tools", coder: "alice"),
      CodedSpan(document: "P2", span: TextSpan(start: 0, end: 10), code: "tools", coder: "bob"),
      CodedSpan(document: "P3", span: TextSpan(start: 0, end: 10), code: "tools", coder: "alice"),  // bob never saw P3
      CodedSpan(document: "P1", span: TextSpan(start: 0, end: 100), code: "rules", coder: "auto"),
    ]
    let comparison = try CharacterComparison(
      spans: spans, documentLengths: ["P1": 100, "P2": 20, "P3": 30], firstCoder: "alice",
      secondCoder: "bob")
    #expect(comparison.documents.map(\.document) == ["P1", "P2"])
    #expect(comparison.codes == ["rules", "tools"])
    let rules = comparison.table(for: "rules", in: "P1")
    #expect(
      [rules.codedByBoth, rules.codedByFirstOnly, rules.codedBySecondOnly, rules.codedByNeither]
        == [30, 30, 20, 20])
    let pooled = comparison.table(for: "rules")
    #expect(
      [
        pooled.codedByBoth, pooled.codedByFirstOnly, pooled.codedBySecondOnly,
        pooled.codedByNeither,
      ] == [30, 30, 20, 40])
    #expect(pooled.sources == 2)
    #expect(comparison.tablesBySource(for: "tools").map(\.table.codedByBoth) == [0, 10])

    let study = try comparison.unitizingStudy(of: "P1")
    #expect(study.segments.count == 2)
    #expect(study.categories == ["rules"])
  }

  @Test func spansPastTheEndOrDocumentsWithoutLengthAreErrors() {
    let spans = [
      CodedSpan(document: "P1", span: TextSpan(start: 0, end: 50), code: "rules", coder: "alice"),
      CodedSpan(document: "P1", span: TextSpan(start: 0, end: 10), code: "rules", coder: "bob"),
    ]
    #expect(throws: AgreementError(.unknownDocument, "no length given for document P1")) {
      try CharacterComparison(
        spans: spans, documentLengths: [:], firstCoder: "alice", secondCoder: "bob")
    }
    #expect(throws: AgreementError.self) {
      try CharacterComparison(
        spans: spans, documentLengths: ["P1": 40], firstCoder: "alice", secondCoder: "bob")
    }
  }
}
