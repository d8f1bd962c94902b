import Foundation
public import QDAModel
internal import GRDB

/// The order a search lists its passages in.
public enum SearchOrder: String, Sendable, CaseIterable {
  /// Documents in the order they were stored (an import stores transcripts by file name and
  /// survey respondents in their export's order; a changed document imported again comes last),
  /// each document's passages by position: the order qualitative analysis tools list search
  /// results in. The search stops at its limit, so listing costs the
  /// same on a project of any size; only the count reads every match.
  case document
  /// Best match first by bm25 (words only; without words, document order). Every match is
  /// ranked before the first is listed, so a common word on a large project takes longer.
  case relevance
}

/// A passage search done in SQLite: the full-text match, the filters and the limit, with rows
/// and snippets read only for the passages returned.
public struct PassageSearch: Sendable {
  /// An FTS5 query (checked by the caller), or empty for every passage.
  public var text: String = ""
  /// The passage carries one of these codes (by `coder` when given); nil: any passage.
  public var codeIDs: [String]?
  public var coder: String?
  public var role: String?
  public var documentKey: String?
  public var questionID: String?
  /// The passage's document belongs to one of these participants (ids as stored); nil: anyone.
  public var participants: [String]?
  /// Only these passages; nil: any.
  public var passageIDs: [Int64]?
  public var order: SearchOrder = .document
  public var limit: Int?

  public init() {}
}

/// A passage a search found, with its document and, for a text search, snippet and (ranked) rank.
public struct PassageSearchHit: Sendable {
  public var passage: Passage
  public var documentKey: String
  public var participant: String
  /// bm25; lower is better (only when ordered by relevance).
  public var rank: Double?
  public var snippet: String
}

extension Project {
  /// Passages matching a full-text query (FTS5 syntax), best first.
  public func search(_ query: String, limit: Int = 50) throws -> [Passage] {
    var search = PassageSearch()
    search.text = query
    search.order = .relevance
    search.limit = limit
    return try self.search(search).hits.map(\.passage)
  }

  /// Runs a search; returns the hits (up to the limit) and how many passages matched in all.
  ///
  /// In document order, with no condition on the passage row but its question: the words'
  /// matches, the codes' codings and the question's passages stream in passage order from their
  /// indexes and SQLite merges them in one statement, stopping at the limit. Otherwise (ranked,
  /// or a role, document, participant or id condition) one source drives: the full-text matches
  /// when there are words, else the codes' codings, else the passages; each candidate is
  /// tested on its row, and SQLite is kept to that order (`CROSS JOIN`), since the other way
  /// round it evaluates the match once per passage the filters keep.
  /// The total is counted only when the limit is reached.
  ///
  /// - Throws: `StoreError` (`.invalid`) for a full-text query SQLite cannot read.
  public func search(_ search: PassageSearch) throws -> (hits: [PassageSearchHit], total: Int) {
    let hasText = !search.text.isEmpty
    let ranked = hasText && search.order == .relevance
    // Conditions on the passage row `p`, but for the question (an index of its own).
    var filters: [String] = []
    var filterArguments: [any DatabaseValueConvertible] = []
    if let role = search.role {
      filters.append("p.role = ?")
      filterArguments.append(role)
    }
    // One document: its passages' ids also bound the driving source (the full-text index and
    // the codings' index seek to them).
    var idRange: (first: Int64, last: Int64)?
    if let key = search.documentKey {
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT d.id, min(p.id), max(p.id) FROM document d JOIN passage p ON p.document_id = d.id WHERE d.key = ?",
          arguments: [key]),
        let id = row[0] as Int64?, let first = row[1] as Int64?, let last = row[2] as Int64?
      else { return ([], 0) }
      filters.append("p.document_id = ?")
      filterArguments.append(id)
      idRange = (first, last)
    }
    if let participants = search.participants {
      // The participants' documents, looked up once; one JSON argument each, as the lists can
      // be longer than SQLite binds in one statement.
      let documents = try Int64.fetchAll(
        db, sql: "SELECT id FROM document WHERE participant_id IN (SELECT value FROM json_each(?))",
        arguments: [JSONColumn.encode(participants)])
      guard !documents.isEmpty else { return ([], 0) }
      filters.append("p.document_id IN (SELECT value FROM json_each(?))")
      filterArguments.append(JSONColumn.encode(documents))
    }
    if let ids = search.passageIDs {
      guard !ids.isEmpty else { return ([], 0) }
      filters.append("p.id IN (SELECT value FROM json_each(?))")
      filterArguments.append(JSONColumn.encode(ids))
    }
    if let codes = search.codeIDs, codes.isEmpty { return ([], 0) }
    let coder = search.coder.map { _ in " AND c.coder = ?" } ?? ""
    let coderArgument = search.coder.map { [$0 as any DatabaseValueConvertible] } ?? []

    let listSQL: String
    let countSQL: String
    var arguments: [any DatabaseValueConvertible] = []
    if !ranked, filters.isEmpty {
      // Each source as a select of passage ids in passage order: the codes' united, then
      // intersected with the words' and the question's. At the top level SQLite merges them as
      // they stream (MERGE UNION, MERGE INTERSECT), so listing stops at the limit.
      var parts: [String] = []
      if let codes = search.codeIDs {
        parts.append(
          codes.map { _ in "SELECT DISTINCT c.passage_id FROM coding c WHERE c.code_id = ?\(coder)" }.joined(separator: " UNION "))
        for code in codes { arguments += [code] + coderArgument }
      }
      if hasText {
        parts.append("SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?")
        arguments.append(search.text)
      }
      if let question = search.questionID {
        parts.append("SELECT id FROM passage WHERE question_id = ?")
        arguments.append(question)
      }
      let compound = parts.isEmpty ? "SELECT id FROM passage" : parts.joined(separator: " INTERSECT ")
      listSQL = compound + " ORDER BY 1" + (search.limit.map { " LIMIT \(max(0, $0))" } ?? "")
      // Counted in order too: without it SQLite unites and intersects through a temporary
      // B-tree (about 200 ms for 300,000 matches against 30 ms merged).
      countSQL = "SELECT count(*) FROM (\(compound) ORDER BY 1)"
    } else {
      // The driving source's ids in order, each tested on its passage row (and, for words, its
      // codings); SQLite is kept to that order by CROSS JOIN.
      if let question = search.questionID {
        filters.append("p.question_id = ?")
        filterArguments.append(question)
      }
      let source: String
      let id: String
      var clauses: [String]
      var distinct = false
      if hasText {
        id = "f.rowid"
        source = "passage_fts f" + (filters.isEmpty ? "" : " CROSS JOIN passage p ON p.id = f.rowid")
        clauses = ["passage_fts MATCH ?"] + filters
        arguments = [search.text] + filterArguments
        if let codes = search.codeIDs {
          // `+`: seek the match's codings by passage alone and test their codes, rather than
          // one seek per code.
          clauses.append(
            "EXISTS (SELECT 1 FROM coding c WHERE c.passage_id = f.rowid AND +c.code_id IN (\(Self.placeholders(codes.count)))\(coder))")
          arguments += codes.map { $0 as any DatabaseValueConvertible } + coderArgument
        }
      } else if let codes = search.codeIDs {
        id = "c.passage_id"
        source = "coding c" + (filters.isEmpty ? "" : " CROSS JOIN passage p ON p.id = c.passage_id")
        clauses = ["c.code_id IN (\(Self.placeholders(codes.count)))\(coder)"] + filters
        arguments = codes.map { $0 as any DatabaseValueConvertible } + coderArgument + filterArguments
        distinct = true
      } else {
        id = "p.id"
        source = "passage p"
        clauses = filters
        arguments = filterArguments
      }
      if let idRange {
        clauses.append("\(id) BETWEEN ? AND ?")
        arguments += [idRange.first, idRange.last]
      }
      let whereClause = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
      listSQL = "SELECT \(distinct ? "DISTINCT " : "")\(id) AS id\(ranked ? ", f.rank AS rank" : "") FROM \(source)\(whereClause)"
        + (ranked ? " ORDER BY f.rank" : " ORDER BY \(id)") + (search.limit.map { " LIMIT \(max(0, $0))" } ?? "")
      countSQL = "SELECT count(\(distinct ? "DISTINCT " : "")\(id)) FROM \(source)\(whereClause)"
    }
    do {
      let listed = try Row.fetchAll(db, sql: listSQL, arguments: StatementArguments(arguments))
      let total: Int
      if search.limit == nil || listed.count < search.limit! {
        total = listed.count
      } else {
        total = try Int.fetchOne(db, sql: countSQL, arguments: StatementArguments(arguments)) ?? 0
      }
      return (try hits(listed, text: hasText ? search.text : nil, ranked: ranked), total)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && hasText {
      let detail = (error.message ?? "").replacingOccurrences(of: "fts5: ", with: "")
      throw StoreError(.invalid, "the search '\(search.text)' cannot be read (\(detail)); see `qda query --help` for the syntax")
    }
  }

  /// The listed passages' rows, documents and (for words) snippets, in the listed order: read
  /// for these alone, since a snippet reads the passage's text.
  private func hits(_ listed: [Row], text: String?, ranked: Bool) throws -> [PassageSearchHit] {
    // By position: the first column is the passage id, the second its rank when ranked.
    let ids: [Int64] = listed.map { $0[0] }
    var rows: [Int64: Row] = [:]
    var snippets: [Int64: String] = [:]
    try Self.forEachChunk(of: ids) { chunk, marks in
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT \(Self.passageColumns), d.key AS document_key, d.participant_id AS document_participant
          FROM passage p JOIN document d ON d.id = p.document_id WHERE p.id IN (\(marks))
          """,
        arguments: StatementArguments(chunk))
      {
        rows[row["id"]] = row
      }
      if let text {
        for row in try Row.fetchAll(
          db,
          sql: """
            SELECT rowid, snippet(passage_fts, 0, '«', '»', '…', 32) AS snippet FROM passage_fts
            WHERE passage_fts MATCH ? AND rowid IN (\(marks))
            """,
          arguments: StatementArguments([text] + chunk.map { $0 as any DatabaseValueConvertible }))
        {
          snippets[row["rowid"]] = row["snippet"]
        }
      }
    }
    var strings = Interner<String>()
    return listed.compactMap { entry -> PassageSearchHit? in
      let id: Int64 = entry[0]
      guard let row = rows[id] else { return nil }
      let passage = Self.passage(row, strings: &strings)
      return PassageSearchHit(
        passage: passage, documentKey: row["document_key"], participant: row["document_participant"],
        rank: ranked ? entry[1] : nil, snippet: text == nil ? passage.text : (snippets[id] ?? passage.text))
    }
  }
}
