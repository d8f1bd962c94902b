/// A command that cannot run: a missing file, a bad option, a project without what it needs.
public struct PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: String, Sendable, Equatable {
    case missingInput
    case missingCodebook
    case invalidOption
    case notFound
  }

  public var reason: Reason
  public var message: String

  public init(_ reason: Reason, _ message: String) {
    self.reason = reason
    self.message = message
  }

  public var description: String { message }
}
