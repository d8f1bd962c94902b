import Foundation
import GRDB
import QDAModel
import Testing
@testable import QDAStore
import _QDATestSupport

/// Surveys stored as a row per respondent: answers written and read by hand round-trip
/// whatever they hold, and a project that stored surveys whole (before v7) is migrated to rows
/// with every answer intact.
@Suite struct SurveyStorageTests {
  static let awkward = ["", "Agree", "said \"no\"", "a\\b", "x/y", "tab\there", "line\nbreak\r\n", "é 🙂", "\u{2028}", "\u{1}\u{1F}", "{\"v\":[]}"]

  static func survey(respondents: Int) -> Survey {
    let items = [
      SurveyItem(id: "QID1", headers: ["Q1"], text: "Role?", type: .singleChoice),
      SurveyItem(id: "QID3", headers: ["Q3"], text: "Supports? (select all)", type: .multiSelect),
      SurveyItem(id: "QID5_TEXT", headers: ["Q5"], text: "What would you change?", type: .openText),
    ]
    let people = (0..<respondents).map { index in
      var answers: [String: SurveyAnswer] = [:]
      if index % 3 != 2 { answers["QID1"] = SurveyAnswer(values: [awkward[index % awkward.count]], raw: [awkward[index % awkward.count]]) }
      if index % 2 == 0 { answers["QID3"] = SurveyAnswer(values: ["Coaching", "Release time"], raw: ["Coaching,Release time"]) }
      if index % 4 == 1 { answers["QID5_TEXT"] = SurveyAnswer(values: [awkward[(index * 7) % awkward.count] + " \(index)"], raw: ["x"]) }
      return SurveyRespondent(
        id: "R_\(index)", line: 4 + index, finished: index % 5 == 0 ? nil : index % 5 != 1,
        exclusion: index % 11 == 10 ? "preview" : nil, answers: answers)
    }
    return Survey(source: "exports/s.csv", dialect: .qualtrics, items: items, respondents: people, warnings: ["s.csv: a note"])
  }

  @Test func answersRoundTripThroughTheColumn() throws {
    for respondent in Self.survey(respondents: 40).respondents {
      let text = SurveyAnswersColumn.encode(respondent.answers)
      #expect(SurveyAnswersColumn.decode(text) == respondent.answers, "\(text)")
      // What the encoder reads too, value for value.
      let decoded = try JSONDecoder().decode([String: SurveyAnswer].self, from: Data(text.utf8))
      #expect(decoded == respondent.answers)
    }
  }

  @Test func theEncodersSpellingsAreReadAndDamageIsNot() throws {
    let answers = ["Q1": SurveyAnswer(values: ["a/b é"], raw: ["1"])]
    let encoded = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)  // escapes "/" as "\/"
    #expect(SurveyAnswersColumn.decode(encoded) == answers)
    #expect(SurveyAnswersColumn.decode(#"{"Q1":{"v":["\u00e9\ud83d\ude42"]}}"#) == ["Q1": SurveyAnswer(values: ["é🙂"], raw: ["é🙂"])])
    for damaged in ["", "{", #"{"Q1":{"v":["a"]}"#, #"{"Q1":{"x":["a"]}}"#, #"{"Q1":{"r":["a"]}}"#, #"{"Q1":{"v":["\ud83d"]}}"#, "[]", #"{"Q1":{"v":["a"]}} "#] {
      #expect(SurveyAnswersColumn.decode(damaged) == nil, "\(damaged)")
    }
  }

  @Test func aSurveyIsStoredAsRowsAndReadBackWhole() throws {
    let folder = try TemporaryFolder("surveys")
    let store = try ProjectStore(path: folder.path("p.qda"))
    let survey = Self.survey(respondents: 300)
    let saved = try store.write { project in
      [try project.saveSurvey(survey, key: "s.csv", contentHash: "h1"), try project.saveSurvey(survey, key: "s.csv", contentHash: "h1")]
    }
    #expect(saved == [true, false])
    let (stored, ids) = try store.read { project in (try project.surveys(), try project.surveyRespondentIDs()) }
    #expect(stored == [survey])
    #expect(ids == Set((0..<300).map { "r_\($0)" }))
    // A new version replaces every respondent.
    var smaller = Self.survey(respondents: 5)
    smaller.warnings = []
    #expect(try store.write { project in try project.saveSurvey(smaller, key: "s.csv", contentHash: "h2") })
    #expect(try store.read { project in try project.surveys() } == [smaller])
  }

  @Test func aProjectThatStoredSurveysWholeIsMigratedToRows() throws {
    let folder = try TemporaryFolder("migrate")
    let path = folder.path("old.qda")
    let survey = Self.survey(respondents: 120)
    do {
      // The file as QDAKit wrote it before v7: the survey, respondents and all, in one JSON text.
      let queue = try DatabaseQueue(path: path)
      try Schema.migrator.migrate(queue, upTo: "v6-participant-position")
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let data = String(decoding: try encoder.encode(survey), as: UTF8.self)
      try queue.write { db in
        try db.execute(
          sql: "INSERT INTO survey(key, source_path, dialect, content_hash, data) VALUES (?, ?, ?, ?, ?)",
          arguments: ["s.csv", survey.source, survey.dialect.rawValue, "h1", data])
      }
      try queue.close()
    }
    let store = try ProjectStore(path: path)
    #expect(try store.read { project in try project.surveys() } == [survey])
    // Nothing of the whole survey is left in the survey's own row.
    let data = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT data FROM survey") }
    #expect(data?.contains("R_1") == false)
  }
}
