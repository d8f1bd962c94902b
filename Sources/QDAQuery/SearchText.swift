/// What a search box holds: a question in plain words, or the full-text syntax an expert writes.
///
/// Expert syntax is recognised only by marks nobody types by accident: an upper-case `AND`,
/// `OR`, `NOT` or `NEAR`, a `*` at either end of a word, or a `text:` prefix; keywords alone
/// (`time`, `stipend bonus`: letters and digits, no stop word) are searched as they always were.
/// Anything else — a question mark, commas, apostrophes (`principal's`), hyphens
/// (`non-completers`), stop words, a quoted phrase — is a question in plain words.
///
/// ```swift
/// SearchText("What did non-completers say about time?")   // .plain: non completers say time
/// SearchText("stipend* OR bonus*")                        // .expert
/// SearchText("time")                                      // .expert: a keyword
/// ```
public enum SearchText: Sendable, Hashable {
  /// Nothing to search for: every passage the filters keep.
  case empty
  /// A question in plain words: the words as typed, and the content words (no stop words).
  case plain(question: String, words: [String], phrases: [String])
  /// FTS5 syntax, checked (`FullTextQuery.check`): keywords, or the expert marks.
  case expert(String)

  /// Reads what was typed.
  ///
  /// - Throws: `QueryError` for expert syntax that is malformed.
  public init(_ typed: String) throws {
    let text = Substring(typed).trimmingSpaces.trimmingCharacters(inSet: "\t\n")
    guard !text.isEmpty else {
      self = .empty
      return
    }
    // Expert marks, or a plain list of keywords ("time", "stipend bonus"): the full-text syntax,
    // every word required, listed in document order as qualitative analysis tools list them.
    // An unclosed quote is a phrase left open: say so rather than guess.
    let quotes = text.filter { $0 == "\"" }.count
    if Self.looksExpert(Substring(text)) || Self.isKeywords(text) || quotes % 2 == 1 {
      self = .expert(try FullTextQuery.check(text))
      return
    }
    // Quotes hold phrases.
    var phrases: [String] = []
    var rest = ""
    for (index, part) in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
    {
      if index % 2 == 1 {
        let words = Self.words(String(part))
        if words.count > 1 {
          phrases.append(words.joined(separator: " "))
        } else {
          rest += " " + part
        }
      } else {
        rest += " " + part
      }
    }
    let words = Self.words(Self.focus(of: rest)).filter { !Self.stopWords.contains($0) }
    var seen: Set<String> = []
    self = .plain(
      question: text, words: words.filter { seen.insert($0).inserted }, phrases: phrases)
  }

  /// What a question asks about, without the people it asks about: in "What did high school
  /// principals say about the deadlines?" the subject of a verb of saying, thinking, finding or
  /// deciding is who answered (a filter's business), and the topic is the rest; the words after
  /// "did"/"do"/"does" up to such a verb (at most five words on) are taken out. A subject of any
  /// other verb is the topic ("Did the incentives matter?", "What did the platform lack?").
  public static func focus(of question: String) -> String {
    let tokens = question.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let bare = tokens.map { Self.words($0).joined(separator: " ") }
    guard let auxiliary = bare.firstIndex(where: { ["did", "do", "does"].contains($0) }) else {
      return question
    }
    let limit = min(bare.count, auxiliary + 7)
    guard
      let verb = ((auxiliary + 2)..<max(auxiliary + 2, limit)).first(where: {
        reportingVerbs.contains(bare[$0])
      })
    else {
      return question
    }
    return (tokens[..<(auxiliary + 1)] + tokens[verb...]).joined(separator: " ")
  }

  /// Verbs whose subject, in a question, is the person answering.
  static let reportingVerbs: Set<String> = [
    "say", "think", "mention", "find", "feel", "describe", "tell", "report", "decide", "choose",
    "like", "dislike",
    "want", "value", "recommend", "suggest", "expect", "see", "experience", "hope", "need",
    "struggle", "worry",
  ]

  /// The FTS5 query that finds passages with any of the question's words or phrases (ranked by
  /// bm25, the more of them the better); empty when the question has no content word.
  public var fullText: String {
    switch self {
    case .empty: ""
    case .expert(let text): text
    case .plain(_, let words, let phrases):
      (phrases.map { "\"\($0)\"" } + words.map { "\"\($0)\"" }).joined(separator: " OR ")
    }
  }

  /// Whether the typed text uses the expert syntax on purpose.
  static func looksExpert(_ text: Substring) -> Bool {
    let tokens = FullTextQuery.tokenize(String(text)).filter { !$0.hasPrefix("\"") }
    let operators: Set<String> = ["AND", "OR", "NOT", "NEAR"]
    return tokens.contains { token in
      operators.contains(token) || token.hasPrefix("NEAR(") || token.hasSuffix("*")
        || token.hasPrefix("*")
        || token.hasPrefix("text:")
    } || text.contains("NEAR(")
  }

  /// Words of letters and digits only, none of them a stop word, and no question mark: keywords,
  /// not a question.
  static func isKeywords(_ text: String) -> Bool {
    let tokens = text.split(separator: " ")
    return !tokens.isEmpty
      && tokens.allSatisfy { token in
        token.allSatisfy { $0.isLetter || $0.isNumber } && !stopWords.contains(token.lowercased())
      }
  }

  /// Lower-case words of letters and digits; an apostrophe's tail (`'s`, `'t`) is dropped and
  /// a hyphen separates words, as the full-text index's tokenizer does.
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var afterApostrophe = false
    func flush() {
      if current.count > 1 || current.first?.isNumber == true { words.append(current) }
      current = ""
    }
    for character in text.lowercased() {
      if character == "'" || character == "’" {
        afterApostrophe = true
        flush()
        continue
      }
      if character.isLetter || character.isNumber {
        if afterApostrophe { continue }
        current.append(character)
      } else {
        afterApostrophe = false
        flush()
      }
    }
    if !afterApostrophe { flush() }
    return words
  }

  /// Words that say how a question is asked, not what about.
  static let stopWords: Set<String> = [
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being",
    "but", "by", "can", "could", "did", "do", "does", "doing", "done", "each", "for", "from", "get",
    "got", "had",
    "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it",
    "its", "just", "me", "mention", "mentioned", "more", "most", "my", "no", "nor", "not", "of",
    "off", "on", "once",
    "only", "or", "other", "our", "ours", "out", "over", "own", "said", "same", "say", "says",
    "she", "should", "so",
    "some", "such", "tell", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these",
    "they", "think", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
    "way", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your",
  ]
}
