public import QDAModel
internal import GRDB

extension Project {
  /// Records (or replaces) the decision on a passage and code.
  public func recordConsensus(_ decision: ConsensusDecision) throws {
    try db.execute(
      sql: """
        INSERT INTO consensus_decision(passage_id, code_id, applies, coders, note, decided_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(passage_id, code_id) DO UPDATE SET
          applies = excluded.applies, coders = excluded.coders, note = excluded.note,
          decided_at = excluded.decided_at
        """,
      arguments: [
        decision.passageID, decision.codeID, decision.applies, JSONColumn.encode(decision.coders),
        decision.note,
        decision.decidedAt,
      ])
  }

  /// Every decision, by passage and code.
  public func consensusDecisions() throws -> [ConsensusDecision] {
    try Row.fetchAll(db, sql: "SELECT * FROM consensus_decision ORDER BY passage_id, code_id").map {
      row in
      ConsensusDecision(
        passageID: row["passage_id"], codeID: row["code_id"], applies: row["applies"],
        coders: JSONColumn.decode([String].self, row["coders"], default: []), note: row["note"],
        decidedAt: row["decided_at"])
    }
  }

  /// Removes one coder's codings of a code on a passage (used for the `consensus` coder only,
  /// when a decision is reversed); returns how many were removed.
  public func removeCodings(coder: String, codeID: String, passageID: Int64) throws -> Int {
    try db.execute(
      sql: "DELETE FROM coding WHERE coder = ? AND code_id = ? AND passage_id = ?",
      arguments: [coder, codeID, passageID])
    return db.changesCount
  }
}
