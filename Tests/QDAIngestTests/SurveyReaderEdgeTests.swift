import Foundation
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// The survey reader on what exports do at the edges: previews and spam, repeated and blank
/// headers, packed choices that hold commas, LimeSurvey's all-quoted `;` files, and single cells
/// of the shared exports with their provenance.
@Suite struct SurveyReaderEdgeTests {
  static func read(_ text: String, file: String) throws -> Survey {
    try SurveyReader.read(bytes: Array(text.utf8), file: file)
  }

  static func shared(_ name: String) throws -> Survey {
    try SurveyReader.read(bytes: try Fixtures.bytes(Fixtures.shared("formats/surveys/" + name)), file: name)
  }

  @Test func qualtricsPreviewsAndSpamAreLeftOutWithACountAndUnfinishedOnRequest() throws {
    let text = """
      StartDate,Status,Progress,Finished,ResponseId,Q1
      Start Date,Response Type,Progress,Finished,Response ID,How motivating was the badge?
      "{""ImportId"":""startDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"
      2024-05-01 10:00:00,0,100,1,R_a,Very motivating
      2024-05-01 10:05:00,1,100,1,R_b,Definitely motivating
      2024-05-01 10:06:00,8,100,1,R_c,Not at all motivating
      2024-05-01 10:07:00,0,40,0,R_d,Somewhat motivating
      2024-05-01 10:09:00,0,100,1,R_e,Definitely motivating
      """
    let survey = try Self.read(text, file: "q.csv")
    #expect(survey.dialect == .qualtrics)
    #expect(survey.respondents.map(\.exclusion) == [nil, "preview", "spam", nil, nil])
    #expect(survey.respondents.map(\.finished) == [true, true, true, false, true])
    #expect(survey.counted().map(\.id) == ["R_a", "R_e"])
    #expect(survey.counted(includeUnfinished: true).map(\.id) == ["R_a", "R_d", "R_e"])
    #expect(survey.warnings == ["q.csv: 2 of 5 responses left out of every count (1 preview, 1 spam, from the Status column)"])
    let item = try #require(survey.item("QID1"))
    #expect(item.type == .likert)
    #expect(item.scale == [
      "Not at all motivating", "Slightly motivating", "Somewhat motivating", "Very motivating", "Definitely motivating",
    ])
  }

  @Test func repeatedHeadersAreNumberedAndABlankHeaderOverAnswersIsKept() throws {
    let text = "Timestamp,Vidio 1,Vidio 1,,\n1/15/2025 9:00:00,Yes,No,a note,\n1/15/2025 9:05:00,No,No,,\n"
    let survey = try Self.read(text, file: "forms.csv")
    #expect(survey.items.map(\.id) == ["Timestamp", "Vidio 1", "Vidio 1 (2)", "Column 4"])
    #expect(survey.items.map(\.headers) == [["Timestamp"], ["Vidio 1"], ["Vidio 1"], [""]])
    #expect(survey.warnings == [
      "forms.csv:1: column 4 has no header but holds answers; read as 'Column 4'",
      "forms.csv:1: column 3 repeats the header 'Vidio 1'; read as 'Vidio 1 (2)'",
    ])
    #expect(survey.respondents[0].answers["Vidio 1 (2)"]?.value == "No")
    #expect(survey.respondents[0].answers["Column 4"]?.value == "a note")
  }

  /// A checkbox question whose columns are not side by side (moved in a spreadsheet) became two
  /// items with one id, and the later one's answers overwrote the earlier's (found by fuzzing).
  @Test func aCheckboxQuestionSplitByAnotherColumnKeepsBothHalves() throws {
    let text = """
      record_id,meals___1,meals___2,venue,meals___3,lunch_survey_complete
      7,1,0,the old gym,1,2
      8,0,1,the library,0,2
      """
    let survey = try Self.read(text, file: "lunch.csv")
    #expect(survey.items.map(\.id) == ["meals", "venue", "meals (2)", "lunch_survey_complete"])
    #expect(survey.warnings.contains("lunch.csv:1: the question 'meals' appears twice; the later one (columns 'meals___3') is read as 'meals (2)'"))
    #expect(survey.respondents[0].answers["meals"]?.values == ["1"])
    #expect(survey.respondents[0].answers["meals (2)"]?.values == ["3"])
    #expect(survey.respondents[1].answers["meals"]?.values == ["2"])
  }

  @Test func packedChoicesThatHoldCommasStayWhole() throws {
    let text = """
      Timestamp,Which supports helped?
      1/15/2025 9:00:00,"Coaching, mentoring or feedback"
      1/15/2025 9:01:00,"Release time (e.g., substitutes), Coaching, mentoring or feedback"
      1/15/2025 9:02:00,Stipends
      1/15/2025 9:03:00,"Coaching, mentoring or feedback, Stipends"
      1/15/2025 9:04:00,"Release time (e.g., substitutes)"
      1/15/2025 9:05:00,"Stipends, Release time (e.g., substitutes)"
      1/15/2025 9:06:00,"Coaching, mentoring or feedback"
      """
    let survey = try Self.read(text, file: "supports.csv")
    let item = try #require(survey.item("Which supports helped?"))
    #expect(item.type == .multiSelect)
    #expect(item.choices.map(\.label) == ["Coaching, mentoring or feedback", "Release time (e.g., substitutes)", "Stipends"])
    #expect(survey.respondents.map { $0.answers[item.id]?.values ?? [] } == [
      ["Coaching, mentoring or feedback"],
      ["Release time (e.g., substitutes)", "Coaching, mentoring or feedback"],
      ["Stipends"],
      ["Coaching, mentoring or feedback", "Stipends"],
      ["Release time (e.g., substitutes)"],
      ["Stipends", "Release time (e.g., substitutes)"],
      ["Coaching, mentoring or feedback"],
    ])
  }

  @Test func twoChoicesSeenApartAreNotMergedIntoOne() throws {
    let text = """
      Timestamp,Which supports helped?
      1/15/2025 9:00:00,"Coaching, Stipends"
      1/15/2025 9:01:00,"Coaching, Stipends"
      1/15/2025 9:02:00,Coaching
      1/15/2025 9:03:00,"Stipends, Release time"
      1/15/2025 9:04:00,Release time
      """
    let survey = try Self.read(text, file: "supports.csv")
    let item = try #require(survey.item("Which supports helped?"))
    #expect(Set(item.choices.map(\.label)) == ["Coaching", "Stipends", "Release time"])
    #expect(survey.respondents[0].answers[item.id]?.values == ["Coaching", "Stipends"])
  }

  @Test func limeSurveyAllQuotedSemicolonsWithSubmitDateAndSubquestions() throws {
    let text = "\u{FEFF}\"id\";\"submitdate\";\"lastpage\";\"startlanguage\";\"Q1[SQ001]\";\"Q1[SQ002]\";\"Q1[other]\";\"Q2\"\r\n"
      + "\"1\";\"2024-05-01 10:00:00\";\"3\";\"en\";\"Y\";\"\";\"\";\"Planning time mattered most to me.\"\r\n"
      + "\"2\";;\"1\";\"en\";;;;\r\n"
      + "\"3\";\"2024-05-02 09:00:00\";\"3\";\"en\";\"Y\";\"Y\";\"Mentors\";\"\"\r\n\r\n"
    let survey = try Self.read(text, file: "lime.csv")
    #expect(survey.dialect == .limeSurvey)
    #expect(survey.respondents.map(\.id) == ["1", "2", "3"])
    #expect(survey.respondents.map(\.finished) == [true, false, true])
    #expect(survey.respondents.map(\.line) == [2, 3, 4])
    let q1 = try #require(survey.item("Q1"))
    #expect(q1.type == .multiSelect)
    #expect(q1.choices.map(\.code) == ["SQ001", "SQ002"])
    #expect(survey.respondents.map { $0.answers["Q1"]?.values ?? [] } == [["SQ001"], [], ["SQ001", "SQ002"]])
    let other = try #require(survey.item("Q1[other]"))
    #expect(other.parentID == "Q1")
    #expect(survey.item("Q2")?.type == .openText)
    #expect(survey.counted().count == 2)
  }

  @Test func aCp1252CellIsReadWithItsCurlyApostropheAndProvenance() throws {
    let survey = try Self.shared("microsoft_forms_export_cp1252.csv")
    let respondent = try #require(survey.respondents.first { $0.id == "58" })
    let item = try #require(survey.item("What is your major?"))
    #expect(respondent.answers[item.id]?.value == "Computer Science’s")
    #expect(survey.provenance(of: respondent, item: item) == ("microsoft_forms_export_cp1252.csv", 59, ["What is your major?"]))
  }

  @Test func aMultiLineGoogleFormsAnswerKeepsItsLineBreakAndStartingLine() throws {
    let survey = try Self.shared("google_forms_sheets_crlf_embedded_newlines.csv")
    let respondent = survey.respondents[9]
    let item = try #require(survey.item("What is the rationale behind your opinion?"))
    #expect(item.type == .openText)
    #expect(respondent.answers[item.id]?.value == "Idk, seems right\nalso, 2 bread w/ stuff in it")
    #expect(survey.provenance(of: respondent, item: item).line == 11)
    #expect(survey.respondents.last?.line == 69)
  }

  @Test func aDeclaredMultiSelectInOneColumnIsSplitAtCommaSpace() throws {
    // A checkbox field the dictionary declares, exported as one column of labels (not
    // `field___code` columns): each cell split at `, ` though no packing was learnt.
    let dictionary = """
      "Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels"
      record_id,form_1,,text,"Record ID",
      supports,form_1,,checkbox,"Which supports helped?","1, Coaching|2, Release time|3, Stipend"

      """
    let export = "record_id,supports,form_1_complete\n1,\"Coaching, Release time\",2\n2,Stipend,2\n"
    let survey = try SurveyReader.read(
      bytes: Array(export.utf8), file: "export.csv", dictionary: Array(dictionary.utf8), dictionaryFile: "dictionary.csv")
    let item = try #require(survey.item("supports"))
    #expect(item.type == .multiSelect)
    #expect(survey.respondents.map { $0.answers["supports"]?.values ?? [] } == [["Coaching", "Release time"], ["Stipend"]])
  }

  @Test func redcapNotCompletedAndCompleteFlagsAreMetadata() throws {
    let survey = try SurveyReader.read(
      bytes: try Fixtures.bytes(Fixtures.shared("formats/surveys/redcap_survey_raw.csv")), file: "redcap_survey_raw.csv",
      dictionary: try Fixtures.bytes(Fixtures.shared("formats/surveys/redcap_survey_data_dictionary.csv")),
      dictionaryFile: "redcap_survey_data_dictionary.csv")
    #expect(survey.respondents.map(\.id) == ["1", "2"])
    let timestamp = try #require(survey.item("participant_morale_questionnaire_timestamp"))
    #expect(timestamp.type == .metadata)
    #expect(survey.respondents[0].answers[timestamp.id]?.value == "[not completed]")
    #expect(survey.item("prescreening_survey_complete")?.type == .metadata)
    #expect(survey.item("consent")?.type == .multiSelect)
    #expect(survey.respondents.map { $0.answers["consent"]?.values ?? [] } == [["I consent"], []])
    #expect(survey.item("ethnicity")?.choices.map(\.label) == ["Hispanic or Latino", "NOT Hispanic or Latino", "Unknown / Not Reported"])
  }

  @Test func theUTF16TabCopyOfTheSurveyMonkeyExportReadsTheSameAnswers() throws {
    let utf8 = try Self.shared("surveymonkey_pl_module_feedback.csv")
    let utf16 = try Self.shared("derived_surveymonkey_utf16le_bom_tab.txt")
    #expect(utf16.items.map(\.id) == utf8.items.map(\.id))
    #expect(utf16.items.map(\.type) == utf8.items.map(\.type))
    #expect(utf16.respondents.map(\.id) == utf8.respondents.map(\.id))
    #expect(utf16.respondents.map(\.answers) == utf8.respondents.map(\.answers))
  }
}
