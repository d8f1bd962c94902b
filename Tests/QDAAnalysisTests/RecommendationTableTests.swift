import Testing
import QDAAnalysis
import QDAModel

/// Recommendations gathered from the whole interview and grouped (issue 34, item 2), on
/// interviews written for this test about a coaching certificate for department heads.
@Suite struct RecommendationTableTests {
  static let interviews: [String: [String]] = [
    "K1": [
      "I: How was the online portal?",
      "P: Clunky. It would help if the portal let you save a draft halfway through.",
      "I: What would you change for the next group?",
      "P: Pair every new head with a mentor from another school. And a shared calendar of the deadlines.",
    ],
    "K2": [
      "I: Tell me about the coaching sessions.",
      "P: They were fine. I wish they had given each of us a mentor from the start.",
      "I: Any recommendations for the designers?",
      "P: A mentor, definitely. Somebody outside your own building.",
    ],
    "K3": [
      "I: What would you recommend to the people who run it?",
      "P: Let us save drafts in the portal, because I lost an hour of writing once.",
      "P: I should have started earlier, but that's on me.",
    ],
    "K4": [
      "I: What would you tell a colleague about managing the time?",
      "P: You should block out Friday afternoons.",
    ],
  ]

  static func corpus() -> CorpusSnapshot { InterviewFindingsTests.snapshot(interviews) }

  @Test func recommendationsComeFromTheWholeInterviewNotAdviceOrRegret() throws {
    let corpus = Self.corpus()
    let table = RecommendationTable(corpus, findings: InterviewFindings(corpus))
    let said = Dictionary(grouping: table.suggestions, by: \.participant).mapValues { $0.map(\.text) }
    #expect(said["K1"] == [
      "It would help if the portal let you save a draft halfway through.",
      "Pair every new head with a mentor from another school.", "And a shared calendar of the deadlines.",
    ])
    #expect(said["K2"] == ["I wish they had given each of us a mentor from the start.", "A mentor, definitely."])
    #expect(said["K3"] == ["Let us save drafts in the portal, because I lost an hour of writing once."])
    // Advice to a colleague about one's own time is not a recommendation to the designers.
    #expect(said["K4"] == nil)
    // Where each was said: in passing, or in the answer to the recommendations question.
    #expect(table.suggestions.filter(\.inAnswer).count == 4)
    #expect(table.participants == ["K1", "K2", "K3"])
  }

  @Test func withoutTheModelSuggestionsAreGroupedByTheWordsTheyShare() throws {
    let corpus = Self.corpus()
    let table = RecommendationTable(corpus, findings: InterviewFindings(corpus))
    #expect(table.grouping == .words)
    let mentor = try #require(table.groups.first { $0.label == "mentor" })
    #expect(mentor.participants == ["K1", "K2"])
    let portal = try #require(table.groups.first { $0.participants == ["K1", "K3"] })
    #expect(["portal", "save", "draft"].contains(where: portal.label.contains), "\(portal.label)")
    // The calendar no one else asked for is among the others.
    #expect(table.others.map { table.suggestions[$0].text }.contains("And a shared calendar of the deadlines."))
    // The table: one row per group, then the others; every count links to its passages.
    let data = table.table
    #expect(data.data?.rows.count == table.groups.count + 1)
    #expect(data.rows.dropLast().allSatisfy { !$0[1].passages.isEmpty })
  }

  @Test func theEncodersVectorsRegroupTheSameSuggestions() throws {
    let corpus = Self.corpus()
    let table = RecommendationTable(corpus, findings: InterviewFindings(corpus))
    // Vectors that say "drafts" for the two portal sentences and "mentors" for the rest.
    let vectors: [[Float]] = table.suggestions.map { $0.text.contains("draft") ? [1, 0, 0] : $0.text.contains("calendar") ? [0, 0, 1] : [0, 1, 0] }
    let regrouped = table.regrouped(vectors: vectors, interviewed: corpus.interviewed)
    #expect(regrouped.grouping == .meaning)
    #expect(Set(regrouped.groups.map(\.participants)) == [["K1", "K3"], ["K1", "K2"]])
    // Vectors of the wrong number are not used.
    #expect(table.regrouped(vectors: [[1]], interviewed: corpus.interviewed).grouping == .words)
  }
}
