import Testing
import QDAAnalysis

@Suite struct HourEstimatorTests {
  @Test(arguments: [
    ("I'd say two hours a week for about ten weeks.", 20.0, "two hours a week for about ten weeks"),
    ("Probably fifteen to twenty hours, all in.", 17.5, "fifteen to twenty hours"),
    ("about a dozen hours", 12.0, "a dozen hours"),
    ("25 hours, give or take.", 25.0, "25 hours"),
    ("maybe 15 hours", 15.0, "15 hours"),
    ("somewhere between 20 and 25 hours", 22.5, "between 20 and 25 hours"),
    ("sixteen hours or so", 16.0, "sixteen hours"),
    ("an hour a night, four nights a week, for four weeks", 16.0, "an hour a night, four nights a week, for four weeks"),
    ("It was 15–20 hrs", 17.5, "15–20 hrs"),
    ("twenty-five hours", 25.0, "twenty-five hours"),
    ("ninety minutes a day for ten days", 15.0, "ninety minutes a day for ten days"),
    ("three hours a week for a month", 12.0, "three hours a week for a month"),
    ("twenty or so hours", 20.0, "twenty or so hours"),
    ("one and a half hours", 1.5, "one and a half hours"),
    ("fifteen or twenty hours", 17.5, "fifteen or twenty hours"),
    ("Thirty hours, maybe thirty-five? The video took longer.", 32.5, "Thirty hours, maybe thirty-five"),
    ("ten hours or maybe 12 hours", 11.0, "ten hours or maybe 12 hours"),
    ("Three hours a week over eight weeks, pretty steady.", 24.0, "Three hours a week over eight weeks"),
    // A second thought far from the first is not a range: "ten hours, maybe 100 pages".
    ("ten hours, maybe 100 pages of reading", 10.0, "ten hours"),
  ])
  func readsEstimates(text: String, hours: Double, expression: String) {
    let estimate = HourEstimator.estimate(in: text)
    #expect(estimate?.hours == hours)
    #expect(estimate?.expression == expression)
  }

  @Test(arguments: [
    "Honestly, I couldn't say, I didn't keep track of it.",
    "Two hours a week, I guess.",
    "I've been a principal for twelve years.",
    "We started in 2020.",
    "a lot of time",
  ])
  func findsNoEstimate(text: String) {
    #expect(HourEstimator.estimate(in: text) == nil)
  }

  @Test func takesTheLastTotalWhenTheSpeakerCorrectsThemselves() {
    #expect(HourEstimator.estimate(in: "Maybe ten hours... no, more like fifteen hours.")?.hours == 15)
  }

  @Test func acceptsABareNumberOnlyWhenAsked() {
    #expect(HourEstimator.estimate(in: "I'd say 25, give or take.") == nil)
    #expect(HourEstimator.estimate(in: "I'd say 25, give or take.", bareNumbers: true)?.hours == 25)
    #expect(HourEstimator.estimate(in: "One of those things, maybe 20 or 30.", bareNumbers: true)?.hours == 25)
    #expect(HourEstimator.estimate(in: "I have 12 years, so maybe 20.", bareNumbers: true) == nil)
  }

  @Test func givesOffsetsIntoTheText() {
    let text = "Hmm. Sixteen hours or so."
    let estimate = HourEstimator.estimate(in: text)
    #expect(estimate?.start == 5)
    #expect(estimate?.end == 18)
  }
}

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

  @Test(arguments: [
    ("The PD hours were a nice bonus, but that's not why I did it.", IncentiveStance.didNotMatter),
    ("I didn't really care about the license piece.", .didNotMatter),
    ("It wasn't a factor.", .didNotMatter),
    ("Icing on the cake.", .didNotMatter),
    ("I'd have done it anyway.", .didNotMatter),
    ("It didn't really matter to me.", .didNotMatter),
    ("Not really, no.", .didNotMatter),
    ("Honestly the hours were a big factor for me.", .mattered),
    ("I needed the hours for my renewal, so it mattered.", .mattered),
  ])
  func readsIncentiveStances(text: String, stance: IncentiveStance) {
    #expect(IncentiveStance.classifier.classify(text)?.label == stance)
  }
}
