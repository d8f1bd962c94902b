import Foundation
import Testing
import QDAAnalysis
import QDAContradictions
import QDAModel
import QDAPipeline
import _QDATestSupport

/// The three contradictions of the seed brief, found in the sample corpus with their element
/// pairs and quotes.
@Suite("Contradictions in the sample corpus")
struct SampleContradictionTests {
  static let corpus: Result<CorpusSnapshot, any Error> = Result {
    let temp = try TemporaryFolder("contradictions")
    let folder = Fixtures.repository("Corpora/principals")
    let request = IngestRequest(
      inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    _ = try pipeline.ingest(request, project: temp.path("p.qda"))
    return try pipeline.snapshot(project: temp.path("p.qda"))
  }

  func quote(_ c: Contradiction, _ corpus: CorpusSnapshot) -> String {
    let document = corpus.documents.first { $0.participantID == c.participant }
    let scalars = Array(document?.text.unicodeScalars ?? "".unicodeScalars)
    return c.spans.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }.joined(separator: " … ")
  }

  var found: (CorpusSnapshot, [Contradiction]) {
    get throws {
      let corpus = try Self.corpus.get()
      return (corpus, ContradictionDetector().detect(corpus))
    }
  }

  @Test func responsiveLeadershipAgainstTheTimeItTakes() throws {
    let (corpus, found) = try found
    let hits = found.filter { $0.first == .rules && $0.second == .toolsAndSigns && $0.evidence.contains("responsive") }
    #expect(hits.map(\.participant).sorted() == ["P02", "P06", "P10"])
    let p02 = try #require(hits.first { $0.participant == "P02" })
    #expect(quote(p02, corpus).contains("And then it takes hours and hours away from being present."))
    #expect(hits.first { $0.participant == "P06" }?.manifestation == .criticalConflict)
  }

  @Test func selfPacedDesignAgainstCollaborativeEquityWork() throws {
    let (corpus, found) = try found
    let hits = found.filter { $0.first == .object && $0.second == .toolsAndSigns }
    #expect(hits.map(\.participant).sorted() == ["P03", "P07"])
    let p03 = try #require(hits.first { $0.participant == "P03" })
    #expect(quote(p03, corpus).contains("But equity work isn't something you do alone."))
  }

  @Test func equitableCommunityAgainstWorkingAloneOnTheTasks() throws {
    let (corpus, found) = try found
    let hits = found.filter { $0.first == .rules && $0.second == .toolsAndSigns && $0.evidence.contains("working alone") }
    #expect(Set(hits.map(\.participant)).isSuperset(of: ["P04", "P09"]))
    // No stock phrase of tension in P04's sentence: found from its content.
    let p04 = try #require(hits.first { $0.participant == "P04" })
    #expect(quote(p04, corpus).contains("The content is all about building community with your staff, and then the tasks have to be done alone."))
    let p09 = try #require(hits.first { $0.participant == "P09" })
    #expect(quote(p09, corpus).contains("we weren't allowed to work with our leadership team on the assignments"))
  }

  @Test func principalsWithoutTensionHaveNone() throws {
    let (_, found) = try found
    #expect(Set(found.map(\.participant)).isDisjoint(with: ["P01", "P05", "P08", "P11"]))
    for contradiction in found {
      #expect((0.5...0.95).contains(contradiction.confidence))
      #expect(!contradiction.passageIDs.isEmpty && !contradiction.spans.isEmpty)
    }
  }
}
