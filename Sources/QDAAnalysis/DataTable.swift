public import QDAModel
import Foundation

/// A table ready to render as Markdown, CSV or JSON, each count carrying the passages behind it.
public struct DataTable: Hashable, Sendable, Codable {
  /// A stable id, used for file names and anchors (`time_commitment`): letters, digits, `_` and
  /// `-` only (`DataTable.slug`), whatever data it was made from (an attribute named
  /// `x/../../y` gives `crosstab_x_y`).
  public var id: String
  public var title: String
  public var columns: [String]
  public var rows: [[TableCell]]
  /// Lines printed under the table: denominators, how a figure was computed.
  public var notes: [String]
  /// The table as data (its CSV and data dictionary); nil for a table only the brief shows,
  /// whose CSV is then its cells' words (`asData`).
  public var data: TableData?

  public init(
    id: String, title: String, columns: [String], rows: [[TableCell]], notes: [String] = [],
    data: TableData? = nil
  ) {
    self.id = Self.slug(id)
    self.title = title
    self.columns = columns
    self.rows = rows
    self.notes = notes
    self.data = data
  }

  /// The table as data: `data`, or else each column's words as text under a name made unique.
  public var asData: TableData {
    if let data { return data }
    var names: Set<String> = []
    let columns = columns.map { title in
      var name = DataColumn.name(title)
      var number = 2
      while names.contains(name) { name = DataColumn.name(title) + "_\(number)"; number += 1 }
      names.insert(name)
      return DataColumn.text(name, "The table's column “\(title)”, as shown.")
    }
    return TableData(
      columns: columns,
      rows: rows.map { $0.map { DataValue.text($0.text.trimmingCharacters(in: .whitespaces)) } })
  }
}

/// A table as data for R, pandas or a spreadsheet (its CSV): one value per cell (a count and
/// its passages, or a count and its share, in columns of their own), numbers as numbers, empty
/// for none, unique column names, and each column described in the table's data dictionary.
/// The Markdown and JSON keep the table as people read it.
public struct TableData: Hashable, Sendable, Codable {
  public var columns: [DataColumn]
  public var rows: [[DataValue]]

  public init(columns: [DataColumn], rows: [[DataValue]]) {
    self.columns = columns
    self.rows = rows
  }
}

/// One column of a table's data: its name (lower case, `_` between words), its type and what
/// it holds, as the data dictionary lists it.
public struct DataColumn: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    /// Words; empty when there are none.
    case text
    /// A whole number (a count); empty when there is none.
    case integer
    /// A number (a mean, a share in percent, a confidence); empty when there is none.
    case number
  }

  public var name: String
  public var kind: Kind
  public var meaning: String

  public init(_ name: String, _ kind: Kind, _ meaning: String) {
    self.name = name
    self.kind = kind
    self.meaning = meaning
  }

  public static func text(_ name: String, _ meaning: String) -> DataColumn {
    DataColumn(name, .text, meaning)
  }
  public static func integer(_ name: String, _ meaning: String) -> DataColumn {
    DataColumn(name, .integer, meaning)
  }
  public static func number(_ name: String, _ meaning: String) -> DataColumn {
    DataColumn(name, .number, meaning)
  }

  /// A column name from words: ASCII letters and digits lower-cased, every other run one `_`.
  public static func name(_ words: String) -> String {
    DataTable.slug(words.folding(options: [.diacriticInsensitive], locale: nil)).lowercased()
      .replacingOccurrences(of: "-", with: "_")
  }
}

/// One value of a table's data.
public enum DataValue: Hashable, Sendable, Codable, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral
{
  case text(String)
  case integer(Int)
  case number(Double)
  /// Nothing to say (no estimate, no mean of no answers): an empty cell.
  case missing

  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }

  /// A number, or missing.
  public static func numberOrMissing(_ value: Double?) -> DataValue {
    value.map { .number($0) } ?? .missing
  }

  /// The value as a CSV cell's words: integers in digits, other numbers in the shortest
  /// decimal that reads back as the same number (never an exponent), empty when missing.
  public var csvText: String {
    switch self {
    case .text(let text): return text
    case .integer(let value): return String(value)
    case .missing: return ""
    case .number(let value):
      guard value.isFinite else { return "" }
      if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
      let shortest = String(value)
      guard let e = shortest.firstIndex(of: "e"),
        let exponent = Int(shortest[shortest.index(after: e)...])
      else {
        return shortest
      }
      // "1.4285714285714286e-05" → "0.000014285714285714286": the same digits, the point moved.
      var mantissa = shortest[..<e]
      let negative = mantissa.hasPrefix("-")
      if negative { mantissa = mantissa.dropFirst() }
      let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
      let digits = parts[0] + (parts.count > 1 ? parts[1] : "")
      let point = parts[0].count + exponent
      var text: String
      if point <= 0 {
        text = "0." + String(repeating: "0", count: -point) + digits
      } else if point >= digits.count {
        text = digits + String(repeating: "0", count: point - digits.count)
      } else {
        text = digits.prefix(point) + "." + digits.dropFirst(point)
      }
      return (negative ? "-" : "") + text
    }
  }
}

extension DataTable {
  /// A name safe as a file name and an anchor: ASCII letters, digits, `_` and `-` kept; every
  /// run of anything else one `_`; no `_` at either end; `table` when nothing is left.
  public static func slug(_ text: String) -> String {
    var result = ""
    var gap = false
    for scalar in text.unicodeScalars {
      let kept =
        (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) || scalar == "_"
        || scalar == "-"
      if kept {
        if gap && !result.isEmpty { result.append("_") }
        gap = false
        result.unicodeScalars.append(scalar)
      } else {
        gap = true
      }
    }
    while result.hasSuffix("_") { result.removeLast() }
    return result.isEmpty ? "table" : result
  }
}

/// One cell: its text, its value when it is a number, and the passages (or, for survey
/// answers, the respondents) it counts.
public struct TableCell: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
  public var text: String
  public var value: Double?
  /// Held compactly: a large study's tables list tens of millions of passages.
  public var passages: PassageIDs
  /// The survey respondents a count counts, by id; nil for cells about passages.
  public var respondents: [String]?

  public init(
    _ text: String, value: Double? = nil, passages: [Int64] = [], respondents: [String]? = nil
  ) {
    self.init(text, value: value, passages: PassageIDs(passages), respondents: respondents)
  }

  public init(
    _ text: String, value: Double? = nil, passages: PassageIDs, respondents: [String]? = nil
  ) {
    self.text = text
    self.value = value
    self.passages = passages
    self.respondents = respondents
  }

  public init(stringLiteral value: String) {
    self.init(value)
  }

  /// A count cell.
  public static func count(_ count: Int, passages: [Int64] = []) -> TableCell {
    TableCell(String(count), value: Double(count), passages: passages)
  }

  public static func count(_ count: Int, passages: PassageIDs) -> TableCell {
    TableCell(String(count), value: Double(count), passages: passages)
  }
}
