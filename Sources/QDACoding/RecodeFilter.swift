public import QDAModel
import QDAText
#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Which documents and passages an edit of some codes' rules can change, told from their text
/// without coding them.
///
/// A rule's codings can change only in sentences holding one of the terms the edit touched:
/// where a rule of the `any` kind only gained or lost terms (same id, exclusions, scope,
/// questions and negation setting, the terms it kept in the same order), those terms; where a
/// rule changed in any other way, or rules were added, removed or renumbered, every term of the
/// code's rules before and after. A rule that codes whole answers, or a term with no word long
/// enough to look for, makes every passage a candidate.
///
/// Each touched term is looked for by its most telling word's letters in a text's bytes,
/// ignoring ASCII case: a prefix as written, a stem less its last two letters (a Porter stem
/// differs from its word in at most those: `stability` → `stabl`, `sensibility` → `sensibl`).
/// A document is searched for the letters alone (`occurrences(in:)`: where they lie, to find
/// the passages holding them); a passage is a candidate when the whitespace-delimited stretch
/// around a find, tokenised and stemmed as the coder does, holds a word of the term
/// (`mayChange(text:)`).
///
/// ```swift
/// let filter = RecodeFilter(old: stored, new: edited, codes: ["rules.time"])
/// filter.occurrences(in: document.text)  // []: no passage of it can change
/// filter.mayChange(text: passage.text)   // false: no word there matches a touched term
/// ```
public struct RecodeFilter: Sendable {
  /// A word to look for: lower-case ASCII letters and digits, and the term word a token there
  /// must match.
  struct Needle: Sendable {
    var bytes: [UInt8]
    var word: CompiledTerm.Word
  }

  /// Nil: every document is a candidate.
  let needles: [Needle]?
  /// Whether a needle holds a `k`.
  let hasK: Bool

  /// The shortest stretch of letters worth searching for; a shorter one would find most words.
  static let shortestNeedle = 3

  /// - Parameters:
  ///   - old, new: the codebook the project was coded with and the edited one.
  ///   - codes: the codes whose rules differ (`Pipeline.ruleEdit(in:to:)`).
  public init(old: Codebook, new: Codebook, codes: Set<String>) {
    var touched: [String] = []
    var everything = false
    for id in codes.sorted() {
      let before = old.code(id)?.rules ?? []
      let after = new.code(id)?.rules ?? []
      if before.map(\.id) == after.map(\.id) {
        for (a, b) in zip(before, after) where a != b {
          if let terms = Self.changedTerms(a, b) {
            touched += terms
          } else {
            everything = everything || a.pattern == .answers || b.pattern == .answers
            touched += a.pattern.terms + b.pattern.terms
          }
        }
      } else {
        for rule in before + after {
          everything = everything || rule.pattern == .answers
          touched += rule.pattern.terms
        }
      }
    }
    var needles: [Needle] = []
    // A term with no words (`*`) matches nothing.
    for term in Set(touched).sorted().map(CompiledTerm.init) where !term.words.isEmpty {
      guard let needle = Self.needle(for: term) else {
        everything = true
        break
      }
      needles.append(needle)
    }
    self.needles = everything ? nil : needles
    hasK = needles.contains { $0.bytes.contains(UInt8(ascii: "k")) }
  }

  /// Whether every document must be coded again.
  public var codesEveryDocument: Bool { needles == nil }

  /// Whether coding a passage (or a document) with the edited rules may give other codings than
  /// before: a touched term's word occurs in its text as a token the coder reads.
  public func mayChange(text: String) -> Bool {
    guard let needles else { return true }
    if needles.isEmpty { return false }
    var text = text
    return text.withUTF8 { bytes in
      // The Kelvin sign lower-cases to `k`, which the byte search would not see. (`İ` lower-cases
      // to `i` and a combining dot: a word holding it is not ASCII and matches no needle.)
      if hasK && Self.containsKelvinSign(bytes) { return true }
      return needles.contains { Self.occurs($0, in: bytes) }
    }
  }

  /// Where a touched term's letters occur in a document, as ranges of Unicode scalars: a
  /// passage can change only if its span holds one (a word the coder matches, read inside the
  /// passage's span, holds the letters). Empty: no passage can change. Nil: every passage may.
  public func occurrences(in text: String) -> [Range<Int>]? {
    guard let needles else { return nil }
    var text = text
    return text.withUTF8 { bytes -> [Range<Int>]? in
      if hasK && Self.containsKelvinSign(bytes) { return nil }
      var finds: [(byte: Int, length: Int)] = []
      for needle in needles {
        Self.forEachFind(of: needle.bytes, in: bytes) { index in
          finds.append((index, needle.bytes.count))
          return true
        }
      }
      finds.sort { $0.byte < $1.byte }
      // Byte offsets to scalar offsets: every byte but a UTF-8 continuation byte starts a scalar.
      var ranges: [Range<Int>] = []
      var byte = 0
      var scalar = 0
      for find in finds {
        while byte < find.byte {
          if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
          byte += 1
        }
        ranges.append(scalar..<(scalar + find.length))  // the letters are ASCII: one scalar a byte
      }
      return ranges
    }
  }

  /// The terms an `any` rule gained or lost, when that is all that changed (the terms it kept
  /// in the same order: a sentence's matched words are listed in term order where two start
  /// at the same word); nil for any other change.
  static func changedTerms(_ a: CodingRule, _ b: CodingRule) -> [String]? {
    guard case .any(let old) = a.pattern, case .any(let new) = b.pattern, a.unless == b.unless,
      a.scope == b.scope,
      a.questions == b.questions, a.codesNegated == b.codesNegated
    else { return nil }
    let (oldSet, newSet) = (Set(old), Set(new))
    guard old.filter(newSet.contains) == new.filter(oldSet.contains) else { return nil }
    return old.filter { !newSet.contains($0) } + new.filter { !oldSet.contains($0) }
  }

  /// The term's word with the longest stretch of letters to search for; nil when no word has
  /// one (short words, apostrophes, letters outside ASCII): then no search can rule a
  /// document out.
  static func needle(for term: CompiledTerm) -> Needle? {
    var best: Needle?
    for word in term.words {
      let letters: Substring
      switch word {
      case .stem(let stem): letters = stem.dropLast(2)
      case .prefix(let prefix): letters = Substring(prefix)
      }
      let bytes = Array(letters.utf8)
      guard bytes.count >= shortestNeedle, bytes.allSatisfy(Self.isLowercaseASCIIAlphanumeric)
      else { continue }
      if bytes.count > best?.bytes.count ?? 0 { best = Needle(bytes: bytes, word: word) }
    }
    return best
  }

  /// Whether a token the coder reads, found where the needle's letters occur, matches its word.
  static func occurs(_ needle: Needle, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var found = false
    forEachFind(of: needle.bytes, in: bytes) { index in
      // The stretch between ASCII whitespace around the find: tokens never cross it.
      var start = index
      while start > 0, !isASCIIWhitespace(bytes[start - 1]) { start -= 1 }
      var end = index + needle.bytes.count
      while end < bytes.count, !isASCIIWhitespace(bytes[end]) { end += 1 }
      let stretch = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      found = Tokenizer.tokens(in: stretch, punctuation: false).contains {
        needle.word.matches(text: $0.text, stem: PorterStemmer.stem($0.text))
      }
      return !found
    }
    return found
  }

  /// Calls `body` with the byte offset of each place the pattern's letters occur (ignoring ASCII
  /// case), in order, while it returns true.
  static func forEachFind(
    of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Bool
  ) {
    guard let first = pattern.first, bytes.count >= pattern.count else { return }
    var index = 0
    let last = bytes.count - pattern.count
    while index <= last {
      if Tokenizer.lowercasedASCII(UInt32(bytes[index])) == first, matchesAt(index, pattern, bytes)
      {
        guard body(index) else { return }
        index += pattern.count
      } else {
        index += 1
      }
    }
  }

  private static func matchesAt(
    _ index: Int, _ pattern: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for offset in 1..<pattern.count
    where Tokenizer.lowercasedASCII(UInt32(bytes[index + offset])) != pattern[offset] {
      return false
    }
    return true
  }

  /// Whether the bytes hold the Kelvin sign (E2 84 AA); its lead byte also starts curly
  /// quotes and dashes, so the scan jumps between lead bytes with `memchr`.
  private static func containsKelvinSign(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
    var offset = 0
    while offset < bytes.count - 2,
      let found = memchr(base + offset, 0xE2, bytes.count - 2 - offset)
    {
      let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA { return true }
      offset = index + 1
    }
    return false
  }

  private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }

  private static func isLowercaseASCIIAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
  }
}
