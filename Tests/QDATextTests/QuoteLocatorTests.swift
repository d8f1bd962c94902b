import Testing
import QDAText

@Suite struct QuoteLocatorTests {
  static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

  @Test func anExactQuoteIsFoundWhereItIs() {
    let text = Self.scalars("It took 25 hours, give or take.")
    let found = QuoteLocator.find("25 hours", in: text)
    #expect(found.spans == [8..<16])
    #expect(found.match == .exact)
  }

  @Test func curlyQuotesDashesSpacingAndCaseAreFoldedAndTheOriginalSpanReturned() {
    let text = Self.scalars("I said \u{201C}no way\u{201D} \u{2014} it\u{2019}s  too\nmuch.")
    let found = QuoteLocator.find("said \"No way\" - it's too much", in: text)
    #expect(found.match == .loose)
    #expect(found.spans == [2..<32])
    #expect(String(String.UnicodeScalarView(text[2..<32])) == "said \u{201C}no way\u{201D} \u{2014} it\u{2019}s  too\nmuch")
  }

  @Test func anExactMatchWinsOverLooseOnes() {
    let text = Self.scalars("Time matters. time matters.")
    let found = QuoteLocator.find("time matters", in: text)
    #expect(found.match == .exact)
    #expect(found.spans == [14..<26])
  }

  @Test func everyOccurrenceIsReturnedAndAMissingQuoteFindsNothing() {
    let text = Self.scalars("alone, alone, all alone")
    #expect(QuoteLocator.find("alone", in: text).spans == [0..<5, 7..<12, 18..<23])
    #expect(QuoteLocator.find("together", in: text).spans == [])
    #expect(QuoteLocator.find("   ", in: text).spans == [])
  }
}
