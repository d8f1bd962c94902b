import Foundation
#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// Usage: swift run -c release _WebBench [--interviews N] [--requests R] [--rounds K] [--work DIR] [--qda PATH]
//
// `qda serve` under load: generates a synthetic study of N interviews (`qda generate`) and
// analyses it (`qda analyze`: with the sentence model installed, every sentence is embedded and
// coded by the learned coder, as a real study is) unless DIR already holds the project,
// starts `qda serve --port 0` on it, then sends R requests at once over its routes (the
// dashboard with and without a filter, a search, a code's passages, a document), K rounds.
// Prints how many were answered, with which statuses, and the latencies (median, 95th
// percentile, maximum) of the first round (nothing kept yet) and of the later ones.

struct Options {
  var interviews = 1_000
  var requests = 200
  var rounds = 3
  var work = NSTemporaryDirectory() + "qdakit-webbench"
  var qda = ".build/release/qda"

  init(_ arguments: [String]) {
    var index = 0
    func value() -> String {
      index += 1
      guard index < arguments.count else { fatalError("\(arguments[index - 1]) needs a value") }
      return arguments[index]
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--interviews": interviews = Int(value()) ?? interviews
      case "--requests": requests = Int(value()) ?? requests
      case "--rounds": rounds = max(1, Int(value()) ?? rounds)
      case "--work": work = value()
      case "--qda": qda = value()
      default: fatalError("unknown argument \(arguments[index])")
      }
      index += 1
    }
  }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let fileManager = FileManager.default

@discardableResult
func run(_ arguments: [String]) -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: options.qda)
  process.arguments = arguments
  process.standardOutput = FileHandle.nullDevice
  do { try process.run() } catch { fatalError("cannot run \(options.qda): \(error)") }
  process.waitUntilExit()
  return process.terminationStatus
}

let corpus = options.work + "/corpus-\(options.interviews)"
let project = options.work + "/project-\(options.interviews).qda"
try fileManager.createDirectory(atPath: options.work, withIntermediateDirectories: true)
if !fileManager.fileExists(atPath: project) {
  FileHandle.standardError.write(Data("generating and coding \(options.interviews) interviews in \(options.work)\n".utf8))
  try? fileManager.removeItem(atPath: corpus)
  guard run(["generate", "--interviews", String(options.interviews), "--seed", "1", "--out", corpus]) == 0,
    run([
      "analyze", corpus + "/interviews", "--attributes", corpus + "/participants.csv", "--codebook", "Codebooks/chat.yaml",
      "--project", project, "--out", options.work + "/out-\(options.interviews)",
    ]) == 0
  else { fatalError("could not make the project") }
}

// Start the server on a free port; it prints the address it serves.
let server = Process()
server.executableURL = URL(fileURLWithPath: options.qda)
server.arguments = ["serve", "--project", project, "--port", "0"]
let output = Pipe()
server.standardOutput = output
server.standardError = output
try server.run()
var printed = ""
var port: Int?
while port == nil {
  let data = output.fileHandleForReading.availableData
  guard !data.isEmpty else { fatalError("qda serve stopped: \(printed)") }
  printed += String(decoding: data, as: UTF8.self)
  if let match = printed.firstMatch(of: /127\.0\.0\.1:(\d+)/) { port = Int(match.1) }
}
defer { server.terminate() }
let base = "http://127.0.0.1:\(port!)"

let paths = [
  "/", "/?where=completed%3Dno", "/passages?q=time+commitment", "/passages?element=rules&limit=50", "/documents/1",
  "/passages?code=rules.time",
]
let configuration = URLSessionConfiguration.ephemeral
configuration.httpMaximumConnectionsPerHost = options.requests
configuration.timeoutIntervalForRequest = 600
let session = URLSession(configuration: configuration)

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

var later: [Double] = []
for round in 0..<options.rounds {
  let results = await withTaskGroup(of: (Int, Double).self) { group in
    for index in 0..<options.requests {
      group.addTask {
        let start = Date()
        let url = URL(string: base + paths[index % paths.count])!
        let status = (try? await session.data(from: url)).map { ($0.1 as? HTTPURLResponse)?.statusCode ?? -1 } ?? -1
        return (status, Date().timeIntervalSince(start))
      }
    }
    var results: [(Int, Double)] = []
    for await result in group { results.append(result) }
    return results
  }
  let statuses = Dictionary(grouping: results, by: \.0).mapValues(\.count)
  let latencies = results.map(\.1)
  if round > 0 { later += latencies }
  print(
    String(
      format: "round %d: %d requests at once, statuses %@; median %.2f s, p95 %.2f s, max %.2f s", round + 1, results.count,
      statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " "),
      percentile(latencies, 0.5), percentile(latencies, 0.95), latencies.max() ?? 0))
}
if !later.isEmpty {
  print(String(format: "rounds 2-%d: median %.2f s, p95 %.2f s over %d requests", options.rounds, percentile(later, 0.5), percentile(later, 0.95), later.count))
}
