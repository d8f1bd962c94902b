import Testing
import QDAAnalysis

@Suite struct InterviewAskTests {
  @Test(arguments: [
    ("How much of your time did the fellowship eat up, all told?", AskTopic.hours),
    ("What would you estimate for total hours?", .hours),
    ("About how long did the whole thing take you?", .hours),
    ("Roughly how many hours went into it?", .hours),
    ("Did that feel like a fair amount of time?", .timeJudgment),
    ("Was it too much, about right, or too little?", .timeJudgment),
    ("So how did it sit with you, in terms of the amount?", .timeJudgment),
    ("And how did the workload feel?", .timeJudgment),
    ("Any tips for someone about to start?", .timeAdvice),
    ("What would you say to a colleague thinking of signing up?", .timeAdvice),
    ("If a friend were about to enroll, what would you tell them about fitting it in?", .timeAdvice),
    ("What would you tell the course designers?", .recommendations),
    ("What should the fellowship do differently next year?", .recommendations),
    ("If you were in charge of the next cohort, what would you keep?", .recommendations),
    ("What would make it better for the people after you?", .recommendations),
    ("Did the stipend factor into your decision?", .incentives),
    ("And the graduate credit, did that play any role?", .incentives),
    ("Why did you sign up in the first place?", .motivation),
    ("What got you interested in the program?", .motivation),
    ("So how did you end up in the badge program at all?", .motivation),
    ("How did you come to join the cohort?", .motivation),
    ("And how did you get involved with this micro-credential?", .motivation),
    ("What brought you to it?", .motivation),
    ("Did the renewal units play a role for you?", .incentives),
    ("How much did it take you, start to finish?", .hours),
    ("And the PD points, did those matter?", .incentives),
    // A topic named as a question of one or two words.
    ("Hours?", .hours),
    ("And the total hours?", .hours),
    ("Okay, time spent?", .hours),
  ])
  func findsWhatAQuestionAsks(question: String, topic: AskTopic) {
    #expect(InterviewAsk.topics(of: CueText(question)) == [topic], "\(question)")
  }

  /// A bare noun asked is a topic only when it is the whole question.
  @Test func aLongerQuestionNamingHoursIsNotAskedByThatWordAlone() {
    #expect(InterviewAsk.topics(of: CueText("Were the hours at the school long?")).isEmpty)
    #expect(InterviewAsk.topics(of: CueText("Hours.")).isEmpty)
  }

  @Test func askingHowSomeoneEndedUpInACareerIsNotAskingWhyTheyTookPart() {
    #expect(InterviewAsk.topics(of: CueText("How did you end up in administration?")).isEmpty)
    #expect(InterviewAsk.topics(of: CueText("How did you get into teaching science?")).isEmpty)
  }

  @Test func anIncentiveNamedInPassingIsNotAQuestionAboutIncentives() {
    #expect(InterviewAsk.topics(of: CueText("How was it getting the certificate in the mail?")).isEmpty)
  }

  @Test func followUpsKeepTheQuestionOpen() {
    #expect(InterviewAsk.followsUp(.hours, CueText("Even a rough guess?")))
    #expect(InterviewAsk.followsUp(.motivation, CueText("Anything beyond that, for you personally?")))
    #expect(InterviewAsk.followsUp(.hours, CueText("Mm-hmm.")))
    #expect(!InterviewAsk.followsUp(.hours, CueText("What did the families say at the listening session?")))
  }
}
