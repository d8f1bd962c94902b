import Foundation

/// JSON text columns (lists and dictionaries), written with sorted keys so a project file's
/// content does not depend on dictionary order.
enum JSONColumn {
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String?, default fallback: T) -> T {
    guard let text, let value = try? JSONDecoder().decode(T.self, from: Data(text.utf8)) else { return fallback }
    return value
  }
}
