import ArgumentParser
import Foundation
import QDAPipeline
import Synchronization

/// Where the commands print: results to stdout, progress and problems to stderr.
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  static func error(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// An environment whose progress goes to one refreshed stderr line when stderr is a terminal,
  /// at most twenty times a second (a million survey respondents are a million progress lines).
  static func environment(quiet: Bool) -> PipelineEnvironment {
    var environment = PipelineEnvironment.live
    if !quiet, isatty(2) != 0 {
      let throttle = ProgressThrottle()
      environment.progress = { line in
        guard throttle.due() else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
      }
    }
    return environment
  }

  static func endProgress(quiet: Bool) {
    if !quiet, isatty(2) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
  }

  /// Prints what a run did, and exits 3 when files were skipped.
  static func report(_ summary: RunSummary, quiet: Bool) throws {
    endProgress(quiet: quiet)
    for skipped in summary.skipped { error("skipped: \(skipped)") }
    if !quiet {
      for warning in summary.warnings { error("warning: \(warning)") }
      for note in summary.notes { error("note: \(note)") }
      var line =
        "documents: \(summary.added.count) added, \(summary.replaced.count) replaced, \(summary.unchanged.count) unchanged"
      if !summary.skipped.isEmpty { line += ", \(summary.skipped.count) skipped" }
      out(line)
      out(
        "passages: \(summary.passages); codings: \(summary.autoCodings) automatic, \(summary.manualCodings) manual"
      )
      for path in summary.written
      where path.hasSuffix("report.md") || path.hasSuffix("report.html")
        || path.hasSuffix("analysis.json")
      {
        out("wrote \(path)")
      }
      if !summary.written.isEmpty { out("wrote \(summary.written.count) files in all") }
    }
    if summary.isPartial { throw ExitCode(3) }
  }
}

/// Lets a progress line through when 50 ms have passed since the last one.
final class ProgressThrottle: Sendable {
  private let last = Mutex<UInt64>(0)

  func due() -> Bool {
    let now = DispatchTime.now().uptimeNanoseconds
    return last.withLock { last in
      guard now &- last >= 50_000_000 else { return false }
      last = now
      return true
    }
  }
}
