import Foundation
import QDAModel

/// JSON text columns (lists and dictionaries), written with sorted keys so a project file's
/// content does not depend on dictionary order.
enum JSONColumn {
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }

  /// A list of strings as `encode` writes it (`["a","b"]`), without the encoder: codings'
  /// matched words are written hundreds of thousands of times in a large study.
  static func encode(_ strings: [String]) -> String {
    var bytes: [UInt8] = [UInt8(ascii: "[")]
    for (index, string) in strings.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(string, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A dictionary of strings as `encode` writes it (keys sorted), without the encoder: every
  /// survey respondent's document has one.
  static func encode(_ dictionary: [String: String]) -> String {
    var bytes: [UInt8] = [UInt8(ascii: "{")]
    for (index, key) in dictionary.keys.sorted().enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      JSONString.append(dictionary[key] ?? "", to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A list of strings read back; lists with escapes other than quote and backslash, or
  /// anything unexpected, go through the decoder.
  static func decode(_ type: [String].Type, _ text: String?, default fallback: [String]) -> [String] {
    guard let text else { return fallback }
    if let fast = decodeSimpleStrings(Array(text.utf8)) { return fast }
    guard let value = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return fallback }
    return value
  }

  private static func decodeSimpleStrings(_ bytes: [UInt8]) -> [String]? {
    guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return nil }
    var result: [String] = []
    var index = 1
    let end = bytes.count - 1
    if index == end { return [] }
    while index < end {
      guard let string = simpleString(bytes, &index, end: end) else { return nil }
      result.append(string)
      if index < end {
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
        index += 1
        guard index < end else { return nil }
      }
    }
    return result
  }

  /// A dictionary of strings read back (documents' metadata), by hand when it is written the
  /// way `encode` writes it with no escapes but quote, backslash and slash; else the decoder.
  static func decode(_ type: [String: String].Type, _ text: String?, default fallback: [String: String]) -> [String: String] {
    guard let text else { return fallback }
    if let fast = decodeSimpleObject(Array(text.utf8)) { return fast }
    guard let value = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else { return fallback }
    return value
  }

  private static func decodeSimpleObject(_ bytes: [UInt8]) -> [String: String]? {
    guard bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
    var result: [String: String] = [:]
    var index = 1
    let end = bytes.count - 1
    while index < end {
      guard let key = simpleString(bytes, &index, end: end), index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      guard let value = simpleString(bytes, &index, end: end) else { return nil }
      result[key] = value
      if index < end {
        guard bytes[index] == UInt8(ascii: ","), index + 1 < end else { return nil }
        index += 1
      }
    }
    return result
  }

  /// A quoted string at `index` (moved past it) with no escapes but `\"`, `\\` and `\/`; nil
  /// for anything else.
  private static func simpleString(_ bytes: [UInt8], _ index: inout Int, end: Int) -> String? {
    guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
    index += 1
    var current: [UInt8] = []
    while true {
      guard index < end else { return nil }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { break }
      if byte == 0x5C {
        guard index + 1 < end else { return nil }
        let escaped = bytes[index + 1]
        guard escaped == 0x22 || escaped == 0x5C || escaped == UInt8(ascii: "/") else { return nil }
        current.append(escaped)
        index += 2
        continue
      }
      current.append(byte)
      index += 1
    }
    index += 1
    return String(decoding: current, as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String?, default fallback: T) -> T {
    guard let text, let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else { return fallback }
    return value
  }
}
