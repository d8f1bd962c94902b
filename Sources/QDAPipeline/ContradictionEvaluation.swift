import Foundation
public import QDAModel
import QDACodebook
import QDACoding
import QDAAnalysis
import QDAContradictions

/// Precision and recall of the contradiction detector on a labelled set: each answer is coded
/// with the codebook's rules, then read by the detector, as in a real project.
public struct ContradictionEvaluation: Sendable {
  public struct Outcome: Sendable {
    public var id: String
    public var expected: String
    public var found: [String]
    public var verdict: String
  }

  public var outcomes: [Outcome]
  /// Detections with the expected pair / all detections.
  public var precision: Double
  /// Expected contradictions found with their pair / all expected.
  public var recall: Double
  /// Recall by expected manifestation (pair found), and how many of those got the type right.
  public var byType: [(type: String, expected: Int, found: Int, typeRight: Int)]

  public static func run(labelled path: String, codebook codebookPath: String) throws
    -> ContradictionEvaluation
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(.missingInput, "\(path): cannot read the file")
    }
    let items = try LabelledSetReader().read(String(decoding: data, as: UTF8.self), file: path)
    let codebook = try Instruments.codebook(at: codebookPath).value
    let coder = AutoCoder(codebook: codebook)
    let detector = ContradictionDetector(lexicon: .forCodebook(codebook))
    var outcomes: [Outcome] = []
    var truePositives = 0
    var detections = 0
    var expectedCount = 0
    var types: [String: (expected: Int, found: Int, typeRight: Int)] = [:]
    for (index, item) in items.enumerated() {
      let id = Int64(index + 1)
      let document = Document(
        id: id, key: item.id, sourcePath: path, participantID: item.id, format: .plainText,
        encoding: "utf-8",
        contentHash: "", text: item.text)
      let passage = Passage(
        id: id, documentID: id, ordinal: 0, turn: 0, speaker: "P", role: .participant,
        span: TextSpan(start: 0, end: item.text.unicodeScalars.count), text: item.text)
      let codings = coder.code([passage], documentText: item.text)
      let corpus = CorpusSnapshot(
        codebook: codebook, participants: [Participant(id: item.id)], documents: [document],
        passages: [passage],
        codings: codings)
      let found = detector.detect(corpus)
      detections += found.count
      let hit = item.expected.flatMap { pair in
        found.first { $0.first == pair.first && $0.second == pair.second }
      }
      if item.expected != nil { expectedCount += 1 }
      if hit != nil { truePositives += 1 }
      if let type = item.manifestation {
        var entry = types[type] ?? (0, 0, 0)
        entry.expected += 1
        if let hit {
          entry.found += 1
          if hit.manifestation.rawValue == type { entry.typeRight += 1 }
        }
        types[type] = entry
      }
      let verdict: String
      switch (item.expected != nil, hit != nil, found.isEmpty) {
      case (true, true, _): verdict = "found"
      case (true, false, _): verdict = "missed"
      case (false, _, true): verdict = "correctly none"
      case (false, _, false): verdict = "false alarm"
      }
      outcomes.append(
        Outcome(
          id: item.id,
          expected: item.expected.map {
            "\($0.first.rawValue) × \($0.second.rawValue)"
              + (item.manifestation.map { " (\($0))" } ?? "")
          } ?? "none",
          found: found.map {
            "\($0.first.rawValue) × \($0.second.rawValue) (\($0.manifestation.rawValue), \($0.confidence))"
          },
          verdict: verdict))
    }
    return ContradictionEvaluation(
      outcomes: outcomes,
      precision: detections == 0 ? 1 : Double(truePositives) / Double(detections),
      recall: expectedCount == 0 ? 1 : Double(truePositives) / Double(expectedCount),
      byType: types.sorted { $0.key < $1.key }.map {
        (
          type: $0.key, expected: $0.value.expected, found: $0.value.found,
          typeRight: $0.value.typeRight
        )
      })
  }

  /// A plain-text report: one line per item, then the figures.
  public var report: String {
    var lines = outcomes.map {
      "\($0.verdict.padding(toLength: 15, withPad: " ", startingAt: 0)) \($0.id): expected \($0.expected); found \($0.found.isEmpty ? "nothing" : $0.found.joined(separator: ", "))"
    }
    lines.append("")
    lines.append(
      "precision \(formatNumber((precision * 1000).rounded() / 1000)), recall \(formatNumber((recall * 1000).rounded() / 1000))"
    )
    for entry in byType {
      lines.append(
        "  \(entry.type): found \(entry.found) of \(entry.expected), type right \(entry.typeRight)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
