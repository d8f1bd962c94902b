public import QDAModel

/// A problem in a codebook or protocol file, at `file:line:column`.
public struct CodebookError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: String, Sendable, Equatable {
    /// The YAML itself is malformed.
    case syntax
    /// A key the format does not know (a typo, most often).
    case unknownKey
    /// A required key is absent.
    case missingKey
    /// A value of the wrong shape or out of range.
    case invalidValue
    /// Two codes, rules or questions share an id.
    case duplicate
    /// A reference to a code or question that does not exist.
    case unknownReference
  }

  public var location: InputLocation
  public var reason: Reason
  public var message: String

  public init(_ location: InputLocation, _ reason: Reason, _ message: String) {
    self.location = location
    self.reason = reason
    self.message = message
  }

  public var description: String { "\(location): \(message)" }
}
