import Foundation
import QDAModel
import QDAPipeline
import QDAStore
import QDASynthetic
import Testing
import _QDATestSupport

/// The project survives what happens to real machines: `qda` killed mid-command, two commands at
/// once, a disk that fills up. Each run uses the real binary and the real SQLite file.
@Suite(.serialized) struct CrashSafetyTests {
  static let codebook = Fixtures.repository("Codebooks/chat.yaml")

  /// The sample corpus copied into `folder/corpus`, and a project of it at `folder/a.qda`.
  static func preparedProject(_ temp: TemporaryFolder) throws -> String {
    let corpus = temp.path("corpus")
    try FileManager.default.copyItem(atPath: Fixtures.repository("Corpora/principals"), toPath: corpus)
    let result = try CommandRunner.qda(analyzeArguments(corpus: corpus, project: temp.path("a.qda"), out: temp.path("out")))
    #expect(result.status == 0, "\(result.stderr)")
    return corpus
  }

  static func analyzeArguments(corpus: String, project: String, out: String) -> [String] {
    [
      "analyze", corpus, "--attributes", corpus + "/participants.csv", "--protocol", corpus + "/protocol.yaml",
      "--codebook", codebook, "--project", project, "--out", out, "--quiet",
    ]
  }

  /// Each document's key and content hash, and whether every passage's text is its slice of the
  /// document text (a half-written document would break that).
  static func state(of path: String) throws -> (hashes: [String: String], consistent: Bool) {
    let store = try ProjectStore(path: path, mustExist: true)
    #expect(try store.integrityProblems() == [])
    return try store.read { project in
      var hashes: [String: String] = [:]
      var consistent = true
      for document in try project.documents() {
        hashes[document.key] = document.contentHash
        let scalars = Array(document.text.unicodeScalars)
        for passage in try project.passages(documentID: document.id) {
          guard passage.span.end <= scalars.count else {
            consistent = false
            continue
          }
          let slice = String(String.UnicodeScalarView(scalars[passage.span.start..<passage.span.end]))
          if slice != passage.text { consistent = false }
        }
      }
      return (hashes, consistent)
    }
  }

  @Test func killingAnalyzeAtAnyPointLeavesTheOldOrTheNewProjectAndARerunCompletes() throws {
    let temp = try TemporaryFolder("crash")
    let corpus = try Self.preparedProject(temp)
    let before = try Self.state(of: temp.path("a.qda"))
    // The new state: two interviews changed, one added.
    try (try String(contentsOfFile: corpus + "/P01.txt", encoding: .utf8) + "\nInterviewer: Anything else?\nPrincipal: No, that covers it.\n")
      .write(toFile: corpus + "/P01.txt", atomically: true, encoding: .utf8)
    try (try String(contentsOfFile: corpus + "/P02.txt", encoding: .utf8) + "\nInterviewer: Thank you.\n")
      .write(toFile: corpus + "/P02.txt", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(atPath: corpus + "/P05.txt", toPath: corpus + "/P05b.txt")

    // How long one full run takes, to spread the kills over it.
    try FileManager.default.copyItem(atPath: temp.path("a.qda"), toPath: temp.path("full.qda"))
    let started = Date()
    let full = try CommandRunner.qda(Self.analyzeArguments(corpus: corpus, project: temp.path("full.qda"), out: temp.path("o")))
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stderr)")
    let after = try Self.state(of: temp.path("full.qda"))
    #expect(after.hashes.count == before.hashes.count + 1)

    var generator = SplitMix64(seed: 20261123)
    var outcomes: [String: Int] = [:]
    let runs = 24
    for run in 0..<runs {
      let project = temp.path("run\(run).qda")
      try FileManager.default.copyItem(atPath: temp.path("a.qda"), toPath: project)
      let process = try CommandRunner.start(Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o\(run)")))
      // Spread over the run, with jitter: kills land while reading, storing, coding, writing.
      let delay = duration * 1.1 * (Double(run) + Double.random(in: 0..<1, using: &generator)) / Double(runs)
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      let state = try Self.state(of: project)
      #expect(state.consistent, "run \(run): a passage does not match its document")
      if state.hashes == before.hashes {
        outcomes["old", default: 0] += 1
      } else if state.hashes == after.hashes {
        outcomes["new", default: 0] += 1
      } else {
        Issue.record("run \(run), killed after \(delay) s: neither the old nor the new project")
      }
      let rerun = try CommandRunner.qda(Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o\(run)")))
      #expect(rerun.status == 0, "run \(run): \(rerun.stderr)")
      #expect(try Self.state(of: project).hashes == after.hashes)
      ProjectStore.remove(path: project)
    }
    // Both outcomes happened: the kills landed before and after the commit.
    #expect((outcomes["old"] ?? 0) > 0, "\(outcomes)")
    #expect((outcomes["old"] ?? 0) + (outcomes["new"] ?? 0) == runs)
  }

  @Test func killingRedactApplyNeverLeavesTheProjectWithItsNamesAtOut() throws {
    let temp = try TemporaryFolder("crash-redact")
    _ = try Self.preparedProject(temp)
    let key = temp.path("key.csv")
    func arguments(_ out: String) -> [String] {
      ["redact", "apply", "--project", temp.path("a.qda"), "--key", key, "--out", out, "--quiet"]
    }
    let started = Date()
    let full = try CommandRunner.qda(arguments(temp.path("full.qda")))
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stderr)")
    /// Whether a file is a complete de-identified project: redacted in its history, no name left.
    func isDeidentified(_ path: String) throws -> Bool {
      let store = try ProjectStore(path: path, mustExist: true)
      return try store.read { project in
        try project.events().contains { $0.command == "redact" }
          && !(try project.documents().contains { $0.text.contains("Castillo") || $0.key.contains("castillo") })
      }
    }
    #expect(try isDeidentified(temp.path("full.qda")))
    // Made readable by its owner alone while it held names, then given the project's own mode.
    let modes = try [temp.path("a.qda"), temp.path("full.qda")].map {
      try FileManager.default.attributesOfItem(atPath: $0)[.posixPermissions] as? Int
    }
    #expect(modes[0] == modes[1], "\(modes)")

    var generator = SplitMix64(seed: 20261206)
    var outcomes: [String: Int] = [:]
    let runs = 16
    for run in 0..<runs {
      let out = temp.path("deid\(run).qda")
      let process = try CommandRunner.start(arguments(out))
      let delay = duration * 1.2 * (Double(run) + Double.random(in: 0..<1, using: &generator)) / Double(runs)
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if FileManager.default.fileExists(atPath: out) {
        #expect(try isDeidentified(out), "run \(run), killed after \(delay) s: the file at --out is not de-identified")
        outcomes["complete", default: 0] += 1
      } else {
        outcomes["nothing", default: 0] += 1
        // What a kill leaves beside --out still holds every name: its owner alone may read it.
        for file in [".deid\(run).qda.partial", ".deid\(run).qda.partial-wal"] where FileManager.default.fileExists(atPath: temp.path(file)) {
          let mode = try FileManager.default.attributesOfItem(atPath: temp.path(file))[.posixPermissions] as? Int ?? 0o777
          #expect(mode & 0o077 == 0, "run \(run): \(file) has mode \(String(mode, radix: 8))")
          outcomes["partial left", default: 0] += 1
        }
        // A rerun completes, whatever the killed one left beside --out.
        let rerun = try CommandRunner.qda(arguments(out))
        #expect(rerun.status == 0, "run \(run): \(rerun.stderr)")
        #expect(try isDeidentified(out))
      }
    }
    #expect((outcomes["nothing"] ?? 0) > 0, "\(outcomes)")
    print("redact apply kills: \(outcomes)")
  }

  @Test func killingTheCommandThatCreatesAProjectNeverLeavesAnUnusableFile() throws {
    let temp = try TemporaryFolder("crash-new")
    let corpus = try Self.preparedProject(temp)
    for run in 0..<6 {
      let project = temp.path("new\(run).qda")
      let process = try CommandRunner.start(Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o")))
      Thread.sleep(forTimeInterval: 0.05 + 0.12 * Double(run))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let rerun = try CommandRunner.qda(Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o")))
      #expect(rerun.status == 0, "run \(run): \(rerun.stderr)")
      #expect(try Self.state(of: project).hashes.count == 11)
    }
  }

  @Test func aSecondCommandWaitsForTheFirstAndBothLand() throws {
    let temp = try TemporaryFolder("concurrent")
    let corpus = try Self.preparedProject(temp)
    try (try String(contentsOfFile: corpus + "/P01.txt", encoding: .utf8) + "\nPrincipal: One more thing.\n")
      .write(toFile: corpus + "/P01.txt", atomically: true, encoding: .utf8)
    let project = temp.path("a.qda")
    let first = try CommandRunner.start(Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o")))
    Thread.sleep(forTimeInterval: 0.3)
    let second = try CommandRunner.qda([
      "code", "add", "--project", project, "--document", "P05.txt", "--quote", "Thirteen years as an administrator",
      "--code", "division_of_labor.experience", "--coder", "ana",
    ])
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(second.status == 0, "\(second.stderr)")
    let codings = try Pipeline().listCodings(project: project, coder: "ana")
    #expect(codings.count == 1)
    #expect(try Self.state(of: project).consistent)
  }

  @Test func aFullDiskFailsWithAPlainMessageAndLosesNothing() throws {
    let temp = try TemporaryFolder("full")
    let corpus = try Self.preparedProject(temp)
    let project = temp.path("a.qda")
    let before = try Self.state(of: project)
    // A much larger interview than the file-size limit allows to be written.
    let long = String(repeating: "Principal: We spent our planning time on the equity audit, every week, all year.\n", count: 20_000)
    try ("Participant: P13\n\n" + long).write(toFile: corpus + "/P13.txt", atomically: true, encoding: .utf8)
    let size = (try FileManager.default.attributesOfItem(atPath: project)[.size] as? Int) ?? 0
    let limitKB = size / 1024 + 64
    let arguments = Self.analyzeArguments(corpus: corpus, project: project, out: temp.path("o"))
      .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    let qda = CommandRunner.productsFolder.appendingPathComponent("qda").path
    let result = try CommandRunner.shell("trap '' XFSZ; ulimit -f \(limitKB); exec '\(qda)' \(arguments)")
    #expect(result.status == 1)
    // SQLite reports the refused write as SQLITE_FULL or, in WAL mode, SQLITE_IOERR; both say so.
    #expect(result.stderr.contains("free some space and run the command again. The project was not changed."), "\(result.stderr)")
    #expect(try Self.state(of: project).hashes == before.hashes)
  }
}
