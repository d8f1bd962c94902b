import Foundation
import QDASynthetic

/// Seeded random inputs for the fuzz tests: bytes biased towards what breaks parsers (quotes,
/// delimiters, line ends, caption arrows, tags, entities, BOMs, NUL, invalid UTF-8, surrogates).
///
/// `QDAKIT_FUZZ_ITERATIONS` sets how many inputs each fuzz test tries (default 300, so the
/// suite stays fast); `QDAKIT_FUZZ_SEED` its first seed. A failing input is reported with its
/// seed, so it can be replayed.
public struct FuzzInput: RandomNumberGenerator {
  var generator: SplitMix64

  public init(seed: UInt64) { generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

  public mutating func next() -> UInt64 { generator.nextValue() }

  /// How many inputs to try, and the first seed.
  public static var iterations: Int {
    ProcessInfo.processInfo.environment["QDAKIT_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300
  }

  public static var firstSeed: UInt64 {
    ProcessInfo.processInfo.environment["QDAKIT_FUZZ_SEED"].flatMap(UInt64.init) ?? 1
  }

  static let fragments: [[UInt8]] = [
    "\"", ",", ";", "\t", "\r\n", "\n", "\r", " --> ", "00:00:01.000", "00:01,500", "WEBVTT", "NOTE", "<v Ana>", "</v>",
    "<c.x>", "&amp;", "&#x1F600;", "&#99999999;", "Interviewer:", "Q:", "A:", "[00:01:02]", "Principal: ", "{\"text\":\"<p>",
    "<b>", "</b>", "<span class=\"timestamp\" data-timestamp=\"1e308\">", "ImportId", "{\"ImportId\":\"QID1\"}",
    "Respondent ID,Collector ID", "Timestamp,", "record_id,x___1,form_complete", "1", "-1", "\u{00E9}", "\u{1F44D}",
    "   ", "id,submitdate,lastpage", "V1,V2,V3", "ResponseID",
  ].map { Array($0.utf8) }
  static let rawBytes: [[UInt8]] = [[0x00], [0xFF], [0xFE], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xC3], [0xED, 0xA0, 0x80], [0x92], [0x80]]

  /// Up to `length` pieces of fragments, raw bytes and random letters.
  public mutating func bytes(length: Int = 40) -> [UInt8] {
    var result: [UInt8] = []
    let pieces = Int.random(in: 0...length, using: &self)
    for _ in 0..<pieces {
      switch Int.random(in: 0..<10, using: &self) {
      case 0: result += Self.rawBytes.randomElement(using: &self)!
      case 1...5: result += Self.fragments.randomElement(using: &self)!
      default:
        let count = Int.random(in: 1...8, using: &self)
        for _ in 0..<count { result.append(UInt8.random(in: 0x20...0x7E, using: &self)) }
      }
    }
    return result
  }

  /// Bytes that decode as UTF-8 text.
  public mutating func text(length: Int = 40) -> String {
    String(decoding: bytes(length: length).filter { $0 != 0 }, as: UTF8.self)
  }
}
