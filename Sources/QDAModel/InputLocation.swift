/// Where in an input file something was found: `file:line:column`.
///
/// Every error about bad input carries one, so the message points at the place to fix.
public struct InputLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  /// 1-based line (or CSV row), when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?

  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let line = line, let column, line > 0 { text += ":\(column)" }
    return text
  }
}
