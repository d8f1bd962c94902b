import Foundation
internal import ZIPFoundation

/// Reads entries of a ZIP file into memory without trusting it.
///
/// - Entry names are checked, never used as file paths: a name that is absolute, holds `..`, a
///   backslash or a drive letter is listed in `unsafeEntries` and cannot be read.
/// - Sizes are counted as the bytes actually inflate, not taken from the headers: an entry that
///   inflates past `Limits.entryBytes`, or a whole read past `Limits.totalBytes`, stops with
///   `.tooLarge`, whatever it declared.
/// - Every offset and length in the central directory and the local headers is checked against
///   the archive's length, and an entry's compressed data must end its deflate stream within the
///   length it declares; the CRC-32 is checked. The directory is read here rather than through
///   ZIPFoundation's `Archive`, which trapped on an offset past the end of an archive in memory
///   and inflated forever a stream that did not end (found by fuzzing, `Fuzz/run docx`);
///   ZIPFoundation inflates.
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
    public static let wordTranscript = Limits(
      entryBytes: 32 << 20, totalBytes: 64 << 20, entries: 10_000)
  }

  /// The file name used in messages.
  public let file: String
  /// The safe entries' names, in archive order (folders left out).
  public private(set) var entryNames: [String] = []
  /// Entries refused for their names, with the reason.
  public private(set) var unsafeEntries: [(name: String, reason: String)] = []
  private let data: Data
  private var entries: [String: Entry] = [:]
  private let limits: Limits
  private var inflated = 0

  /// What the central directory says of an entry.
  struct Entry {
    var method: UInt16
    var crc: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeader: UInt64
  }

  /// Opens a ZIP file (mapped into memory, not read).
  public convenience init(path: String, limits: Limits = .init()) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw ArchiveError(file: path, reason: .unreadable, message: "cannot read the file")
    }
    try self.init(data: data, file: path, limits: limits)
  }

  /// Opens a ZIP held in memory.
  public convenience init(bytes: [UInt8], file: String, limits: Limits = .init()) throws {
    try self.init(data: Data(bytes), file: file, limits: limits)
  }

  private init(data: Data, file: String, limits: Limits) throws {
    self.data = data
    self.file = file
    self.limits = limits
    let notZip = ArchiveError(
      file: file, reason: .unreadable, message: "not a ZIP file, or a damaged one")
    guard let directory = Self.centralDirectory(data) else { throw notZip }
    if directory.count > limits.entries {
      throw ArchiveError(
        file: file, reason: .tooLarge, message: "more than \(limits.entries) entries")
    }
    var offset = directory.offset
    for _ in 0..<directory.count {
      guard let record = Self.directoryRecord(data, at: offset) else { throw notZip }
      offset = record.next
      let name = record.name
      if name.hasSuffix("/") { continue }
      if record.isSymbolicLink {
        unsafeEntries.append((name, "a symbolic link"))
        continue
      }
      if let problem = Self.problem(withName: name) {
        unsafeEntries.append((name, problem))
        continue
      }
      if entries[name] == nil {
        entryNames.append(name)
        entries[name] = record.entry
      }
    }
  }

  // MARK: - The central directory

  /// Where the central directory starts and how many records it holds: from the last end
  /// record (or its ZIP64 form), checked to lie inside the data.
  static func centralDirectory(_ data: Data) -> (offset: UInt64, count: Int)? {
    let count = data.count
    guard count >= 22 else { return nil }
    // The end record is 22 bytes plus a comment of at most 65,535.
    var end = count - 22
    let lowest = max(0, count - 22 - 0xFFFF)
    while end >= lowest, data.uint32(at: end) != 0x0605_4B50 { end -= 1 }
    guard end >= lowest else { return nil }
    var entries = UInt64(data.uint16(at: end + 10))
    var offset = UInt64(data.uint32(at: end + 16))
    // ZIP64: a locator 20 bytes before the end record points at the ZIP64 end record.
    if entries == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20,
      data.uint32(at: end - 20) == 0x0706_4B50
    {
      let record = data.uint64(at: end - 20 + 8)
      guard count >= 56, record <= UInt64(count - 56), data.uint32(at: Int(record)) == 0x0606_4B50
      else { return nil }
      entries = data.uint64(at: Int(record) + 32)
      offset = data.uint64(at: Int(record) + 48)
    }
    // Each record takes at least 46 bytes, so the count is bounded by the data's length.
    guard offset <= UInt64(count), entries <= UInt64(count - Int(offset)) / 46 else { return nil }
    return (offset, Int(entries))
  }

  /// One central-directory record at `offset`: the entry, its name, and where the next starts.
  static func directoryRecord(_ data: Data, at offset: UInt64) -> (
    entry: Entry, name: String, isSymbolicLink: Bool, next: UInt64
  )? {
    guard data.count >= 46, offset <= UInt64(data.count - 46) else { return nil }
    let at = Int(offset)
    guard data.uint32(at: at) == 0x0201_4B50 else { return nil }
    let nameLength = Int(data.uint16(at: at + 28))
    let extraLength = Int(data.uint16(at: at + 30))
    let commentLength = Int(data.uint16(at: at + 32))
    let next = at + 46 + nameLength + extraLength + commentLength
    guard next <= data.count else { return nil }
    var entry = Entry(
      method: data.uint16(at: at + 10), crc: data.uint32(at: at + 16),
      compressedSize: UInt64(data.uint32(at: at + 20)),
      uncompressedSize: UInt64(data.uint32(at: at + 24)),
      localHeader: UInt64(data.uint32(at: at + 42)))
    // ZIP64 sizes and offset, in that order, for the fields that hold 0xFFFFFFFF.
    var extra = at + 46 + nameLength
    let extraEnd = extra + extraLength
    while extra + 4 <= extraEnd {
      let id = data.uint16(at: extra)
      let size = Int(data.uint16(at: extra + 2))
      guard extra + 4 + size <= extraEnd else { break }
      if id == 0x0001 {
        var field = extra + 4
        func wide(_ value: inout UInt64) {
          if value == 0xFFFF_FFFF, field + 8 <= extra + 4 + size {
            value = data.uint64(at: field)
            field += 8
          }
        }
        wide(&entry.uncompressedSize)
        wide(&entry.compressedSize)
        wide(&entry.localHeader)
      }
      extra += 4 + size
    }
    let nameBytes = data[data.startIndex + at + 46..<data.startIndex + at + 46 + nameLength]
    // UTF-8 (flagged or not, as tools write it); else one character per byte.
    let name =
      String(validating: nameBytes, as: UTF8.self)
      ?? String(nameBytes.map { Character(Unicode.Scalar($0)) })
    // Made on Unix (the high byte of "version made by" is 3) with a symbolic link's file type.
    let madeOnUnix = data[data.startIndex + at + 5] == 3
    let mode = data.uint32(at: at + 38) >> 16
    return (entry, name, madeOnUnix && mode & 0o170000 == 0o120000, UInt64(next))
  }

  /// Why an entry name is unsafe to use, or nil when it is fine.
  static func problem(withName name: String) -> String? {
    if name.isEmpty { return "an empty name" }
    if name.hasPrefix("/") { return "an absolute path" }
    if name.contains("\\") { return "a backslash in the name" }
    if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
      return "a control character in the name"
    }
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
  ///   `.unreadable` when the data is damaged (bad CRC, truncated, a stream that does not end).
  public func read(_ name: String) throws -> [UInt8] {
    guard let entry = entries[name] else {
      if unsafeEntries.contains(where: { $0.name == name }) {
        throw ArchiveError(
          file: file, entry: name, reason: .unsafePath, message: "refused: unsafe name")
      }
      throw ArchiveError(file: file, entry: name, reason: .missingEntry, message: "no such entry")
    }
    func damaged(_ why: String) -> ArchiveError {
      ArchiveError(file: file, entry: name, reason: .unreadable, message: "damaged entry: \(why)")
    }
    // The local header repeats the name and may carry its own extra field; the data follows.
    let header = entry.localHeader
    guard header <= UInt64(max(0, data.count - 30)), data.count >= 30,
      data.uint32(at: Int(header)) == 0x0403_4B50
    else {
      throw damaged("its local header is missing")
    }
    let start =
      Int(header) + 30 + Int(data.uint16(at: Int(header) + 26))
      + Int(data.uint16(at: Int(header) + 28))
    guard start <= data.count, entry.compressedSize <= UInt64(data.count - start) else {
      throw damaged(
        "it declares \(entry.compressedSize) stored bytes where the archive holds \(max(0, data.count - start))"
      )
    }
    let stored = data[data.startIndex + start..<data.startIndex + start + Int(entry.compressedSize)]
    var bytes: [UInt8] = []
    let entryLimit = limits.entryBytes
    let totalLeft = limits.totalBytes - inflated
    let append = { (chunk: Data) throws in
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
    switch entry.method {
    case 0:
      try append(Data(stored))
    case 8:
      do {
        // The stream must end within the declared bytes: asked for more, the provider says so
        // (given nothing, the inflater would ask again forever). Each chunk is as long as asked,
        // the last padded with zeros: ZIPFoundation tells zlib a chunk holds the size it asked
        // for, and zlib read past a shorter one (a crash, found by fuzzing).
        var position = stored.startIndex
        _ = try Data.decompress(
          size: Int64(stored.count), bufferSize: 64 << 10, skipCRC32: true,
          provider: { _, size in
            guard position < stored.endIndex else {
              throw damaged("its compressed data ends before its stream does")
            }
            var chunk = Data(stored[position..<min(stored.endIndex, position + size)])
            position += chunk.count
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
          }, consumer: append)
      } catch let error as ArchiveError {
        throw error
      } catch {
        throw damaged("the compressed data cannot be inflated (\(error))")
      }
    default:
      throw damaged(
        "compression method \(entry.method) is not one ZIP readers share (stored or deflated)")
    }
    guard Data(bytes).crc32(checksum: 0) == entry.crc else {
      throw damaged("its CRC-32 does not match its contents")
    }
    inflated += bytes.count
    return bytes
  }

}

extension Data {
  /// A little-endian integer at a byte offset from the start (the caller checks the bounds).
  fileprivate func uint16(at offset: Int) -> UInt16 {
    UInt16(self[startIndex + offset]) | UInt16(self[startIndex + offset + 1]) << 8
  }

  fileprivate func uint32(at offset: Int) -> UInt32 {
    UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
  }

  fileprivate func uint64(at offset: Int) -> UInt64 {
    UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
  }
}
