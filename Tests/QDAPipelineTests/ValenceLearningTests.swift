import Foundation
import QDAAnalysis
import QDAModel
import QDAPipeline
import QDAReport
import Testing
import _QDATestSupport

/// The valence reader with the real sentence model (issue 34, item 1): the shipped model is what
/// its labelled sentences make, it reads held-out feedback that nobody tuned it to better than
/// always saying the commonest label, and the brief states what its table states.
@Suite struct ValenceLearningTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))

  @Test func theShippedModelIsWhatItsLabelledSentencesMake() throws {
    _ = try TestModel.location()
    let learning = try Self.pipeline.learnValence(examples: [Fixtures.repository("Corpora/valence/train.jsonl")], evaluate: [])
    let shipped = try Fixtures.text(Fixtures.repository("Codebooks/chat.valence.json"))
    #expect(
      String(decoding: learning.model.encoded(), as: UTF8.self) == shipped,
      "Codebooks/chat.valence.json is not what Corpora/valence/train.jsonl makes: run `qda learn valence --examples Corpora/valence/train.jsonl --out Codebooks/chat.valence.json`")
  }

  /// Two sets written for this by people who saw neither the training sentences nor QDAKit
  /// (`Benchmarks/valence`); the commonest label is right for 20 of 60 and 25 of 80. The
  /// shipped model reads 36 and 46 (2026-12-08); the floors leave room for the encoder's
  /// rounding, not for a model that reads no better than always saying the commonest label.
  @Test func heldOutFeedbackIsReadWellAboveTheCommonestLabel() throws {
    _ = try TestModel.location()
    let learning = try Self.pipeline.learnValence(
      examples: [], model: Fixtures.repository("Codebooks/chat.valence.json"),
      evaluate: [Fixtures.repository("Benchmarks/valence/heldout.jsonl"), Fixtures.repository("Benchmarks/valence/heldout2.jsonl")])
    #expect(learning.evaluations.map(\.total) == [60, 80])
    #expect(learning.evaluations[0].right >= 32, "\(learning.evaluations[0].right) of 60")
    #expect(learning.evaluations[1].right >= 41, "\(learning.evaluations[1].right) of 80")
  }

  @Test func aBadLabelledLineStopsLearningWithItsFileAndLine() throws {
    _ = try TestModel.location()
    let temp = try TemporaryFolder("valence-bad")
    let file = temp.path("labels.jsonl")
    try Data(
      (#"{"id": "a", "sentences": [{"text": "Fine.", "polarity": "positive"}]}"# + "\n" + #"{"id": "b", "sentences": [{"text": "Bad.", "polarity": "awful"}]}"#)
        .utf8
    ).write(to: URL(fileURLWithPath: file))
    let error = try #require(throws: LabelledFeedbackError.self) {
      try Self.pipeline.learnValence(examples: [file], evaluate: [])
    }
    #expect(error.description.hasPrefix("\(file):2: sentence 1's 'polarity'"))
  }

  @Test func theBriefAndItsSummaryStateTheValenceTableLinkedToTheDecidingWords() throws {
    let (temp, corpus, analysis, _, _, report) = try BriefEvidenceTests.sampleBrief("valence")
    defer { withExtendedLifetime(temp) {} }
    let feedback = analysis.feedbackValence
    #expect(feedback.isRead)
    #expect(feedback.codes.map(\.codeID) == ["tools.platform", "tools.content"])
    for code in feedback.codes {
      #expect(code.readings.count == analysis.codes.row(code.codeID)?.participants.count)
      // Each count in the brief's sentence is the table's, and links to those words.
      for valence in Valence.allCases where !code.readings(valence).isEmpty {
        let readings = code.readings(valence)
        // Stated twice, in the summary and under the code, each time with the same words linked.
        let references = report.references.filter {
          $0.title.hasPrefix("\(code.name): ") && $0.title.contains(Self.phrase(valence))
            && ($0.title.hasSuffix(" — \(CountWording.number(readings.count))") || $0.title.hasSuffix(" — all \(CountWording.number(readings.count))"))
        }
        #expect(references.count == 2, "\(code.codeID) \(valence): \(references.map(\.title))")
        let deciding = Set(FeedbackValenceTable.evidence(readings, of: code).map(\.passageID))
        for reference in references {
          #expect(Set(reference.entries.map(\.passageID)) == deciding)
          for entry in reference.entries {
            let passage = try #require(corpus.passage(entry.passageID))
            #expect(passage.role == .participant)
            #expect(corpus.codings(under: code.codeID).contains { $0.passageID == entry.passageID })
          }
        }
      }
    }
    let table = try #require(analysis.tables.first { $0.id == "feedback_valence" })
    #expect(table.rows.map { Int($0[1].text) } == feedback.codes.map(\.readings.count))
  }

  static func phrase(_ valence: Valence) -> String {
    switch valence {
    case .positive: "spoke well of it"
    case .negative: "spoke poorly of it"
    case .mixed: "spoke both well and poorly of it"
    case .none: "judged it neither way"
    }
  }
}
