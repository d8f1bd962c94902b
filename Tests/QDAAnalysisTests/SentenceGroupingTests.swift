import Testing
@testable import QDAAnalysis

/// Average-linkage grouping of sentence vectors, its stops, labels and representatives.
@Suite struct SentenceGroupingTests {
  /// A unit vector near one of a few directions, with a small deterministic wobble.
  static func point(_ direction: Int, _ wobble: Int, dimensions: Int = 16) -> [Float] {
    var vector = [Float](repeating: 0, count: dimensions)
    vector[direction] = 1
    vector[(direction + 1 + wobble % 3) % dimensions] = 0.15 * Float(wobble % 5) / 4
    return vector
  }

  @Test func pointsAroundThreeDirectionsMakeThreeGroupsLargestFirst() {
    // Directions 0, 4 and 8: five, three and two points, interleaved.
    let directions = [0, 4, 0, 8, 0, 4, 0, 8, 4, 0]
    let vectors = directions.enumerated().map { Self.point($1, $0) }
    let groups = SentenceGrouping.groups(vectors: vectors, stop: .similarity(0.5))
    #expect(groups.map(\.count) == [5, 3, 2])
    #expect(groups[0] == [0, 2, 4, 6, 9])
    #expect(groups[1] == [1, 5, 8])
    #expect(groups[2] == [3, 7])
    // The same answer again, and by count: stopping at three groups gives the same three.
    #expect(SentenceGrouping.groups(vectors: vectors, stop: .similarity(0.5)) == groups)
    #expect(SentenceGrouping.groups(vectors: vectors, stop: .groups(3, floor: -1)) == groups)
    // A floor no pair reaches merges nothing; one group is everything when nothing holds back.
    #expect(SentenceGrouping.groups(vectors: vectors, stop: .similarity(1.5)).count == vectors.count)
    #expect(SentenceGrouping.groups(vectors: vectors, stop: .groups(1, floor: -2)) == [Array(0..<10)])
  }

  @Test func theEncoderStopAimsAtAboutFourSentencesAGroup() {
    #expect(SentenceGrouping.encoderStop(count: 1) == .groups(1, floor: 0))
    #expect(SentenceGrouping.encoderStop(count: 40) == .groups(10, floor: 0))
    #expect(SentenceGrouping.encoderStop(count: 45) == .groups(12, floor: 0))
  }

  @Test func manySentencesAreSampledThenJoined() {
    // Past the direct limit: 500 points around three directions still make three groups.
    let vectors = (0..<(SentenceGrouping.directLimit + 100)).map { Self.point([0, 5, 10][$0 % 3], $0) }
    let groups = SentenceGrouping.groups(vectors: vectors, stop: .similarity(0.3))
    #expect(groups.count == 3)
    #expect(groups.map(\.count).reduce(0, +) == vectors.count)
    #expect(groups.allSatisfy { group in Set(group.map { $0 % 3 }).count == 1 })
  }

  @Test func aGroupIsLabelledByThePhraseItsSpeakersShareAndOthersDoNot() {
    let texts = [
      "A shared calendar for the whole cohort would help.",  // 0, a
      "Put every deadline on a shared calendar.",  // 1, b
      "A shared calendar, honestly, and fewer emails.",  // 2, c
      "The cohort meetings should be shorter.",  // 3, d
      "Shorter cohort meetings, please.",  // 4, e
    ]
    let speakers = ["a", "b", "c", "d", "e"]
    #expect(SentenceGrouping.label(of: [0, 1, 2], index: .init(texts), speakers: speakers) == "shared calendar")
    // "cohort" is said outside the group too; the two words together only within it.
    #expect(SentenceGrouping.label(of: [3, 4], index: .init(texts), speakers: speakers) == "cohort meetings")
    // A word the group's speakers share and no one else says beats one said everywhere.
    let others = ["Fewer emails about the portal.", "Fix the portal.", "A portal that works, and fewer emails."]
    #expect(SentenceGrouping.label(of: [0, 2], index: .init(others), speakers: ["x", "y", "z"]) == "fewer emails")
  }

  @Test func theRepresentativeIsTheMemberMostLikeTheRest() {
    let vectors: [[Float]] = [[1, 0, 0], [0.9, 0.3, 0], [0.95, 0.1, 0.05], [0, 0, 1]]
    let prepared = SentenceGrouping.prepared(vectors)
    #expect(SentenceGrouping.representative(of: [0, 1, 2], prepared: prepared) == 2)
    // Only eligible members are chosen when any is.
    #expect(SentenceGrouping.representative(of: [0, 1, 2], prepared: prepared, eligible: { $0 != 2 }) == 0)
  }

  @Test func lexicalVectorsCompareByTheContentWordsSentencesShare() {
    let vectors = SentenceGrouping.lexicalVectors([
      "More live sessions with other principals.", "Live sessions, even monthly.", "The portal crashed on uploads.",
      "Fix the portal uploads.",
    ])
    let groups = SentenceGrouping.groups(vectors: vectors, stop: SentenceGrouping.lexicalStop)
    #expect(Set(groups.map { Set($0) }) == [[0, 1], [2, 3]])
  }
}
