import Testing
import QDACodebook
@testable import QDACoding
import QDAModel
import _QDATestSupport

@Suite struct QuestionLinkerTests {
  let linker: QuestionLinker

  init() throws {
    let path = Fixtures.repository("Corpora/principals/protocol.yaml")
    linker = QuestionLinker(protocol: try ProtocolReader().read(try Fixtures.text(path), file: path))
  }

  @Test(arguments: [
    ("So, um, roughly how much time would you say you put into the whole thing?", "Q4"),
    ("And looking back, did that feel like too much time, about right, or not enough?", "Q5"),
    ("If another principal were thinking about doing this, what would you tell them about the time?", "Q6"),
    ("Did the PD hours or having it on your license matter at all in deciding to finish?", "Q7"),
    ("How was the website itself, was it easy to navigate?", "Q8"),
    ("Which of the readings or materials stood out as useful?", "Q9"),
    ("Were you able to work with any colleagues on it, or was it all solo?", "Q10"),
    ("What made you want to sign up for the equity micro-credential?", "Q2"),
    ("Okay, great. Let's start with you. How long have you been an administrator?", "Q1"),
    ("What appealed to you about doing it as a micro-credential instead of a workshop?", "Q3"),
    ("Was there anything that got in the way or made it hard to finish?", "Q11"),
    ("Last one: if you could change one thing for the designers, what would it be?", "Q12"),
  ])
  func matchesParaphrasedQuestions(wording: String, expected: String) {
    #expect(linker.bestQuestion(for: wording)?.questionID == expected)
  }

  @Test func anAcknowledgementBeforeTheQuestionDoesNotChooseIt() {
    // "That's fair" shares a word with the judgment question (Q5); the question asked is Q12.
    #expect(linker.bestQuestion(for: "That's fair. Last one, what would you change if you were designing it?")?.questionID == "Q12")
    #expect(linker.bestQuestion(for: "That's fair.") == nil)
  }

  @Test func smallTalkAndClosingQuestionsMatchNothing() {
    // Found by transcripts a helper wrote independently: consent and closing questions were
    // taken for the advice question (Q6).
    #expect(linker.bestQuestion(for: "[laughs] Renee, then. Before we get started, is it all right with you if I record our conversation? It's only for the transcript, and we won't use your name in anything.") == nil)
    #expect(linker.bestQuestion(for: "That makes a lot of sense. Is there anything else you'd want them to know?") == nil)
  }

  @Test func backchannelsMatchNothing() {
    #expect(linker.bestQuestion(for: "Mm-hmm.") == nil)
    #expect(linker.bestQuestion(for: "Right, right.") == nil)
    #expect(linker.bestQuestion(for: "Can you say more about that?") == nil)
  }

  @Test func answersInterruptedByABackchannelStayOneAnswer() {
    func passage(_ ordinal: Int, _ role: SpeakerRole, _ text: String) -> Passage {
      Passage(id: Int64(ordinal + 1), documentID: 1, ordinal: ordinal, turn: ordinal, speaker: role == .interviewer ? "Q" : "A",
              role: role, span: TextSpan(start: 0, end: 0), text: text)
    }
    let linked = linker.link([
      passage(0, .interviewer, "About how many hours did you spend on it?"),
      passage(1, .participant, "Let me think, it was over the summer"),
      passage(2, .interviewer, "Mm-hmm."),
      passage(3, .participant, "so maybe fifteen hours."),
      passage(4, .interviewer, "How is your fall going so far, with the reopening and all the new procedures?"),
      passage(5, .participant, "Busy!"),
    ])
    #expect(linked.map(\.questionID) == ["Q4", "Q4", "Q4", "Q4", nil, nil])
  }
  @Test func aPromptAfterWordsThatMoveOnStillAsks() {
    // "So tell me…" has no question mark and does not open with the prompt's verb.
    #expect(linker.bestQuestion(for: "Right. So tell me a bit about yourself and the job you have now.")?.questionID == "Q1")
    #expect(linker.bestQuestion(for: "Okay, well, walk me through the hours you put into the whole thing.")?.questionID == "Q4")
  }

  @Test func closingQuestionsInOtherWordsMatchNothing() {
    #expect(linker.bestQuestion(for: "That's all from my list. Is there anything I missed about the time or the platform?") == nil)
    #expect(linker.bestQuestion(for: "Before we stop, anything we didn't cover on the micro-credential?") == nil)
    #expect(linker.bestQuestion(for: "Let me check the levels first. Could you say a sentence about your school?") == nil)
  }

  /// Interviewer turns in order, each followed by a short answer; the question in force after
  /// each turn.
  func linkedAfterEachTurn(_ turns: [String]) -> [String?] {
    var passages: [Passage] = []
    for (number, turn) in turns.enumerated() {
      passages.append(Self.passage(2 * number, .interviewer, turn))
      passages.append(Self.passage(2 * number + 1, .participant, "Sure, I can say something about that."))
    }
    return linker.link(passages).filter { $0.role == .interviewer }.map(\.questionID)
  }

  @Test func closingPhrasesWithContractionsClose() {
    // The tokenizer reads "didn't" as "did n't" and "you'd" as "you 'd"; the closing phrases
    // are read the same way.
    #expect(QuestionLinker.closes("Was there anything I didn't get to?"))
    #expect(QuestionLinker.closes("Anything you'd like to add before we stop?"))
    #expect(QuestionLinker.closes("That's all I had. Anything you want to add?"))
    // A bare "Anything else?" probes the question in force.
    #expect(!QuestionLinker.closes("Anything else?"))
    #expect(linkedAfterEachTurn(["What got in the way of finishing, if anything?", "Anything else?"]) == ["Q11", "Q11"])
  }

  @Test func aChangeSeenIsNotAChangeWished() {
    #expect(linker.bestQuestion(for: "Did anything change at your school after the second module?")?.questionID != "Q12")
    #expect(linker.bestQuestion(for: "Have things improved for your new teachers since then?")?.questionID != "Q12")
    #expect(linker.bestQuestion(for: "If you were running it, what would you change?")?.questionID == "Q12")
  }

  @Test func aNounAskingForAnOpinionIsNotTheTopic() {
    // "What feedback do you have on the online platform" asks about the platform; feedback
    // from an assessor is another topic.
    #expect(linker.bestQuestion(for: "What feedback did the assessors give you on your portfolio?")?.questionID != "Q8")
    #expect(linker.bestQuestion(for: "Any thoughts on the website?")?.questionID == "Q8")
  }

  @Test func aTopicNamedOnItsOwnIsAnnounced() {
    #expect(linker.bestQuestion(for: "Okay. Hours.")?.questionID == "Q4")
    #expect(linker.bestQuestion(for: "Alright. Incentives. The program paid a small stipend, I think.")?.questionID == "Q7")
    #expect(linker.bestQuestion(for: "Collaboration. Did you ever meet up with anyone?")?.questionID == "Q10")
    // A reaction is no topic.
    #expect(QuestionLinker.names("Interesting.") == false)
    #expect(QuestionLinker.names("The teachers do.") == false)
  }

  @Test func anAnnouncedTopicOutsideTheProtocolEndsTheQuestion() {
    #expect(linkedAfterEachTurn(["Which of the readings were useful?", "Okay. The summer retreat."]) == ["Q9", nil])
  }

  @Test func aQuestionWithoutAVerbLeansOnTheOneBefore() {
    #expect(linkedAfterEachTurn(["How many hours would you say it took, start to finish?", "Even a rough guess, for the fall?"]) == ["Q4", "Q4"])
    #expect(linkedAfterEachTurn(["Which readings were useful?", "Overlapping ones, so several modules at once?"]) == ["Q9", "Q9"])
  }

  @Test func askingForACauseAsksForTheMotive() {
    #expect(linker.bestQuestion(for: "So what got you to sign up for it?")?.questionID == "Q2")
    #expect(linker.bestQuestion(for: "Maybe start with what made you sign up.")?.questionID == "Q2")
    // "Take part" is joining, not the time it took.
    #expect(linker.bestQuestion(for: "So what made you decide to take part in the academy?")?.questionID == "Q2")
  }

  @Test func aPromptAfterAClauseAsks() {
    #expect(QuestionLinker.asks("Before we dig in, just tell me a bit about your job."))
    #expect(QuestionLinker.asks("So, just so I have it for the notes, tell me your role."))
    #expect(!QuestionLinker.asks("People tell me the site was slow."))
    #expect(linker.bestQuestion(for: "Before we dig in, just tell me a bit about your job and how long you've been an administrator.")?.questionID == "Q1")
  }

  @Test func thisYearIsNotACareer() {
    #expect(linker.bestQuestion(for: "How's the year treating you so far?") == nil)
    #expect(linker.bestQuestion(for: "How many years have you been a principal, all told?")?.questionID == "Q1")
  }

  /// A linker over two questions whose wordings have made-up sentence vectors, so a turn's
  /// vector (given by hand) decides what it means.
  static func meaningLinker() -> QuestionLinker {
    let interviewProtocol = InterviewProtocol(questions: [
      ProtocolQuestion(id: "T", text: "How many hours did it take?"),
      ProtocolQuestion(id: "P", text: "How was the website to use?"),
    ])
    return QuestionLinker(protocol: interviewProtocol, wordingVectors: [[1, 0, 0], [0, 1, 0]])
  }

  static func passage(_ ordinal: Int, _ role: SpeakerRole, _ text: String) -> Passage {
    Passage(id: Int64(ordinal + 1), documentID: 1, ordinal: ordinal, turn: ordinal, speaker: role == .interviewer ? "Q" : "A",
            role: role, span: TextSpan(start: 0, end: 0), text: text)
  }

  @Test func meaningAddsToTheScoreOfTheQuestionATurnMeans() throws {
    let linker = Self.meaningLinker()
    let asked = "Did it eat into your evenings much?"
    #expect(linker.candidates(for: asked) == [asked])
    let byWords = try #require(linker.scores(for: asked))
    let byMeaning = try #require(linker.scores(for: asked, vectors: [asked: [1, 0, 0.3]]))
    // Centred on the wordings' mean, the turn's vector is 0.92 like the time question's and
    // unlike the website's; meaning counts half.
    #expect(abs(byMeaning[0] - byWords[0] - 0.46) < 0.01)
    #expect(byMeaning[1] == byWords[1])
  }

  @Test func aFollowUpNearTheCurrentQuestionKeepsItAndAFarOneEndsIt() {
    let linker = Self.meaningLinker()
    let start = "How many hours did it take you?"
    let near = "Was that mostly weekends or school nights for you?"
    let far = "Were the district office staff supportive of your school this year?"
    let vectors: [String: [Float]] = [start: [1, 0, 0], near: [1, 0, 0.3], far: [0, 0, 1]]
    let linked = linker.link([
      Self.passage(0, .interviewer, start), Self.passage(1, .participant, "About twenty."),
      Self.passage(2, .interviewer, near), Self.passage(3, .participant, "Weekends, mostly."),
      Self.passage(4, .interviewer, far), Self.passage(5, .participant, "Very."),
    ], vectors: vectors)
    #expect(linked.map(\.questionID) == ["T", "T", "T", "T", nil, nil])
  }

  @Test func aTopicAnnouncedRatherThanAskedIsLinked() {
    #expect(linker.candidates(for: "Thanks. Okay, the website now.").contains("Okay, the website now."))
    #expect(linker.bestQuestion(for: "Thanks. Okay, the website now.")?.questionID == "Q8")
  }
}
