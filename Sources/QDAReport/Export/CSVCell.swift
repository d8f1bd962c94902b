import Foundation

/// One CSV cell as QDAKit writes it: RFC 4180 quoting, and text that a spreadsheet would run as
/// a formula made inert.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
/// LibreOffice and Google Sheets (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`), and participants' words
/// and imported codes can begin so. Such a cell gets a leading apostrophe, which spreadsheets
/// show as text and do not display (OWASP's advice on CSV injection). A plain number such as
/// `-0.25` is left alone: it cannot be a formula.
///
/// ```swift
/// CSVCell.escape("=HYPERLINK(\"http://x\")")  // "\"'=HYPERLINK(\"\"http://x\"\")\""
/// CSVCell.escape("-0.25")                     // "-0.25"
/// ```
public enum CSVCell {
  /// The characters that start a formula.
  static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

  /// The cell's text, neutralised and quoted as needed.
  public static func escape(_ text: String) -> String {
    var text = text
    if let first = text.first, formulaStarts.contains(first), !isPlainNumber(text) {
      text = "'" + text
    }
    if text.contains(where: {
      $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" || $0 == "\t"
    }) {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }

  /// `-3`, `+4.5`, `-0.25e2`: a number and nothing else.
  static func isPlainNumber(_ text: String) -> Bool {
    guard let first = text.first, first == "-" || first == "+" else { return false }
    let rest = text.dropFirst()
    guard let digit = rest.first, digit.isASCII, digit.isNumber || digit == "." else {
      return false
    }
    return Double(text) != nil && !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
  }
}
