import Foundation
import QDAAgreement
import QDACoding
import QDAModel
import QDAPipeline
import Testing
import _QDATestSupport

/// The learned coder end to end on the sample corpus, with the real sentence model: a second
/// coder's CSV comes in, `learn` learns that coder's convention and codes with it, every model
/// coding carries a score and a reason, agreement compares the coder with the model, and
/// `forget` goes back to the codebook's prior.
@Suite struct LearnedCodingTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))

  static func sampleProject(_ name: String) throws -> (TemporaryFolder, String) {
    _ = try TestModel.location()
    let temp = try TemporaryFolder(name)
    let folder = Fixtures.repository("Corpora/principals")
    _ = try pipeline.ingest(
      IngestRequest(
        inputs: [folder], attributes: folder + "/participants.csv",
        codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    return (temp, temp.path("p.qda"))
  }

  static func total(_ scores: [LearningEvaluation.Score]) -> LearningEvaluation.Score {
    var total = LearningEvaluation.Score(label: "all")
    for score in scores { total.add(score) }
    return total
  }

  @Test func learningFromACoderCodesWithScoresReasonsAndMeasuredAgreement() throws {
    let (folder, project) = try Self.sampleProject("learned")
    defer { withExtendedLifetime(folder) {} }
    // Out of the box the model codings come from the codebook's prior.
    let before = try Self.pipeline.listCodings(project: project, coder: Coding.modelCoder)
    #expect(!before.isEmpty)
    #expect(before.allSatisfy { $0.coding.reason?.learnedFrom == "reference" })

    _ = try Self.pipeline.importCodings(project: project, csv: Fixtures.repository("Corpora/codings/ben.csv"))
    let summary = try Self.pipeline.learn(project: project, coder: "ben")
    #expect(summary.learnedFrom.count == 11)
    #expect(summary.coded.isEmpty)
    #expect(summary.codings > 0)
    // Each of ben's interviews coded by a model that did not see it: well above chance, below ben.
    let heldOut = try #require(Self.total(summary.heldOut).f1)
    #expect(heldOut > 0.45 && heldOut < 0.95, "held-out F1 \(heldOut)")

    let codings = try Self.pipeline.listCodings(project: project, coder: Coding.modelCoder)
    #expect(codings.count == summary.codings)
    let benPassages = Set(try Self.pipeline.listCodings(project: project, coder: "ben").map(\.coding.passageID))
    for listing in codings {
      let score = try #require(listing.coding.score)
      #expect(score > 0 && score <= 1)
      let reason = try #require(listing.coding.reason, "model coding \(listing.quote) has no reason")
      #expect(reason.learnedFrom == "ben")
      #expect(!reason.neighbours.isEmpty)
      // The nearest passages it learned from are passages ben coded, never the coded one itself.
      #expect(reason.neighbours.allSatisfy { benPassages.contains($0) && $0 != listing.coding.passageID })
    }

    let agreement = try Self.pipeline.agreement(project: project, coders: ["ben", Coding.modelCoder])
    #expect(agreement.coders == ["ben", Coding.modelCoder])
    #expect(agreement.passages > 0)

    // Forgetting goes back to the prior: the model codings are the reference coder's again.
    _ = try Self.pipeline.forgetLearnedModel(project: project)
    let after = try Self.pipeline.listCodings(project: project, coder: Coding.modelCoder)
    #expect(!after.isEmpty)
    #expect(after.allSatisfy { $0.coding.reason?.learnedFrom == "reference" })
  }

  @Test func learningFromACoderWhoCodedNothingNamesTheCodersThereAre() throws {
    let (folder, project) = try Self.sampleProject("learned-nobody")
    defer { withExtendedLifetime(folder) {} }
    _ = try Self.pipeline.importCodings(project: project, csv: Fixtures.repository("Corpora/codings/ben.csv"))
    let error = #expect(throws: PipelineError.self) { try Self.pipeline.learn(project: project, coder: "ana") }
    #expect(error?.description.contains("ana has coded no interview") == true)
    #expect(error?.description.contains("coders: ben") == true)
  }

  @Test func rulesOnlyRefusesToLearnWithAPlainMessage() throws {
    let temp = try TemporaryFolder("learned-off")
    let rules = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    let folder = Fixtures.repository("Corpora/principals")
    _ = try rules.ingest(
      IngestRequest(inputs: [folder + "/P05.txt"], codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    #expect(try rules.listCodings(project: temp.path("p.qda"), coder: Coding.modelCoder).isEmpty)
    let error = #expect(throws: PipelineError.self) { try rules.learn(project: temp.path("p.qda"), coder: "ben") }
    #expect(error?.description.contains("drop --rules-only") == true)
  }
}

/// Contradictions found by the learned tension model: out of the box the prior's (learned from the
/// reference corpus's contradictions), and after `learn`, one learned from the coder's own.
@Suite struct LearnedTensionTests {
  static let pipeline = LearnedCodingTests.pipeline

  @Test func thePriorProposesAFewTensionsPerInterviewWithTheirEvidence() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("tension")
    defer { withExtendedLifetime(folder) {} }
    let found = try Self.pipeline.contradictions(project: project)
    #expect(!found.isEmpty)
    for contradiction in found {
      #expect(contradiction.evidence.hasPrefix("learned tension model (from reference, 288 contradictions): "))
      #expect(contradiction.confidence >= 0.5)
      #expect(contradiction.first != contradiction.second)
      #expect(contradiction.spans.count == 1 && contradiction.passageIDs.count == 1)
    }
    // At most three per interview (288 contradictions in 96 interviews), one per passage.
    for (participant, items) in Dictionary(grouping: found, by: \.participant) {
      #expect(items.count <= 3, "\(participant): \(items.count)")
      #expect(Set(items.map(\.passageIDs)).count == items.count)
    }
    // The sample's clearest tension, the torn principal, is among them with a cue-typed manifestation.
    #expect(found.contains { $0.participant == "P06" && $0.manifestation == .criticalConflict })
  }

  @Test func learningFromACoderWhoRecordedContradictionsLearnsTheirTensions() throws {
    let (folder, project) = try LearnedCodingTests.sampleProject("tension-learn")
    defer { withExtendedLifetime(folder) {} }
    _ = try Self.pipeline.importCodings(project: project, csv: Fixtures.repository("Corpora/codings/ben.csv"))
    let recorded: [(String, String, (Element, Element))] = [
      ("P04.txt", "the tasks have to be done alone", (.rules, .community)),
      ("P06.txt", "I felt torn, honestly.", (.rules, .divisionOfLabor)),
      ("P06.txt", "The two were fighting each other.", (.object, .divisionOfLabor)),
    ]
    for (document, quote, pair) in recorded {
      _ = try Self.pipeline.addContradiction(
        project: project, elements: pair, manifestation: .dilemma, target: CodingTarget(document: document, quote: quote),
        note: "", researcher: "ben")
    }
    _ = try Self.pipeline.learn(project: project, coder: "ben")
    let detected = try Self.pipeline.contradictions(project: project).filter { $0.coder == "auto" }
    #expect(!detected.isEmpty)
    #expect(detected.allSatisfy { $0.evidence.hasPrefix("learned tension model (from ben, 3 contradictions): ") })
    // ben's own records stay, confirmed.
    #expect(try Self.pipeline.contradictions(project: project).filter { $0.coder == "ben" }.count == 3)
  }
}
