import ArgumentParser
import Dispatch
import Foundation
import QDASynthetic
import Synchronization

struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write a deterministic synthetic study: interviews, participants.csv and a Qualtrics survey export.",
    discussion: """
      The interviews follow Corpora/principals/protocol.yaml, so `qda analyze DIR/interviews \
      DIR/survey.csv --attributes DIR/participants.csv --protocol Corpora/principals/protocol.yaml \
      --codebook Codebooks/chat.yaml …` runs on them. The same seed always writes the same bytes.
      """)

  @Option(help: "How many interviews (about 50 KB each).") var interviews = 10
  @Option(help: "How many survey respondents (0: no survey).") var respondents = 0
  @Option(help: "The seed.") var seed: UInt64 = 1
  @Option(help: "Output folder (created; must not hold a previous corpus).") var out: String

  func run() throws {
    let fileManager = FileManager.default
    let folder = (out as NSString).appendingPathComponent("interviews")
    if fileManager.fileExists(atPath: folder)
      || fileManager.fileExists(
        atPath: (out as NSString).appendingPathComponent("participants.csv"))
    {
      throw ValidationError("\(out) already holds a corpus; choose an empty folder")
    }
    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let corpus = SyntheticCorpus(seed: seed)
    let errors = ErrorBox()
    // Documents are independent: write them on every core.
    DispatchQueue.concurrentPerform(
      iterations: max(1, ProcessInfo.processInfo.activeProcessorCount)
    ) { worker in
      var index = worker
      let step = max(1, ProcessInfo.processInfo.activeProcessorCount)
      while index < interviews {
        let file = corpus.interview(index)
        do {
          try Data(file.bytes).write(
            to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(file.name)))
        } catch {
          errors.record("\(file.name): \(error.localizedDescription)")
        }
        index += step
      }
    }
    if let error = errors.first { throw ValidationError("cannot write \(error)") }
    try Data(corpus.participants(interviews).utf8).write(
      to: URL(fileURLWithPath: (out as NSString).appendingPathComponent("participants.csv")))
    if respondents > 0 {
      let path = (out as NSString).appendingPathComponent("survey.csv")
      fileManager.createFile(atPath: path, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      try handle.write(contentsOf: Data(SyntheticCorpus.surveyHeader.utf8))
      var start = 0
      while start < respondents {
        let end = min(respondents, start + 10_000)
        try handle.write(contentsOf: Data(corpus.surveyRows(start..<end).utf8))
        start = end
      }
    }
    Console.out(
      "wrote \(interviews) interviews, participants.csv\(respondents > 0 ? " and survey.csv (\(respondents) respondents)" : "") in \(out)"
    )
  }
}

/// The first error from concurrent work.
final class ErrorBox: Sendable {
  private let errors = Mutex<[String]>([])
  func record(_ error: String) { errors.withLock { $0.append(error) } }
  var first: String? { errors.withLock { $0.first } }
}
