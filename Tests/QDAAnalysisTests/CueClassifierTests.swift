import Testing
import QDAAnalysis

@Suite struct CueClassifierTests {
  @Test(arguments: [
    ("It was about right.", TimeJudgment.aboutRight),
    ("Honestly it was too much for me, at that point in the year.", .tooMuch),
    ("It wasn't too much, honestly. It felt about right.", .aboutRight),
    ("It was reasonable for what it asked.", .aboutRight),
    ("It was a lot, but for the topic I'd say it was about right.", .aboutRight),
    ("Just right.", .aboutRight),
    ("Not enough, I wanted more.", .tooLittle),
    ("It didn't feel like too much.", .aboutRight),
    ("Way too long.", .tooMuch),
    ("It was not reasonable at all.", .tooMuch),
    ("It wasn't long enough to really get anywhere.", .tooLittle),
    ("Eight weeks wasn't enough for the practicum.", .tooLittle),
    ("It felt fair, given what we got out of it.", .aboutRight),
    ("More than they said it would be, by a lot.", .tooMuch),
    ("A bit heavy in March, but overall manageable.", .aboutRight),
  ])
  func judgesTime(text: String, judgment: TimeJudgment) {
    #expect(TimeJudgment.classifier.classify(text)?.label == judgment)
  }

  @Test func findsNoJudgmentWithoutCues() {
    #expect(TimeJudgment.classifier.classify("We did it over the summer.") == nil)
  }

  @Test func recordsTheEvidence() {
    let verdict = TimeJudgment.classifier.classify("It wasn't too much, honestly.")
    #expect(verdict?.evidence == "too much")
    #expect(verdict?.start == 10)
  }
}
