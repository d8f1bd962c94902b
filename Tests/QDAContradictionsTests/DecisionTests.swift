import Foundation
import Testing
import QDAModel
import QDAPipeline
import _QDATestSupport

/// Researchers confirm, reject and add contradictions; re-detection keeps their decisions.
@Suite("Contradiction decisions")
struct DecisionTests {
  // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
  let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  func project() throws -> (TemporaryFolder, IngestRequest) {
    let folder = try TemporaryFolder("decide")
    try folder.write("in/P04.txt", """
      Interviewer: Were there any challenges or tensions for you in completing it?
      Principal: The content is all about building community with your staff, and then the tasks have to be done alone.
      Interviewer: And the platform, how was it?
      Principal: The platform was easy, no problem at all.

      """)
    try folder.write("in/P09.txt", """
      Interviewer: Did you collaborate with other principals?
      Principal: The content is about building an equitable community, and we weren't allowed to work with our leadership team on the assignments. So I did the work by myself.

      """)
    return (folder, IngestRequest(inputs: [folder.path("in")], codebook: Fixtures.repository("Codebooks/chat.yaml")))
  }

  @Test func decisionsSurviveRedetectionAndRejectedOnesStayOut() throws {
    let (folder, request) = try project()
    let path = folder.path("p.qda")
    _ = try pipeline.ingest(request, project: path)
    let found = try pipeline.contradictions(project: path)
    let p04 = try #require(found.first { $0.participant == "P04" && $0.first == .rules && $0.second == .toolsAndSigns })
    let p09 = try #require(found.first { $0.participant == "P09" && $0.first == .rules && $0.second == .toolsAndSigns })
    _ = try pipeline.decideContradiction(project: path, id: try #require(p04.id), .confirmed, by: "Ana")
    _ = try pipeline.decideContradiction(project: path, id: try #require(p09.id), .rejected, by: "Ana")
    let added = try pipeline.addContradiction(
      project: path, elements: (.community, .divisionOfLabor), manifestation: .dilemma,
      target: CodingTarget(document: "P09.txt", quote: "So I did the work by myself."), note: "alone vs the team", researcher: "Ben")
    #expect(added.status == .confirmed && added.coder == "Ben")

    // Recoding detects everything again.
    _ = try pipeline.code(project: path, codebook: nil)
    let after = try pipeline.contradictions(project: path)
    #expect(after.first { $0.id == p04.id }?.status == .confirmed)
    #expect(after.first { $0.id == p09.id }?.status == .rejected)
    #expect(after.filter { $0.participant == "P09" && $0.first == .rules && $0.second == .toolsAndSigns }.count == 1)
    #expect(after.contains { $0.coder == "Ben" && $0.first == .community && $0.second == .divisionOfLabor })
    // A rejected contradiction is left out of the report's counts.
    let report = try pipeline.writeReport(project: path, out: folder.path("out"))
    #expect(!report.isEmpty)
    let matrix = try Fixtures.text(folder.path("out/tables/contradiction_matrix.csv"))
    // One row per pair: rules against tools and signs once (the rejected one left out), no
    // primary contradiction of the rules, none with the community.
    #expect(matrix.contains("\r\nRules,Tools and signs,secondary,1,1,"), "\(matrix)")
    #expect(matrix.contains("\r\nRules,Rules,primary,0,0,"))
    #expect(matrix.contains("\r\nRules,Community,secondary,0,0,"))
  }

  @Test func decidingAnUnknownIdIsAnError() throws {
    let (folder, request) = try project()
    _ = try pipeline.ingest(request, project: folder.path("p.qda"))
    #expect(throws: PipelineError.self) {
      try pipeline.decideContradiction(project: folder.path("p.qda"), id: 999, .confirmed, by: "Ana")
    }
  }
}
