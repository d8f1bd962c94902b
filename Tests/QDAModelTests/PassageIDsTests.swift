import Foundation
import QDAModel
import Testing

/// Passage ids held compactly read back, count, compare and encode as the ids themselves.
@Suite struct PassageIDsTests {
  static let cases: [[Int64]] = [
    [],
    [1],
    [3, 4, 9, 10, 200, 201, 70_000],
    [9, 3, 3, -5, 0, 1 << 40, -(1 << 40)],
    [Int64.max, Int64.min, 0, Int64.max, Int64.min + 1],
  ]

  @Test(arguments: cases)
  func readsBackTheIdsInOrder(ids: [Int64]) throws {
    let compact = PassageIDs(ids)
    #expect(Array(compact) == ids)
    #expect(compact.count == ids.count)
    #expect(compact.isEmpty == ids.isEmpty)
    #expect(compact.first == ids.first)
    #expect(compact.map { $0 } == ids)
    // As JSON, exactly the array of ids; and back.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    #expect(try encoder.encode(compact) == (try encoder.encode(ids)))
    #expect(try JSONDecoder().decode(PassageIDs.self, from: try encoder.encode(ids)) == compact)
  }

  @Test func appendsAndComparesByTheIds() {
    var grown = PassageIDs()
    for id: Int64 in [5, 6, 8] { grown.append(id) }
    let literal: PassageIDs = [5, 6, 8]
    #expect(grown == literal)
    #expect(grown.hashValue == literal.hashValue)
    #expect(grown != [5, 6])
    #expect(grown != [5, 6, 9])
    #expect(Set([grown, literal, [1]]).count == 2)
  }

  @Test func ascendingIdsTakeAByteOrTwoEach() throws {
    // Every third passage of two million: the size JSON and memory care about.
    let ids = stride(from: Int64(1), to: 2_000_000, by: 3).map { $0 }
    let compact = PassageIDs(ids)
    #expect(Array(compact) == ids)
    #expect(compact.byteCount == ids.count)
    // Steps of up to 63 take a byte, up to 8,191 two (the first id steps from 0); a step back
    // costs what a step forward does.
    #expect(PassageIDs([100, 163, 8_354, 163]).byteCount == 2 + 1 + 2 + 2)
  }
}
