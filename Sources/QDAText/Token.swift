/// A word, number or punctuation mark found in a text, with its place in Unicode scalars.
public struct Token: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// Letters (with inner apostrophes): `principal`, `o'clock`; clitics split off as their own
    /// words (`did` + `n't`).
    case word
    /// Digits with an optional decimal part: `15`, `2.5`.
    case number
    /// A single punctuation or symbol scalar: `-`, `–`, `?`.
    case punctuation
  }

  public var kind: Kind
  /// The token in lower case, with curly apostrophes straightened.
  public var text: String
  /// Where the token lies, in scalar offsets of the text it came from.
  public var start: Int
  public var end: Int

  public init(kind: Kind, text: String, start: Int, end: Int) {
    self.kind = kind
    self.text = text
    self.start = start
    self.end = end
  }

  public var isWord: Bool { kind == .word }
}

/// Splits text into tokens.
///
/// ```swift
/// Tokenizer.tokens(in: "We didn't collaborate.").map(\.text)
/// // ["we", "did", "n't", "collaborate", "."]
/// ```
public enum Tokenizer {
  /// Tokenises a string; offsets count Unicode scalars from its start.
  public static func tokens(in text: String, punctuation: Bool = true) -> [Token] {
    let scalars = Array(scalarsOf: text)
    return tokens(in: scalars, range: 0..<scalars.count, punctuation: punctuation)
  }

  /// Tokenises `range` of a scalar array; offsets are indices into the array.
  public static func tokens(
    in scalars: [Unicode.Scalar], range: Range<Int>, punctuation: Bool = true
  ) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(range.count / 5)
    scalars.withUnsafeBufferPointer { buffer in
      scan(buffer, range: range) { run in
        appendWord(scalars, run, into: &tokens)
      } punctuation: { index in
        if punctuation {
          tokens.append(
            Token(
              kind: .punctuation, text: String(Character(buffer[index])), start: index,
              end: index + 1))
        }
      }
    }
    return tokens
  }

  /// A run of word scalars met by `scan`: one or more tokens (`didn't` is two).
  public struct WordRun: Sendable {
    public var start: Int
    public var end: Int
    /// Digits only (with a decimal part): a number token.
    public var isNumeric: Bool
    /// ASCII letters and digits only: one token, whose text is the run lower-cased byte for byte.
    public var isPlain: Bool

    @inlinable
    init(start: Int, end: Int, isNumeric: Bool, isPlain: Bool) {
      self.start = start
      self.end = end
      self.isNumeric = isNumeric
      self.isPlain = isPlain
    }
  }

  /// Walks `range` of a scalar buffer once, calling `word` for each run of word scalars and
  /// `punctuation` for each punctuation scalar, in order. The coder reads words this way
  /// without making a string of each: a plain run's text is its scalars lower-cased, and
  /// `tokens(of:in:)` gives the tokens of any other run.
  @inlinable
  public static func scan(
    _ scalars: UnsafeBufferPointer<Unicode.Scalar>, range: Range<Int>,
    word: (WordRun) -> Void, punctuation: (Int) -> Void
  ) {
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let scalar = scalars[index]
      if isWordScalar(scalar) {
        let start = index
        var sawLetter = false
        var allDigits = true
        var plain = true
        var lastWordEnd = index
        while index < end {
          let current = scalars[index]
          if isWordScalar(current) {
            if current.value >= 0x80 {
              plain = false
              if isLetter(current) { sawLetter = true; allDigits = false }
            } else if current.value >= 0x41 {
              sawLetter = true
              allDigits = false
            }
            index += 1
            lastWordEnd = index
          } else if isApostrophe(current), index + 1 < end, isLetter(scalars[index + 1]), sawLetter
          {
            plain = false
            index += 1
          } else if current == ".", allDigits, index + 1 < end, isDigit(scalars[index + 1]) {
            plain = false
            index += 1
          } else {
            break
          }
        }
        index = lastWordEnd
        word(WordRun(start: start, end: lastWordEnd, isNumeric: allDigits, isPlain: plain))
      } else if isWhitespace(scalar) {
        index += 1
      } else {
        punctuation(index)
        index += 1
      }
    }
  }

  /// The tokens of a word run found by `scan`, lower-cased, clitics split.
  public static func tokens(of run: WordRun, in scalars: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = []
    appendWord(scalars, run, into: &tokens)
    return tokens
  }

  /// Lower-cases a word and straightens its apostrophes, as tokens are compared.
  public static func normalize(_ word: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in word.lowercased().unicodeScalars {
      result.append(isApostrophe(scalar) ? "'" : scalar)
    }
    return String(result)
  }

  // MARK: - Private

  private static func appendWord(
    _ scalars: [Unicode.Scalar], _ run: WordRun, into tokens: inout [Token]
  ) {
    let (start, end, numeric) = (run.start, run.end, run.isNumeric)
    if run.isPlain {
      // Common case: plain ASCII letters and digits, no apostrophe, so no clitic to split.
      let word = scalars.withUnsafeBufferPointer { lowercasedPlainWord($0, start..<end) }
      tokens.append(Token(kind: numeric ? .number : .word, text: word, start: start, end: end))
      return
    }
    var text = String.UnicodeScalarView()
    for scalar in scalars[start..<end] {
      if scalar.isASCII {
        // ASCII letters lower-case by arithmetic; the Unicode mapping is for the rest.
        text.append(Unicode.Scalar(lowercasedASCII(scalar.value)))
      } else if isApostrophe(scalar) {
        text.append("'")
      } else {
        text.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      }
    }
    let word = String(text)
    if numeric {
      tokens.append(Token(kind: .number, text: word, start: start, end: end))
      return
    }
    // Split clitics: "didn't" → "did" + "n't", "it's" → "it" + "'s".
    if word.hasSuffix("n't"), word.unicodeScalars.count > 3,
      end - start == word.unicodeScalars.count
    {
      let baseLength = word.unicodeScalars.count - 3
      var base = String(word.unicodeScalars.prefix(baseLength))
      switch base {
      case "ca": base = "can"
      case "wo": base = "will"
      case "sha": base = "shall"
      default: break
      }
      tokens.append(Token(kind: .word, text: base, start: start, end: start + baseLength))
      tokens.append(Token(kind: .word, text: "n't", start: start + baseLength, end: end))
      return
    }
    for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] where word.hasSuffix(clitic) {
      let cliticLength = clitic.unicodeScalars.count
      let baseLength = word.unicodeScalars.count - cliticLength
      guard baseLength > 0, end - start == word.unicodeScalars.count else { break }
      tokens.append(
        Token(
          kind: .word, text: String(word.unicodeScalars.prefix(baseLength)), start: start,
          end: start + baseLength))
      tokens.append(Token(kind: .word, text: clitic, start: start + baseLength, end: end))
      return
    }
    tokens.append(Token(kind: .word, text: word, start: start, end: end))
  }

  /// A plain word (ASCII letters and digits only, `WordRun.isPlain`) lower-cased, built straight
  /// from bytes.
  @inlinable @inline(__always)
  public static func lowercasedPlainWord(
    _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>
  ) -> String {
    String(unsafeUninitializedCapacity: range.count) { buffer in
      for index in range {
        buffer[index - range.lowerBound] = lowercasedASCII(scalars[index].value)
      }
      return range.count
    }
  }

  /// An ASCII scalar's lower-case byte (letters lower-cased, the rest as they are).
  @inlinable @inline(__always) public static func lowercasedASCII(_ value: UInt32) -> UInt8 {
    UInt8(truncatingIfNeeded: value >= 0x41 && value <= 0x5A ? value | 0x20 : value)
  }

  @inlinable @inline(__always) static func isASCIIAlphanumeric(_ value: UInt32) -> Bool {
    (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
      || (value >= 0x30 && value <= 0x39)
  }

  @inlinable @inline(__always) static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return isASCIIAlphanumeric(scalar.value) }
    let properties = scalar.properties
    return properties.isAlphabetic || properties.numericType == .decimal
      || properties.generalCategory == .nonspacingMark
  }

  /// White space, answered for ASCII without the Unicode property tables.
  @inlinable @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) }
    return scalar.properties.isWhitespace
  }

  @inlinable @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
    }
    return scalar.properties.isAlphabetic
  }

  @inlinable @inline(__always) static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x30 && scalar.value <= 0x39
  }

  @inlinable @inline(__always) static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}"
  }
}
