import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAPipeline
import _QDATestSupport

/// Each command is one transaction: bad input is reported, the good input is kept, and a failed
/// command leaves the project as it was.
@Suite("Pipeline transactions")
struct PipelineTransactionTests {
  let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
  let codebook = Fixtures.repository("Codebooks/chat.yaml")

  /// A small study: two interviews and their attributes.
  func study() throws -> TemporaryFolder {
    let folder = try TemporaryFolder("tx")
    try folder.write("in/P01.txt", """
      Interviewer: How many hours did it take you, start to finish?
      Principal: About twenty hours, I'd say. I worked alone on weekends.
      Interviewer: What motivated you to do it?
      Principal: It lined up with our district priorities for equity.

      """)
    try folder.write("in/P02.txt", """
      Q: About how much time did you spend on it?
      A: Maybe ten hours. We weren't allowed to work with our teams, which was odd.

      """)
    try folder.write("attributes.csv", "participant_id,completed,years_as_admin\nP01,yes,12\nP02,no,9\nP03,yes,4\n")
    return folder
  }

  func request(_ folder: TemporaryFolder, inputs: [String]? = nil, attributes: String? = "attributes.csv") -> IngestRequest {
    IngestRequest(
      inputs: inputs ?? [folder.path("in")], attributes: attributes.map(folder.path),
      codebook: codebook)
  }

  @Test func aBadFileIsReportedAndSkippedAndTheOthersAreAnalysed() throws {
    let folder = try study()
    // A file that is not a transcript: nobody speaks in it.
    try folder.write("in/P03.txt", bytes: [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x00])
    let summary = try pipeline.analyze(request(folder), project: folder.path("p.qda"), out: folder.path("out"))
    #expect(summary.added.sorted() == ["P01.txt", "P02.txt"])
    #expect(summary.skipped.count == 1)
    #expect(summary.skipped.first?.contains("P03.txt") == true)
    #expect(summary.isPartial)
    #expect(FileManager.default.fileExists(atPath: folder.path("out/report.md")))
    let corpus = try pipeline.snapshot(project: folder.path("p.qda"))
    #expect(corpus.documents.map(\.key).sorted() == ["P01.txt", "P02.txt"])
    // P03 is in the attributes but has no document: kept, and said so.
    #expect(corpus.participants.map(\.id) == ["P01", "P02", "P03"])
    #expect(summary.notes.contains("participants with no documents yet (kept): P03"))
  }

  @Test func aMalformedAttributeRowChangesNothing() throws {
    let folder = try study()
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(folder), project: project)
    let before = try pipeline.snapshot(project: project)

    try folder.write("in/P04.txt", "Q: How long did it take?\nA: Fifteen hours.\n")
    try folder.write("bad.csv", "participant_id,completed,years_as_admin\nP01,yes,12\nP04,yes,twelve\nP02,no,9\n")
    #expect {
      try pipeline.ingest(request(folder, attributes: "bad.csv"), project: project)
    } throws: { error in
      let message = String(describing: error)
      return message.contains("bad.csv:3") && message.contains("years_as_admin") && message.contains("twelve")
    }
    let after = try pipeline.snapshot(project: project)
    #expect(after.documents.map(\.key) == before.documents.map(\.key))
    #expect(after.participants == before.participants)
    #expect(after.codings.count == before.codings.count)
  }

  @Test func aFailedFirstCommandLeavesNoProjectBehind() throws {
    let folder = try study()
    try folder.write("bad.csv", "participant_id,completed\nP01,yes,extra\n")
    #expect(throws: (any Error).self) {
      try pipeline.ingest(request(folder, attributes: "bad.csv"), project: folder.path("new.qda"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path("new.qda")))
  }

  @Test func reingestingUnchangedFilesIsANoOp() throws {
    let folder = try study()
    let project = folder.path("p.qda")
    let first = try pipeline.ingest(request(folder), project: project)
    #expect(first.added.count == 2)
    let before = try pipeline.snapshot(project: project)
    let second = try pipeline.ingest(request(folder), project: project)
    #expect(second.added.isEmpty && second.replaced.isEmpty)
    #expect(second.unchanged.sorted() == ["P01.txt", "P02.txt"])
    let after = try pipeline.snapshot(project: project)
    #expect(after.passages == before.passages)
    #expect(after.codings == before.codings)
  }

  @Test func aChangedFileKeepsManualCodingsWhoseWordsRemain() throws {
    let folder = try study()
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(folder), project: project)
    let kept = try pipeline.addCoding(
      project: project, code: "rules.requirements", coder: "Ana",
      target: CodingTarget(document: "P02.txt", quote: "We weren't allowed to work with our teams"))
    let lost = try pipeline.addCoding(
      project: project, code: "rules.time", coder: "Ana", target: CodingTarget(document: "P02.txt", quote: "Maybe ten hours."))
    #expect(kept.quote == "We weren't allowed to work with our teams")

    // The transcriber fixes the answer: the estimate changes, the sentence about teams stays.
    try folder.write("in/P02.txt", """
      Q: About how much time did you spend on it?
      A: Oh, I said ten, but it was closer to twelve hours. We weren't allowed to work with our teams, which was odd.

      """)
    let summary = try pipeline.ingest(request(folder), project: project)
    #expect(summary.replaced == ["P02.txt"])
    #expect(summary.warnings.contains { $0.contains("P02.txt") && $0.contains("rules.time by Ana") })
    let manual = try pipeline.listCodings(project: project, coder: "Ana")
    #expect(manual.map(\.quote) == ["We weren't allowed to work with our teams"])
    #expect(manual.first?.coding.codeID == "rules.requirements")
    #expect(lost.coding.codeID == "rules.time")
    // Auto-codings were redone on the new text; the new estimate is read.
    let time = Analysis(try pipeline.snapshot(project: project)).timeCommitment
    #expect(time.estimates.first { $0.participant == "P02" }?.hours == 12)
  }

  @Test func manualCodingsSurviveRecoding() throws {
    let folder = try study()
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(folder), project: project)
    _ = try pipeline.addCoding(
      project: project, code: "community.collaboration", coder: "Ben",
      target: CodingTarget(document: "P01.txt", quote: "I worked alone on weekends."))
    _ = try pipeline.code(project: project, codebook: codebook)
    let manual = try pipeline.listCodings(project: project, coder: "Ben")
    #expect(manual.map(\.quote) == ["I worked alone on weekends."])
  }
}
