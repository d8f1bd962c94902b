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
    #expect(text == "\(path): is 2.0 GB; QDAKit reads transcripts up to 16.0 MB")
  }

  @Test func aTranscriptLargerThanAnyInterviewIsRefusedByItsSize() throws {
    // A 100 MB line of text took 21 s and 1.9 GB to read as one passage.
    let temp = try TemporaryFolder("large")
    let path = temp.path("P05.vtt")
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 100 * 1024 * 1024)
    try handle.close()
    #expect(Self.message { _ = try DocumentImporter.importFile(at: path, key: "P05.vtt") }
      == "\(path): is 100.0 MB; QDAKit reads transcripts up to 16.0 MB")
  }

  @Test func aWordFileWhoseTextInflatesPast32MBIsRefusedAsABomb() throws {
    // Some 130 KB of deflated paragraphs that inflate to 33 MB: a 518 KB file of this kind
    // inflated to 256 MB and took minutes and gigabytes to read.
    let paragraph = "<w:p><w:r><w:t>Interviewer: And how was that week for you?</w:t></w:r></w:p>"
    let body = String(repeating: paragraph, count: (33 << 20) / paragraph.utf8.count)
    let bytes = try WordTranscriptTests.docx(body)
    #expect(bytes.count < 1 << 20)
    let text = Self.message { _ = try DocumentImporter.importTranscript(bytes: bytes, sourcePath: "bomb.docx", key: "bomb.docx") }
    #expect(text.hasPrefix("bomb.docx: "), "\(text)")
    #expect(text.contains("inflates past 32 MB"), "\(text)")
  }

  @Test func aFolderOrAMissingFileIsNamedAsSuch() throws {
    let temp = try TemporaryFolder("folder")
    #expect(Self.message { _ = try InputReader.bytes(atPath: temp.path) } == "\(temp.path): is a folder, not a file")
    #expect(
      Self.message { _ = try InputReader.bytes(atPath: temp.path("none.txt")) }
        == "\(temp.path("none.txt")): cannot read the file (it does not exist or is not readable)")
  }

  @Test func aCSVWiderThanASpreadsheetIsRefusedAtItsFirstRow() throws {
    // Two million cells on one line took a minute and 3.8 GB before anything was said.
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let text = "id," + header + "\nP01,1\n"
    let expected =
      "wide.csv:1: a record of more than 16384 fields starts here; a spreadsheet has at most 16384 columns "
      + "(is the delimiter right?)"
    #expect(Self.message { _ = try CSVReader.parse(text, file: "wide.csv") } == expected)
    #expect(Self.message { _ = try AttributeReader.read(Array(text.utf8), file: "wide.csv") } == expected)
  }

  @Test func aCSVAsWideAsASpreadsheetIsReadAndItsBadRowNamed() throws {
    let header = (0..<16_383).map { "c\($0)" }.joined(separator: ",")
    let row = (0..<16_382).map { "\($0)" }.joined(separator: ",")
    let text = "id," + header + "\nP01," + row + "\n"
    let table = try CSVReader.parse(text, file: "wide.csv")
    #expect(table.records.map(\.fields.count) == [16_384, 16_383])
    let error = Self.message { _ = try AttributeReader.read(Array(text.utf8), file: "wide.csv") }
    #expect(error == "wide.csv:2: row 2 has 16383 cells but the header has 16384")
  }

  @Test(arguments: [
    // An unquoted cell, and a quote that never closes, each longer than the limit.
    ("id,comment\nP01,ok\nP02," + String(repeating: "word ", count: 40) + "\nP03,ok\n", 3),
    ("id,comment\nP01,\"it never ends " + String(repeating: "and on ", count: 40) + "\nP02,ok\n", 2),
  ])
  func aRecordLongerThanTheLimitIsRefusedWhereItStarts(text: String, line: Int) {
    let message = Self.message { _ = try CSVReader.parse(text, file: "long.csv", limits: .init(recordBytes: 100)) }
    #expect(message.hasPrefix("long.csv:\(line): a record longer than 100 bytes starts here"), "\(message)")
    // Within the default limits the same files are a table and an unclosed quote.
    #expect(Self.message { _ = try CSVReader.parse(text, file: "long.csv") }.hasPrefix(line == 3 ? "no error" : "long.csv:2"))
  }

  @Test func aSixteenMegabyteLineIsNoTableRow() {
    let text = "id,comment\nP01," + String(repeating: "x", count: 17 << 20) + "\n"
    #expect(Self.message { _ = try CSVReader.parse(text, file: "line.csv") }.hasPrefix("line.csv:2: a record longer than 16.0 MB"))
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
