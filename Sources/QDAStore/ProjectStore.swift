import Foundation
internal import GRDB

/// A QDAKit project: one SQLite file holding documents, passages, participants, the codebook,
/// codings and a full-text index.
///
/// Each command does its work in one transaction (`write`): if anything fails, the project is
/// left exactly as it was.
///
/// ```swift
/// let store = try ProjectStore(path: "study.qda")
/// try store.write { project in try project.replaceParticipants(table) }
/// let snapshot = try store.read { project in try project.snapshot() }
/// ```
public final class ProjectStore: Sendable {
  /// The path of the project file.
  public let path: String
  /// How long a command waits for another one writing the project.
  static let busySeconds = 10
  let queue: DatabaseQueue
  /// Whether this store made the file: it is switched to a write-ahead log after each write.
  private let createdHere: Bool

  /// Opens a project file, creating it if it does not exist, and brings its schema up to date.
  ///
  /// - Throws: `StoreError` (`.notAProject`) for a file that is not a QDAKit project.
  /// Opens a project, creating it unless `mustExist`.
  ///
  /// - Parameter mustExist: for commands that read or change an existing project: a missing
  ///   file is an error rather than a new, empty project.
  public init(path: String, mustExist: Bool = false) throws {
    self.path = path
    let existed = FileManager.default.fileExists(atPath: path)
    if mustExist, !existed {
      throw StoreError(
        .notFound, "\(path): no such project; create it with `qda analyze` or `qda ingest`")
    }
    createdHere = !existed
    var configuration = Configuration()
    // A project this store creates has nothing to protect yet, and nobody else reading it: its
    // first write goes straight to the file, with SQLite's rollback journal (which for pages
    // the file did not have holds nothing), and `write` then switches it to a write-ahead log.
    // Through the log, a first import wrote every page twice (log, then file) and looked up in
    // the log each page the cache had let go: after reading its export, a million-respondent
    // survey took 53.1-53.8 s instead of 41.7-49.8 s (three alternated pairs).
    configuration.journalMode = existed ? .wal : .default
    configuration.busyMode = .timeout(TimeInterval(Self.busySeconds))
    configuration.foreignKeysEnabled = true
    configuration.prepareDatabase { db in
      // Pages are read into a 64 MB cache, not through a memory map: mapped pages count in the
      // process's memory, once per connection, and a report over 10,000 interviews reads the
      // whole file (mapped, its snapshot took 696 MB instead of 449 MB, in the same time).
      try db.execute(sql: "PRAGMA mmap_size = 0")
      try db.execute(sql: "PRAGMA cache_size = -65536")
    }
    if !existed {
      // `--project out/study.qda` in a fresh checkout: make the folder.
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
      if existed {
        let isProject = try queue.read { db -> Bool in
          guard try db.tableExists("meta") else { return try Self.isUnstarted(db) }
          return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
            == "qdakit-project"
        }
        guard isProject else {
          throw StoreError(.notAProject, "\(path) is not a QDAKit project file")
        }
      }
      let known = Set(Schema.migrator.migrations)
      let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
      if let unknown = applied.subtracting(known).first {
        throw StoreError(
          .notAProject,
          "\(path) was written by a newer QDAKit (schema \(unknown)); update QDAKit to open it")
      }
      // Up to date, the migrator is not run: it writes (a statement creating its table if
      // missing), which a command that only reads, such as a query, need not wait for.
      if !known.isSubset(of: applied) { try Schema.migrator.migrate(queue) }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      if let known = StoreError(error, path: path) { throw known }
      throw StoreError(
        .notAProject,
        "\(path): cannot open as a project (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))"
      )
    }
  }

  /// Whether a file without the `meta` table is a project whose creation stopped before its
  /// first migration: empty, or holding only the migrator's own table with nothing applied
  /// (the migrator creates it in a transaction of its own, so a command killed then leaves it).
  private static func isUnstarted(_ db: Database) throws -> Bool {
    let tables = try String.fetchAll(
      db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    if tables.isEmpty { return true }
    guard tables == ["grdb_migrations"] else { return false }
    return try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") == 0
  }

  /// Deletes a project file and SQLite's companions (`-wal`, `-shm`, `-journal`).
  public static func remove(path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  /// Runs `body` in one write transaction; an error rolls everything back.
  public func write<T>(_ body: (Project) throws -> T) throws -> T {
    do {
      let result = try queue.write { db in
        // A command that changes the project moves its revision on: the search facets and pages
        // kept from before are not used again. Sentence vectors kept for a search are a cache,
        // not a change: a question asked by meaning in `qda serve` keeps what visitors share.
        let changes = db.totalChangesCount
        let caches = CacheWrites()
        let result = try body(Project(db: db, cacheWrites: caches))
        if db.totalChangesCount - changes > caches.changes { try Project.noteChanges(db) }
        return result
      }
      if createdHere {
        // From now on readers (`qda serve`) may come: they read beside a writer through the log.
        // The write is committed whatever happens here; a switch that fails is made by the next
        // command to open the project (it opens every existing project with the log).
        try? queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
      }
      return result
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
        ?? StoreError(
          .database, "\(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
    }
  }

  /// Runs `body` with read access to a consistent view of the project.
  public func read<T>(_ body: (Project) throws -> T) throws -> T {
    let built = BuiltFacets()
    let result: T
    do {
      result = try queue.read { db in try body(Project(db: db, builtFacets: built)) }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
        ?? StoreError(
          .database, "\(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")")
    }
    if !built.facets.isEmpty { keep(built.facets) }
    return result
  }

  /// Keeps the search facets a read built, if the project can be written at once: a read-only
  /// file, or another command writing, leaves them to be built again.
  private func keep(_ facets: [BuiltFacets.Facet]) {
    try? queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA busy_timeout = 0")
      defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busySeconds * 1000)") }
      try db.inTransaction {
        try Project.storeFacets(facets, db)
        return .commit
      }
    }
  }
}

/// Rows a write changed in caches rather than in the project.
final class CacheWrites {
  var changes = 0
}

/// The project inside a transaction: the operations commands perform.
public struct Project {
  let db: Database
  /// Where a read notes the search facets it built, to keep them once it is over.
  var builtFacets: BuiltFacets? = nil
  /// Where a write counts the rows it changed in caches (sentence vectors), which do not move
  /// the project's revision.
  var cacheWrites: CacheWrites? = nil

  /// `?,?,…` for a list of `count` arguments in an SQL `IN (…)`.
  static func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ",")
  }

  /// Runs `body` on `ids` 500 at a time, with the chunk's placeholders: a statement binds only
  /// so many arguments.
  static func forEachChunk<ID>(
    of ids: [ID], _ body: (_ chunk: [ID], _ placeholders: String) throws -> Void
  ) rethrows {
    for start in stride(from: 0, to: ids.count, by: 500) {
      let chunk = Array(ids[start..<min(ids.count, start + 500)])
      try body(chunk, placeholders(chunk.count))
    }
  }
}

extension StoreError {
  /// The errors a user can act on, said plainly: another command holds the project, the file
  /// is read-only, the disk is full, the file cannot be written. Nil for other SQLite errors.
  init?(_ error: DatabaseError, path: String) {
    switch error.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      self.init(
        .busy,
        "\(path) is being changed by another qda command (waited \(ProjectStore.busySeconds) s); try again when it has finished. The project was not changed."
      )
    case .SQLITE_READONLY:
      self.init(
        .readOnly,
        "\(path) is read-only: QDAKit cannot change it (check the file's and its folder's permissions). The project was not changed."
      )
    case .SQLITE_FULL:
      self.init(
        .diskFull,
        "the disk holding \(path) is full; free some space and run the command again. The project was not changed."
      )
    case .SQLITE_IOERR:
      self.init(
        .io,
        "\(path): the disk refused a read or write (\(error.message ?? "I/O error")): it may be full or failing; free some space and run the command again. The project was not changed."
      )
    case .SQLITE_CANTOPEN:
      self.init(
        .io, "\(path): cannot open the file (check that its folder exists and can be written)")
    default:
      return nil
    }
  }
}
