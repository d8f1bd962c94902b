import Foundation
public import QDAModel
internal import GRDB

extension Project {
  /// Stores a survey under a key, replacing an earlier version; returns false when the same
  /// bytes are already stored.
  @discardableResult
  public func saveSurvey(_ survey: Survey, key: String, contentHash: String) throws -> Bool {
    if try String.fetchOne(db, sql: "SELECT content_hash FROM survey WHERE key = ?", arguments: [key]) == contentHash {
      return false
    }
    try db.execute(
      sql: """
        INSERT INTO survey(key, source_path, dialect, content_hash, data) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET source_path = excluded.source_path, dialect = excluded.dialect,
          content_hash = excluded.content_hash, data = excluded.data
        """,
      arguments: [key, survey.source, survey.dialect.rawValue, contentHash, try Self.surveyData(survey)])
    try writeRespondents(survey.respondents, key: key)
    return true
  }

  /// Rewrites a stored survey (under a new key when it changes), respondents included.
  func replaceSurvey(key: String, with survey: Survey, newKey: String) throws {
    try db.execute(
      sql: "UPDATE survey SET key = ?, source_path = ?, data = ? WHERE key = ?",
      arguments: [newKey, survey.source, try Self.surveyData(survey), key])
    try writeRespondents(survey.respondents, key: newKey)
  }

  /// The `data` column: the survey without its respondents (items, dialect, warnings).
  private static func surveyData(_ survey: Survey) throws -> String {
    var header = survey
    header.respondents = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(header), as: UTF8.self)
  }

  private func writeRespondents(_ respondents: [SurveyRespondent], key: String) throws {
    try db.execute(sql: "DELETE FROM survey_respondent WHERE survey_key = ?", arguments: [key])
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO survey_respondent(survey_key, ordinal, id, line, finished, exclusion, answers)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    for (ordinal, respondent) in respondents.enumerated() {
      try statement.execute(arguments: [
        key, ordinal, respondent.id, respondent.line, respondent.finished, respondent.exclusion,
        SurveyAnswersColumn.encode(respondent.answers),
      ])
    }
  }

  /// The export file of every stored survey, by key order, without reading the surveys.
  public func surveySources() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT source_path FROM survey ORDER BY key")
  }

  /// Every stored survey, by key order, with its respondents.
  public func surveys() throws -> [Survey] {
    try keyedSurveys().map(\.survey)
  }

  /// Every stored survey with its key, by key order.
  func keyedSurveys() throws -> [(key: String, survey: Survey)] {
    let decoder = JSONDecoder()
    return try Row.fetchAll(db, sql: "SELECT key, data FROM survey ORDER BY key").map { row in
      let key: String = row["key"]
      var survey: Survey
      do {
        survey = try decoder.decode(Survey.self, from: Data((row["data"] as String).utf8))
      } catch {
        throw StoreError(.invalid, "the stored survey \(key) cannot be read (\(error.localizedDescription))")
      }
      let cursor = try Row.fetchCursor(
        db, sql: "SELECT id, line, finished, exclusion, answers, ordinal FROM survey_respondent WHERE survey_key = ? ORDER BY ordinal",
        arguments: [key])
      while let row = try cursor.next() {
        guard let answers = SurveyAnswersColumn.decode(row[4]) else {
          throw StoreError(.invalid, "the answers of respondent \(row[5] as Int + 1) of the stored survey \(key) cannot be read")
        }
        survey.respondents.append(
          SurveyRespondent(id: row[0], line: row[1], finished: row[2], exclusion: row[3], answers: answers))
      }
      return (key, survey)
    }
  }

  /// Every survey respondent's id, lower-cased, without reading answers.
  public func surveyRespondentIDs() throws -> Set<String> {
    Set(try String.fetchAll(db, sql: "SELECT id FROM survey_respondent").map { $0.lowercased() })
  }

  /// Sets attribute values of participants, adding the attributes (typed) when new; other
  /// participants' values are untouched.
  public func setAttributes(_ values: [(participant: String, attribute: AttributeDefinition, value: AttributeValue)]) throws {
    var position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) FROM attribute") ?? -1
    var known = Set(try String.fetchAll(db, sql: "SELECT lower(name) FROM attribute"))
    // Names already checked, as given: a million respondents' values name a few attributes.
    var checked = Set<String>()
    var lastParticipant: (given: String?, stored: String) = (nil, "")
    let upsert = try db.makeStatement(
      sql: """
        INSERT INTO participant_value(participant_id, attribute, number, text) VALUES (?, ?, ?, ?)
        ON CONFLICT(participant_id, attribute) DO UPDATE SET number = excluded.number, text = excluded.text
        """)
    for entry in values {
      if checked.insert(entry.attribute.name).inserted, !known.contains(entry.attribute.name.lowercased()) {
        position += 1
        try db.execute(
          sql: "INSERT INTO attribute(name, type, position) VALUES (?, ?, ?)",
          arguments: [entry.attribute.name, entry.attribute.type.rawValue, position])
        known.insert(entry.attribute.name.lowercased())
      }
      // A respondent's values come together: their participant is looked up once.
      if entry.participant != lastParticipant.given {
        try ensureParticipant(entry.participant)
        lastParticipant = (entry.participant, try canonicalParticipantID(entry.participant) ?? entry.participant)
      }
      let participant = lastParticipant.stored
      let (number, text): (Double?, String?) =
        switch entry.value {
        case .number(let value): (value, nil)
        case .yesNo(let value): (value ? 1 : 0, nil)
        case .category(let value): (nil, value)
        }
      try upsert.execute(arguments: [participant, entry.attribute.name, number, text])
    }
  }
}
