import QDAText
import QDAModel

/// Reads plain-text transcripts with speaker labels.
///
/// Understands the forms real transcripts use:
/// - `Interviewer:` / `Principal:`, `Q:` / `A:`, `I:` / `R:`, named speakers (`Dr. Ortiz:`),
///   upper case (`INTERVIEWER:`);
/// - bracketed ids (`[id1] text`, as QualCoder's examples write focus groups);
/// - timestamps before or after the label (`[00:04:12] Dr. Ortiz:`, `00:04:12 Q:`,
///   `Interviewer [00:04:12]:`), and Otter-style `Name  0:04` lines;
/// - a header block at the top (`Title:`, `Date:`, `Participant: P04`, `Interviewer: K. Brandt`),
///   ended by a blank line.
///
/// A line start counts as a label only when it is a known role word (interviewer, Q, A,
/// respondent, principal…) or recurs at the start of at least two lines, so "So here's the
/// thing:" in the middle of an answer is never a speaker. An unlabelled paragraph continues the
/// previous speaker's turn as a new passage.
public enum PlainTextTranscript {
  /// Parses decoded text.
  ///
  /// - Parameter knownSpeakers: labels to accept as speakers even when they occur once (a Word
  ///   reader passes the labels it saw in bold).
  /// - Throws: `IngestError` (`.transcript`) when the text holds no speech at all.
  public static func parse(_ text: String, file: String, knownSpeakers: Set<String> = [])
    throws -> Transcript
  {
    let known = Set(knownSpeakers.map { $0.lowercased() })
    let scalars = Array(scalarsOf: text)
    let lines = splitLines(scalars)
    var (header, firstBodyLine) = readHeader(scalars, lines)
    let heads = lines.map { LineScanner.head(scalars[$0]) }

    // Which labels are speakers: role words, or labels that recur.
    var counts: [String: Int] = [:]
    for index in firstBodyLine..<lines.count {
      if let label = heads[index].label { counts[label.lowercased(), default: 0] += 1 }
    }
    func accepted(_ head: LineHead) -> Bool {
      guard let label = head.label, let form = head.form else { return false }
      let key = label.lowercased()
      if known.contains(key) { return true }
      if SpeakerVocabulary.isDiscourseWord(key) { return false }
      if SpeakerVocabulary.roleHint(for: label) != nil { return true }
      let recurs = (counts[key] ?? 0) >= 2
      switch form {
      case .bracket: return recurs
      case .standalone: return true  // "Name  0:04" alone on a line is a speaker line
      case .colon: return recurs && SpeakerVocabulary.looksLikeName(label)
      }
    }

    var segments: [TranscriptSegment] = []
    var turn = -1
    var speaker: String?
    var turnTime: Double?
    var pendingTime: Double?
    var paragraphStart: Int?
    var paragraphEnd = 0
    var paragraphLine = 0

    func closeParagraph() {
      guard let start = paragraphStart else { return }
      if turn < 0 { turn = 0 }
      segments.append(
        TranscriptSegment(
          speaker: speaker, span: TextSpan(start: start, end: paragraphEnd), startTime: turnTime,
          turn: turn, line: paragraphLine + 1))
      paragraphStart = nil
    }

    for index in firstBodyLine..<lines.count {
      let line = lines[index]
      let head = heads[index]
      let contentStart = line.lowerBound + head.contentStart
      let content = trim(scalars, contentStart..<line.upperBound)
      if head.label == nil, content == nil {
        // A blank line, or a timestamp alone on its line.
        closeParagraph()
        if let time = head.time { pendingTime = time }
        continue
      }
      if accepted(head), let label = head.label {
        closeParagraph()
        turn += 1
        speaker = label
        turnTime = head.time ?? pendingTime
        pendingTime = nil
        if let content {
          paragraphStart = content.lowerBound
          paragraphEnd = content.upperBound
          paragraphLine = index
        }
        continue
      }
      // Unlabelled words: they continue the paragraph, or start a new one in the same turn.
      let words = trim(scalars, line.lowerBound..<line.upperBound) ?? line
      if paragraphStart != nil {
        paragraphEnd = words.upperBound
      } else {
        if turn < 0 { turn = 0 }  // words before the first label: an unattributed turn
        paragraphStart = words.lowerBound
        paragraphEnd = words.upperBound
        paragraphLine = index
        if let time = pendingTime, speaker == nil {
          turnTime = time
          pendingTime = nil
        }
      }
    }
    closeParagraph()

    guard !segments.isEmpty else {
      throw IngestError(InputLocation(file: file), .transcript, "no speech found in the transcript")
    }
    // A turn ends when the next one starts.
    for index in segments.indices {
      let next = segments[(index + 1)...].first { $0.turn != segments[index].turn }
      segments[index].endTime = next?.startTime
    }
    var warnings: [String] = []
    if !segments.contains(where: { $0.speaker != nil }) {
      warnings.append("\(file): no speaker labels found; every paragraph is unattributed")
    }
    if header["participant"] == nil, let alias = ["participant id", "interviewee", "respondent", "case"].first(where: { header[$0] != nil }) {
      header["participant"] = header[alias]
    }
    return Transcript(text: text, header: header, segments: segments, warnings: warnings)
  }

  // MARK: - Header

  static let headerKeys: Set<String> = [
    "title", "date", "participant", "participant id", "interviewee", "interviewer", "location",
    "duration", "program", "programme", "transcriber", "transcribed by", "recorded", "recording",
    "school", "district", "time", "study", "site", "project", "case", "respondent", "interview",
    "interview date", "language", "file", "setting", "moderator", "facilitator", "notes", "session",
  ]

  /// The leading block of `Key: value` lines (a first title line allowed), ended by a blank line.
  private static func readHeader(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>]) -> (
    [String: String], Int
  ) {
    var index = 0
    while index < lines.count, trim(scalars, lines[index]) == nil { index += 1 }
    let blockStart = index
    var fields: [String: String] = [:]
    var keyValueLines = 0
    while index < lines.count, let content = trim(scalars, lines[index]) {
      let line = String(scalars: scalars[content])
      if let colon = line.firstIndex(of: ":") {
        let key = String(line[..<colon]).trimmingSpaces.lowercased()
        let value = String(line[line.index(after: colon)...]).trimmingSpaces
        guard headerKeys.contains(key), isHeaderValue(value, key: key) else { return ([:], blockStart) }
        fields[key] = value
        keyValueLines += 1
      } else if index == blockStart, line.count <= 120 {
        fields["title"] = line
      } else {
        return ([:], blockStart)
      }
      index += 1
    }
    // A header needs at least one key-value line and must be followed by more text.
    guard keyValueLines >= 1, index < lines.count else { return ([:], blockStart) }
    // A lone "Interviewer: Hello…" line is speech, not a header; "Participant: T03" is a header.
    if fields.count == 1, let only = fields.keys.first, let value = fields[only],
      SpeakerVocabulary.roleHint(for: only) != nil, !isIdentifier(value)
    {
      return ([:], blockStart)
    }
    return (fields, index)
  }

  /// One short word with a digit in it: `P04`, `T03`, `04`, `case-7`.
  static func isIdentifier(_ value: String) -> Bool {
    value.count <= 16 && !value.contains(" ") && value.contains(where: \.isNumber)
      && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
  }

  /// Whether a header value looks like metadata rather than speech.
  private static func isHeaderValue(_ value: String, key: String) -> Bool {
    guard !value.isEmpty, !value.contains("?"), !value.contains("!") else { return false }
    switch key {
    case "interviewer", "participant", "interviewee", "respondent", "moderator", "facilitator",
      "case":
      return value.split(separator: " ").count <= 5
    default:
      return value.count <= 200
    }
  }

  // MARK: - Lines

  static func splitLines(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0
    for (index, scalar) in scalars.enumerated() where scalar == "\n" {
      lines.append(start..<index)
      start = index + 1
    }
    if start < scalars.count { lines.append(start..<scalars.count) }
    return lines
  }

  static func trim(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int>? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
    while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }
}
