import Foundation

/// BERT's uncased tokenizer: text cleaned, lower-cased and stripped of accents, split at white
/// space and punctuation (each CJK ideograph a word of its own), then each word cut into the
/// longest word pieces the vocabulary holds (`##` marks a piece inside a word).
///
/// It gives the same ids as Hugging Face's `BertTokenizer` with `do_lower_case` for
/// all-MiniLM-L6-v2's `vocab.txt`.
///
/// ```swift
/// let tokenizer = try WordPieceTokenizer(vocabulary: vocabText)
/// tokenizer.ids(for: "Clunky!")  // [101, 18856, 16814, 2100, 999, 102]
/// ```
public struct WordPieceTokenizer: Sendable {
  /// The longest a sentence's ids may be, `[CLS]` and `[SEP]` included.
  public let maximumLength: Int
  private let vocabulary: [String: Int32]
  let classifier: Int32
  let separator: Int32
  let unknown: Int32

  /// The longest word, in Unicode scalars, that is cut into pieces; longer ones are `[UNK]`.
  static let longestWord = 100

  /// Reads a vocabulary: one token a line, its id the line's number from 0.
  ///
  /// - Parameters:
  ///   - vocabulary: the text of `vocab.txt`.
  ///   - maximumLength: the longest id sequence (`[CLS]` and `[SEP]` included).
  ///   - file: the vocabulary's file name, for error messages.
  /// - Throws: `EncoderError.malformedVocabulary` when `[CLS]`, `[SEP]` or `[UNK]` is missing.
  public init(vocabulary: String, maximumLength: Int = 256, file: String = "vocab.txt") throws {
    var table: [String: Int32] = [:]
    var id: Int32 = 0
    for line in vocabulary.split(separator: "\n", omittingEmptySubsequences: false) {
      var token = String(line)
      if token.hasSuffix("\r") { token.removeLast() }
      if !token.isEmpty, table[token] == nil { table[token] = id }
      id += 1
    }
    func special(_ token: String) throws -> Int32 {
      guard let id = table[token] else {
        throw EncoderError(
          file: file, reason: .malformedVocabulary, message: "the vocabulary has no \(token) token")
      }
      return id
    }
    self.vocabulary = table
    self.classifier = try special("[CLS]")
    self.separator = try special("[SEP]")
    self.unknown = try special("[UNK]")
    self.maximumLength = max(maximumLength, 2)
  }

  /// The number of tokens in the vocabulary.
  public var count: Int { vocabulary.count }

  /// The ids of a sentence: `[CLS]`, its word pieces (cut to fit), `[SEP]`.
  public func ids(for text: String) -> [Int32] {
    var ids: [Int32] = [classifier]
    let room = maximumLength - 1
    for word in Self.words(in: text) {
      appendPieces(of: word, to: &ids)
      if ids.count >= room { break }
    }
    if ids.count > room { ids.removeLast(ids.count - room) }
    ids.append(separator)
    return ids
  }

  // MARK: - Basic tokenizing

  /// The words and punctuation marks of a text, lower-cased and without accents, as scalars.
  static func words(in text: String) -> [[Unicode.Scalar]] {
    var words: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    func flush() {
      if !current.isEmpty { words.append(normalized(current)) }
      current.removeAll(keepingCapacity: true)
    }
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0 || value == 0xFFFD { continue }
      if isWhitespace(scalar) {
        flush()
        continue
      }
      if isControl(scalar) { continue }
      if isIdeograph(value) {
        flush()
        words.append([scalar])
        continue
      }
      current.append(scalar)
    }
    flush()
    // Punctuation splits words after lower-casing and accent stripping, as BERT does it.
    var result: [[Unicode.Scalar]] = []
    result.reserveCapacity(words.count)
    for word in words {
      var piece: [Unicode.Scalar] = []
      for scalar in word {
        if isPunctuation(scalar) {
          if !piece.isEmpty { result.append(piece) }
          result.append([scalar])
          piece.removeAll(keepingCapacity: true)
        } else {
          piece.append(scalar)
        }
      }
      if !piece.isEmpty { result.append(piece) }
    }
    return result
  }

  /// Lower-cased, canonically decomposed, combining marks removed.
  private static func normalized(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var plainASCII = true
    for scalar in scalars where scalar.value >= 0x80 { plainASCII = false; break }
    if plainASCII {
      return scalars.map {
        $0.value >= 65 && $0.value <= 90 ? (Unicode.Scalar($0.value + 32) ?? $0) : $0
      }
    }
    var string = String.UnicodeScalarView()
    string.append(contentsOf: scalars)
    let decomposed = String(string).lowercased().decomposedStringWithCanonicalMapping
    return decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case " ", "\t", "\n", "\r": return true
    default: return scalar.properties.generalCategory == .spaceSeparator
    }
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    // As Hugging Face's fast BertNormalizer: every "other" category but the three white-space controls.
    case .control, .format, .privateUse, .unassigned, .surrogate: return true
    default: return false
    }
  }

  private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
      || (123...126).contains(value)
    {
      return true
    }
    if value < 128 { return false }
    switch scalar.properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return true
    default: return false
    }
  }

  private static func isIdeograph(_ value: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
      || (0x20000...0x2A6DF).contains(value)
      || (0x2A700...0x2B73F).contains(value) || (0x2B740...0x2B81F).contains(value)
      || (0x2B820...0x2CEAF).contains(value) || (0xF900...0xFAFF).contains(value)
      || (0x2F800...0x2FA1F).contains(value)
  }

  // MARK: - Word pieces

  /// Greedy longest-match-first: a word none of whose splits the vocabulary holds is `[UNK]`.
  private func appendPieces(of word: [Unicode.Scalar], to ids: inout [Int32]) {
    guard word.count <= Self.longestWord else {
      ids.append(unknown)
      return
    }
    let mark = ids.count
    var start = 0
    while start < word.count {
      var end = word.count
      var found: Int32?
      while start < end {
        var piece = start == 0 ? "" : "##"
        piece.unicodeScalars.append(contentsOf: word[start..<end])
        if let id = vocabulary[piece] {
          found = id
          break
        }
        end -= 1
      }
      guard let id = found else {
        ids.removeLast(ids.count - mark)
        ids.append(unknown)
        return
      }
      ids.append(id)
      start = end
    }
  }
}
