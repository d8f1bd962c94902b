import QDAText
import Foundation
public import QDAModel
internal import GRDB

/// What saving a document did.
public enum DocumentSaveResult: Hashable, Sendable {
  /// A new document.
  case added(documentID: Int64)
  /// The same bytes as before: nothing changed.
  case unchanged(documentID: Int64)
  /// A changed file replaced its old version; its automatic codings went with it, and manual
  /// codings whose text still exists were moved onto the new passages.
  case replaced(documentID: Int64, keptManualCodings: Int, lostManualCodings: [LostCoding])

  public var documentID: Int64 {
    switch self {
    case .added(let id), .unchanged(let id), .replaced(let id, _, _): id
    }
  }
}

/// A manual coding that could not follow its document's new version: its text is gone.
public struct LostCoding: Hashable, Sendable, Codable {
  public var codeID: String
  public var coder: String
  public var quote: String

  public init(codeID: String, coder: String, quote: String) {
    self.codeID = codeID
    self.coder = coder
    self.quote = quote
  }
}

extension Project {
  /// Saves a document and its passages, unless the project already has the same bytes under
  /// the same key.
  public func saveDocument(_ document: Document, passages: [Passage], speakers: some Encodable)
    throws
    -> DocumentSaveResult
  {
    try ensureParticipant(document.participantID)
    let participant = try canonicalParticipantID(document.participantID) ?? document.participantID
    if let old = try Row.fetchOne(
      db.cachedStatement(
        sql: "SELECT id, content_hash, participant_id FROM document WHERE key = ?"),
      arguments: [document.key])
    {
      let oldID: Int64 = old["id"]
      if old["content_hash"] == document.contentHash, old["participant_id"] == participant {
        return .unchanged(documentID: oldID)
      }
      // Keep the manual codings to re-anchor them on the new text.
      let manual = try Row.fetchAll(
        db,
        sql: """
          SELECT c.code_id, c.coder, c.start, c."end", c.quote, c.memo, c.created_at
          FROM coding c JOIN passage p ON p.id = c.passage_id
          WHERE p.document_id = ? AND c.coder NOT IN (?, ?) ORDER BY c.start
          """,
        arguments: [oldID, Coding.autoCoder, Coding.modelCoder])
      try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [oldID])
      let newID = try insert(
        document, participant: participant, passages: passages, speakers: speakers)
      let stored = try self.passages(documentID: newID)
      let text = Array(scalarsOf: document.text)
      var kept = 0
      var lost: [LostCoding] = []
      for row in manual {
        let quote: String = row["quote"]
        let oldStart: Int = row["start"]
        guard let span = Self.locate(quote, in: text, near: oldStart),
          let passage = stored.first(where: { $0.span.contains(span) }), let passageID = passage.id
        else {
          lost.append(LostCoding(codeID: row["code_id"], coder: row["coder"], quote: quote))
          continue
        }
        try db.execute(
          sql: """
            INSERT INTO coding(passage_id, code_id, coder, start, "end", quote, memo, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            passageID, row["code_id"], row["coder"], span.start, span.end, quote, row["memo"],
            row["created_at"],
          ])
        kept += 1
      }
      return .replaced(documentID: newID, keptManualCodings: kept, lostManualCodings: lost)
    }
    return .added(
      documentID: try insert(
        document, participant: participant, passages: passages, speakers: speakers))
  }

  /// Adds documents whose keys the project does not have, with their passages and any new
  /// participants, a thousand documents to a statement (as JSON arrays SQLite reads itself).
  ///
  /// For a survey's hundreds of thousands of answer documents: `saveDocument` runs five
  /// statements per document, which took most of a million-respondent import. A key the
  /// project has already fails the statement (the key is unique); `storedDocumentKeys` tells
  /// which to give `saveDocument` instead.
  ///
  /// - Returns: the new documents' ids, in order.
  public func addDocuments(
    _ documents: [(document: Document, passages: [Passage], speakers: [String])]
  ) throws -> [Int64] {
    var nextID = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM document") ?? 1)
    let documentStatement = try db.cachedStatement(
      sql: """
        INSERT INTO document(id, key, source_path, participant_id, format, encoding, content_hash, text, metadata, warnings, speakers)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, p.id, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7,
          j.value ->> 8, j.value ->> 9, j.value ->> 10
        FROM json_each(?) j CROSS JOIN participant p ON p.id = j.value ->> 3
        """)
    let passageStatement = try db.cachedStatement(
      sql: """
        INSERT INTO passage(document_id, ordinal, turn, speaker, role, start, "end", text, start_time, end_time, question_id)
        SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
          value ->> 8, value ->> 9, value ->> 10
        FROM json_each(?)
        """)
    var ids: [Int64] = []
    ids.reserveCapacity(documents.count)
    for chunkStart in stride(from: 0, to: documents.count, by: 1_000) {
      let chunk = documents[chunkStart..<min(documents.count, chunkStart + 1_000)]
      try ensureParticipants(chunk.map(\.document.participantID))
      var documentRows = JSONRows()
      var passageRows = JSONRows()
      for (document, passages, speakers) in chunk {
        documentRows.row {
          $0.number(nextID)
          for text in [
            document.key, document.sourcePath, document.participantID, document.format.rawValue,
            document.encoding,
            document.contentHash, document.text, JSONColumn.encode(document.metadata),
            JSONColumn.encode(document.warnings), JSONColumn.encode(speakers),
          ] {
            $0.string(text)
          }
        }
        for passage in passages {
          passageRows.row {
            for number in [nextID, Int64(passage.ordinal), Int64(passage.turn)] {
              $0.number(number)
            }
            $0.string(passage.speaker)
            $0.string(passage.role.rawValue)
            for number in [Int64(passage.span.start), Int64(passage.span.end)] { $0.number(number) }
            $0.string(passage.text)
            $0.number(passage.startTime)
            $0.number(passage.endTime)
            $0.string(passage.questionID)
          }
        }
        ids.append(nextID)
        nextID += 1
      }
      try documentStatement.execute(arguments: [documentRows.text()])
      if db.changesCount != chunk.count {
        throw StoreError(
          .invalid,
          "\(chunk.count - db.changesCount) of \(chunk.count) documents could not be added")
      }
      try passageStatement.execute(arguments: [passageRows.text()])
    }
    return ids
  }

  /// Which of these document keys the project has.
  public func storedDocumentKeys(_ keys: [String]) throws -> Set<String> {
    var stored = Set<String>()
    try Self.forEachChunk(of: keys) { chunk, marks in
      stored.formUnion(
        try String.fetchAll(
          db, sql: "SELECT key FROM document WHERE key IN (\(marks))",
          arguments: StatementArguments(chunk)))
    }
    return stored
  }

  private func insert(
    _ document: Document, participant: String, passages: [Passage], speakers: some Encodable
  ) throws -> Int64 {
    try db.cachedStatement(
      sql: """
        INSERT INTO document(key, source_path, participant_id, format, encoding, content_hash, text, metadata, warnings, speakers)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        document.key, document.sourcePath, participant, document.format.rawValue, document.encoding,
        document.contentHash, document.text, JSONColumn.encode(document.metadata),
        JSONColumn.encode(document.warnings), JSONColumn.encode(speakers),
      ])
    let documentID = db.lastInsertedRowID
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO passage(document_id, ordinal, turn, speaker, role, start, "end", text, start_time, end_time, question_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for passage in passages {
      try statement.execute(arguments: [
        documentID, passage.ordinal, passage.turn, passage.speaker, passage.role.rawValue,
        passage.span.start, passage.span.end, passage.text, passage.startTime, passage.endTime,
        passage.questionID,
      ])
    }
    return documentID
  }

  /// Where `quote` occurs in the text, choosing the occurrence nearest to `offset`.
  static func locate(_ quote: String, in text: [Unicode.Scalar], near offset: Int) -> TextSpan? {
    let needle = Array(scalarsOf: quote)
    guard !needle.isEmpty, needle.count <= text.count else { return nil }
    var best: Int?
    var index = 0
    let last = text.count - needle.count
    while index <= last {
      if text[index] == needle[0], text[index..<(index + needle.count)].elementsEqual(needle) {
        if best.map({ abs($0 - offset) > abs(index - offset) }) ?? true { best = index }
      }
      index += 1
    }
    return best.map { TextSpan(start: $0, end: $0 + needle.count) }
  }

  /// Removes a document (by key) with its passages and codings.
  public func removeDocument(key: String) throws -> Bool {
    try db.execute(sql: "DELETE FROM document WHERE key = ?", arguments: [key])
    return db.changesCount > 0
  }

  // MARK: - Reading

  /// Every document, in key order; with `interviewsOnly`, not the documents of survey answers.
  ///
  /// - Parameter texts: false reads each document without its text (`text` is empty), for
  ///   readers that need the documents' keys, participants and sources but not their words.
  public func documents(interviewsOnly: Bool = false, texts: Bool = true) throws -> [Document] {
    let columns =
      texts
      ? "d.*"
      : "d.id, d.key, d.source_path, d.participant_id, d.format, d.encoding, d.content_hash, '' AS text, d.metadata, d.warnings"
    return try Row.fetchAll(
      db,
      sql: "SELECT \(columns) FROM document d\(Self.whereInterview(interviewsOnly)) ORDER BY key"
    )
    .map(Self.document)
  }

  /// The condition on a document `d` that leaves survey answers out.
  static let isInterview = "d.format <> '\(DocumentFormat.survey.rawValue)'"

  /// ` WHERE` and that condition when `interviewsOnly`, else nothing.
  static func whereInterview(_ interviewsOnly: Bool) -> String {
    interviewsOnly ? " WHERE " + isInterview : ""
  }

  /// Every document's row id, in key order, without reading the texts; with `interviewsOnly`,
  /// not the documents of survey answers.
  public func documentIDs(interviewsOnly: Bool = false) throws -> [Int64] {
    try Int64.fetchAll(
      db, sql: "SELECT d.id FROM document d\(Self.whereInterview(interviewsOnly)) ORDER BY key")
  }

  /// Every document's content hash by key, without reading the documents.
  public func documentContentHashes() throws -> [String: String] {
    var hashes: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, content_hash FROM document") {
      hashes[row[0]] = row[1]
    }
    return hashes
  }

  /// Participants with no document who are not survey respondents either (named in an
  /// attribute file, waiting for their transcripts), in participant order.
  ///
  /// In SQL: a survey's million respondents are participants, and reading them all to find the
  /// few waiting took seconds.
  public func participantsWithoutDocuments() throws -> [String] {
    // `NOT IN` compares with the participant id's collation (any case), from one list of each.
    try String.fetchAll(
      db,
      sql: """
        SELECT id FROM participant
        WHERE id NOT IN (SELECT participant_id FROM document) AND id NOT IN (SELECT id FROM survey_respondent)
        ORDER BY position
        """)
  }

  /// A document by row id.
  public func document(id: Int64) throws -> Document? {
    try Row.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM document WHERE id = ?"), arguments: [id]
    ).map(Self.document)
  }

  /// A document by key or by row id.
  public func document(_ keyOrID: String) throws -> Document? {
    if let id = Int64(keyOrID), let document = try document(id: id) { return document }
    return try Row.fetchOne(
      db, sql: "SELECT * FROM document WHERE key = ? OR source_path = ? ORDER BY key LIMIT 1",
      arguments: [keyOrID, keyOrID]
    ).map(Self.document)
  }

  /// The speakers stored with a document, as JSON.
  public func speakersJSON(documentID: Int64) throws -> String {
    try String.fetchOne(
      db, sql: "SELECT speakers FROM document WHERE id = ?", arguments: [documentID]) ?? "[]"
  }

  static func document(_ row: Row) -> Document {
    Document(
      id: row["id"], key: row["key"], sourcePath: row["source_path"],
      participantID: row["participant_id"],
      format: DocumentFormat(rawValue: row["format"]) ?? .plainText, encoding: row["encoding"],
      contentHash: row["content_hash"], text: row["text"],
      metadata: JSONColumn.decode([String: String].self, row["metadata"], default: [:]),
      warnings: JSONColumn.decode([String].self, row["warnings"], default: []))
  }

  /// How many passages the project holds (without reading them).
  public func passageCount() throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM passage") ?? 0
  }

  /// A document's passages in order (`interviewsOnly` then plays no part); every passage when
  /// `documentID` is nil.
  public func passages(documentID: Int64? = nil, interviewsOnly: Bool = false) throws -> [Passage] {
    // Read through a cursor: rows become passages one at a time, never all held as rows.
    // Speakers and questions repeat on every turn: each distinct one is kept once and shared.
    if let documentID {
      var strings = Interner<String>()
      return try Array(
        Row.fetchCursor(
          db.cachedStatement(
            sql:
              "SELECT \(Self.passageColumns) FROM passage p WHERE p.document_id = ? ORDER BY p.ordinal"
          ),
          arguments: [documentID]
        ).map { Self.passage($0, strings: &strings) })
    }
    var passages: [Passage] = []
    try forEachPassage(
      interviewsOnly: interviewsOnly, texts: true, expecting: { passages.reserveCapacity($0) }
    ) { passages.append($0) }
    return passages
  }

  /// Every passage (of interviews only, or of every document) as columns, in document key and
  /// passage order, with their texts or without them (a whole study's texts are most of it).
  public func passageColumns(interviewsOnly: Bool = false, texts: Bool = true) throws
    -> PassageColumns
  {
    var columns = PassageColumns(keepingTexts: texts)
    try forEachPassage(
      interviewsOnly: interviewsOnly, texts: texts, expecting: { columns.reserveCapacity($0) }
    ) { columns.append($0) }
    return columns
  }

  /// Hands `body` every passage in document key and passage order, after telling `expecting`
  /// how many there are (held in one allocation: grown by doubling, millions of passages can
  /// take nearly twice the memory they need). Without texts, an empty one is selected in the
  /// text's place.
  private func forEachPassage(
    interviewsOnly: Bool, texts: Bool, expecting: (Int) -> Void, _ body: (Passage) -> Void
  ) throws {
    var strings = Interner<String>()
    let from =
      "FROM passage p JOIN document d ON d.id = p.document_id\(Self.whereInterview(interviewsOnly))"
    expecting(try Int.fetchOne(db, sql: "SELECT count(*) \(from)") ?? 0)
    let selected =
      texts
      ? Self.passageColumns : Self.passageColumns.replacingOccurrences(of: "p.text", with: "''")
    let rows = try Row.fetchCursor(db, sql: "SELECT \(selected) \(from) ORDER BY d.key, p.ordinal")
    while let row = try rows.next() { body(Self.passage(row, strings: &strings)) }
  }

  /// Passages' texts by id, in the order asked; nil for a passage the project does not hold.
  public func passageTexts(ids: [Int64]) throws -> [String?] {
    let statement = try db.cachedStatement(sql: "SELECT text FROM passage WHERE id = ?")
    return try ids.map { try String.fetchOne(statement, arguments: [$0]) }
  }

  /// A document's passages whose spans overlap one of the ranges (scalar offsets), in order:
  /// the spans read first, then only those passages' rows.
  public func passages(documentID: Int64, overlapping ranges: [Range<Int>]) throws -> [Passage] {
    guard !ranges.isEmpty else { return [] }
    var ids: [Int64] = []
    let spans = try Row.fetchCursor(
      db.cachedStatement(
        sql: #"SELECT id, start, "end" FROM passage WHERE document_id = ? ORDER BY ordinal"#),
      arguments: [documentID])
    while let row = try spans.next() {
      let (start, end): (Int, Int) = (row[1], row[2])
      if ranges.contains(where: { $0.lowerBound < end && $0.upperBound > start }) {
        ids.append(row[0])
      }
    }
    var strings = Interner<String>()
    var passages: [Passage] = []
    // In chunks, a statement binding only so many ids; the ids are in order, so the chunks are.
    try Self.forEachChunk(of: ids) { chunk, marks in
      passages += try Row.fetchAll(
        db,
        sql:
          "SELECT \(Self.passageColumns) FROM passage p WHERE p.id IN (\(marks)) ORDER BY p.ordinal",
        arguments: StatementArguments(chunk)
      ).map { Self.passage($0, strings: &strings) }
    }
    return passages
  }

  public func passage(id: Int64) throws -> Passage? {
    var strings = Interner<String>()
    return try Row.fetchOne(
      db, sql: "SELECT \(Self.passageColumns) FROM passage p WHERE p.id = ?", arguments: [id]
    )
    .map { Self.passage($0, strings: &strings) }
  }

  /// The columns `passage(_:)` reads, in its order (of the table aliased `p`).
  static let passageColumns =
    #"p.id, p.document_id, p.ordinal, p.turn, p.speaker, p.role, p.start, p."end", p.text, p.start_time, p.end_time, p.question_id"#

  /// A passage from a row selecting `passageColumns` first. Columns are read by position: by
  /// name, GRDB compares names case-insensitively, lower-casing them for every value read.
  /// Its speaker and question are shared through `strings`, one per read.
  static func passage(_ row: Row, strings: inout Interner<String>) -> Passage {
    Passage(
      id: row[0], documentID: row[1], ordinal: row[2], turn: row[3],
      speaker: (row[4] as String?).map { strings.intern($0) },
      role: SpeakerRole(rawValue: row[5]) ?? .unknown,
      span: TextSpan(start: row[6], end: row[7]), text: row[8],
      startTime: row[9], endTime: row[10],
      questionID: (row[11] as String?).map { strings.intern($0) })
  }

  /// Links passages to protocol questions (nil unlinks).
  public func setQuestions(_ links: [(passageID: Int64, questionID: String?)]) throws {
    let statement = try db.makeStatement(sql: "UPDATE passage SET question_id = ? WHERE id = ?")
    for link in links { try statement.execute(arguments: [link.questionID, link.passageID]) }
  }

  /// Which codes the given passages carry and by whom.
  public func codeApplications(passages ids: [Int64]) throws -> [(
    passageID: Int64, codeID: String, coder: String
  )] {
    var result: [(passageID: Int64, codeID: String, coder: String)] = []
    try Self.forEachChunk(of: ids) { chunk, marks in
      for row in try Row.fetchAll(
        db, sql: "SELECT passage_id, code_id, coder FROM coding WHERE passage_id IN (\(marks))",
        arguments: StatementArguments(chunk))
      {
        result.append((row["passage_id"], row["code_id"], row["coder"]))
      }
    }
    return result
  }
}
