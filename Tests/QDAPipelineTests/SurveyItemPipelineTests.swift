import Foundation
import QDAAnalysis
import QDAModel
import QDAPipeline
import Testing
import _QDATestSupport

/// Survey items through `analyze`: a packed multi-select counted per choice in the tables and
/// the brief (never a coded passage), SurveyMonkey respondents who stopped early left out and
/// said so, a REDCap longitudinal export stored one respondent per record with no identifier
/// in any passage, and repeated respondent ids stored without a database error. The expected
/// counts are those of `SurveyItemCountsTests` (computed independently).
@Suite struct SurveyItemPipelineTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))

  static func fixture(_ name: String) -> String { Fixtures.repository("Tests/Fixtures/surveys/" + name) }

  static func analyzed(_ surveys: [String], dictionary: String? = nil) throws -> (TemporaryFolder, project: String, out: String) {
    let temp = try TemporaryFolder("survey-items")
    _ = try pipeline.analyze(
      IngestRequest(
        inputs: surveys.map(fixture), codebook: Fixtures.repository("Codebooks/chat.yaml"), dictionary: dictionary.map(fixture)),
      project: temp.path("p.qda"), out: temp.path("out"))
    return (temp, temp.path("p.qda"), temp.path("out"))
  }

  @Test func aPackedMultiSelectIsCountedPerChoiceInTheTablesAndTheBriefAndIsNoPassage() throws {
    let (temp, project, out) = try Self.analyzed(["qualtrics_choice_text_packed.csv"])
    defer { withExtendedLifetime(temp) {} }
    let summary = try #require(try Self.pipeline.surveyOutputs(project: project).first?.summary)
    let packed = try #require(summary.items.first { $0.item.id == "QID2" })
    #expect(packed.item.type == .multiSelect)
    #expect(packed.answered == 10)
    #expect(packed.distribution.map { "\($0.label)=\($0.respondents.count)" } == [
      "Planning templates=4", "Recorded webinars=4", "Reading packets, articles and guides=4", "Discussion forum=3",
      "Office hours (virtual or in person)=3", "Something else (describe)=2",
    ])
    #expect(packed.writtenIn.count == 2)
    // Only the open boxes are passages: the "something else" box and the last question.
    let questions = Set(try Self.pipeline.listPassages(project: project).compactMap(\.passage.questionID))
    #expect(questions == ["QID2_6_TEXT", "QID6_TEXT"])
    let brief = try Fixtures.text(out + "/report.md")
    #expect(brief.contains("""
      #### Which of these course resources did you use? Select all that apply.

      - Planning templates, Reading packets, articles and guides and Recorded webinars were the top choices, 40 percent (4 of 10) each.
      - Discussion forum: 30 percent (3 of 10)
      - Office hours (virtual or in person): 30 percent (3 of 10)
      - 2 respondents wrote in the question's text box.
      """))
    #expect(brief.contains("| Which of these course resources did you use? Select all that apply. | Something else (describe) | 2 | 20% | 10 |"))
    #expect(brief.contains("| Did the course meet the goals you set at the start? | Yes, in part | 5 | 45% | 11 |"))
  }

  @Test func surveyMonkeyRespondentsWhoStoppedEarlyAreLeftOutAndSaidSo() throws {
    let (temp, project, out) = try Self.analyzed(["surveymonkey_partial_responses.csv"])
    defer { withExtendedLifetime(temp) {} }
    let outputs = try #require(try Self.pipeline.surveyOutputs(project: project).first)
    #expect((outputs.summary.counted, outputs.summary.unfinished, outputs.withUnfinished.counted) == (8, 3, 11))
    let brief = try Fixtures.text(out + "/report.md")
    #expect(brief.contains("SurveyMonkey export, 11 responses: 8 counted, 3 who stopped early (their last questions blank) left out."))
    #expect(brief.contains("| Which parts of the network did you use? | Other (please specify) | 2 | 25% | 8 |"))
    #expect(brief.contains("| Did you lead a session yourself? | Other (please specify) | 1 | 12% | 8 |"))
  }

  @Test func aREDCapLongitudinalExportIsOneCasePerRecordWithNoIdentifierInAnyPassage() throws {
    let raw = "redcap_longitudinal_repeating_raw.csv"
    let (temp, project, _) = try Self.analyzed([raw], dictionary: "redcap_longitudinal_data_dictionary.csv")
    defer { withExtendedLifetime(temp) {} }
    let summary = try #require(try Self.pipeline.surveyOutputs(project: project).first?.summary)
    #expect((summary.rows, summary.counted) == (6, 6))
    let passages = try Self.pipeline.listPassages(project: project)
    #expect(passages.count == 11)
    #expect(Set(passages.map(\.participant)) == ["1001", "1002", "1003", "1004"])
    #expect(Set(passages.map(\.documentKey)).count == 4)
    #expect(passages.filter { $0.participant == "1001" }.compactMap(\.passage.questionID) == [
      "ts_reflection [baseline_arm_1]", "ts_reflection [spring_arm_1]", "log_notes [instance 1]", "log_notes [instance 2]",
    ])
    // The names, e-mail addresses and schools the dictionary marks never reach a passage.
    let raws = try Fixtures.text(Self.fixture(raw)).split(separator: "\n").dropFirst()
    let identifying = raws.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(5).prefix(4) }
      .filter { !$0.isEmpty }
    #expect(identifying.count == 24)
    for value in identifying {
      #expect(!passages.contains { $0.passage.text.contains(value) }, "\(value)")
    }
  }

  @Test func aREDCapLongitudinalExportWithoutItsDictionaryIsStoredToo() throws {
    let (temp, project, _) = try Self.analyzed(["redcap_longitudinal_repeating_raw.csv"])
    defer { withExtendedLifetime(temp) {} }
    let summary = try #require(try Self.pipeline.surveyOutputs(project: project).first?.summary)
    #expect((summary.rows, summary.counted) == (6, 6))
  }

  @Test func repeatedRespondentIDsAreStoredAsSeparateCases() throws {
    let temp = try TemporaryFolder("survey-ids")
    let export = try temp.write(
      "cases.csv",
      "case,role,What did the coaching change for you?\nT1,Teacher,I plan lessons with a partner now.\nT2,Coach,Less than I hoped.\nT1,Teacher,We meet every week to look at student work.\n")
    _ = try Self.pipeline.ingest(
      IngestRequest(inputs: [], codebook: Fixtures.repository("Codebooks/chat.yaml"), surveys: [export]), project: temp.path("p.qda"))
    let passages = try Self.pipeline.listPassages(project: temp.path("p.qda"))
    #expect(passages.map(\.participant).sorted() == ["T1", "T1 (line 4)", "T2"])
  }
}
