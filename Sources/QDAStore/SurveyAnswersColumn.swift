import QDAModel

/// A respondent's answers as one text column: a JSON object from item id to `{"v":[…]}` (the
/// values), with `"r":[…]` when the cells as exported differ from them, keys sorted — what
/// `JSONEncoder` wrote for `SurveyRespondent.answers` when a survey was stored whole.
///
/// Written and read by hand, not by the encoder: a survey can have a million respondents, and
/// the encoder took longer than reading the export (100,000 respondents stored whole: 4.5 s
/// to encode, 7 s to decode).
enum SurveyAnswersColumn {
  static func encode(_ answers: [String: SurveyAnswer]) -> String {
    var bytes: [UInt8] = [UInt8(ascii: "{")]
    for (index, id) in answers.keys.sorted().enumerated() {
      guard let answer = answers[id] else { continue }
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(id, to: &bytes)
      bytes += [UInt8(ascii: ":"), UInt8(ascii: "{")]
      if answer.raw != answer.values {
        bytes += Array(#""r":"#.utf8)
        append(answer.raw, to: &bytes)
        bytes.append(UInt8(ascii: ","))
      }
      bytes += Array(#""v":"#.utf8)
      append(answer.values, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func append(_ strings: [String], to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "["))
    for (index, string) in strings.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      JSONString.append(string, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// The answers by item id; nil when the text is not such an object.
  static func decode(_ text: String) -> [String: SurveyAnswer]? {
    var text = text
    return text.withUTF8 { bytes in
      var parser = Parser(bytes: bytes)
      guard let answers = parser.answers(), parser.index == bytes.count else { return nil }
      return answers
    }
  }

  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func answers() -> [String: SurveyAnswer]? {
      guard take(UInt8(ascii: "{")) else { return nil }
      var result: [String: SurveyAnswer] = [:]
      if take(UInt8(ascii: "}")) { return result }
      while true {
        guard let id = string(), take(UInt8(ascii: ":")), take(UInt8(ascii: "{")) else { return nil }
        var values: [String]?
        var raw: [String]?
        while true {
          guard let key = string(), take(UInt8(ascii: ":")), let list = strings() else { return nil }
          switch key {
          case "v": values = list
          case "r": raw = list
          default: return nil
          }
          if take(UInt8(ascii: "}")) { break }
          guard take(UInt8(ascii: ",")) else { return nil }
        }
        guard let values else { return nil }
        result[id] = SurveyAnswer(values: values, raw: raw ?? values)
        if take(UInt8(ascii: "}")) { return result }
        guard take(UInt8(ascii: ",")) else { return nil }
      }
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
      guard peek == byte else { return false }
      index += 1
      return true
    }

    mutating func takeWord(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard index + count <= bytes.count else { return false }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
      index += count
      return true
    }

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

    /// A JSON string: the escapes `JSONString` writes, and `\/` and `\uXXXX` (with surrogate
    /// pairs) besides.
    mutating func string() -> String? {
      guard take(0x22) else { return nil }
      let start = index
      // Most strings hold no escape: one copy straight from the bytes.
      while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C { index += 1 }
      guard index < bytes.count else { return nil }
      if bytes[index] == 0x22 {
        index += 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
      }
      var scalars = String.UnicodeScalarView()
      scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).unicodeScalars)
      var plain: [UInt8] = []
      func flush() {
        scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
        plain.removeAll(keepingCapacity: true)
      }
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte == 0x22 {
          flush()
          return String(scalars)
        }
        guard byte == 0x5C else {
          plain.append(byte)
          continue
        }
        guard let escaped = peek else { return nil }
        index += 1
        switch escaped {
        case 0x22, 0x5C, UInt8(ascii: "/"): plain.append(escaped)
        case UInt8(ascii: "b"): plain.append(0x08)
        case UInt8(ascii: "f"): plain.append(0x0C)
        case UInt8(ascii: "n"): plain.append(0x0A)
        case UInt8(ascii: "r"): plain.append(0x0D)
        case UInt8(ascii: "t"): plain.append(0x09)
        case UInt8(ascii: "u"):
          guard var code = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(code) {
            guard takeWord("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { return nil }
          flush()
          scalars.append(scalar)
        default: return nil
        }
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
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
}
