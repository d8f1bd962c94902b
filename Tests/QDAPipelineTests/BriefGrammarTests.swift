import Foundation
import QDAPipeline
import Testing
import _QDATestSupport

/// Issue 29 item 6: every count sentence of a brief reads as English — a count of people, then
/// what they did — for the development corpus (written by someone else) and for a study whose
/// attribute names do not read as verbs ("pilot", "Q3 region").
@Suite struct BriefGrammarTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  /// The count sentences of a Markdown brief that do not read: a linked count of people
  /// (`[Three of eight principals](#ref-4)`) must be followed by what they did (a verb), and a
  /// bare count after "and" (`and [two](#ref-2)`) too.
  static func countSentenceProblems(_ markdown: String) -> [String] {
    let link = try! NSRegularExpression(pattern: #"\[([^\]]+)\]\(#ref-\d+\)([^\[\n]*)"#)
    var problems: [String] = []
    let text = markdown as NSString
    var previousEnd = 0
    var previousAfter = ""
    var previousRead = false
    for match in link.matches(in: markdown, range: NSRange(location: 0, length: text.length)) {
      let inside = text.substring(with: match.range(at: 1))
      let after = text.substring(with: match.range(at: 2))
      // What lies between the last link's count and this one.
      let before = previousEnd == match.range.location
        ? previousAfter : text.substring(with: NSRange(location: previousEnd, length: match.range.location - previousEnd))
      previousEnd = match.range.location + match.range.length
      previousAfter = after
      // A list that leaves its verb out after the first count ("three were elementary, two
      // high and one k-8"): a bare count after a comma or "and", following a count that read.
      let continuesList = previousRead && !inside.contains(" ") && (before.hasSuffix(", ") || before.hasSuffix(" and "))
      previousRead = false
      var words = (inside + " " + after).split(whereSeparator: { $0 == " " }).map {
        $0.trimmingCharacters(in: CharacterSet.punctuationCharacters).lowercased()
      }
      guard let first = words.first, countWords.contains(first) || Int(first) != nil else { continue }
      // A count that is not a sentence's subject: in brackets after what it counts ("motivation
      // (all 11 principals)"), or after "for" ("a tension …, for six of 11 principals").
      if (before.hasSuffix("(") && after.hasPrefix(")")) || before.hasSuffix(" for ") { continue }
      // The count: "three of the nine", "all 11", "most principals (seven of 11)".
      while let word = words.first, countWords.contains(word) || Int(word) != nil || word == "of" || word == "the" {
        words.removeFirst()
      }
      // An amount, not a count of people: "18 hours (eight estimates …)".
      if let word = words.first, units.contains(word) { continue }
      // Its noun, with the words that qualify it ("distinct", "(seven of 11)").
      if let word = words.first, qualifiers.contains(word) { words.removeFirst() }
      if let word = words.first, nouns.contains(word) { words.removeFirst() }
      while let word = words.first, countWords.contains(word) || Int(word) != nil || word == "of" { words.removeFirst() }
      if words.first == "who" || continuesList {
        previousRead = true
        continue
      }
      guard let next = words.first, isVerb(next) else {
        problems.append(inside + after)
        continue
      }
      previousRead = true
    }
    return problems
  }

  static let countWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "all", "both", "none", "most", "no",
  ]
  static let qualifiers: Set<String> = ["distinct", "other", "more"]
  static let units: Set<String> = ["hours", "hour", "minutes", "percent", "h"]
  static let nouns: Set<String> = [
    "principal", "principals", "interviewee", "interviewees", "participant", "participants", "respondent", "respondents",
    "districts", "district", "schools", "school", "passages", "passage", "teachers", "leaders",
  ]
  static let irregular: Set<String> = [
    "said", "took", "gave", "had", "were", "was", "did", "could", "would", "made", "thought", "felt", "found", "saw",
    "wrote", "spoke", "came", "went", "knew", "kept", "got", "told", "put", "met", "left", "chose", "began", "led",
    "read", "understood", "brought", "sought", "won", "paid",
  ]

  static func isVerb(_ word: String) -> Bool {
    irregular.contains(word) || (word.count >= 4 && word.hasSuffix("ed"))
  }

  @Test func theCheckCatchesCountsThatDoNotRead() {
    #expect(!Self.countSentenceProblems("[One interviewee pilot](#ref-1) and [two](#ref-2) did not.").isEmpty)
    #expect(!Self.countSentenceProblems("[Three of 11 principals](#ref-3) cohort b.").isEmpty)
    #expect(!Self.countSentenceProblems("[Four principals](#ref-4) the micro-credential.").isEmpty)
    // A bare count continues a list only after a count that read.
    #expect(!Self.countSentenceProblems("[Two principals](#ref-1) pilot, [three](#ref-2) cohort b.").isEmpty)
    #expect(
      Self.countSentenceProblems(
        """
        [Six interviewees completed the badge](#ref-1) and [two](#ref-2) did not. [One interviewee had pilot = yes](#ref-3).
        [Most principals (seven of 11)](#ref-4) described a tension. [Eight distinct districts](#ref-5) were represented.
        [One of the six principals who responded to this question](#ref-6) said incentives did not matter.
        By level, [three of eight interviewees](#ref-7) were elementary, [two](#ref-8) high and [one](#ref-9) k-8.
        The mean was [18 hours (eight estimates)](#ref-10).
        """
      ).isEmpty)
  }

  @Test func everyCountSentenceOfTheDevelopmentCorpusBriefReads() throws {
    let temp = try TemporaryFolder("grammar-dev")
    let devset = Fixtures.shared("devset")
    let request = IngestRequest(
      inputs: [devset + "/interviews"], attributes: devset + "/participants.csv", codebook: Fixtures.repository("Codebooks/chat.yaml"))
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    let markdown = try Fixtures.text(temp.path("out/report.md"))
    let counted = markdown.components(separatedBy: "](#ref-").count - 1
    #expect(counted > 40)
    #expect(Self.countSentenceProblems(markdown) == [])
  }

  @Test func attributeNamesThatAreNotVerbsStillGiveSentences() throws {
    let temp = try TemporaryFolder("grammar-odd")
    // The sample interviews with attributes named as a spreadsheet might name them.
    try temp.write(
      "attributes.csv",
      """
      participant_id,pilot,Q3 region,yrs,cohort_b
      P01,yes,north,12,no
      P02,no,south,10,yes
      P03,yes,north,4,no
      P04,no,east,7,yes
      P05,yes,west,13,no
      P06,yes,north,9,yes
      P07,no,south,2,no
      P08,yes,east,8,yes
      P09,yes,west,15,no
      P10,no,north,6,yes
      P11,yes,south,20,no

      """)
    let request = IngestRequest(
      inputs: [Fixtures.repository("Corpora/principals")], attributes: temp.path("attributes.csv"),
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    let markdown = try Fixtures.text(temp.path("out/report.md"))
    #expect(Self.countSentenceProblems(markdown) == [])
    #expect(!markdown.contains("interviewees pilot"))
    // The attribute sentences are there to check: "Seven interviewees had pilot = yes and four had
    // pilot = no", "By Q3 region, four of 11 interviewees were north, three south …".
    #expect(markdown.contains("interviewees had pilot = yes](#ref-"))
    #expect(markdown.contains("By Q3 region, ["))
  }
}
