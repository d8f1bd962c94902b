/// A problem with an XML file, with the place to fix it: `file:line: message`.
public struct XMLError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of problem it is, for callers and tests to match on.
  public enum Reason: String, Sendable, Equatable {
    /// Not well-formed XML.
    case malformed
    /// A construct refused for safety: a document type declaration (entities, external DTDs).
    case forbidden
    /// The document breaks its XML schema.
    case invalid
    /// A schema or an XPath expression that libxml2 could not compile.
    case usage
  }

  public var file: String
  /// The 1-based line, when libxml2 knows it.
  public var line: Int?
  public var reason: Reason
  public var message: String

  public init(file: String, line: Int?, reason: Reason, message: String) {
    self.file = file
    self.line = line
    self.reason = reason
    self.message = message
  }

  public var description: String {
    if let line, line > 0 { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}
