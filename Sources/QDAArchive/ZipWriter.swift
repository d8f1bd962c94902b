import Foundation
internal import ZIPFoundation

/// Writes a ZIP file: entries are added in memory order and the file appears only when
/// `finish()` succeeds (written beside the target, then moved into place), so a failed export
/// never leaves half a file where the old one was.
public final class ZipWriter {
  public let path: String
  private let temporary: URL
  private let archive: Archive
  private let fixedDates: Bool

  /// - Parameter fixedDates: stamp every entry 1980-01-01 (the ZIP epoch) instead of now, so the
  ///   same content makes the same bytes (reports that `qda verify` compares).
  public init(path: String, fixedDates: Bool = false) throws {
    self.path = path
    self.fixedDates = fixedDates
    let target = URL(fileURLWithPath: path)
    temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
    do {
      archive = try Archive(url: temporary, accessMode: .create)
    } catch {
      throw ArchiveError(
        file: path, reason: .unwritable, message: "cannot create the file (\(error))")
    }
  }

  /// Adds a file entry, deflated (its bytes handed over a piece at a time, not copied whole).
  public func add(_ name: String, bytes: [UInt8]) throws {
    try add(name, size: bytes.count) { position, size in Data(bytes[position..<position + size]) }
  }

  /// Adds a file entry holding a file's contents, read a piece at a time: a large study's
  /// brief is a Word body of hundreds of megabytes, written to a file first so that it is
  /// never held in memory.
  public func add(_ name: String, contentsOfFile source: String) throws {
    let handle: FileHandle
    let size: Int
    do {
      handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
      size = Int(try handle.seekToEnd())
    } catch {
      throw ArchiveError(
        file: path, entry: name, reason: .unwritable, message: "cannot read \(source) (\(error))")
    }
    defer { try? handle.close() }
    try add(name, size: size) { position, count in
      try handle.seek(toOffset: UInt64(position))
      let data = try handle.read(upToCount: count) ?? Data()
      guard data.count == count else {
        throw ArchiveError(
          file: path, entry: name, reason: .unwritable,
          message: "\(source) changed while it was read")
      }
      return data
    }
  }

  private func add(_ name: String, size: Int, bytes: (_ position: Int, _ count: Int) throws -> Data)
    throws
  {
    do {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(size),
        modificationDate: fixedDates ? Self.epoch : Date(), compressionMethod: .deflate
      ) { position, count in try bytes(Int(position), count) }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ArchiveError(
        file: path, entry: name, reason: .unwritable, message: "cannot write (\(error))")
    }
  }

  static let epoch: Date = {
    var components = DateComponents()
    (components.year, components.month, components.day) = (1980, 1, 1)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    // 1980-01-01T00:00:00Z, the earliest time a ZIP entry can hold.
    return calendar.date(from: components) ?? Date(timeIntervalSince1970: 315_532_800)
  }()

  /// Moves the finished archive into place.
  public func finish() throws {
    let target = URL(fileURLWithPath: path)
    do {
      // rename(2) replaces an existing file in one step.
      if rename(temporary.path, target.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, "errno": errno])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw ArchiveError(
        file: path, reason: .unwritable, message: "cannot move into place (\(error))")
    }
  }

  /// Removes the unfinished file.
  public func abandon() {
    try? FileManager.default.removeItem(at: temporary)
  }
}
