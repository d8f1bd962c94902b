public import QDAModel
internal import GRDB

extension Project {
  /// Replaces the automatic detections with new ones, keeping researchers' work: contradictions
  /// added by hand stay; a detection a researcher confirmed or rejected keeps that decision when
  /// it is detected again (matched by `key`), and a rejected one is not proposed again.
  ///
  /// - Parameter key: identifies a detection across runs.
  public func replaceAutoContradictions(_ detected: [Contradiction], key: (Contradiction) -> String)
    throws
  {
    let decided = try Row.fetchAll(
      db, sql: "SELECT id, key, status FROM contradiction WHERE coder = ? AND status != 'proposed'",
      arguments: [Coding.autoCoder])
    var decisions: [String: (Int64, String)] = [:]
    for row in decided { decisions[row["key"]] = (row["id"], row["status"]) }
    try db.execute(
      sql: "DELETE FROM contradiction WHERE coder = ? AND status = 'proposed'",
      arguments: [Coding.autoCoder])
    for contradiction in detected {
      let identity = key(contradiction)
      if let (id, _) = decisions[identity] {
        // Refresh where it lies and why; keep the decision.
        try db.execute(
          sql:
            "UPDATE contradiction SET passage_ids = ?, spans = ?, evidence = ?, confidence = ?, manifestation = ? WHERE id = ?",
          arguments: [
            JSONColumn.encode(contradiction.passageIDs), JSONColumn.encode(contradiction.spans),
            contradiction.evidence,
            contradiction.confidence, contradiction.manifestation.rawValue, id,
          ])
      } else {
        _ = try insert(contradiction, key: identity)
      }
    }
  }

  /// Adds a contradiction (by hand: `coder` is the researcher) and returns its id.
  @discardableResult
  public func insert(_ contradiction: Contradiction, key: String) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO contradiction(participant_id, level, first_element, second_element, manifestation, passage_ids,
          spans, evidence, confidence, status, coder, key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        contradiction.participant, contradiction.level.rawValue, contradiction.first.rawValue,
        contradiction.second.rawValue,
        contradiction.manifestation.rawValue, JSONColumn.encode(contradiction.passageIDs),
        JSONColumn.encode(contradiction.spans),
        contradiction.evidence, contradiction.confidence, contradiction.status.rawValue,
        contradiction.coder, key,
      ])
    return db.lastInsertedRowID
  }

  /// Confirms or rejects a contradiction; returns it as it now is.
  public func decide(contradiction id: Int64, _ status: Contradiction.Status, by researcher: String)
    throws -> Contradiction
  {
    try db.execute(
      sql: "UPDATE contradiction SET status = ?, decided_by = ? WHERE id = ?",
      arguments: [status.rawValue, researcher, id])
    guard db.changesCount > 0, let updated = try contradictions().first(where: { $0.id == id })
    else {
      throw StoreError(.notFound, "no contradiction \(id)")
    }
    return updated
  }

  /// Whether any contradiction is stored (detected, decided or added by hand).
  public func hasContradictions() throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contradiction)") ?? false
  }

  /// Every stored contradiction, in id order.
  public func contradictions() throws -> [Contradiction] {
    try Row.fetchAll(db, sql: "SELECT * FROM contradiction ORDER BY id").compactMap { row in
      guard let level = Contradiction.Level(rawValue: row["level"]),
        let first = Element(rawValue: row["first_element"]),
        let second = Element(rawValue: row["second_element"]),
        let manifestation = Contradiction.Manifestation(rawValue: row["manifestation"]),
        let status = Contradiction.Status(rawValue: row["status"])
      else { return nil }
      return Contradiction(
        id: row["id"], level: level, first: first, second: second, manifestation: manifestation,
        participant: row["participant_id"],
        passageIDs: JSONColumn.decode([Int64].self, row["passage_ids"], default: []),
        spans: JSONColumn.decode([TextSpan].self, row["spans"], default: []),
        evidence: row["evidence"],
        confidence: row["confidence"], status: status, coder: row["coder"])
    }
  }
}
