public import QDAModel
internal import GRDB

extension Project {
  /// Installs a codebook's codes. Codes the new codebook drops are deleted with their automatic
  /// codings; a dropped code that still has manual codings is kept, marked retired, so no
  /// coder's work is lost.
  ///
  /// - Returns: the ids of the codes retired.
  @discardableResult
  public func replaceCodebook(_ codebook: Codebook) throws -> [String] {
    let ids = Set(codebook.codes.map(\.id))
    for (position, code) in codebook.codes.enumerated() {
      try db.execute(
        sql: """
          INSERT INTO code(id, parent_id, element, name, position, definition, color, retired)
          VALUES (?, ?, ?, ?, ?, ?, ?, 0)
          ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, element = excluded.element,
            name = excluded.name, position = excluded.position, definition = excluded.definition,
            color = excluded.color, retired = 0
          """,
        arguments: [
          code.id, code.parentID, code.element?.rawValue ?? "none", code.name, position,
          code.definition, code.color,
        ])
    }
    var retired: [String] = []
    for old in try String.fetchAll(db, sql: "SELECT id FROM code") where !ids.contains(old) {
      try db.execute(
        sql: "DELETE FROM coding WHERE code_id = ? AND coder IN (?, ?)",
        arguments: [old, Coding.autoCoder, Coding.modelCoder])
      let manual =
        try Int.fetchOne(db, sql: "SELECT count(*) FROM coding WHERE code_id = ?", arguments: [old])
        ?? 0
      if manual > 0 {
        try db.execute(sql: "UPDATE code SET retired = 1 WHERE id = ?", arguments: [old])
        retired.append(old)
      } else {
        try db.execute(sql: "DELETE FROM code WHERE id = ?", arguments: [old])
      }
    }
    return retired
  }

  /// Codes in the project that the current codebook no longer defines but manual codings use.
  public func retiredCodes() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT id FROM code WHERE retired = 1 ORDER BY position")
  }

  /// Installs a protocol's questions.
  public func replaceProtocol(_ interviewProtocol: InterviewProtocol) throws {
    try db.execute(sql: "DELETE FROM question")
    for (position, question) in interviewProtocol.questions.enumerated() {
      try db.execute(
        sql: "INSERT INTO question(id, position, text, measure, probes) VALUES (?, ?, ?, ?, ?)",
        arguments: [
          question.id, position, question.text, question.measure?.rawValue,
          JSONColumn.encode(question.probes),
        ])
    }
  }
}
