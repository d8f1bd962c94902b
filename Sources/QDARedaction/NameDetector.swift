import QDAText
import Foundation

/// A capitalised phrase that may name a person, school, district or place, found for review.
public struct NameCandidate: Hashable, Sendable {
  /// The phrase as written: `Lincoln Heights North High School`.
  public var text: String
  /// A guess at its kind from its words (`school` for "… Elementary"), nil when the words do not
  /// say; the reviewer decides.
  public var kind: IdentifierKind?
  /// How often it occurs, and in how many documents.
  public var count: Int
  public var documents: [String]
  /// The first occurrence with some words either side.
  public var example: String
}

/// Finds capitalised names in text that no list has named yet: runs of capitalised words
/// ("Sunnyside Elementary", "Dr. Okafor", "Tennessee Leaders for Equity Playbook"), and single
/// capitalised words inside a sentence that the corpus never writes in lower case ("Brandt").
/// Sentence-initial words the corpus also writes in lower case ("The", "Honestly") are dropped,
/// as are words in capitals (acronyms, speaker labels) and bracketed pseudonyms (`[School 1]`).
///
/// Feed it every text with `scan`, then read `candidates`; it decides nothing on its own: its
/// output is a name list (`qda redact detect`) for a person to mark each line's kind or `keep`.
public struct NameDetector: Sendable {
  private var known: Set<String>
  private var lowercaseWords: Set<String> = []
  private var occurrences:
    [String: (count: Int, documents: [String], example: String, sentenceInitialOnly: Bool)] = [:]
  private var order: [String] = []

  /// - Parameter known: names already listed, kept or redacted (and their short forms); not
  ///   reported again.
  public init(known: some Sequence<String>) {
    self.known = Set(known)
  }

  /// Words that start a sentence in capitals without being names.
  static let stopWords: Set<String> = [
    "i", "i'm", "i'd", "i've", "i'll", "ok", "okay", "mm", "mm-hmm", "hmm", "um", "uh", "yeah",
    "yes", "no",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
    "title", "date", "participant", "interviewer", "respondent", "speaker", "principal",
    "interview", "transcript",
  ]
  static let connectors: Set<String> = ["of", "de", "la", "van", "von", "del", "da", "for", "and"]
  static let schoolWords: Set<String> = [
    "school", "elementary", "academy", "high", "middle", "preschool", "primary", "junior",
  ]
  static let organisationWords: Set<String> = [
    "university", "college", "institute", "foundation", "department", "office", "center", "centre",
  ]
  static let districtWords: Set<String> = [
    "district", "sd", "cusd", "chsd", "usd", "isd", "csd", "esd", "schools", "unified",
  ]

  private struct Word {
    var text: String
    var start: Int
    var end: Int
    var capitalised: Bool
    var allCapitals: Bool
    var sentenceInitial: Bool
    var bracketed: Bool
  }

  /// Reads one text.
  public mutating func scan(_ text: String, document: String) {
    let scalars = Array(scalarsOf: text)
    let words = Self.words(scalars)
    for word in words where !word.capitalised { lowercaseWords.insert(word.text) }
    var index = 0
    while index < words.count {
      let word = words[index]
      guard word.capitalised, !word.allCapitals, word.text != "I", !word.bracketed else {
        index += 1
        continue
      }
      var run = [word]
      var next = index + 1
      while next < words.count, let previous = run.last {
        let gap = String(scalars: scalars[previous.end..<words[next].start])
        let joinable =
          gap == " "
          || (gap == ". "
            && (previous.text.count == 1
              || Redactor.titles.contains(previous.text.lowercased() + ".")))
        guard joinable else { break }
        let candidate = words[next]
        if candidate.capitalised && !candidate.allCapitals && candidate.text != "I" {
          run.append(candidate)
          next += 1
        } else if Self.connectors.contains(candidate.text), next + 1 < words.count,
          words[next + 1].capitalised,
          String(scalars: scalars[candidate.end..<words[next + 1].start]) == " "
        {
          run.append(candidate)
          run.append(words[next + 1])
          next += 2
        } else {
          break
        }
      }
      index = next
      record(run, scalars: scalars, document: document)
    }
  }

  private mutating func record(_ run: [Word], scalars: [Unicode.Scalar], document: String) {
    var run = run
    // "The Tennessee Leaders…", "Honestly Sam…": a sentence-initial word written elsewhere in
    // lower case is not part of the name.
    while let first = run.first, run.count > 1,
      Self.stopWords.contains(first.text.lowercased()) || Self.isCommonFunctionWord(first.text)
    {
      run.removeFirst()
    }
    while let last = run.last, Self.connectors.contains(last.text) { run.removeLast() }
    guard let first = run.first, let last = run.last else { return }
    let phrase = String(scalars: scalars[first.start..<last.end])
    if run.count == 1 && Self.stopWords.contains(first.text.lowercased()) { return }
    if Self.isCommonFunctionWord(first.text) && run.count == 1 { return }
    if known.contains(phrase) { return }
    let from = max(0, first.start - 50)
    let to = min(scalars.count, last.end + 50)
    let example = String(scalars: scalars[from..<to])
      .replacingOccurrences(of: "\n", with: " ")
    if var entry = occurrences[phrase] {
      entry.count += 1
      if !entry.documents.contains(document) { entry.documents.append(document) }
      entry.sentenceInitialOnly =
        entry.sentenceInitialOnly && run.count == 1 && first.sentenceInitial
      occurrences[phrase] = entry
    } else {
      order.append(phrase)
      occurrences[phrase] = (1, [document], example, run.count == 1 && first.sentenceInitial)
    }
  }

  /// The phrases found, most frequent first.
  public var candidates: [NameCandidate] {
    var result: [NameCandidate] = []
    for phrase in order {
      guard let entry = occurrences[phrase] else { continue }
      let words = phrase.split(separator: " ").map(String.init)
      if words.count == 1 {
        // A single word: a name only if the corpus never writes it in lower case and it is
        // seen somewhere other than at the start of a sentence.
        if entry.sentenceInitialOnly || lowercaseWords.contains(phrase.lowercased()) { continue }
        if phrase.unicodeScalars.filter({ $0.properties.isAlphabetic }).count < 2 { continue }
      }
      // "Ms. Hale" where Hale is listed: a known name with a title is the known name.
      if words.allSatisfy({
        known.contains($0) || Self.connectors.contains($0) || Redactor.isTitle($0)
      }) {
        continue
      }
      result.append(
        NameCandidate(
          text: phrase, kind: Self.guessKind(words), count: entry.count, documents: entry.documents,
          example: entry.example))
    }
    return result.sorted { ($0.count, $1.text) > ($1.count, $0.text) }
  }

  static func guessKind(_ words: [String]) -> IdentifierKind? {
    let lower = words.map { $0.lowercased() }
    if let last = lower.last, schoolWords.contains(last) { return .school }
    if lower.contains(where: { districtWords.contains($0) }) { return .district }
    if lower.contains(where: { organisationWords.contains($0) }) { return .organisation }
    if let first = lower.first,
      Redactor.titles.contains(first) || Redactor.titles.contains(first + ".")
    {
      return .person
    }
    return nil
  }

  static let functionWords: Set<String> = [
    "the", "a", "an", "and", "but", "so", "or", "we", "my", "our", "your", "his", "her", "their",
    "this", "that",
    "these", "those", "it", "in", "on", "at", "for", "with", "by", "to", "from", "if", "when",
    "then", "well",
    "oh", "very", "extremely", "honestly", "like", "just", "also", "what", "how", "who", "why",
    "where", "there",
    "they", "she", "he", "you", "some", "any", "not", "nothing", "everything", "after",
    "before", "because", "since", "as", "even", "maybe", "right", "sure", "thanks", "thank",
    "great", "good",
    "let's", "that's", "it's", "there's", "we're", "they're", "i'm", "read", "set", "pick", "tell",
    "give",
  ]

  static func isCommonFunctionWord(_ word: String) -> Bool {
    functionWords.contains(word.lowercased())
  }

  /// A combining mark: part of the letter before it ("Nun\u{0303}ez" written decomposed).
  static func isMark(_ scalar: Unicode.Scalar) -> Bool {
    let category = scalar.properties.generalCategory
    return category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
  }

  private static func words(_ scalars: [Unicode.Scalar]) -> [Word] {
    var words: [Word] = []
    var index = 0
    var sentenceStart = true
    while index < scalars.count {
      let scalar = scalars[index]
      guard scalar.properties.isAlphabetic else {
        if ".!?:;\n\"“”([]".unicodeScalars.contains(scalar) { sentenceStart = true }
        index += 1
        continue
      }
      var end = index
      while end < scalars.count,
        scalars[end].properties.isAlphabetic || Self.isMark(scalars[end])
          || ((scalars[end] == "'" || scalars[end] == "’" || scalars[end] == "-")
            && end + 1 < scalars.count
            && scalars[end + 1].properties.isAlphabetic)
      {
        end += 1
      }
      let text = String(scalars: scalars[index..<end]).replacingOccurrences(of: "’", with: "'")
      let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
      // "Ed.D.", "U.S.": an abbreviation, not a name.
      let abbreviation =
        end + 1 < scalars.count && scalars[end] == "." && scalars[end + 1].properties.isAlphabetic
      words.append(
        Word(
          text: text, start: index, end: end,
          capitalised: scalar.properties.isUppercase && !abbreviation,
          allCapitals: letters.count > 1 && letters.filter { $0.properties.isUppercase }.count >= 2,
          sentenceInitial: sentenceStart, bracketed: index > 0 && scalars[index - 1] == "["))
      sentenceStart = false
      index = end
    }
    return words
  }
}
