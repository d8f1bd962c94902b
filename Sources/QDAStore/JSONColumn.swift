import Foundation
import QDAModel

/// JSON text columns (lists and dictionaries), written with sorted keys so a project file's
/// content does not depend on dictionary order.
enum JSONColumn {
  static func encode<T: Encodable>(_ value: T) -> String {
    // Lists of strings reach here through generic callers (a document's speakers) too.
    if let strings = value as? [String] { return encode(strings) }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }

  /// A list of strings as `encode` writes it (`["a","b"]`), without the encoder: codings'
  /// matched words are written hundreds of thousands of times in a large study.
  static func encode(_ strings: [String]) -> String {
    var bytes: [UInt8] = []
    append(strings, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends a list of strings as `encode` writes it.
  static func append(_ strings: [String], to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "["))
    for (index, string) in strings.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(string, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// A dictionary of strings as `encode` writes it (keys sorted), without the encoder: every
  /// survey respondent's document has one.
  static func encode(_ dictionary: [String: String]) -> String {
    var bytes: [UInt8] = []
    appendObject(dictionary, to: &bytes) { JSONString.append($0, to: &$1) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A JSON object with its keys sorted, each value written by `value`.
  static func appendObject<Value>(
    _ dictionary: [String: Value], to bytes: inout [UInt8], value: (Value, inout [UInt8]) -> Void
  ) {
    bytes.append(UInt8(ascii: "{"))
    for (index, entry) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(entry.key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      value(entry.value, &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// A list of strings read back: by `JSONReader` when written as `encode` writes it, else
  /// through the decoder (white space between tokens, say).
  static func decode(_ type: [String].Type, _ text: String?, default fallback: [String]) -> [String]
  {
    guard let text else { return fallback }
    return JSONReader.read(text) { $0.strings() } ?? foundationDecode(type, text, default: fallback)
  }

  /// A dictionary of strings read back (documents' metadata), as the list above.
  static func decode(
    _ type: [String: String].Type, _ text: String?, default fallback: [String: String]
  ) -> [String: String] {
    guard let text else { return fallback }
    return JSONReader.read(text) { $0.object { $0.string() } }
      ?? foundationDecode(type, text, default: fallback)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String?, default fallback: T) -> T {
    guard let text else { return fallback }
    return foundationDecode(type, text, default: fallback)
  }

  private static func foundationDecode<T: Decodable>(
    _ type: T.Type, _ text: String, default fallback: T
  ) -> T {
    (try? JSONDecoder().decode(T.self, from: Data(text.utf8))) ?? fallback
  }
}

/// Keeps one copy of each distinct value read, so that values repeated over millions of rows
/// (code ids, coders, speakers) share one storage instead of one allocation per row.
struct Interner<Value: Hashable> {
  private var seen: Set<Value> = []

  /// The copy kept of `value` (the first one seen equal to it).
  mutating func intern(_ value: Value) -> Value {
    if let kept = seen.firstIndex(of: value) { return seen[kept] }
    seen.insert(value)
    return value
  }
}

/// Rows of values as one JSON array of arrays, for statements that insert many rows at once by
/// reading the array with `json_each` (one statement instead of one per row).
struct JSONRows {
  private var bytes: [UInt8] = [UInt8(ascii: "[")]
  private var first = true

  /// Appends a row; `fill` appends its values in column order.
  mutating func row(_ fill: (inout Row) -> Void) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    // The bytes move into the row and back, not copied: a chunk's array grows to megabytes.
    var row = Row()
    swap(&row.bytes, &bytes)
    row.bytes.append(UInt8(ascii: "["))
    fill(&row)
    swap(&row.bytes, &bytes)
    bytes.append(UInt8(ascii: "]"))
  }

  /// The array's text, closed: no row can follow.
  consuming func text() -> String {
    bytes.append(UInt8(ascii: "]"))
    return String(decoding: bytes, as: UTF8.self)
  }

  struct Row {
    fileprivate var bytes: [UInt8] = []
    private var first = true

    private mutating func separate() {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
    }

    mutating func string(_ value: String?) {
      separate()
      if let value { JSONString.append(value, to: &bytes) } else { bytes += Array("null".utf8) }
    }

    mutating func number(_ value: Int64?) {
      separate()
      bytes += Array((value.map { String($0) } ?? "null").utf8)
    }

    /// A finite number as the encoder writes it; null for nil, NaN and infinities.
    mutating func number(_ value: Double?) {
      separate()
      bytes += Array((value.flatMap { $0.isFinite ? JSONString.number($0) : nil } ?? "null").utf8)
    }
  }
}
