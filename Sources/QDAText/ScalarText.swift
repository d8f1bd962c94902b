/// A text held as Unicode scalars, for slicing by the scalar offsets the project stores.
///
/// ```swift
/// let text = ScalarText("Naïve café")
/// text[6..<10]  // "café"
/// ```
public struct ScalarText: Sendable {
  public let scalars: [Unicode.Scalar]

  public init(_ string: String) {
    scalars = Array(string.unicodeScalars)
  }

  public init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  public var count: Int { scalars.count }

  /// The text between two scalar offsets.
  public subscript(range: Range<Int>) -> String {
    String(String.UnicodeScalarView(scalars[range]))
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
}
