/// Finds a quoted stretch of words in a text, the way a coder means it rather than byte for byte.
///
/// Coders copy quotes out of Word, PDFs and other tools, which change what is invisible: curly
/// for straight quotes, en dashes for hyphens, line breaks and double spaces for single spaces,
/// sometimes the case of the first letter. An exact match wins; otherwise the quote is matched
/// with those differences folded away, and the span returned is the original text's.
///
/// ```swift
/// let text = ScalarText("He said \u{201C}no way\u{201D} to both.")
/// QuoteLocator.find("said \"no way\"", in: text.scalars)  // [3..<16], matched loosely
/// ```
public enum QuoteLocator {
  /// How a quote matched.
  public enum Match: Sendable, Hashable {
    /// Character for character.
    case exact
    /// After folding quotes, dashes, spacing and case.
    case loose
  }

  /// Every occurrence of the quote, as spans of Unicode-scalar offsets, and how they matched:
  /// the exact occurrences when there are any, otherwise the loose ones.
  ///
  /// - Parameters:
  ///   - quote: the words to find; leading and trailing spaces are ignored.
  ///   - scalars: the text to search.
  /// - Returns: the occurrences in text order (empty when there is none) and the kind of match.
  public static func find(_ quote: String, in scalars: [Unicode.Scalar]) -> (
    spans: [Range<Int>], match: Match
  ) {
    let needle = Array(
      quote.unicodeScalars.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    guard !needle.isEmpty else { return ([], .exact) }
    let exact = occurrences(of: needle, in: scalars)
    if !exact.isEmpty { return (exact.map { $0..<($0 + needle.count) }, .exact) }

    let (folded, origins) = fold(scalars)
    let foldedNeedle = fold(needle).scalars
    guard !foldedNeedle.isEmpty else { return ([], .loose) }
    let loose = occurrences(of: foldedNeedle, in: folded).map { start -> Range<Int> in
      let last = origins[start + foldedNeedle.count - 1]
      return origins[start]..<(last + 1)
    }
    return (loose, .loose)
  }

  // MARK: - Folding

  /// The text with quotes, dashes, spaces and case folded, and for each folded scalar the offset
  /// of the original scalar it came from (a run of spaces maps to its first).
  static func fold(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], origins: [Int]) {
    var result: [Unicode.Scalar] = []
    var origins: [Int] = []
    result.reserveCapacity(scalars.count)
    origins.reserveCapacity(scalars.count)
    var lastWasSpace = false
    for (offset, scalar) in scalars.enumerated() {
      if isSpace(scalar) {
        if !lastWasSpace, !result.isEmpty {
          result.append(" ")
          origins.append(offset)
        }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      result.append(folded(scalar))
      origins.append(offset)
    }
    if result.last == " " {
      result.removeLast()
      origins.removeLast()
    }
    return (result, origins)
  }

  static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x0060, 0x00B4: return "'"
    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return "\""
    case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return "-"
    case 0x2026: return "."
    default:
      let lower = scalar.properties.lowercaseMapping.unicodeScalars
      return lower.count == 1 ? (lower.first ?? scalar) : scalar
    }
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar.value == 0x00A0
  }

  /// Start offsets of every occurrence of `needle` in `haystack`, overlapping ones included.
  static func occurrences(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
    guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
    var starts: [Int] = []
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
      if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
        starts.append(index)
      }
      index += 1
    }
    return starts
  }
}
