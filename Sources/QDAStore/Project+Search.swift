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

/// A passage search: the full-text match, the filters (sets of passage ids, see `search(_:)`)
/// and the limit, with rows and snippets read only for the passages returned.
public struct PassageSearch: Sendable {
  /// An FTS5 query (checked by the caller), or empty for every passage.
  public var text: String = ""
  /// The passage carries one of these codes (by `coder` when given); nil: any passage.
  public var codeIDs: [String]?
  public var coder: String?
  public var role: String?
  public var documentKey: String?
  public var questionID: String?
  /// The passage's document belongs to one of these participants (ids compared without
  /// case, as participants are); nil: anyone.
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
  /// The filters (codes, speaker role, document, question, participants, passage ids) are sets
  /// of passage ids intersected in memory: each a facet the project keeps (see
  /// `Project+Facets`), built from SQLite's indexes by the first search that needs it. With
  /// words, the full-text matches stream from the index in passage order (ranked: best first,
  /// every match ranked) and each is tested against the set; without, the set is the answer.
  /// Without filters SQLite counts the matches itself.
  ///
  /// - Throws: `StoreError` (`.invalid`) for a full-text query SQLite cannot read.
  public func search(_ search: PassageSearch) throws -> (hits: [PassageSearchHit], total: Int) {
    let (listed, total) = try list(search)
    return (try hits(listed, text: search.text.isEmpty ? nil : search.text), total)
  }

  /// The passages a search finds, each with its document's participant, in the search's order
  /// (its limit ignored): what a count needs, read without the passages' rows or snippets. (The
  /// dashboard filtered by an attribute read every passage of 1,000 interviews to count them.)
  public func searchMembers(_ search: PassageSearch) throws -> [(id: Int64, participant: String)] {
    var search = search
    search.limit = nil
    let ids = try list(search).listed.map(\.id)
    guard !ids.isEmpty else { return [] }
    let participants = Dictionary(
      try Row.fetchAll(db, sql: "SELECT id, participant_id FROM document").map {
        ($0[0] as Int64, $0[1] as String)
      },
      uniquingKeysWith: { first, _ in first })
    // Each passage's document from the runs of consecutive ids, found by bisection.
    let runs = try documentRuns(stamp: try facetStamp()).sorted { $0.first < $1.first }
    return ids.compactMap { id in
      var (low, high) = (0, runs.count)
      while low < high {
        let middle = (low + high) / 2
        if runs[middle].last < id { low = middle + 1 } else { high = middle }
      }
      guard low < runs.count, runs[low].first <= id,
        let participant = participants[runs[low].document]
      else { return nil }
      return (id, participant)
    }
  }

  /// The ids (with ranks, when ranked) a search lists, up to its limit, and how many it matches.
  private func list(_ search: PassageSearch) throws -> (
    listed: [(id: Int64, rank: Double?)], total: Int
  ) {
    let hasText = !search.text.isEmpty
    let ranked = hasText && search.order == .relevance
    let limit = search.limit.map { max(0, $0) }
    do {
      guard let allowed = try filterSet(search) else {
        // No filters: the words' matches, or every passage.
        let listSQL =
          hasText
          ? "SELECT rowid\(ranked ? ", rank" : "") FROM passage_fts WHERE passage_fts MATCH ? ORDER BY \(ranked ? "rank" : "rowid")"
          : "SELECT id FROM passage ORDER BY id"
        let countSQL =
          hasText
          ? "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH ?"
          : "SELECT count(*) FROM passage"
        let arguments: StatementArguments = hasText ? [search.text] : []
        let listed = try Row.fetchAll(
          db, sql: listSQL + (limit.map { " LIMIT \($0)" } ?? ""), arguments: arguments
        )
        .map { (id: $0[0] as Int64, rank: ranked ? $0[1] as Double? : nil) }
        // Counted only when the listing stopped at the limit.
        let reachedLimit = limit.map { listed.count >= $0 } ?? false
        let total =
          reachedLimit
          ? try Int.fetchOne(db, sql: countSQL, arguments: arguments) ?? 0 : listed.count
        return (listed, total)
      }
      guard let bounds = allowed.bounds else { return ([], 0) }
      guard hasText else {
        return (allowed.members(limit: limit).map { ($0, nil) }, allowed.count)
      }
      // The matches within the set's first and last id (the index seeks to them), each tested.
      var listed: [(id: Int64, rank: Double?)] = []
      var total = 0
      func take(_ id: Int64, rank: Double?) {
        guard allowed.contains(id) else { return }
        total += 1
        if limit.map({ listed.count < $0 }) ?? true { listed.append((id, rank)) }
      }
      let matchSQL = "FROM passage_fts WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?"
      let arguments: StatementArguments = [search.text, bounds.first, bounds.last]
      if ranked {
        let rows = try Row.fetchCursor(
          db, sql: "SELECT rowid, rank \(matchSQL) ORDER BY rank", arguments: arguments)
        while let row = try rows.next() { take(row[0], rank: row[1]) }
      } else {
        // Ids alone, read straight from the statement: hundreds of thousands for a common word.
        let ids = try Int64.fetchCursor(
          db, sql: "SELECT rowid \(matchSQL) ORDER BY rowid", arguments: arguments)
        while let id = try ids.next() { take(id, rank: nil) }
      }
      return (listed, total)
    } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && hasText {
      let detail = (error.message ?? "").replacingOccurrences(of: "fts5: ", with: "")
      throw StoreError(
        .invalid,
        "the search '\(search.text)' cannot be read (\(detail)); see `qda query --help` for the syntax"
      )
    }
  }

  /// The passages a search's filters allow, intersected; nil for a search without filters.
  private func filterSet(_ search: PassageSearch) throws -> PassageSet? {
    let hasDocuments = search.documentKey != nil || search.participants != nil
    guard
      search.codeIDs != nil || search.role != nil || search.questionID != nil || hasDocuments
        || search.passageIDs != nil
    else { return nil }
    let capacity = try passageCapacity()
    let stamp = try facetStamp()
    var allowed: PassageSet?
    func narrow(_ set: PassageSet) {
      guard var narrowed = allowed else {
        allowed = set
        return
      }
      narrowed.formIntersection(set)
      allowed = narrowed
    }
    if let ids = search.passageIDs {
      var set = PassageSet(capacity: capacity)
      for id in ids { set.insert(id) }
      narrow(set)
    }
    if let codes = search.codeIDs {
      var set = PassageSet(capacity: capacity)
      for code in codes {
        set.formUnion(try codeFacet(code, coder: search.coder, capacity: capacity, stamp: stamp))
      }
      narrow(set)
    }
    if let question = search.questionID {
      narrow(try questionFacet(question, capacity: capacity, stamp: stamp))
    }
    if let role = search.role { narrow(try roleFacet(role, capacity: capacity, stamp: stamp)) }
    if hasDocuments {
      var documents: Set<Int64>?
      if let key = search.documentKey {
        documents = Set(
          try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE key = ?", arguments: [key]))
      }
      if let participants = search.participants {
        // Every document's participant, read from the participant index alone and tested here
        // (the lists can be longer than SQLite binds in one statement), without case, as the
        // participant table compares ids.
        let wanted = Set(participants.map { $0.lowercased() })
        var theirs = Set<Int64>()
        let rows = try Row.fetchCursor(
          db, sql: "SELECT participant_id, id FROM document INDEXED BY document_participant")
        while let row = try rows.next() {
          if wanted.contains((row[0] as String).lowercased()) { theirs.insert(row[1]) }
        }
        documents = documents.map { $0.intersection(theirs) } ?? theirs
      }
      var set = PassageSet(capacity: capacity)
      if let documents, !documents.isEmpty {
        for run in try documentRuns(stamp: stamp) where documents.contains(run.document) {
          set.insert(from: run.first, through: run.last)
        }
      }
      narrow(set)
    }
    return allowed
  }

  /// The listed passages' rows, documents and (for words) snippets, in the listed order: read
  /// for these alone, since a snippet reads the passage's text.
  private func hits(_ listed: [(id: Int64, rank: Double?)], text: String?) throws
    -> [PassageSearchHit]
  {
    let ids = listed.map(\.id)
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
      let id = entry.id
      guard let row = rows[id] else { return nil }
      let passage = Self.passage(row, strings: &strings)
      return PassageSearchHit(
        passage: passage, documentKey: row["document_key"],
        participant: row["document_participant"],
        rank: entry.rank, snippet: text == nil ? passage.text : (snippets[id] ?? passage.text))
    }
  }
}
