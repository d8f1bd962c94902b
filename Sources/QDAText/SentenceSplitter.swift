/// Splits speech into sentences, so auto-coding can code the sentence that carries the evidence
/// rather than the whole turn.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) when the next
/// word starts with a capital, a digit or an opening quote, and at every line break. Titles and
/// initials (`Dr.`, `Ph.D.`, `K. Brandt`) do not end sentences, nor does a trailing `?` or `...`
/// followed by a lower-case word, which is how transcribers write speech that runs on.
///
/// ```swift
/// SentenceSplitter.sentences(in: "I asked Dr. Ortiz. She agreed!").count  // 2
/// ```
public enum SentenceSplitter {
  /// Sentence ranges, in scalar offsets, of a string.
  public static func sentences(in text: String) -> [Range<Int>] {
    let scalars = Array(scalarsOf: text)
    return sentences(in: scalars, range: 0..<scalars.count)
  }

  /// Sentence ranges inside `range` of a scalar array, trimmed of surrounding white space.
  public static func sentences(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    sentences(in: scalars, range: range, into: &result)
    return result
  }

  /// Sentence ranges inside `range` of a scalar array, in place of what `result` held (its
  /// storage reused).
  public static func sentences(
    in scalars: [Unicode.Scalar], range: Range<Int>, into result: inout [Range<Int>]
  ) {
    result.removeAll(keepingCapacity: true)
    var sentenceStart = range.lowerBound
    var index = range.lowerBound
    let end = range.upperBound

    func emit(_ upper: Int) {
      if let trimmed = trim(scalars, sentenceStart..<upper) { result.append(trimmed) }
    }

    while index < end {
      let scalar = scalars[index]
      if scalar == "\n" {
        emit(index)
        sentenceStart = index + 1
        index += 1
        continue
      }
      guard isTerminator(scalar) else {
        index += 1
        continue
      }
      // Take the whole run of terminators and closing marks: `?!`, `..."`, `.)`.
      var after = index + 1
      while after < end, isTerminator(scalars[after]) || isCloser(scalars[after]) { after += 1 }
      if isBoundary(scalars, terminatorAt: index, runEnd: after, limit: end) {
        emit(after)
        sentenceStart = after
      }
      index = after
    }
    emit(end)
  }

  // MARK: - Private

  private static let abbreviations: Set<String> = [
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "vs", "etc", "jr", "sr", "no", "approx", "e.g",
    "p", "pp",
    "i.e", "ph.d", "ed.d", "u.s", "a.m", "p.m", "mt", "ft", "rev", "hon", "gov", "supt", "asst",
  ]

  private static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "." || scalar == "!" || scalar == "?" || scalar == "\u{2026}"
  }

  private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\"" || scalar == "'" || scalar == ")" || scalar == "]" || scalar == "\u{201D}"
      || scalar == "\u{2019}"
  }

  private static func isBoundary(
    _ scalars: [Unicode.Scalar], terminatorAt index: Int, runEnd: Int, limit: Int
  ) -> Bool {
    // Next non-space scalar.
    var next = runEnd
    var sawSpace = false
    while next < limit, scalars[next] == " " || scalars[next] == "\t" || scalars[next] == "\u{00A0}"
    {
      next += 1
      sawSpace = true
    }
    if next >= limit || scalars[next] == "\n" { return true }
    guard sawSpace else { return false }  // "3.5", "e.g.x", "U.S.A"
    let following = scalars[next]
    let startsSentence =
      isUppercase(following) || Tokenizer.isDigit(following) || following == "\""
      || following == "\u{201C}" || following == "(" || following == "["
      || following == "\u{2018}" || following == "-" || following == "\u{2014}"
    guard startsSentence else { return false }
    // A lone period after a title or an initial does not end a sentence. Only a word short
    // enough to be an abbreviation is looked up.
    guard scalars[index] == ".", runEnd == index + 1 else { return true }
    let start = wordStart(scalars, index)
    if index - start <= maxAbbreviation {
      if index - start == 1, isUppercase(scalars[start]) { return false }
      if let key = asciiKey(scalars, start..<index) { return !abbreviationKeys.contains(key) }
      let word = String(scalars: scalars[start..<index])
      if abbreviations.contains(word.lowercased()) { return false }
    }
    return true
  }

  private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
  }

  /// The abbreviations' letters packed as `asciiKey` packs a word, to look one up without a string.
  private static let abbreviationKeys = Set(
    abbreviations.compactMap { word in
      let scalars = Array(word.unicodeScalars)
      return asciiKey(scalars, 0..<scalars.count)
    })

  /// An ASCII word of at most eight scalars, lower-cased, as one number (nil for any other word).
  private static func asciiKey(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> UInt64? {
    guard range.count <= 8 else { return nil }
    var key: UInt64 = 0
    for index in range {
      let value = scalars[index].value
      guard value < 0x80 else { return nil }
      key = key << 8 | UInt64(Tokenizer.lowercasedASCII(value))
    }
    return key
  }

  /// The longest abbreviation, in scalars: a longer word before a period is never one.
  private static let maxAbbreviation = abbreviations.map(\.unicodeScalars.count).max() ?? 0

  /// Where the word (letters and inner periods) that ends just before `index` starts.
  private static func wordStart(_ scalars: [Unicode.Scalar], _ index: Int) -> Int {
    var start = index
    while start > 0, Tokenizer.isLetter(scalars[start - 1]) || scalars[start - 1] == "." {
      start -= 1
    }
    return start
  }

  private static func trim(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int>? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, Tokenizer.isWhitespace(scalars[lower]) { lower += 1 }
    while upper > lower, Tokenizer.isWhitespace(scalars[upper - 1]) { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }
}
