public import QDAModel

/// A problem with an input file, with the place to fix it: `file:line:column: message`.
///
/// Messages never quote participants' words beyond the few characters needed to find the spot.
public struct IngestError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of problem it is, for callers and tests to match on.
  public enum Reason: String, Sendable, Equatable {
    case encoding
    case csv
    case attributes
    case transcript
    case unsupportedFormat
    case unreadable
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
