import QDAModel
import QDAText

/// A rule term compiled to word matchers: each word a Porter stem, or a prefix for `collab*`.
struct CompiledTerm: Hashable, Sendable {
  enum Word: Hashable, Sendable {
    case stem(String)
    case prefix(String)

    func matches(_ token: AnalyzedText.Word) -> Bool {
      switch self {
      case .stem(let stem): token.stem == stem
      case .prefix(let prefix): token.text.hasPrefix(prefix)
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

/// A text tokenised once for matching: words with stems, and sentences as word ranges.
public struct AnalyzedText: Sendable {
  public struct Word: Hashable, Sendable {
    /// Lower-case text.
    public var text: String
    public var stem: String
    /// Scalar offsets in the document.
    public var start: Int
    public var end: Int
    /// The index of the sentence holding the word.
    public var sentence: Int
    /// Whether a clause boundary (`,` `;` `:` or a dash) comes right before this word.
    public var afterBreak: Bool
  }

  public var words: [Word]
  /// Sentences as scalar ranges in the document.
  public var sentences: [Range<Int>]
  /// For each sentence, the range of its words in `words`.
  public var sentenceWords: [Range<Int>]

  /// Analyses `span` of a document's scalars.
  ///
  /// - Parameter stems: a cache of Porter stems, shared across passages.
  public init(scalars: [Unicode.Scalar], span: Range<Int>, stems: inout [String: String]) {
    sentences = SentenceSplitter.sentences(in: scalars, range: span)
    words = []
    sentenceWords = []
    var pendingBreak = false
    for (index, sentence) in sentences.enumerated() {
      let first = words.count
      pendingBreak = false
      for token in Tokenizer.tokens(in: scalars, range: sentence) {
        guard token.kind != .punctuation else {
          if ",;:()\u{2014}\u{2013}-".unicodeScalars.contains(scalars[token.start]) { pendingBreak = true }
          continue
        }
        let stem: String
        if let cached = stems[token.text] {
          stem = cached
        } else {
          stem = PorterStemmer.stem(token.text)
          stems[token.text] = stem
        }
        words.append(
          Word(text: token.text, stem: stem, start: token.start, end: token.end, sentence: index,
               afterBreak: pendingBreak))
        pendingBreak = false
      }
      sentenceWords.append(first..<words.count)
    }
  }

  /// Every place a term occurs inside a range of words, as word ranges.
  func occurrences(of term: CompiledTerm, in range: Range<Int>) -> [Range<Int>] {
    guard let first = term.words.first else { return [] }
    var result: [Range<Int>] = []
    var index = range.lowerBound
    while index + term.words.count <= range.upperBound {
      if first.matches(words[index]) {
        var matched = true
        for offset in 1..<term.words.count where !term.words[offset].matches(words[index + offset]) {
          matched = false
          break
        }
        if matched { result.append(index..<(index + term.words.count)) }
      }
      index += 1
    }
    return result
  }
}
