import Foundation
import Testing
import QDAAnalysis
import QDAModel

/// Whole interviews written for these tests (a coaching fellowship, a nursing preceptor course,
/// a library makerspace training): what the tables read from each, wherever it is said.
@Suite struct InterviewFindingsTests {
  /// A snapshot of interviews given as lines "I: …" (interviewer), "P: …" (participant), "?: …"
  /// (a cue with no speaker), optionally ending "#Q4" for a linked protocol question.
  static func snapshot(
    _ interviews: [String: [String]], interviewProtocol: InterviewProtocol? = nil, codings: [(String, Int, String, String)] = []
  ) -> CorpusSnapshot {
    var passages: [Passage] = []
    var documents: [Document] = []
    var id: Int64 = 1
    var firstID: [String: Int64] = [:]
    for (number, participant) in interviews.keys.sorted().enumerated() {
      let document = Int64(number + 1)
      documents.append(
        Document(
          id: document, key: "\(participant).txt", sourcePath: "\(participant).txt", participantID: participant,
          format: .plainText, encoding: "utf-8", contentHash: "", text: ""))
      firstID[participant] = id
      for (ordinal, line) in (interviews[participant] ?? []).enumerated() {
        var text = String(line.dropFirst(3))
        var question: String?
        if let mark = text.range(of: " #Q") {
          question = "Q" + text[mark.upperBound...]
          text = String(text[..<mark.lowerBound])
        }
        let role: SpeakerRole = line.hasPrefix("I:") ? .interviewer : line.hasPrefix("P:") ? .participant : .unknown
        passages.append(
          Passage(
            id: id, documentID: document, ordinal: ordinal, turn: ordinal, speaker: role == .unknown ? nil : String(line.prefix(1)),
            role: role, span: TextSpan(start: 0, end: text.unicodeScalars.count), text: text, questionID: question))
        id += 1
      }
    }
    let codingValues = codings.map { participant, line, code, coder in
      let passage = (firstID[participant] ?? 0) + Int64(line)
      return Coding(passageID: passage, codeID: code, coder: coder, span: TextSpan(start: 0, end: 1))
    }
    return CorpusSnapshot(
      codebook: TinyCorpus.codebook, interviewProtocol: interviewProtocol,
      participants: interviews.keys.sorted().map { Participant(id: $0) }, documents: documents, passages: passages,
      codings: codingValues)
  }

  static let fellowship = [
    "I: Thanks for making time. Tell me a bit about your week.",
    "P: I'm in the building about fifty hours a week, and our staff meeting alone runs ninety minutes on Mondays.",
    "I: Why did you apply to the fellowship?",
    "P: Our district made coaching a priority for every campus this year, so it lined up. And I wanted something concrete to take back to my department.",
    "I: Let's turn to time. How many hours would you say the fellowship took, all in?",
    "P: Hmm. Roughly three hours a week across the fall, and the fall was fifteen weeks.",
    "I: Did that include the final portfolio?",
    "P: No, the portfolio was on top of that, maybe ten hours over winter break.",
    "I: Would you call that too much, about right, or too little?",
    "P: For the first module it was fine. For the portfolio it was way too much.",
    "I: What would you tell a colleague about managing the time?",
    "P: Block your Friday afternoons. And don't save the portfolio for the break like I did.",
    "I: You mentioned the stipend was part of it —",
    "P: Yeah, it was. It covered the sub days I needed for observations.",
    "I: What would you change for the next group?",
    "P: Give people more time for the portfolio. Let them pick their own coaching partner.",
  ]

  @Test func readsEachMeasureFromTheAnswerToItsQuestion() throws {
    let findings = InterviewFindings(Self.snapshot(["F01": Self.fellowship]))
    let found = try #require(findings["F01"])
    let hours = try #require(found.hours?.estimate)
    // 3 a week × 15 weeks, then a block added in the answer to the follow-up.
    #expect(hours.hours == 55)
    #expect(hours.rule == .sum)
    #expect(hours.working == "45 + 10 = 55")
    #expect(found.hours?.source == .question)
    #expect(found.hours?.evidence == "Roughly three hours a week across the fall, and the fall was fifteen weeks. … No, the portfolio was on top of that, maybe ten hours over winter break.")
    #expect(found.judgment?.judgment == .tooMuch)
    #expect(found.judgment?.evidence == "For the portfolio it was way too much.")
    #expect(found.advice?.advice == "Block your Friday afternoons.")
    // A statement, not a question, asked about the stipend.
    #expect(found.incentives?.verdict?.stance == .mattered)
    #expect(found.incentives?.source == .question)
    #expect(found.themes.map(\.theme) == [.priorities, .staff])
  }

  @Test func aRecommendationToDesignersIsNotAdvice() throws {
    var lines = Self.fellowship
    lines.removeSubrange(10...11)  // no advice question
    let found = try #require(InterviewFindings(Self.snapshot(["F01": lines]))["F01"])
    #expect(found.advice == nil)
  }

  @Test func theQuestionsWordsOutweighAWrongLink() throws {
    // The protocol's hours question is linked to the typical-week answer; the real question,
    // asked in other words, is refused.
    let interviewProtocol = InterviewProtocol(questions: [
      ProtocolQuestion(id: "Q4", text: "How many hours?", probes: ["rules.time"], measure: .hoursEstimate)
    ])
    let lines = [
      "I: What does a normal week look like? #Q4",
      "P: My shifts run twelve hours, three days a week, for the whole year. #Q4",
      "I: And the preceptor course itself, how much time did it take you, all told?",
      "P: I couldn't tell you. I never kept track, it was a bit here and a bit there.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["N01": lines], interviewProtocol: interviewProtocol))["N01"])
    #expect(found.hours?.estimate == nil)
    #expect(found.hours?.declined == "couldn't tell")
    #expect(found.hours?.evidence == "I couldn't tell you.")
    #expect(found.hours?.source == .question)
  }

  @Test func anAmountSaidElsewhereIsKeptWhenTheLinkedAnswerHasNone() throws {
    // The protocol's hours question is linked to an answer that gives no amount; the total was
    // said earlier, as time spent.
    let interviewProtocol = InterviewProtocol(questions: [
      ProtocolQuestion(id: "Q4", text: "How many hours?", probes: ["rules.time"], measure: .hoursEstimate)
    ])
    let lines = [
      "I: What happened in the spring?",
      "P: The gym flooded in March. By then I'd done three modules and a site visit, maybe thirty hours all told.",
      "I: And how did the time feel to you?",
      "P: I really can't say. I wasn't in it long enough.",
      "I: Where did it fit in your week? #Q4",
      "P: Mostly after dismissal, with the door shut. #Q4",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["N02": lines], interviewProtocol: interviewProtocol))["N02"])
    #expect(found.hours?.estimate?.hours == 30)
    #expect(found.hours?.source == .elsewhere)
  }

  @Test func speakersNotToldApartStillAskAndAnswer() throws {
    // Every turn was labelled as the participant's.
    let lines = [
      "P: Okay. So roughly how many hours did the training take you?",
      "P: Maybe 20, 25 hours. I didn't log it though.",
      "P: And would you say that was too much, about right, or too little?",
      "P: About right, honestly.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["L01": lines]))["L01"])
    #expect(found.hours?.estimate?.hours == 22.5)
    #expect(found.judgment?.judgment == .aboutRight)
  }

  @Test func aCueWithoutASpeakerContinuesTheTurnBeforeIt() throws {
    let lines = [
      "I: Let's talk about the time on the makerspace training.",
      "?: Roughly how many hours did it take you?",
      "P: Twelve hours or so.",
      "?: Plus another four for the final build, I'd say.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["L02": lines]))["L02"])
    #expect(found.hours?.estimate?.hours == 16)
  }

  @Test func themesAreFoundAnywhereWhenFramedAsReasons() throws {
    let lines = [
      "I: Why did you sign up?",
      "P: Mostly curiosity.",
      "I: What were the challenges?",
      "P: Time. But the reason I stuck with it was my dissertation, it lined up perfectly with the readings.",
      "P: Also, my district's priority this year is attendance, which ate my mornings.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C01": lines]))["C01"])
    #expect(found.themes.map(\.theme) == [.degree])
    #expect(found.themes.first?.evidence == "But the reason I stuck with it was my dissertation, it lined up perfectly with the readings.")
  }

  @Test func aDeclineInTheAdviceAnswerIsNoAdvice() throws {
    let lines = [
      "I: Any advice for someone starting it?",
      "P: Honestly, I'm the wrong person to ask. I barely got through it.",
      "I: Okay. Anything you'd change?",
      "P: If you do it, block your Sunday mornings for it.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C02": lines]))["C02"])
    #expect(found.advice?.asked == true)
    #expect(found.advice?.advice == nil)
    #expect(found.advice?.declined == "Honestly, I'm the wrong person to ask.")
  }

  @Test func adviceGivenUnaskedCounts() throws {
    let lines = [
      "I: How was the platform?",
      "P: Fine. If you do it, you have to block your Sunday mornings or it slips.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C03": lines]))["C03"])
    #expect(found.advice?.asked == false)
    #expect(found.advice?.source == .elsewhere)
  }

  @Test func anIncentiveStanceGivenUnaskedCounts() throws {
    let lines = [
      "I: What drew you to it?",
      "P: The topic, mostly. The stipend was a nice perk but I'd have done it for free.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C04": lines]))["C04"])
    #expect(found.incentives?.verdict?.stance == .didNotMatter)
    #expect(found.incentives?.asked == false)
    #expect(found.incentives?.source == .elsewhere)
  }

  @Test func aJudgmentInTheAnswerAboutHoursNeedsNoWordOfTime() throws {
    let lines = [
      "I: Roughly how many hours did it take you?",
      "P: I couldn't give you a figure. Whatever it came to, it was too much for a spring like mine.",
      "I: Why too much?",
      "P: Testing season, two vacancies, and a roof leak.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C06": lines]))["C06"])
    #expect(found.judgment?.judgment == .tooMuch)
    #expect(found.judgment?.source == .question)
  }

  @Test func aComparisonInTheAnswerAboutHoursIsNoJudgment() throws {
    let lines = [
      "I: Roughly how many hours did it take you?",
      "P: Around forty hours, I'd guess. My instructional coach put in way more than that, poor thing.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C11": lines]))["C11"])
    #expect(found.hours?.estimate?.hours == 40)
    #expect(found.judgment?.judgment == nil)
  }

  /// To "Would you have done it without…?", a short "No." says the incentive mattered; the
  /// participant may ask it of themselves.
  @Test(arguments: [
    (["I: Would you have finished it without the stipend?", "P: No, I don't think so."], IncentiveStance.mattered),
    (["I: Would you have finished it without the stipend?", "P: Yes. I'd started, I'd have finished."], .didNotMatter),
    (["I: What drew you to it?",
      "P: Mostly the topic. The credits were for a subject I'd have studied anyway. Would I have signed up this year without the credits? Probably not."],
     .mattered),
    (["I: Did the credits matter to you?", "P: Probably not."], .didNotMatter),
  ])
  func aShortAnswerToDoingWithoutSaysItMattered(lines: [String], stance: IncentiveStance) throws {
    let found = try #require(InterviewFindings(Self.snapshot(["C12": lines]))["C12"])
    #expect(found.incentives?.verdict?.stance == stance)
  }

  @Test func anIncentiveNamedOnlyAsUnitsIsStillAsked() throws {
    let lines = [
      "I: Did the renewal units play any role for you?",
      "P: Not really. My license is good for years yet.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C07": lines]))["C07"])
    #expect(found.incentives?.verdict?.stance == .didNotMatter)
    #expect(found.incentives?.asked == true)
  }

  @Test func anyAdviceAnsweringAQuestionAboutTheTimeIsAboutTheTime() throws {
    let asked = [
      "I: Any advice for someone new about managing the time?",
      "P: Keep a diary of it from the very first day. Nobody checks, but you will want it.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C08": asked]))["C08"])
    #expect(found.advice?.advice == "Keep a diary of it from the very first day.")
    // A question that does not ask about time keeps the stricter reading.
    let general = [
      "I: What would you tell a colleague thinking of signing up?",
      "P: Read the rubric before anything else.",
    ]
    let other = try #require(InterviewFindings(Self.snapshot(["C09": general]))["C09"])
    #expect(other.advice?.advice == nil)
  }

  @Test func anAnswerThatOpensByDecliningGivesNoAdvice() throws {
    let lines = [
      "I: Any advice you'd pass on about the time?",
      "P: I don't think I have any, really. It's fine if you treat the schedule as your real schedule, which you should anyway.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C10": lines]))["C10"])
    #expect(found.advice?.advice == nil)
    #expect(found.advice?.declined == "I don't think I have any, really.")
  }

  /// The judgment the speaker makes for themselves, not one they grant to others; none when
  /// they say they cannot judge.
  @Test(arguments: [
    ("Too much, for me personally. For someone newer to the job it's probably about right.", TimeJudgment?.some(.tooMuch)),
    ("Too little, honestly. I kept waiting for it to get hard. I'd guess it's about right for anybody starting out.", .tooLittle),
    ("About right for most principals, I suppose. For me it was too little.", .tooLittle),
    ("Too much. I know it's supposed to be manageable, and maybe it is somewhere smaller.", .tooMuch),
    ("Honestly I don't know how to answer that; some weeks it felt like too much and some weeks it was fine.", nil),
    // An answer that opens with the verdict alone has said it; what follows qualifies it.
    ("Too much. For a first-year AP it was too much, plain and simple. The readings weren't too much, it was the calendar.", .tooMuch),
    // A question that frames the answer comes before the verdict, said twice.
    ("That spring? Too little, far too little. Looking back in June I'd have called it about right, but not then.", .tooLittle),
  ])
  func aJudgmentIsTheSpeakersOwn(answer: String, judgment: TimeJudgment?) throws {
    let lines = ["I: Was that too much, about right, or too little?", "P: " + answer]
    let found = try #require(InterviewFindings(Self.snapshot(["J01": lines]))["J01"])
    #expect(found.judgment?.judgment == judgment)
  }

  /// Advice given after an opening that declines, when said as advice; advice to a question
  /// about managing "it" is about the time.
  @Test(arguments: [
    ("Any advice for a colleague who's thinking about it? Maybe about fitting in the time?",
     "I'm the wrong person to ask, my calendar is a disaster. What I'd say, though, is find a partner before you sign up."),
    ("Any advice on managing it?",
     "Pair up with a colleague if you can. And finish the readings early, before the project work piles up."),
  ])
  func adviceIsFoundWhereItIsGiven(question: String, answer: String) throws {
    let found = try #require(InterviewFindings(Self.snapshot(["A01": ["I: " + question, "P: " + answer]]))["A01"])
    #expect(found.advice?.advice != nil)
    #expect(found.advice?.declined == nil)
  }

  /// The speaker's stance on an incentive, not the one they describe for others.
  @Test(arguments: ["Did the continuing-education credits matter to you?", "And the credits, the continuing-education ones. Did those matter to you?"])
  func anIncentiveStanceIsTheSpeakersOwn(question: String) throws {
    let lines = [
      "I: " + question,
      "P: Not at all. I have more credits than I can ever use. For my teachers they matter a little, since the district counts them, but for me, no.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["S01": lines]))["S01"])
    #expect(found.incentives?.verdict?.stance == .didNotMatter)
  }

  /// A topic announced rather than asked: alone ("Alright. Stipends."), or beside a question that
  /// names no topic, with the question that matters in the next turn.
  @Test(arguments: [
    [
      "I: Alright. Stipends. You brought up the money earlier.",
      "P: The stipend mattered more than I like to admit, with two kids in daycare.",
    ],
    [
      "I: Let's turn to the incentive. There was a credit for finishing, wasn't there?",
      "P: Two graduate credits, through the state college.",
      "I: Did that matter much?",
      "P: It mattered, yes. Those two credits moved me up a column on the pay scale.",
    ],
  ])
  func anIncentiveAnnouncedRatherThanAskedIsAsked(lines: [String]) throws {
    let found = try #require(InterviewFindings(Self.snapshot(["A07": lines]))["A07"])
    #expect(found.incentives?.asked == true)
    #expect(found.incentives?.verdict?.stance == .mattered)
  }

  /// An answer about the time given part by part, the interviewer asking for each part in a
  /// short question ("And the reading?"), with the total at the end.
  @Test func aShortQuestionForAnotherPartKeepsTheQuestionOpen() throws {
    let lines = [
      "I: How many hours did the whole course take you?",
      "P: Hard to say. The workshops were two full days.",
      "I: And the reading?",
      "P: Another ten or so. Twenty-six hours in all, I'd say.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["A09": lines]))["A09"])
    #expect(found.hours?.estimate?.hours == 26, "\(String(describing: found.hours?.estimate))")
  }

  /// A judgment said for someone else, or another year, is not the speaker's own.
  @Test func aJudgmentForSomeoneInOtherCircumstancesIsNotTheSpeakers() throws {
    let lines = [
      "I: Was the workload too much, about right, or too little?",
      "P: In the spring I had, it was too much. For another coach, with a lighter caseload, probably about right.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["A10": lines]))["A10"])
    #expect(found.judgment?.judgment == .tooMuch)
  }

  /// A comment that mentions a topic on the way to another question does not ask about it.
  @Test func aCommentMentioningATopicIsNoAnnouncement() throws {
    let lines = [
      "I: Thanks, that's really helpful about the hours. What did you make of the website?",
      "P: Twelve tabs open at once, every time. I gave up on it after the third module.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["A08": lines]))["A08"])
    #expect(found.hours == nil)
  }

  @Test func nothingIsFoundWhereNothingIsSaid() throws {
    let lines = [
      "I: How was the platform?",
      "P: Clunky, but it worked. I uploaded from my phone in the car line a few times.",
    ]
    let found = try #require(InterviewFindings(Self.snapshot(["C05": lines]))["C05"])
    #expect(found.hours == nil)
    #expect(found.judgment == nil)
    #expect(found.advice == nil)
    #expect(found.incentives == nil)
    #expect(found.themes.isEmpty)
  }
}
