import Foundation
import QDAModel

/// Reads SubRip (`.srt`) captions: numbered blocks, `hh:mm:ss,mmm --> hh:mm:ss,mmm`, text lines.
///
/// Tolerates a missing final line break, CRLF, blocks without numbers or without the blank line
/// between them, `<i>`/`<b>`/`<font>` tags and `{\an8}` positioning codes. Speakers are found as
/// in WebVTT (`Name:` prefixes, `[SPEAKER_00]:`); a cue whose lines start with `- ` (broadcast
/// dialogue) keeps its lines as they are, unattributed.
public enum SubRipTranscript {
  /// Parses decoded text (LF line breaks).
  ///
  /// - Throws: `IngestError` (`.transcript`) for cue times that cannot be read, or a file with
  ///   no captions.
  public static func parse(_ text: String, file: String) throws -> Transcript {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var cues: [CaptionCue] = []
    var cueLines = CueLines()
    var warnings: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        index += 1
        continue
      }
      var timing = try CaptionTranscript.times(line, file: file, line: index + 1)
      if timing == nil, line.allSatisfy({ $0.isNumber }), index + 1 < lines.count {
        timing = try CaptionTranscript.times(lines[index + 1], file: file, line: index + 2)
        if timing != nil { index += 1 }
      }
      guard let (start, end) = timing else {
        throw IngestError(
          InputLocation(file: file, line: index + 1), .transcript,
          "expected a cue number or 'hh:mm:ss,mmm --> hh:mm:ss,mmm', found '\(line.prefix(40))'")
      }
      let timesLine = index + 1
      if end < start { warnings.append("\(file):\(timesLine): the cue ends before it starts") }
      index += 1
      var body: [String] = []
      while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty,
        !lines[index].contains("-->")
      {
        body.append(lines[index])
        index += 1
      }
      if index < lines.count, lines[index].contains("-->"), let last = body.last,
        last.allSatisfy({ $0.isNumber })
      {
        body.removeLast()
      }
      cues += cueLines.cues(body, start: start, end: end, line: timesLine).map { cue in
        var cue = cue
        cue.voice = nil  // SubRip has no voice tags; a <v> in one is markup to drop
        return cue
      }
    }
    return try CaptionTranscript.build(cues, header: [:], file: file, warnings: warnings)
  }
}
