/// A text held as Unicode scalars, for slicing by the scalar offsets the project stores.
///
/// ```swift
/// let text = ScalarText("Naïve café")
/// text[6..<10]  // "café"
/// ```
public struct ScalarText: Sendable {
  public let scalars: [Unicode.Scalar]

  public init(_ string: String) {
    scalars = Array(scalarsOf: string)
  }

  public init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  public var count: Int { scalars.count }

  /// The text between two scalar offsets.
  public subscript(range: Range<Int>) -> String {
    String(scalars: scalars[range])
  }

  /// The 1-based line number of a scalar offset.
  public func line(of offset: Int) -> Int {
    var line = 1
    for index in 0..<min(offset, scalars.count) where scalars[index] == "\n" { line += 1 }
    return line
  }
}

extension String {
  /// The number of Unicode scalars, the unit of every stored offset.
  public var scalarCount: Int { unicodeScalars.count }

  /// A string made of Unicode scalars, encoded straight to UTF-8.
  ///
  /// `String(String.UnicodeScalarView(slice))` appends scalar by scalar through the standard
  /// library's generic path; this counts the UTF-8 length once and writes the bytes in place,
  /// several times faster on the passage texts the reports and the coder slice out.
  @inlinable
  public init<S: Collection>(scalars: S) where S.Element == Unicode.Scalar {
    var length = 0
    for scalar in scalars { length += UTF8.width(scalar) }
    self.init(unsafeUninitializedCapacity: length) { buffer in
      var index = 0
      for scalar in scalars {
        let value = scalar.value
        if value < 0x80 {
          buffer[index] = UInt8(truncatingIfNeeded: value)
          index += 1
        } else {
          UTF8.encode(scalar) { unit in
            buffer[index] = unit
            index += 1
          }
        }
      }
      return index
    }
  }
}

extension Array where Element == Unicode.Scalar {
  /// A string's Unicode scalars, decoded from its UTF-8 in one pass.
  ///
  /// `Array(string.unicodeScalars)` counts the scalars, then copies them one by one through the
  /// view's iterator; documents are decoded this way once per step that reads them.
  public init(scalarsOf string: String) {
    var string = string
    self = string.withUTF8 { utf8 in
      [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
        var index = 0
        var written = 0
        let end = utf8.count
        while index < end {
          let lead = utf8[index]
          if lead < 0x80 {
            buffer[written] = Unicode.Scalar(lead)
            index += 1
          } else {
            // A String holds valid UTF-8: the lead byte says how many continuation bytes follow.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
            buffer[written] = Unicode.Scalar(value) ?? "\u{FFFD}"
            index += length
          }
          written += 1
        }
        count = written
      }
    }
  }
}
