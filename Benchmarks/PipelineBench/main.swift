import Dispatch
import Foundation
import QDAAnalysis
import QDACodebook
import QDAConcurrency
import QDACoding
import QDAContradictions
import QDAIngest
import QDAModel
import QDAPipeline
import QDAQuery
import QDASynthetic

// Usage: swift run -c release _PipelineBench [--interviews N] [--respondents M] [--runs R] [--seed S]
//                                            [--work DIR] [--json FILE] [--skip-peer] [--coding-only]
//                                            [--queries-only PROJECT]
//
// Generates a synthetic study (`qda generate`'s corpus) unless DIR already holds it, then
// measures each stage on it: reading transcripts, auto-coding alone (all rules, all matches),
// the same keyword coding by `grep -o -i -F -f <terms>` and by a Python dictionary coder (the
// peer), the whole `qda analyze` as a child process (wall time and peak memory), tables,
// contradictions, report, `qda query` latency, and re-coding after a codebook change. Each
// figure is the median of R runs. Prints a Markdown table; --json writes the figures.

struct Options {
  var interviews = 100
  var respondents = 0
  var runs = 3
  var seed: UInt64 = 1
  var work: String?
  var json: String?
  var skipPeer = false
  /// Only `qda query` latency, on this existing project.
  var queriesOnly: String?
  /// Stop after auto-coding (and grep), printing a digest of every coding to compare versions.
  var codingOnly = false

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
      case "--respondents": respondents = Int(value()) ?? respondents
      case "--runs": runs = max(1, Int(value()) ?? runs)
      case "--seed": seed = UInt64(value()) ?? seed
      case "--work": work = value()
      case "--json": json = value()
      case "--skip-peer": skipPeer = true
      case "--coding-only": codingOnly = true
      case "--queries-only": queriesOnly = value()
      default: fatalError("unknown argument \(arguments[index])")
      }
      index += 1
    }
  }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let work = options.work ?? "/tmp/qdakit-bench/\(options.interviews)-\(options.respondents)-\(options.seed)"
let corpus = work + "/corpus"
let codebookPath = root + "/Codebooks/chat.yaml"
let protocolPath = root + "/Corpora/principals/protocol.yaml"
let qda = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("qda").path

// MARK: - Helpers

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// Runs a program; returns wall seconds, the child's peak resident memory (MB) and its output.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdoutTo file: String? = nil) -> (seconds: Double, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  if let file {
    FileManager.default.createFile(atPath: file, contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: file)
  } else {
    process.standardOutput = pipe
  }
  process.standardError = FileHandle.nullDevice
  let start = now()
  do { try process.run() } catch { fatalError("cannot run \(executable): \(error)") }
  let output = file == nil ? String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
  process.waitUntilExit()
  return (now() - start, output)
}

/// Runs a command to its end (output inherited) and returns its wall time and its own peak
/// memory (`wait4`'s usage; `RUSAGE_CHILDREN` would give the largest of all children so far).
func measure(_ executable: String, _ arguments: [String]) -> (seconds: Double, peakMB: Double) {
  var pid: pid_t = 0
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  defer { for pointer in argv { free(pointer) } }
  let start = now()
  guard posix_spawn(&pid, executable, nil, nil, argv, environ) == 0 else { fatalError("cannot run \(executable)") }
  var status: Int32 = 0
  var usage = rusage()
  _ = wait4(pid, &status, 0, &usage)
  return (now() - start, Double(usage.ru_maxrss) / 1024)
}

func selfPeakMB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// `qda query` in process, ten kinds of question with limit 20, each asked `rounds` times in turn
/// after one round to warm the cache; prints each kind's median and returns every latency (ms).
func queryLatencies(project: String, rounds: Int) throws -> [Double] {
  let queries: [(String, QueryRequest)] = [
    ("time", QueryRequest(text: "time")), ("\"online community\"", QueryRequest(text: "\"online community\"")),
    ("collaborat*", QueryRequest(text: "collaborat*")), ("--code rules.time", QueryRequest(code: "rules.time")),
    ("feedback --element tools_and_signs", QueryRequest(text: "feedback", element: .toolsAndSigns)),
    ("assessor --where completed=no", QueryRequest(text: "assessor", conditions: [try AttributeCondition("completed=no")])),
    ("platform OR notifications", QueryRequest(text: "platform OR notifications")),
    ("--code community.collaboration --speaker-role participant", QueryRequest(code: "community.collaboration", role: .participant)),
    ("hours --question Q4", QueryRequest(text: "hours", question: "Q4")), ("equity passion", QueryRequest(text: "equity passion")),
  ]
  let pipeline = Pipeline()
  // One round first, not counted: it reads the project's pages into the system's cache (a
  // project just written or evicted by other work). Its times are printed as "first".
  var first = Array(repeating: 0.0, count: queries.count)
  var byKind = Array(repeating: [Double](), count: queries.count)
  for round in 0...rounds {
    for (index, query) in queries.enumerated() {
      var request = query.1
      request.limit = 20
      let start = now()
      let found = try pipeline.query(project: project, request)
      let milliseconds = (now() - start) * 1000
      if round == 0 {
        first[index] = milliseconds
        FileHandle.standardError.write(Data("  \(query.0): \(found.total) passages\n".utf8))
      } else {
        byKind[index].append(milliseconds)
      }
    }
  }
  for (index, query) in queries.enumerated() {
    FileHandle.standardError.write(
      Data(String(format: "  %@: median %.1f ms, max %.1f ms (first %.1f ms)\n", query.0, median(byKind[index]), byKind[index].max() ?? 0, first[index]).utf8))
  }
  return byKind.flatMap { $0 }
}

var rows: [(stage: String, figure: String, detail: String)] = []
var figures: [String: Double] = [:]
@MainActor func report(_ stage: String, _ figure: String, _ detail: String, _ values: [String: Double] = [:]) {
  rows.append((stage, figure, detail))
  for (key, value) in values { figures[key] = value }
  FileHandle.standardError.write(Data("\(stage): \(figure) \(detail)\n".utf8))
}

if let project = options.queriesOnly {
  let latencies = try queryLatencies(project: project, rounds: max(5, options.runs * 5))
  print(String(format: "qda query: median %.1f ms, 95th percentile %.1f ms over %d queries", median(latencies), percentile(latencies, 0.95), latencies.count))
  exit(0)
}

// MARK: - Corpus

let fileManager = FileManager.default
if !fileManager.fileExists(atPath: corpus + "/participants.csv") {
  try? fileManager.removeItem(atPath: corpus)
  var arguments = ["generate", "--interviews", String(options.interviews), "--seed", String(options.seed), "--out", corpus]
  if options.respondents > 0 { arguments += ["--respondents", String(options.respondents)] }
  let generated = run(qda, arguments)
  FileHandle.standardError.write(Data("generated \(options.interviews) interviews in \(String(format: "%.1f", generated.seconds)) s\n".utf8))
}
let files = try fileManager.contentsOfDirectory(atPath: corpus + "/interviews").sorted().map { corpus + "/interviews/" + $0 }
let bytes = files.reduce(0) { $0 + ((try? fileManager.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
let megabytes = Double(bytes) / 1_000_000

// MARK: - Read

var readTimes: [Double] = []
var imported: [ImportedDocument] = []
for _ in 0..<options.runs {
  let start = now()
  let paths = files
  let read = concurrentMap(paths.count) { index in
    try? DocumentImporter.importFile(at: paths[index], key: (paths[index] as NSString).lastPathComponent)
  }
  readTimes.append(now() - start)
  imported = read.compactMap { $0 }
}
let passages = imported.reduce(0) { $0 + $1.passages.count }
let textMB = Double(imported.reduce(0) { $0 + $1.document.text.utf8.count }) / 1_000_000
report(
  "read transcripts", String(format: "%.2f s", median(readTimes)),
  String(format: "%d files, %.1f MB: %.0f MB/s, %.0f passages/s (both cores)", files.count, megabytes, megabytes / median(readTimes), Double(passages) / median(readTimes)),
  ["read_seconds": median(readTimes)])

// MARK: - Auto-coding alone

let codebook = try CodebookReader().read(try String(contentsOfFile: codebookPath, encoding: .utf8), file: codebookPath)
let interviewProtocol = try ProtocolReader().read(try String(contentsOfFile: protocolPath, encoding: .utf8), file: protocolPath, codebook: codebook)
let coder = AutoCoder(codebook: codebook, protocol: interviewProtocol)
let linker = QuestionLinker(protocol: interviewProtocol)
// Give the passages ids, as the store would, and link them to the questions once.
var nextID: Int64 = 1
let linked: [(passages: [Passage], text: String)] = imported.enumerated().map { index, document in
  var passages = document.passages
  for i in passages.indices {
    passages[i].id = nextID
    passages[i].documentID = Int64(index + 1)
    nextID += 1
  }
  return (linker.link(passages), document.document.text)
}
var codeTimes: [Double] = []
var codeTimesParallel: [Double] = []
var codings = 0
for _ in 0..<options.runs {
  var start = now()
  var count = 0
  for document in linked { count += coder.code(document.passages, documentText: document.text).count }
  codeTimes.append(now() - start)
  codings = count
  start = now()
  let documents = linked
  let rules = coder
  _ = concurrentMap(documents.count) { rules.code(documents[$0].passages, documentText: documents[$0].text).count }
  codeTimesParallel.append(now() - start)
}
report(
  "auto-coding (one core)", String(format: "%.2f s", median(codeTimes)),
  String(format: "%.1f MB of text: %.1f MB/s, %.0f passages/s, %d codings", textMB, textMB / median(codeTimes), Double(passages) / median(codeTimes), codings),
  ["code_seconds": median(codeTimes), "code_mb_per_s": textMB / median(codeTimes)])
do {
  // Every coding's fields, hashed (FNV-1a), so two versions of the coder can be compared.
  var digest: UInt64 = 0xcbf29ce484222325
  for document in linked {
    for coding in coder.code(document.passages, documentText: document.text) {
      let line = "\(coding.passageID) \(coding.codeID) \(coding.span.start) \(coding.span.end) \(coding.ruleID ?? "") \(coding.matched) \(coding.negated)\n"
      for byte in line.utf8 { digest = (digest ^ UInt64(byte)) &* 0x100000001b3 }
    }
  }
  FileHandle.standardError.write(Data("codings digest: \(String(digest, radix: 16))\n".utf8))
}
// Every run, not only the median: the machine is noisy.
FileHandle.standardError.write(
  Data("auto-coding one-core runs (s, sorted): \(codeTimes.sorted().map { String(format: "%.2f", $0) }.joined(separator: " "))\n".utf8))
report(
  "auto-coding (both cores)", String(format: "%.2f s", median(codeTimesParallel)),
  String(format: "%.1f MB/s", textMB / median(codeTimesParallel)), ["code_parallel_seconds": median(codeTimesParallel)])

// MARK: - grep and the peer, on the same text

if options.codingOnly { exit(0) }

let textFile = work + "/corpus.txt"
let termsFile = work + "/terms.txt"
try imported.map(\.document.text).joined(separator: "\n").write(toFile: textFile, atomically: true, encoding: .utf8)
var terms = Set<String>()
for code in codebook.codes {
  for rule in code.rules {
    for term in rule.pattern.terms { terms.insert(term.replacingOccurrences(of: "*", with: "").lowercased()) }
  }
}
try terms.sorted().joined(separator: "\n").appending("\n").write(toFile: termsFile, atomically: true, encoding: .utf8)
var grepTimes: [Double] = []
var grepMatches = 0
for _ in 0..<options.runs {
  let result = run("/usr/bin/grep", ["-o", "-b", "-i", "-F", "-f", termsFile, textFile], stdoutTo: work + "/grep.out")
  grepTimes.append(result.seconds)
}
grepMatches = ((try? String(contentsOfFile: work + "/grep.out", encoding: .utf8)) ?? "").split(separator: "\n").count
report(
  "grep -o -b -i -F -f terms", String(format: "%.2f s", median(grepTimes)),
  String(format: "%d terms, %d matches: %.1f MB/s; auto-coding is %.1f× grep (one core), %.1f× (both)", terms.count, grepMatches,
    textMB / median(grepTimes), median(grepTimes) / median(codeTimes), median(grepTimes) / median(codeTimesParallel)),
  ["grep_seconds": median(grepTimes)])

var peerTimes: [Double] = []
var peerOutput = ""
for _ in 0..<(options.skipPeer ? 0 : options.runs) {
  let result = run("/usr/bin/env", ["python3", root + "/Benchmarks/peer/dictionary_coder.py", codebookPath, textFile])
  peerTimes.append(result.seconds)
  peerOutput = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
}
if !options.skipPeer { report(
  "peer: Python dictionary coder", String(format: "%.2f s", median(peerTimes)),
  "\(peerOutput); auto-coding is \(String(format: "%.1f", median(peerTimes) / median(codeTimes)))× the peer (one core)",
  ["peer_seconds": median(peerTimes)]) }

// MARK: - The whole analyze, as a user runs it

var analyzeTimes: [Double] = []
var analyzePeak = 0.0
for runIndex in 0..<options.runs {
  let project = work + "/run\(runIndex).qda"
  for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: project + suffix) }
  try? fileManager.removeItem(atPath: work + "/report")
  var arguments = ["analyze", corpus + "/interviews"]
  if fileManager.fileExists(atPath: corpus + "/survey.csv") { arguments.append(corpus + "/survey.csv") }
  arguments += [
    "--attributes", corpus + "/participants.csv", "--protocol", protocolPath, "--codebook", codebookPath, "--project", project,
    "--out", work + "/report", "--quiet",
  ]
  let result = measure(qda, arguments)
  analyzeTimes.append(result.seconds)
  analyzePeak = max(analyzePeak, result.peakMB)
}
FileHandle.standardError.write(
  Data("qda analyze runs (s, sorted): \(analyzeTimes.sorted().map { String(format: "%.1f", $0) }.joined(separator: " "))\n".utf8))
let project = work + "/run0.qda"
report(
  "qda analyze (whole)", String(format: "%.1f s", median(analyzeTimes)),
  String(format: "%d interviews, %.1f MB; peak memory %.0f MB", files.count, megabytes, analyzePeak),
  ["analyze_seconds": median(analyzeTimes), "analyze_peak_mb": analyzePeak])

// MARK: - Survey import alone

// The export into a project of its own, with the codebook: respondents, their attributes, a
// document per respondent with open answers, the full-text index, coding and detection.
if fileManager.fileExists(atPath: corpus + "/survey.csv") {
  var surveyTimes: [Double] = []
  var surveyPeak = 0.0
  let surveyBytes = (try? fileManager.attributesOfItem(atPath: corpus + "/survey.csv")[.size] as? Int) ?? 0
  for _ in 0..<options.runs {
    let surveyProject = work + "/survey.qda"
    for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: surveyProject + suffix) }
    let result = measure(qda, ["ingest", corpus + "/survey.csv", "--codebook", codebookPath, "--project", surveyProject, "--quiet"])
    surveyTimes.append(result.seconds)
    surveyPeak = max(surveyPeak, result.peakMB)
  }
  report(
    "qda ingest (the survey export alone)", String(format: "%.1f s", median(surveyTimes)),
    String(format: "%d respondents, %.1f MB; peak memory %.0f MB", options.respondents, Double(surveyBytes) / 1_000_000, surveyPeak),
    ["survey_ingest_seconds": median(surveyTimes), "survey_ingest_peak_mb": surveyPeak])
}

// MARK: - Stages on the stored project

let pipeline = Pipeline()
var snapshotTimes: [Double] = [], tableTimes: [Double] = [], detectTimes: [Double] = [], reportTimes: [Double] = []
for _ in 0..<options.runs {
  var start = now()
  let snapshot = try pipeline.snapshot(project: project)
  snapshotTimes.append(now() - start)
  start = now()
  let analysis = Analysis(snapshot)
  _ = analysis.tables
  tableTimes.append(now() - start)
  start = now()
  _ = ContradictionDetector(lexicon: TensionLexicon.standard).detect(snapshot)
  detectTimes.append(now() - start)
  start = now()
  _ = try pipeline.writeReport(project: project, out: work + "/report-stage")
  reportTimes.append(now() - start)
}
report("read the project (snapshot)", String(format: "%.2f s", median(snapshotTimes)), "")
report("tables", String(format: "%.2f s", median(tableTimes)), "", ["tables_seconds": median(tableTimes)])
report("contradiction detection", String(format: "%.2f s", median(detectTimes)), "", ["detect_seconds": median(detectTimes)])
report("report (brief, tables, JSON, Word, manifest)", String(format: "%.2f s", median(reportTimes)), "", ["report_seconds": median(reportTimes)])

// MARK: - Query latency

let latencies = try queryLatencies(project: project, rounds: max(5, options.runs * 5))
report(
  "qda query (10 kinds, limit 20)", String(format: "median %.1f ms", median(latencies)),
  String(format: "95th percentile %.1f ms over %d queries", percentile(latencies, 0.95), latencies.count),
  ["query_median_ms": median(latencies), "query_p95_ms": percentile(latencies, 0.95)])

// MARK: - Re-coding after a codebook change

// Two edits of one rule, each applied and undone in turn: a term the corpus lacks (nothing to
// rewrite), and a term it is full of taken out (codings rewritten in every document).
let original = try String(contentsOfFile: codebookPath, encoding: .utf8)
let edits = [
  ("a term added (\"after bedtime\")", "\"late at night\",", "\"late at night\", \"after bedtime\","),
  ("a frequent term taken out (\"weekends\")", "\"weekends\", ", ""),
]
for (number, (label, old, new)) in edits.enumerated() {
  let changed = work + "/chat-changed-\(number).yaml"
  try original.replacingOccurrences(of: old, with: new).write(toFile: changed, atomically: true, encoding: .utf8)
  var recodeTimes: [Double] = []
  for index in 0..<options.runs * 2 {
    let result = run(qda, ["code", "--project", project, "--codebook", index % 2 == 0 ? changed : codebookPath, "--quiet"])
    recodeTimes.append(result.seconds)
  }
  report("re-code after a codebook change: \(label)", String(format: "%.2f s", median(recodeTimes)),
    "qda code --codebook, one rule changed (\(options.runs * 2) runs: edit, undo, …)",
    [number == 0 ? "recode_seconds" : "recode_rewrite_seconds": median(recodeTimes)])
}
var fullRecodeTimes: [Double] = []
for _ in 0..<options.runs {
  fullRecodeTimes.append(run(qda, ["code", "--project", project, "--all", "--quiet"]).seconds)
}
report("re-code everything", String(format: "%.2f s", median(fullRecodeTimes)), "qda code --all",
  ["recode_all_seconds": median(fullRecodeTimes)])

// MARK: - Output

var table = "| Stage | Median of \(options.runs) | Detail |\n|---|---|---|\n"
for row in rows { table += "| \(row.stage) | \(row.figure) | \(row.detail) |\n" }
print("Corpus: \(options.interviews) synthetic interviews (seed \(options.seed)), \(String(format: "%.1f", megabytes)) MB, \(passages) passages\n")
print(table)
if let json = options.json {
  let data = try JSONSerialization.data(withJSONObject: figures.merging(["interviews": Double(options.interviews), "megabytes": megabytes]) { a, _ in a }, options: [.sortedKeys, .prettyPrinted])
  try data.write(to: URL(fileURLWithPath: json))
}
