import QDARedaction
import Testing

@Suite struct QuoteNameMaskTests {
  static let mask = QuoteNameMask(people: [
    .init(name: "Dr. Marisol Okonkwo-Reyes", participant: "P07"),
    .init(name: "Tobias Lindqvist"),
    .init(name: "José Nuñez", participant: "P02"),
  ])

  @Test func aParticipantsNameBecomesTheirIdAndAnyoneElsesAPlaceholder() {
    let masked = Self.mask.mask("Tobias Lindqvist asked me, and I said Marisol Okonkwo-Reyes would never skip a deadline.")
    #expect(masked.text == "[name] asked me, and I said [P07] would never skip a deadline.")
    #expect(masked.replaced == 2)
  }

  @Test func surnamesFirstNamesPossessivesCapitalsAndAccentsAreFound() {
    let masked = Self.mask.mask("Lindqvist's notes helped. TOBIAS called Jose Nunez, and Nuñez laughed.")
    #expect(masked.text == "[name]'s notes helped. [name] called [P02], and [P02] laughed.")
  }

  @Test func aTitleBeforeAKnownNameGoesWithIt() {
    let masked = Self.mask.mask("Dr. Okonkwo-Reyes met Mr. Lindqvist and Ms. [redacted] too.")
    #expect(masked.text == "[P07] met [name] and Ms. [redacted] too.")
    #expect(masked.replaced == 2)
  }

  @Test func aNameAfterATitleIsReplacedEvenWhenNoLabelGaveIt() {
    let masked = Self.mask.mask("Ms. Abernathy-Cole and Mr Van Houten ran the session; Dr. I think was away.")
    #expect(masked.text == "[name] and [name] ran the session; Dr. I think was away.")
    #expect(masked.replaced == 2)
  }

  @Test func wordsThatOnlyLookLikeNamesStay() {
    // A title with nothing capitalised after it, common words, a surname in lower case.
    let text = "The doctor said my AP will lead it. Miss a week and you fall behind; lindqvist is no word."
    #expect(Self.mask.mask(text) == (text, 0))
    let plain = "We met in June with the whole staff."
    #expect(Self.mask.mask(plain) == (plain, 0))
  }

  @Test func speakerLabelsThatAreRolesOrIdsAreNoNames() {
    #expect(QuoteNameMask.isName("Dr. Renee Castillo", participant: "P11"))
    #expect(QuoteNameMask.isName("Jordan", participant: "P09"))
    for label in ["Interviewer", "INTERVIEWER", "Q", "P04", "Speaker 2", "Principal", "Dr."] {
      #expect(!QuoteNameMask.isName(label, participant: "P04"), "\(label)")
    }
  }
}
