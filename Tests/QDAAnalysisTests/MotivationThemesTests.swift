import Testing
import QDAAnalysis

@Suite struct MotivationThemesTests {
  static func themes(_ sentence: String, motivation: Bool = true, before: String? = nil, after: String? = nil) -> [MotivationTheme] {
    MotivationReader.themes(
      in: CueText(sentence), before: before.map(CueText.init), after: after.map(CueText.init), inMotivationAnswer: motivation
    ).map(\.theme)
  }

  @Test(arguments: [
    ("Literacy is the number one goal in our district's strategic plan.", MotivationTheme.priorities),
    ("It fit right into our school improvement plan this year.", .priorities),
    ("Our board made family engagement a priority for every campus.", .priorities),
    ("I wanted to take what I learned back to my grade-level teams.", .staff),
    ("My hope was to share it with the whole faculty.", .staff),
    ("I was hoping to model it for my new teachers.", .staff),
    ("I also wanted to be able to walk my grade-level teams through their own data.", .staff),
    ("Restorative practice is close to my heart.", .passion),
    ("Honestly, this work is why I became a counselor.", .passion),
    ("Math talk has always been my thing.", .passion),
    ("I'm finishing my EdS and this lined up with my capstone.", .degree),
    ("The four credits count toward my master's.", .degree),
    ("I wanted one topic I could really dig into on my own.", .deep),
    ("I prefer to go deep on a single skill rather than skim a dozen.", .deep),
    ("I wanted to actually understand it, at my own pace.", .deep),
    ("I wanted to go down the rabbit hole by myself for once.", .deep),
    ("My principal supervisor nudged me to apply.", .supervisor),
    ("The superintendent asked a handful of us to pilot it.", .supervisor),
    ("My area superintendent put my name forward, so I said yes.", .supervisor),
    ("My director said, you need to be the one who knows this.", .supervisor),
    ("My supervisor wrote it into my growth goals for the year.", .supervisor),
    ("I could see myself walking my teachers through the whole cycle.", .staff),
    // Said in other words (2026-12-07, classes missed on fresh interviews).
    ("It lined up with what our school had already promised families.", .priorities),
    ("Attendance is one of our site goals, so the timing was right.", .priorities),
    ("It's the part of the job I care most about.", .passion),
    ("I genuinely care about early reading, always have.", .passion),
    // Love of the work itself, said as the reason.
    ("Why did I sign up? I just love coaching teachers.", .passion),
    ("Because I love assessment work, I really do.", .passion),
    ("Two credits toward the specialist degree made it worth it.", .degree),
    ("The plan was that I'd learn it first and then walk my teachers through it.", .staff),
    ("My superintendent emailed the link and said, you're doing this one.", .supervisor),
    ("My director basically said, I'd like all of you in this cohort.", .supervisor),
    ("Part of it is that I was asked to.", .supervisor),
    // The programme passed on by a supervisor, or asked of a group the speaker is in.
    ("My director forwarded me the brochure for the program with a one-line note.", .supervisor),
    ("Our superintendent left the course flyer on my chair in August.", .supervisor),
    ("The superintendent expected all of the elementary principals to finish the course by June.", .supervisor),
    // Degrees written with stops ("Ed.S.", "Ed.D.") are two words to the tokenizer.
    ("I'm halfway through my Ed.D. and this counted as an elective.", .degree),
    ("They give you a graduate credit toward the Ed.S., which I needed.", .degree),
  ])
  func recognisesEachTheme(sentence: String, theme: MotivationTheme) {
    #expect(Self.themes(sentence) == [theme], "\(sentence)")
  }

  @Test(arguments: [
    // Negated.
    "It wasn't really a district priority, to be honest.",
    "I didn't want to bring it back to my staff yet.",
    "It's not my thing, honestly.",
    "I'm not pursuing another degree.",
    "Nobody asked me to do it; I just signed up.",
    // Not the theme.
    "I shared the toolkit with my staff in March.",
    "I finished my doctorate years ago.",
    "The readings didn't go very deep.",
    "I did it alone, at night, at my kitchen table.",
    "The superintendent mentioned it at a meeting.",
    "Every principal was required to complete it by June.",
    "She had a master's in statistics.",
    "We were told the deadline was firm.",
    "Our goal was to get everyone through by spring.",
    "I was asked about it at a board meeting once.",
  ])
  func leavesOtherSentencesAlone(sentence: String) {
    #expect(Self.themes(sentence).isEmpty, "\(sentence)")
  }

  @Test func outsideTheMotivationAnswerAThemeNeedsAReasonFrame() {
    // Said while describing the job: not a reason for taking part.
    #expect(Self.themes("Our district's top priority this year is attendance.", motivation: false).isEmpty)
    #expect(Self.themes("My passion is fly fishing, always has been.", motivation: false).isEmpty)
    // Framed as a reason, wherever it is said.
    #expect(Self.themes("It lined up with the district's priorities, so that helped.", motivation: false) == [.priorities])
    #expect(Self.themes("The credits transfer into my doctoral program.", motivation: false) == [.degree])
    #expect(Self.themes("I wanted something to bring back to my staff.", motivation: false) == [.staff])
  }

  @Test func aThemeCanSpanTwoSentences() {
    #expect(Self.themes("Ms. Ortiz asked me to.", after: "She's my director.") == [.supervisor])
    #expect(Self.themes("I needed something concrete to hand them.", before: "Half my teachers were brand new.") == [.staff])
    #expect(Self.themes("I needed something concrete to hand them.").isEmpty)
  }

  @Test func aRequestBySomeoneNamedEarlierInTheTurn() {
    let said = "She emailed me the flyer and said, you're doing this one."
    let earlier = ["Our superintendent heard about it at a conference.", "We had a budget meeting that week."].map(CueText.init)
    #expect(
      MotivationReader.themes(in: CueText(said), before: CueText("We had a budget meeting that week."), earlier: earlier, inMotivationAnswer: true)
        .map(\.theme) == [.supervisor])
    // Nobody in authority named: a colleague's nudge is not a supervisor's request.
    let colleague = ["My neighbor teaches fourth grade.", "We had a budget meeting that week."].map(CueText.init)
    #expect(MotivationReader.themes(in: CueText(said), earlier: colleague, inMotivationAnswer: true).isEmpty)
  }

  @Test func oneSentenceCanVoiceSeveralThemes() {
    let themes = Self.themes("My dissertation is on coaching, and I wanted to bring it back to my teachers.")
    #expect(Set(themes) == [.degree, .staff])
  }

  @Test func themesMatchCodebookSubCodesByTheirLastPart() {
    #expect(MotivationTheme(codeID: "outcome.motivation.priorities") == .priorities)
    #expect(MotivationTheme(codeID: "why.supervisor_request") == .supervisor)
    #expect(MotivationTheme(codeID: "outcome.motivation.curiosity") == nil)
  }
}
