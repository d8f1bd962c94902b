import Foundation
import QDAAnalysis
import QDAContradictions
import QDAModel
import QDAPipeline
import QDAReport
import Testing
import _QDATestSupport

/// Every number in the brief links to its evidence: a count of what was said to participant
/// passages coded for it (or showing the contradiction counted), never to an interviewer turn or
/// uncoded small talk; a count of people by their attributes to the people and their values.
@Suite struct BriefEvidenceTests {
  @Test func everyCountLinksToCodedParticipantWordsOrToThePeopleCounted() throws {
    let temp = try TemporaryFolder("evidence")
    let path = temp.path("p.qda")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    _ = try pipeline.ingest(.samplePrincipals, project: path)
    _ = try pipeline.code(project: path, codebook: nil)
    let corpus = try pipeline.snapshot(project: path)
    let contradictions = try pipeline.contradictions(project: path)
    let report = BriefBuilder(
      corpus: corpus, analysis: Analysis(corpus), contradictions: ContradictionSummary(contradictions, corpus: corpus)
    ).build()

    let coded = Set(corpus.codings.indices.map { corpus.codings.passageID(at: $0) })
    let inTension = Set(contradictions.flatMap(\.passageIDs))
    var byPeople = 0
    var byPassages = 0
    for reference in report.references {
      if !reference.people.isEmpty {
        byPeople += 1
        #expect(reference.entries.isEmpty, "\(reference.title)")
        for person in reference.people {
          let participant = try #require(corpus.participant(person.participant), "\(reference.title): \(person.participant)")
          #expect(!participant.attributes.isEmpty)
        }
        continue
      }
      byPassages += 1
      for entry in reference.entries {
        let passage = try #require(corpus.passage(entry.passageID))
        #expect(passage.role != .interviewer, "\(reference.title): passage \(entry.passageID) is the interviewer's")
        #expect(
          coded.contains(entry.passageID) || inTension.contains(entry.passageID),
          "\(reference.title): passage \(entry.passageID) is neither coded nor a contradiction's: “\(entry.text)”")
      }
    }
    // The sample's brief counts people (completion, experience, school level) and passages.
    #expect(byPeople >= 4)
    #expect(byPassages >= 20)
  }
}
