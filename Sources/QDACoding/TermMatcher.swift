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
  /// The number of the word's stem among the stems of the terms' later words
  /// (`AutoCoder.stemIDs`), or -1.
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
///
/// Words are found by their lower-case UTF-8 bytes in an open-addressing table, straight from the
/// document's scalars: a word already met costs a hash and a comparison, no string. Only a word
/// new to the document is made into a string, and looked up in the coder's shared `LexemeCache`.
struct Lexicon {
  static let negates: UInt8 = 1
  static let isBut: UInt8 = 2

  var texts: [String] = []
  var stemIDs: [Int32] = []
  var flags: [UInt8] = []
  /// Each word's slots in `pool`, which holds the terms whose first word it matches.
  var firstOf: [Range<Int>] = []
  var pool: [Int32] = []

  /// Word numbers by hash (-1: empty), a power of two long, at most half full.
  private var slots = [Int32](repeating: -1, count: 1024)
  private var hashes: [UInt64] = []
  /// Each word's lower-case UTF-8 bytes, in `bytes`.
  private var bytes: [UInt8] = []
  private var byteRanges: [Range<Int>] = []

  /// The number of a plain word (ASCII letters and digits), read from the scalars in `range`.
  mutating func number(
    plain scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, coder: AutoCoder
  ) -> Int32 {
    var hash = Self.seed
    for index in range { hash = (hash ^ UInt64(Tokenizer.lowercasedASCII(scalars[index].value))) &* Self.prime }
    var slot = home(hash)
    while true {
      let number = slots[slot]
      if number < 0 { break }
      if hashes[Int(number)] == hash {
        let stored = byteRanges[Int(number)]
        if stored.count == range.count {
          var same = true
          var offset = stored.lowerBound
          for index in range {
            if bytes[offset] != Tokenizer.lowercasedASCII(scalars[index].value) {
              same = false
              break
            }
            offset += 1
          }
          if same { return number }
        }
      }
      slot = following(slot)
    }
    let word = Tokenizer.lowercasedPlainWord(scalars, range)
    return add(word, hash: hash, slot: slot, coder: coder)
  }

  /// The number of a word given as its token text (lower case).
  mutating func number(text word: String, coder: AutoCoder) -> Int32 {
    var hash = Self.seed
    for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
    var slot = home(hash)
    while true {
      let number = slots[slot]
      if number < 0 { break }
      if hashes[Int(number)] == hash, bytes[byteRanges[Int(number)]].elementsEqual(word.utf8) { return number }
      slot = following(slot)
    }
    return add(word, hash: hash, slot: slot, coder: coder)
  }

  private mutating func add(_ word: String, hash: UInt64, slot: Int, coder: AutoCoder) -> Int32 {
    let lexeme = coder.lexemes.lexeme(word, make: coder.makeLexeme)
    let number = Int32(texts.count)
    texts.append(word)
    stemIDs.append(lexeme.stemID)
    flags.append((lexeme.negates ? Self.negates : 0) | (lexeme.isBut ? Self.isBut : 0))
    firstOf.append(pool.count..<(pool.count + lexeme.firstOf.count))
    pool += lexeme.firstOf
    hashes.append(hash)
    let start = bytes.count
    bytes += word.utf8
    byteRanges.append(start..<bytes.count)
    slots[slot] = number
    if texts.count * 2 > slots.count { grow() }
    return number
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    for (number, hash) in hashes.enumerated() {
      var slot = home(hash)
      while slots[slot] >= 0 { slot = following(slot) }
      slots[slot] = Int32(number)
    }
  }

  /// Where a hash's probe starts, and the slot after `slot` (linear probing).
  @inline(__always) private func home(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (slots.count - 1)
  }

  @inline(__always) private func following(_ slot: Int) -> Int { (slot + 1) & (slots.count - 1) }

  // FNV-1a over the word's bytes. `number(plain:)` hashes and compares the scalars in place and
  // `number(text:)` a token's UTF-8: one generic probe over both measured 3% slower coding.
  private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  private static let prime: UInt64 = 0x100_0000_01b3
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

  /// Analyses `span` of a document's scalars (`buffer` is `scalars`' storage), numbering words
  /// in the document's lexicon.
  init(
    scalars: [Unicode.Scalar], buffer: UnsafeBufferPointer<Unicode.Scalar>, span: Range<Int>,
    lexicon: inout Lexicon, coder: AutoCoder
  ) {
    sentences = SentenceSplitter.sentences(in: scalars, range: span)
    var words: [Word] = []
    words.reserveCapacity(span.count / 5)
    sentenceWords = []
    sentenceWords.reserveCapacity(sentences.count)
    for sentence in sentences {
      let first = words.count
      var pendingBreak = false
      Tokenizer.scan(buffer, range: sentence) { run in
        if run.isPlain {
          let lexeme = lexicon.number(plain: buffer, run.start..<run.end, coder: coder)
          words.append(Word(lexeme: lexeme, afterBreak: pendingBreak, start: run.start, end: run.end))
        } else {
          for token in Tokenizer.tokens(of: run, in: scalars) {
            let lexeme = lexicon.number(text: token.text, coder: coder)
            words.append(Word(lexeme: lexeme, afterBreak: pendingBreak, start: token.start, end: token.end))
            pendingBreak = false
          }
        }
        pendingBreak = false
      } punctuation: { index in
        if Self.isBreak(buffer[index]) { pendingBreak = true }
      }
      sentenceWords.append(first..<words.count)
    }
    self.words = words
  }

  /// `,` `;` `:` brackets and dashes: the marks that end a clause for negation.
  static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case ",", ";", ":", "(", ")", "\u{2014}", "\u{2013}", "-": true
    default: false
    }
  }
}
