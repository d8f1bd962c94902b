/// The Porter (1980) stemming algorithm, the one SQLite's FTS5 `porter` tokenizer applies, so a
/// term a rule stems matches what a full-text query stems.
///
/// ```swift
/// PorterStemmer.stem("collaborating")  // "collabor"
/// PorterStemmer.stem("collaboration")  // "collabor"
/// ```
///
/// Words with characters outside a–z, and words of one or two letters, come back unchanged.
public enum PorterStemmer {
  /// Returns the stem of a lower-case word.
  public static func stem(_ word: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(word.utf8.count)
    for byte in word.utf8 {
      guard byte >= 0x61 && byte <= 0x7A else { return word }
      bytes.append(byte)
    }
    guard bytes.count > 2 else { return word }
    var stemmer = Stemmer(bytes)
    stemmer.run()
    return String(decoding: stemmer.word[0...stemmer.k], as: UTF8.self)
  }
}

/// The algorithm's state, after Porter's reference C implementation: `word[0...k]` is the current
/// word and `j` marks the end of the stem a suffix test found.
private struct Stemmer {
  var word: [UInt8]
  var k: Int
  var j = 0

  init(_ word: [UInt8]) {
    self.word = word
    self.k = word.count - 1
  }

  mutating func run() {
    step1ab()
    if k > 0 {
      step1c()
      step2()
      step3()
      step4()
      step5()
    }
  }

  // MARK: - Predicates

  /// Whether `word[i]` is a consonant.
  func isConsonant(_ i: Int) -> Bool {
    switch word[i] {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
      UInt8(ascii: "u"):
      return false
    case UInt8(ascii: "y"):
      return i == 0 ? true : !isConsonant(i - 1)
    default:
      return true
    }
  }

  /// The number of vowel-consonant sequences in `word[0...j]`.
  func measure() -> Int {
    var n = 0
    var i = 0
    while true {
      if i > j { return n }
      if !isConsonant(i) { break }
      i += 1
    }
    i += 1
    while true {
      while true {
        if i > j { return n }
        if isConsonant(i) { break }
        i += 1
      }
      i += 1
      n += 1
      while true {
        if i > j { return n }
        if !isConsonant(i) { break }
        i += 1
      }
      i += 1
    }
  }

  /// Whether `word[0...j]` contains a vowel.
  func stemHasVowel() -> Bool {
    guard j >= 0 else { return false }
    for i in 0...j where !isConsonant(i) { return true }
    return false
  }

  /// Whether `word[i-1...i]` is a double consonant.
  func doubleConsonant(_ i: Int) -> Bool {
    guard i >= 1, word[i] == word[i - 1] else { return false }
    return isConsonant(i)
  }

  /// Whether `word[i-2...i]` is consonant-vowel-consonant and the last is not w, x or y.
  func cvc(_ i: Int) -> Bool {
    guard i >= 2, isConsonant(i), !isConsonant(i - 1), isConsonant(i - 2) else { return false }
    let last = word[i]
    return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
  }

  /// Whether `word[0...k]` ends with `suffix`; sets `j` to the end of the stem before it.
  mutating func ends(_ suffix: StaticString) -> Bool {
    let length = suffix.utf8CodeUnitCount
    guard length <= k + 1 else { return false }
    let start = k - length + 1
    return suffix.withUTF8Buffer { buffer in
      for offset in 0..<length where word[start + offset] != buffer[offset] { return false }
      j = k - length
      return true
    }
  }

  /// Replaces `word[j+1...k]` with `replacement`.
  mutating func setTo(_ replacement: StaticString) {
    let length = replacement.utf8CodeUnitCount
    replacement.withUTF8Buffer { word.replaceSubrange((j + 1)..<(k + 1), with: $0) }
    k = j + length
    if word.count > k + 1 { word.removeSubrange((k + 1)...) }
  }

  mutating func replaceIfMeasured(_ replacement: StaticString) {
    if measure() > 0 { setTo(replacement) }
  }

  // MARK: - Steps

  /// Plurals and -ed or -ing.
  mutating func step1ab() {
    if word[k] == UInt8(ascii: "s") {
      if ends("sses") {
        k -= 2
      } else if ends("ies") {
        setTo("i")
      } else if k >= 1 && word[k - 1] != UInt8(ascii: "s") {
        k -= 1
      }
    }
    if ends("eed") {
      if measure() > 0 { k -= 1 }
    } else if (ends("ed") || ends("ing")) && stemHasVowel() {
      k = j
      if ends("at") {
        setTo("ate")
      } else if ends("bl") {
        setTo("ble")
      } else if ends("iz") {
        setTo("ize")
      } else if doubleConsonant(k) {
        let last = word[k]
        k -= 1
        if last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z") {
          k += 1
        }
      } else {
        j = k
        if measure() == 1 && cvc(k) { setTo("e") }
      }
    }
    trim()
  }

  /// Terminal y to i when there is another vowel in the stem.
  mutating func step1c() {
    if ends("y") && stemHasVowel() {
      word[k] = UInt8(ascii: "i")
    }
  }

  /// Double suffixes to single ones (-ization → -ize…).
  mutating func step2() {
    guard k >= 1 else { return }
    switch word[k - 1] {
    case UInt8(ascii: "a"):
      if ends("ational") { replaceIfMeasured("ate"); break }
      if ends("tional") { replaceIfMeasured("tion"); break }
    case UInt8(ascii: "c"):
      if ends("enci") { replaceIfMeasured("ence"); break }
      if ends("anci") { replaceIfMeasured("ance"); break }
    case UInt8(ascii: "e"):
      if ends("izer") { replaceIfMeasured("ize"); break }
    case UInt8(ascii: "l"):
      if ends("bli") { replaceIfMeasured("ble"); break }
      if ends("alli") { replaceIfMeasured("al"); break }
      if ends("entli") { replaceIfMeasured("ent"); break }
      if ends("eli") { replaceIfMeasured("e"); break }
      if ends("ousli") { replaceIfMeasured("ous"); break }
    case UInt8(ascii: "o"):
      if ends("ization") { replaceIfMeasured("ize"); break }
      if ends("ation") { replaceIfMeasured("ate"); break }
      if ends("ator") { replaceIfMeasured("ate"); break }
    case UInt8(ascii: "s"):
      if ends("alism") { replaceIfMeasured("al"); break }
      if ends("iveness") { replaceIfMeasured("ive"); break }
      if ends("fulness") { replaceIfMeasured("ful"); break }
      if ends("ousness") { replaceIfMeasured("ous"); break }
    case UInt8(ascii: "t"):
      if ends("aliti") { replaceIfMeasured("al"); break }
      if ends("iviti") { replaceIfMeasured("ive"); break }
      if ends("biliti") { replaceIfMeasured("ble"); break }
    case UInt8(ascii: "g"):
      if ends("logi") { replaceIfMeasured("log"); break }
    default:
      break
    }
  }

  /// -ic-, -full, -ness and similar.
  mutating func step3() {
    switch word[k] {
    case UInt8(ascii: "e"):
      if ends("icate") { replaceIfMeasured("ic"); break }
      if ends("ative") { replaceIfMeasured(""); break }
      if ends("alize") { replaceIfMeasured("al"); break }
    case UInt8(ascii: "i"):
      if ends("iciti") { replaceIfMeasured("ic"); break }
    case UInt8(ascii: "l"):
      if ends("ical") { replaceIfMeasured("ic"); break }
      if ends("ful") { replaceIfMeasured(""); break }
    case UInt8(ascii: "s"):
      if ends("ness") { replaceIfMeasured(""); break }
    default:
      break
    }
  }

  /// -ant, -ence and the like, when the measure is over one.
  mutating func step4() {
    guard k >= 1 else { return }
    var matched = false
    switch word[k - 1] {
    case UInt8(ascii: "a"): matched = ends("al")
    case UInt8(ascii: "c"): matched = ends("ance") || ends("ence")
    case UInt8(ascii: "e"): matched = ends("er")
    case UInt8(ascii: "i"): matched = ends("ic")
    case UInt8(ascii: "l"): matched = ends("able") || ends("ible")
    case UInt8(ascii: "n"): matched = ends("ant") || ends("ement") || ends("ment") || ends("ent")
    case UInt8(ascii: "o"):
      if ends("ion") && j >= 0 && (word[j] == UInt8(ascii: "s") || word[j] == UInt8(ascii: "t")) {
        matched = true
      } else {
        matched = ends("ou")
      }
    case UInt8(ascii: "s"): matched = ends("ism")
    case UInt8(ascii: "t"): matched = ends("ate") || ends("iti")
    case UInt8(ascii: "u"): matched = ends("ous")
    case UInt8(ascii: "v"): matched = ends("ive")
    case UInt8(ascii: "z"): matched = ends("ize")
    default: matched = false
    }
    if matched && measure() > 1 { k = j }
  }

  /// A final -e, and -ll to -l, when the measure allows.
  mutating func step5() {
    j = k
    if word[k] == UInt8(ascii: "e") {
      let m = measure()
      if m > 1 || (m == 1 && !cvc(k - 1)) { k -= 1 }
    }
    if word[k] == UInt8(ascii: "l") && doubleConsonant(k) && measure() > 1 { k -= 1 }
  }

  mutating func trim() {
    if word.count > k + 1 { word.removeSubrange((k + 1)...) }
  }
}
