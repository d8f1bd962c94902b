import Foundation
import QDAIngest
import QDAModel
import Testing

/// SurveyMonkey writes no completion flag: who stopped early is read from blank trailing items
/// (`SurveyItemBuilder.markStoppedEarly`), and such respondents count only on request. Repeated
/// respondent ids stay separate respondents.
@Suite struct StoppedEarlyTests {
  /// A SurveyMonkey export with a rating, a number, a single choice shown to some, and a comment
  /// box, one row per respondent (after the id).
  static func export(_ rows: [String]) -> String {
    """
    Respondent ID,Collector ID,Start Date,End Date,How satisfied were you with the retreat?,How many sessions did you attend?,"If you stayed overnight, was the room adequate?",Any other comments?,
    ,,,,Response,Response,Response,Open-Ended Response,

    """ + rows.map { $0 + "\n" }.joined()
  }

  static let start = ",90210,04/02/2024 10:00:00 AM,04/02/2024 10:05:00 AM,"

  @Test func blankTrailingQuestionsMostAnsweredMarkAnEarlyStopButSkippedCommentsAndBranchesDoNot() throws {
    let survey = try SurveyReader.read(
      bytes: Array(
        Self.export([
          "101" + Self.start + "Satisfied,3,Yes,Lovely place.",
          "102" + Self.start + "Very satisfied,4,,",  // skipped a question few saw and the comment
          "103" + Self.start + "Neutral,,,",  // stopped after the first question
          "104" + Self.start + ",,,",  // opened the survey, answered nothing
          "105" + Self.start + "Dissatisfied,2,,The sessions ran late.",  // skipped the middle
          "106" + Self.start + "Satisfied,5,,",
        ]).utf8), file: "retreat.csv")
    #expect(survey.dialect == .surveyMonkey)
    #expect(survey.respondents.map(\.finished) == [nil, nil, false, false, nil, nil])
    #expect(survey.counted().map(\.id) == ["101", "102", "105", "106"])
    #expect(survey.counted(includeUnfinished: true).count == 6)
    #expect(survey.warnings.contains { $0.hasPrefix("retreat.csv: 2 of 6 respondents stopped early") && $0.contains("1 of them with no answer at all") })
  }

  @Test func everyoneWhoReachedTheEndIsCounted() throws {
    let survey = try SurveyReader.read(
      bytes: Array(Self.export(["201" + Self.start + "Satisfied,3,Yes,", "202" + Self.start + "Neutral,1,No,"]).utf8), file: "retreat.csv")
    #expect(survey.counted().count == 2)
    #expect(!survey.warnings.contains { $0.contains("stopped early") })
  }

  @Test func aRepeatedRespondentIDKeepsBothRowsAndSaysSo() throws {
    let text = "case,role,comment\nT1,Teacher,Fine\nT2,Coach,Good\nt1,Teacher,Second entry\n"
    let survey = try SurveyReader.read(bytes: Array(text.utf8), file: "cases.csv")
    #expect(survey.respondents.map(\.id) == ["T1", "T2", "t1 (line 4)"])
    #expect(survey.warnings.contains("cases.csv:4: the respondent id 't1' is also on line 2; read as 't1 (line 4)'"))
  }

  /// The new id is never one the file already has (found by fuzzing: a workbook numbered two
  /// rows alike, and both repeats became the same id).
  @Test func aRepeatedIDNeverTakesAnIDTheFileHas() throws {
    let text = "case,comment\nT1,Fine\nT1 (line 4),Odd but typed\nT1,Again\n"
    let survey = try SurveyReader.read(bytes: Array(text.utf8), file: "cases.csv")
    #expect(survey.respondents.map(\.id) == ["T1", "T1 (line 4)", "T1 (line 4, 2)"])
  }
}
