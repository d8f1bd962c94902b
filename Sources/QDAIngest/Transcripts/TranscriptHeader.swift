import QDAText

/// The metadata around a plain-text transcript's turns: the header block before the first turn
/// and the footer a transcription service appends after the last.
///
/// A header is the leading run of
/// - title lines (at most three, before any known field: short, no question, no sentence end;
///   the first may hold a colon, `Queen-Rearing Certificate: Follow-up Study`),
/// - `Key: value` fields (`Date: 4 May`, `Participant: P04`, `Interviewer: Dr. Amara Osei`),
/// - rules (`=====`, `-----`) and blank lines,
///
/// ended by the first line that is none of these. A field whose key is a speaker's (a role word
/// such as `Interviewer`, or a label that also starts turns in the body) must name someone
/// (`Dr. Amara Osei`, `P04`), so `Interviewer: Hello there` is a turn, not a header, while
/// `Interviewer: Dr. Amara Osei` above `Interviewer:` turns is metadata. A key the toolkit does not
/// know (`Mode: phone`) is a field only in a header that also has a known one. Title lines with
/// no field are a header only when a speaker's turn follows them (a Word heading and a note above
/// the first bold label).
enum TranscriptHeader {
  /// Keys a transcript header is known to use.
  static let keys: Set<String> = [
    "title", "date", "participant", "participant id", "interviewee", "interviewer", "location",
    "duration", "program", "programme", "transcriber", "transcribed by", "recorded", "recording",
    "school", "district", "time", "study", "site", "project", "case", "respondent", "interview",
    "interview date", "language", "file", "setting", "moderator", "facilitator", "notes", "session",
    "note", "format", "mode", "place", "venue", "length", "researcher", "pseudonym", "id", "code",
    "cohort", "group", "round", "wave", "organisation", "organization", "role", "position",
    "consent", "audio", "video", "platform", "source", "version", "start", "end", "start time",
    "end time", "recorded on", "date of interview", "transcript", "subject", "topic",
  ]

  /// The header's fields (lower-case keys) and the first line after it; `[:]` and the first line
  /// of the text when there is no header.
  ///
  /// - Parameters:
  ///   - heads: each line's head, as `LineScanner` read it.
  ///   - labelCount: how many lines of the whole text start with a label (lower-cased).
  ///   - startsTurn: whether a line opens a speaker's turn.
  static func read(
    _ scalars: [Unicode.Scalar], _ lines: [Range<Int>], heads: [LineHead],
    labelCount: (String) -> Int, startsTurn: (Int) -> Bool
  ) -> (fields: [String: String], bodyStart: Int) {
    var fields: [String: String] = [:]
    var unfamiliar: [String: String] = [:]
    var titles: [String] = []
    var index = 0
    var end = 0
    while index < lines.count {
      guard let content = PlainTextTranscript.trim(scalars, lines[index]) else {
        index += 1
        continue
      }
      let line = String(scalars: scalars[content])
      if isRule(line) {
        index += 1
        end = index
        continue
      }
      let head = heads[index]
      if head.form == .colon, head.time == nil, let key = head.label {
        let value = String(
          scalars: scalars[(lines[index].lowerBound + head.contentStart)..<lines[index].upperBound]
        )
        .trimmingSpaces
        let lowered = key.lowercased()
        guard fields[lowered] == nil, unfamiliar[lowered] == nil,
          isField(key: key, value: value, labelCount: labelCount)
        else { break }
        if keys.contains(lowered) {
          fields[lowered] = value
        } else if fields.isEmpty, unfamiliar.isEmpty, titles.isEmpty, isTitle(line) {
          titles.append(line)  // "Queen-Rearing Certificate: Follow-up Study" heads the page
        } else {
          unfamiliar[lowered] = value
        }
        index += 1
        end = index
        continue
      }
      if fields.isEmpty, titles.count < 3, head.label == nil, head.time == nil,
        isTitle(line)
      {
        titles.append(line)
        index += 1
        end = index
        continue
      }
      break
    }
    guard index < lines.count else { return ([:], 0) }  // nothing follows: no header
    if fields.isEmpty {
      // Titles alone are a header only right above a speaker's turn.
      guard !titles.isEmpty, unfamiliar.isEmpty, startsTurn(index) else { return ([:], 0) }
    } else {
      fields.merge(unfamiliar) { known, _ in known }
    }
    var notes = titles[...]
    if fields["title"] == nil, let title = notes.popFirst() { fields["title"] = title }
    if !notes.isEmpty, fields["note"] == nil { fields["note"] = notes.joined(separator: "; ") }
    return (fields, end)
  }

  /// The lines a transcription service or typist writes after the last turn
  /// (`Transcribed by https://otter.ai`, `[End of interview]`, `-----`), as fields, and the line
  /// where they start.
  static func footer(_ scalars: [Unicode.Scalar], _ lines: [Range<Int>], from start: Int)
    -> (fields: [String: String], bodyEnd: Int)
  {
    var fields: [String: String] = [:]
    var end = lines.count
    var index = lines.count - 1
    var found = 0
    while index >= start, found < 3 {
      guard let content = PlainTextTranscript.trim(scalars, lines[index]) else {
        index -= 1
        continue
      }
      let line = String(scalars: scalars[content])
      let lowered = line.lowercased()
      if lowered.hasPrefix("transcribed by "), line.split(separator: " ").count <= 8 {
        fields["transcribed by"] = String(line.dropFirst("transcribed by ".count)).trimmingSpaces
      } else if isEndMarker(line) {
        fields["end"] = line
      } else if !isRule(line) {
        break
      }
      found += 1
      end = index
      index -= 1
    }
    return (fields, end)
  }

  // MARK: - Lines

  /// Whether a header line's key and value are metadata.
  static func isField(key: String, value: String, labelCount: (String) -> Int) -> Bool {
    let lowered = key.lowercased()
    guard !value.isEmpty, value.count <= 200, !value.contains("?"), !value.contains("!") else {
      return false
    }
    let hint = SpeakerVocabulary.roleHint(for: key)
    let speaksInBody = labelCount(lowered) >= 2
    if hint == .interviewer || hint == .participant || speaksInBody {
      // A speaker's key must name someone.
      if isIdentifier(value) { return true }
      guard SpeakerVocabulary.looksLikePersonName(value) else { return false }
      // "Interviewer: Okay" above "Interviewer:" turns is speech unless "Okay" is a speaker too.
      if speaksInBody, !value.contains(" ") { return labelCount(value.lowercased()) >= 1 }
      return true
    }
    if SpeakerVocabulary.isDiscourseWord(lowered), !keys.contains(lowered) { return false }
    if keys.contains(lowered) { return true }
    // An unfamiliar key: a short value that does not end a sentence.
    return value.split(separator: " ").count <= 12 && !value.hasSuffix(".")
  }

  /// One short word with a digit in it: `P04`, `T03`, `04`, `case-7`.
  static func isIdentifier(_ value: String) -> Bool {
    value.count <= 16 && !value.contains(" ") && value.contains(where: \.isNumber)
      && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
  }

  /// A line drawn to separate: three or more of `= - _ * ~ #` and nothing else but spaces.
  static func isRule(_ line: String) -> Bool {
    let marks = line.filter { !$0.isWhitespace }
    return marks.count >= 3 && marks.allSatisfy { "=-_*~#".contains($0) }
  }

  /// A heading or a note above a transcript: at most 14 words, no question, no sentence end.
  static func isTitle(_ line: String) -> Bool {
    guard line.count <= 120, line.split(separator: " ").count <= 14, !line.contains("?"),
      let first = line.unicodeScalars.first,
      first.properties.isAlphabetic || (first.value >= 0x30 && first.value <= 0x39),
      let last = line.last
    else { return false }
    return !".!?,;:…\"”".contains(last)
  }

  /// `[End of interview]`, `END OF TRANSCRIPT`, `(recording ends)`, `--- end ---`; a bare
  /// `The end.` only when bracketed, ruled or in capitals.
  static func isEndMarker(_ line: String) -> Bool {
    let lowered = line.lowercased()
    let inner = lowered.trimmingCharacters(in: "[](){}<>*-–—=_ .")
    let words = inner.split(separator: " ")
    guard (1...6).contains(words.count) else { return false }
    let marked = line.uppercased() == line || "[(<*-–—=_".contains(line.first ?? " ")
    if inner == "end" || inner == "the end" { return marked }
    if inner.hasPrefix("end of ") { return true }
    if words.count <= 3,
      words.first == "recording" || words.first == "interview" || words.first == "transcript",
      let verb = words.last,
      ["ends", "ended", "stops", "stopped", "ends here"].contains(String(verb))
    {
      return true
    }
    return false
  }
}

extension String {
  /// The string without the given characters at either end.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, set.contains(last) { scalars.removeLast() }
    return String(scalars)
  }
}
