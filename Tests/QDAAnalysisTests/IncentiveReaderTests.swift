import Testing
import QDAAnalysis

@Suite struct IncentiveReaderTests {
  /// The stance of an answer to "Did the incentives matter to you?".
  static func stance(_ answer: String, asked: Set<IncentiveKind> = []) -> IncentiveStance? {
    var verdicts: [IncentiveVerdict] = []
    var inherited = Set<IncentiveKind>()
    for (index, sentence) in answer.split(separator: "|").enumerated() {
      let text = CueText(String(sentence.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
      verdicts += IncentiveReader.verdicts(in: text, opensAnswer: index == 0, inherited: inherited)
      let named = IncentiveReader.kinds(in: text)
      if !named.isEmpty { inherited = named }
    }
    return IncentiveReader.decide(verdicts, asked: asked)?.stance
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
    ("Nope. | I'd have signed up regardless.", .didNotMatter),
    ("Not one bit, to be honest.", .didNotMatter),
    ("Absolutely, the stipend paid for my kid's braces.", .mattered),
    ("The stipend was the whole reason I applied, honestly.", .mattered),
    ("The units were nice, but I would have enrolled anyway.", .didNotMatter),
    ("Money had nothing to do with it.", .didNotMatter),
    ("I barely noticed there was a stipend.", .didNotMatter),
    ("The credit counts toward my reading specialist license, so that was a big draw.", .mattered),
    ("Not really. | I already have more PD points than I can use.", .didNotMatter),
    ("It didn't sway me either way.", .didNotMatter),
    ("I would never have finished without that stipend.", .mattered),
    ("Getting the endorsement on my license was the main reason.", .mattered),
    ("I don't care about badges.", .didNotMatter),
    ("It mattered a little, but I'd have done it anyway.", .didNotMatter),
    ("Oh, a lot. | The credits go straight onto my salary schedule.", .mattered),
    ("The salary bump was nice, but honestly I would have done it regardless.", .didNotMatter),
    // Said to matter, denied only as the reason: a mixed answer, and it mattered.
    ("The credits mattered, I'll own that. | But they weren't the reason I signed up.", .mattered),
    ("Yes, the units. | I will not pretend they meant nothing. | But I'd have enrolled anyway.", .mattered),
    // A denial the speaker disowns, and one they do not.
    ("I'd be less than honest if I said the stipend meant nothing to me.", .mattered),
    ("The stipend meant nothing to me.", .didNotMatter),
    // A bare no or yes opening a short answer that does not turn.
    ("None I could point to.", .didNotMatter),
    ("No, never crossed my mind.", .didNotMatter),
    ("Yes, for me it did.", .mattered),
  ])
  func readsStances(answer: String, stance: IncentiveStance) {
    #expect(Self.stance(answer) == stance, "\(answer)")
  }

  @Test(arguments: [
    "Yes and no.",
    "What motivated me was the coaching itself.",
    "I liked the coach a lot.",
    "Honestly? I'm not sure.",
  ])
  func findsNoStanceWithoutOne(answer: String) {
    #expect(Self.stance(answer) == nil, "\(answer)")
  }

  @Test(arguments: [
    // A denied denial affirms: these mattered.
    ("I won't pretend the clock hours didn't matter, I was short on my renewal.", IncentiveStance.mattered),
    ("Honestly, I'd be lying if I said the stipend didn't matter to us.", .mattered),
    ("The bonus paid for a new furnace. No point acting like that wasn't a factor.", .mattered),
    ("I can't deny the graduate credit mattered a great deal.", .mattered),
    // A bonus paid is the incentive; "a nice bonus" is a stance.
    ("The district pays a completion bonus. | I won't pretend that didn't matter.", .mattered),
    ("The stipend was just a bonus, honestly.", .didNotMatter),
    ("The units came as an added bonus.", .didNotMatter),
    // A plain denial still denies; a negated degree is no stance.
    ("The stipend didn't matter, and I won't pretend otherwise.", .didNotMatter),
    ("The credit mattered a little. | It didn't matter enough to make me rush the portfolio.", .mattered),
  ])
  func aDeniedDenialAffirms(answer: String, stance: IncentiveStance) {
    #expect(Self.stance(answer) == stance)
  }

  @Test func aReasonOnlyInASuppositionIsNoReason() {
    #expect(Self.stance("If the stipend had been the only reason, I'd have skipped it.") == .didNotMatter)
    #expect(Self.stance("Honestly the stipend was the only reason I finished.") == .mattered)
  }

  @Test func aBonusPaidIsAnIncentiveNotAStance() {
    for sentence in ["The district pays a completion bonus.", "Oh, the bonus.", "The bonus goes to whoever finishes."] {
      let verdicts = IncentiveReader.verdicts(in: CueText(sentence))
      #expect(verdicts.isEmpty, "\(sentence): \(verdicts.map(\.cue))")
      #expect(IncentiveReader.kinds(in: CueText(sentence)) == [.money])
    }
  }

  @Test func aMatteringCueNeedsTheIncentiveInItsClause() {
    // "motivated" is about the coaching; the stipend is named in another clause.
    let verdicts = IncentiveReader.verdicts(in: CueText("What motivated me was the coaching, not the stipend."))
    #expect(verdicts.map(\.stance) == [.didNotMatter])
    #expect(verdicts.map(\.kinds) == [[.money]])
  }

  @Test func aMixedAnswerGivesTheStanceOnTheIncentiveAskedAbout() {
    let answer = "The stipend, not really. | The credit, absolutely."
    // Asked about the stipend alone: the stance on the stipend.
    #expect(Self.stance(answer, asked: [.money]) == .didNotMatter)
    // Asked about the credit alone: the stance on the credit.
    #expect(Self.stance(answer, asked: [.credit]) == .mattered)
    // Asked about both: one of them played a role.
    #expect(Self.stance(answer, asked: [.money, .credit]) == .mattered)
    #expect(Self.stance(answer) == .mattered)
  }

  @Test func aMixedAnswerIsNotDecidedByItsLastCue() {
    // The incentive that mattered is named first; the last cue is about another one.
    let answer = "Yes and no. | The travel money made it possible, I needed it. | The certificate, I couldn't care less."
    #expect(Self.stance(answer) == .mattered)
  }

  @Test func shortAnswersCountOnlyAtTheStartOfAnAnswer() {
    #expect(IncentiveReader.verdicts(in: CueText("No."), opensAnswer: true).map(\.stance) == [.didNotMatter])
    #expect(IncentiveReader.verdicts(in: CueText("No."), opensAnswer: false).isEmpty)
    #expect(IncentiveReader.verdicts(in: CueText("Definitely."), opensAnswer: true).map(\.stance) == [.mattered])
  }

  @Test func namesTheIncentives() {
    #expect(IncentiveReader.kinds(in: CueText("The CEUs and the stipend")) == [.hours, .money])
    #expect(IncentiveReader.kinds(in: CueText("graduate credit toward my endorsement")) == [.credit, .license])
    #expect(IncentiveReader.kinds(in: CueText("I read the chapter twice.")).isEmpty)
  }

  @Test func keepsTheEvidence() throws {
    let verdict = try #require(IncentiveReader.verdicts(in: CueText("Honestly, the stipend was a nice perk.")).first)
    #expect(verdict.cue == "perk")
    #expect(verdict.evidence == "Honestly, the stipend was a nice perk.")
    #expect(verdict.kinds == [.money])
  }
}
