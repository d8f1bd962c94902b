import Foundation
import QDAAnalysis
import QDAModel
import QDAPipeline
import QDAQuery
import Testing
import _QDATestSupport

/// A designer's question in plain words, end to end on the sample corpus with the real sentence
/// model: ranked by meaning, filters kept, words-only and no-model fallbacks that say so.
@Suite struct MeaningSearchTests {
  static let pipeline = LearnedCodingTests.pipeline

  @Test func aQuestionInPlainWordsFindsAnswersInOtherWords() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("meaning")
    defer { withExtendedLifetime(folder) {} }
    // None of the question's content words is "hours", yet the answers are about hours spent.
    let result = try Self.pipeline.search(
      project: project, QueryRequest(text: "How much time did the programme take them each week?", limit: 5))
    #expect(result.order == .meaning)
    #expect(result.note == nil)
    #expect(result.hits.count == 5)
    let about = result.hits.filter { $0.snippet.lowercased().contains("hour") }
    #expect(about.count >= 4, "\(result.hits.map(\.snippet))")
    // Best first, and only participants' sentences.
    let ranks = result.hits.compactMap(\.rank)
    #expect(ranks == ranks.sorted())
    #expect(result.hits.allSatisfy { $0.passage.role != .interviewer })
    #expect(result.total > 100)
    // No sentence shown twice (a short one is shown with its neighbour, and then not again).
    let many = try Self.pipeline.search(project: project, QueryRequest(text: "Why did they sign up for it?", limit: 60))
    var sentences: [String] = []
    for hit in many.hits { sentences += hit.snippet.split(separator: ". ").map { "\(hit.passage.id ?? 0)|\($0)" } }
    #expect(Set(sentences).count == sentences.count, "\(sentences)")

    // Apostrophes, hyphens and a question mark are words, not syntax.
    let platform = try Self.pipeline.search(project: project, QueryRequest(text: "Was the site's log-in hard to use?", limit: 3))
    #expect(platform.order == .meaning)
    #expect(platform.hits.contains { $0.codes.contains { $0.hasPrefix("tools") } })
  }

  @Test func morePassagesLikeOneAreAboutTheSameThing() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("meaning-like")
    defer { withExtendedLifetime(folder) {} }
    let seed = try #require(
      try Self.pipeline.search(project: project, QueryRequest(text: "How many hours did it take?", limit: 1)).hits.first)
    var request = QueryRequest(limit: 5)
    request.likePassage = seed.passage.id
    let like = try Self.pipeline.search(project: project, request)
    #expect(like.order == .meaning)
    #expect(like.hits.count == 5)
    #expect(!like.hits.contains { $0.passage.id == seed.passage.id })
    #expect(like.hits.filter { $0.snippet.lowercased().contains("hour") }.count >= 3, "\(like.hits.map(\.snippet))")
    request.likePassage = 999_999
    #expect(throws: QueryError.self) { try Self.pipeline.search(project: project, request) }
  }

  @Test func aQuestionsAnswersComeInAFewThemesWithTheirPeople() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("meaning-themes")
    defer { withExtendedLifetime(folder) {} }
    let request = QueryRequest(text: "Why did they decide to take part?", limit: 40)
    let themes = try Self.pipeline.themes(project: project, request, count: 4)
    #expect(themes.count == 4)
    // Every answer the search found is in exactly one theme.
    let found = try Self.pipeline.search(project: project, request).hits
    #expect(themes.map(\.hits.count).reduce(0, +) == found.count)
    #expect(themes.map(\.hits.count) == themes.map(\.hits.count).sorted(by: >))
    for theme in themes {
      #expect(!theme.participants.isEmpty && theme.respondents.isEmpty)
      #expect(theme.participants == Array(Set(theme.hits.map(\.participant))).sorted())
      #expect(theme.hits.contains { $0.snippet == theme.quote })
    }
    // One of the sample's commonest reasons, the district's priorities (equity), labels a theme;
    // labels are the theme's own words, not the question's.
    let labels = themes.map(\.label)
    let labelWords = Set(labels.flatMap { $0.components(separatedBy: ", ") })
    #expect(labelWords.isDisjoint(with: ["decide", "take", "part"]), "\(labels)")
    #expect(labels.contains { $0.contains("district") || $0.contains("equity") || $0.contains("priorit") }, "\(labels)")
    // Expert syntax is not grouped by meaning.
    #expect(throws: PipelineError.self) { try Self.pipeline.themes(project: project, QueryRequest(text: "stipend* OR bonus*")) }
  }

  @Test func filtersHoldAndEveryHitIsAParticipantTheyAllow() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("meaning-filter")
    defer { withExtendedLifetime(folder) {} }
    let request = QueryRequest(
      text: "Why did they sign up?", conditions: [try AttributeCondition("completed=no")], limit: 50)
    let result = try Self.pipeline.search(project: project, request)
    #expect(result.order == .meaning)
    #expect(!result.hits.isEmpty)
    let participants = try Self.pipeline.snapshot(project: project).participants
    let allowed = Set(participants.filter { $0.attributes["completed"] == .yesNo(false) }.map(\.id))
    #expect(!allowed.isEmpty)
    #expect(Set(result.hits.map(\.participant)).isSubset(of: allowed))

    // A value nobody has is answered with the values there are, not with silence.
    let none = try Self.pipeline.search(
      project: project, QueryRequest(text: "Why did they sign up?", conditions: [try AttributeCondition("school_level=middle")]))
    #expect(none.hits.isEmpty)
    #expect(none.note == "no participant has school_level=middle; school_level has: elementary, high school")
    // Case and spacing do not matter for a category.
    let high = try Self.pipeline.search(
      project: project, QueryRequest(text: "time", conditions: [try AttributeCondition("school_level=High_School")]))
    #expect(!high.hits.isEmpty)
  }

  @Test func withoutTheModelOrWithWordsOnlyTheQuestionsWordsRankAndItSaysSo() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("meaning-words")
    defer { withExtendedLifetime(folder) {} }
    var request = QueryRequest(text: "What did non-completers say about time?", limit: 5)
    request.byMeaning = false
    let words = try Self.pipeline.search(project: project, request)
    #expect(words.order == .words)
    #expect(words.note == nil)
    #expect(words.hits.allSatisfy { $0.snippet.contains("«") })

    let rulesOnly = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    let fallback = try rulesOnly.search(project: project, QueryRequest(text: "What did non-completers say about time?", limit: 5))
    #expect(fallback.order == .words)
    #expect(fallback.note?.contains("sentence model") == true)
    #expect(!fallback.hits.isEmpty)

    #expect(throws: QueryError.self) { try Self.pipeline.search(project: project, QueryRequest(text: "What did they say about it?")) }
    // Expert syntax keeps its meaning.
    let expert = try Self.pipeline.search(project: project, QueryRequest(text: "stipend* OR bonus*"))
    #expect(expert.order == .document)
  }
}
