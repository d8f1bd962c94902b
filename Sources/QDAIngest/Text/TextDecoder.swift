import QDAModel

/// Text decoded from a file's bytes, as the rest of the pipeline reads it.
public struct DecodedText: Sendable, Hashable {
  /// The text with any byte-order mark removed and every line break turned into LF.
  public var text: String
  /// The encoding the bytes were read as: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
  /// `windows-1252`.
  public var encoding: String
  /// The line breaks the file used: `lf`, `crlf`, `cr`, `mixed` or `none`.
  public var lineEndings: String
  /// Why the decoding is uncertain, when it is (a Windows-1252 guess).
  public var warnings: [String]
}

/// Decodes file bytes to text: a BOM decides UTF-8 or UTF-16; without one, strict UTF-8, and
/// Windows-1252 when that fails, reported as a warning. Never Latin-1: it would turn Word's
/// curly quotes (`0x91`–`0x94`) into control characters.
///
/// ```swift
/// let decoded = try TextDecoder.decode(bytes)
/// decoded.encoding  // "utf-16le"
/// ```
public enum TextDecoder {
  /// Decodes bytes to LF-normalised text.
  ///
  /// - Throws: `IngestError` with reason `.encoding` when UTF-16 bytes are malformed.
  public static func decode(_ bytes: [UInt8], file: String = "<input>") throws -> DecodedText {
    let decoded = try decodeAny(bytes, file: file)
    // Text has no NUL characters and few control characters; a file that does is binary (an
    // image, a .doc renamed .txt) and would be stored as nonsense. Control characters are single
    // UTF-8 bytes, so the scan reads bytes; the character offset is counted only for a message.
    var controls = 0
    var line = 1
    var text = decoded.text
    let nul: (line: Int, byte: Int)? = text.withUTF8 { utf8 in
      for (index, byte) in utf8.enumerated() {
        if byte == 0x0A { line += 1; continue }
        guard byte < 0x20 || byte == 0x7F, byte != 0x09, byte != 0x0C else { continue }
        if byte == 0 { return (line, index) }
        controls += 1
      }
      return nil
    }
    if let nul {
      let offset = String(decoding: text.utf8.prefix(nul.byte), as: UTF8.self).unicodeScalars.count
      throw IngestError(
        InputLocation(file: file, line: nul.line), .encoding,
        "not a text file: a NUL character at character \(offset) (read as \(decoded.encoding))")
    }
    if controls > 8 {
      let scalars = decoded.text.unicodeScalars.count
      if controls * 20 > scalars {
        throw IngestError(
          InputLocation(file: file), .encoding,
          "not a text file: \(controls) control characters in \(scalars) (read as \(decoded.encoding))"
        )
      }
    }
    return decoded
  }

  private static func decodeAny(_ bytes: [UInt8], file: String) throws -> DecodedText {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      let body = bytes.dropFirst(3)
      if let text = strictUTF8(body) {
        return normalized(text, encoding: "utf-8-bom", warnings: [])
      }
      let text = String(decoding: body, as: UTF8.self)
      return normalized(
        text, encoding: "utf-8-bom",
        warnings: ["\(file): invalid UTF-8 after a UTF-8 byte-order mark; bad bytes replaced by �"])
    }
    if bytes.starts(with: [0xFF, 0xFE]) {
      return normalized(
        try utf16(bytes.dropFirst(2), littleEndian: true, file: file), encoding: "utf-16le",
        warnings: [])
    }
    if bytes.starts(with: [0xFE, 0xFF]) {
      return normalized(
        try utf16(bytes.dropFirst(2), littleEndian: false, file: file), encoding: "utf-16be",
        warnings: [])
    }
    if let guess = utf16WithoutBOM(bytes) {
      return normalized(
        try utf16(bytes[...], littleEndian: guess, file: file),
        encoding: guess ? "utf-16le" : "utf-16be",
        warnings: [
          "\(file): no byte-order mark; decoded as \(guess ? "UTF-16LE" : "UTF-16BE") from its zero bytes"
        ])
    }
    if let text = strictUTF8(bytes[...]) {
      return normalized(text, encoding: "utf-8", warnings: [])
    }
    let offset = firstInvalidUTF8Offset(bytes) ?? 0
    let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    return normalized(
      windows1252(bytes), encoding: "windows-1252",
      warnings: [
        "\(file):\(line): not valid UTF-8 (byte 0x\(hex(bytes[offset])) at offset \(offset)); decoded as Windows-1252, check quotes and accents"
      ])
  }

  // MARK: - UTF-8

  private static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
    firstInvalidUTF8Offset(bytes) == nil ? String(decoding: bytes, as: UTF8.self) : nil
  }

  /// The offset (from the slice's start index) of the first byte that is not valid UTF-8.
  static func firstInvalidUTF8Offset<C: Collection<UInt8>>(_ bytes: C) -> Int?
  where C.Index == Int {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var minimum: UInt32
      var value: UInt32
      switch byte {
      case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(byte & 0x1F)
      case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(byte & 0x0F)
      case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(byte & 0x07)
      default: return index - bytes.startIndex
      }
      guard index + length <= end else { return index - bytes.startIndex }
      for next in (index + 1)..<(index + length) {
        let continuation = bytes[next]
        guard continuation & 0xC0 == 0x80 else { return index - bytes.startIndex }
        value = value << 6 | UInt32(continuation & 0x3F)
      }
      if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
        return index - bytes.startIndex
      }
      index += length
    }
    return nil
  }

  // MARK: - UTF-16

  private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool, file: String) throws
    -> String
  {
    guard bytes.count % 2 == 0 else {
      throw IngestError(
        InputLocation(file: file), .encoding,
        "UTF-16 text has an odd number of bytes (\(bytes.count)); the file is truncated")
    }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(littleEndian ? first | second << 8 : first << 8 | second)
      index += 2
    }
    var scalars = String.UnicodeScalarView()
    var iterator = units.makeIterator()
    var decoder = UTF16()
    var line = 1
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar == "\n" { line += 1 }
        scalars.append(scalar)
      case .emptyInput:
        break decoding
      case .error:
        throw IngestError(
          InputLocation(file: file, line: line), .encoding,
          "invalid UTF-16 (an unpaired surrogate)")
      }
    }
    return String(scalars)
  }

  /// Guesses UTF-16 without a BOM from zero bytes in ASCII text: returns true for little-endian.
  private static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
    let sample = bytes.prefix(400)
    guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for (offset, byte) in sample.enumerated() where byte == 0 {
      if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
    }
    let half = sample.count / 2
    if oddZeros * 10 >= half * 7, evenZeros == 0 { return true }
    if evenZeros * 10 >= half * 7, oddZeros == 0 { return false }
    return nil
  }

  // MARK: - Windows-1252

  /// The scalars for bytes 0x80–0x9F; the five bytes Windows-1252 leaves undefined map to the C1
  /// controls of the same value, as the WHATWG encoding standard does.
  private static let windows1252High: [UInt32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
  ]

  static func windows1252(_ bytes: [UInt8]) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(bytes.count)
    for byte in bytes {
      let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return String(scalars)
  }

  // MARK: - Line breaks

  /// The text with CRLF and lone CR turned into LF, and which line breaks it had. CR and LF
  /// are single bytes in UTF-8 and never part of another character, so this works on bytes.
  private static func normalized(_ text: String, encoding: String, warnings: [String])
    -> DecodedText
  {
    var crlf = 0
    var cr = 0
    var lf = 0
    var text = text
    let output: [UInt8]? = text.withUTF8 { bytes in
      guard bytes.contains(0x0D) else {
        for byte in bytes where byte == 0x0A { lf += 1 }
        return nil  // nothing to change
      }
      var output: [UInt8] = []
      output.reserveCapacity(bytes.count)
      var index = 0
      let count = bytes.count
      while index < count {
        let byte = bytes[index]
        if byte == 0x0D {
          output.append(0x0A)
          if index + 1 < count, bytes[index + 1] == 0x0A {
            crlf += 1
            index += 2
          } else {
            cr += 1
            index += 1
          }
          continue
        }
        if byte == 0x0A { lf += 1 }
        output.append(byte)
        index += 1
      }
      return output
    }
    let kinds = [(crlf, "crlf"), (cr, "cr"), (lf, "lf")].filter { $0.0 > 0 }
    let lineEndings = kinds.isEmpty ? "none" : kinds.count == 1 ? kinds[0].1 : "mixed"
    let result = output.map { String(decoding: $0, as: UTF8.self) } ?? text
    return DecodedText(
      text: result, encoding: encoding, lineEndings: lineEndings, warnings: warnings)
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}
