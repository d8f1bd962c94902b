import QDAText
import Foundation

/// What the start of a transcript line says: a timestamp, a speaker label, or both.
struct LineHead: Hashable {
  enum LabelForm: Hashable {
    /// `Name: text`
    case colon
    /// `[id1] text`
    case bracket
    /// `Name  0:04` alone on a line (Otter.ai), text on the following lines.
    case standalone
  }

  var time: Double?
  var label: String?
  var form: LabelForm?
  /// Offset (in the line's scalars) where the words start.
  var contentStart: Int
  /// Whether a tab follows the label's colon, as in a Zoom chat log's `00:05:16<TAB>Name:<TAB>`.
  var tabAfterLabel = false
}

/// Recognises speaker labels and timestamps at the start of a line.
enum LineScanner {
  /// Reads the head of a line: `[00:04:12] Dr. Ortiz: Well…`, `Q: So…`, `[id2] I…`.
  static func head(_ line: ArraySlice<Unicode.Scalar>) -> LineHead {
    var index = line.startIndex
    let end = line.endIndex
    skipSpaces(line, &index)
    var time: Double?
    // A leading timestamp: [00:04:12], (00:04:12) or 00:04:12.
    if let (value, after) = timestamp(line, at: index, bracketed: true)
      ?? timestamp(line, at: index, bracketed: false)
    {
      time = value
      index = after
      skipSpaces(line, &index)
    }
    if index == end {
      return LineHead(time: time, label: nil, form: nil, contentStart: index - line.startIndex)
    }
    // [id1] text
    if line[index] == "[", let close = line[index...].firstIndex(of: "]"), close - index <= 24,
      close > index + 1
    {
      let inside = String(scalars: line[(index + 1)..<close])
      if isBracketLabel(inside) {
        var next = close + 1
        if next == end || line[next] == " " || line[next] == "\t" {
          skipSpaces(line, &next)
          return LineHead(
            time: time, label: inside.trimmingSpaces, form: .bracket,
            contentStart: next - line.startIndex)
        }
      }
    }
    // Name: text   /   Name [00:04:12]: text   /   Name (Sam): text
    if let colonHead = colonLabel(line, from: index, time: time) { return colonHead }
    // Name  0:04   (alone on the line)
    if let standalone = standaloneLabel(line, from: index, time: time) { return standalone }
    return LineHead(time: time, label: nil, form: nil, contentStart: index - line.startIndex)
  }

  /// Where the words after a line's leading timestamp start (`[00:04:12] So…` → the `S`), or
  /// nil when the line does not start with one.
  static func endOfLeadingTime(_ line: ArraySlice<Unicode.Scalar>) -> Int? {
    var index = line.startIndex
    skipSpaces(line, &index)
    guard
      let (_, after) = timestamp(line, at: index, bracketed: true)
        ?? timestamp(line, at: index, bracketed: false)
    else { return nil }
    return after
  }

  /// Parses `h:mm:ss`, `mm:ss`, with `.mmm` or `,mmm`, optionally inside `[]` or `()`.
  static func timestamp(_ line: ArraySlice<Unicode.Scalar>, at start: Int, bracketed: Bool)
    -> (Double, Int)?
  {
    var index = start
    let end = line.endIndex
    var closer: Unicode.Scalar?
    if bracketed {
      guard index < end, line[index] == "[" || line[index] == "(" else { return nil }
      closer = line[index] == "[" ? "]" : ")"
      index += 1
    }
    var parts: [Int] = []
    var fraction = 0.0
    while true {
      var digits = 0
      var value = 0
      while index < end, let digit = digitValue(line[index]), digits < 3 {
        value = value * 10 + digit
        digits += 1
        index += 1
      }
      guard digits > 0 else { return nil }
      parts.append(value)
      if index < end, line[index] == ":", parts.count < 3 {
        index += 1
        continue
      }
      break
    }
    guard parts.count >= 2, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
    if index + 1 < end, line[index] == "." || line[index] == ",", digitValue(line[index + 1]) != nil
    {
      index += 1
      var scale = 0.1
      while index < end, let digit = digitValue(line[index]) {
        fraction += Double(digit) * scale
        scale /= 10
        index += 1
      }
    }
    if let closer {
      guard index < end, line[index] == closer else { return nil }
      index += 1
    } else if index < end, !line[index].properties.isWhitespace {
      return nil
    }
    let seconds = parts.reduce(0) { $0 * 60 + $1 }
    return (Double(seconds) + fraction, index)
  }

  // MARK: - Private

  private static func colonLabel(_ line: ArraySlice<Unicode.Scalar>, from start: Int, time: Double?)
    -> LineHead?
  {
    let end = line.endIndex
    guard start < end, line[start].properties.isAlphabetic else { return nil }
    var index = start
    var labelEnd = start
    var words = 0
    var inWord = false
    var time = time
    while index < end, index - start <= 48 {
      let scalar = line[index]
      if scalar == ":" {
        break
      } else if scalar.properties.isAlphabetic || isASCIIDigit(scalar) || scalar == "."
        || scalar == "'" || scalar == "\u{2019}" || scalar == "-"
      {
        if !inWord { words += 1; inWord = true }
        index += 1
        labelEnd = index
      } else if scalar == " " {
        inWord = false
        index += 1
      } else if scalar == "(" || scalar == "[" {
        // A parenthetical name or a timestamp before the colon: "Interviewer (Sam):",
        // "Dr. Ortiz [00:04:12]:".
        if let (value, after) = timestamp(line, at: index, bracketed: true) {
          time = time ?? value
          index = after
          while index < end, line[index] == " " { index += 1 }
          guard index < end, line[index] == ":" else { return nil }
          break
        }
        let closer: Unicode.Scalar = scalar == "(" ? ")" : "]"
        guard let close = line[index...].firstIndex(of: closer), close - index <= 24 else {
          return nil
        }
        index = close + 1
        labelEnd = index
      } else {
        return nil
      }
      if words > 4 { return nil }
    }
    guard index < end, line[index] == ":", words >= 1 else { return nil }
    var next = index + 1
    // "Label:" must be followed by a space or the end: "10:30", "http://" are not labels.
    guard next == end || line[next] == " " || line[next] == "\t" else { return nil }
    skipSpaces(line, &next)
    // A timestamp right after the colon: "Interviewer: [00:04:12] So…"
    if let (value, after) = timestamp(line, at: next, bracketed: true) {
      time = time ?? value
      next = after
      skipSpaces(line, &next)
    }
    let label = String(scalars: line[start..<labelEnd]).trimmingSpaces
    guard !label.isEmpty else { return nil }
    return LineHead(
      time: time, label: label, form: .colon, contentStart: next - line.startIndex,
      tabAfterLabel: index + 1 < end && line[index + 1] == "\t")
  }

  private static func standaloneLabel(
    _ line: ArraySlice<Unicode.Scalar>, from start: Int, time: Double?
  ) -> LineHead? {
    // "Name  0:04" with at least two spaces before the time, nothing after it.
    let text = String(scalars: line[start...])
    guard let gap = text.range(of: "  ") else { return nil }
    let name = String(text[..<gap.lowerBound]).trimmingSpaces
    let rest = Array(text[gap.upperBound...].unicodeScalars)
    let restSlice = rest[...]
    var index = restSlice.startIndex
    skipSpaces(restSlice, &index)
    guard let (value, after) = timestamp(restSlice, at: index, bracketed: false) else { return nil }
    var tail = after
    skipSpaces(restSlice, &tail)
    guard tail == restSlice.endIndex, !name.isEmpty, name.split(separator: " ").count <= 4,
      name.unicodeScalars.first?.properties.isAlphabetic == true
    else { return nil }
    return LineHead(time: time ?? value, label: name, form: .standalone, contentStart: line.count)
  }

  private static func isBracketLabel(_ text: String) -> Bool {
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty, trimmed.count <= 20,
      trimmed.unicodeScalars.first?.properties.isAlphabetic == true,
      !SpeakerVocabulary.isAnnotation(trimmed)
    else { return false }
    return trimmed.unicodeScalars.allSatisfy {
      $0.properties.isAlphabetic || isASCIIDigit($0) || $0 == " " || $0 == "_" || $0 == "-"
        || $0 == "."
    }
  }

  private static func skipSpaces(_ line: ArraySlice<Unicode.Scalar>, _ index: inout Int) {
    while index < line.endIndex,
      line[index] == " " || line[index] == "\t" || line[index] == "\u{00A0}"
    {
      index += 1
    }
  }

  private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
    scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
  }
}

@inline(__always) private func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
  scalar.value >= 0x30 && scalar.value <= 0x39
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: String {
    var scalars = Substring(self).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
