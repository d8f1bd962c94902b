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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = String(decoding: try encoder.encode(survey), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO survey(key, source_path, dialect, content_hash, data) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET source_path = excluded.source_path, dialect = excluded.dialect,
          content_hash = excluded.content_hash, data = excluded.data
        """,
      arguments: [key, survey.source, survey.dialect.rawValue, contentHash, data])
    return true
  }

  /// Every stored survey, by key order.
  public func surveys() throws -> [Survey] {
    let decoder = JSONDecoder()
    return try String.fetchAll(db, sql: "SELECT data FROM survey ORDER BY key").map { data in
      do {
        return try decoder.decode(Survey.self, from: Data(data.utf8))
      } catch {
        throw StoreError(.invalid, "a stored survey cannot be read (\(error.localizedDescription))")
      }
    }
  }

  /// Sets attribute values of participants, adding the attributes (typed) when new; other
  /// participants' values are untouched.
  public func setAttributes(_ values: [(participant: String, attribute: AttributeDefinition, value: AttributeValue)]) throws {
    var position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) FROM attribute") ?? -1
    var known = Set(try String.fetchAll(db, sql: "SELECT lower(name) FROM attribute"))
    for entry in values {
      if !known.contains(entry.attribute.name.lowercased()) {
        position += 1
        try db.execute(
          sql: "INSERT INTO attribute(name, type, position) VALUES (?, ?, ?)",
          arguments: [entry.attribute.name, entry.attribute.type.rawValue, position])
        known.insert(entry.attribute.name.lowercased())
      }
      try ensureParticipant(entry.participant)
      let participant = try canonicalParticipantID(entry.participant) ?? entry.participant
      let (number, text): (Double?, String?) =
        switch entry.value {
        case .number(let value): (value, nil)
        case .yesNo(let value): (value ? 1 : 0, nil)
        case .category(let value): (nil, value)
        }
      try db.execute(
        sql: """
          INSERT INTO participant_value(participant_id, attribute, number, text) VALUES (?, ?, ?, ?)
          ON CONFLICT(participant_id, attribute) DO UPDATE SET number = excluded.number, text = excluded.text
          """,
        arguments: [participant, entry.attribute.name, number, text])
    }
  }
}
