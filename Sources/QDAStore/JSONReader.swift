/// Reads JSON in the form QDAKit writes by hand (`JSONString`, `JSONColumn`): strings with any
/// JSON escape, lists of strings, objects, and no white space between tokens. A read that
/// returns nil means the text is not in that form; callers then fall back to Foundation's
/// decoder or report the value damaged.
struct JSONReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// What `read` makes of the whole text; nil when it fails or leaves bytes unread.
  static func read<Value>(_ text: String, _ read: (inout JSONReader) -> Value?) -> Value? {
    var text = text
    return text.withUTF8 { bytes in
      var reader = JSONReader(bytes: bytes)
      guard let value = read(&reader), reader.index == bytes.count else { return nil }
      return value
    }
  }

  /// `["a","b"]`.
  mutating func strings() -> [String]? {
    guard take(UInt8(ascii: "[")) else { return nil }
    var result: [String] = []
    if take(UInt8(ascii: "]")) { return result }
    while true {
      guard let string = string() else { return nil }
      result.append(string)
      if take(UInt8(ascii: "]")) { return result }
      guard take(UInt8(ascii: ",")) else { return nil }
    }
  }

  /// `{"key":value,…}`, each value read by `value`.
  mutating func object<Value>(_ value: (inout JSONReader) -> Value?) -> [String: Value]? {
    var result: [String: Value] = [:]
    let read = fields { reader, key in
      guard let element = value(&reader) else { return false }
      result[key] = element
      return true
    }
    return read ? result : nil
  }

  /// An object read field by field: `field` reads the value after each key and says whether it
  /// could (for objects whose fields differ in type, without a dictionary per object).
  mutating func fields(_ field: (inout JSONReader, String) -> Bool) -> Bool {
    guard take(UInt8(ascii: "{")) else { return false }
    if take(UInt8(ascii: "}")) { return true }
    while true {
      guard let key = string(), take(UInt8(ascii: ":")), field(&self, key) else { return false }
      if take(UInt8(ascii: "}")) { return true }
      guard take(UInt8(ascii: ",")) else { return false }
    }
  }

  /// A quoted string: every JSON escape, `\uXXXX` with surrogate pairs included.
  mutating func string() -> String? {
    guard take(0x22) else { return nil }
    let start = index
    // Most strings hold no escape: one copy straight from the bytes.
    while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C { index += 1 }
    guard index < bytes.count else { return nil }
    if bytes[index] == 0x22 {
      index += 1
      return String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
    }
    var utf8 = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == 0x22 { return String(decoding: utf8, as: UTF8.self) }
      guard byte == 0x5C else {
        utf8.append(byte)
        continue
      }
      guard index < bytes.count else { return nil }
      let escaped = bytes[index]
      index += 1
      switch escaped {
      case 0x22, 0x5C, UInt8(ascii: "/"): utf8.append(escaped)
      case UInt8(ascii: "b"): utf8.append(0x08)
      case UInt8(ascii: "f"): utf8.append(0x0C)
      case UInt8(ascii: "n"): utf8.append(0x0A)
      case UInt8(ascii: "r"): utf8.append(0x0D)
      case UInt8(ascii: "t"): utf8.append(0x09)
      case UInt8(ascii: "u"):
        guard var code = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(code) {
          guard take(0x5C), take(UInt8(ascii: "u")), let low = hex4(),
            (0xDC00..<0xE000).contains(low)
          else { return nil }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { return nil }
        UTF8.encode(scalar) { utf8.append($0) }
      default: return nil
      }
    }
    return nil
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: return nil
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}
