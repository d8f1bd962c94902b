import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAPipeline
import _QDATestSupport

/// Interviews from a programme the sample corpus knows nothing about (a coaching fellowship),
/// in label styles, encodings and wordings of their own: the pipeline must find the speakers,
/// link the answers to that programme's protocol, and put each estimate and judgment in the
/// tables.
@Suite("Unseen interviews")
struct UnseenInterviewTests {
  static let folder = Fixtures.repository("Tests/Fixtures/coaching")

  static func analyze() throws -> (TemporaryFolder, CorpusSnapshot, RunSummary) {
    let temp = try TemporaryFolder("unseen")
    let request = IngestRequest(
      inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    let summary = try pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    return (temp, try pipeline.snapshot(project: temp.path("p.qda")), summary)
  }

  @Test func speakersAndRolesAreFoundInEveryForm() throws {
    let (_, corpus, summary) = try Self.analyze()
    #expect(summary.added.sorted() == ["T01.txt", "T03.txt", "T04.txt", "okafor.txt"])
    #expect(summary.skipped.isEmpty)
    var roles: [String: [String: SpeakerRole]] = [:]
    for passage in corpus.passages {
      let document = try #require(corpus.documents.first { $0.id == passage.documentID })
      roles[document.key, default: [:]][passage.speaker ?? "?"] = passage.role
    }
    #expect(roles["T01.txt"] == ["Moderator": .interviewer, "Fellow": .participant])
    #expect(roles["okafor.txt"] == ["Mr. Lindqvist": .interviewer, "Ms. Okafor": .participant])
    #expect(roles["T03.txt"] == ["Q": .interviewer, "A": .participant])
    #expect(roles["T04.txt"] == ["Priya Raman": .interviewer, "Luis Ortega": .participant])
  }

  @Test func participantsComeFromHeadersOrFileNames() throws {
    let (_, corpus, _) = try Self.analyze()
    let owners = Dictionary(uniqueKeysWithValues: corpus.documents.map { ($0.key, $0.participantID) })
    #expect(owners == ["T01.txt": "T01", "okafor.txt": "T02", "T03.txt": "T03", "T04.txt": "T04"])
    #expect(corpus.interviewed == ["T01", "T02", "T03", "T04"])
  }

  @Test func encodingsAreDecodedAndTheFallbackIsReported() throws {
    let (_, corpus, summary) = try Self.analyze()
    let encodings = Dictionary(uniqueKeysWithValues: corpus.documents.map { ($0.key, $0.encoding) })
    #expect(encodings["okafor.txt"] == "utf-16be")
    #expect(encodings["T03.txt"] == "windows-1252")
    #expect(summary.warnings.contains { $0.hasPrefix("Tests/Fixtures/coaching/T03.txt:1:") || $0.contains("T03.txt:1: not valid UTF-8") })
    let t03 = try #require(corpus.documents.first { $0.key == "T03.txt" })
    #expect(t03.text.contains("I’m in my fourth year teaching high school English — ninth and tenth grade."))
  }

  @Test func answersAreLinkedToTheOtherProgrammesQuestions() throws {
    let (_, corpus, _) = try Self.analyze()
    for document in corpus.documents {
      let linked = corpus.passages.filter { $0.documentID == document.id && $0.role == .participant }.compactMap(\.questionID)
      // An answer interrupted by "Mm-hmm." is two passages answering one question.
      let answered = linked.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
      #expect(answered == ["C1", "C2", "C3", "C4", "C5"], "\(document.key)")
      #expect(linked.count == (document.key == "T01.txt" ? 6 : 5), "\(document.key)")
    }
  }

  @Test func estimatesAndJudgmentsLandInTheTables() throws {
    let (_, corpus, _) = try Self.analyze()
    let time = Analysis(corpus).timeCommitment
    #expect(time.estimates.map(\.participant) == ["T01", "T02", "T03"])
    #expect(time.estimates.map(\.hours) == [32.5, 24, 13])
    #expect(time.noEstimate.map(\.participant) == ["T04"])
    #expect(time.nEstimates == 3)
    #expect(abs((time.meanHours ?? 0) - 69.5 / 3) < 1e-9)
    #expect(time.judgments.map(\.participant) == ["T01", "T02", "T03", "T04"])
    #expect(time.judgments.map(\.judgment) == [.tooMuch, .aboutRight, .aboutRight, .tooLittle])
    #expect(time.nJudgmentRespondents == 4)
    // "I do a lot of scheduling" describes a job; it is not advice to manage time.
    #expect(time.timeManagementAdvice.isEmpty)
  }
}
