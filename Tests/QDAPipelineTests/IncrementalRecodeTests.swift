import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAPipeline
import QDASynthetic
import _QDATestSupport

/// `qda code --codebook` after an edit that changes only rules re-runs only the changed codes'
/// rules; the project it leaves must be exactly the one a full run with the edited codebook makes.
@Suite("Incremental re-coding")
struct IncrementalRecodeTests {
  /// Rules only: these tests are about re-running changed rules (the learned coder reads every
  /// rule and codes everything again).
  let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
  let sample = Fixtures.repository("Corpora/principals")
  let codebook = Fixtures.repository("Codebooks/chat.yaml")

  func request(codebook: String) -> IngestRequest {
    IngestRequest(
      inputs: [sample], attributes: sample + "/participants.csv", interviewProtocol: sample + "/protocol.yaml",
      codebook: codebook)
  }

  /// Every coding and contradiction, as comparable lines (ids left out: they are row numbers).
  func contents(_ project: String) throws -> (codings: [String], contradictions: [String]) {
    let corpus = try pipeline.snapshot(project: project)
    let codings = corpus.codings.map {
      "\($0.passageID) \($0.codeID) \($0.coder) \($0.span.start)-\($0.span.end) \($0.ruleID ?? "") \($0.matched) \($0.negated)"
    }
    let contradictions = try pipeline.contradictions(project: project).map {
      "\($0.participant) \($0.level) \($0.first)/\($0.second) \($0.manifestation) \($0.passageIDs) \($0.spans.map { "\($0.start)-\($0.end)" }) \($0.evidence) \($0.confidence) \($0.status)"
    }
    return (codings, contradictions)
  }

  /// The shipped codebook with some text replaced, written next to the projects.
  func edited(_ folder: TemporaryFolder, _ replacements: [(String, String)]) throws -> String {
    var text = try Fixtures.chatCodebookText()
    for (old, new) in replacements {
      #expect(text.contains(old), "the codebook no longer has \(old)")
      text = text.replacingOccurrences(of: old, with: new)
    }
    try folder.write("edited.yaml", text)
    return folder.path("edited.yaml")
  }

  @Test(arguments: [
    // Matched words change, spans stay: codings rewritten, contradictions untouched.
    ["\"weekends\", \"evenings\", ": "\"evenings\", "],
    // Working alone is what many contradictions rest on: spans change, detection runs again.
    ["\"alone\", \"by myself\", \"on my own\", ": ""],
    // A new term and a removed one in two codes.
    ["\"hour*\", \"minutes\", ": "\"hour*\", \"minutes\", \"all weekend\", ", "\"cohort\", ": ""],
  ])
  func matchesAFullRun(_ edit: [String: String]) throws {
    let folder = try TemporaryFolder("incremental")
    let edited = try edited(folder, edit.sorted { $0.key < $1.key })
    let incremental = folder.path("incremental.qda")
    _ = try pipeline.ingest(request(codebook: codebook), project: incremental)
    let before = try contents(incremental)
    let summary = try pipeline.code(project: incremental, codebook: edited)
    #expect(summary.notes.contains { $0.hasPrefix("rules changed for ") }, "\(summary.notes)")

    let full = folder.path("full.qda")
    _ = try pipeline.ingest(request(codebook: edited), project: full)
    let after = try contents(incremental)
    let expected = try contents(full)
    #expect(after.codings == expected.codings)
    #expect(after.contradictions == expected.contradictions)
    // The edit did change the coding: the comparison is not between two unchanged projects.
    #expect(after.codings != before.codings)
  }

  /// `qda analyze` or `qda ingest` run again with an edited codebook takes the same path.
  @Test func ingestingAgainWithAnEditedCodebookMatchesAFullRun() throws {
    let folder = try TemporaryFolder("incremental")
    let edited = try edited(folder, [("\"alone\", \"by myself\", \"on my own\", ", "")])
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(codebook: codebook), project: project)
    let summary = try pipeline.ingest(request(codebook: edited), project: project)
    #expect(summary.notes.contains { $0.hasPrefix("rules changed for community.collaboration:") }, "\(summary.notes)")
    let full = folder.path("full.qda")
    _ = try pipeline.ingest(request(codebook: edited), project: full)
    #expect(try contents(project) == contents(full))
  }

  /// On a generated study, where district names occur in some interviews and `bedtime` in
  /// none: only the documents holding a touched term are read and coded, and the project left is
  /// still exactly the one a full run makes.
  @Test(arguments: [
    ("\"collaborat*\", \"cohort\", ", "\"collaborat*\", \"prairie\", \"cohort\", ", 1..<30),
    ("\"late at night\", ", "\"late at night\", \"after bedtime\", ", 0..<1),
  ])
  func onlyDocumentsWithATouchedTermAreCoded(_ old: String, _ new: String, rewritten: Range<Int>) throws {
    let folder = try TemporaryFolder("incremental")
    let corpus = SyntheticCorpus(seed: 11)
    for index in 0..<30 {
      let file = corpus.interview(index)
      try folder.write("interviews/" + file.name, bytes: file.bytes)
    }
    try folder.write("participants.csv", corpus.participants(30))
    let edited = try edited(folder, [(old, new)])
    func request(_ codebook: String) -> IngestRequest {
      IngestRequest(
        inputs: [folder.path("interviews")], attributes: folder.path("participants.csv"),
        interviewProtocol: sample + "/protocol.yaml", codebook: codebook)
    }
    let incremental = folder.path("incremental.qda")
    _ = try pipeline.ingest(request(codebook), project: incremental)
    let summary = try pipeline.code(project: incremental, codebook: edited)
    let note = try #require(summary.notes.first { $0.hasPrefix("rules changed for ") })
    let count = try #require(Int(note.components(separatedBy: "codings rewritten in ")[1].prefix { $0.isNumber }))
    #expect(rewritten.contains(count), "\(note)")
    let full = folder.path("full.qda")
    _ = try pipeline.ingest(request(edited), project: full)
    #expect(try contents(incremental) == contents(full))
  }

  @Test func theSameCodebookChangesNothing() throws {
    let folder = try TemporaryFolder("incremental")
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(codebook: codebook), project: project)
    let before = try contents(project)
    let summary = try pipeline.code(project: project, codebook: codebook)
    #expect(summary.notes.contains("no rule changed: codings kept"))
    #expect(try contents(project) == before)
  }

  @Test func aChangeBeyondRulesCodesEverythingAgain() throws {
    let folder = try TemporaryFolder("incremental")
    // Negation cues are read by every rule.
    let edited = try edited(folder, [("\ntables:", "\nnegation: [\"not\", \"n't\", \"never\"]\ntables:")])
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(codebook: codebook), project: project)
    let summary = try pipeline.code(project: project, codebook: edited)
    #expect(!summary.notes.contains { $0.hasPrefix("rules changed for ") || $0.hasPrefix("no rule changed") })
    let full = folder.path("full.qda")
    _ = try pipeline.ingest(request(codebook: edited), project: full)
    #expect(try contents(project) == contents(full))
  }

  @Test func manualCodingsSurvive() throws {
    let folder = try TemporaryFolder("incremental")
    let edited = try edited(folder, [("\"alone\", \"by myself\", \"on my own\", ", "")])
    let project = folder.path("p.qda")
    _ = try pipeline.ingest(request(codebook: codebook), project: project)
    let corpus = try pipeline.snapshot(project: project)
    let passage = try #require(corpus.passages.first { $0.role == SpeakerRole.participant && $0.span.end - $0.span.start > 20 })
    let listing = try pipeline.addCoding(
      project: project, code: "community", coder: "Ana",
      target: CodingTarget(passageID: passage.id, document: nil, quote: nil, start: nil, end: nil), memo: nil)
    _ = try pipeline.code(project: project, codebook: edited)
    let codings = try pipeline.snapshot(project: project).codings.filter { !$0.isAutomatic }
    #expect(codings.map(\.id) == [listing.coding.id])
  }
}
