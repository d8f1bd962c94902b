import Foundation
internal import GRDB

/// A copy of a project taken before a command replaced or removed something in it.
public struct ProjectSnapshot: Hashable, Sendable {
  /// The snapshot file.
  public var path: String
  /// 1, 2, 3… in the order taken.
  public var number: Int
  /// When it was taken (ISO 8601).
  public var takenAt: String
  /// What was about to happen: `before ingest: replaces P04.txt`.
  public var reason: String
}

extension ProjectStore {
  /// Where a project keeps its snapshots: `study.qda.history/` beside `study.qda`.
  public var historyFolder: String { path + ".history" }

  /// How many snapshots a project keeps; the oldest go first.
  public static let snapshotsKept = 20

  /// Copies the project, as it is now, into its history folder (SQLite's online backup, written
  /// to a temporary file and renamed, so a snapshot is whole or absent).
  ///
  /// - Parameters:
  ///   - reason: what is about to happen.
  ///   - timestamp: when.
  /// - Returns: the snapshot.
  @discardableResult
  public func takeSnapshot(reason: String, at timestamp: String) throws -> ProjectSnapshot {
    let folder = historyFolder
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw StoreError(
        .database, "\(folder): cannot create the history folder (\(error.localizedDescription))")
    }
    let existing = snapshots()
    let number = (existing.map(\.number).max() ?? 0) + 1
    let final = (folder as NSString).appendingPathComponent(String(format: "%04d.qda", number))
    let partial = final + ".partial"
    ProjectStore.remove(path: partial)
    do {
      var configuration = Configuration()
      configuration.journalMode = .default
      let copy = try DatabaseQueue(path: partial, configuration: configuration)
      try queue.backup(to: copy)
      try copy.write { db in
        try db.execute(
          sql:
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('snapshot_reason', ?), ('snapshot_taken_at', ?)",
          arguments: [reason, timestamp])
      }
      try copy.close()
      try FileManager.default.moveItem(atPath: partial, toPath: final)
    } catch let error as DatabaseError {
      ProjectStore.remove(path: partial)
      throw StoreError(
        .database, "\(final): cannot write the snapshot (\(error.message ?? "SQLite error"))")
    } catch {
      ProjectStore.remove(path: partial)
      throw StoreError(
        .database, "\(final): cannot write the snapshot (\(error.localizedDescription))")
    }
    for old in (existing + []).sorted(by: { $0.number < $1.number }).dropLast(
      Self.snapshotsKept - 1)
    {
      ProjectStore.remove(path: old.path)
    }
    return ProjectSnapshot(path: final, number: number, takenAt: timestamp, reason: reason)
  }

  /// The project's snapshots, oldest first. Unreadable files are skipped.
  public func snapshots() -> [ProjectSnapshot] {
    let folder = historyFolder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      return []
    }
    var result: [ProjectSnapshot] = []
    for name in names where name.hasSuffix(".qda") {
      guard let number = Int(name.dropLast(4)) else { continue }
      let file = (folder as NSString).appendingPathComponent(name)
      var configuration = Configuration()
      configuration.readonly = true
      guard let copy = try? DatabaseQueue(path: file, configuration: configuration),
        let meta = try? copy.read({ db in
          try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key LIKE 'snapshot_%'")
        })
      else { continue }
      var values: [String: String] = [:]
      for row in meta { values[row["key"]] = row["value"] }
      result.append(
        ProjectSnapshot(
          path: file, number: number, takenAt: values["snapshot_taken_at"] ?? "?",
          reason: values["snapshot_reason"] ?? "?"))
      try? copy.close()
    }
    return result.sorted { $0.number < $1.number }
  }

  /// Puts a snapshot's content back into the project, after taking a snapshot of the current
  /// state (so an undo can itself be undone).
  ///
  /// - Returns: the snapshot of the state that was replaced.
  @discardableResult
  public func restore(_ snapshot: ProjectSnapshot, at timestamp: String) throws -> ProjectSnapshot {
    var configuration = Configuration()
    configuration.readonly = true
    let source: DatabaseQueue
    do {
      source = try DatabaseQueue(path: snapshot.path, configuration: configuration)
    } catch {
      throw StoreError(.notFound, "\(snapshot.path): cannot open the snapshot")
    }
    let before = try takeSnapshot(
      reason: "before undo to snapshot \(snapshot.number)", at: timestamp)
    do {
      try source.backup(to: queue)
      try queue.write { db in
        try db.execute(
          sql: "DELETE FROM meta WHERE key IN ('snapshot_reason', 'snapshot_taken_at')")
        try db.execute(
          sql: "INSERT INTO event(at, command, summary) VALUES (?, 'undo', ?)",
          arguments: [
            timestamp,
            "restored snapshot \(snapshot.number) (\(snapshot.reason)); the state before is snapshot \(before.number)",
          ])
      }
    } catch let error as DatabaseError {
      throw StoreError(
        .database,
        "\(path): cannot restore snapshot \(snapshot.number) (\(error.message ?? "SQLite error"))")
    }
    try? source.close()
    return before
  }

  /// Problems SQLite finds in the file (`PRAGMA integrity_check`, `foreign_key_check`); empty
  /// when the project is sound.
  public func integrityProblems() throws -> [String] {
    try read { project in
      let db = project.db
      var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
      for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
        let table: String = row[0]
        let rowID: Int64? = row[1]
        let parent: String = row[2]
        problems.append(
          "\(table) row \(rowID.map(String.init) ?? "?") refers to a missing \(parent)")
      }
      return problems
    }
  }
}
