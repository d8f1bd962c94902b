import Foundation
import QDAAnalysis
import QDAModel
import QDAPipeline
import Testing
import _QDATestSupport

/// The sample teachers' survey through `analyze`: the figures of seed 002 come out of the raw
/// Qualtrics export, the open answers are coded, and the interviews' figures are untouched.
@Suite struct SurveyPipelineTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))

  static func project() throws -> (TemporaryFolder, String) {
    let temp = try TemporaryFolder("survey")
    let folder = Fixtures.repository("Corpora/principals")
    _ = try pipeline.ingest(
      IngestRequest(
        inputs: [folder, Fixtures.repository("Corpora/survey/teachers_survey.csv")], attributes: folder + "/participants.csv",
        interviewProtocol: folder + "/protocol.yaml", codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    return (temp, temp.path("p.qda"))
  }

  @Test func theSeedsPercentagesComeOutOfTheRawExport() throws {
    let (temp, project) = try Self.project()
    defer { withExtendedLifetime(temp) {} }
    let outputs = try Self.pipeline.surveyOutputs(project: project)
    let summary = try #require(outputs.first?.summary)
    #expect(summary.rows == 87)
    #expect(summary.counted == 82)
    #expect(summary.unfinished == 4)
    #expect(summary.excluded == 1)
    #expect(outputs.first?.withUnfinished.counted == 86)
    func top(_ id: String) -> Int? {
      summary.items.first { $0.item.id == id }?.percentTopTwo.map { Int($0.rounded()) }
    }
    #expect(top("QID2_1") == 73)  // could clearly articulate the purpose
    #expect(top("QID2_2") == 84)  // significant to their learning
    #expect(top("QID2_3") == 76)  // would recommend
    #expect(top("QID4_1") == 93)  // bonuses and stipends: more than 90 percent
    #expect(top("QID4_2") == 71)
    #expect(top("QID4_3") == 76)
    #expect(top("QID4_4") == 71)
    let supports = try #require(summary.items.first { $0.item.id == "QID3" })
    #expect(supports.percent("Collaborative planning time with colleagues").map { Int($0.rounded()) } == 74)
    #expect(supports.percent("Computational thinking professional development").map { Int($0.rounded()) } == 54)
    #expect(supports.percent("Resources for defining computational thinking (articles)").map { Int($0.rounded()) } == 28)
    let hours = try #require(summary.items.first { $0.item.id == "QID5" })
    #expect(hours.answered == 82)
    #expect(hours.median == 20)
  }

  @Test func openAnswersAreCodedPassagesAndRespondentsAreCases() throws {
    let (temp, project) = try Self.project()
    defer { withExtendedLifetime(temp) {} }
    let passages = try Self.pipeline.listPassages(project: project).filter { $0.documentKey.hasPrefix("teachers_survey.csv#") }
    #expect(passages.count == 22)
    #expect(passages.allSatisfy { $0.passage.questionID == "QID6_TEXT" && $0.passage.role == .participant })
    let collaboration = passages.filter { $0.codings.contains { $0.codeID == "community.collaboration" } }
    #expect(collaboration.count == 7)
    // The interviews' figures do not count respondents.
    let corpus = try Self.pipeline.snapshot(project: project)
    #expect(corpus.interviewed.count == 11)
    #expect(!corpus.attributes.contains { $0.name == "survey" })
    // Respondents carry their attributes for code × attribute tables across sources.
    let json = try Self.pipeline.exportJSON(project: project)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let survey = try #require((object["survey"] as? [[String: Any]])?.first)
    #expect(survey["respondents"] as? Int == 82)
    #expect(survey["respondents_with_unfinished"] as? Int == 86)
    let items = try #require(survey["items"] as? [[String: Any]])
    let first = try #require(items.first { $0["id"] as? String == "QID2_1" })
    #expect((first["percent_top2"] as? Double).map { Int($0.rounded()) } == 73)
    #expect(first["n"] as? Int == 82)
  }
}
