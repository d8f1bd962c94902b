import QDAModel

/// Reads Word `.docx` transcripts: each Word paragraph is a passage, speaker labels are found as
/// in plain text plus the forms Word users write:
/// - a bold label at the start of a paragraph (`**Interviewer:** …`, `**Ms. Hale**: …`), accepted
///   even when that speaker speaks once;
/// - a bold name alone in its paragraph, with the words in the paragraphs after it, when that
///   name stands alone at least twice;
/// - a two-column table of speaker and words, as transcription services deliver.
/// Other tables are flattened, a row per paragraph with tabs between cells. Leading
/// `Key: value` paragraphs (`Participant: P04`, `Date: …`) form the header.
///
/// A document without any label is one unattributed speaker: every paragraph a passage of the
/// document's participant.
public enum WordTranscript {
  public static func parse(bytes: [UInt8], file: String) throws -> Transcript {
    let word = try WordDocument(bytes: bytes, file: file)
    var paragraphs: [String] = []
    var known: Set<String> = []

    // Bold names alone in their paragraph count as labels when they recur.
    var standalone: [String: Int] = [:]
    for case .paragraph(let paragraph) in word.blocks {
      if let label = standaloneLabel(paragraph) { standalone[label.lowercased(), default: 0] += 1 }
    }

    for block in word.blocks {
      switch block {
      case .paragraph(let paragraph):
        let text = paragraph.text
        guard !text.allSatisfy(\.isWhitespace) else { continue }
        if let label = standaloneLabel(paragraph), (standalone[label.lowercased()] ?? 0) >= 2 {
          known.insert(label)
          paragraphs.append(label + ":")
        } else {
          if let label = inlineLabel(paragraph) { known.insert(label) }
          paragraphs.append(text)
        }
      case .table(let rows):
        if let turns = speakerTable(rows) {
          for (speaker, words) in turns {
            known.insert(speaker)
            paragraphs.append(speaker + ": " + words)
          }
        } else {
          for row in rows where row.contains(where: { !$0.isEmpty }) {
            paragraphs.append(row.joined(separator: "\t"))
          }
        }
      }
    }
    guard !paragraphs.isEmpty else {
      throw IngestError(
        InputLocation(file: file), .transcript, "no text found in the Word document")
    }
    let text = joinHeader(paragraphs)
    return try PlainTextTranscript.parse(text, file: file, knownSpeakers: known)
  }

  /// A label in bold at the start: `Interviewer:` in bold, or `Ms. Hale` in bold then `:`.
  static func inlineLabel(_ paragraph: WordDocument.Paragraph) -> String? {
    guard let bold = paragraph.boldPrefix else { return nil }
    var label = bold
    if label.hasSuffix(":") {
      label.removeLast()
    } else {
      let rest = paragraph.text.drop { $0.isWhitespace }.dropFirst(bold.count)
      guard rest.first == ":" else { return nil }
    }
    label = label.trimmingSpaces
    return isPlausibleLabel(label) ? label : nil
  }

  /// A short bold name that is the whole paragraph (`INTERVIEWER`, `Ms. Hale`).
  static func standaloneLabel(_ paragraph: WordDocument.Paragraph) -> String? {
    guard let bold = paragraph.boldPrefix, bold == paragraph.text.trimmingSpaces else { return nil }
    var label = bold
    if label.hasSuffix(":") { label.removeLast() }
    label = label.trimmingSpaces
    guard isPlausibleLabel(label), let last = label.last, !".?!".contains(last) else { return nil }
    return label
  }

  private static func isPlausibleLabel(_ label: String) -> Bool {
    !label.isEmpty && label.count <= 40 && label.split(separator: " ").count <= 5
      && !label.contains(where: \.isNewline)
  }

  /// Turns of a two-column table whose first column holds short speaker names.
  static func speakerTable(_ rows: [WordDocument.Row]) -> [(String, String)]? {
    var body = rows.filter { $0.contains { !$0.isEmpty } }
    guard body.count >= 2, body.allSatisfy({ $0.count == 2 }) else { return nil }
    let headerWords: Set<String> = ["speaker", "name", "who", "person"]
    if headerWords.contains(body[0][0].trimmingSpaces.lowercased()) { body.removeFirst() }
    let turns = body.map { ($0[0].trimmingSpaces.trimmingColon, $0[1].trimmingSpaces) }
    let named = turns.filter { isPlausibleLabel($0.0) && !$0.1.isEmpty }
    guard !turns.isEmpty, named.count * 5 >= turns.count * 4 else { return nil }
    return named
  }

  /// Paragraphs joined by blank lines, except a leading run of `Key: value` header paragraphs,
  /// which stay together as the plain-text reader's header block.
  static func joinHeader(_ paragraphs: [String]) -> String {
    var headerCount = 0
    for paragraph in paragraphs {
      guard let colon = paragraph.firstIndex(of: ":") else {
        if headerCount == 0, paragraph.count <= 120, paragraphs.count > 1 {
          headerCount = 1  // a title line may open the header
          continue
        }
        break
      }
      let key = String(paragraph[..<colon]).trimmingSpaces.lowercased()
      let value = String(paragraph[paragraph.index(after: colon)...]).trimmingSpaces
      guard TranscriptHeader.keys.contains(key), !value.isEmpty,
        !value.contains("?"), !value.contains("!"), !value.contains("\n")
      else { break }
      if SpeakerVocabulary.roleHint(for: key) != nil, value.split(separator: " ").count > 4 {
        break
      }
      headerCount += 1
    }
    // A title alone is no header.
    if headerCount == 1, !paragraphs[0].contains(":") { headerCount = 0 }
    let header = paragraphs[..<headerCount].joined(separator: "\n")
    let body = paragraphs[headerCount...].joined(separator: "\n\n")
    return header.isEmpty ? body : header + "\n\n" + body
  }
}

extension StringProtocol {
  fileprivate var trimmingColon: String {
    var text = String(self)
    if text.hasSuffix(":") { text.removeLast() }
    return text.trimmingSpaces
  }
}
