/// Checks a full-text query before SQLite sees it, so a mistake gets a sentence saying what to
/// fix rather than `fts5: syntax error near "AND"`.
///
/// The language is SQLite FTS5's over stemmed words: `time` (also times, timing), `"planning
/// time"` (a phrase), `collab*` (a prefix), `NEAR(time alone, 5)`, `time AND alone`,
/// `time OR hours`, `time NOT hours`, parentheses. Operators are upper case; lower-case `and`,
/// `or`, `not` are words.
public enum FullTextQuery {
  /// The query, trimmed, when it is well formed.
  ///
  /// - Throws: ``QueryError`` naming the problem and the fix.
  public static func check(_ query: String) throws -> String {
    let text = Substring(query).trimmingSpaces.trimmingCharacters(inSet: "\t\n")
    guard !text.isEmpty else { return "" }
    if text.filter({ $0 == "\"" }).count % 2 == 1 {
      throw QueryError(
        "the query has an unclosed quote: close the phrase with \" (for example \"planning time\")")
    }
    var depth = 0
    var inQuotes = false
    for character in text {
      if character == "\"" { inQuotes.toggle() }
      guard !inQuotes else { continue }
      if character == "(" { depth += 1 }
      if character == ")" {
        depth -= 1
        if depth < 0 { throw QueryError("the query closes a parenthesis it never opened") }
      }
    }
    if depth > 0 { throw QueryError("the query opens a parenthesis it never closes") }
    let tokens = tokenize(text)
    let operators: Set<String> = ["AND", "OR", "NOT"]
    if let first = tokens.first, operators.contains(first) {
      throw QueryError(
        "the query starts with \(first): put a word before it (for example time \(first) alone)")
    }
    if let last = tokens.last, operators.contains(last) {
      throw QueryError(
        "the query ends with \(last): put a word after it (for example time \(last) alone)")
    }
    for (index, token) in tokens.enumerated().dropFirst()
    where operators.contains(token) && operators.contains(tokens[index - 1]) {
      throw QueryError("\(tokens[index - 1]) \(token) has no word between the operators")
    }
    for token in tokens
    where token.hasSuffix(":") || (token.contains(":") && !token.hasPrefix("\"")) {
      let column = token.split(separator: ":").first.map(String.init) ?? token
      if column != "text" {
        throw QueryError(
          "'\(column):' is not something to search in; search the passage text without a prefix (or text:…)"
        )
      }
    }
    if text.contains("NEAR"), !text.contains("NEAR(") {
      throw QueryError("write NEAR as NEAR(word word, distance), for example NEAR(time alone, 5)")
    }
    if text.contains("*"), tokens.contains(where: { $0.hasPrefix("*") }) {
      throw QueryError("a * goes at the end of a word prefix (collab*), not at its start")
    }
    return text
  }

  /// Words, quoted phrases and operators, parentheses dropped.
  static func tokenize(_ text: String) -> [String] {
    var tokens: [String] = []
    var current = ""
    var inQuotes = false
    for character in text {
      if character == "\"" {
        inQuotes.toggle()
        current.append(character)
        continue
      }
      if !inQuotes, character == " " || character == "(" || character == ")" || character == "," {
        if !current.isEmpty { tokens.append(current) }
        current = ""
        continue
      }
      current.append(character)
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }
}
