import Foundation
internal import GRDB

// Search facets: the passages of a code (by a coder or any), of a speaker role, of a protocol
// question, and where each document's passages lie, as sets of passage ids. A search builds
// the facets it needs from SQLite's indexes the first time and keeps them in the project
// (`search_facet`), stamped with the revision of the tables they were built from; a command
// that changes passages or codings moves the revision on (`ProjectStore.write`), and a facet
// with an older stamp is built again.

/// The facets a read built, kept in the project once the read is over (a read transaction
/// cannot write): see `ProjectStore.read`.
final class BuiltFacets {
  struct Facet {
    var name: String
    var kind: Project.FacetKind
    var stamp: String
    var data: Data
  }
  var facets: [Facet] = []
}

/// A run of consecutive passage ids belonging to one document.
struct DocumentRun: Equatable {
  var document: Int64
  var first: Int64
  var last: Int64
}

/// Observes whether a transaction inserts, deletes or changes the listed columns of a table's
/// rows, stopping at the first such change (a bulk import must not pay a call per row).
final class TableChangeObserver: TransactionObserver {
  let table: String
  let columns: Set<String>
  private(set) var changed = false

  init(table: String, columns: Set<String>) {
    self.table = table
    self.columns = columns
  }

  func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
    switch eventKind {
    case .insert(let table), .delete(let table): table == self.table
    case .update(let table, let columns): table == self.table && !columns.isDisjoint(with: self.columns)
    }
  }

  func databaseDidChange(with event: DatabaseEvent) {
    changed = true
    stopObservingDatabaseChangesUntilNextTransaction()
  }

  func databaseDidCommit(_ db: Database) {}
  func databaseDidRollback(_ db: Database) {}
}

extension Project {
  /// What a facet is built from: passage facets change only when passages do; code facets also
  /// when codings do.
  enum FacetKind: String {
    case passage, code
  }

  /// The stamps a facet of each kind must carry to be current.
  func facetStamps() throws -> [FacetKind: String] {
    let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('passage_revision', 'coding_revision')")
    let values = Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
    let passages = values["passage_revision"] ?? "0"
    return [.passage: "p\(passages)", .code: "p\(passages)c\(values["coding_revision"] ?? "0")"]
  }

  /// Moves the revisions on after a transaction changed passages or codings, and drops the
  /// facets that were built from them.
  static func noteChanges(_ db: Database, passages: Bool, codings: Bool) throws {
    guard passages || codings else { return }
    var keys: [String] = []
    if passages { keys.append("passage_revision") }
    if codings { keys.append("coding_revision") }
    for key in keys {
      try db.execute(
        sql: "INSERT INTO meta(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        arguments: [key])
    }
    try db.execute(sql: passages ? "DELETE FROM search_facet" : "DELETE FROM search_facet WHERE kind = 'code'")
  }

  /// Keeps facets a read built, those still current (a command may have changed the project
  /// since the read).
  static func storeFacets(_ facets: [BuiltFacets.Facet], _ db: Database) throws {
    let current = try Project(db: db).facetStamps()
    for facet in facets where current[facet.kind] == facet.stamp {
      try db.execute(
        sql: "INSERT OR REPLACE INTO search_facet(name, kind, stamp, data) VALUES (?, ?, ?, ?)",
        arguments: [facet.name, facet.kind.rawValue, facet.stamp, facet.data])
    }
  }

  /// A facet as stored when its stamp is current (and its bytes read back), else as `build()`
  /// makes it, noted to be stored.
  private func facet<Value>(
    _ name: String, kind: FacetKind, stamps: [FacetKind: String],
    decode: (Data) -> Value?, encode: (Value) -> Data, build: () throws -> Value
  ) throws -> Value {
    let stamp = stamps[kind] ?? ""
    if let row = try Row.fetchOne(db, sql: "SELECT stamp, data FROM search_facet WHERE name = ?", arguments: [name]),
      row[0] as String == stamp, let value = decode(row[1])
    {
      return value
    }
    let value = try build()
    builtFacets?.facets.append(.init(name: name, kind: kind, stamp: stamp, data: encode(value)))
    return value
  }

  /// A facet that is a set of passages.
  private func passageFacet(_ name: String, kind: FacetKind, stamps: [FacetKind: String], build: () throws -> PassageSet) throws -> PassageSet {
    try facet(name, kind: kind, stamps: stamps, decode: PassageSet.init(data:), encode: \.data, build: build)
  }

  /// The names of the search facets the project keeps, current or not (for inspection).
  public func searchFacetNames() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT name FROM search_facet ORDER BY name")
  }

  /// One more than the largest passage id: the size of a search's sets.
  func passageCapacity() throws -> Int64 {
    (try Int64.fetchOne(db, sql: "SELECT max(id) FROM passage") ?? 0) + 1
  }

  /// The passages a code was applied to, by `coder` or (nil) by anyone.
  func codeFacet(_ code: String, coder: String?, capacity: Int64, stamps: [FacetKind: String]) throws -> PassageSet {
    let name = "code\u{1F}\(code)\u{1F}" + (coder.map { "coder\u{1F}" + $0 } ?? "any")
    return try passageFacet(name, kind: .code, stamps: stamps) {
      var set = PassageSet(capacity: capacity)
      let cursor = try Int64.fetchCursor(
        db, sql: "SELECT passage_id FROM coding WHERE code_id = ?" + (coder == nil ? "" : " AND coder = ?"),
        arguments: StatementArguments([code] + (coder.map { [$0] } ?? [])))
      while let id = try cursor.next() { set.insert(id) }
      return set
    }
  }

  /// The passages of a protocol question or survey item.
  func questionFacet(_ question: String, capacity: Int64, stamps: [FacetKind: String]) throws -> PassageSet {
    try passageFacet("question\u{1F}\(question)", kind: .passage, stamps: stamps) {
      var set = PassageSet(capacity: capacity)
      let cursor = try Int64.fetchCursor(db, sql: "SELECT id FROM passage WHERE question_id = ?", arguments: [question])
      while let id = try cursor.next() { set.insert(id) }
      return set
    }
  }

  /// The passages a speaker role spoke.
  func roleFacet(_ role: String, capacity: Int64, stamps: [FacetKind: String]) throws -> PassageSet {
    try passageFacet("role\u{1F}\(role)", kind: .passage, stamps: stamps) {
      var set = PassageSet(capacity: capacity)
      let cursor = try Int64.fetchCursor(db, sql: "SELECT id FROM passage WHERE role = ?", arguments: [role])
      while let id = try cursor.next() { set.insert(id) }
      return set
    }
  }

  /// Where each document's passages lie: runs of consecutive ids, by document.
  func documentRuns(stamps: [FacetKind: String]) throws -> [DocumentRun] {
    try facet("documents", kind: .passage, stamps: stamps, decode: Self.decodeRuns, encode: Self.encodeRuns) {
      var runs: [DocumentRun] = []
      // Read from the (document, ordinal) index alone, which holds each passage's id.
      let rows = try Row.fetchCursor(db, sql: "SELECT document_id, id FROM passage ORDER BY document_id, ordinal")
      while let row = try rows.next() {
        let document: Int64 = row[0]
        let id: Int64 = row[1]
        if let last = runs.last, last.document == document, last.last == id - 1 {
          runs[runs.count - 1].last = id
        } else {
          runs.append(DocumentRun(document: document, first: id, last: id))
        }
      }
      return runs
    }
  }

  /// Runs as stored: document, first and last id of each, little-endian.
  static func encodeRuns(_ runs: [DocumentRun]) -> Data {
    runs.flatMap { [$0.document, $0.first, $0.last] }.map(\.littleEndian).withUnsafeBytes { Data($0) }
  }

  static func decodeRuns(_ data: Data) -> [DocumentRun]? {
    guard data.count % 24 == 0 else { return nil }
    var values = [Int64](repeating: 0, count: data.count / 8)
    _ = values.withUnsafeMutableBytes { data.copyBytes(to: $0) }
    return stride(from: 0, to: values.count, by: 3).map {
      DocumentRun(document: Int64(littleEndian: values[$0]), first: Int64(littleEndian: values[$0 + 1]), last: Int64(littleEndian: values[$0 + 2]))
    }
  }
}
