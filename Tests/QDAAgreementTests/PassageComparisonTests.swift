import QDAAgreement
import QDAModel
import Testing

/// Codings of passages turned into per-code binary units and per-element nominal units.
@Suite("Passage comparison")
struct PassageComparisonTests {
  /// P1 has passages 1–4 (ten characters each), P2 passages 5–6, P3 passage 7.
  static let passages: [PassageLocation] =
    (1...4).map {
      PassageLocation(
        document: "P1", passage: "\($0)", span: TextSpan(start: ($0 - 1) * 10, end: $0 * 10))
    }
    + (5...6).map {
      PassageLocation(
        document: "P2", passage: "\($0)", span: TextSpan(start: ($0 - 5) * 10, end: ($0 - 4) * 10))
    }
    + [PassageLocation(document: "P3", passage: "7", span: TextSpan(start: 0, end: 10))]

  static let codings = [
    PassageCoding(document: "P1", passage: "1", code: "rules.time", coder: "alice"),
    PassageCoding(document: "P1", passage: "1", code: "rules.time", coder: "bob"),
    PassageCoding(document: "P1", passage: "2", code: "rules.time", coder: "alice"),
    PassageCoding(document: "P1", passage: "2", code: "rules.incentives", coder: "bob"),
    PassageCoding(document: "P1", passage: "3", code: "tools.platform", coder: "alice"),
    PassageCoding(document: "P2", passage: "5", code: "rules.time", coder: "bob"),
    PassageCoding(document: "P2", passage: "6", code: "tools.platform", coder: "alice"),
    PassageCoding(document: "P3", passage: "7", code: "rules.time", coder: "alice"),  // bob never saw P3
    PassageCoding(document: "P1", passage: "4", code: "rules.time", coder: "auto"),  // not compared
  ]

  static let elements: [String: Element] = [
    "rules.time": .rules, "rules.incentives": .rules, "tools.platform": .toolsAndSigns,
  ]

  @Test func binaryUnitsPerCodeOverPassagesBothCodersSaw() throws {
    let comparison = try PassageComparison(
      passages: Self.passages, codings: Self.codings, coders: ["alice", "bob"])
    #expect(comparison.passages.map(\.label) == ["P1#1", "P1#2", "P1#3", "P1#4", "P2#5", "P2#6"])
    #expect(comparison.codes == ["rules.incentives", "rules.time", "tools.platform"])
    let time = comparison.binaryUnits(for: "rules.time")
    #expect(
      time.values == [
        [true, true], [true, false], [false, false], [false, false], [false, true], [false, false],
      ])
    let table = try time.contingencyTable(between: "alice", and: "bob")
    #expect(table.counts == [[1, 1], [1, 3]])
    #expect(
      table.cohensKappa().summary
        == "Cohen's κ over 6 passages coded by both alice and bob; 1 passage seen by only some of the coders was set aside"
    )
    #expect(table.percentAgreement().exactProportion == Proportion(4, 6))
  }

  @Test func elementUnitsSayWhichCodeOfTheElement() throws {
    let comparison = try PassageComparison(
      passages: Self.passages, codings: Self.codings, coders: ["alice", "bob"])
    let rules = comparison.elementUnits(for: .rules, codeElements: Self.elements)
    #expect(rules.value(unit: "P1#1", coder: "bob") == CodeSet(["rules.time"]))
    #expect(rules.value(unit: "P1#2", coder: "bob") == CodeSet(["rules.incentives"]))
    #expect(rules.value(unit: "P1#3", coder: "alice") == CodeSet.none)
    #expect(rules.value(unit: "P1#3", coder: "alice")?.description == "none")
    // Only where both coded a Rules code: passages 1 and 2.
    let which = comparison.elementUnits(
      for: .rules, codeElements: Self.elements, uncodedAsMissing: true)
    let table = try which.contingencyTable(between: "alice", and: "bob")
    #expect(table.unitCount == 2)
    #expect(table.unitsCodedByOneCoder == 1)
    #expect(table.agreeingUnits == 1)
    let codebook = Codebook(
      name: "t", version: "1",
      codes: [
        Code(id: "rules.time", name: "Time", element: .rules),
        Code(id: "rules.incentives", name: "Incentives", element: .rules),
      ])
    #expect(comparison.elementUnits(for: .rules, codebook: codebook) == rules)
  }

  @Test func spansCountForEveryPassageTheyOverlap() throws {
    let spans = [
      CodedSpan(
        document: "P1", span: TextSpan(start: 5, end: 15), code: "community", coder: "alice"),
      CodedSpan(
        document: "P1", span: TextSpan(start: 12, end: 14), code: "community", coder: "bob"),
    ]
    let comparison = try PassageComparison(
      passages: Self.passages, codings: [], spans: spans, coders: ["alice", "bob"])
    #expect(
      comparison.binaryUnits(for: "community").values == [
        [true, false], [true, true], [false, false], [false, false],
      ])
    #expect(comparison.setAside == nil)
  }

  @Test func reviewedDocumentsCanBeGiven() throws {
    let comparison = try PassageComparison(
      passages: Self.passages, codings: Self.codings, coders: ["alice", "bob"],
      reviewedDocuments: ["alice": ["P1", "P3"], "bob": ["P1", "P3"]])
    #expect(comparison.passages.map(\.document) == ["P1", "P1", "P1", "P1", "P3"])
    #expect(comparison.binaryUnits(for: "rules.time").value(unit: "P3#7", coder: "bob") == false)
    #expect(comparison.setAside == nil)
  }

  @Test func codingsOfUnknownPassagesAreErrors() {
    let stray = [PassageCoding(document: "P9", passage: "1", code: "rules.time", coder: "bob")]
    #expect(
      throws: AgreementError(
        .unknownPassage, "bob coded rules.time on passage P9#1, which is not among the passages")
    ) {
      try PassageComparison(passages: Self.passages, codings: stray, coders: ["alice", "bob"])
    }
    let outside = [
      CodedSpan(document: "P3", span: TextSpan(start: 20, end: 25), code: "x", coder: "alice")
    ]
    #expect(throws: AgreementError.self) {
      try PassageComparison(
        passages: Self.passages, codings: [], spans: outside, coders: ["alice", "bob"])
    }
  }

  @Test func storedCodingsAndPassagesConvert() {
    let passage = Passage(
      id: 12, documentID: 3, ordinal: 0, turn: 0, speaker: "A", role: .participant,
      span: TextSpan(start: 4, end: 9), text: "hello")
    let coding = Coding(
      passageID: 12, codeID: "rules.time", coder: "alice", span: TextSpan(start: 5, end: 8))
    #expect(
      PassageLocation(passage, document: "P1")
        == PassageLocation(document: "P1", passage: "12", span: TextSpan(start: 4, end: 9)))
    #expect(
      PassageCoding(coding, document: "P1")
        == PassageCoding(document: "P1", passage: "12", code: "rules.time", coder: "alice"))
    #expect(CodedSpan(coding, document: "P1").span == TextSpan(start: 5, end: 8))
  }
}
