import Foundation
internal import GRDB
import QDAModel

// Search facets: the passages of a code (by a coder or any), of a speaker role, of a protocol
// question, and where each document's passages lie, as sets of passage ids. A search builds
// the facets it needs from SQLite's indexes the first time and keeps them in the project
// (`search_facet`), stamped with the project's revision; a command that changes anything moves
// the revision on and drops the kept facets (`ProjectStore.write`), and a facet with an older
// stamp is built again. (One revision for everything: every facet is rebuilt from an index in
// milliseconds, and telling which tables a command changed took a call per statement, 10% of
// an import.)

/// The facets a read built, kept in the project once the read is over (a read transaction
/// cannot write): see `ProjectStore.read`.
final class BuiltFacets {
  struct Facet {
    var name: String
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

extension Project {
  /// The project's revision: a number every transaction that changes the project moves on
  /// (`ProjectStore.write`); reads never do. What is kept from a read is current while it holds.
  public func revision() throws -> Int64 {
    Int64(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'revision'") ?? "0") ?? 0
  }

  /// The stamp a kept facet must carry to be current: the project's revision.
  func facetStamp() throws -> String {
    "r\(try revision())"
  }

  /// Moves the revision on after a transaction changed the project, and drops the facets kept.
  static func noteChanges(_ db: Database) throws {
    try db.execute(
      sql:
        "INSERT INTO meta(key, value) VALUES ('revision', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
    try db.execute(sql: "DELETE FROM search_facet")
  }

  /// Keeps facets a read built, those still current (a command may have changed the project
  /// since the read).
  static func storeFacets(_ facets: [BuiltFacets.Facet], _ db: Database) throws {
    let current = try Project(db: db).facetStamp()
    for facet in facets where facet.stamp == current {
      try db.execute(
        sql: "INSERT OR REPLACE INTO search_facet(name, stamp, data) VALUES (?, ?, ?)",
        arguments: [facet.name, facet.stamp, facet.data])
    }
  }

  /// A facet as stored, when its stamp is current and its bytes read back.
  private func storedFacet<Value>(_ name: String, stamp: String, decode: (Data) -> Value?) throws
    -> Value?
  {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT stamp, data FROM search_facet WHERE name = ?", arguments: [name]),
      row[0] as String == stamp
    else { return nil }
    return decode(row[1])
  }

  /// A facet as stored, else as `build()` makes it, noted to be stored.
  private func facet<Value>(
    _ name: String, stamp: String, decode: (Data) -> Value?, encode: (Value) -> Data,
    build: () throws -> Value
  ) throws -> Value {
    if let stored = try storedFacet(name, stamp: stamp, decode: decode) { return stored }
    let value = try build()
    builtFacets?.facets.append(.init(name: name, stamp: stamp, data: encode(value)))
    return value
  }

  /// A facet that is the set of passage ids a query selects.
  private func idFacet(
    _ name: String, stamp: String, capacity: Int64, sql: String, arguments: StatementArguments
  ) throws -> PassageSet {
    try facet(name, stamp: stamp, decode: PassageSet.init(data:), encode: \.data) {
      var set = PassageSet(capacity: capacity)
      let ids = try Int64.fetchCursor(db, sql: sql, arguments: arguments)
      while let id = try ids.next() { set.insert(id) }
      return set
    }
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
  func codeFacet(_ code: String, coder: String?, capacity: Int64, stamp: String) throws
    -> PassageSet
  {
    try idFacet(
      "code\u{1F}\(code)\u{1F}" + (coder.map { "coder\u{1F}" + $0 } ?? "any"), stamp: stamp,
      capacity: capacity,
      sql: "SELECT passage_id FROM coding WHERE code_id = ?"
        + (coder == nil ? "" : " AND coder = ?"),
      arguments: StatementArguments([code] + (coder.map { [$0] } ?? [])))
  }

  /// The passages of a protocol question or survey item.
  func questionFacet(_ question: String, capacity: Int64, stamp: String) throws -> PassageSet {
    try idFacet(
      "question\u{1F}\(question)", stamp: stamp, capacity: capacity,
      sql: "SELECT id FROM passage WHERE question_id = ?",
      arguments: [question])
  }

  /// The passages a speaker role spoke. The role has no index (see schema v9): one pass over
  /// the passages' rows builds every role's facet, and all are noted to be kept.
  func roleFacet(_ role: String, capacity: Int64, stamp: String) throws -> PassageSet {
    let name = { (role: String) in "role\u{1F}\(role)" }
    if let stored = try storedFacet(name(role), stamp: stamp, decode: PassageSet.init(data:)) {
      return stored
    }
    var sets = Dictionary(
      uniqueKeysWithValues: SpeakerRole.allCases.map {
        ($0.rawValue, PassageSet(capacity: capacity))
      })
    let rows = try Row.fetchCursor(db, sql: "SELECT id, role FROM passage")
    while let row = try rows.next() { sets[row[1] as String]?.insert(row[0]) }
    for (each, set) in sets {
      builtFacets?.facets.append(.init(name: name(each), stamp: stamp, data: set.data))
    }
    return sets[role] ?? PassageSet(capacity: capacity)
  }

  /// Where each document's passages lie: runs of consecutive ids, by document.
  func documentRuns(stamp: String) throws -> [DocumentRun] {
    try facet("documents", stamp: stamp, decode: Self.decodeRuns, encode: Self.encodeRuns) {
      var runs: [DocumentRun] = []
      // Read from the (document, ordinal) index alone, which holds each passage's id.
      let rows = try Row.fetchCursor(
        db, sql: "SELECT document_id, id FROM passage ORDER BY document_id, ordinal")
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
    runs.flatMap { [$0.document, $0.first, $0.last] }.littleEndianData
  }

  static func decodeRuns(_ data: Data) -> [DocumentRun]? {
    guard let values = [Int64](littleEndian: data), values.count % 3 == 0 else { return nil }
    return stride(from: 0, to: values.count, by: 3).map {
      DocumentRun(document: values[$0], first: values[$0 + 1], last: values[$0 + 2])
    }
  }
}
