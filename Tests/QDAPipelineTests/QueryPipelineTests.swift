import Foundation
import QDAModel
import QDAPipeline
import QDAQuery
import Testing
import _QDATestSupport

/// `qda query` on the sample corpus with its survey: the questions program designers ask.
@Suite struct QueryPipelineTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
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
    #expect(hits[0].rank! <= hits[1].rank!)
    // By code rather than by word: the non-completers' time-commitment passages.
    let coded = try Self.pipeline.query(
      project: path, QueryRequest(code: "rules.time", conditions: [try AttributeCondition("completed=no")]))
    #expect(coded.hits.map(\.participant) == ["P10"])
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
