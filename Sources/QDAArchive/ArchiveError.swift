/// A problem with a ZIP container (`.qdpx`, `.docx`, `.xlsx`), naming the file and the entry.
public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Reason: String, Sendable, Equatable {
    /// Not a ZIP file, or a damaged one.
    case unreadable
    /// An entry the caller needs is not there.
    case missingEntry
    /// An entry whose name would escape the folder it is unpacked into, or is otherwise unsafe.
    case unsafePath
    /// An entry that inflates beyond the limits: a zip bomb or an absurd size.
    case tooLarge
    /// The archive could not be written.
    case unwritable
  }

  public var file: String
  public var entry: String?
  public var reason: Reason
  public var message: String

  public init(file: String, entry: String? = nil, reason: Reason, message: String) {
    self.file = file
    self.entry = entry
    self.reason = reason
    self.message = message
  }

  public var description: String {
    if let entry { return "\(file): \(entry): \(message)" }
    return "\(file): \(message)"
  }
}
