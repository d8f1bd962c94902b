import Foundation
import Testing
import QDAArchive
import _QDATestSupport

@Suite struct ZipReaderTests {
  @Test func roundTripsEntriesAndFindsThemIgnoringCase() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("a.zip").path
    let writer = try ZipWriter(path: path)
    try writer.add("Project.qde", bytes: Array("<Project/>".utf8))
    try writer.add("Sources/ABC.txt", bytes: Array("héllo\n".utf8))
    try writer.add("empty.txt", bytes: [])
    try writer.finish()
    let reader = try ZipReader(path: path)
    #expect(reader.entryNames == ["Project.qde", "Sources/ABC.txt", "empty.txt"])
    #expect(reader.entry(matching: "project.qde") == "Project.qde")
    #expect(reader.entry(matching: "sources/abc.TXT") == "Sources/ABC.txt")
    #expect(reader.entry(matching: "missing") == nil)
    #expect(String(decoding: try reader.read("Sources/ABC.txt"), as: UTF8.self) == "héllo\n")
    #expect(try reader.read("empty.txt") == [])
    let missing = #expect(throws: ArchiveError.self) { try reader.read("nope") }
    #expect(missing?.reason == .missingEntry)
  }

  /// An entry read from a file (as the brief's Word body is) holds the file's bytes, whatever
  /// its size against the archive's reads; an empty file makes an empty entry.
  @Test func anEntryFromAFileHoldsItsBytes() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("f.zip").path
    var generator = SystemRandomNumberGenerator()
    let bytes = Array("<w:body>".utf8) + (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
      + Array(repeating: 0x41, count: 200_001)
    let source = folder.url.appendingPathComponent("body.xml").path
    let empty = folder.url.appendingPathComponent("empty.xml").path
    try Data(bytes).write(to: URL(fileURLWithPath: source))
    try Data().write(to: URL(fileURLWithPath: empty))
    let writer = try ZipWriter(path: path)
    try writer.add("word/document.xml", contentsOfFile: source)
    try writer.add("none.xml", contentsOfFile: empty)
    let missing = #expect(throws: ArchiveError.self) { try writer.add("gone.xml", contentsOfFile: source + ".gone") }
    #expect(missing?.description.contains("body.xml.gone") == true)
    try writer.finish()
    let reader = try ZipReader(path: path)
    #expect(reader.entryNames == ["word/document.xml", "none.xml"])
    #expect(try reader.read("word/document.xml") == bytes)
    #expect(try reader.read("none.xml") == [])
  }

  @Test func unsafeNamesAreListedAndNeverRead() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("slip.zip").path
    let writer = try ZipWriter(path: path)
    try writer.add("ok.txt", bytes: [1])
    try writer.add("../../etc/evil.txt", bytes: [2])
    try writer.add("sources/../../up.txt", bytes: [3])
    try writer.add("/abs.txt", bytes: [4])
    try writer.add("C:/windows.txt", bytes: [5])
    try writer.add("back\\slash.txt", bytes: [6])
    try writer.finish()
    let reader = try ZipReader(path: path)
    #expect(reader.entryNames == ["ok.txt"])
    #expect(reader.unsafeEntries.count == 5)
    let error = #expect(throws: ArchiveError.self) { try reader.read("../../etc/evil.txt") }
    #expect(error?.reason == .unsafePath)
  }

  @Test func aZipBombStopsAtTheLimitWhateverItDeclares() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("bomb.zip").path
    let writer = try ZipWriter(path: path)
    try writer.add("zeros.bin", bytes: [UInt8](repeating: 0, count: 8 << 20))
    try writer.add("small.txt", bytes: Array("fine".utf8))
    try writer.finish()
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
    #expect(size < 64 << 10)  // 8 MB of zeros deflates to a few KB
    let reader = try ZipReader(path: path, limits: .init(entryBytes: 1 << 20, totalBytes: 4 << 20))
    let error = #expect(throws: ArchiveError.self) { try reader.read("zeros.bin") }
    #expect(error?.reason == .tooLarge)
    #expect(error?.description.hasPrefix("\(path): zeros.bin: inflates past 1 MB") == true)
    #expect(try reader.read("small.txt") == Array("fine".utf8))
  }

  @Test func notAZipIsAClearError() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("plain.qdpx").path
    try Data("this is not a zip".utf8).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: ArchiveError.self) { try ZipReader(path: path) }
    #expect(error?.description == "\(path): not a ZIP file, or a damaged one")
    #expect(throws: ArchiveError.self) { try ZipReader(bytes: Array("PK\u{3}\u{4}trunc".utf8), file: "t.docx") }
  }

  /// A ZIP in memory whose entry points past the end is refused, not a trap (ZIPFoundation's
  /// in-memory archive seeked past the end and crashed on a negative range); found by fuzzing.
  @Test func anEntryPointingPastTheEndIsAnErrorNotACrash() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("a.docx").path
    let writer = try ZipWriter(path: path)
    try writer.add("word/document.xml", bytes: Array("<w:document/>".utf8))
    try writer.finish()
    var bytes = try Fixtures.bytes(path)
    // The end record's offset of the central directory (bytes 16–19 from its start) now points
    // far past the end of the file.
    let end = bytes.count - 22
    #expect(bytes[end..<end + 4] == [0x50, 0x4B, 0x05, 0x06])
    bytes.replaceSubrange(end + 16..<end + 20, with: [0x00, 0x00, 0x00, 0x03])
    #expect(throws: ArchiveError.self) {
      let reader = try ZipReader(bytes: bytes, file: "a.docx")
      _ = try reader.read("word/document.xml")
    }
  }

  /// An entry declaring more stored bytes than the whole archive holds is damaged, said at once:
  /// reading it asked for the missing bytes 64 KB at a time up to the declared length (a 1 KB
  /// .docx ran for hours); found by fuzzing.
  @Test func anEntryLongerThanItsArchiveIsRefusedAtOnce() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("b.docx").path
    let writer = try ZipWriter(path: path)
    try writer.add("word/document.xml", bytes: Array(String(repeating: "<w:p>minutes</w:p>", count: 40).utf8))
    try writer.finish()
    var bytes = try Fixtures.bytes(path)
    // The central directory's header of the entry: its compressed and uncompressed sizes
    // (bytes 20–27) now say 2 GB.
    let header = try #require((0..<bytes.count - 4).first { bytes[$0..<$0 + 4] == [0x50, 0x4B, 0x01, 0x02] })
    bytes.replaceSubrange(header + 20..<header + 28, with: [0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x7F])
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    for reader in [try ZipReader(bytes: bytes, file: "b.docx"), try ZipReader(path: path)] {
      let error = #expect(throws: ArchiveError.self) { _ = try reader.read("word/document.xml") }
      #expect(error?.description.contains("b.docx: word/document.xml: damaged entry: it declares 2147483647 stored bytes where the archive holds") == true)
    }
  }

  @Test func readsARealWordFile() throws {
    let path = Fixtures.shared("formats/transcripts/qualcoder_interview_response.docx")
    let reader = try ZipReader(path: path)
    #expect(reader.entryNames.contains("word/document.xml"))
    #expect(reader.unsafeEntries.isEmpty)
    #expect(try reader.read("word/document.xml").count > 1000)
  }

  @Test func anUnfinishedExportLeavesNoFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("out.qdpx").path
    let writer = try ZipWriter(path: path)
    try writer.add("project.qde", bytes: [1, 2, 3])
    writer.abandon()
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
  }
}
