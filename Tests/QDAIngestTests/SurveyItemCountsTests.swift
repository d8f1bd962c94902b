import Foundation
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// Exact counts for every item type — single choice, multi-select in columns, multi-select packed
/// into one cell, Likert and matrix rows, numbers, open text — on the repository's survey
/// fixtures (`Tests/Fixtures/surveys/`), the sample teachers' survey and the real exports in
/// `../shared/formats/surveys/`.
///
/// The expected lines were computed once, independently of QDAKit, by a short Python script
/// with the `csv` module: each export read as it is, each item's columns, type and choice list
/// written out by hand from the file (a packed cell split at each place by the longest choice
/// of that list), the counted respondents picked by the rule the export's tool documents
/// (Qualtrics: not a preview, `Finished` true; SurveyMonkey: not stopped early, see
/// `markStoppedEarly`), and for each item the respondents who answered (n) and, per label, the
/// respondents who gave it. Labels are as the export spells them, but for the scale typos the
/// reader mends (`Aagree`, `Disgree`) and answers that differ only in case or spacing (one
/// spelling, the most used).
///
/// A line is `id|type|n=…|label=count; …` (labels sorted); a number item ends in
/// `|mean=…|median=…|range=…`.
@Suite struct SurveyItemCountsTests {
  static func fixture(_ name: String, dictionary: String? = nil) throws -> Survey {
    let path = Fixtures.repository("Tests/Fixtures/surveys/" + name)
    return try SurveyReader.read(
      bytes: try Fixtures.bytes(path), file: name,
      dictionary: try dictionary.map { try Fixtures.bytes(Fixtures.repository("Tests/Fixtures/surveys/" + $0)) },
      dictionaryFile: dictionary)
  }

  static func shared(_ name: String, dictionary: String? = nil) throws -> Survey {
    try SurveyReader.read(
      bytes: try Fixtures.bytes(Fixtures.shared("formats/surveys/" + name)), file: name,
      dictionary: try dictionary.map { try Fixtures.bytes(Fixtures.shared("formats/surveys/" + $0)) }, dictionaryFile: dictionary)
  }

  /// Each answer item's counts over the counted respondents, as the golden lines write them.
  static func lines(_ survey: Survey, only ids: [String]? = nil) -> [String] {
    let counted = survey.counted()
    return survey.items.filter { $0.type != .metadata && (ids?.contains($0.id) ?? true) }.map { item in
      let answers = counted.compactMap { $0.answers[item.id] }
      var line = "\(item.id)|\(item.type.rawValue)|n=\(answers.count)"
      switch item.type {
      case .singleChoice, .likert, .multiSelect:
        var tally: [String: Int] = [:]
        for answer in answers { for value in Set(answer.values) { tally[value, default: 0] += 1 } }
        line += "|" + tally.keys.sorted().map { "\($0)=\(tally[$0] ?? 0)" }.joined(separator: "; ")
      case .numeric:
        let numbers = answers.compactMap { Double($0.value) }.sorted()
        guard let low = numbers.first, let high = numbers.last else { break }
        let middle = numbers.count / 2
        let median = numbers.count % 2 == 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2
        let mean = numbers.reduce(0, +) / Double(numbers.count)
        line += "|mean=\(String(format: "%.4f", mean))|median=\(String(format: "%g", median))"
          + "|range=\(String(format: "%g", low))-\(String(format: "%g", high))"
      default: break
      }
      return line
    }
  }

  // MARK: - The repository's fixtures

  @Test func aQualtricsChoiceTextExportSplitsItsPackedMultiSelectAndKeepsCommasInChoices() throws {
    let survey = try Self.fixture("qualtrics_choice_text_packed.csv")
    #expect(survey.counted().count == 11)
    #expect(survey.counted(includeUnfinished: true).count == 13)
    #expect(Self.lines(survey) == [
      "QID1|single_choice|n=11|Classroom teacher=6; Instructional coach=2; Other staff=1; School leader=2",
      "QID2|multi_select|n=10|Discussion forum=3; Office hours (virtual or in person)=3; Planning templates=4; Reading packets, articles and guides=4; Recorded webinars=4; Something else (describe)=2",
      "QID2_6_TEXT|open_text|n=2",
      "QID3|single_choice|n=11|Not yet=2; Yes, fully=4; Yes, in part=5",
      "QID4_1|likert|n=11|Agree=3; Disagree=2; Neither agree nor disagree=1; Somewhat agree=2; Somewhat disagree=1; Strongly agree=2",
      "QID4_2|likert|n=11|Agree=5; Disagree=1; Somewhat agree=2; Strongly agree=2; Strongly disagree=1",
      "QID4_3|likert|n=11|Agree=5; Disagree=1; Neither agree nor disagree=1; Somewhat agree=2; Strongly agree=2",
      "QID5_TEXT|numeric|n=11|mean=11.8182|median=10|range=3-25",
      "QID6_TEXT|open_text|n=7",
    ])
    // The "Something else (describe)" box belongs to the packed item, whose text loses Qualtrics'
    // "- Selected Choice".
    #expect(survey.item("QID2_6_TEXT")?.parentID == "QID2")
    #expect(survey.item("QID2")?.text == "Which of these course resources did you use? Select all that apply.")
    let second = try #require(survey.respondents.first { $0.id == "R_1fXo4NdPq9Sg2Ja" })
    #expect(second.answers["QID2"]?.values == ["Office hours (virtual or in person)", "Discussion forum", "Something else (describe)"])
    #expect(second.answers["QID2"]?.raw == ["Office hours (virtual or in person),Discussion forum,Something else (describe)"])
  }

  @Test func aGoogleFormsCheckboxQuestionAndASingleChoiceWithCommasInItsLabels() throws {
    let survey = try Self.fixture("google_forms_checkboxes.csv")
    #expect(survey.counted().count == 12)
    #expect(Self.lines(survey) == [
      "Which formats have you taken part in this year?|multi_select|n=11|A summer institute at the state university=1; Book study=4; Coaching, mentoring or peer feedback=6; Live workshops=5; Self-paced modules=4",
      "Did the coaching cycle change your practice?|single_choice|n=12|Not really=3; Yes, a little=4; Yes, a lot=5",
      "How many coaching sessions did you attend?|numeric|n=12|mean=3.2500|median=2.5|range=0-8",
      "Rate each part of the programme [Workshops]|likert|n=10|Excellent=2; Fair=2; Good=4; Very good=2",
      "Rate each part of the programme [Coaching visits]|likert|n=9|Excellent=3; Fair=2; Good=1; Very good=3",
      "Rate each part of the programme [Online community]|likert|n=10|Fair=3; Good=3; Poor=2; Very good=2",
      "What should we keep or change next year?|open_text|n=7",
    ])
  }

  @Test func aSurveyMonkeyExportWithChoiceColumnsOtherBoxesAndRespondentsWhoStoppedEarly() throws {
    let survey = try Self.fixture("surveymonkey_partial_responses.csv")
    #expect(survey.respondents.filter { $0.finished == false }.map(\.id) == ["11438412960", "11438520847", "11438649572"])
    #expect(survey.counted().count == 8)
    #expect(survey.counted(includeUnfinished: true).count == 11)
    #expect(survey.warnings.contains {
      $0.hasPrefix("surveymonkey_partial_responses.csv: 3 of 11 respondents stopped early")
    })
    #expect(Self.lines(survey) == [
      "q1|multi_select|n=8|Monthly meetups=5; Newsletter=3; Other (please specify)=2; Peer visits=3; Shared lesson bank=4",
      "q1_5|open_text|n=2",
      "q2_1|likert|n=5|Extremely useful=1; Somewhat useful=1; Very useful=3",
      "q2_2|likert|n=4|Extremely useful=1; Somewhat useful=2; Very useful=1",
      "q2_3|likert|n=3|Extremely useful=1; Very useful=2",
      "q3|numeric|n=8|mean=3.6250|median=4|range=0-6",
      "q4|single_choice|n=8|No=5; Other (please specify)=1; Yes=2",
      "q4_2|open_text|n=1",
      "q5|open_text|n=5",
    ])
    #expect(survey.item("q1_5")?.parentID == "q1")
    #expect(survey.item("q4_2")?.parentID == "q4")
    #expect(survey.item("q2_2")?.fullText == "How useful was each part? — Shared lesson bank")
  }

  @Test func aREDCapLongitudinalExportWithARepeatingInstrumentIsOneRespondentPerRecord() throws {
    let survey = try Self.fixture("redcap_longitudinal_repeating_raw.csv", dictionary: "redcap_longitudinal_data_dictionary.csv")
    #expect(survey.respondents.map(\.id) == ["1001", "1002", "1003", "1004", "1005", "1006"])
    #expect(survey.respondents.map(\.line) == [2, 8, 12, 15, 18, 19])
    #expect(Self.lines(survey) == [
      "school_level|single_choice|n=6|Elementary=2; High school=2; Middle=2",
      "years_teaching|numeric|n=6|mean=14.5000|median=12|range=3-31",
      "ts_confidence [baseline_arm_1]|likert|n=5|Agree=1; Disagree=2; Neither agree nor disagree=2",
      "ts_supports [baseline_arm_1]|multi_select|n=4|Classroom materials=1; Coaching, modelling or co-teaching=2; Release time=2; Stipend=1",
      "ts_reflection [baseline_arm_1]|open_text|n=3",
      "ts_confidence [spring_arm_1]|likert|n=3|Agree=2; Strongly agree=1",
      "ts_supports [spring_arm_1]|multi_select|n=3|Classroom materials=1; Coaching, modelling or co-teaching=3; Release time=1",
      "ts_reflection [spring_arm_1]|open_text|n=3",
      "log_focus [instance 1]|single_choice|n=4|Lesson planning=2; Looking at student data=1; Observation and feedback=1",
      "log_minutes [instance 1]|numeric|n=4|mean=42.5000|median=42.5|range=35-50",
      "log_notes [instance 1]|open_text|n=3",
      "log_focus [instance 2]|single_choice|n=3|Co-teaching=1; Observation and feedback=2",
      "log_minutes [instance 2]|numeric|n=3|mean=68.3333|median=60|range=55-90",
      "log_notes [instance 2]|open_text|n=2",
      // Instance 3's notes were left blank by everyone: no item.
      "log_focus [instance 3]|single_choice|n=1|Looking at student data=1",
      "log_minutes [instance 3]|numeric|n=1|mean=30.0000|median=30|range=30-30",
    ])
    // The identifying fields are metadata, emptied by de-identification, never open text.
    for id in ["first_name", "last_name", "email", "school_name"] {
      let item = try #require(survey.item(id))
      #expect(item.type == .metadata && item.isIdentifier, "\(id)")
    }
    let first = try #require(survey.respondents.first)
    #expect(first.answers["redcap_event_name"]?.value == "baseline_arm_1; fall_arm_1, instance 1; fall_arm_1, instance 2; fall_arm_1, instance 3; spring_arm_1")
    #expect(first.answers["log_notes [instance 2]"]?.value == "Observed a small-group lesson.\nFeedback focused on wait time.")
    #expect(survey.item("ts_confidence [spring_arm_1]")?.fullText == "I feel confident leading discussions about student work with colleagues. — spring_arm_1")
  }

  // MARK: - The sample survey and the shared real exports

  @Test func theSampleTeachersSurvey() throws {
    let path = Fixtures.repository("Corpora/survey/teachers_survey.csv")
    let survey = try SurveyReader.read(bytes: try Fixtures.bytes(path), file: "teachers_survey.csv")
    #expect(Self.lines(survey) == [
      "QID1|single_choice|n=82|Elementary=40; High=18; Middle=24",
      "QID2_1|likert|n=82|Agree=35; Disagree=1; Neither agree nor disagree=14; Strongly agree=25; Strongly disagree=7",
      "QID2_2|likert|n=82|Agree=34; Disagree=2; Neither agree nor disagree=7; Strongly agree=35; Strongly disagree=4",
      "QID2_3|likert|n=82|Agree=29; Disagree=4; Neither agree nor disagree=10; Strongly agree=33; Strongly disagree=6",
      "QID3|multi_select|n=82|Coaching from a district specialist=40; Collaborative planning time with colleagues=61; Computational thinking professional development=44; Release time=25; Resources for defining computational thinking (articles)=23; Specific pedagogical resources (look-fors, lesson plans, student resources)=26",
      "QID4_1|likert|n=82|Definitely motivating=43; Not at all motivating=1; Slightly motivating=4; Somewhat motivating=1; Very motivating=33",
      "QID4_2|likert|n=82|Definitely motivating=25; Not at all motivating=5; Slightly motivating=9; Somewhat motivating=10; Very motivating=33",
      "QID4_3|likert|n=82|Definitely motivating=32; Not at all motivating=5; Slightly motivating=7; Somewhat motivating=8; Very motivating=30",
      "QID4_4|likert|n=82|Definitely motivating=31; Not at all motivating=9; Slightly motivating=5; Somewhat motivating=10; Very motivating=27",
      "QID5|numeric|n=82|mean=22.3049|median=20|range=10-40",
      "QID6_TEXT|open_text|n=22",
    ])
  }

  @Test func theSharedSurveyMonkeyExportCountsOnlyThoseWhoReachedTheEnd() throws {
    for name in ["surveymonkey_pl_module_feedback.csv", "derived_surveymonkey_utf16le_bom_tab.txt"] {
      let survey = try Self.shared(name)
      #expect(survey.respondents.filter { $0.finished == false }.map(\.id) == ["19085864118", "19034697833", "13590342375", "13585199588"])
      #expect(Self.lines(survey) == [
        "q1|open_text|n=12",
        "q2|likert|n=12|All of it=5; Most of it=5; Some of it=2",
        "q3|likert|n=12|Agree=10; Disagree=1; Strongly disagree=1",
        "q4|single_choice|n=11|No=3; Yes=8",
        "q5|single_choice|n=12|Not sure=4; Yes=8",
        "q6|likert|n=12|Not really=4; Yes, a great deal=2; Yes, somewhat=6",
        "q7|open_text|n=8",
        "q8|likert|n=12|Agree=8; Strongly agree=4",
        "q8_2|open_text|n=7",
        "q9|likert|n=10|Agree=6; Strongly agree=4",
        "q9_2|open_text|n=10",
      ], "\(name)")
    }
  }

  @Test func theSharedQualtricsAndREDCapExportsWithSplitMultiSelects() throws {
    #expect(Self.lines(try Self.shared("qualtrics_2016_insights_matrix_negrecode.csv"), only: ["QID1", "QID2", "QID3-1"]) == [
      "QID1|single_choice|n=15|-1=2; 1=3; 2=3; 3=7",
      "QID2|multi_select|n=15|I've never had squash=8; No basis for evaluation=10; Squash are great=9; Squash are tolerable=10; Squash cause me anguish=9",
      "QID3-1|single_choice|n=15|-1=5; 1=3; 2=3; 3=4",
    ])
    #expect(Self.lines(try Self.shared("redcap_simple_raw_embedded_newlines.csv"), only: ["age", "sex", "bmi", "comments", "race", "ethnicity"]) == [
      "age|numeric|n=5|mean=44.4000|median=59|range=11-80",
      "sex|single_choice|n=5|FALSE=2; TRUE=3",
      "bmi|numeric|n=5|mean=110.8600|median=27.9|range=19.8-277.8",
      "comments|open_text|n=5",
      "race|multi_select|n=5|1=1; 2=1; 3=1; 4=1; 5=4; 6=1",
      "ethnicity|single_choice|n=5|0=1; 1=3; 2=1",
    ])
    #expect(Self.lines(try Self.shared("redcap_checkboxes_raw.csv", dictionary: "redcap_checkboxes_data_dictionary.csv")) == [
      "check_one|multi_select|n=2|four=1; one=2; three=1; two=1",
      "check_two|multi_select|n=2|A=1; B=1; C=1; D=1",
      "desired_result|open_text|n=3",
    ])
  }

  @Test func theSharedFormsExports() throws {
    let believe = "Do you believe that a hotdog falls under the category of a sandwich?"
    let enrolled = "Are you currently enrolled as an undergraduate or graduate student at the University of Virginia?"
    let year = "If you are an undergraduate, what is your current academic year?"
    let gender = "Gender: How do you identify?"
    let rationale = "What is the rationale behind your opinion?"
    let major = "What is your field of study or major?"
    let describe = "You preferred to self-describe for gender; please, share your identity below"
    for name in ["google_forms_sheets_crlf_embedded_newlines.csv", "derived_google_forms_cp1252.csv"] {
      #expect(Self.lines(try Self.shared(name), only: [believe, enrolled, year, gender, rationale, major, describe]) == [
        "\(believe)|single_choice|n=64|N=2; No=36; Noooo=1; Nope=1; Y=1; Yeah=1; Yes=20; Yesss=1; Yesssssss=1",
        "\(rationale)|open_text|n=61",
        "\(enrolled)|single_choice|n=64|No=6; Yes=58",
        "\(major)|open_text|n=61",
        "\(year)|single_choice|n=55|First year=5; Fourth year=25; Second year=9; Third year=16",
        "\(gender)|single_choice|n=63|Man=22; Non-binary=4; Prefer not to answer=1; Prefer to self-describe=1; Woman=35",
        "\(describe)|open_text|n=3",
      ], "\(name)")
    }
    #expect(Self.lines(try Self.shared("microsoft_forms_export_cp1252.csv")) == [
      "Is a hotdog a sandwich|single_choice|n=187|No=126; Yes=61",
      "Are you a UVA undergraduate student|single_choice|n=187|No=6; Yes=181",
      "What is your major?|open_text|n=185",
    ])
  }
}
