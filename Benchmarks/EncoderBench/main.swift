// The sentence encoder's throughput against the numpy reference on the same sentences, machine
// and run, and its agreement with the reference's vectors:
//
//   swift run -c release _EncoderBench [--model DIR] [--sentences 2000] [--python python3]
//
// Sentences are the sample corpus's, split at sentence ends and repeated to the count asked.
import Foundation
import QDAEncoder

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let count = Int(option("--sentences") ?? "") ?? 2000
let python = option("--python") ?? "python3"

guard
  let location = try ModelLocation.resolve(
    explicit: option("--model"), environment: ProcessInfo.processInfo.environment,
    fileExists: { FileManager.default.fileExists(atPath: $0) })
else {
  print(ModelLocation.installHint)
  exit(1)
}
let loadStart = Date()
let encoder = try SentenceEncoder(
  weights: [UInt8](try Data(contentsOf: URL(fileURLWithPath: location.weightsPath))),
  vocabulary: try String(contentsOfFile: location.vocabularyPath, encoding: .utf8))
print(String(format: "model loaded in %.2f s from %@", Date().timeIntervalSince(loadStart), location.directory))

// The sample corpus's sentences.
var corpus: [String] = []
let folder = root.appendingPathComponent("Corpora/principals")
for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".txt") {
  let data = try Data(contentsOf: folder.appendingPathComponent(name))
  let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
  for line in text.split(separator: "\n") {
    for sentence in line.split(whereSeparator: { $0 == "." || $0 == "?" || $0 == "!" }) {
      let trimmed = sentence.trimmingCharacters(in: .whitespaces)
      if trimmed.count > 3 { corpus.append(trimmed) }
    }
  }
}
let sentences = (0..<count).map { corpus[$0 % corpus.count] }
let tokens = sentences.reduce(0) { $0 + encoder.tokenizer.ids(for: $1).count }

// Agreement with the reference vectors.
struct Reference: Decodable { var sentences: [String]; var vectors: [[Float]] }
let reference = try JSONDecoder().decode(
  Reference.self, from: Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/encoder/reference.json")))
let mine = encoder.encode(reference.sentences)
let cosines = zip(mine, reference.vectors).map { zip($0, $1).reduce(Float(0)) { $0 + $1.0 * $1.1 } }
print(String(format: "agreement with the numpy reference on %d sentences: lowest cosine %.6f, mean %.6f",
  cosines.count, cosines.min() ?? 0, cosines.reduce(0, +) / Float(max(cosines.count, 1))))

// Swift: best of three.
var best = Double.infinity
for _ in 0..<3 {
  let start = Date()
  _ = encoder.encode(sentences)
  best = min(best, Date().timeIntervalSince(start))
}
let swiftRate = Double(count) / best
print(String(format: "Swift encoder: %d sentences (%d tokens) in %.2f s: %.0f sentences/s", count, tokens, best, swiftRate))

// The numpy reference on the same sentences.
let list = FileManager.default.temporaryDirectory.appendingPathComponent("qdakit-encoder-bench-\(getpid()).txt")
try sentences.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(at: list) }
let process = Process()
process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
process.arguments = [
  python, root.appendingPathComponent("Benchmarks/peer/minilm_reference.py").path, "--model", location.directory,
  "--sentences", list.path, "--bench", String(count),
]
let pipe = Pipe()
process.standardOutput = pipe
try process.run()
let output = pipe.fileHandleForReading.readDataToEndOfFile()
process.waitUntilExit()
struct PeerResult: Decodable { var seconds: Double; var per_second: Double }
if process.terminationStatus == 0, let peer = try? JSONDecoder().decode(PeerResult.self, from: output) {
  print(String(format: "numpy reference: %.2f s: %.0f sentences/s", peer.seconds, peer.per_second))
  print(String(format: "ratio Swift / numpy: %.2fx", swiftRate / peer.per_second))
} else {
  print("numpy reference did not run (\(python) with numpy is needed)")
}
