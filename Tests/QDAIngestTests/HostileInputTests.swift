import Foundation
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// Broken and hostile input fails with a message naming the file and place, or is handled,
/// within bounded memory and time; nothing crashes.
@Suite struct HostileInputTests {
  static func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return String(describing: error)
    }
  }

  @Test func aLoneUTF16SurrogateIsAnErrorWithItsLine() {
    // "Q: hi\nA: " then a high surrogate followed by "x", UTF-16LE with BOM.
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in Array("Q: hi\nA: ".utf16) + [0xD83D, 0x0078] { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let text = Self.message { _ = try TextDecoder.decode(bytes, file: "P01.txt") }
    #expect(text.hasPrefix("P01.txt:2"), "\(text)")
    #expect(text.contains("surrogate"), "\(text)")
  }

  @Test func aNULInTheMiddleOfAnInterviewIsRefusedAsNotText() {
    let bytes = Array("Interviewer: Hi.\nPrincipal: Hello".utf8) + [0x00] + Array(" there.\n".utf8)
    let text = Self.message { _ = try DocumentImporter.importTranscript(bytes: bytes, sourcePath: "P02.txt", key: "P02.txt") }
    #expect(text.hasPrefix("P02.txt:2: not a text file: a NUL character"), "\(text)")
  }

  @Test func invalidUTF8IsReadAsWindows1252WithAWarningNamingTheLine() throws {
    let bytes = Array("Interviewer: Hi.\nPrincipal: It was ".utf8) + [0xE9, 0xFF] + Array(" fine.\n".utf8)
    let imported = try DocumentImporter.importTranscript(bytes: bytes, sourcePath: "P03.txt", key: "P03.txt")
    #expect(imported.document.encoding == "windows-1252")
    #expect(imported.document.warnings.first?.hasPrefix("P03.txt:2: not valid UTF-8") == true)
  }

  @Test func aTwoGigabyteFileIsRefusedByItsSizeWithoutBeingRead() throws {
    let temp = try TemporaryFolder("huge")
    let path = temp.path("P04.txt")
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 2 * 1024 * 1024 * 1024)  // sparse: no disk used
    try handle.close()
    let text = Self.message { _ = try DocumentImporter.importFile(at: path, key: "P04.txt") }
    #expect(text == "\(path): is 2.0 GB; QDAKit reads input files up to 512.0 MB")
  }

  @Test func aFolderOrAMissingFileIsNamedAsSuch() throws {
    let temp = try TemporaryFolder("folder")
    #expect(Self.message { _ = try InputReader.bytes(atPath: temp.path) } == "\(temp.path): is a folder, not a file")
    #expect(
      Self.message { _ = try InputReader.bytes(atPath: temp.path("none.txt")) }
        == "\(temp.path("none.txt")): cannot read the file (it does not exist or is not readable)")
  }

  @Test func aCSVWithAHundredThousandColumnsIsReadAndItsBadRowNamed() throws {
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let row = (0..<99_999).map { "\($0)" }.joined(separator: ",")
    let text = "id," + header + "\nP01," + row + "\n"
    let table = try CSVReader.parse(text, file: "wide.csv")
    #expect(table.records.map(\.fields.count) == [100_001, 100_000])
    let error = Self.message { _ = try AttributeReader.read(Array(text.utf8), file: "wide.csv") }
    #expect(error == "wide.csv:2: row 2 has 100000 cells but the header has 100001")
  }

  @Test func aTruncatedWordFileIsAClearError() throws {
    let bytes = try Fixtures.bytes(Fixtures.shared("formats/transcripts/qualcoder_interview_response.docx"))
    for length in [0, 10, bytes.count / 3, bytes.count - 22] {
      let text = Self.message {
        _ = try DocumentImporter.importTranscript(bytes: Array(bytes.prefix(length)), sourcePath: "cut.docx", key: "cut.docx")
      }
      #expect(text.hasPrefix("cut.docx"), "\(length): \(text)")
      #expect(text != "no error")
    }
  }

  @Test func aQuoteThatNeverClosesIsReportedWhereItOpened() {
    let text = "id,comment\nP01,\"it never ends\nP02,ok\n"
    #expect(Self.message { _ = try CSVReader.parse(text, file: "open.csv") }.hasPrefix("open.csv:2"))
  }
}
