public import QDAText

/// A stretch of speech (usually one sentence) read for cue phrases: its words lower-cased, where
/// its clauses break, and whether it asks a question.
///
/// ```swift
/// let text = CueText("It wasn't a factor, honestly.")
/// text.words.map(\.text)  // ["it", "was", "n't", "a", "factor", "honestly"]
/// ```
public struct CueText: Sendable {
  /// The scalars the words were read from (the whole passage, for a sentence of one).
  public let scalars: [Unicode.Scalar]
  /// Where the text lies in `scalars`.
  public let range: Range<Int>
  /// The words and numbers, in order; punctuation is left out.
  public let words: [Token]
  /// For each word, whether a clause break (`,` `;` `:` `—` `(`) or a sentence end comes
  /// just before it.
  let clauseStarts: [Bool]
  /// Whether the text ends with a question mark.
  public let isQuestion: Bool

  public init(_ text: String) {
    let scalars = Array(scalarsOf: text)
    self.init(scalars, range: 0..<scalars.count)
  }

  public init(_ scalars: [Unicode.Scalar], range: Range<Int>) {
    self.scalars = scalars
    self.range = range
    var words: [Token] = []
    var starts: [Bool] = []
    var pendingBreak = true
    for token in Tokenizer.tokens(in: scalars, range: range) {
      if token.kind == .punctuation {
        if Self.breakMarks.contains(token.text) { pendingBreak = true }
        continue
      }
      words.append(token)
      starts.append(pendingBreak)
      pendingBreak = false
    }
    self.words = words
    clauseStarts = starts
    // "…, right?" and "…?”": closing quotes, brackets and spaces may follow the mark.
    var index = range.upperBound - 1
    while index >= range.lowerBound,
      Self.closers.contains(scalars[index]) || scalars[index].properties.isWhitespace
    {
      index -= 1
    }
    isQuestion = index >= range.lowerBound && scalars[index] == "?"
  }

  static let breakMarks: Set<String> = [
    ",", ";", ":", ".", "?", "!", "\u{2014}", "\u{2013}", "(", ")", "[", "]", "\u{2026}",
  ]
  static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]"]

  /// The text as written.
  public var text: String { String(scalars: scalars[range]) }

  /// The words `range` (indices into `words`) cover, as written.
  public func quote(_ words: Range<Int>) -> String {
    guard !words.isEmpty else { return "" }
    return String(
      scalars: scalars[self.words[words.lowerBound].start..<self.words[words.upperBound - 1].end])
  }

  /// Whether the word at `index` is the first of its clause.
  public func startsClause(_ index: Int) -> Bool {
    index < clauseStarts.count && clauseStarts[index]
  }

  /// Whether a negation ("not", "n't", "never", "no") comes before the word at `index` in the
  /// same clause, at most `window` words back.
  public func isNegated(before index: Int, window: Int = 4) -> Bool {
    var cursor = index
    var distance = 0
    while cursor > 0, distance < window, !clauseStarts[cursor] {
      cursor -= 1
      distance += 1
      if Self.negations.contains(words[cursor].text) { return !isDisavowed(cursor) }
    }
    return false
  }

  /// Whether the words before `index` (a negation, or a denial such as "meant nothing") are
  /// disowned by the speaker, so that what follows is affirmed: "I won't pretend it didn't
  /// matter", "I'd be lying if I said it didn't", "I'd be less than candid if I said it meant
  /// nothing", "no point acting like that wasn't a factor", "I can't deny it wasn't easy".
  public func isDisavowed(_ index: Int) -> Bool {
    var cursor = index - 1
    while cursor >= max(0, index - 10) {
      let word = words[cursor].text
      if Self.disavowals.contains(word),
        (max(0, cursor - 3)..<cursor).contains(where: { Self.negations.contains(words[$0].text) })
      {
        return true
      }
      // "I'd be lying if I said…", "I'd be less than honest if I said…"
      let lying =
        word == "lying"
        || (Self.candour.contains(word) && cursor > 0 && words[cursor - 1].text == "than")
      if lying, (cursor + 1..<index).contains(where: { words[$0].text == "if" }) { return true }
      cursor -= 1
    }
    return false
  }

  /// Words of candour that, after "less than", disown what follows "if I said".
  static let candour: Set<String> = ["candid", "honest", "truthful"]

  /// Verbs that, negated, deny what follows them ("won't pretend", "no point acting like").
  static let disavowals: Set<String> = [
    "pretend", "pretending", "deny", "denying", "act", "acting", "claim", "claiming",
  ]

  public static let negations: Set<String> = [
    "not", "n't", "never", "no", "hardly", "barely", "nothing", "none", "nobody", "neither", "nor",
  ]

  /// Whether any word is one of `set`.
  public func contains(anyOf set: Set<String>) -> Bool { words.contains { set.contains($0.text) } }

  /// The index of the first word that is one of `set`, from `start`.
  public func firstIndex(of set: Set<String>, from start: Int = 0) -> Int? {
    guard start < words.count else { return nil }
    return (start..<words.count).first { set.contains(words[$0].text) }
  }
}

// MARK: - Patterns

/// A phrase to look for among words, with alternatives and gaps: `"bring|take|carry _ back"`.
///
/// Elements are separated by spaces. An element is one word or several joined by `|`; a word
/// ending in `*` matches any word it begins (`priorit*`); `_` matches any one word; `..`
/// matches up to three words (as few as will do). Words are matched as the tokenizer splits
/// them: "didn't" is `did n't`, "I'd" is `i 'd`.
public struct WordPattern: Sendable, CustomStringConvertible {
  enum Element: Sendable {
    case words(Set<String>, prefixes: [String])
    case any
    case gap(Int)
  }

  let elements: [Element]
  public let description: String

  public init(_ source: String) {
    description = source
    elements = source.split(separator: " ").map { part in
      if part == "_" { return .any }
      if part == ".." { return .gap(3) }
      var words = Set<String>()
      var prefixes: [String] = []
      for alternative in part.split(separator: "|") {
        if alternative.hasSuffix("*") {
          prefixes.append(String(alternative.dropLast()))
        } else {
          words.insert(String(alternative))
        }
      }
      return .words(words, prefixes: prefixes)
    }
  }

  /// The words the pattern can start with, when it starts with whole words (for indexing).
  var firstWords: Set<String>? {
    guard case .words(let words, let prefixes) = elements.first, prefixes.isEmpty else {
      return nil
    }
    return words
  }

  /// The end (exclusive) of a match that starts at word `start`, or nil.
  public func match(_ words: [Token], at start: Int) -> Int? {
    match(words, start, element: 0)
  }

  private func match(_ words: [Token], _ index: Int, element: Int) -> Int? {
    if element == elements.count { return index }
    switch elements[element] {
    case .any:
      return index < words.count ? match(words, index + 1, element: element + 1) : nil
    case .gap(let most):
      for skip in 0...most where index + skip <= words.count {
        if let end = match(words, index + skip, element: element + 1) { return end }
      }
      return nil
    case .words(let set, let prefixes):
      guard index < words.count else { return nil }
      let word = words[index].text
      guard set.contains(word) || prefixes.contains(where: { word.hasPrefix($0) }) else {
        return nil
      }
      return match(words, index + 1, element: element + 1)
    }
  }
}

/// Patterns, each with a value, found in texts: the cue lexicons of the extractors.
public struct CueLexicon<Value: Sendable>: Sendable {
  public struct Match: Sendable {
    public var value: Value
    /// The words matched (indices into `CueText.words`).
    public var words: Range<Int>
    public var pattern: String
  }

  private let patterns: [(WordPattern, Value)]
  /// Patterns by the words they can start with; the rest are tried everywhere.
  private let byFirstWord: [String: [Int]]
  private let unindexed: [Int]

  public init(_ entries: [(String, Value)]) {
    // Longer patterns first, so "not the reason" is tried before "reason".
    let sorted = entries.map { (WordPattern($0.0), $0.1) }.enumerated()
      .sorted {
        ($0.element.0.elements.count, -$0.offset) > ($1.element.0.elements.count, -$1.offset)
      }
      .map(\.element)
    patterns = sorted
    var index: [String: [Int]] = [:]
    var rest: [Int] = []
    for (position, (pattern, _)) in sorted.enumerated() {
      if let first = pattern.firstWords {
        for word in first { index[word, default: []].append(position) }
      } else {
        rest.append(position)
      }
    }
    byFirstWord = index
    unindexed = rest
  }

  /// Every match, left to right, none overlapping an earlier (or longer) one.
  public func matches(in text: CueText) -> [Match] {
    var result: [Match] = []
    var index = 0
    while index < text.words.count {
      var candidates = byFirstWord[text.words[index].text] ?? []
      if !unindexed.isEmpty { candidates = (candidates + unindexed).sorted() }
      var found: Match?
      for position in candidates {
        let (pattern, value) = patterns[position]
        if let end = pattern.match(text.words, at: index), end > index {
          found = Match(value: value, words: index..<end, pattern: pattern.description)
          break
        }
      }
      if let found {
        result.append(found)
        index = found.words.upperBound
      } else {
        index += 1
      }
    }
    return result
  }

  /// Whether any pattern matches.
  public func matchesAny(_ text: CueText) -> Bool { !matches(in: text).isEmpty }

  /// The first match, if any.
  public func firstMatch(in text: CueText) -> Match? { matches(in: text).first }
}

extension CueLexicon where Value == Bool {
  /// A lexicon of patterns that only say "found".
  public init(_ patterns: [String]) { self.init(patterns.map { ($0, true) }) }
}
