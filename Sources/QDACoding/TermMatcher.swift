import QDAModel
import QDAText
import Foundation

/// A rule term compiled to word matchers: each word a Porter stem, or a prefix for `collab*`.
struct CompiledTerm: Hashable, Sendable {
  enum Word: Hashable, Sendable {
    case stem(String)
    case prefix(String)

    /// Whether a word matches, given its text and its stem.
    func matches(text: String, stem: String) -> Bool {
      switch self {
      case .stem(let own): stem == own
      case .prefix(let prefix): text.hasPrefix(prefix)
      }
    }
  }

  /// The term as the codebook wrote it.
  var source: String
  var words: [Word]

  init(_ term: String) {
    source = term
    var words: [Word] = []
    for piece in term.split(whereSeparator: { $0 == " " }) {
      if piece.hasSuffix("*") {
        let prefix = Tokenizer.normalize(String(piece.dropLast()))
        if !prefix.isEmpty { words.append(.prefix(prefix)) }
        continue
      }
      for token in Tokenizer.tokens(in: String(piece), punctuation: false) {
        words.append(.stem(PorterStemmer.stem(token.text)))
      }
    }
    self.words = words
  }
}

/// What matching needs to know about one distinct word (lower-case token text), worked out once
/// per word and shared by every passage and thread: its stem's number, the terms whose first word
/// it matches, and whether it negates.
struct Lexeme: Sendable {
  /// The number of the word's stem among the stems the terms use, or -1.
  var stemID: Int32
  /// The terms (indices into `AutoCoder.terms`) whose first word this word matches.
  var firstOf: [Int32]
  /// A negation cue (`not`, `n't`, `never`…), by stem or by text.
  var negates: Bool
  /// The word `but`, which ends the reach of a negation.
  var isBut: Bool
}

/// The lexemes of the words seen so far, shared across threads; each coding call keeps its own
/// copy of what it looked up, so the lock is taken once per distinct word of a document.
final class LexemeCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: Lexeme] = [:]

  func lexeme(_ word: String, make: (String) -> Lexeme) -> Lexeme {
    if let known = lock.withLock({ entries[word] }) { return known }
    let made = make(word)
    lock.withLock { entries[word] = made }
    return made
  }
}

/// The distinct words of one document, numbered in the order met, with what matching needs of
/// each in flat arrays (no reference counting in the inner loops).
struct Lexicon {
  static let negates: UInt8 = 1
  static let isBut: UInt8 = 2

  var numbers: [String: Int32] = [:]
  var texts: [String] = []
  var stemIDs: [Int32] = []
  var flags: [UInt8] = []
  /// Each word's slots in `pool`, which holds the terms whose first word it matches.
  var firstOf: [Range<Int>] = []
  var pool: [Int32] = []

  mutating func add(_ word: String, _ lexeme: Lexeme) -> Int32 {
    let number = Int32(texts.count)
    numbers[word] = number
    texts.append(word)
    stemIDs.append(lexeme.stemID)
    flags.append((lexeme.negates ? Self.negates : 0) | (lexeme.isBut ? Self.isBut : 0))
    firstOf.append(pool.count..<(pool.count + lexeme.firstOf.count))
    pool += lexeme.firstOf
    return number
  }
}

/// A text tokenised once for matching: words by their number in the document's lexicon, and
/// sentences as word ranges.
struct AnalyzedText {
  struct Word {
    /// The word's number in the `Lexicon`.
    var lexeme: Int32
    /// Whether a clause boundary (`,` `;` `:` or a dash) comes right before this word.
    var afterBreak: Bool
    /// Scalar offsets in the document.
    var start: Int
    var end: Int
  }

  var words: [Word]
  /// Sentences as scalar ranges in the document.
  var sentences: [Range<Int>]
  /// For each sentence, the range of its words in `words`.
  var sentenceWords: [Range<Int>]

  /// Analyses `span` of a document's scalars, numbering words with `lexeme`.
  init(scalars: [Unicode.Scalar], span: Range<Int>, lexeme: (String) -> Int32) {
    sentences = SentenceSplitter.sentences(in: scalars, range: span)
    words = []
    words.reserveCapacity(span.count / 5)
    sentenceWords = []
    sentenceWords.reserveCapacity(sentences.count)
    for sentence in sentences {
      let first = words.count
      var pendingBreak = false
      for token in Tokenizer.tokens(in: scalars, range: sentence) {
        guard token.kind != .punctuation else {
          if Self.isBreak(scalars[token.start]) { pendingBreak = true }
          continue
        }
        words.append(Word(lexeme: lexeme(token.text), afterBreak: pendingBreak, start: token.start, end: token.end))
        pendingBreak = false
      }
      sentenceWords.append(first..<words.count)
    }
  }

  /// `,` `;` `:` brackets and dashes: the marks that end a clause for negation.
  static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case ",", ";", ":", "(", ")", "\u{2014}", "\u{2013}", "-": true
    default: false
    }
  }
}
