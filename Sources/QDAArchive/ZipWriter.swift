import Foundation
internal import ZIPFoundation

/// Writes a ZIP file: entries are added in memory order and the file appears only when
/// `finish()` succeeds (written beside the target, then moved into place), so a failed export
/// never leaves half a file where the old one was.
public final class ZipWriter {
  public let path: String
  private let temporary: URL
  private let archive: Archive

  public init(path: String) throws {
    self.path = path
    let target = URL(fileURLWithPath: path)
    temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
    do {
      archive = try Archive(url: temporary, accessMode: .create)
    } catch {
      throw ArchiveError(file: path, reason: .unwritable, message: "cannot create the file (\(error))")
    }
  }

  /// Adds a file entry, deflated.
  public func add(_ name: String, bytes: [UInt8]) throws {
    let data = Data(bytes)
    do {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
      ) { position, size in
        data.subdata(in: Int(position)..<Int(position) + size)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ArchiveError(file: path, entry: name, reason: .unwritable, message: "cannot write (\(error))")
    }
  }

  /// Moves the finished archive into place.
  public func finish() throws {
    let target = URL(fileURLWithPath: path)
    do {
      if FileManager.default.fileExists(atPath: path) {
        _ = try FileManager.default.replaceItemAt(target, withItemAt: temporary)
      } else {
        try FileManager.default.moveItem(at: temporary, to: target)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ArchiveError(file: path, reason: .unwritable, message: "cannot move into place (\(error))")
    }
  }

  /// Removes the unfinished file.
  public func abandon() {
    try? FileManager.default.removeItem(at: temporary)
  }
}
