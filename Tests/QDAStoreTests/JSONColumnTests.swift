import Foundation
import Testing
@testable import QDAStore
import _QDATestSupport

/// The hand-written JSON for lists of strings (codings' matched words) is the encoder's, byte
/// for byte, and reads back whatever the encoder wrote.
@Suite struct JSONColumnTests {
  static let awkward: [[String]] = [
    [], [""], ["time"], ["said", "\"no\"", "a\\b", "x/y", "tab\there", "line\nbreak", "cr\r", "é 🙂", "\u{2028}", "\u{7F}"],
    [String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))],
  ]

  @Test(arguments: awkward) func listsOfStringsAreWrittenAsTheEncoderWritesThem(_ list: [String]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(list), as: UTF8.self)
    #expect(JSONColumn.encode(list) == expected)
    #expect(JSONColumn.decode([String].self, expected, default: ["fallback"]) == list)
  }

  @Test func randomListsRoundTrip() {
    var generator = FuzzInput(seed: FuzzInput.firstSeed)
    let alphabet = Array("ab \"\\/\n\t\u{1}é🙂,[]".unicodeScalars)
    for _ in 0..<2_000 {
      let list = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
        String(String.UnicodeScalarView((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
      }
      #expect(JSONColumn.decode([String].self, JSONColumn.encode(list), default: ["fallback"]) == list)
    }
  }

  @Test func otherSpellingsOfJSONGoThroughTheDecoder() {
    #expect(JSONColumn.decode([String].self, #"[ "a" , "b\u0041" ]"#, default: []) == ["a", "bA"])
    #expect(JSONColumn.decode([String].self, #"["a\/b"]"#, default: []) == ["a/b"])
    #expect(JSONColumn.decode([String].self, "not json", default: ["fallback"]) == ["fallback"])
    #expect(JSONColumn.decode([String].self, #"["unclosed"#, default: ["fallback"]) == ["fallback"])
  }
}

/// Documents' metadata written by hand is the encoder's, byte for byte.
@Suite struct JSONColumnDictionaryTests {
  @Test(arguments: [
    [:], ["survey": "s.csv", "row": "12", "dialect": "qualtrics"], ["a10": "x", "a9": "y", "B": "\"q\"", "a": "é/🙂\n", "_": ""],
  ] as [[String: String]])
  func dictionariesAreWrittenAsTheEncoderWritesThem(_ dictionary: [String: String]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(dictionary), as: UTF8.self)
    #expect(JSONColumn.encode(dictionary) == expected)
    #expect(JSONColumn.decode([String: String].self, expected, default: ["fallback": ""]) == dictionary)
  }

  @Test func otherSpellingsOfDictionariesGoThroughTheDecoder() {
    #expect(JSONColumn.decode([String: String].self, #"{ "a" : "\u0041", "b":"x\/y" }"#, default: [:]) == ["a": "A", "b": "x/y"])
    #expect(JSONColumn.decode([String: String].self, #"{"a":"b""#, default: ["fallback": ""]) == ["fallback": ""])
    #expect(JSONColumn.decode([String: String].self, #"{"a":1}"#, default: ["fallback": ""]) == ["fallback": ""])
  }
}
