public import Foundation
public import QDAAnalysis
import QDAModel

/// Writes a table as Markdown, CSV (RFC 4180) or JSON.
public enum TableRenderer {
  public static func markdown(_ table: DataTable) -> String {
    var text = ""
    writeMarkdown(table) { text += $0 }
    return text
  }

  /// The Markdown handed to `sink` a megabyte or so at a time.
  public static func writeMarkdown(_ table: DataTable, to sink: (String) throws -> Void) rethrows {
    var text = "| " + table.columns.map(escapeMarkdown).joined(separator: " | ") + " |\n"
    text +=
      "|"
      + table.columns.enumerated().map { index, _ in index == 0 ? "---" : "--:" }.joined(
        separator: "|") + "|\n"
    for row in table.rows {
      text += "| " + row.map { escapeMarkdown($0.text) }.joined(separator: " | ") + " |\n"
      if text.utf8.count >= OutputPieces.size {
        try sink(text)
        text = ""
      }
    }
    if !table.notes.isEmpty {
      text += "\n" + table.notes.map { "_\(escapeMarkdown($0))_" }.joined(separator: "  \n") + "\n"
    }
    try sink(text)
  }

  public static func csv(_ table: DataTable) -> String {
    var text = ""
    writeCSV(table) { text += $0 }
    return text
  }

  /// The table as data (`DataTable.asData`): a header of unique column names, then one value
  /// per cell, handed to `sink` a megabyte or so at a time.
  public static func writeCSV(_ table: DataTable, to sink: (String) throws -> Void) rethrows {
    let data = table.asData
    var text = data.columns.map { escapeCSV($0.name) }.joined(separator: ",") + "\r\n"
    for row in data.rows {
      text += row.map { escapeCSV($0.csvText) }.joined(separator: ",") + "\r\n"
      if text.utf8.count >= OutputPieces.size {
        try sink(text)
        text = ""
      }
    }
    try sink(text)
  }

  /// The data dictionary of a table's CSV: each column's name, type (text, integer, number)
  /// and what it holds.
  public static func dictionaryCSV(_ table: DataTable) -> String {
    var text = "column,type,meaning\r\n"
    for column in table.asData.columns {
      text +=
        [column.name, column.kind.rawValue, column.meaning].map(escapeCSV).joined(separator: ",")
        + "\r\n"
    }
    return text
  }

  /// JSON: the table with each cell's text, value and passage ids.
  public static func json(_ table: DataTable) -> String {
    String(decoding: jsonBytes(table), as: UTF8.self)
  }

  /// The JSON as UTF-8, written by hand in exactly the bytes `JSONEncoder` gives for the table
  /// (pretty-printed, keys sorted, slashes unescaped) and a final line break: a large study's
  /// table lists millions of passage ids, which the encoder would hold as a tree of values and
  /// then as text more than once.
  public static func jsonBytes(_ table: DataTable) -> [UInt8] {
    var bytes: [UInt8] = []
    writeJSONBytes(table) { bytes += $0 }
    return bytes
  }

  /// The JSON handed to `sink` a row at a time (or a few rows, a megabyte or so): a large
  /// study's table runs to a hundred megabytes and more.
  public static func writeJSON(_ table: DataTable, to sink: (Data) throws -> Void) rethrows {
    try writeJSONBytes(table) { try sink(Data($0)) }
  }

  private static func writeJSONBytes(_ table: DataTable, _ sink: ([UInt8]) throws -> Void) rethrows
  {
    var out = PrettyJSON()
    out.append("{\n")
    out.key("columns", indent: 2); out.strings(table.columns, indent: 2); out.append(",\n")
    out.key("id", indent: 2); out.string(table.id); out.append(",\n")
    out.key("notes", indent: 2); out.strings(table.notes, indent: 2); out.append(",\n")
    out.key("rows", indent: 2)
    try out.list(table.rows, indent: 2) { out, row in
      out.list(row, indent: 4) { out, cell in
        out.append("{\n")
        out.key("passages", indent: 8); out.integers(cell.passages, indent: 8)
        if let respondents = cell.respondents {
          out.append(",\n"); out.key("respondents", indent: 8); out.strings(respondents, indent: 8)
        }
        out.append(",\n"); out.key("text", indent: 8); out.string(cell.text)
        if let value = cell.value {
          out.append(",\n"); out.key("value", indent: 8); out.number(value)
        }
        out.append("\n"); out.indent(6); out.append("}")
      }
      if out.bytes.count >= OutputPieces.size {
        try sink(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
      }
    }
    out.append(",\n")
    out.key("title", indent: 2); out.string(table.title)
    out.append("\n}\n")
    try sink(out.bytes)
  }

  /// A table cell: its words escaped as `MarkdownText` does, `|` escaped, new lines as spaces
  /// and runs of spaces kept.
  static func escapeMarkdown(_ text: String) -> String {
    // Most cells have nothing to escape: said by one pass over the bytes.
    var previousSpace = false
    var plain = true
    for byte in text.utf8 {
      if byte == 0x7C || byte == 0x0A || (byte == 0x20 && previousSpace)
        || markupBytes.contains(byte)
      {
        plain = false; break
      }
      previousSpace = byte == 0x20
    }
    if plain { return text }
    return MarkdownText.escapeLine(text).replacingOccurrences(of: "|", with: "\\|")
      .replacingOccurrences(of: "  ", with: "\u{00A0}\u{00A0}")
  }

  /// The bytes of the characters `MarkdownText` escapes.
  static let markupBytes: Set<UInt8> = Set(
    (MarkdownText.inline.union(MarkdownText.lineStart)).compactMap { $0.asciiValue })

  static func escapeCSV(_ text: String) -> String { CSVCell.escape(text) }
}

/// Pretty-printed JSON written by hand in the bytes `JSONEncoder` gives (`.prettyPrinted`,
/// `.sortedKeys`, `.withoutEscapingSlashes`): two spaces a level, `"key" : value`, one element a
/// line, an empty list as `[`, an empty line and `]`; strings through `JSONString`. For the
/// outputs too large for the encoder (tables, `analysis.json`'s passages).
struct PrettyJSON {
  var bytes: [UInt8] = []

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func indent(_ count: Int) { bytes.append(contentsOf: repeatElement(0x20, count: count)) }

  /// `"name" : ` at `indent` spaces.
  mutating func key(_ name: StaticString, indent count: Int) {
    indent(count)
    bytes.append(0x22)
    append(name)
    append("\" : ")
  }

  mutating func string(_ value: String) { JSONString.append(value, to: &bytes) }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { append("null") }
  }

  mutating func integer<T: BinaryInteger>(_ value: T) {
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func number(_ value: Double) { bytes.append(contentsOf: JSONString.number(value).utf8) }

  /// A list whose opening bracket follows a key or starts a line at `indent`; its elements
  /// stand two spaces further in.
  mutating func list<Elements: Collection>(
    _ elements: Elements, indent count: Int,
    _ element: (inout PrettyJSON, Elements.Element) throws -> Void
  ) rethrows {
    append("[\n")
    if elements.isEmpty { append("\n") }
    for (index, value) in elements.enumerated() {
      if index > 0 { append(",\n") }
      indent(count + 2)
      try element(&self, value)
    }
    if !elements.isEmpty { append("\n") }
    indent(count)
    append("]")
  }

  mutating func strings(_ values: [String], indent count: Int) {
    list(values, indent: count) { out, value in out.string(value) }
  }

  mutating func integers(_ values: some Collection<Int64>, indent count: Int) {
    list(values, indent: count) { out, value in out.integer(value) }
  }
}
