import Foundation
import QDAModel
import QDAPipeline
import QDAQuery
import QDAStore
import Testing
import _QDATestSupport

/// `qda query` on the sample corpus with its survey: the questions program designers ask.
@Suite struct QueryPipelineTests {
  // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
  static let project: Result<(TemporaryFolder, String), any Error> = Result {
    let temp = try TemporaryFolder("query")
    let folder = Fixtures.repository("Corpora/principals")
    _ = try pipeline.ingest(
      IngestRequest(
        inputs: [folder, Fixtures.repository("Corpora/survey/teachers_survey.csv")], attributes: folder + "/participants.csv",
        interviewProtocol: folder + "/protocol.yaml", codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    return (temp, temp.path("p.qda"))
  }
  var path: String { get throws { try Self.project.get().1 } }

  @Test func whatDidNonCompletersSayAboutTime() throws {
    let (hits, total) = try Self.pipeline.query(
      project: path, QueryRequest(text: "time", conditions: [try AttributeCondition("completed=no")]))
    #expect(total == 2)
    #expect(hits.map(\.participant) == ["P11", "P11"])
    #expect(hits.allSatisfy { $0.snippet.contains("«time") })
    // Document order by default (no rank); ranked, best first.
    #expect(hits.allSatisfy { $0.rank == nil } && hits[0].passage.id! < hits[1].passage.id!)
    let ranked = try Self.pipeline.query(
      project: path, QueryRequest(text: "time", conditions: [try AttributeCondition("completed=no")], ranked: true))
    #expect(Set(ranked.hits.map(\.passage.id)) == Set(hits.map(\.passage.id)))
    #expect(ranked.hits[0].rank! <= ranked.hits[1].rank!)
    // By code rather than by word: the non-completers' time-commitment passages.
    let coded = try Self.pipeline.query(
      project: path, QueryRequest(code: "rules.time", conditions: [try AttributeCondition("completed=no")]))
    #expect(coded.hits.map(\.participant) == ["P10"])
  }

  /// Every shape of search (words or not, codes or not, each filter) against the same question
  /// answered by reading every passage, coding and document: the same passages, in passage
  /// order, counted in full, and a limit keeping the first of them.
  @Test(arguments: [
    QueryRequest(text: "time"),
    QueryRequest(text: "time", role: .participant),
    QueryRequest(text: "hours", question: "Q4"),
    QueryRequest(text: "collab*", code: "community"),
    QueryRequest(text: "time OR hours", element: .rules, coder: "auto", conditions: [try! AttributeCondition("completed=yes")]),
    QueryRequest(text: "time", document: "P04.txt"),
    QueryRequest(code: "rules"),
    QueryRequest(code: "rules.time", role: .participant),
    QueryRequest(element: .community, conditions: [try! AttributeCondition("years_as_admin>=10")]),
    QueryRequest(code: "rules.incentives", coder: "someone"),
    QueryRequest(code: "community.collaboration", coder: "auto"),
    QueryRequest(code: "rules", question: "Q4"),
    QueryRequest(text: "time", code: "rules.time", document: "P04.txt"),
    QueryRequest(code: "rules", document: "P02.txt"),
    QueryRequest(role: .interviewer),
    QueryRequest(conditions: [try! AttributeCondition("completed=no")], question: "Q2"),
    QueryRequest(),
  ])
  func everyShapeOfSearchAgreesWithReadingEverything(_ request: QueryRequest) throws {
    let path = try path
    let codebook = try Self.pipeline.codebook(project: path)
    let (passages, codings, documents, participants) = try ProjectStore(path: path, mustExist: true).read { project in
      (try project.passages(), try project.codings(), try project.documents(), try project.participants())
    }
    var expected = Set(passages.compactMap(\.id))
    if !request.text.isEmpty {
      var words = request
      (words.code, words.element, words.coder, words.conditions, words.role, words.document, words.question) = (nil, nil, nil, [], nil, nil, nil)
      expected = Set(try Self.pipeline.query(project: path, words).hits.compactMap(\.passage.id))
      #expect(!expected.isEmpty)
    }
    if request.code != nil || request.element != nil {
      let coded = codings.filter { coding in
        (request.code.map { coding.codeID == $0 || codebook.isDescendant(coding.codeID, of: $0) } ?? true)
          && (request.element.map { codebook.code(coding.codeID)?.element == $0 } ?? true)
          && (request.coder.map { coding.coder == $0 } ?? true)
      }
      expected.formIntersection(coded.map(\.passageID))
    }
    let byID = Dictionary(uniqueKeysWithValues: passages.map { ($0.id!, $0) })
    let documentByID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id!, $0) })
    let participantByID = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, $0) })
    expected = expected.filter { id in
      let passage = byID[id]!
      let document = documentByID[passage.documentID!]!
      return (request.role.map { passage.role == $0 } ?? true)
        && (request.question.map { passage.questionID == $0 } ?? true)
        && (request.document.map { document.key == $0 } ?? true)
        && request.conditions.allSatisfy { $0.matches(participantByID[document.participantID]) }
    }
    let all = try Self.pipeline.query(project: path, request)
    #expect(all.hits.compactMap(\.passage.id) == expected.sorted())
    #expect(all.total == expected.count)
    var limited = request
    limited.limit = 3
    let first = try Self.pipeline.query(project: path, limited)
    #expect(first.hits.compactMap(\.passage.id) == Array(expected.sorted().prefix(3)))
    #expect(first.total == expected.count)
    // Passage order is document order: one document's passages together, the transcripts of
    // one import by file name (survey respondents follow in their export's order).
    let documentIDs = all.hits.compactMap(\.passage.documentID)
    #expect(documentIDs == documentIDs.sorted())
    let transcripts = all.hits.map(\.documentKey).filter { !$0.contains("#") }
    #expect(transcripts == transcripts.sorted())
  }

  @Test func phrasesPrefixesNearAndNot() throws {
    #expect(try Self.pipeline.query(project: path, QueryRequest(text: "\"planning time\"")).total == 1)
    let prefix = try Self.pipeline.query(project: path, QueryRequest(text: "stipend* OR bonus*"))
    #expect(Set(prefix.hits.map(\.participant)).contains("P01"))
    let near = try Self.pipeline.query(project: path, QueryRequest(text: "NEAR(time alone, 8)"))
    #expect(near.total == 1)
    let all = try Self.pipeline.query(project: path, QueryRequest(text: "hours")).total
    let not = try Self.pipeline.query(project: path, QueryRequest(text: "hours NOT stipend")).total
    #expect(not == all - 1)
  }

  @Test func themeCountsByAttributeCodeAndElement() throws {
    let bySchool = try Self.pipeline.queryCounts(project: path, QueryRequest(code: "rules.incentives"), by: "school_level")
    #expect(bySchool.map(\.value) == ["elementary", "(none)", "high school"])
    #expect(bySchool.map(\.participants) == [6, 3, 1])
    #expect(bySchool.map(\.passages) == [7, 3, 2])
    let byElement = try Self.pipeline.queryCounts(project: path, QueryRequest(text: "collab*"), by: "element")
    #expect(byElement.first?.value == "community")
    // Several dimensions from one reading: the same groups, passages and order as one at a time.
    let request = QueryRequest(text: "time OR hours")
    let together = try Self.pipeline.queryCounts(project: path, request, by: ["element", "code", "completed"])
    for (index, dimension) in ["element", "code", "completed"].enumerated() {
      let alone = try Self.pipeline.queryCounts(project: path, request, by: dimension)
      #expect(together[index].map(\.value) == alone.map(\.value))
      #expect(together[index].map(\.passageIDs) == alone.map(\.passageIDs))
      #expect(together[index].map(\.participants) == alone.map(\.participants))
    }
    // A passage counts once per group, however many of its codes fall under the group.
    for group in together[0] { #expect(Set(group.passageIDs).count == group.passages) }
  }

  /// Counts read only each passage's id, participant and codes; they agree with the passages
  /// the same query lists, with an attribute filter, words, or both.
  @Test func countsAgreeWithThePassagesTheQueryLists() throws {
    let filter = try AttributeCondition("completed=no")
    for request in [QueryRequest(conditions: [filter]), QueryRequest(text: "time OR hours"), QueryRequest(text: "time OR hours", conditions: [filter])] {
      var all = request
      all.limit = 100_000
      let listed = try Self.pipeline.query(project: path, all).hits
      #expect(!listed.isEmpty)
      let byCode = try Self.pipeline.queryCounts(project: path, request, by: "code")
      #expect(Set(byCode.map(\.value)) == Set(listed.flatMap(\.codes)))
      for group in byCode {
        let coded = listed.filter { $0.codes.contains(group.value) }
        #expect(group.passageIDs == coded.compactMap(\.passage.id), "\(group.value)")
        #expect(group.participants == Set(coded.map(\.participant)).count, "\(group.value)")
      }
    }
  }

  @Test func mistakesGetSentencesNotSQLite() throws {
    #expect(throws: QueryError("the query starts with AND: put a word before it (for example time AND alone)")) {
      try Self.pipeline.query(project: path, QueryRequest(text: "AND time"))
    }
    #expect(throws: QueryError("--code rules.timing: no such code; see the codebook")) {
      try Self.pipeline.query(project: path, QueryRequest(code: "rules.timing"))
    }
    #expect {
      try Self.pipeline.query(project: path, QueryRequest(conditions: [try AttributeCondition("grade=7")]))
    } throws: { error in
      (error as? QueryError)?.message.hasPrefix("--where grade=7: no attribute 'grade'; attributes: completed, years_as_admin") ?? false
    }
    #expect {
      try Self.pipeline.query(project: path, QueryRequest(text: "time NEAR(alone"))
    } throws: { error in error is QueryError }
  }
}
