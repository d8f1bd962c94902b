import Testing
import QDAAnalysis

@Suite struct SuggestionReaderTests {
  static func cue(_ sentence: String, answer: Bool = false, advice: Bool = false) -> String? {
    SuggestionReader.cue(in: CueText(sentence), inRecommendationsAnswer: answer, inAdviceAnswer: advice)
  }

  /// Proposals wherever they are said.
  @Test(arguments: [
    "It would help if the upload page showed you what the reviewer will see.",
    "It would've been great to get the rubric before the first module.",
    "They should let you save a draft and come back to it.",
    "The portal needs to remember where you left off.",
    "There ought to be a way to message the reviewer directly.",
    "I wish they had a live session at least once a month.",
    "If I were running it, I'd pair every newcomer with a veteran.",
    "My advice to them would be to cut the quizzes in half.",
    "I'd suggest a shorter final project.",
    "Why not let people submit a phone video instead of a polished one?",
    "A search box on the discussion board would be nice.",
    "Honestly a calendar invite for each deadline would really help.",
    "The reviewers shouldn't make you resubmit the whole portfolio for one missing piece.",
  ])
  func proposalsAnywhere(_ sentence: String) {
    #expect(Self.cue(sentence) != nil, "\(sentence)")
  }

  /// Complaints alone, advice to peers, regrets, reports of someone else's suggestion and
  /// comparisons are not recommendations.
  @Test(arguments: [
    "The portal was slow and crashed twice on me.",
    "I should have started the data review in September.",
    "I wish I'd blocked out my Fridays from the start.",
    "My mentor suggested they should start with the attendance data.",
    "You should block out an hour every Friday afternoon.",
    "It took more time than I would have liked.",
    "Block out your Friday afternoons, that's my advice.",
    "I wouldn't change anything, honestly.",
    "What do you mean by evidence?",
  ])
  func notProposals(_ sentence: String) {
    #expect(Self.cue(sentence) == nil, "\(sentence)")
  }

  /// In the answer to "what would you recommend?" a proposal can be a thing named on its own, an
  /// imperative after "and", or "you should".
  @Test(arguments: [
    "A mentor.", "And a quicker turnaround on the reviews.", "Some way to see what other schools submitted.",
    "And keep the videos short.", "Give people an example of strong evidence.", "More live sessions, fewer quizzes.",
    "You should give people the whole year.", "I think a mentor would really help.", "Maybe a checklist for the portfolio.",
  ])
  func proposalsInTheAnswer(_ sentence: String) {
    #expect(Self.cue(sentence, answer: true) != nil, "\(sentence)")
    // The same words elsewhere are not taken as proposals unless they say so themselves.
    if ["A mentor.", "And keep the videos short.", "More live sessions, fewer quizzes."].contains(sentence) {
      #expect(Self.cue(sentence) == nil, "\(sentence)")
    }
  }

  /// In an answer about advice to other participants, "you should" speaks to them.
  @Test func adviceToPeersIsNotARecommendation() {
    #expect(Self.cue("You should start the reflection early.", answer: true, advice: true) == nil)
    #expect(Self.cue("A lot of it was good, really.", answer: true) == nil)
  }
}

extension SuggestionReaderTests {
  /// A modal as the last word, in the answer about recommendations, does not read past the end.
  @Test func aModalEndingTheSentence() {
    #expect(Self.cue("Faster than it is now, if they could.", answer: true) != nil)
    #expect(Self.cue("I don't know that they should.", answer: true) != nil)
  }
}

extension SuggestionReaderTests {
  /// Proposals whose subject is the programme's own thing, or whose frame leaves the subject out.
  @Test(arguments: [
    "The scheduling tool ought to send a reminder the day before.",
    "First, the network should publish the calendar in August.",
    "Would be far better if the coaches came to our buildings.",
    "I'd love it if they kept the huddles small.",
    "My two cents: one template, not six.",
    "Could the drive just have a search that works?",
  ])
  func proposalsWithTheProgrammesThingsAsSubject(_ sentence: String) {
    #expect(Self.cue(sentence) != nil, "\(sentence)")
  }

  /// A modal about people, or about what must have happened, proposes nothing.
  @Test(arguments: [
    "A new principal must be visible at arrival and dismissal.", "The coach must have known I was struggling.",
    "He should have told me sooner.", "It ran longer than it should.",
  ])
  func modalsThatProposeNothing(_ sentence: String) {
    #expect(Self.cue(sentence) == nil, "\(sentence)")
  }
}
