/// Strings written as JSON exactly as Foundation's `JSONEncoder` writes them (with
/// `.withoutEscapingSlashes`): quote, backslash and control characters escaped, everything
/// else as its UTF-8. For the places that write JSON by hand because the encoder is too slow
/// for hundreds of thousands of values, and must still match its bytes.
public enum JSONString {
  /// Appends `string`, quoted and escaped, to `bytes`.
  public static func append(_ string: String, to bytes: inout [UInt8]) {
    bytes.append(0x22)
    var string = string
    string.withUTF8 { utf8 in
      var start = 0
      for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        start = index + 1
        bytes.append(0x5C)
        switch byte {
        case 0x22, 0x5C: bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
          bytes += [
            UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)],
            hexDigits[Int(byte & 0x0F)],
          ]
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    bytes.append(0x22)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// A number as `JSONEncoder` writes a `Double`: its shortest form, without a trailing `.0`.
  public static func number(_ value: Double) -> String {
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
