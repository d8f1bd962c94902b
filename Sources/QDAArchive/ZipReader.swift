import Foundation
internal import ZIPFoundation

/// Reads entries of a ZIP file into memory without trusting it.
///
/// - Entry names are checked, never used as file paths: a name that is absolute, holds `..`, a
///   backslash or a drive letter is listed in `unsafeEntries` and cannot be read.
/// - Sizes are counted as the bytes actually inflate, not taken from the headers: an entry that
///   inflates past `Limits.entryBytes`, or a whole read past `Limits.totalBytes`, stops with
///   `.tooLarge`, whatever it declared.
///
/// ```swift
/// let zip = try ZipReader(path: "study.qdpx")
/// let qde = try zip.read(zip.entry(matching: "project.qde")!)
/// ```
public final class ZipReader {
  /// How much a reader inflates before it gives up.
  public struct Limits: Sendable {
    /// The most one entry may inflate to.
    public var entryBytes: Int
    /// The most all the entries read through this reader may inflate to together.
    public var totalBytes: Int
    /// The most entries an archive may list.
    public var entries: Int

    public init(entryBytes: Int = 256 << 20, totalBytes: Int = 2 << 30, entries: Int = 100_000) {
      self.entryBytes = entryBytes
      self.totalBytes = totalBytes
      self.entries = entries
    }

    /// A Word transcript: its text part inflates to at most 32 MB, some ten times what the XML
    /// of a day-long interview holds; reading 32 MB of it took 10.7 s and 400 MB, and the
    /// general limit (256 MB) let a file of about 0.5 MB inflate far past that.
    public static let wordTranscript = Limits(entryBytes: 32 << 20, totalBytes: 64 << 20, entries: 10_000)
  }

  /// The file name used in messages.
  public let file: String
  /// The safe entries' names, in archive order (folders left out).
  public private(set) var entryNames: [String] = []
  /// Entries refused for their names, with the reason.
  public private(set) var unsafeEntries: [(name: String, reason: String)] = []
  private let archive: Archive
  private var entries: [String: Entry] = [:]
  private let limits: Limits
  private var inflated = 0

  /// Opens a ZIP file.
  public convenience init(path: String, limits: Limits = .init()) throws {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      throw ArchiveError(file: path, reason: .unreadable, message: "not a ZIP file, or a damaged one")
    }
    try self.init(archive: archive, file: path, limits: limits)
  }

  /// Opens a ZIP held in memory.
  public convenience init(bytes: [UInt8], file: String, limits: Limits = .init()) throws {
    let archive: Archive
    do {
      archive = try Archive(data: Data(bytes), accessMode: .read)
    } catch {
      throw ArchiveError(file: file, reason: .unreadable, message: "not a ZIP file, or a damaged one")
    }
    try self.init(archive: archive, file: file, limits: limits)
  }

  private init(archive: Archive, file: String, limits: Limits) throws {
    self.archive = archive
    self.file = file
    self.limits = limits
    var count = 0
    for entry in archive {
      count += 1
      if count > limits.entries {
        throw ArchiveError(
          file: file, reason: .tooLarge, message: "more than \(limits.entries) entries")
      }
      guard entry.type == .file else {
        if entry.type == .symlink {
          unsafeEntries.append((entry.path, "a symbolic link"))
        }
        continue
      }
      let name = entry.path
      if let problem = Self.problem(withName: name) {
        unsafeEntries.append((name, problem))
        continue
      }
      if entries[name] == nil {
        entryNames.append(name)
        entries[name] = entry
      }
    }
  }

  /// Why an entry name is unsafe to use, or nil when it is fine.
  static func problem(withName name: String) -> String? {
    if name.isEmpty { return "an empty name" }
    if name.hasPrefix("/") { return "an absolute path" }
    if name.contains("\\") { return "a backslash in the name" }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "a control character in the name" }
    if name.count >= 2, name.dropFirst().first == ":" { return "a drive letter" }
    if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
      return "a '..' component that leaves the archive's folder"
    }
    return nil
  }

  /// The safe entry whose name equals `name` ignoring case, preferring an exact match.
  public func entry(matching name: String) -> String? {
    if entries[name] != nil { return name }
    let lowered = name.lowercased()
    return entryNames.first { $0.lowercased() == lowered }
  }

  /// An entry's bytes, inflated within the limits.
  ///
  /// - Throws: `.missingEntry` for a name that is not a safe entry, `.tooLarge` past a limit,
  ///   `.unreadable` when the data is damaged (bad CRC, truncated).
  public func read(_ name: String) throws -> [UInt8] {
    guard let entry = entries[name] else {
      if unsafeEntries.contains(where: { $0.name == name }) {
        throw ArchiveError(file: file, entry: name, reason: .unsafePath, message: "refused: unsafe name")
      }
      throw ArchiveError(file: file, entry: name, reason: .missingEntry, message: "no such entry")
    }
    var bytes: [UInt8] = []
    let entryLimit = limits.entryBytes
    let totalLeft = limits.totalBytes - inflated
    do {
      _ = try archive.extract(entry, bufferSize: 64 << 10, skipCRC32: false) { chunk in
        if bytes.count + chunk.count > entryLimit {
          throw ArchiveError(
            file: self.file, entry: name, reason: .tooLarge,
            message: "inflates past \(entryLimit >> 20) MB (declared \(entry.uncompressedSize) bytes"
              + " from \(entry.compressedSize)): refused as a possible zip bomb")
        }
        if bytes.count + chunk.count > totalLeft {
          throw ArchiveError(
            file: self.file, entry: name, reason: .tooLarge,
            message: "the archive inflates past \(self.limits.totalBytes >> 20) MB in all: refused")
        }
        bytes.append(contentsOf: chunk)
      }
    } catch let error as ArchiveError {
      throw error
    } catch {
      throw ArchiveError(
        file: file, entry: name, reason: .unreadable, message: "damaged entry (\(error))")
    }
    inflated += bytes.count
    return bytes
  }
}
