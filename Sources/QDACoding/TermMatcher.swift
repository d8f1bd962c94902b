import QDAModel
import QDAText
import Foundation
import Synchronization

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

/// Workspaces kept between documents, so a word met in one document is not worked out again in
/// the next: a coding call takes one (or starts an empty one) and gives it back when done. Each
/// call has its workspace to itself, so matching takes no lock; there are as many workspaces as
/// calls that ran at once.
final class WorkspacePool: Sendable {
  private let idle = Mutex<[AutoCoder.Workspace]>([])

  /// A workspace whose lexicon has more distinct words than this is let go rather than kept, so
  /// that a corpus of unusual words (codes, numbers, names) cannot grow the pool without end.
  static let largest = 1_000_000

  func take() -> AutoCoder.Workspace { idle.withLock { $0.popLast() } ?? AutoCoder.Workspace() }

  func giveBack(_ workspace: AutoCoder.Workspace) {
    guard workspace.lexicon.texts.count <= Self.largest else { return }
    idle.withLock { $0.append(workspace) }
  }
}

/// The distinct words met by a coding thread, numbered in the order met, with what matching needs
/// of each in flat arrays (no reference counting in the inner loops).
///
/// Words are found by their lower-case UTF-8 bytes in an open-addressing table, straight from the
/// document's scalars: a word already met costs a hash and a comparison, no string. Only a word
/// new to the lexicon is made into a string and worked out (`AutoCoder.makeLexeme`). A run that
/// is not plain (`didn't`, `3.5`, `café`) is tokenised once and its tokens kept by the run's
/// scalars. Lexicons outlive documents (`WorkspacePool`).
struct Lexicon {
  static let negates: UInt8 = 1
  static let isBut: UInt8 = 2

  var texts: [String] = []
  var stemIDs: [Int32] = []
  var flags: [UInt8] = []
  /// Each word's slots in `pool`, which holds the terms whose first word it matches.
  var firstOf: [Range<Int>] = []
  var pool: [Int32] = []

  /// Words by the hash of their lower-case bytes; each word's bytes are in `bytes`.
  private var words = HashSlots()
  private var bytes: [UInt8] = []
  private var byteRanges: [Range<Int>] = []

  /// Runs that are not plain by the hash of their scalars; each run's scalars are in
  /// `runScalars`, its tokens (word numbers and scalar offsets in the run) in `runTokens`.
  private var runs = HashSlots()
  private var runScalars: [Unicode.Scalar] = []
  private var runScalarRanges: [Range<Int>] = []
  private(set) var runTokens: [(word: Int32, start: Int, end: Int)] = []
  private var runTokenRanges: [Range<Int>] = []

  /// The number of a plain word (ASCII letters and digits), read from the scalars in `range`.
  mutating func number(
    plain scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, coder: AutoCoder
  ) -> Int32 {
    var hash = HashSlots.seed
    for index in range {
      hash = HashSlots.mix(hash, UInt32(Tokenizer.lowercasedASCII(scalars[index].value)))
    }
    let (found, slot) = words.find(hash) { number in
      let stored = byteRanges[Int(number)]
      guard stored.count == range.count else { return false }
      var offset = stored.lowerBound
      for index in range {
        if bytes[offset] != Tokenizer.lowercasedASCII(scalars[index].value) { return false }
        offset += 1
      }
      return true
    }
    if let found { return found }
    return add(Tokenizer.lowercasedPlainWord(scalars, range), hash: hash, slot: slot, coder: coder)
  }

  /// The tokens of a run that is not plain, as a range of `runTokens`.
  mutating func tokens(
    of run: Tokenizer.WordRun, in scalars: [Unicode.Scalar],
    _ buffer: UnsafeBufferPointer<Unicode.Scalar>,
    coder: AutoCoder
  ) -> Range<Int> {
    var hash = HashSlots.seed
    for index in run.start..<run.end { hash = HashSlots.mix(hash, buffer[index].value) }
    let (found, slot) = runs.find(hash) { number in
      runScalars[runScalarRanges[Int(number)]].elementsEqual(buffer[run.start..<run.end])
    }
    if let found { return runTokenRanges[Int(found)] }
    let first = runTokens.count
    for token in Tokenizer.tokens(of: run, in: scalars) {
      runTokens.append(
        (number(text: token.text, coder: coder), token.start - run.start, token.end - run.start))
    }
    runTokenRanges.append(first..<runTokens.count)
    runScalarRanges.append(runScalars.count..<(runScalars.count + run.end - run.start))
    runScalars += buffer[run.start..<run.end]
    runs.insert(hash, at: slot)
    return first..<runTokens.count
  }

  /// The number of a word given as its token text (lower case).
  private mutating func number(text word: String, coder: AutoCoder) -> Int32 {
    var hash = HashSlots.seed
    for byte in word.utf8 { hash = HashSlots.mix(hash, UInt32(byte)) }
    let (found, slot) = words.find(hash) { bytes[byteRanges[Int($0)]].elementsEqual(word.utf8) }
    if let found { return found }
    return add(word, hash: hash, slot: slot, coder: coder)
  }

  private mutating func add(_ word: String, hash: UInt64, slot: Int, coder: AutoCoder) -> Int32 {
    let lexeme = coder.makeLexeme(word)
    texts.append(word)
    stemIDs.append(lexeme.stemID)
    flags.append((lexeme.negates ? Self.negates : 0) | (lexeme.isBut ? Self.isBut : 0))
    firstOf.append(pool.count..<(pool.count + lexeme.firstOf.count))
    pool += lexeme.firstOf
    let start = bytes.count
    bytes += word.utf8
    byteRanges.append(start..<bytes.count)
    return words.insert(hash, at: slot)
  }
}

/// Numbers found by a 64-bit hash: an open-addressing table (linear probing), a power of two
/// long and at most half full. The caller keeps the keys and says whether a number's key is the
/// one sought.
struct HashSlots {
  /// Numbers by hash (-1: empty).
  private var slots = [Int32](repeating: -1, count: 1024)
  private var hashes: [UInt64] = []

  /// The number whose hash is `hash` and whose key `same` accepts, or nil and the slot where it
  /// goes (`insert(_:at:)`).
  @inline(__always)
  func find(_ hash: UInt64, same: (Int32) -> Bool) -> (Int32?, Int) {
    var slot = home(hash)
    while true {
      let number = slots[slot]
      if number < 0 { return (nil, slot) }
      if hashes[Int(number)] == hash, same(number) { return (number, slot) }
      slot = (slot + 1) & (slots.count - 1)
    }
  }

  /// Numbers a new key, at the slot `find` gave for its hash.
  mutating func insert(_ hash: UInt64, at slot: Int) -> Int32 {
    let number = Int32(hashes.count)
    hashes.append(hash)
    slots[slot] = number
    if hashes.count * 2 > slots.count {
      slots = [Int32](repeating: -1, count: slots.count * 2)
      for (number, hash) in hashes.enumerated() {
        var slot = home(hash)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(number)
      }
    }
    return number
  }

  @inline(__always) private func home(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (slots.count - 1)
  }

  // FNV-1a, a scalar or byte at a time.
  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
  @inline(__always) static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
    (hash ^ UInt64(value)) &* 0x100_0000_01b3
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

  var words: [Word] = []
  /// Sentences as scalar ranges in the document.
  var sentences: [Range<Int>] = []
  /// For each sentence, the range of its words in `words`.
  var sentenceWords: [Range<Int>] = []

  /// Analyses `span` of a document's scalars (`buffer` is `scalars`' storage), numbering words
  /// in the lexicon. What the text held before is replaced; its storage is kept for the next
  /// passage.
  mutating func analyze(
    scalars: [Unicode.Scalar], buffer: UnsafeBufferPointer<Unicode.Scalar>, span: Range<Int>,
    lexicon: inout Lexicon, coder: AutoCoder
  ) {
    SentenceSplitter.sentences(in: scalars, range: span, into: &sentences)
    words.removeAll(keepingCapacity: true)
    sentenceWords.removeAll(keepingCapacity: true)
    for sentence in sentences {
      let first = words.count
      var pendingBreak = false
      Tokenizer.scan(buffer, range: sentence) { run in
        if run.isPlain {
          let lexeme = lexicon.number(plain: buffer, run.start..<run.end, coder: coder)
          words.append(
            Word(lexeme: lexeme, afterBreak: pendingBreak, start: run.start, end: run.end))
        } else {
          let tokens = lexicon.tokens(of: run, in: scalars, buffer, coder: coder)
          for token in lexicon.runTokens[tokens] {
            words.append(
              Word(
                lexeme: token.word, afterBreak: pendingBreak, start: run.start + token.start,
                end: run.start + token.end))
            pendingBreak = false
          }
        }
        pendingBreak = false
      } punctuation: { index in
        if Self.isBreak(buffer[index]) { pendingBreak = true }
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
