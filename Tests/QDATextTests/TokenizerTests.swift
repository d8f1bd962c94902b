import Testing
import QDAText

@Suite struct TokenizerTests {
  @Test func splitsCliticsAndKeepsOffsets() {
    let tokens = Tokenizer.tokens(in: "We didn’t collaborate, it’s true.")
    #expect(tokens.map(\.text) == ["we", "did", "n't", "collaborate", ",", "it", "'s", "true", "."])
    #expect(tokens.map(\.start) == [0, 3, 6, 10, 21, 23, 25, 28, 32])
    #expect(tokens[2].end == 9)
  }

  @Test func specialCasesContractions() {
    #expect(Tokenizer.tokens(in: "can't won't").map(\.text) == ["can", "n't", "will", "n't"])
  }

  @Test func readsDecimalsAsOneNumber() {
    let tokens = Tokenizer.tokens(in: "about 2.5 hours, 15–20 maybe")
    #expect(tokens.map(\.text) == ["about", "2.5", "hours", ",", "15", "–", "20", "maybe"])
    #expect(tokens[1].kind == .number)
  }

  @Test func countsUnicodeScalarsNotCharacters() {
    // "👍🏻" is one Character but two scalars; "é" written as e + combining accent is two scalars.
    let tokens = Tokenizer.tokens(in: "👍🏻 cafe\u{301} ok", punctuation: false)
    #expect(tokens.map(\.text) == ["cafe\u{301}", "ok"])
    #expect(tokens[0].start == 3)
    #expect(tokens[0].end == 8)
    #expect(tokens[1].start == 9)
  }
}

@Suite struct SentenceSplitterTests {
  func split(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return SentenceSplitter.sentences(in: text).map { String(String.UnicodeScalarView(scalars[$0])) }
  }

  @Test func splitsAtTerminatorsBeforeCapitals() {
    #expect(split("It took hours. I felt torn! Did it help? Yes.") == ["It took hours.", "I felt torn!", "Did it help?", "Yes."])
  }

  @Test func keepsTitlesInitialsAndCitations() {
    #expect(split("I asked Dr. Ortiz and K. Brandt. They agreed.") == ["I asked Dr. Ortiz and K. Brandt.", "They agreed."])
    #expect(split("Rules shape behavior (Beatty & Feldman 2012, p. 4). Next.") == ["Rules shape behavior (Beatty & Feldman 2012, p. 4).", "Next."])
    #expect(split("It lined up with my Ph.D. work.") == ["It lined up with my Ph.D. work."])
    // Abbreviations are matched whatever their case; a capital initial outside ASCII is one too,
    // and a short word that is not an abbreviation, ASCII or not, ends its sentence.
    #expect(split("See PROF. Ortiz, ST. Louis. Ask É. Brandt. Then ask Zoë. Then Li. End.")
      == ["See PROF. Ortiz, ST. Louis.", "Ask É. Brandt.", "Then ask Zoë.", "Then Li.", "End."])
  }

  @Test func speechThatRunsOnStaysOneSentence() {
    #expect(split("I mean... it was fine? and then we moved on.") == ["I mean... it was fine? and then we moved on."])
  }

  @Test func lineBreaksEndSentences() {
    #expect(split("first line\nsecond line") == ["first line", "second line"])
  }

  @Test func closingQuotesStayWithTheirSentence() {
    #expect(split("She said, “no way.” Then we left.") == ["She said, “no way.”", "Then we left."])
  }
}

@Suite struct NumberWordsTests {
  @Test(arguments: [
    (["twelve"], 12.0, 1), (["twenty", "five", "hours"], 25.0, 2), (["a", "dozen"], 12.0, 2),
    (["a", "couple", "of", "hours"], 2.0, 3), (["one", "and", "a", "half"], 1.5, 4), (["half", "an", "hour"], 0.5, 2),
    (["15"], 15.0, 1), (["a", "hundred"], 100.0, 2), (["a", "hundred", "and", "twenty", "hours"], 120.0, 4),
    (["one", "hundred", "forty", "five"], 145.0, 4), (["two", "hundred", "and", "ten"], 210.0, 4),
    (["fifteen", "hundred", "words"], 1500.0, 2), (["seventy", "five"], 75.0, 2), (["a", "half", "dozen"], 6.0, 3),
    (["two", "and", "a", "half", "hours"], 2.5, 4),
  ])
  func readsNumbers(words: [String], value: Double, length: Int) {
    let result = NumberWords.value(of: words)
    #expect(result?.value == value)
    #expect(result?.length == length)
  }

  @Test func rejectsWordsThatAreNotNumbers() {
    #expect(NumberWords.value(of: ["a", "week"]) == nil)
    #expect(NumberWords.value(of: ["hours"]) == nil)
    // Digits after "hundred" are another number: "a hundred 20-minute sessions".
    #expect(NumberWords.value(of: ["a", "hundred", "20"])?.value == 100)
  }

  @Test func spellsUnderTenInWords() {
    #expect((0...11).map(NumberWords.spell) == ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "11"])
  }
}
