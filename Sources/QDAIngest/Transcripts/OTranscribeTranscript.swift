import Foundation
import QDAModel

/// Reads oTranscribe `.otr` files: JSON whose `text` is the HTML of the transcription editor.
///
/// Paragraphs (`<p>`, `<div>`, `<br>`) become lines; a timestamp span
/// (`<span class="timestamp" data-timestamp="12.3">0:12</span>`) gives the time of the line it
/// starts, read from `data-timestamp` rather than the span's text; a bold name at the start of a
/// line (`<b>Ortiz</b>:` or `<strong>Q</strong>`) is a speaker even when it occurs once. The
/// lines are then read as a plain-text transcript, so speaker turns, roles and unlabelled
/// continuation paragraphs work as they do there. `media` is kept in the header.
public enum OTranscribeTranscript {
  /// Parses the file's text.
  ///
  /// - Throws: `IngestError` (`.transcript`) when the file is not JSON with a `text` string, or
  ///   holds no speech.
  public static func parse(_ text: String, file: String) throws -> Transcript {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else {
      throw IngestError(
        InputLocation(file: file, line: 1), .transcript,
        "not an oTranscribe file: expected a JSON object")
    }
    guard let html = object["text"] as? String else {
      throw IngestError(
        InputLocation(file: file, line: 1), .transcript,
        "not an oTranscribe file: no \"text\" string")
    }
    let (plain, bold) = lines(fromHTML: html)
    var transcript = try PlainTextTranscript.parse(plain, file: file, knownSpeakers: bold)
    if let media = object["media"] as? String, !media.isEmpty { transcript.header["media"] = media }
    return transcript
  }

  /// The editor's HTML as text lines, `[hh:mm:ss] ` before lines that start with a timestamp,
  /// and the names that were bold at a line start.
  static func lines(fromHTML html: String) -> (text: String, bold: Set<String>) {
    var lines: [String] = []
    var current = ""
    var bold: Set<String> = []
    var boldText: String?
    var pendingTime: Double?
    var skipUntilSpanClose = false
    var index = html.startIndex

    func endLine() {
      let cleaned = CaptionTranscript.decodeEntities(current)
        .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\n" })
        .joined(separator: " ")
      if !cleaned.isEmpty {
        lines.append((pendingTime.map { "[" + CaptionTranscript.clock($0) + "] " } ?? "") + cleaned)
      } else if !(lines.last?.isEmpty ?? true) {
        lines.append("")
      }
      if !cleaned.isEmpty { pendingTime = nil }
      current = ""
    }

    while index < html.endIndex {
      let character = html[index]
      guard character == "<", let close = html[index...].firstIndex(of: ">") else {
        if !skipUntilSpanClose {
          current.append(character)
          boldText?.append(character)
        }
        index = html.index(after: index)
        continue
      }
      let tag = html[html.index(after: index)..<close].lowercased()
      let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
      let closing = tag.hasPrefix("/")
      switch (name, closing) {
      case ("p", _), ("div", _), ("br", _), ("li", _):
        endLine()
        // A paragraph ends a paragraph: keep a blank line between them.
        if name != "br", closing { lines.append("") }
      case ("span", false) where tag.contains("timestamp"):
        if let time = attribute("data-timestamp", in: String(html[index...close])).flatMap(
          Double.init)
        {
          if current.trimmingCharacters(in: .whitespaces).isEmpty { pendingTime = time }
        }
        skipUntilSpanClose = true
      case ("span", true):
        skipUntilSpanClose = false
      case ("b", false), ("strong", false):
        if current.trimmingCharacters(in: .whitespaces).isEmpty { boldText = "" }
      case ("b", true), ("strong", true):
        if let name = boldText?.trimmingCharacters(in: CharacterSet(charactersIn: " :")),
          !name.isEmpty
        {
          bold.insert(CaptionTranscript.decodeEntities(name))
          // `<b>Ortiz</b> words`: make it a label.
          if !current.trimmingCharacters(in: .whitespaces).hasSuffix(":"),
            !html[html.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix(":")
          {
            current += ":"
          }
        }
        boldText = nil
      default:
        break
      }
      index = html.index(after: close)
    }
    endLine()
    while lines.last?.isEmpty == true { lines.removeLast() }
    return (lines.joined(separator: "\n"), bold)
  }

  /// The value of `name="…"` in a tag.
  static func attribute(_ name: String, in tag: String) -> String? {
    guard let range = tag.range(of: name + "=") else { return nil }
    let rest = tag[range.upperBound...]
    guard let quote = rest.first, quote == "\"" || quote == "'" else {
      return rest.prefix(while: { !$0.isWhitespace && $0 != ">" }).description
    }
    return rest.dropFirst().prefix(while: { $0 != quote }).description
  }
}
