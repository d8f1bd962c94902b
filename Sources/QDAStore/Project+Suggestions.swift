public import QDAModel
internal import GRDB

extension Project {
  /// Replaces a coder's open suggestions with new ones; answered suggestions are kept, and a
  /// new suggestion for a passage and code already answered is dropped.
  ///
  /// - Returns: the suggestions stored, with their ids.
  public func replaceOpenSuggestions(
    coder: String, with suggestions: [Suggestion], at timestamp: String
  ) throws
    -> [Suggestion]
  {
    try db.execute(
      sql: "DELETE FROM suggestion WHERE coder = ? AND status = 'open'", arguments: [coder])
    var stored: [Suggestion] = []
    for var suggestion in suggestions where suggestion.coder == coder {
      try db.execute(
        sql: """
          INSERT INTO suggestion(passage_id, code_id, coder, score, status, created_at)
          VALUES (?, ?, ?, ?, 'open', ?) ON CONFLICT(passage_id, code_id, coder) DO NOTHING
          """,
        arguments: [suggestion.passageID, suggestion.codeID, coder, suggestion.score, timestamp])
      guard db.changesCount > 0 else { continue }
      suggestion.id = db.lastInsertedRowID
      suggestion.status = .open
      stored.append(suggestion)
    }
    return stored
  }

  /// Suggestions, filtered by coder and status, best first.
  public func suggestions(coder: String? = nil, status: Suggestion.Status? = nil) throws
    -> [Suggestion]
  {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let coder { clauses.append("coder = ?"); arguments.append(coder) }
    if let status { clauses.append("status = ?"); arguments.append(status.rawValue) }
    return try Row.fetchAll(
      db,
      sql:
        "SELECT * FROM suggestion WHERE \(clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")) ORDER BY score DESC, id",
      arguments: StatementArguments(arguments)
    ).map(Self.suggestion)
  }

  /// One suggestion by id.
  public func suggestion(id: Int64) throws -> Suggestion? {
    try Row.fetchOne(db, sql: "SELECT * FROM suggestion WHERE id = ?", arguments: [id]).map(
      Self.suggestion)
  }

  /// Records the coder's answer.
  public func answerSuggestion(id: Int64, status: Suggestion.Status, at timestamp: String) throws {
    try db.execute(
      sql: "UPDATE suggestion SET status = ?, decided_at = ? WHERE id = ?",
      arguments: [status.rawValue, timestamp, id])
  }

  static func suggestion(_ row: Row) -> Suggestion {
    Suggestion(
      id: row["id"], passageID: row["passage_id"], codeID: row["code_id"], coder: row["coder"],
      score: row["score"],
      status: Suggestion.Status(rawValue: row["status"]) ?? .open)
  }
}
