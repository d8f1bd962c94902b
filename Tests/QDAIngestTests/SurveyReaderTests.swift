import Foundation
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// Every survey export in `../shared/formats/surveys/` read with the right tool, respondents,
/// item types and values. Respondent counts were checked with Python's csv module; types by
/// reading the questions.
@Suite struct SurveyReaderTests {
  static func read(_ name: String, dictionary: String? = nil) throws -> Survey {
    let path = Fixtures.shared("formats/surveys/" + name)
    return try SurveyReader.read(
      bytes: try Fixtures.bytes(path), file: name,
      dictionary: try dictionary.map { try Fixtures.bytes(Fixtures.shared("formats/surveys/" + $0)) }, dictionaryFile: dictionary)
  }

  static func types(_ survey: Survey) -> [SurveyItemType: Int] {
    survey.items.reduce(into: [:]) { $0[$1.type, default: 0] += 1 }
  }

  @Test(arguments: [
    ("derived_google_forms_cp1252.csv", SurveyDialect.googleForms, 64, [SurveyItemType.metadata: 1, .openText: 3, .singleChoice: 5]),
    ("google_forms_sheets_crlf_embedded_newlines.csv", .googleForms, 64, [.metadata: 1, .openText: 3, .singleChoice: 5]),
    ("google_forms_responses_sheets.xlsx", .googleForms, 207, [.metadata: 1, .singleChoice: 2]),
    ("microsoft_forms_export_cp1252.csv", .microsoftForms, 187, [.metadata: 4, .openText: 1, .singleChoice: 2]),
    ("qualcoder_survey_import_crlf.csv", .generic, 3, [.numeric: 1, .openText: 1, .singleChoice: 2]),
    ("qualtrics_2016_insights_matrix_negrecode.csv", .qualtrics2016, 15, [.metadata: 13, .multiSelect: 7, .singleChoice: 9]),
    ("qualtrics_2016_insights_open_text.csv", .qualtrics2016, 10, [.metadata: 13, .openText: 2, .singleChoice: 1]),
    ("qualtrics_2016_legacy_matrix_negrecode_bom.csv", .qualtricsLegacy, 15, [.metadata: 12, .multiSelect: 7, .singleChoice: 9]),
    ("qualtrics_legacy_sample_de_bom.csv", .qualtricsLegacy, 1, [.metadata: 12, .openText: 1, .singleChoice: 1]),
    ("qualtrics_v3_sample_de.csv", .qualtrics, 1, [.metadata: 16, .openText: 1, .singleChoice: 1]),
    ("redcap_checkboxes_raw.csv", .redcap, 4, [.metadata: 2, .multiSelect: 2, .openText: 1]),
    ("redcap_simple_raw_embedded_newlines.csv", .redcap, 5, [.metadata: 3, .multiSelect: 1, .numeric: 4, .openText: 7, .singleChoice: 3]),
    ("surveymonkey_pl_module_feedback.csv", .surveyMonkey, 16, [.likert: 5, .metadata: 8, .openText: 4, .singleChoice: 2]),
    ("derived_surveymonkey_utf16le_bom_tab.txt", .surveyMonkey, 16, [.likert: 5, .metadata: 8, .openText: 4, .singleChoice: 2]),
  ])
  func everyExportIsReadWithItsToolRespondentsAndItemTypes(
    name: String, dialect: SurveyDialect, respondents: Int, types: [SurveyItemType: Int]
  ) throws {
    let survey = try Self.read(name)
    #expect(survey.dialect == dialect)
    #expect(survey.respondents.count == respondents)
    #expect(Self.types(survey) == types)
  }

  @Test func qualtricsCurrentFormatKeysItemsByImportIdAndReadsStatusAndFinished() throws {
    let survey = try Self.read("qualtrics_v3_sample_de.csv")
    #expect(survey.items.filter { $0.type != .metadata }.map(\.id) == ["QID1", "QID2_TEXT"])
    let respondent = try #require(survey.respondents.first)
    #expect(respondent.id == "R_2YPOQ602ER1jkf1")
    #expect(respondent.line == 4)
    #expect(respondent.finished == true)
    #expect(respondent.exclusion == nil)
    #expect(respondent.answers["QID2_TEXT"] == SurveyAnswer(values: ["Hello World!"], raw: ["Hello World!"]))
    let item = try #require(survey.item("QID2_TEXT"))
    #expect(survey.provenance(of: respondent, item: item) == ("qualtrics_v3_sample_de.csv", 4, ["Q2"]))
    #expect(survey.item("QID1")?.text == "This is a multiple choice question.")
  }

  @Test func qualtrics2016MatrixAndMultiSelectWithNegativeRecodes() throws {
    let survey = try Self.read("qualtrics_2016_insights_matrix_negrecode.csv")
    let multi = try #require(survey.item("QID2"))
    #expect(multi.type == .multiSelect)
    #expect(multi.text == "Check all statements you agree with")
    #expect(multi.choices.map(\.code) == ["1", "2", "3", "-1", "-2"])
    #expect(multi.choices.map(\.label) == [
      "Squash are great", "Squash are tolerable", "Squash cause me anguish", "No basis for evaluation", "I've never had squash",
    ])
    let row = try #require(survey.item("QID3-1"))
    #expect(row.text == "Indicate how you feel about the following vegetables")
    #expect(row.subItem == "Squash")
    let first = try #require(survey.respondents.first)
    #expect(first.id == "R_ebopwASnJ6p0KSp")
    #expect(first.answers["QID2"]?.values == ["Squash are tolerable", "Squash cause me anguish", "No basis for evaluation"])
    #expect(first.answers["QID3-1"]?.raw == ["-1"])
    // Status 2 (survey test) is counted, and said so.
    #expect(survey.counted().count == 15)
    #expect(survey.warnings.contains { $0.contains("15 responses have Status 2") })
  }

  @Test func otherPleaseSpecifyBoxesBelongToTheirQuestion() throws {
    let survey = try Self.read("qualtrics_2016_insights_open_text.csv")
    let other = try #require(survey.item("QID1-TEXT"))
    #expect(other.type == .openText)
    #expect(other.parentID == "QID1")  // the item of `Q1`, keyed by its ImportId
    #expect(survey.respondents.filter { $0.answers["QID1-TEXT"] != nil }.count == 6)
  }

  @Test func surveyMonkeyCarriesQuestionTextAndMendsScaleTypos() throws {
    let survey = try Self.read("surveymonkey_pl_module_feedback.csv")
    let agree = try #require(survey.item("q9"))
    #expect(agree.type == .likert)
    #expect(agree.scale.suffix(2) == ["Agree", "Strongly agree"])
    let answers = survey.respondents.compactMap { $0.answers["q9"] }
    #expect(answers.count == 10)
    #expect(answers.filter { $0.value == "Agree" }.count == 6)  // written "Aagree"
    #expect(answers.first { $0.raw == ["Aagree"] }?.value == "Agree")
    let relevance = try #require(survey.item("q2"))
    #expect(relevance.scale == ["None of it", "Some of it", "Most of it", "All of it"])
    let comment = try #require(survey.item("q9_2"))
    #expect(comment.type == .openText)
    #expect(comment.parentID == "q9")
    #expect(comment.text.hasPrefix("To what extent do you agree with this statement?"))
    #expect(comment.subItem == "Is there anything else you would like to say about this?")
    #expect(survey.respondents.first?.id == "19085864118")
  }

  @Test func redcapWithItsDictionaryHasLabelsAndTypes() throws {
    let survey = try Self.read("redcap_checkboxes_raw.csv", dictionary: "redcap_checkboxes_data_dictionary.csv")
    #expect(survey.warnings == [])
    let one = try #require(survey.item("check_one"))
    #expect(one.type == .multiSelect)
    #expect(one.text == "check one")
    #expect(survey.respondents.map { $0.answers["check_two"]?.values ?? [] } == [["A", "C"], ["B", "D"], [], []])
    #expect(survey.respondents.map { $0.answers["check_one"]?.values ?? [] } == [["one"], [], ["one", "two", "three", "four"], []])

    let study = try Self.read("redcap_survey_raw.csv", dictionary: "redcap_survey_data_dictionary.csv")
    #expect(study.item("has_diabetes")?.type == .singleChoice)
    #expect(study.respondents.map { $0.answers["has_diabetes"]?.value } == ["True", "False"])
    #expect(study.item("email")?.type == .metadata)
    #expect(study.item("height")?.type == .numeric)
  }

  @Test func googleFormsXLSXReadsSerialDatesAndNumbers() throws {
    let survey = try Self.read("google_forms_responses_sheets.xlsx")
    let first = try #require(survey.respondents.first)
    #expect(first.line == 2)
    #expect(first.answers["Timestamp"]?.value == "2025-08-29T17:17:57")
    #expect(first.answers["What year are you in?"]?.value == "4")
    #expect(first.answers["Is hotdog a sandwich?"]?.value == "Yes")
    #expect(survey.item("What year are you in?")?.choices.map(\.label) == ["1", "2", "3", "4"])
  }

  @Test func answersThatDifferOnlyInCaseAreOneChoice() throws {
    let survey = try Self.read("google_forms_sheets_crlf_embedded_newlines.csv")
    let item = try #require(survey.item("Do you believe that a hotdog falls under the category of a sandwich?"))
    #expect(item.choices.contains { $0.label == "No" })
    #expect(!item.choices.contains { $0.label == "NO" })
    let noes = survey.respondents.filter { $0.answers[item.id]?.value == "No" }.count
    #expect(noes == 36)  // "No" 29, "NO" 3, "no" 2, "No " 2
  }

  @Test func packedCheckboxAnswersAreSplitIntoChoices() throws {
    let text = """
      Timestamp,Which supports helped?,Comments
      1/15/2025 9:00:00,"Collaborative planning time, Coaching",fine
      1/15/2025 9:05:00,Coaching,ok
      1/15/2025 9:07:00,"Coaching, Release time, Collaborative planning time",good
      1/15/2025 9:09:00,Release time,"long answer, with a comma"
      """
    let survey = try SurveyReader.read(bytes: Array(text.utf8), file: "forms.csv")
    let item = try #require(survey.item("Which supports helped?"))
    #expect(item.type == .multiSelect)
    #expect(Set(item.choices.map(\.label)) == ["Coaching", "Collaborative planning time", "Release time"])
    #expect(survey.respondents[2].answers[item.id]?.values == ["Coaching", "Release time", "Collaborative planning time"])
  }

  @Test(arguments: [
    ("dict.csv", "\"Variable / Field Name\",\"Form Name\"\nrecord_id,form\n",
     "dict.csv:1: this is a REDCap data dictionary, not responses: give the raw export as the survey and this file with --dictionary"),
    ("ragged.csv", "Timestamp,Q1\n1/1/2025,Yes,extra\n", "ragged.csv:2:3: row 2 has 3 cells but the header has 2"),
    ("open.csv", "Timestamp,Q1\n1/1/2025,\"never closed\n", "open.csv:2"),
    ("empty.csv", "", "empty.csv: the file is empty"),
    ("unquoted.csv",
     "StartDate,ResponseId,Q1\nStart Date,Response ID,Why?\n{\"ImportId\":\"startDate\",\"timeZone\":\"X\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}\n2024-05-01,R_a,Because\n",
     "unquoted.csv:3:4: header row 3 has 4 cells but row 1 has 3 (is a cell holding commas not quoted?)"),
  ])
  func brokenFilesNameTheRowAndColumn(name: String, text: String, expected: String) {
    #expect {
      try SurveyReader.read(bytes: Array(text.utf8), file: name)
    } throws: { error in
      String(describing: error).hasPrefix(expected)
    }
  }

  @Test func aTruncatedWorkbookIsAClearError() throws {
    let bytes = try Fixtures.bytes(Fixtures.shared("formats/surveys/google_forms_responses_sheets.xlsx"))
    #expect {
      try SurveyReader.read(bytes: Array(bytes.prefix(bytes.count / 2)), file: "cut.xlsx")
    } throws: { error in
      String(describing: error).hasPrefix("cut.xlsx")
    }
  }
}
