import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAPipeline
import _QDATestSupport

/// The sample corpus reproduces the figures of the seed brief (`../shared/seeds/000_…`):
/// 11 principals, nine completers and two non-completers, mean 18 hours over eight estimates,
/// one "too much" and five "about right" of six asked, four of nine advising time management,
/// incentives that did not matter to any of the seven asked, and the motivation themes.
@Suite("Sample corpus: the brief's figures")
struct SampleCorpusTests {
  static let corpus: Result<CorpusSnapshot, any Error> = Result {
    let temp = try TemporaryFolder("sample")
    // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    _ = try pipeline.ingest(.samplePrincipals, project: temp.path("p.qda"))
    return try pipeline.snapshot(project: temp.path("p.qda"))
  }

  var corpus: CorpusSnapshot { get throws { try Self.corpus.get() } }

  @Test func everyInterviewIsReadWithItsParticipantAndRoles() throws {
    let corpus = try corpus
    #expect(corpus.interviewed == ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11"])
    #expect(corpus.participants.map(\.id).contains("P12"))
    let encodings = Dictionary(uniqueKeysWithValues: corpus.documents.map { ($0.key, $0.encoding) })
    #expect(encodings == [
      "P01.txt": "utf-8", "P02.txt": "utf-8-bom", "hale_transcript.txt": "utf-16le", "P04.txt": "windows-1252",
      "P05.txt": "utf-8", "P06.txt": "utf-8", "P07.txt": "utf-8", "P08.txt": "utf-8", "P09.txt": "utf-8-bom",
      "2020-09-03 interview 10.txt": "utf-8", "castillo.txt": "utf-8",
    ])
    let interviewers = Dictionary(grouping: corpus.passages.filter { $0.role == .interviewer }, by: \.documentID)
      .compactMap { id, passages in corpus.documents.first { $0.id == id }.map { ($0.key, Set(passages.compactMap(\.speaker))) } }
    let byKey = Dictionary(uniqueKeysWithValues: interviewers)
    #expect(byKey["P01.txt"] == ["Interviewer"])
    #expect(byKey["P02.txt"] == ["Q"])
    #expect(byKey["hale_transcript.txt"] == ["Dr. Ortiz"])
    #expect(byKey["P05.txt"] == ["id1"])
    #expect(byKey["P06.txt"] == ["INTERVIEWER"])
    #expect(byKey["P07.txt"] == ["I"])
    #expect(byKey["P08.txt"] == ["Jordan"])
    #expect(byKey["castillo.txt"] == ["Sam Whitaker"])
    // Quotes are exact: every passage's text is its span of the stored document.
    for passage in corpus.passages {
      let document = try #require(corpus.documents.first { $0.id == passage.documentID })
      let scalars = Array(document.text.unicodeScalars)
      #expect(String(String.UnicodeScalarView(scalars[passage.span.start..<passage.span.end])) == passage.text)
    }
  }

  @Test func experienceAsInTheBrief() throws {
    let experience = Analysis(try corpus).experience
    let means = Dictionary(uniqueKeysWithValues: experience.numbers.filter { $0.attribute == "years_as_admin" }.map { ($0.group, $0.mean) })
    #expect(means["completed = yes"] == 11)
    #expect(means["completed = no"] == 18)
    let levels = experience.categories.filter { $0.attribute == "school_level" }.map { ($0.value, $0.participants.count) }
    #expect(levels.map(\.0) == ["elementary", "high school"])
    #expect(levels.map(\.1) == [8, 3])
    #expect(experience.distinct["district"] == 8)
    let tenToFourteen = experience.bins.first { $0.attribute == "years_as_admin" && $0.label == "10–14" }
    #expect(tenToFourteen?.participants.count == 7)
  }

  @Test func timeCommitmentAsInTheBrief() throws {
    let time = Analysis(try corpus).timeCommitment
    #expect(time.meanHours == 18)
    #expect(time.nEstimates == 8)
    #expect(time.estimates.map(\.hours) == [20, 17.5, 12, 25, 15, 22.5, 16, 16])
    #expect(time.noEstimate.map(\.participant) == ["P09"])
    #expect(time.nJudgmentRespondents == 6)
    #expect(time.count(.tooMuch) == 1)
    #expect(time.count(.aboutRight) == 5)
    #expect(time.judgments.first { $0.judgment == .tooMuch }?.participant == "P02")
    #expect(time.adviceRespondents.count == 9)
    #expect(time.timeManagementAdvice.map(\.participant) == ["P01", "P02", "P04", "P06"])
  }

  @Test func motivationAndIncentivesAsInTheBrief() throws {
    let analysis = Analysis(try corpus)
    let motivation = try #require(analysis.motivation)
    #expect(motivation.total.participants.count == 11)
    let themes = Dictionary(uniqueKeysWithValues: motivation.themes.map { ($0.codeID, $0.participants) })
    #expect(themes["outcome.motivation.priorities"] == ["P01", "P04", "P06", "P09"])
    #expect(themes["outcome.motivation.staff"] == ["P02", "P04", "P08", "P10"])
    #expect(themes["outcome.motivation.passion"] == ["P03", "P07", "P08", "P11"])
    #expect(themes["outcome.motivation.degree"] == ["P05"])
    #expect(themes["outcome.motivation.supervisor"] == ["P11"])
    #expect(analysis.incentives.respondents == 7)
    #expect(analysis.incentives.count(.didNotMatter) == 7)
    #expect(analysis.incentives.count(.mattered) == 0)
    #expect(analysis.codes.row("object.design")?.participants == ["P01", "P03", "P05", "P07", "P08"])
  }
}
