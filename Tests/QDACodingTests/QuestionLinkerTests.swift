import Testing
import QDACodebook
import QDACoding
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
}
