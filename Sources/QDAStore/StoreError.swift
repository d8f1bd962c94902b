/// A problem with a project file.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: String, Sendable, Equatable {
    /// The file is not a QDAKit project, or is newer than this version understands.
    case notAProject
    /// A document, passage, code or coding that does not exist.
    case notFound
    /// A request that breaks the project's rules (a span outside its passage…).
    case invalid
    /// SQLite reported an error.
    case database
    /// Another command is changing the project.
    case busy
    /// The file or its folder cannot be written.
    case readOnly
    /// The disk is full.
    case diskFull
    /// The disk refused a read or write.
    case io
  }

  public var reason: Reason
  public var message: String

  public init(_ reason: Reason, _ message: String) {
    self.reason = reason
    self.message = message
  }

  public var description: String { message }
}
