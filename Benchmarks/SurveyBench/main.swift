import Foundation
import QDAAnalysis
import QDAIngest
import QDAModel

// Usage: swift run -c release _SurveyBench [respondents, default 100000 | path of an export]
//
// Reads a generated Qualtrics export (current format) of that many respondents, or the export
// at the path given, with
// `SurveyReader` and summarises it with `SurveySummary`: the time of each step and the peak
// resident memory of the process (getrusage).

/// A Qualtrics export: metadata, a 5-row agreement matrix, a motivation item, a split
/// multi-select, hours (numeric), and two open answers (one multi-line); every 500th response a
/// preview, every 997th spam, every 20th unfinished. Deterministic.
func export(respondents: Int) -> [UInt8] {
  var state: UInt64 = 0x2545_F491_4F6C_DD1D
  func next(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }
  let agree = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
  let motivation = ["Not at all motivating", "Somewhat motivating", "Very motivating", "Definitely motivating"]
  let words = ["planning", "time", "with", "colleagues", "coaching", "helped", "me", "the", "badge", "hours", "were", "useful"]
  let tags = ["StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId"]
    + (1...5).map { "Q1_\($0)" } + ["Q2"] + (1...4).map { "Q3_\($0)" } + ["Q4", "Q5_TEXT", "Q6_TEXT"]
  let ids = ["startDate", "endDate", "status", "progress", "finished", "_recordId"]
    + (1...5).map { "QID1_\($0)" } + ["QID2"] + (1...4).map { "QID3_\($0)" } + ["QID4", "QID5_TEXT", "QID6_TEXT"]
  let texts = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID"]
    + (1...5).map { "How much do you agree? - Statement \($0)" } + ["How motivating was the badge?"]
    + ["Collaborative planning time", "Coaching", "Release time", "Stipends"].map { "Which supports helped? - \($0)" }
    + ["How many hours of PD did you take this year?", "What was most useful?", "Anything else?"]
  var out = tags.joined(separator: ",") + "\n" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
    + ids.map { "\"{\"\"ImportId\"\":\"\"\($0)\"\"}\"" }.joined(separator: ",") + "\n"
  for index in 0..<respondents {
    let status = index % 500 == 499 ? "1" : index % 997 == 996 ? "8" : "0"
    let finished = index % 20 != 19
    var cells = ["2024-05-01 10:00:00", "2024-05-01 10:20:00", status, finished ? "100" : "45", finished ? "1" : "0", "R_\(index)"]
    for _ in 1...5 { cells.append(agree[next(5)]) }
    cells.append(motivation[next(4)])
    for _ in 1...4 { cells.append(next(3) == 0 ? "1" : "") }
    cells.append(String(next(60)))
    let sentence = (0..<(5 + next(20))).map { _ in words[next(words.count)] }.joined(separator: " ")
    cells.append("\"" + sentence + (next(4) == 0 ? ",\nand \"\"more\"\"" : "") + ".\"")
    cells.append(next(3) == 0 ? "\"" + sentence + "\"" : "")
    out += cells.joined(separator: ",") + "\n"
  }
  return Array(out.utf8)
}

func peakMegabytes() -> Double {
  var usage = rusage()
  #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
  #else
    getrusage(RUSAGE_SELF, &usage)
  #endif
  #if os(Linux)
    return Double(usage.ru_maxrss) / 1024  // kilobytes
  #else
    return Double(usage.ru_maxrss) / 1_048_576  // bytes
  #endif
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let argument = CommandLine.arguments.dropFirst().first
let count = argument.flatMap(Int.init) ?? 100_000
let path = argument.flatMap { Int($0) == nil ? $0 : nil }
let bytes = try path.map { try InputReader.bytes(atPath: $0) } ?? export(respondents: count)
print("Read: \(path ?? "\(count) generated respondents"), \(String(format: "%.1f", Double(bytes.count) / 1_048_576)) MB; peak so far \(String(format: "%.0f", peakMegabytes())) MB")
let clock = ContinuousClock()
let start = clock.now
let survey = try SurveyReader.read(bytes: bytes, file: "bench.csv")
let read = clock.now - start
let summary = SurveySummary(survey)
let summarised = clock.now - start - read
print("SurveyReader.read: \(String(format: "%.2f", seconds(read))) s — \(survey.items.count) items, \(survey.respondents.count) rows")
print("SurveySummary: \(String(format: "%.2f", seconds(summarised))) s — \(summary.counted) counted, \(summary.excluded) previews or spam, \(summary.unfinished) unfinished")
let types = survey.items.reduce(into: [String: Int]()) { $0[$1.type.rawValue, default: 0] += 1 }
print("Item types: \(types.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
if let top = summary.items.first(where: { $0.item.type == .likert }), let share = top.percentTopTwo {
  print("First Likert item: n = \(top.answered), top two \(String(format: "%.1f", share))%")
}
print("Peak resident memory: \(String(format: "%.0f", peakMegabytes())) MB")
