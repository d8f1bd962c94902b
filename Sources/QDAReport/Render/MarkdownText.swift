/// Words from the data (what participants said, attribute values, code names, file names) made
/// safe to put in Markdown: they read as the same words and never as markup. Raw HTML
/// (`<script>`), links and images (`[x](javascript:…)`), emphasis, code spans, entity references
/// and a heading or block quote at the start of a line are all shown as typed.
///
/// CommonMark lets any ASCII punctuation be escaped with a backslash; these are the characters
/// that start markup mid-line, and `#`, `>`, `-`, `+` and `=` only where a line starts.
enum MarkdownText {
  /// Characters that can start markup anywhere in a line.
  static let inline: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "!", "~"]
  /// Characters that start a block (heading, quote, list, setext underline) at a line's start.
  static let lineStart: Set<Character> = ["#", ">", "-", "+", "="]

  /// The text escaped for a paragraph, heading or list item; new lines kept.
  static func escape(_ text: String) -> String {
    guard text.contains(where: { inline.contains($0) || lineStart.contains($0) }) else {
      return text
    }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    var atLineStart = true
    let characters = Array(text)
    for (index, character) in characters.enumerated() {
      if character == "\n" {
        result.append(character)
        atLineStart = true
        continue
      }
      let next = index + 1 < characters.count ? characters[index + 1] : " "
      // `&` starts an entity only before a name or `#`, `!` an image only before `[`: "Beatty &
      // Feldman", "Wow!" and "years_as_admin" stay as they are.
      let markup =
        switch character {
        case "&": next.isLetter || next == "#"
        case "!": next == "["
        // `_` between letters or digits never makes emphasis (CommonMark's flanking rules).
        case "_":
          !(index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber)
            && (next.isLetter || next.isNumber))
        default: inline.contains(character) || (atLineStart && lineStart.contains(character))
        }
      if markup { result.append("\\") }
      result.append(character)
      if atLineStart && character != " " { atLineStart = false }
    }
    return result
  }

  /// The text escaped for one line (new lines become spaces), as in a list item.
  static func escapeLine(_ text: String) -> String {
    escape(String(text.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 }))
  }
}
