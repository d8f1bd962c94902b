import QDAText
import QDAModel

/// Reads plain-text transcripts with speaker labels.
///
/// Understands the forms real transcripts use:
/// - `Interviewer:` / `Principal:`, `Q:` / `A:`, `I:` / `R:`, named speakers (`Dr. Ortiz:`),
///   upper case (`INTERVIEWER:`);
/// - bracketed ids (`[id1] text`, as QualCoder's examples write focus groups), but never a
///   transcriber's note (`[laughs] Well…`, `[Crosstalk]`);
/// - timestamps before or after the label (`[00:04:12] Dr. Ortiz:`, `00:04:12 Q:`,
///   `Interviewer [00:04:12]:`), and Otter-style `Name  0:04` lines;
/// - Zoom chat logs (`00:05:16<TAB>Name:<TAB>message`), where a name that posts once is a
///   speaker too;
/// - a header block at the top (titles, `Date:`, `Participant: P04`, `Interviewer: K. Brandt`,
///   rules) and a footer at the end (`Transcribed by https://otter.ai`, `[End of interview]`),
///   both metadata, as ``TranscriptHeader`` reads them.
///
/// A line start counts as a label only when it is a known role word (interviewer, Q, A,
/// respondent, principal…) or recurs at the start of at least two lines, so "So here's the
/// thing:" in the middle of an answer is never a speaker. An unlabelled paragraph continues the
/// previous speaker's turn as a new passage; a drawn rule (`* * *`) only separates paragraphs.
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
    let heads = lines.map { LineScanner.head(scalars[$0]) }

    // Which labels are speakers: role words, or labels that recur.
    func labelCounts(_ range: Range<Int>) -> [String: Int] {
      var counts: [String: Int] = [:]
      for index in range {
        if let label = heads[index].label { counts[label.lowercased(), default: 0] += 1 }
      }
      return counts
    }
    var counts = labelCounts(0..<lines.count)
    // Chat logs (`00:05:16<TAB>Name:<TAB>message`) put a time before every label: there a name
    // that posts once is a speaker too.
    var timedLabels = 0
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
      case .colon:
        if recurs && SpeakerVocabulary.looksLikeName(label) { return true }
        // Once, after a time, in a text of timed labels: the chat's tab says so, or a full name
        // ("Liang Wen", never "Honestly") does.
        guard head.time != nil, timedLabels >= 2 else { return false }
        return head.tabAfterLabel
          || (label.split(separator: " ").count >= 2
            && SpeakerVocabulary.looksLikePersonName(label))
      }
    }

    var (header, firstBodyLine) = TranscriptHeader.read(
      scalars, lines, heads: heads, labelCount: { counts[$0] ?? 0 },
      startsTurn: { accepted(heads[$0]) })
    let (footer, bodyEnd) = TranscriptHeader.footer(scalars, lines, from: firstBodyLine)
    header.merge(footer) { kept, _ in kept }
    counts = labelCounts(firstBodyLine..<bodyEnd)
    timedLabels =
      heads[firstBodyLine..<bodyEnd].filter {
        $0.time != nil && $0.form == .colon
          && !SpeakerVocabulary.isDiscourseWord($0.label?.lowercased() ?? "")
      }.count

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

    for index in firstBodyLine..<bodyEnd {
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
      if head.label == nil, let content, TranscriptHeader.isRule(String(scalars: scalars[content]))
      {
        closeParagraph()  // a drawn rule separates, it is not speech
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
      var words = trim(scalars, line.lowerBound..<line.upperBound) ?? line
      if head.time != nil, let afterTime = LineScanner.endOfLeadingTime(scalars[words]),
        let rest = trim(scalars, afterTime..<words.upperBound)
      {
        // A timed line without a speaker starts a new passage of the turn; its time is no word.
        closeParagraph()
        words = rest
      }
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
    if header["participant"] == nil,
      let alias = ["participant id", "interviewee", "respondent", "case"].first(where: {
        header[$0] != nil
      })
    {
      header["participant"] = header[alias]
    }
    return Transcript(text: text, header: header, segments: segments, warnings: warnings)
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
