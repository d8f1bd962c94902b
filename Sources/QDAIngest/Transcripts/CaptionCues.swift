import Foundation
import QDAModel

/// One caption cue as WebVTT and SubRip files hold it: its times, its speaker when the cue names
/// one, and its words with markup removed.
struct CaptionCue: Hashable, Sendable {
  var start: Double
  var end: Double
  /// From a `<v Name>` voice tag; `Name:` prefixes are found later, across cues.
  var voice: String?
  var text: String
  /// The 1-based line of the cue's times.
  var line: Int
  /// Another speaker's words than the cue before, though neither is named (a dialogue dash).
  var newTurn = false
}

/// A cue's lines as caption files write them, made into cues: the lines a rolling display
/// repeats are dropped, and a cue holding two speakers' lines is split.
struct CueLines {
  /// The last line of words of the cue before, for the rolling-display check.
  private var previousLast: String?

  /// Sounds that subtitles for the deaf and hard of hearing put in brackets, as they put names:
  /// a bracket holding one of these words is never a speaker.
  static let sounds: Set<String> = [
    "music", "applause", "laughter", "laughs", "laughing", "chuckles", "chuckling", "sighs",
    "coughs", "coughing",
    "inaudible", "crosstalk", "silence", "noise", "indistinct", "overlapping", "background",
    "cheering", "static",
    "beeping", "ringing", "knocking", "sniffles", "clears", "groans", "gasps", "pause",
    "unintelligible", "playing",
  ]

  /// The cues of one caption block: its body lines (markup and all), times and line.
  ///
  /// - Rolling display (YouTube's automatic captions): each cue shows again, as its first line,
  ///   the last line of the cue before, and a cue of a few milliseconds shows only that line. A
  ///   first line equal to the previous cue's last line is dropped when the cue has two lines or
  ///   more or lasts under 0.1 s (a one-line cue saying what the one before said is kept: people
  ///   do repeat themselves).
  /// - Two speakers in one cue: broadcast captions start each speaker's line with a dash, and
  ///   subtitles for the deaf put the speaker's name in brackets (`[MARIA] Yes.`). Each such line
  ///   begins a cue of its own; a dash marks another speaker than the line before.
  mutating func cues(_ body: [String], start: Double, end: Double, line: Int) -> [CaptionCue] {
    var lines = body.map { raw -> (raw: String, words: String, voice: String?) in
      let (words, voice) = CaptionTranscript.clean(raw)
      return (raw, words, voice)
    }
    let last = lines.last(where: { !$0.words.isEmpty })?.words
    if let previousLast, let first = lines.firstIndex(where: { !$0.words.isEmpty }),
      lines[first].words == previousLast,
      lines.count >= 2 || end - start < 0.1
    {
      lines.remove(at: first)
    }
    if let last { previousLast = last }

    var parts: [(lines: [String], dash: Bool)] = []
    for line in lines {
      let trimmed = line.words.trimmingCharacters(in: .whitespaces)
      if let spoken = Self.afterDash(trimmed) {
        parts.append(([spoken], true))
      } else if Self.startsWithNamedBracket(trimmed),
        !(parts.last?.lines.allSatisfy(\.isEmpty) ?? true)
      {
        parts.append(([trimmed], false))
      } else if parts.isEmpty {
        parts.append(([line.raw], false))
      } else {
        parts[parts.count - 1].lines.append(line.raw)
      }
    }
    let voice = lines.lazy.compactMap(\.voice).first
    return parts.compactMap { part in
      let (text, _) = CaptionTranscript.clean(part.lines.joined(separator: "\n"))
      // A cue that is only a sound in brackets (`[MUSIC PLAYING]`, `(applause)`) holds no words.
      if Self.isOnlyASound(text) { return nil }
      return CaptionCue(
        start: start, end: end, voice: voice, text: text, line: line, newTurn: part.dash)
    }
  }

  /// `[MUSIC PLAYING]`, `(laughter)`, `♪`: a caption with no words outside brackets or notes.
  static func isOnlyASound(_ text: String) -> Bool {
    var depth = 0
    var sawBracket = false
    for character in text {
      switch character {
      case "[", "(":
        depth += 1
        sawBracket = true
      case "]", ")": depth = max(0, depth - 1)
      case "♪", "♫", " ": continue
      default: if depth == 0 { return false }
      }
    }
    return sawBracket || text.contains("♪") || text.contains("♫")
  }

  /// The words after a dialogue dash (`- Yes.`, `– Yes.`), or nil when the line has none (a
  /// `--` is an interruption, not a dash).
  static func afterDash(_ line: String) -> String? {
    guard let first = line.first, first == "-" || first == "–" || first == "—" else { return nil }
    let rest = line.dropFirst()
    guard rest.first == " ", !rest.hasPrefix(" -") else { return nil }
    let words = rest.trimmingCharacters(in: .whitespaces)
    return words.isEmpty ? nil : words
  }

  /// Whether a line opens with a bracketed name and goes on (`[MARIA] Yes.`, `[Dr. Ko]: Right.`).
  static func startsWithNamedBracket(_ line: String) -> Bool {
    guard line.hasPrefix("["), let label = CaptionTranscript.bracketLabel(line) else {
      return false
    }
    return !label.words.isEmpty
  }
}

/// Turns caption cues into a transcript a person can code: consecutive cues by one speaker
/// become one passage keeping the first cue's start and the last cue's end, and the document
/// text has one line per passage, `00:01:05 Name: words`.
///
/// A cue's speaker is its `<v Name>` voice tag (Teams), or a `Name:` prefix (Zoom, Otter,
/// Descript, `[SPEAKER_00]:` from WhisperX) that is a role word or recurs in two cues or more,
/// so "Note: …" or a one-off "So here's the thing:" is never a speaker. Unattributed cues merge
/// while less than ``unattributedGap`` seconds separate them and the passage lasts at most
/// ``unattributedSpan`` seconds: live captions without speakers become passages of a few
/// sentences, not one passage per line nor one for the whole file. When a file labels only the
/// first cue of a turn (see ``labelsMarkTurnsOnly(_:)``), an unlabelled cue is the previous
/// speaker's.
enum CaptionTranscript {
  /// The longest silence inside one passage of unattributed cues.
  static let unattributedGap = 2.0
  /// The longest passage of unattributed cues.
  static let unattributedSpan = 30.0

  static func build(
    _ cues: [CaptionCue], header: [String: String], file: String, warnings: [String]
  ) throws
    -> Transcript
  {
    let cues = cues.filter { !$0.text.isEmpty || $0.voice != nil }
    guard !cues.isEmpty else {
      throw IngestError(InputLocation(file: file), .transcript, "the file holds no captions")
    }
    let labelled = cues.map { cue -> (speaker: String?, words: String) in
      if let voice = cue.voice { return (voice, cue.text) }
      return splitLabel(cue.text)
    }
    var counts: [String: Int] = [:]
    for item in labelled {
      if let speaker = item.speaker { counts[speaker.lowercased(), default: 0] += 1 }
    }
    var attributed = zip(cues, labelled).map { cue, item -> (speaker: String?, words: String) in
      guard let speaker = item.speaker else { return (nil, cue.text) }
      if cue.voice != nil { return item }
      let key = speaker.lowercased()
      if SpeakerVocabulary.isDiscourseWord(key) { return (nil, cue.text) }
      if SpeakerVocabulary.roleHint(for: speaker) != nil || (counts[key] ?? 0) >= 2 { return item }
      return (nil, cue.text)
    }
    if labelsMarkTurnsOnly(attributed.map(\.speaker)) {
      // Only a turn's first cue is labelled: the cues after it are the same speaker's.
      var current: String?
      for index in attributed.indices {
        if let speaker = attributed[index].speaker {
          current = speaker
        } else {
          attributed[index].speaker = current
        }
      }
    }

    // Merge runs.
    struct Run {
      var speaker: String?
      var words: [String]
      var start: Double
      var end: Double
      var line: Int
    }
    var runs: [Run] = []
    for (cue, item) in zip(cues, attributed) {
      if var last = runs.last, !cue.newTurn,
        last.speaker?.lowercased() == item.speaker?.lowercased()
      {
        let joins =
          item.speaker != nil
          || (cue.start - last.end < unattributedGap && cue.end - last.start <= unattributedSpan)
        if joins {
          if !item.words.isEmpty { last.words.append(item.words) }
          last.end = max(last.end, cue.end)
          runs[runs.count - 1] = last
          continue
        }
      }
      runs.append(
        Run(
          speaker: item.speaker, words: item.words.isEmpty ? [] : [item.words], start: cue.start,
          end: cue.end, line: cue.line))
    }

    var text = String.UnicodeScalarView()
    var offset = 0
    var segments: [TranscriptSegment] = []
    var turn = -1
    var previousSpeaker: String??
    for run in runs {
      let words = run.words.joined(separator: " ")
      guard !words.isEmpty else { continue }
      let prefix = clock(run.start) + " " + (run.speaker.map { $0 + ": " } ?? "")
      text.append(contentsOf: prefix.unicodeScalars)
      offset += prefix.unicodeScalars.count
      let start = offset
      text.append(contentsOf: words.unicodeScalars)
      offset += words.unicodeScalars.count
      if previousSpeaker.map({ $0 != run.speaker }) ?? true || run.speaker == nil { turn += 1 }
      previousSpeaker = .some(run.speaker)
      segments.append(
        TranscriptSegment(
          speaker: run.speaker, span: TextSpan(start: start, end: offset), startTime: run.start,
          endTime: run.end,
          turn: turn, line: run.line))
      text.append("\n")
      offset += 1
    }
    return Transcript(text: String(text), header: header, segments: segments, warnings: warnings)
  }

  /// Whether a file labels only the first cue of each turn (as SubRip exports from editors do),
  /// rather than every cue (Zoom, Teams).
  ///
  /// A file that labels every cue repeats a speaker's label on consecutive cues, and its rare
  /// unlabelled cue (Zoom's `Hmm.`) names no one. A file that labels turns never needs to repeat
  /// a label, and has unlabelled cues after labelled ones: there the speaker is evident. So:
  /// labels mark turns when unlabelled cues follow labelled ones at least five times as often as
  /// a label repeats the previous cue's, two speakers or more take turns, and at least one cue in
  /// ten is labelled (a stray label in live captions claims nothing).
  static func labelsMarkTurnsOnly(_ speakers: [String?]) -> Bool {
    var repeats = 0
    var continuations = 0
    var labelledCues = 0
    var names: Set<String> = []
    for (index, speaker) in speakers.enumerated() {
      guard let speaker else {
        if labelledCues > 0 { continuations += 1 }
        continue
      }
      labelledCues += 1
      names.insert(speaker.lowercased())
      if index > 0, speakers[index - 1]?.lowercased() == speaker.lowercased() { repeats += 1 }
    }
    return continuations > 0 && continuations >= 5 * repeats && names.count >= 2
      && labelledCues * 10 >= speakers.count
  }

  /// `Name: words` → ("Name", "words"), split at the first colon; a label is 1–5 words, at most
  /// 40 characters, starts with a letter and has no `?!,;"` (`Dr. Melissa Ko` and `Sam (he/him)`
  /// are names). `[SPEAKER_00]:` loses its brackets; `[MARIA] words` (subtitles for the deaf)
  /// is a label too, unless the bracket holds a sound (`[MUSIC PLAYING]`).
  static func splitLabel(_ text: String) -> (speaker: String?, words: String) {
    if text.hasPrefix("["), let bracket = bracketLabel(text), !bracket.words.isEmpty {
      return bracket
    }
    guard let colon = text.firstIndex(of: ":") else { return (nil, text) }
    var label = text[..<colon].trimmingCharacters(in: .whitespaces)
    let words = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    if label.hasPrefix("["), label.hasSuffix("]") { label = String(label.dropFirst().dropLast()) }
    guard !label.isEmpty, label.count <= 40, !words.isEmpty,
      label.split(separator: " ").count <= 5,
      !label.contains(where: { "?!,;\"".contains($0) }),
      label.first?.isLetter == true
    else { return (nil, text) }
    // Times such as "10:30" never reach here (a label starts with a letter).
    return (label, words)
  }

  /// `[Name] words` or `[Name]: words` → ("Name", "words") when the bracket holds a name: 1–4
  /// words, at most 40 characters, opening with a capital letter, no sound word (`CueLines.sounds`)
  /// and no `?!,;"`.
  static func bracketLabel(_ text: String) -> (speaker: String?, words: String)? {
    guard text.hasPrefix("["), let close = text.prefix(42).firstIndex(of: "]") else { return nil }
    let label = text[text.index(after: text.startIndex)..<close].trimmingCharacters(
      in: .whitespaces)
    var words = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
    if words.hasPrefix(":") { words = words.dropFirst().trimmingCharacters(in: .whitespaces) }
    let parts = label.split(separator: " ")
    guard !label.isEmpty, label.count <= 40, (1...4).contains(parts.count),
      label.first?.isUppercase == true,
      !label.contains(where: { "?!,;\"".contains($0) }),
      !parts.contains(where: {
        CueLines.sounds.contains($0.lowercased().trimmingCharacters(in: .punctuationCharacters))
      })
    else { return nil }
    return (label, words)
  }

  /// `01:02:03` for 3723.4 seconds.
  static func clock(_ seconds: Double) -> String {
    let whole = seconds.isFinite ? Int(min(max(0, seconds), Self.longestTime)) : 0
    return String(format: "%02d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
  }

  // MARK: - Shared cue text handling

  /// The longest time a cue may be at: 10,000 hours. Beyond it a time is a mistake (or an
  /// attack: 19-digit hours overflowed the clock and crashed the reader).
  static let longestTime = 36_000_000.0

  /// Seconds from `hh:mm:ss.mmm`, `mm:ss.mmm`, unpadded `0:0:1.23`, with `.` or `,` before the
  /// fraction; nil when it is not a time, or later than `longestTime`.
  static func seconds(_ text: Substring) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count) else { return nil }
    var total = 0.0
    for part in parts.dropLast() {
      guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part)
      else { return nil }
      total = total * 60 + Double(value)
    }
    let last = parts[parts.count - 1].replacingOccurrences(of: ",", with: ".")
    guard !last.isEmpty, last.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      let value = Double(last),
      value < 60
    else { return nil }
    let seconds = total * 60 + value
    return seconds <= Self.longestTime ? seconds : nil
  }

  /// A `start --> end [settings]` line's times; nil when the line has no arrow.
  ///
  /// - Throws: `IngestError` when the line has an arrow but its times cannot be read.
  static func times(_ line: String, file: String, line number: Int) throws -> (Double, Double)? {
    guard let arrow = line.range(of: "-->") else { return nil }
    let left = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
    let right = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
    let endText = right.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    guard let start = seconds(Substring(left)), let end = seconds(Substring(endText)) else {
      throw IngestError(
        InputLocation(file: file, line: number), .transcript,
        "cannot read the cue times '\(line.prefix(60))' (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)")
    }
    return (start, end)
  }

  /// Cue text without markup: tags (`<c.x>`, `<i>`, `<00:01.000>`, `</v>`), SubRip's `{\an8}`,
  /// and HTML entities decoded; line breaks become spaces. Returns the first voice tag's name.
  static func clean(_ raw: String) -> (text: String, voice: String?) {
    var output = ""
    var voice: String?
    var index = raw.startIndex
    while index < raw.endIndex {
      let character = raw[index]
      if character == "<", let close = raw[index...].firstIndex(of: ">") {
        let tag = raw[raw.index(after: index)..<close]
        if voice == nil, tag.hasPrefix("v ") || tag.hasPrefix("v.") {
          let name = tag.drop(while: { $0 != " " }).trimmingCharacters(in: .whitespaces)
          if !name.isEmpty { voice = name }
        }
        index = raw.index(after: close)
        continue
      }
      if character == "{", raw[index...].hasPrefix("{\\"),
        let close = raw[index...].firstIndex(of: "}")
      {
        index = raw.index(after: close)
        continue
      }
      output.append(character == "\n" ? " " : character)
      index = raw.index(after: index)
    }
    let decoded = decodeEntities(output)
    let collapsed = decoded.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
      .joined(separator: " ")
    return (collapsed, voice)
  }

  static let entities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "lrm": "",
    "rlm": "",
    "hellip": "…", "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘", "rdquo": "”",
    "ldquo": "“",
  ]

  /// `&amp;`, `&#39;`, `&#x2019;` and the named entities above; anything else is kept as written.
  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    var output = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
        let name = text[text.index(after: index)..<semicolon]
        var replacement: String?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
            String($0)
          }
        } else if name.hasPrefix("#") {
          replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        } else {
          replacement = entities[String(name)]
        }
        if let replacement {
          output += replacement
          index = text.index(after: semicolon)
          continue
        }
      }
      output.append(text[index])
      index = text.index(after: index)
    }
    return output
  }
}
