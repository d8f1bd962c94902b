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

  public init(id: String, title: String, columns: [String], rows: [[TableCell]], notes: [String] = []) {
    self.id = Self.slug(id)
    self.title = title
    self.columns = columns
    self.rows = rows
    self.notes = notes
  }
}

extension DataTable {
  /// A name safe as a file name and an anchor: ASCII letters, digits, `_` and `-` kept; every
  /// run of anything else one `_`; no `_` at either end; `table` when nothing is left.
  public static func slug(_ text: String) -> String {
    var result = ""
    var gap = false
    for scalar in text.unicodeScalars {
      let kept = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) || scalar == "_" || scalar == "-"
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

  public init(_ text: String, value: Double? = nil, passages: [Int64] = [], respondents: [String]? = nil) {
    self.init(text, value: value, passages: PassageIDs(passages), respondents: respondents)
  }

  public init(_ text: String, value: Double? = nil, passages: PassageIDs, respondents: [String]? = nil) {
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
