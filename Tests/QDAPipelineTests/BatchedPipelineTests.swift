import Foundation
import QDAAnalysis
import Testing
import QDAModel
import QDAPipeline
import _QDATestSupport

/// Documents are read, coded and read for contradictions a batch at a time; the batch size
/// must change nothing a user sees: the summary, the project and every output.
@Suite("Batches change nothing")
struct BatchedPipelineTests {
  struct Run {
    var summary: RunSummary
    var codings: [String]
    var contradictions: [String]
    var analysisJSON: Data
    var brief: String
  }

  static func analyze(batchSize: Int, in temp: TemporaryFolder) throws -> Run {
    let folder = Fixtures.repository("Corpora/principals")
    let request = IngestRequest(
      inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), batchSize: batchSize)
    let project = temp.path("p\(batchSize).qda")
    let out = temp.path("out\(batchSize)")
    let summary = try pipeline.analyze(request, project: project, out: out)
    let corpus = try pipeline.snapshot(project: project)
    return Run(
      summary: summary,
      codings: corpus.codings.map { "\($0.passageID) \($0.codeID) \($0.span.start) \($0.span.end) \($0.matched)" },
      contradictions: try pipeline.contradictions(project: project).map {
        "\($0.participant) \($0.first) \($0.second) \($0.passageIDs) \($0.spans.map(\.start)) \($0.evidence)"
      },
      analysisJSON: try Data(contentsOf: URL(fileURLWithPath: out + "/analysis.json")),
      brief: try String(contentsOfFile: out + "/report.md", encoding: .utf8))
  }

  /// One batch for the whole corpus, analysed once for every batch size compared with it.
  static let whole: Result<(TemporaryFolder, Run), any Error> = Result {
    let temp = try TemporaryFolder("whole")
    return (temp, try analyze(batchSize: 1_000, in: temp))
  }

  @Test(arguments: [1, 4])
  func smallBatchesGiveWhatOneBatchGives(batchSize: Int) throws {
    let temp = try TemporaryFolder("batches")
    let whole = try Self.whole.get().1
    let batched = try Self.analyze(batchSize: batchSize, in: temp)
    #expect(whole.summary.added.count == 11)
    #expect(batched.summary.added == whole.summary.added)
    #expect(batched.summary.warnings == whole.summary.warnings)
    #expect(!whole.codings.isEmpty)
    #expect(batched.codings == whole.codings)
    #expect(!whole.contradictions.isEmpty)
    #expect(batched.contradictions == whole.contradictions)
    #expect(batched.analysisJSON == whole.analysisJSON)
    #expect(batched.brief == whole.brief)
  }
}
