import Testing
import QDAAnalysis

@Suite struct TimeAdviceTests {
  @Test(arguments: [
    "Carve out a standing hour every week and guard it.",
    "Get the observation done early in the semester.",
    "You really need to schedule it or it won't happen.",
    "My advice: treat it like a class you're taking, with a set time each week.",
    "Don't leave the reflection until the last week.",
    "I'd tell anyone starting to front-load the reading in September.",
    "Make sure you pace yourself, it's a marathon.",
    "Set a timer for forty minutes and stop when it rings.",
    "Two, book your Friday afternoons before anybody else does.",
    "And never wait for a free weekend, it won't come.",
    "Do it over a break if you can.",
    "Don't start it in the fall, whatever you do.",
  ])
  func recognisesAdviceAboutTime(sentence: String) {
    #expect(TimeAdvice.advice(in: CueText(sentence)) != nil, "\(sentence)")
  }

  @Test(arguments: [
    // Advice, but not about time.
    "Read the rubric before you write a single word.",
    "Talk to your coach, she's great.",
    "Pick a teacher who trusts you.",
    // About time, but not advice.
    "I did a lot of scheduling around the buses.",
    "I blocked Monday mornings for it.",
    "Time was the hardest part.",
    "Work was crazy that month.",
    "Schedules were tight in May.",
    "Do you want the long version or the short one?",
  ])
  func leavesOtherSentencesAlone(sentence: String) {
    #expect(TimeAdvice.advice(in: CueText(sentence)) == nil, "\(sentence)")
  }

  @Test(arguments: [
    "Honestly, I'm not the right person to ask about that.",
    "I don't have any tips, I just muddled through.",
    "Who am I to give advice? I barely finished.",
    "Nothing comes to mind, sorry.",
    "I'll pass on that one.",
    "Oh, I'm the last person who should be telling anybody how to plan their time.",
  ])
  func recognisesDeclines(sentence: String) {
    #expect(TimeAdvice.declines(CueText(sentence)), "\(sentence)")
  }

  @Test func adviceOutsideTheAdviceAnswerMustSpeakToTheListener() {
    // A recommendation to the designers is an instruction about time, but not to peers.
    #expect(TimeAdvice.advice(in: CueText("Give people more time for the family module."), addressedToPeers: true) == nil)
    #expect(TimeAdvice.advice(in: CueText("Give yourself more time than you think."), addressedToPeers: true) != nil)
  }
}
