import Foundation
import QDAIngest

// Usage: QDA_PEER_BENCHMARKS=1 swift run -c release _CSVBench [megabytes, default 60]
//
// 1. Correctness: each parser on the cases real survey exports contain (SPEC.md §1).
// 2. Speed: each parser on a generated Qualtrics-like export, best of three runs, bytes → rows.

/// A tricky input and the rows it must give (line breaks inside cells as LF).
struct Case {
  var name: String
  var input: String
  var rows: [[String]]
}

let cases: [Case] = [
  Case(
    name: "CRLF records, bare LF inside a quoted cell, no final line break",
    input: "a,b\r\n\"x\ny\",2\r\n3,4", rows: [["a", "b"], ["x\ny", "2"], ["3", "4"]]),
  Case(name: "trailing delimiter (Qualtrics legacy)", input: "a,b,\r\n1,2,\r\n", rows: [["a", "b", ""], ["1", "2", ""]]),
  Case(
    name: "doubled quotes in quoted JSON (Qualtrics row 3)",
    input: "\"{\"\"ImportId\"\":\"\"QID1\"\"}\",x\n", rows: [["{\"ImportId\":\"QID1\"}", "x"]]),
  Case(
    name: "semicolons, every cell quoted, a delimiter inside quotes (LimeSurvey)",
    input: "\"id\";\"q\"\r\n\"1\";\"x;y\"\r\n\r\n", rows: [["id", "q"], ["1", "x;y"]]),
  Case(name: "short row: a missing cell", input: "a,b,c\n1,2\n", rows: [["a", "b", "c"], ["1", "2"]]),
  Case(
    name: "a comma and a line break inside one cell, CRLF file",
    input: "q\r\n\"Idk, seems right\nalso\"\r\n", rows: [["q"], ["Idk, seems right\nalso"]]),
]

/// Rows without trailing blank records (an extra CRLF at the end of LimeSurvey files).
func trimmed(_ rows: [[String]]) -> [[String]] {
  var rows = rows
  while let last = rows.last, last.allSatisfy(\.isEmpty) { rows.removeLast() }
  return rows
}

let parsers = [qdaParser(), csvSwiftParser(), swiftCSVParser()]

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

print("Correctness on the tricky cases")
for parser in parsers {
  var failures: [String] = []
  for item in cases {
    do {
      let rows = trimmed(try parser.parse(Array(item.input.utf8)))
      if rows != item.rows { failures.append("\(item.name): got \(rows)") }
    } catch {
      failures.append("\(item.name): threw \(error)")
    }
  }
  print("  \(parser.name): \(cases.count - failures.count)/\(cases.count) right")
  for failure in failures { print("    ✗ \(failure)") }
}
print("  quoted empty (\"\") told from an unquoted empty cell: QDAIngest.CSVReader \(try qdaKeepsQuotedEmpty() ? "yes" : "no"); the others return both as \"\"")

let megabytes = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 60
var generator = ExportGenerator()
let (bytes, expectedRecords) = generator.export(megabytes: megabytes)
let size = Double(bytes.count) / 1_048_576
print("\nSpeed on a generated export: \(String(format: "%.1f", size)) MB, \(expectedRecords) records (release build, best of 3)")

// The two steps of CSVReader's line apart: decoding (BOM, encoding, CRLF → LF) and parsing.
do {
  var decodeBest = Double.infinity
  var parseBest = Double.infinity
  for _ in 0..<3 {
    let start = ContinuousClock.now
    let text = try TextDecoder.decode(bytes, file: "bench.csv").text
    let decoded = ContinuousClock.now
    _ = try CSVReader.parse(text, file: "bench.csv")
    let end = ContinuousClock.now
    decodeBest = min(decodeBest, seconds(decoded - start))
    parseBest = min(parseBest, seconds(end - decoded))
  }
  print(
    "  QDAIngest in two steps: TextDecoder.decode \(String(format: "%.2f", decodeBest)) s (\(String(format: "%.0f", size / decodeBest)) MB/s), CSVReader.parse \(String(format: "%.2f", parseBest)) s (\(String(format: "%.0f", size / parseBest)) MB/s)")
}

var reference: [[String]]?
for parser in parsers {
  var best = Double.infinity
  var rows: [[String]] = []
  for _ in 0..<3 {
    let start = ContinuousClock.now
    rows = try parser.parse(bytes)
    let elapsed = ContinuousClock.now - start
    best = min(best, seconds(elapsed))
  }
  rows = trimmed(rows)
  let agrees: String
  if let reference {
    agrees = rows == reference ? "same cells as CSVReader" : "DIFFERENT cells from CSVReader"
  } else {
    reference = rows
    agrees = rows.count == expectedRecords ? "reference" : "WRONG record count"
  }
  print(
    "  \(parser.name): \(String(format: "%.2f", best)) s, \(String(format: "%.0f", size / best)) MB/s, \(rows.count) records, \(agrees)")
}
