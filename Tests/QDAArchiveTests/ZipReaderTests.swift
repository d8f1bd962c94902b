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
