import Foundation
import QDAAgreement
import QDACoding
import QDAModel
import QDAPipeline
import Testing
import _QDATestSupport

/// Two coders on the sample corpus: a CSV of a second coder's work comes in onto the same
/// passages, agreement is computed from the stored codings, disagreements are reviewed and a
/// consensus recorded without touching the coders' own codings.
@Suite struct MultipleCodersTests {
  // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  /// A fresh copy of the sample project (ingested and auto-coded) in a temporary folder.
  static func sampleProject() throws -> (TemporaryFolder, String) {
    let temp = try TemporaryFolder("coders")
    let folder = Fixtures.repository("Corpora/principals")
    _ = try pipeline.ingest(
      IngestRequest(
        inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
        codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    return (temp, temp.path("p.qda"))
  }

  static let twoCoders = """
    document,quote,code,coder
    P05.txt,Thirteen years as an administrator now,division_of_labor.experience,ana
    P05.txt,thirteen years as an administrator,Experience,ben
    P05.txt,"Oh, maybe 15 hours.",rules.time,ana
    P05.txt,"oh, maybe 15 HOURS",rules.time,ben
    P05.txt,I'm in an Ed.D. program right now,outcome.motivation.degree,ana
    P05.txt,lined up almost exactly with my doctoral coursework,degree,ben
    P05.txt,It felt about right for what it asked.,rules.time,ana
    P05.txt,"Honestly, none. It didn't factor in.",rules.incentives,ben
    P05.txt,I liked that it was self-paced and online.,tools.platform,ana

    """

  @Test func aSecondCodersCSVLandsOnTheSamePassagesAndReimportingAddsNothing() throws {
    let (temp, project) = try Self.sampleProject()
    let csv = try temp.write("codings.csv", Self.twoCoders)
    let summary = try Self.pipeline.importCodings(project: project, csv: csv)
    #expect(summary.added == ["ana": 5, "ben": 4])
    #expect(summary.alreadyPresent == 0)
    #expect(summary.documents == ["P05.txt"])
    #expect(summary.looseQuotes == ["\(csv):3", "\(csv):5"])
    let again = try Self.pipeline.importCodings(project: project, csv: csv)
    #expect(again.addedCount == 0)
    #expect(again.alreadyPresent == 9)

    // Ana's and Ben's experience codings sit on one passage, each over its own words.
    let ana = try Self.pipeline.listCodings(project: project, coder: "ana", code: "division_of_labor.experience")
    let ben = try Self.pipeline.listCodings(project: project, coder: "ben", code: "division_of_labor.experience")
    #expect(ana.map(\.quote) == ["Thirteen years as an administrator now"])
    #expect(ben.map(\.quote) == ["Thirteen years as an administrator"])
    #expect(ana.first?.coding.passageID == ben.first?.coding.passageID)
  }

  @Test func badRowsAreAllReportedWithTheirLinesAndNothingIsStored() throws {
    let (temp, project) = try Self.sampleProject()
    let csv = try temp.write(
      "bad.csv",
      """
      document,quote,code,coder
      P05.txt,Thirteen years as an administrator now,division_of_labor.experience,ana
      P05.txt,words nobody said,rules.time,ana
      P99.txt,anything,rules.time,ana
      P05.txt,"Oh, maybe 15 hours.",rules.timing,ana
      P05.txt,"Oh, maybe 15 hours.",rules.time,
      P05.txt,"Oh, maybe 15 hours.",rules.time,auto

      """)
    #expect {
      try Self.pipeline.importCodings(project: project, csv: csv)
    } throws: { error in
      let message = (error as? PipelineError)?.message ?? ""
      return message == """
        5 rows of \(csv) cannot be stored; nothing was imported:
        \(csv):3: P05.txt does not contain the quoted words
        \(csv):4: no document 'P99.txt'
        \(csv):5: the codebook has no code 'rules.timing' (did you mean rules.time?)
        \(csv):6: the coder cell is empty (or pass --coder)
        \(csv):7: 'auto' is reserved for automatic coding (rules or model); name the coder
        """
    }
    #expect(try Self.pipeline.listCodings(project: project, coder: "ana").isEmpty)
  }

  @Test func aHeaderWithoutTheNeededColumnsIsRefused() throws {
    let (temp, project) = try Self.sampleProject()
    let csv = try temp.write("h.csv", "document,text,code\nP05.txt,x,rules.time\n")
    #expect {
      try Self.pipeline.importCodings(project: project, csv: csv)
    } throws: { error in
      (error as? PipelineError)?.message
        == "\(csv):1: unknown column 'text'; the columns are document, quote, start, end, passage, code, coder, memo"
    }
  }

  @Test func agreementComesFromTheStoredCodingsOfBothCoders() throws {
    let (temp, project) = try Self.sampleProject()
    _ = try Self.pipeline.importCodings(project: project, csv: try temp.write("c.csv", Self.twoCoders))
    let report = try Self.pipeline.agreement(project: project)
    #expect(report.coders == ["ana", "ben"])
    // Both coded only P05, whose participant passages are the units.
    let participantPassages = try Self.pipeline.listPassages(project: project, document: "P05.txt")
      .filter { $0.passage.role != .interviewer }.count
    #expect(report.passages == participantPassages)
    let time = try #require(report.codes.first { $0.id == "rules.time" })
    #expect(time.figures.codedUnits == [2, 1])
    #expect(time.figures.percentAgreement.exactProportion == Proportion(participantPassages - 1, participantPassages))
    let experience = try #require(report.codes.first { $0.id == "division_of_labor.experience" })
    #expect(experience.figures.krippendorffAlpha.value == 1)
    #expect(report.codes.map(\.id) == [
      "outcome.motivation.degree", "rules.time", "rules.incentives", "tools.platform", "division_of_labor.experience",
    ])
    // Character level: Ana's experience span has 4 more characters (" now") than Ben's.
    let characters = try #require(experience.figures.characters)
    #expect(characters.codedByBoth == 34)
    #expect(characters.codedByFirstOnly == 4)
    #expect(characters.codedBySecondOnly == 0)

    let rules = try Self.pipeline.agreement(project: project, coders: ["ana", "auto"])
    #expect(rules.coders == ["ana", "auto"])
    #expect {
      try Self.pipeline.agreement(project: project, coders: ["ana", "zoe"])
    } throws: { error in
      (error as? PipelineError)?.message.hasPrefix("zoe has no codings in \(project); coders with codings: ana, auto, ben")
        ?? false
    }
  }

  @Test func reviewListsDisagreementsAndConsensusKeepsTheOriginals() throws {
    let (temp, project) = try Self.sampleProject()
    _ = try Self.pipeline.importCodings(project: project, csv: try temp.write("c.csv", Self.twoCoders))
    let open = try Self.pipeline.disagreements(project: project)
    #expect(open.map(\.codeID) == ["rules.time", "rules.incentives", "tools.platform"])
    let time = try #require(open.first)
    #expect(time.applied.keys.sorted() == ["ana"])
    #expect(time.notApplied == ["ben"])
    #expect(time.passage.text == "It was reasonable. It felt about right for what it asked.")

    let agreed = try Self.pipeline.acceptAgreements(project: project)
    #expect(agreed.applies == 3)  // experience, time (15 hours) and degree
    let passageID = try #require(time.passage.id)
    _ = try Self.pipeline.recordConsensus(
      project: project, passageID: passageID, code: "rules.time", applies: true, spanFrom: "ana", note: "a judgement of time")
    let incentives = try #require(open.first { $0.codeID == "rules.incentives" })
    _ = try Self.pipeline.recordConsensus(
      project: project, passageID: try #require(incentives.passage.id), code: "rules.incentives", applies: false)

    #expect(try Self.pipeline.disagreements(project: project).map(\.codeID) == ["tools.platform"])
    #expect(try Self.pipeline.disagreements(project: project, includeDecided: true).count == 3)
    let consensus = try Self.pipeline.listCodings(project: project, coder: Pipeline.consensusCoder)
    #expect(consensus.map(\.coding.codeID).sorted() == [
      "division_of_labor.experience", "outcome.motivation.degree", "rules.time", "rules.time",
    ])
    #expect(consensus.first { $0.coding.passageID == passageID }?.quote == "It felt about right for what it asked.")
    // The coders' own codings are all still there.
    #expect(try Self.pipeline.listCodings(project: project, coder: "ana").count == 5)
    #expect(try Self.pipeline.listCodings(project: project, coder: "ben").count == 4)
  }

  @Test func suggestionsLearnedFromACoderCanBeAcceptedAndRejectedAndAreNotRepeated() throws {
    let (temp, project) = try Self.sampleProject()
    defer { withExtendedLifetime(temp) {} }
    // Ana codes three documents by hand, here the way the rules did.
    for document in ["P01.txt", "P02.txt", "P04.txt"] {
      for listing in try Self.pipeline.listCodings(project: project, coder: "auto", document: document) {
        _ = try Self.pipeline.addCoding(
          project: project, code: listing.coding.codeID, coder: "ana",
          target: CodingTarget(passageID: listing.coding.passageID))
      }
    }
    let suggestions = try Self.pipeline.suggest(project: project, coder: "ana")
    #expect(!suggestions.isEmpty)
    #expect(Set(suggestions.map(\.documentKey)).isDisjoint(with: ["P01.txt", "P02.txt", "P04.txt"]))
    #expect(suggestions.allSatisfy { $0.suggestion.score >= 0.5 && $0.suggestion.status == .open })
    let best = try #require(suggestions.first)
    let last = try #require(suggestions.last)
    let codings = try Self.pipeline.acceptSuggestions(project: project, ids: [try #require(best.suggestion.id)])
    #expect(codings.count == 1)
    try Self.pipeline.rejectSuggestions(project: project, ids: [try #require(last.suggestion.id)])
    #expect {
      try Self.pipeline.rejectSuggestions(project: project, ids: [try #require(last.suggestion.id)])
    } throws: { ($0 as? PipelineError)?.message == "suggestion \(last.suggestion.id ?? 0) was already rejected" }

    let again = try Self.pipeline.suggest(project: project, coder: "ana")
    #expect(!again.contains { $0.suggestion.passageID == last.suggestion.passageID && $0.suggestion.codeID == last.suggestion.codeID })
    #expect(try Self.pipeline.listSuggestions(project: project, status: .accepted).map(\.suggestion.id) == [best.suggestion.id])
  }

  /// Golden: suggestions learned from the rules' codings of the sample corpus, cross-validated
  /// over its 11 interviews (5 folds by document). Reproduce with
  /// `qda suggest evaluate --project <sample> --coder auto`.
  @Test func crossValidatedSuggestionsOnTheSampleCorpus() throws {
    let (temp, project) = try Self.sampleProject()
    defer { withExtendedLifetime(temp) {} }
    let evaluation = try Self.pipeline.evaluateSuggestions(project: project, coder: "auto")
    #expect(evaluation.passages == 172)
    #expect(evaluation.documents == 11)
    #expect(evaluation.folds == 5)
    #expect(evaluation.overall.truePositives == 159)
    #expect(evaluation.overall.falsePositives == 8)
    #expect(evaluation.overall.falseNegatives == 69)
    let rules = try #require(evaluation.elements.first { $0.label == "rules" })
    #expect(rules.truePositives == 30)
    #expect(rules.falsePositives == 1)
    #expect(rules.falseNegatives == 15)
    #expect(evaluation.elements.map(\.label) == [
      "subject", "object", "outcome", "rules", "tools_and_signs", "community", "division_of_labor",
    ])
  }

  /// Golden: an independent human coding of the sample corpus (`Corpora/codings/ben.csv`, coded
  /// from the codebook's definitions without seeing the rules' output) against the rules, and
  /// suggestions learned from it.
  @Test func anIndependentHumanCodingAgainstTheRules() throws {
    let (temp, project) = try Self.sampleProject()
    defer { withExtendedLifetime(temp) {} }
    let imported = try Self.pipeline.importCodings(project: project, csv: Fixtures.repository("Corpora/codings/ben.csv"))
    #expect(imported.added == ["ben": 221])
    let report = try Self.pipeline.agreement(project: project, coders: ["ben", "auto"])
    #expect(report.passages == 172)
    #expect(report.overall.figures.percentAgreement.exactProportion == Proportion(3301, 3440))
    #expect(abs((report.overall.figures.krippendorffAlpha.value ?? 0) - 0.669) < 0.0005)
    let subject = try #require(report.elements.first { $0.id == "subject" })
    #expect(subject.figures.percentAgreement.exactProportion == Proportion(168, 172))
    let evaluation = try Self.pipeline.evaluateSuggestions(project: project, coder: "ben")
    #expect(evaluation.overall.truePositives == 151)
    #expect(evaluation.overall.falsePositives == 20)
    #expect(evaluation.overall.falseNegatives == 70)
  }
}
