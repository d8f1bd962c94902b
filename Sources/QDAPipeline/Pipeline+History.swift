import Foundation
public import QDAStore

/// A project's history: what each command did, and the snapshots taken before destructive ones.
public struct ProjectHistory: Sendable {
  /// Commands in order: when, which, what they did.
  public var events: [(at: String, command: String, summary: String)]
  public var snapshots: [ProjectSnapshot]
}

extension Pipeline {
  /// The project's event log and snapshots.
  public func history(project path: String) throws -> ProjectHistory {
    let store = try ProjectStore(path: path, mustExist: true)
    return ProjectHistory(events: try store.read { try $0.events() }, snapshots: store.snapshots())
  }

  /// Brings back a snapshot (the latest when `number` is nil), after snapshotting the current
  /// state so that the undo can itself be undone.
  ///
  /// - Returns: the snapshot restored and the one holding the state it replaced.
  public func undo(project path: String, to number: Int? = nil) throws -> (
    restored: ProjectSnapshot, saved: ProjectSnapshot
  ) {
    let store = try ProjectStore(path: path, mustExist: true)
    let snapshots = store.snapshots()
    guard !snapshots.isEmpty else {
      throw PipelineError(
        .notFound,
        "\(path) has no snapshots yet: they are taken before commands that replace or remove something"
      )
    }
    let chosen: ProjectSnapshot
    if let number {
      guard let found = snapshots.first(where: { $0.number == number }) else {
        throw PipelineError(
          .notFound,
          "no snapshot \(number); snapshots: \(snapshots.map { String($0.number) }.joined(separator: ", "))"
        )
      }
      chosen = found
    } else {
      // The latest snapshot that is not itself the state an undo replaced, unless that is all.
      chosen =
        snapshots.last(where: { !$0.reason.hasPrefix("before undo") })
        ?? snapshots[snapshots.count - 1]
    }
    let saved = try store.restore(chosen, at: environment.now())
    return (chosen, saved)
  }

  /// SQLite's own checks of the project file; empty when it is sound.
  public func check(project path: String) throws -> [String] {
    try ProjectStore(path: path, mustExist: true).integrityProblems()
  }
}
