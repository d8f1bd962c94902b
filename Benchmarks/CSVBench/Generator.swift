import Foundation

/// A Qualtrics-like export of a chosen size: three header rows (the third quoted JSON with doubled
/// quotes), CRLF between records, bare LF inside quoted open answers that hold commas, doubled
/// quotes, curly quotes and emoji, a trailing empty column, and no line break after the last
/// record. Deterministic (a fixed xorshift seed), so every run parses the same bytes.
struct ExportGenerator {
  private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

  private mutating func next(_ bound: Int) -> Int {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return Int(state % UInt64(bound))
  }

  static let words = [
    "planning", "time", "coaching", "release", "colleagues", "students", "the", "and", "we", "hours",
    "motivating", "badge", "license", "school", "principal", "district", "feedback", "really", "not",
    "because", "collaborative", "credit", "summer", "Zoom", "naïve", "café", "don’t", "👍🏽",
  ]
  static let scale = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]

  /// The export's bytes, at least `megabytes` MB.
  mutating func export(megabytes: Int) -> (bytes: [UInt8], records: Int) {
    var out = ""
    out.reserveCapacity(megabytes << 20 + 4096)
    let tags = ["StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId"]
      + (1...8).map { "Q\($0)" } + (1...5).map { "Q9_\($0)" } + ["Q10_TEXT", "Q11_TEXT", ""]
    out += tags.joined(separator: ",") + "\r\n"
    out += tags.map { $0.isEmpty ? "" : "\"\($0) - question text, with a comma\"" }.joined(separator: ",") + "\r\n"
    out += tags.map { $0.isEmpty ? "" : "\"{\"\"ImportId\"\":\"\"\($0)\"\"}\"" }.joined(separator: ",")
    var records = 3
    while out.utf8.count < megabytes << 20 {
      out += "\r\n"
      var cells = ["2024-05-0\(1 + next(9)) 10:\(10 + next(50)):00", "2024-05-10 11:00:00", "0", "100", "1"]
      cells.append("R_\(records)")
      for _ in 1...8 { cells.append(String(1 + next(5))) }
      for _ in 1...5 { cells.append(Self.scale[next(5)]) }
      cells.append(quoted(answer(sentences: 1 + next(6))))
      cells.append(next(3) == 0 ? "" : quoted(answer(sentences: 1 + next(3))))
      cells.append("")
      out += cells.joined(separator: ",")
      records += 1
    }
    return (Array(out.utf8), records)
  }

  private mutating func answer(sentences: Int) -> String {
    var text = ""
    for index in 0..<sentences {
      if index > 0 { text += next(4) == 0 ? "\n" : " " }
      let count = 6 + next(14)
      text += (0..<count).map { _ in Self.words[next(Self.words.count)] }.joined(separator: next(5) == 0 ? ", " : " ")
      text += next(6) == 0 ? ", \"really\" so." : "."
    }
    return text
  }

  private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
