public import QDAModel
internal import GRDB

extension Project {
  // MARK: - Participants

  /// Replaces the attribute columns and every listed participant's values; participants not
  /// listed keep their documents and lose nothing.
  public func replaceParticipants(attributes: [AttributeDefinition], participants: [Participant])
    throws
  {
    try db.execute(sql: "DELETE FROM participant_value")
    let names = attributes.map(\.name)
    let existing = try String.fetchAll(db, sql: "SELECT name FROM attribute")
    for name in existing where !names.contains(where: { $0.lowercased() == name.lowercased() }) {
      try db.execute(sql: "DELETE FROM attribute WHERE name = ?", arguments: [name])
    }
    for (position, attribute) in attributes.enumerated() {
      try db.execute(
        sql: """
          INSERT INTO attribute(name, type, position) VALUES (?, ?, ?)
          ON CONFLICT(name) DO UPDATE SET name = excluded.name, type = excluded.type, position = excluded.position
          """,
        arguments: [attribute.name, attribute.type.rawValue, position])
    }
    for (position, participant) in participants.enumerated() {
      try db.execute(
        sql: """
          INSERT INTO participant(id, position) VALUES (?, ?)
          ON CONFLICT(id) DO UPDATE SET id = excluded.id, position = excluded.position
          """,
        arguments: [participant.id, position])
      for (name, value) in participant.attributes {
        var number: Double?
        var text: String?
        switch value {
        case .number(let n): number = n
        case .yesNo(let b): number = b ? 1 : 0
        case .category(let c): text = c
        }
        try db.execute(
          sql:
            "INSERT INTO participant_value(participant_id, attribute, number, text) VALUES (?, ?, ?, ?)",
          arguments: [participant.id, name, number, text])
      }
    }
  }

  /// Adds a participant with no attributes if the project does not know it yet.
  public func ensureParticipant(_ id: String) throws {
    // Cached statements here and below: these run once per document or respondent, and
    // compiling a statement costs more than running it.
    try db.cachedStatement(
      sql: """
        INSERT INTO participant(id, position)
        SELECT ?, (SELECT coalesce(max(position), -1) + 1 FROM participant)
        WHERE NOT EXISTS (SELECT 1 FROM participant WHERE id = ?)
        """
    ).execute(arguments: [id, id])
  }

  /// Adds the participants of these ids the project does not know yet (in any case), after the
  /// known ones in the order given; many to a statement.
  func ensureParticipants(_ ids: [String]) throws {
    let first = try nextParticipantPosition()
    let order = Self.idOrder(ids)
    for start in stride(from: 0, to: order.count, by: 2_000) {
      try addParticipants(
        order[start..<min(order.count, start + 2_000)].lazy.map { (ids[$0], first + $0) })
    }
  }

  /// The positions of `ids` in the order of the participant id index (SQLite's NOCASE compares
  /// ASCII letters without case), equal ids in their given order.
  static func idOrder(_ ids: [String]) -> [Int] {
    let keys = ids.map(asciiLowercased)
    return ids.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
  }

  /// The id with ASCII letters lower-cased, as SQLite's NOCASE collation compares ids.
  static func asciiLowercased(_ id: String) -> String {
    guard id.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return id }
    return String(
      decoding: id.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
  }

  /// The position after every participant's.
  func nextParticipantPosition() throws -> Int {
    try Int.fetchOne(db, sql: "SELECT coalesce(max(position), -1) + 1 FROM participant") ?? 0
  }

  /// Adds participants at the given positions in one statement, leaving those the project knows.
  /// Given in id order, the new ids land on neighbouring pages of the id index.
  func addParticipants(_ participants: some Sequence<(id: String, position: Int)>) throws {
    var rows = JSONRows()
    for (id, position) in participants {
      rows.row {
        $0.string(id)
        $0.number(Int64(position))
      }
    }
    try db.cachedStatement(
      sql: """
        INSERT INTO participant(id, position) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
        ON CONFLICT(id) DO NOTHING
        """
    ).execute(arguments: [rows.text()])
  }

  /// The participant id as the project spells it (ids match regardless of case).
  public func canonicalParticipantID(_ id: String) throws -> String? {
    try String.fetchOne(
      db.cachedStatement(sql: "SELECT id FROM participant WHERE id = ?"), arguments: [id])
  }

  public func attributes() throws -> [AttributeDefinition] {
    try Row.fetchAll(db, sql: "SELECT name, type FROM attribute ORDER BY position").compactMap {
      row in
      AttributeType(rawValue: row["type"]).map { AttributeDefinition(name: row["name"], type: $0) }
    }
  }

  /// Every participant, in the order the attribute file (then ingest) gave them.
  ///
  /// - Parameter names: only these attributes' values (any case); nil: every attribute's.
  public func participants(attributes names: [String]? = nil) throws -> [Participant] {
    let types = Dictionary(
      uniqueKeysWithValues: try attributes().map { ($0.name.lowercased(), $0.type) })
    var values: [String: [String: AttributeValue]] = [:]
    let only = names.map { " WHERE a.name IN (\(Self.placeholders($0.count)))" } ?? ""
    for row in try Row.fetchAll(
      db,
      sql:
        "SELECT v.participant_id, a.name, v.number, v.text FROM participant_value v JOIN attribute a ON a.name = v.attribute"
        + only,
      arguments: StatementArguments(names ?? []))
    {
      // By position: by name, GRDB lower-cases the names for every value read.
      let participant: String = row[0]
      let name: String = row[1]
      let number: Double? = row[2]
      let text: String? = row[3]
      let value: AttributeValue?
      switch types[name.lowercased()] {
      case .number: value = number.map { .number($0) }
      case .yesNo: value = number.map { .yesNo($0 != 0) }
      case .category: value = text.map { .category($0) }
      case nil: value = nil
      }
      if let value { values[participant, default: [:]][name] = value }
    }
    return try String.fetchAll(db, sql: "SELECT id FROM participant ORDER BY position, id").map {
      Participant(id: $0, attributes: values[$0] ?? [:])
    }
  }

  // MARK: - Instruments (codebook, protocol)

  /// Keeps the codebook or protocol file the project was coded with, so later commands and a
  /// later `verify` use the same one.
  public func saveInstrument(
    _ kind: InstrumentKind, file: String, source: String, contentHash: String
  ) throws {
    try db.execute(
      sql:
        "INSERT OR REPLACE INTO instrument(kind, file, source, content_hash) VALUES (?, ?, ?, ?)",
      arguments: [kind.rawValue, file, source, contentHash])
  }

  public func instrument(_ kind: InstrumentKind) throws -> StoredInstrument? {
    try Row.fetchOne(
      db, sql: "SELECT file, source, content_hash FROM instrument WHERE kind = ?",
      arguments: [kind.rawValue]
    )
    .map {
      StoredInstrument(file: $0["file"], source: $0["source"], contentHash: $0["content_hash"])
    }
  }

  // MARK: - Events

  /// Records a command in the project's history.
  public func log(command: String, summary: String, at timestamp: String) throws {
    try db.execute(
      sql: "INSERT INTO event(at, command, summary) VALUES (?, ?, ?)",
      arguments: [timestamp, command, summary])
  }

  public func events() throws -> [(at: String, command: String, summary: String)] {
    try Row.fetchAll(db, sql: "SELECT at, command, summary FROM event ORDER BY id").map {
      ($0["at"], $0["command"], $0["summary"])
    }
  }
}

/// The instruments a project keeps a copy of.
public enum InstrumentKind: String, Sendable {
  case codebook
  case `protocol`
}

/// A stored codebook or protocol file.
public struct StoredInstrument: Sendable, Hashable {
  public var file: String
  public var source: String
  public var contentHash: String
}
