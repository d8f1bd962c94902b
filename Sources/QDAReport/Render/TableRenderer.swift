import Foundation
public import QDAAnalysis

/// Writes a table as Markdown, CSV (RFC 4180) or JSON.
public enum TableRenderer {
  public static func markdown(_ table: DataTable) -> String {
    var lines: [String] = []
    lines.append("| " + table.columns.map(escapeMarkdown).joined(separator: " | ") + " |")
    lines.append("|" + table.columns.enumerated().map { index, _ in index == 0 ? "---" : "--:" }.joined(separator: "|") + "|")
    for row in table.rows {
      lines.append("| " + row.map { escapeMarkdown($0.text) }.joined(separator: " | ") + " |")
    }
    var text = lines.joined(separator: "\n") + "\n"
    if !table.notes.isEmpty {
      text += "\n" + table.notes.map { "_\(escapeMarkdown($0))_" }.joined(separator: "  \n") + "\n"
    }
    return text
  }

  public static func csv(_ table: DataTable) -> String {
    var text = table.columns.map(escapeCSV).joined(separator: ",") + "\r\n"
    for row in table.rows {
      text += row.map { escapeCSV($0.text.trimmingLeadingSpaces) }.joined(separator: ",") + "\r\n"
    }
    return text
  }

  /// JSON: the table with each cell's text, value and passage ids.
  public static func json(_ table: DataTable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(table)) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func escapeMarkdown(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "|": result += "\\|"
      case "\n": result += " "
      default: result.append(character)
      }
    }
    return result.replacingOccurrences(of: "  ", with: "\u{00A0}\u{00A0}")
  }

  static func escapeCSV(_ text: String) -> String { CSVCell.escape(text) }
}

extension String {
  var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
