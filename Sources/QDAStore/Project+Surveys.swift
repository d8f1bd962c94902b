import Foundation
public import QDAModel
internal import GRDB

extension Project {
  /// Stores a survey under a key, replacing an earlier version; returns false when the same
  /// bytes are already stored.
  @discardableResult
  public func saveSurvey(_ survey: Survey, key: String, contentHash: String) throws -> Bool {
    if try String.fetchOne(
      db, sql: "SELECT content_hash FROM survey WHERE key = ?", arguments: [key]) == contentHash
    {
      return false
    }
    try db.execute(
      sql: """
        INSERT INTO survey(key, source_path, dialect, content_hash, data) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET source_path = excluded.source_path, dialect = excluded.dialect,
          content_hash = excluded.content_hash, data = excluded.data
        """,
      arguments: [
        key, survey.source, survey.dialect.rawValue, contentHash, try Self.surveyData(survey),
      ])
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
        throw StoreError(
          .invalid, "the stored survey \(key) cannot be read (\(error.localizedDescription))")
      }
      let cursor = try Row.fetchCursor(
        db,
        sql:
          "SELECT id, line, finished, exclusion, answers, ordinal FROM survey_respondent WHERE survey_key = ? ORDER BY ordinal",
        arguments: [key])
      while let row = try cursor.next() {
        guard let answers = SurveyAnswersColumn.decode(row[4]) else {
          throw StoreError(
            .invalid,
            "the answers of respondent \(row[5] as Int + 1) of the stored survey \(key) cannot be read"
          )
        }
        survey.respondents.append(
          SurveyRespondent(
            id: row[0], line: row[1], finished: row[2], exclusion: row[3], answers: answers))
      }
      return (key, survey)
    }
  }

  /// Every survey respondent's id, lower-cased, without reading answers.
  public func surveyRespondentIDs() throws -> Set<String> {
    Set(try String.fetchAll(db, sql: "SELECT id FROM survey_respondent").map { $0.lowercased() })
  }

  /// Sets attribute values of participants, adding the attributes (typed) and the participants
  /// when new; other participants' values are untouched. New participants are placed after the
  /// known ones in the order `values` first names them.
  ///
  /// Written for a survey's million respondents: the values go to SQLite a few thousand at a
  /// time as one JSON array per statement, in the order of the participants' ids, so that each
  /// statement fills neighbouring pages of the indexes (a statement per value, in the export's
  /// order, spent most of its time reading back pages the cache had let go).
  public func setAttributes(
    _ values: [(participant: String, attribute: AttributeDefinition, value: AttributeValue)]
  ) throws {
    var attributePosition =
      try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) FROM attribute") ?? -1
    var known = Set(try String.fetchAll(db, sql: "SELECT lower(name) FROM attribute"))
    // Runs of values naming the same participant (a respondent's values come together); a new
    // participant takes the position of its run.
    var runs: [Range<Int>] = []
    var checked = Set<String>()  // attribute names as given: a million values name a few
    for (index, entry) in values.enumerated() {
      if checked.insert(entry.attribute.name).inserted,
        known.insert(entry.attribute.name.lowercased()).inserted
      {
        attributePosition += 1
        try db.execute(
          sql: "INSERT INTO attribute(name, type, position) VALUES (?, ?, ?)",
          arguments: [entry.attribute.name, entry.attribute.type.rawValue, attributePosition])
      }
      if index > 0, values[index - 1].participant == entry.participant {
        runs[runs.count - 1] = runs[runs.count - 1].lowerBound..<(index + 1)
      } else {
        runs.append(index..<(index + 1))
      }
    }
    let firstPosition = try nextParticipantPosition()
    let order = Self.idOrder(runs.map { values[$0.lowerBound].participant })
    // CROSS JOIN keeps json_each the outer loop: a participant's later value for an attribute
    // replaces the earlier, as in the given order. The joins store the names as the project
    // spells them.
    let upsert = try db.makeStatement(
      sql: """
        INSERT INTO participant_value(participant_id, attribute, number, text)
        SELECT p.id, a.name, j.value ->> 2, j.value ->> 3
        FROM json_each(?) j CROSS JOIN participant p ON p.id = j.value ->> 0 CROSS JOIN attribute a ON a.name = j.value ->> 1
        WHERE true
        ON CONFLICT(participant_id, attribute) DO UPDATE SET number = excluded.number, text = excluded.text
        """)
    for chunkStart in stride(from: 0, to: order.count, by: 2_000) {
      let chunk = order[chunkStart..<min(order.count, chunkStart + 2_000)]
      try addParticipants(
        chunk.lazy.map { (values[runs[$0].lowerBound].participant, firstPosition + $0) })
      var rows = JSONRows()
      for run in chunk {
        for entry in values[runs[run]] {
          rows.row {
            $0.string(entry.participant)
            $0.string(entry.attribute.name)
            switch entry.value {
            case .number(let value): $0.number(value); $0.string(nil)
            case .yesNo(let value): $0.number(Int64(value ? 1 : 0)); $0.string(nil)
            case .category(let value): $0.string(nil); $0.string(value)
            }
          }
        }
      }
      try upsert.execute(arguments: [rows.text()])
    }
  }

}
