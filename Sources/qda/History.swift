import ArgumentParser
import Foundation
import QDAPipeline
import QDAStore

struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "What each command did to the project, and the snapshots `qda undo` can bring back.")
  @OptionGroup var project: ProjectOptions
  @Option(help: "How many of the latest events to show.") var last = 30

  func run() throws {
    let history = try Pipeline().history(project: project.project)
    var lines = ["Events (latest \(min(last, history.events.count)) of \(history.events.count)):"]
    for event in history.events.suffix(last) {
      lines.append("  \(event.at)  \(event.command): \(event.summary)")
    }
    lines.append("")
    if history.snapshots.isEmpty {
      lines.append(
        "No snapshots: they are taken before a command replaces documents, changes the codebook or removes a coding."
      )
    } else {
      lines.append("Snapshots (qda undo --project \(project.project) [--to N]):")
      for snapshot in history.snapshots {
        lines.append("  \(snapshot.number)  \(snapshot.takenAt)  \(snapshot.reason)")
      }
    }
    Console.out(lines.joined(separator: "\n"))
  }
}

struct Undo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Bring back the project as it was before the latest destructive command (or snapshot N).",
    discussion: "The state replaced is kept as a new snapshot, so an undo can be undone with --to.")
  @OptionGroup var project: ProjectOptions
  @Option(help: "The snapshot to bring back (see `qda history`).") var to: Int?

  func run() throws {
    let (restored, saved) = try Pipeline().undo(project: project.project, to: to)
    Console.out(
      "restored snapshot \(restored.number) (\(restored.reason)); the state it replaced is snapshot \(saved.number)"
    )
  }
}

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check the project file with SQLite's integrity and foreign-key checks.")
  @OptionGroup var project: ProjectOptions

  func run() throws {
    let problems = try Pipeline().check(project: project.project)
    guard problems.isEmpty else {
      for problem in problems { Console.error(problem) }
      throw ExitCode.failure
    }
    Console.out("\(project.project): ok")
  }
}
