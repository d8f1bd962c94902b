import QDAExchange
import Testing

/// How a source's positions, counted as each tool counts them, land in the text QDAKit stores
/// (CRLF read as LF).
@Suite struct TextPositionsTests {
  @Test func eachUnitLandsOnTheSameCharacter() throws {
    // "a", CRLF, an emoji (two UTF-16 units), "b": stored as "a\n😀b".
    let positions = TextPositions(raw: "a\r\n😀b")
    #expect(positions.text == "a\n😀b")
    // "b" is code point 4 of the file, UTF-16 unit 5, and code point 3 with CRLF as one.
    #expect(positions.offset(4, in: .scalars) == 3)
    #expect(positions.offset(5, in: .utf16) == 3)
    #expect(positions.offset(3, in: .scalarsLF) == 3)
    // The end, and past it.
    #expect(positions.offset(5, in: .scalars) == 4)
    #expect(positions.offset(6, in: .utf16) == 4)
    #expect(positions.offset(6, in: .scalars) == nil)
    #expect(positions.offset(-1, in: .utf16) == nil)
  }

  @Test func aLongSourceMapsItsLastCharacterExactly() {
    // Long enough that every line's offset must be counted, not guessed: 20,000 lines of
    // CRLF-ended text with an emoji in each.
    let line = "Interviewer: and 😀 then?\r\n"
    let raw = String(repeating: line, count: 20_000)
    let positions = TextPositions(raw: raw)
    let storedLine = line.unicodeScalars.count - 1
    #expect(positions.text.unicodeScalars.count == storedLine * 20_000)
    // The last line's first character, in each unit.
    #expect(positions.offset(line.unicodeScalars.count * 19_999, in: .scalars) == storedLine * 19_999)
    #expect(positions.offset(line.utf16.count * 19_999, in: .utf16) == storedLine * 19_999)
    #expect(positions.offset(storedLine * 19_999, in: .scalarsLF) == storedLine * 19_999)
  }
}
