import Foundation
import Testing
import QDACoding
import QDAModel
import QDAText
import _QDATestSupport

/// `RecodeFilter` rules a document out of re-coding only when the coder would code it as before:
/// each case is checked against the coder itself.
@Suite struct RecodeFilterTests {
  func codebook(_ rules: [CodingRule]) -> Codebook {
    Codebook(name: "t", version: "1", codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules", rules: rules),
    ])
  }

  func codings(_ text: String, _ codebook: Codebook) -> [Coding] {
    let passage = Passage(
      id: 1, documentID: 1, ordinal: 0, turn: 0, speaker: "A", role: .participant,
      span: TextSpan(start: 0, end: text.unicodeScalars.count), text: text)
    return AutoCoder(codebook: codebook).code([passage], documentText: text)
  }

  let before = [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars"]))]

  /// The filter's answer for a text, checked against coding the text with both codebooks: a
  /// text it rules out must code the same.
  func mayChange(_ text: String, after: [CodingRule]) -> Bool {
    let (old, new) = (codebook(before), codebook(after))
    let filter = RecodeFilter(old: old, new: new, codes: ["rules.time"])
    let answer = filter.mayChange(text: text)
    if !answer { #expect(codings(text, old) == codings(text, new), "ruled out but codes differently: \(text)") }
    return answer
  }

  @Test func aTermTakenOutMattersOnlyWhereOneOfItsWordsIs() {
    let after = [CodingRule(id: "t/1", pattern: .any(["hour*", "calendars"]))]
    #expect(mayChange("I worked most Weekends.", after: after))
    #expect(mayChange("My weekend's gone.", after: after))
    #expect(mayChange("WEEKEND-long sessions", after: after))
    // `week` and `weekly` share letters with `weekend` but not its stem.
    #expect(!mayChange("Every week, a weekly call; ten hours on the calendars.", after: after))
    #expect(!mayChange("", after: after))
  }

  @Test func aTermAddedMattersOnlyWhereItsMostTellingWordIs() {
    let after = [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "after bedtime", "calendars"]))]
    #expect(mayChange("I read after bedtime most nights.", after: after))
    // `after` alone is everywhere; the filter looks for `bedtime` (its stem less two letters).
    #expect(!mayChange("After the weekends I logged hours.", after: after))
    #expect(mayChange("Bedtimes were late.", after: after))
    // A prefix term is searched for as written.
    let prefix = [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars", "agend*"]))]
    #expect(mayChange("The Agendas were full.", after: prefix))
    #expect(!mayChange("No schedule at all.", after: prefix))
  }

  /// The passages to check are found by where the letters lie, in scalars (as spans count).
  @Test func occurrencesAreScalarRangesOfTheLetters() throws {
    let filter = RecodeFilter(
      old: codebook(before), new: codebook([CodingRule(id: "t/1", pattern: .any(["hour*", "calendars"]))]),
      codes: ["rules.time"])
    let text = "Café “weekly” — WEEKENDS, then the weekend."
    let ranges = try #require(filter.occurrences(in: text))
    let scalars = Array(text.unicodeScalars)
    #expect(ranges.map { String(String.UnicodeScalarView(scalars[$0])) } == ["WEEKE", "weeke"])
    #expect(filter.occurrences(in: "Nothing at all.") == [])
    #expect(filter.occurrences(in: "\u{212A}ILO") == nil)
  }

  @Test func otherChangesLookForEveryTermOfTheCode() {
    // Other exclusions: the rule's own terms count.
    let unless = [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars"]), unless: ["overtime"])]
    #expect(mayChange("Two hours.", after: unless))
    #expect(!mayChange("Nothing about time here.", after: unless))
    // Kept terms in another order: every term.
    let reordered = [CodingRule(id: "t/1", pattern: .any(["calendars", "hour*", "weekends"]))]
    #expect(mayChange("Two hours.", after: reordered))
    // A rule added, the others renumbered: every term before and after.
    let added = [CodingRule(id: "t/0", pattern: .any(["schedule"])), CodingRule(id: "t/1", pattern: before[0].pattern)]
    #expect(mayChange("My schedule.", after: added))
    #expect(mayChange("Two hours.", after: added))
    #expect(!mayChange("Nothing of the kind.", after: added))
  }

  @Test func ruleOutNothingWhenNoWordCanBeSearched() {
    let answers = RecodeFilter(
      old: codebook(before), new: codebook(before + [CodingRule(id: "t/2", pattern: .answers)]), codes: ["rules.time"])
    #expect(answers.codesEveryDocument)
    // `ok`: too short to search for.
    let short = RecodeFilter(
      old: codebook(before), new: codebook([CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars", "ok"]))]),
      codes: ["rules.time"])
    #expect(short.codesEveryDocument)
    // The Kelvin sign lower-cases to `k`: such a text is a candidate. `İ` lower-cases to `i`
    // and a combining dot, which no ASCII term matches (checked against the coder).
    #expect(!mayChange("\u{130}NSTRUCTIONAL", after: [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars", "instructional"]))]))
    let after = [CodingRule(id: "t/1", pattern: .any(["hour*", "weekends", "calendars", "kilometers"]))]
    #expect(!mayChange("Nothing KILO here.", after: after))
    #expect(mayChange("Ten \u{212A}ilometers.", after: after))
  }

  /// The filter searches for a stem less its last two letters: every word of real transcripts
  /// and briefs, and of the sample corpus, must begin with them.
  @Test func everyWordBeginsWithItsStemLessTwoLetters() throws {
    var folders = [Fixtures.shared("seeds"), Fixtures.repository("Corpora/principals/interviews")]
    folders.append(Fixtures.shared("formats"))
    var words = Set<String>()
    for folder in folders {
      let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
      for file in files where file.hasSuffix(".txt") || file.hasSuffix(".vtt") || file.hasSuffix(".srt") || file.hasSuffix(".md") || file.hasSuffix(".csv") {
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
        for token in Tokenizer.tokens(in: text, punctuation: false) { words.insert(token.text) }
      }
    }
    #expect(words.count > 4_000)
    let broken = words.filter { !$0.hasPrefix(PorterStemmer.stem($0).dropLast(2)) }
    #expect(broken.isEmpty, "\(broken.sorted().prefix(20))")
  }
}
