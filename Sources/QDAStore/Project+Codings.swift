import QDAText
public import QDAModel
internal import GRDB

/// Which codings to list.
public struct CodingFilter: Sendable, Hashable {
  public var coder: String?
  public var codeID: String?
  public var documentID: Int64?
  public var passageID: Int64?
  /// Only codings of interview passages (not of survey answers).
  public var interviewsOnly: Bool

  public init(
    coder: String? = nil, codeID: String? = nil, documentID: Int64? = nil, passageID: Int64? = nil,
    interviewsOnly: Bool = false
  ) {
    self.coder = coder
    self.codeID = codeID
    self.documentID = documentID
    self.passageID = passageID
    self.interviewsOnly = interviewsOnly
  }
}

extension Project {
  /// Replaces a document's automatic codings (the rules' and the learned coder's); manual
  /// codings are never touched.
  ///
  /// (A re-coding run after a rule edit writes only what differs: `updateAutoCodings`.)
  ///
  /// - Parameter documentText: the document's text, for the codings' quotes, when the caller
  ///   holds it (else it is read).
  public func replaceAutoCodings(
    documentID: Int64, with codings: [Coding], documentText: String? = nil
  ) throws {
    try db.cachedStatement(
      sql:
        "DELETE FROM coding WHERE passage_id IN (SELECT id FROM passage WHERE document_id = ?) AND +coder IN (?, ?)"
    ).execute(arguments: [documentID, Coding.autoCoder, Coding.modelCoder])
    try insertAutoCodings(
      codings.filter(\.isAutomatic), documentID: documentID, documentText: documentText)
  }

  /// Deletes some of a document's automatic codings (by id), adds others, and rewrites the
  /// rules, matched words and negation of others in place (by id; their place and quote are
  /// as stored): a re-coding run writes only the codings that differ from the stored ones.
  public func updateAutoCodings(
    documentID: Int64, removing removed: [Int64], adding added: [Coding],
    updating updated: [Coding] = [],
    documentText: String? = nil
  ) throws {
    let delete = try db.cachedStatement(sql: "DELETE FROM coding WHERE id = ? AND coder = ?")
    for id in removed { try delete.execute(arguments: [id, Coding.autoCoder]) }
    let update = try db.cachedStatement(
      sql: "UPDATE coding SET rule_id = ?, matched = ?, negated = ? WHERE id = ? AND coder = ?")
    for coding in updated where coding.isAutomatic {
      guard let id = coding.id else { continue }
      try update.execute(arguments: [
        coding.ruleID, JSONColumn.encode(coding.matched), coding.negated, id, Coding.autoCoder,
      ])
    }
    try insertAutoCodings(
      added.filter(\.isAutomatic), documentID: documentID, documentText: documentText)
  }

  private func insertAutoCodings(_ codings: [Coding], documentID: Int64, documentText: String?)
    throws
  {
    guard !codings.isEmpty else { return }
    let text =
      try documentText
      ?? String.fetchOne(
        db.cachedStatement(sql: "SELECT text FROM document WHERE id = ?"), arguments: [documentID])
      ?? ""
    let scalars = Array(scalarsOf: text)
    let statement = try db.cachedStatement(
      sql: """
        INSERT INTO coding(passage_id, code_id, coder, start, "end", rule_id, matched, negated, quote, score, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for coding in codings {
      try statement.execute(arguments: [
        coding.passageID, coding.codeID, coding.coder, coding.span.start, coding.span.end,
        coding.ruleID,
        JSONColumn.encode(coding.matched), coding.negated, Self.slice(scalars, coding.span),
        coding.score,
        coding.reason.map { JSONColumn.encode($0) },
      ])
    }
  }

  /// A document's automatic codings of some codes, as the coder made them (passage, code, span,
  /// rules, matched words, negation) with their ids, for comparing with a new coding run.
  public func autoCodings(documentID: Int64, codes: Set<String>) throws -> [Coding] {
    let (filter, arguments) = Self.autoCodingFilter(documentID: documentID, codes: codes)
    let rows = try Row.fetchCursor(
      db,
      sql:
        "SELECT id, passage_id, code_id, start, \"end\", rule_id, matched, negated FROM coding WHERE \(filter)",
      arguments: arguments)
    var codings: [Coding] = []
    while let row = try rows.next() {
      codings.append(
        Coding(
          id: row[0], passageID: row[1], codeID: row[2], coder: Coding.autoCoder,
          span: TextSpan(start: row[3], end: row[4]),
          ruleID: row[5], matched: JSONColumn.decode([String].self, row[6], default: []),
          negated: row[7]))
    }
    return codings
  }

  /// A document's automatic codings (of some codes), found by passage: `+coder` and `+code_id`
  /// keep SQLite on the passage index rather than scanning every automatic coding, or every
  /// coding of a code, once per document.
  static func autoCodingFilter(documentID: Int64, codes: Set<String>?) -> (
    sql: String, arguments: StatementArguments
  ) {
    var sql = "passage_id IN (SELECT id FROM passage WHERE document_id = ?) AND +coder = ?"
    var arguments: StatementArguments = [documentID, Coding.autoCoder]
    if let codes {
      let list = codes.sorted()
      sql += " AND +code_id IN (\(databaseQuestionMarks(count: list.count)))"
      arguments += StatementArguments(list)
    }
    return (sql, arguments)
  }

  /// Adds a manual coding after checking that the code exists and the span lies inside the
  /// passage.
  ///
  /// - Parameter imported: the coding comes from another project's export, where `auto` codings
  ///   were made by rules; they are kept as such.
  /// - Returns: the coding's id.
  public func addCoding(_ coding: Coding, createdAt: String?, imported: Bool = false) throws
    -> Int64
  {
    guard imported || !coding.isAutomatic else {
      throw StoreError(
        .invalid,
        "'\(coding.coder)' is reserved for \(coding.coder == Coding.autoCoder ? "rule-based" : "model") coding; name the coder"
      )
    }
    guard
      let retired = try Int.fetchOne(
        db, sql: "SELECT retired FROM code WHERE id = ?", arguments: [coding.codeID])
    else {
      throw StoreError(.notFound, "the codebook has no code '\(coding.codeID)'")
    }
    guard retired == 0 else {
      throw StoreError(
        .invalid, "code '\(coding.codeID)' is retired: the current codebook no longer defines it")
    }
    guard let passage = try passage(id: coding.passageID) else {
      throw StoreError(.notFound, "no passage \(coding.passageID)")
    }
    guard passage.span.contains(coding.span), !coding.span.isEmpty else {
      throw StoreError(
        .invalid,
        "span \(coding.span) is not inside passage \(coding.passageID) (\(passage.span))")
    }
    if let existing = try Int64.fetchOne(
      db,
      sql:
        #"SELECT id FROM coding WHERE passage_id = ? AND code_id = ? AND coder = ? AND start = ? AND "end" = ?"#,
      arguments: [
        coding.passageID, coding.codeID, coding.coder, coding.span.start, coding.span.end,
      ])
    {
      return existing
    }
    // The quote from the passage, which is exactly the document's text inside its span: not
    // from the whole document, which made importing a coded source quadratic in its length.
    let quote = Self.slice(
      Array(scalarsOf: passage.text),
      TextSpan(
        start: coding.span.start - passage.span.start, end: coding.span.end - passage.span.start))
    try db.execute(
      sql: """
        INSERT INTO coding(passage_id, code_id, coder, start, "end", memo, quote, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        coding.passageID, coding.codeID, coding.coder, coding.span.start, coding.span.end,
        coding.memo,
        quote, createdAt,
      ])
    return db.lastInsertedRowID
  }

  /// Removes a coding by id. Automatic codings can be removed too; the next auto-coding run
  /// recreates them unless the rules change.
  public func removeCoding(id: Int64) throws -> Coding {
    var found: Coding?
    try forEachCoding(where: "c.id = ?", [id]) { found = $0 }
    guard let coding = found else {
      throw StoreError(.notFound, "no coding \(id)")
    }
    try db.execute(sql: "DELETE FROM coding WHERE id = ?", arguments: [id])
    return coding
  }

  /// Codings matching a filter, in document and position order.
  public func codings(_ filter: CodingFilter = CodingFilter()) throws -> [Coding] {
    var codings: [Coding] = []
    try forEachCoding(filter, expecting: { codings.reserveCapacity($0) }) { codings.append($0) }
    return codings
  }

  /// Codings matching a filter as columns, in document and position order: what a whole
  /// study's millions of codings are read as.
  public func codingColumns(_ filter: CodingFilter = CodingFilter()) throws -> CodingColumns {
    var codings = CodingColumns()
    try forEachCoding(filter, expecting: { codings.reserveCapacity($0) }) { codings.append($0) }
    return codings
  }

  /// Hands `body` each coding matching a filter, in document and position order, after telling
  /// `expecting` how many there are when the read goes beyond one document or passage.
  private func forEachCoding(
    _ filter: CodingFilter, expecting: (Int) -> Void, _ body: (Coding) -> Void
  ) throws {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let coder = filter.coder { clauses.append("c.coder = ?"); arguments.append(coder) }
    if let code = filter.codeID {
      clauses.append("(c.code_id = ? OR c.code_id LIKE ?)"); arguments += [code, code + ".%"]
    }
    if let document = filter.documentID {
      clauses.append("p.document_id = ?"); arguments.append(document)
    }
    if let passage = filter.passageID {
      clauses.append("c.passage_id = ?"); arguments.append(passage)
    }
    if filter.interviewsOnly { clauses.append(Self.isInterview) }
    // A read beyond one document or passage is counted first, to hold it in one allocation.
    let large = filter.documentID == nil && filter.passageID == nil
    try forEachCoding(
      where: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments, counted: large,
      expecting: expecting, body)
  }

  /// How many codings there are, automatic (rules and model) and by coders (without reading
  /// them).
  public func codingCounts() throws -> (automatic: Int, manual: Int) {
    let row = try Row.fetchOne(
      db,
      sql: "SELECT COALESCE(SUM(coder IN (?, ?)), 0) AS automatic, COUNT(*) AS total FROM coding",
      arguments: [Coding.autoCoder, Coding.modelCoder])
    let automatic: Int = row?["automatic"] ?? 0
    let total: Int = row?["total"] ?? 0
    return (automatic, total - automatic)
  }

  /// The coded text of every coding, by id.
  public func quotes(for ids: [Int64]) throws -> [Int64: String] {
    guard !ids.isEmpty else { return [:] }
    var result: [Int64: String] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT id, quote FROM coding WHERE id IN (\(Self.placeholders(ids.count)))",
      arguments: StatementArguments(ids))
    {
      result[row["id"]] = row["quote"]
    }
    return result
  }

  private func forEachCoding(
    where clause: String, _ arguments: [any DatabaseValueConvertible], counted: Bool = false,
    expecting: (Int) -> Void = { _ in }, _ body: (Coding) -> Void
  ) throws {
    // Code, coder, rule and matched words repeat across millions of codings: each distinct one
    // is kept once and shared (a study of 10,000 interviews has 3 million codings).
    var strings = Interner<String>()
    var matchedLists: [String: [String]] = [:]
    let from =
      "FROM coding c JOIN passage p ON p.id = c.passage_id JOIN document d ON d.id = p.document_id WHERE \(clause)"
    if counted {
      expecting(
        try Int.fetchOne(
          db, sql: "SELECT count(*) \(from)", arguments: StatementArguments(arguments)) ?? 0)
    }
    // Cached: detection reads each document's codings with the same statement.
    let rows = try Row.fetchCursor(
      db.cachedStatement(
        sql: """
          SELECT c.id, c.passage_id, c.code_id, c.coder, c.start, c."end", c.rule_id, c.matched, c.negated, c.memo,
            c.score, c.reason
          \(from) ORDER BY d.key, c.start, c."end", c.code_id, c.coder
          """),
      arguments: StatementArguments(arguments))
    while let row = try rows.next() {
      // By position (see `passage(_:)`).
      var matched: [String] = []
      if let text: String = row[7] {
        if let known = matchedLists[text] {
          matched = known
        } else {
          matched = JSONColumn.decode([String].self, text, default: []).map { strings.intern($0) }
          matchedLists[text] = matched
        }
      }
      body(
        Coding(
          id: row[0], passageID: row[1], codeID: strings.intern(row[2]),
          coder: strings.intern(row[3]),
          span: TextSpan(start: row[4], end: row[5]),
          ruleID: (row[6] as String?).map { strings.intern($0) },
          matched: matched, negated: row[8], memo: row[9], score: row[10],
          reason: (row[11] as String?).flatMap {
            JSONColumn.decode(ModelReason?.self, $0, default: nil)
          }))
    }
  }

  static func slice(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> String {
    guard span.start >= 0, span.end <= scalars.count, span.start <= span.end else { return "" }
    return String(scalars: scalars[span.start..<span.end])
  }
}

extension Project {
  /// When each coding was made, by coding id (codings made before dates were kept have none).
  public func codingDates() throws -> [Int64: String] {
    var dates: [Int64: String] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT id, created_at FROM coding WHERE created_at IS NOT NULL")
    {
      dates[row["id"]] = row["created_at"]
    }
    return dates
  }
}
