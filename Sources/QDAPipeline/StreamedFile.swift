import Foundation

/// A file written a piece at a time that appears whole or not at all: the pieces go to a
/// temporary file beside the target, renamed over it once complete (and removed on failure).
/// The outputs of a large study run to hundreds of megabytes each; none is held whole.
///
/// ```swift
/// try StreamedFile.write(toFile: path) { sink in
///   for chunk in chunks { try sink(chunk) }
/// }
/// ```
enum StreamedFile {
  static func write(toFile path: String, _ produce: (_ sink: (Data) throws -> Void) throws -> Void)
    throws
  {
    let partial = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
    guard FileManager.default.createFile(atPath: partial, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
      defer { try? handle.close() }
      try produce { try handle.write(contentsOf: $0) }
      try handle.synchronize()
      guard rename(partial, path) == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
    } catch {
      try? FileManager.default.removeItem(atPath: partial)
      throw error
    }
  }
}
