import QDAText
import Foundation
public import QDAModel
internal import GRDB

/// A document's new text and names, and where its old offsets go.
public struct DocumentRewrite {
  public var text: String
  public var key: String
  public var sourcePath: String
  public var contentHash: String
  public var metadata: [String: String]
  /// Old start offset → new; old end offset → new (Unicode scalars).
  public var start: (Int) -> Int
  public var end: (Int) -> Int

  public init(
    text: String, key: String, sourcePath: String, contentHash: String, metadata: [String: String],
    start: @escaping (Int) -> Int, end: @escaping (Int) -> Int
  ) {
    self.text = text
    self.key = key
    self.sourcePath = sourcePath
    self.contentHash = contentHash
    self.metadata = metadata
    self.start = start
    self.end = end
  }
}

/// What a whole-project rewrite (de-identification) does to each kind of stored text.
public protocol ProjectRewriter {
  /// A document's text, key, path and header fields.
  func document(_ document: Document) -> DocumentRewrite
  /// Free text: memos, notes, contradiction evidence, log entries.
  func text(_ text: String) -> String
  /// A speaker label in a document of a participant.
  func speaker(_ label: String, participant: String) -> String
  /// A participant's text attribute value.
  func attribute(_ name: String, value: String) -> String
  /// A stored survey (its open answers and identifying metadata columns).
  func survey(_ survey: Survey, key: String) -> (survey: Survey, key: String)
}

/// What a rewrite changed.
public struct RewriteCounts: Hashable, Sendable {
  public var documents = 0
  public var passages = 0
  public var codings = 0
  public var contradictions = 0
  public var attributeValues = 0
  public var surveys = 0
}

extension Project {
  /// Rewrites every stored text with `rewriter`, moving every offset (passages, codings,
  /// contradiction spans) with its document's text so that each still covers the same words.
  /// Quotes and passage texts are cut again from the new document text; the full-text index
  /// follows through its triggers.
  public func rewrite(with rewriter: some ProjectRewriter) throws -> RewriteCounts {
    var counts = RewriteCounts()
    var maps: [Int64: (start: (Int) -> Int, end: (Int) -> Int, scalars: [Unicode.Scalar])] = [:]
    var participantOf: [Int64: String] = [:]
    for document in try documents() {
      guard let id = document.id else { continue }
      let rewrite = rewriter.document(document)
      let speakers = try speakersJSON(documentID: id)
      try db.execute(
        sql: """
          UPDATE document SET text = ?, key = ?, source_path = ?, content_hash = ?, metadata = ?, speakers = ?, warnings = ?
          WHERE id = ?
          """,
        arguments: [
          rewrite.text, rewrite.key, rewrite.sourcePath, rewrite.contentHash,
          JSONColumn.encode(rewrite.metadata),
          rewriteSpeakers(speakers, participant: document.participantID, rewriter: rewriter),
          JSONColumn.encode(document.warnings.map(rewriter.text)), id,
        ])
      maps[id] = (rewrite.start, rewrite.end, Array(scalarsOf: rewrite.text))
      participantOf[id] = document.participantID
      counts.documents += 1
    }
    func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
      let from = max(0, min(start, scalars.count))
      let to = max(from, min(end, scalars.count))
      return String(scalars: scalars[from..<to])
    }
    var passageDocument: [Int64: (document: Int64, old: TextSpan)] = [:]
    let updatePassage = try db.makeStatement(
      sql: "UPDATE passage SET start = ?, \"end\" = ?, text = ?, speaker = ? WHERE id = ?")
    for passage in try passages() {
      guard let id = passage.id, let documentID = passage.documentID, let map = maps[documentID]
      else { continue }
      passageDocument[id] = (documentID, passage.span)
      let start = map.start(passage.span.start)
      let end = max(start, map.end(passage.span.end))
      let speaker = passage.speaker.map {
        rewriter.speaker($0, participant: participantOf[documentID] ?? "")
      }
      try updatePassage.execute(arguments: [
        start, end, slice(map.scalars, start, end), speaker, id,
      ])
      counts.passages += 1
    }
    let updateCoding = try db.makeStatement(
      sql: "UPDATE coding SET start = ?, \"end\" = ?, quote = ?, memo = ?, matched = ? WHERE id = ?"
    )
    for row in try Row.fetchAll(
      db, sql: "SELECT id, passage_id, start, \"end\", memo, matched FROM coding")
    {
      let passageID: Int64 = row["passage_id"]
      guard let documentID = passageDocument[passageID]?.document, let map = maps[documentID] else {
        continue
      }
      let start = map.start(row["start"])
      let end = max(start, map.end(row["end"]))
      let memo: String? = row["memo"]
      let matched = JSONColumn.decode([String].self, row["matched"], default: []).map(rewriter.text)
      try updateCoding.execute(
        arguments: [
          start, end, slice(map.scalars, start, end), memo.map(rewriter.text),
          JSONColumn.encode(matched), row["id"] as Int64,
        ])
      counts.codings += 1
    }
    for row in try Row.fetchAll(
      db, sql: "SELECT id, passage_ids, spans, evidence FROM contradiction")
    {
      let passageIDs = JSONColumn.decode([Int64].self, row["passage_ids"], default: [])
      let spans = JSONColumn.decode([TextSpan].self, row["spans"], default: []).map {
        span -> TextSpan in
        let owner =
          passageIDs.compactMap { passageDocument[$0] }.first {
            $0.old.start <= span.start && span.end <= $0.old.end
          }
          ?? passageIDs.compactMap { passageDocument[$0] }.first
        guard let owner, let map = maps[owner.document] else { return span }
        let start = map.start(span.start)
        return TextSpan(start: start, end: max(start, map.end(span.end)))
      }
      try db.execute(
        sql: "UPDATE contradiction SET spans = ?, evidence = ? WHERE id = ?",
        arguments: [JSONColumn.encode(spans), rewriter.text(row["evidence"]), row["id"] as Int64])
      counts.contradictions += 1
    }
    for row in try Row.fetchAll(
      db, sql: "SELECT rowid, note FROM consensus_decision WHERE note IS NOT NULL")
    {
      try db.execute(
        sql: "UPDATE consensus_decision SET note = ? WHERE rowid = ?",
        arguments: [rewriter.text(row["note"]), row["rowid"] as Int64])
    }
    for row in try Row.fetchAll(db, sql: "SELECT id, summary FROM event") {
      try db.execute(
        sql: "UPDATE event SET summary = ? WHERE id = ?",
        arguments: [rewriter.text(row["summary"]), row["id"] as Int64])
    }
    for row in try Row.fetchAll(
      db,
      sql: "SELECT participant_id, attribute, text FROM participant_value WHERE text IS NOT NULL")
    {
      let old: String = row["text"]
      let new = rewriter.attribute(row["attribute"], value: old)
      guard new != old else { continue }
      try db.execute(
        sql: "UPDATE participant_value SET text = ? WHERE participant_id = ? AND attribute = ?",
        arguments: [new, row["participant_id"] as String, row["attribute"] as String])
      counts.attributeValues += 1
    }
    for (key, survey) in try keyedSurveys() {
      let rewritten = rewriter.survey(survey, key: key)
      try replaceSurvey(key: key, with: rewritten.survey, newKey: rewritten.key)
      counts.surveys += 1
    }
    return counts
  }

  private func rewriteSpeakers(_ json: String, participant: String, rewriter: some ProjectRewriter)
    -> String
  {
    guard
      var speakers = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]]
    else { return json }
    for index in speakers.indices {
      for (field, value) in speakers[index] {
        guard let text = value as? String else { continue }
        speakers[index][field] =
          field == "label" ? rewriter.speaker(text, participant: participant) : rewriter.text(text)
      }
    }
    guard let data = try? JSONSerialization.data(withJSONObject: speakers, options: [.sortedKeys])
    else { return json }
    return String(decoding: data, as: UTF8.self)
  }
}

extension ProjectStore {
  /// Copies the project to a new file (SQLite's online backup); the copy has no history.
  public func copy(to target: String) throws {
    var configuration = Configuration()
    configuration.journalMode = .default
    do {
      let copy = try DatabaseQueue(path: target, configuration: configuration)
      try queue.backup(to: copy)
      try copy.close()
    } catch let error as DatabaseError {
      ProjectStore.remove(path: target)
      throw StoreError(error, path: target)
        ?? StoreError(
          .database, "\(target): cannot write the copy (\(error.message ?? "SQLite error"))")
    }
  }

  /// Makes the file self-contained: the write-ahead log folded in and switched off (rollback
  /// journal), so the file can be moved alone. The next command to open it turns the log back on.
  public func leaveWriteAheadLog() throws {
    do {
      try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE")
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
        ?? StoreError(
          .database, "\(path): cannot fold the log in (\(error.message ?? "SQLite error"))")
    }
  }

  /// Rebuilds the file so that no page keeps text that was replaced or deleted (`VACUUM`), and
  /// folds the write-ahead log back into it.
  public func compact() throws {
    do {
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')")
        try db.execute(sql: "VACUUM")
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
        ?? StoreError(.database, "\(path): cannot compact (\(error.message ?? "SQLite error"))")
    }
  }
}
