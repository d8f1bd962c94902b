import Foundation
import QDAModel

/// Reads WebVTT captions as Zoom, Teams and captioning tools write them.
///
/// Handles a byte-order mark and CRLF (through `TextDecoder`), text after `WEBVTT`, header
/// metadata (`Kind:`, `Language:`), `NOTE`, `STYLE` and `REGION` blocks, optional cue ids, cue
/// settings after the times, `hh:mm:ss.mmm` and `mm:ss.mmm` times (Teams writes them unpadded:
/// `0:0:1.23`), voice tags `<v Name>`, class, style and karaoke-timestamp tags, and HTML
/// entities. Cues become passages as ``CaptionTranscript`` describes.
///
/// ```swift
/// let transcript = try WebVTTTranscript.parse(text, file: "meeting.vtt")
/// transcript.segments[0].speaker  // "Srijani Ghosh"
/// ```
public enum WebVTTTranscript {
  /// Parses decoded text (LF line breaks).
  ///
  /// - Throws: `IngestError` (`.transcript`) for a file that does not start with `WEBVTT`, cue
  ///   times that cannot be read, or a file with no captions.
  public static func parse(_ text: String, file: String) throws -> Transcript {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    guard let first = lines.first, first.hasPrefix("WEBVTT"),
      first.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t"
    else {
      throw IngestError(
        InputLocation(file: file, line: 1), .transcript,
        "not a WebVTT file: the first line must be WEBVTT")
    }
    var header: [String: String] = [:]
    let title = first.dropFirst(6).trimmingCharacters(in: .whitespaces)
    if !title.isEmpty { header["title"] = title }
    var index = 1
    // Header metadata up to the first blank line.
    while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty,
      !lines[index].contains("-->")
    {
      if let colon = lines[index].firstIndex(of: ":") {
        let key = lines[index][..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        header[key] = lines[index][lines[index].index(after: colon)...].trimmingCharacters(
          in: .whitespaces)
      }
      index += 1
    }

    var cues: [CaptionCue] = []
    var cueLines = CueLines()
    var warnings: [String] = []
    while index < lines.count {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      if line.isEmpty {
        index += 1
        continue
      }
      // NOTE, STYLE and REGION blocks run to the next blank line.
      if line == "NOTE" || line.hasPrefix("NOTE ") || line.hasPrefix("NOTE\t") || line == "STYLE"
        || line == "REGION"
      {
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
          index += 1
        }
        continue
      }
      var timing = try CaptionTranscript.times(line, file: file, line: index + 1)
      if timing == nil, index + 1 < lines.count {
        // A cue id, then the times.
        timing = try CaptionTranscript.times(lines[index + 1], file: file, line: index + 2)
        if timing != nil { index += 1 }
      }
      guard let (start, end) = timing else {
        warnings.append("\(file):\(index + 1): text outside any cue was skipped")
        while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
          index += 1
        }
        continue
      }
      let timesLine = index + 1
      if end < start {
        warnings.append("\(file):\(timesLine): the cue ends before it starts")
      }
      index += 1
      var body: [String] = []
      // The cue text runs to an empty line, or to the next times line when the blank is missing.
      // A line of spaces is text, as the WebVTT standard says (YouTube's captions open cues
      // with one, before the words).
      while index < lines.count, !lines[index].isEmpty, !lines[index].contains("-->") {
        body.append(lines[index])
        index += 1
      }
      // A cue id directly before the next times line (no blank line between cues) is not text.
      if index < lines.count, lines[index].contains("-->"), let last = body.last,
        Self.looksLikeCueID(last)
      {
        body.removeLast()
      }
      cues += cueLines.cues(body, start: start, end: end, line: timesLine)
    }
    return try CaptionTranscript.build(cues, header: header, file: file, warnings: warnings)
  }

  /// `48`, `6e1b5d3b-bf2b-4a4c/12-0`: a line with digits and no spaces, made of digits, letters,
  /// `-` and `/`, that holds a digit and either is all digits or has a `-` or `/`.
  static func looksLikeCueID(_ line: String) -> Bool {
    guard !line.contains(" "), line.contains(where: { $0.isNumber }) else { return false }
    return line.allSatisfy { $0.isNumber } || line.contains("-") || line.contains("/")
  }
}
