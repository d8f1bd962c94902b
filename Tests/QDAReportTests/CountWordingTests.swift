import Testing
@testable import QDAReport

@Suite("Counts in words")
struct CountWordingTests {
  let principals = CountWording.Noun(singular: "principal", plural: "principals")

  @Test(arguments: [
    (4, 11, 11, nil as String?, "four of 11 principals"),
    (11, 11, 11, nil, "all 11 principals"),
    (9, 9, 11, "who completed it", "all nine principals who completed it"),
    (4, 9, 11, "who responded to this question", "four of the nine principals who responded to this question"),
    (0, 7, 11, "who responded", "none of the seven principals who responded"),
    (0, 11, 11, nil, "none of the 11 principals"),
    (1, 1, 11, "who responded", "the one principal who responded"),
    (2, 2, 11, "who did not complete it", "both principals who did not complete it"),
    (1, 6, 11, "who responded", "one of the six principals who responded"),
    (10, 12, 12, nil, "10 of 12 principals"),
    (3, 0, 11, nil, "no principals"),
  ])
  func phrase(count: Int, denominator: Int, total: Int, subset: String?, expected: String) {
    #expect(CountWording.phrase(count, of: denominator, total: total, noun: principals, subset: subset) == expected)
  }

  @Test func share() {
    #expect(CountWording.share(7, of: 11, noun: principals) == "most principals (seven of 11)")
    #expect(CountWording.share(4, of: 11, noun: principals) == "four of 11 principals")
    #expect(CountWording.share(11, of: 11, noun: principals) == "all 11 principals")
    // Exactly half is not "most".
    #expect(CountWording.share(5, of: 10, noun: principals) == "five of 10 principals")
  }

  @Test func sentencesNeverStartWithDigits() {
    #expect(CountWording.sentenceStart("11 principals said so") == "Eleven principals said so")
    #expect(CountWording.sentenceStart("four of 11 principals") == "Four of 11 principals")
    #expect(CountWording.sentenceStart("25 of 40 teachers") == "Twenty-five of 40 teachers")
    #expect(CountWording.sentenceStart("140 respondents") == "One hundred forty respondents")
    #expect(CountWording.sentenceStart("") == "")
  }

  @Test func numbersUnderTenInWords() {
    #expect(CountWording.number(0) == "zero")
    #expect(CountWording.number(9) == "nine")
    #expect(CountWording.number(10) == "10")
    #expect(CountWording.number(18) == "18")
  }
}
