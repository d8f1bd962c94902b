import Testing
import QDAIngest
import QDAModel
import _QDATestSupport

@Suite struct TextDecoderTests {
  @Test func readsUTF8WithAndWithoutBOM() throws {
    let plain = try TextDecoder.decode(Array("Naïve\n".utf8))
    #expect(plain.text == "Naïve\n")
    #expect(plain.encoding == "utf-8")
    let bom = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("WEBVTT".utf8))
    #expect(bom.text == "WEBVTT")
    #expect(bom.encoding == "utf-8-bom")
    #expect(bom.warnings.isEmpty)
  }

  @Test func readsUTF16BothWaysWithBOM() throws {
    let text = "Q: Hi?\r\nA: Héllo 👍"
    let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(try TextDecoder.decode(little).text == "Q: Hi?\nA: Héllo 👍")
    #expect(try TextDecoder.decode(little).encoding == "utf-16le")
    #expect(try TextDecoder.decode(big).text == "Q: Hi?\nA: Héllo 👍")
    #expect(try TextDecoder.decode(big).encoding == "utf-16be")
  }

  @Test func rejectsTruncatedUTF16() {
    #expect(throws: IngestError.self) { try TextDecoder.decode([0xFF, 0xFE, 0x41]) }
  }

  @Test func fallsBackToWindows1252WithAWarningNamingTheLine() throws {
    let path = Fixtures.shared("formats/surveys/microsoft_forms_export_cp1252.csv")
    let decoded = try TextDecoder.decode(try Fixtures.bytes(path), file: "forms.csv")
    #expect(decoded.encoding == "windows-1252")
    #expect(decoded.text.contains("Computer Science\u{2019}s"))
    #expect(decoded.warnings == [
      "forms.csv:59: not valid UTF-8 (byte 0x92 at offset 4024); decoded as Windows-1252, check quotes and accents"
    ])
  }

  @Test func mapsWindows1252SmartQuotesAndDashes() throws {
    let decoded = try TextDecoder.decode([0x93, 0x68, 0x69, 0x94, 0x20, 0x97, 0x20, 0x80])
    #expect(decoded.text == "\u{201C}hi\u{201D} \u{2014} €")
  }

  @Test(arguments: [
    ("a\r\nb\r\nc", "a\nb\nc", "crlf"), ("a\rb\rc", "a\nb\nc", "cr"), ("a\nb", "a\nb", "lf"),
    ("a\r\nb\nc", "a\nb\nc", "mixed"), ("abc", "abc", "none"), ("a\r\r\nb", "a\n\nb", "mixed"),
  ])
  func normalisesLineBreaks(input: String, output: String, kind: String) throws {
    let decoded = try TextDecoder.decode(Array(input.utf8))
    #expect(decoded.text == output)
    #expect(decoded.lineEndings == kind)
  }

  @Test func hashesLikeSHA256() {
    #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func hashesInPiecesLikeAtOnce() {
    // A million "a"s fed in pieces that split 64-byte blocks anywhere (as a file read a
    // megabyte at a time does), including empty pieces.
    var hasher = SHA256.Hasher256()
    var fed = 0
    for size in [0, 1, 63, 64, 65, 1_000, 0, 4_097] {
      hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: size))
      fed += size
    }
    hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000 - fed))
    #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func rejectsBinaryFiles() throws {
    #expect {
      try TextDecoder.decode([0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x00], file: "P03.txt")
    } throws: { error in
      String(describing: error).hasPrefix("P03.txt:1: not a text file: a NUL character")
    }
    // The NUL's line, and its offset in characters (not bytes) after multi-byte text.
    #expect(throws: IngestError(InputLocation(file: "x.txt", line: 2), .encoding, "not a text file: a NUL character at character 8 (read as utf-8)")) {
      try TextDecoder.decode(Array("é\r\nabcdef\u{0}".utf8), file: "x.txt")
    }
    var noisy = [UInt8](repeating: 0x07, count: 40)
    noisy += Array("Interviewer: hi".utf8)
    #expect(throws: IngestError.self) { try TextDecoder.decode(noisy, file: "x.txt") }
    // A form feed or a stray bell in real text is fine.
    #expect(try TextDecoder.decode(Array("Q: Hi?\u{0C}\nA: Hello\u{07} there.\n".utf8)).text == "Q: Hi?\u{0C}\nA: Hello\u{07} there.\n")
  }
}
