import Testing
import QDACodebook
import QDAPipeline
import _QDATestSupport

/// The labelled set (`Tests/Fixtures/contradictions/labelled.yaml`): the detector must not fall
/// below the figures it reached when the set was written (precision 1.0, recall 12 of 13).
/// The set was written by the same team as the lexicon, so these figures are optimistic; they
/// guard against regressions, they do not estimate performance on unseen talk.
@Suite("Contradiction evaluation")
struct EvaluationTests {
  @Test func precisionAndRecallDoNotDrop() throws {
    let evaluation = try ContradictionEvaluation.run(
      labelled: Fixtures.repository("Tests/Fixtures/contradictions/labelled.yaml"),
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    #expect(evaluation.outcomes.count == 23)
    #expect(evaluation.precision >= 1.0)
    #expect(evaluation.recall >= 12.0 / 13.0)
    #expect(evaluation.outcomes.first { $0.id == "primary-two-rules" }?.verdict == "found")
    let byType = Dictionary(uniqueKeysWithValues: evaluation.byType.map { ($0.type, $0) })
    for type in ["dilemma", "conflict", "critical_conflict", "double_bind"] {
      #expect(byType[type] != nil, "the set has no \(type)")
    }
    #expect(byType["critical_conflict"]?.typeRight == 2)
    #expect(byType["double_bind"]?.typeRight == 2)
    // Look-alikes of cues are never detections.
    for outcome in evaluation.outcomes where outcome.id.hasPrefix("none-") {
      #expect(outcome.verdict == "correctly none", "\(outcome.id): \(outcome.found)")
    }
  }

  @Test func aMalformedLabelledSetNamesTheLine() {
    #expect {
      try LabelledSetReader().read("""
        items:
          - id: a
            text: "x"
            expect: [rules, weather]
        """, file: "set.yaml")
    } throws: { String(describing: $0).hasPrefix("set.yaml:4:") && String(describing: $0).contains("weather") }
  }

  @Test func aCodebookExtendsTheLexicon() throws {
    let temp = try TemporaryFolder("lexicon")
    let base = try Fixtures.chatCodebookText()
    let codebook = try temp.write("chat.yaml", base + """

      contradictions:
        oppositions:
          - reason: shared leadership against working without the team
            a: [shared leadership]
            b: [not allowed to work with, "n't allowed to work with"]
        not_cues: [but that was separate]

      """)
    let evaluation = try ContradictionEvaluation.run(
      labelled: Fixtures.repository("Tests/Fixtures/contradictions/labelled.yaml"), codebook: codebook)
    // The answer the standard lexicon misses is found with the project's opposition.
    #expect(evaluation.outcomes.first { $0.id == "dilemma-not-allowed" }?.verdict == "found")
    #expect(evaluation.recall == 1)
    #expect(evaluation.precision == 1)
  }

  @Test func aBadLexiconEntryNamesItsLine() throws {
    let temp = try TemporaryFolder("lexicon")
    let base = try Fixtures.chatCodebookText()
    let lines = base.split(separator: "\n", omittingEmptySubsequences: false).count
    let codebook = try temp.write("chat.yaml", base + """

      contradictions:
        cues:
          - phrase: at loggerheads
            kind: feud

      """)
    #expect {
      try ContradictionEvaluation.run(labelled: Fixtures.repository("Tests/Fixtures/contradictions/labelled.yaml"), codebook: codebook)
    } throws: { error in
      let message = String(describing: error)
      return message.contains("chat.yaml:\(lines + 4):") && message.contains("feud")
    }
  }
}
