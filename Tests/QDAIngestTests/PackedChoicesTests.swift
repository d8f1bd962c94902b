import Foundation
@testable import QDAIngest
import QDAModel
import Testing

/// Multi-selects packed into one cell: recognised from the cells' shape or from the header, split
/// by the rules of `SurveyItemBuilder.Packing`, and never read as open text; prose with commas
/// stays open text. The exports here are written for the tests (invented questions and answers).
@Suite struct PackedChoicesTests {
  /// A current-format Qualtrics export: `StartDate,Finished,ResponseId` and the given questions
  /// (tag, row-2 text, ImportId), one row per respondent's answers.
  static func qualtrics(_ questions: [(tag: String, text: String, id: String)], _ rows: [[String]]) -> String {
    func quoted(_ cell: String) -> String {
      cell.contains(",") || cell.contains("\"") || cell.contains("\n") ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
    var lines = [
      (["StartDate", "Finished", "ResponseId"] + questions.map(\.tag)).map(quoted).joined(separator: ","),
      (["Start Date", "Finished", "Response ID"] + questions.map(\.text)).map(quoted).joined(separator: ","),
      (["startDate", "finished", "_recordId"] + questions.map(\.id)).map { quoted("{\"ImportId\":\"\($0)\"}") }.joined(separator: ","),
    ]
    for (index, row) in rows.enumerated() {
      lines.append((["2025-04-0\(index % 9 + 1) 10:00:00", "1", "R_\(index + 1)"] + row).map(quoted).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func read(_ text: String, file: String = "export.csv") throws -> Survey {
    try SurveyReader.read(bytes: Array(text.utf8), file: file)
  }

  static func values(_ survey: Survey, _ id: String) -> [[String]] {
    survey.respondents.map { $0.answers[id]?.values ?? [] }
  }

  @Test func eightAnswersWhoseChoicesMostlyComeOnceAreStillAMultiSelect() throws {
    // Thirty-seven respondents, eight of whom answered; most choices were picked by one
    // person. Qualtrics' `,` join (no space) is the sign: before, this column was open text.
    var rows = Array(repeating: ["", "Fine"], count: 37)
    let answers = [
      "Mentor teacher,Grade-level team", "District coach", "Principal,Mentor teacher,Online course",
      "Grade-level team,Union workshop", "Online course", "Mentor teacher,Library staff", "Instructional rounds,District coach",
      "Grade-level team",
    ]
    for (index, answer) in answers.enumerated() { rows[index * 4][0] = answer }
    let survey = try Self.read(Self.qualtrics([("Q1", "Who supported your first year?", "QID1"), ("Q2", "Anything else?", "QID2_TEXT")], rows))
    let item = try #require(survey.item("QID1"))
    #expect(item.type == .multiSelect)
    var tally: [String: Int] = [:]
    for answer in survey.counted().compactMap({ $0.answers["QID1"] }) { for value in answer.values { tally[value, default: 0] += 1 } }
    #expect(survey.counted().filter { $0.answers["QID1"] != nil }.count == 8)
    #expect(tally == [
      "Mentor teacher": 3, "Grade-level team": 3, "District coach": 2, "Online course": 2, "Principal": 1, "Union workshop": 1,
      "Library staff": 1, "Instructional rounds": 1,
    ])
  }

  @Test func aSelectedChoiceColumnWithACommaInAChoiceIsSplitOnlyWhereQualtricsJoins() throws {
    let text = "Did the visits help? (Select all that apply)"
    let survey = try Self.read(
      Self.qualtrics(
        [
          ("Q1", text + " - Selected Choice", "QID1"),
          ("Q1_4_TEXT", text + " - Other, please specify - Text", "QID1_4_TEXT"),
        ],
        [
          ["Yes, in part,Other, please specify", "We also met after school"],
          ["Yes, in part", ""],
          ["Stipend of $1,500,Yes, fully", ""],
          ["No", ""],
        ]))
    let item = try #require(survey.item("QID1"))
    #expect(item.type == .multiSelect)
    #expect(item.text == text)
    #expect(Self.values(survey, "QID1") == [
      ["Yes, in part", "Other, please specify"], ["Yes, in part"], ["Stipend of $1,500", "Yes, fully"], ["No"],
    ])
    #expect(survey.item("QID1_4_TEXT")?.parentID == "QID1")
  }

  @Test func numericCodesOfAChoiceQuestionAreChoicesNotDecimals() throws {
    let survey = try Self.read(
      Self.qualtrics(
        [("Q1", "Which grades do you teach? - Selected Choice", "QID1"), ("Q1_5_TEXT", "Which grades do you teach? - Other - Text", "QID1_5_TEXT")],
        [["1,3", ""], ["2", ""], ["1,2,5", "Adult education"], ["3", ""]]))
    #expect(survey.item("QID1")?.type == .multiSelect)
    #expect(Self.values(survey, "QID1") == [["1", "3"], ["2"], ["1", "2", "5"], ["3"]])
  }

  @Test func aChoiceQuestionWithEveryAnswerDifferentIsASingleChoiceNotOpenText() throws {
    let survey = try Self.read(
      Self.qualtrics(
        [("Q1", "Which county is your school in? - Selected Choice", "QID1"), ("Q1_9_TEXT", "Which county is your school in? - Other - Text", "QID1_9_TEXT")],
        [["Harlan County"], ["Pike County"], ["Boone County"], ["Clay County"], ["Other"]].map { $0 + [""] }))
    #expect(survey.item("QID1")?.type == .singleChoice)
  }

  @Test func proseWithCommasStaysOpenTextEvenWithoutSpaces() throws {
    let survey = try Self.read(
      Self.qualtrics(
        [("Q1", "What would you change?", "QID1_TEXT")],
        [
          ["Shorter sessions,and less reading before each one."], ["Nothing really,it was useful overall."],
          ["The room was cold,the coffee was colder,and we started late."], ["More time with my own team."],
        ]))
    #expect(survey.item("QID1_TEXT")?.type == .openText)
  }

  @Test func aQuestionAskingForAllThatApplyPacksWhatRespondentsWroteOnce() throws {
    // Google Forms, `, ` joins, every choice seen once: the question's words say it is a
    // checkbox question.
    let text = """
      Timestamp,Which tools do you use with students? (Check all that apply)
      3/3/2025 9:00:00,"Padlet, Flip"
      3/3/2025 9:01:00,Kahoot
      3/3/2025 9:02:00,"Nearpod, Desmos, Quizizz"
      3/3/2025 9:03:00,Seesaw
      """
    let survey = try Self.read(text, file: "forms.csv")
    let item = try #require(survey.item("Which tools do you use with students? (Check all that apply)"))
    #expect(item.type == .multiSelect)
    #expect(Self.values(survey, item.id) == [["Padlet", "Flip"], ["Kahoot"], ["Nearpod", "Desmos", "Quizizz"], ["Seesaw"]])
  }

  @Test func aSplitMultiSelectStaysOneItemAcrossItsOtherBox() throws {
    let text = "Which roles have you held?"
    let survey = try Self.read(
      Self.qualtrics(
        [
          ("Q1_1", text + " - Selected Choice - Team lead", "QID1_1"), ("Q1_2", text + " - Selected Choice - Other", "QID1_2"),
          ("Q1_2_TEXT", text + " - Other - Text", "QID1_2_TEXT"), ("Q1_3", text + " - Selected Choice - Mentor", "QID1_3"),
        ],
        [["1", "", "", "1"], ["", "1", "Union rep", ""], ["1", "", "", ""]]))
    let item = try #require(survey.item("QID1"))
    #expect(item.type == .multiSelect)
    #expect(item.text == text)
    #expect(item.choices.map(\.label) == ["Team lead", "Other", "Mentor"])
    #expect(Self.values(survey, "QID1") == [["Team lead", "Mentor"], ["Other"], ["Team lead"]])
    #expect(survey.item("QID1_2_TEXT")?.parentID == "QID1")
  }
}

/// A survey export that is not UTF-8 is read as Windows-1252 and says so, with the file and
/// line, as a transcript does (it was read silently).
@Suite struct SurveyEncodingTests {
  @Test func aWindows1252ExportIsReadAndReported() throws {
    let bytes = Array("ResponseId,Q1,Q2\nR1,Caf".utf8) + [0xE9] + Array(" au lait,Good\nR2,No,Fine\n".utf8)
    let survey = try SurveyReader.read(bytes: bytes, file: "export.csv")
    #expect(survey.warnings.contains { $0.hasPrefix("export.csv:2:") && $0.contains("decoded as Windows-1252") })
    #expect(survey.respondents.first?.answers.values.contains { $0.values.contains("Café au lait") } == true)
  }
}

/// How a packed cell is cut where choices themselves hold the separator.
@Suite struct PackedFragmentsTests {
  typealias Packing = SurveyItemBuilder.Packing

  @Test func theLongestKnownChoiceAtEachPlaceIsKeptWhole() {
    let known: Set<String> = ["Yes, with conditions", "Yes, with conditions, in writing", "Other, please say"]
    #expect(
      Packing.fragments("Yes, with conditions, in writing, No, Other, please say", separator: .commaSpace, known: known, capitalised: false)
        == ["Yes, with conditions, in writing", "No", "Other, please say"])
    // A known choice's first pieces alone are not that choice.
    #expect(Packing.fragments("Yes, with, Other", separator: .commaSpace, known: known, capitalised: false) == ["Yes", "with", "Other"])
    // A known choice that runs past the cell's end is not matched there.
    #expect(Packing.fragments("No, Yes, with conditions", separator: .commaSpace, known: known, capitalised: false) == ["No", "Yes, with conditions"])
  }

  /// A known choice matches where the cell's pieces and joiners spell it, however the choice's
  /// own text would split (Qualtrics' all-numbers and thousands rules look at the whole text).
  @Test func aKnownChoiceMatchesWhereThePiecesSpellIt() {
    #expect(Packing.fragments("1,500,7,x", separator: .tightComma, known: ["1,500,7"], capitalised: false) == ["1,500,7", "x"])
    #expect(Packing.fragments("A,1 ,500", separator: .tightComma, known: ["A,1,500", "B,C,D"], capitalised: false) == ["A,1,500"])
  }

  /// A cell of many pieces beside a known choice of many pieces: each place compares only the
  /// known choices that start with its piece (joining every run and looking it up took 2.7 s on a
  /// 22 KB export the fuzzer made, 0.02 s now; timed in Benchmarks/RESULTS.md, not here).
  @Test func aKnownChoiceOfManyPiecesIsFoundInALongCell() {
    let long = (1...400).map { "Choice \($0)" }.joined(separator: ",")
    let cell = "First," + long + ",Last"
    let parts = Packing.fragments(cell, separator: .comma, known: [long], capitalised: false)
    #expect(parts == ["First", long, "Last"])
  }
}
