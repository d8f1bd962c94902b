import QDAModel
import Testing

/// Passages and codings held as columns read back as the values that went in.
@Suite struct PassageColumnsTests {
  static let passages = [
    Passage(
      id: 7, documentID: 2, ordinal: 0, turn: 0, speaker: "Interviewer", role: .interviewer,
      span: TextSpan(start: 0, end: 12), text: "How long was", startTime: 1.5, endTime: 4, questionID: "q1"),
    Passage(
      id: 8, documentID: 2, ordinal: 1, turn: 1, speaker: "Dr. Ortiz", role: .participant,
      span: TextSpan(start: 14, end: 30), text: "About five hours", questionID: "q1"),
    Passage(ordinal: 2, turn: 1, speaker: nil, role: .unknown, span: TextSpan(start: 31, end: 31), text: ""),
    Passage(
      id: 9, documentID: 3, ordinal: 0, turn: 0, speaker: "Dr. Ortiz", role: .participant,
      span: TextSpan(start: 0, end: 4), text: "Yes.", startTime: 0),
  ]

  static let codings = [
    Coding(
      id: 1, passageID: 8, codeID: "rules.time", coder: Coding.autoCoder, span: TextSpan(start: 20, end: 30),
      ruleID: "rules.time#1", matched: ["five hours"]),
    Coding(id: 2, passageID: 8, codeID: "outcome", coder: "ana", span: TextSpan(start: 14, end: 30), memo: "a memo"),
    Coding(passageID: 9, codeID: "rules.time", coder: Coding.autoCoder, span: TextSpan(start: 0, end: 4), matched: ["yes"], negated: true),
    Coding(id: 4, passageID: 7, codeID: "outcome", coder: "ana", span: TextSpan(start: 0, end: 3), matched: ["five hours"]),
  ]

  @Test func passagesReadBackAsTheyWentIn() {
    let columns = PassageColumns(Self.passages)
    #expect(Array(columns) == Self.passages)
    #expect(columns.count == 4)
    #expect(columns.id(at: 2) == nil)
    #expect(columns.documentID(at: 2) == nil)
    #expect(columns.questionID(at: 1) == "q1")
    #expect(columns.questionID(at: 3) == nil)
    #expect(columns.role(at: 0) == .interviewer)
    #expect(columns.span(at: 1) == TextSpan(start: 14, end: 30))
    #expect(columns.count(role: { $0 != .interviewer }) == 3)
    #expect(columns.count(role: { $0 == .participant }) == 2)
    let literal: PassageColumns = [Self.passages[1]]
    #expect(Array(literal) == [Self.passages[1]])
  }

  @Test func passagesKeptWithoutTextsReadWithEmptyTexts() {
    let columns = PassageColumns(Self.passages, keepingTexts: false)
    #expect(!columns.keepsTexts)
    #expect(columns.map(\.text) == ["", "", "", ""])
    var expected = Self.passages
    for index in expected.indices { expected[index].text = "" }
    #expect(Array(columns) == expected)
    #expect(columns != PassageColumns(Self.passages))
  }

  @Test func codingsReadBackAsTheyWentIn() {
    let columns = CodingColumns(Self.codings)
    #expect(Array(columns) == Self.codings)
    #expect(columns.passageID(at: 2) == 9)
    #expect(columns.codeID(at: 1) == "outcome")
    #expect(columns.coder(at: 1) == "ana")
    #expect(columns.isAutomatic(at: 0))
    #expect(!columns.isAutomatic(at: 3))
    #expect(columns.countsByCoder == [Coding.autoCoder: 2, "ana": 2])
    #expect(columns.distinctCodeIDs == ["rules.time", "outcome"])
    #expect(CodingColumns().countsByCoder.isEmpty)
    // Equal however the strings were numbered.
    #expect(CodingColumns(Self.codings.reversed()).reversed() == Self.codings)
    #expect(columns == CodingColumns(Self.codings))
    #expect(columns != CodingColumns(Self.codings.dropLast()))
  }
}
