import QDAText
import Foundation

/// Where offsets in a text land after replacements: old Unicode-scalar offsets to new ones, so
/// that passages, codings and contradiction spans keep pointing at the same words.
public struct OffsetMap: Hashable, Sendable {
  /// The replaced ranges of the old text, in order, with the length of what replaced each.
  public private(set) var edits: [(old: Range<Int>, newLength: Int)]

  public init(edits: [(old: Range<Int>, newLength: Int)] = []) { self.edits = edits }

  /// The new offset of an old start offset (an offset inside a replaced name moves to its start).
  public func start(_ offset: Int) -> Int { map(offset, isEnd: false) }
  /// The new offset of an old end offset (an offset inside a replaced name moves to its end).
  public func end(_ offset: Int) -> Int { map(offset, isEnd: true) }

  private func map(_ offset: Int, isEnd: Bool) -> Int {
    var delta = 0
    // The edits are few per document; a linear pass is cheaper than a search for them.
    for edit in edits {
      if edit.old.upperBound <= offset {
        delta += edit.newLength - edit.old.count
      } else if edit.old.lowerBound < offset {
        return edit.old.lowerBound + delta + (isEnd ? edit.newLength : 0)
      } else {
        break
      }
    }
    return offset + delta
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.edits.elementsEqual(b.edits) { $0.old == $1.old && $0.newLength == $1.newLength }
  }

  public func hash(into hasher: inout Hasher) {
    for edit in edits {
      hasher.combine(edit.old)
      hasher.combine(edit.newLength)
    }
  }
}

/// Replaces every name of a pseudonym key in a text, consistently: the full name and, for
/// people, the surname or first name alone ("Castillo", "Renee"); for districts, the name
/// without its designation ("Prairie View" for "Prairie View CUSD 4"); for schools, districts and
/// organisations of three capitalised words or more, their acronym ("NLA"). Matching is by whole
/// words, whatever the case, accents and Unicode normalisation ("José Nuñez", "JOSE NUNEZ",
/// "jose nunez", NFD or NFC), except that a one-word name must start with a capital ("Hale",
/// "HALE", never "hale and hearty"); the longest name wins where two overlap. An e-mail address or
/// web address or a social handle holding a person's name ("jnunez@school.org", "@JoseNunez")
/// is replaced whole. A short form two people share becomes `[name]`; one that is also a common
/// word ("Grace", "Will") is matched only inside a sentence; schools and districts are also
/// matched by the name people use ("Northgate" for "Northgate Academy") and by their acronym
/// with or without stops ("LPES", "L.P.E.S.", "MGCUSD" for "Maple Grove CUSD 7").
///
/// ```swift
/// var key = PseudonymKey()
/// key.assign("Dr. Renee Castillo", kind: .participant, preferred: "[P11]")
/// Redactor(key: key).redact("Renee Castillo said: ask Castillo.").text  // "[P11] said: ask [P11]."
/// ```
public struct Redactor: Sendable {
  /// The forms matched, folded (`fold`), by their folded first word, longest first; `oneWord`
  /// when the form is a single-word short form (matched only when written with a capital).
  private let forms:
    [String: [(scalars: [Unicode.Scalar], pseudonym: String, oneWord: Bool, common: Bool)]]
  /// People's folded names without spaces (three letters or more), for e-mail and web addresses.
  private let addressForms: [(name: String, pseudonym: String)]
  /// Every form with its pseudonym, for `check`.
  public let variants: [(form: String, pseudonym: String)]
  private let byForm: [String: String]

  public init(key: PseudonymKey) {
    var byForm: [String: String] = [:]
    var ambiguous: Set<String> = []
    var full: Set<String> = []
    for entry in key.entries where entry.kind != .keep {
      full.insert(entry.original)
      byForm[entry.original] = entry.pseudonym
    }
    for entry in key.entries where entry.kind != .keep {
      for form in Self.shortForms(of: entry.original, kind: entry.kind) where !full.contains(form) {
        if let other = byForm[form], other != entry.pseudonym {
          ambiguous.insert(form)
        } else {
          byForm[form] = entry.pseudonym
        }
      }
    }
    // A short form two people share is still a name: it becomes a name of nobody in particular.
    for form in ambiguous { byForm[form] = Self.sharedName }
    for (form, pseudonym) in byForm where form.uppercased() != form {
      byForm[form.uppercased()] = byForm[form.uppercased()] ?? pseudonym
    }
    var forms:
      [String: [(
        form: String, scalars: [Unicode.Scalar], pseudonym: String, oneWord: Bool, common: Bool
      )]] = [:]
    var seen: Set<[Unicode.Scalar]> = []
    // Full names first, so a folded form two spellings share keeps the full name's reading.
    for (form, pseudonym) in byForm.sorted(by: {
      (full.contains($0.key) ? 0 : 1, $0.key) < (full.contains($1.key) ? 0 : 1, $1.key)
    }) {
      let scalars = Self.fold(Array(scalarsOf: form)).scalars
      guard let first = Self.firstWord(scalars), !first.isEmpty, seen.insert(scalars).inserted
      else { continue }
      let oneWord = !form.contains(" ")
      let common = oneWord && !full.contains(form) && Self.commonWords.contains(form.lowercased())
      forms[first, default: []].append((form, scalars, pseudonym, oneWord, common))
    }
    for key in forms.keys {
      forms[key]?.sort { ($0.scalars.count, $0.form) > ($1.scalars.count, $1.form) }
    }
    self.forms = forms.mapValues { $0.map { ($0.scalars, $0.pseudonym, $0.oneWord, $0.common) } }
    var addressForms: [(name: String, pseudonym: String)] = []
    for entry in key.entries where entry.kind.isPerson {
      guard let pseudonym = byForm[entry.original] else { continue }
      for form in [entry.original] + Self.shortForms(of: entry.original, kind: entry.kind)
      where byForm[form] == pseudonym || byForm[form] == Self.sharedName {
        let name = String(
          String.UnicodeScalarView(
            Self.fold(Array(scalarsOf: form)).scalars.filter(Self.isWordScalar)))
        if name.unicodeScalars.count >= 3 { addressForms.append((name, byForm[form] ?? pseudonym)) }
      }
    }
    self.addressForms = addressForms.sorted { ($0.name.count, $0.name) > ($1.name.count, $1.name) }
    self.byForm = byForm
    variants = byForm.map { ($0.key, $0.value) }.sorted { $0.form < $1.form }
  }

  /// A text with every name replaced, and where its offsets went.
  public func redact(_ text: String) -> (text: String, map: OffsetMap, replaced: Int) {
    let scalars = Array(scalarsOf: text)
    let (folded, origin) = Self.fold(scalars)
    // Original offset of a folded position (the end of the text past the last one).
    func original(_ position: Int) -> Int {
      position < origin.count ? origin[position] : scalars.count
    }
    var replacements = addressReplacements(scalars)
    var index = 0
    var next = 0
    while index < folded.count {
      guard Self.isWordScalar(folded[index]), index == 0 || !Self.isWordScalar(folded[index - 1])
      else {
        index += 1
        continue
      }
      var wordEnd = index
      while wordEnd < folded.count, Self.isWordScalar(folded[wordEnd]) { wordEnd += 1 }
      let start = original(index)
      while next < replacements.count, replacements[next].range.upperBound <= start { next += 1 }
      if next < replacements.count, replacements[next].range.contains(start) {
        index = wordEnd
        continue
      }
      let word = String(String.UnicodeScalarView(folded[index..<wordEnd]))
      guard let candidates = forms[word],
        let match = candidates.first(where: { candidate in
          matches(candidate.scalars, in: folded, at: index)
            && (!candidate.oneWord || scalars[start].properties.isUppercase)
            && (!candidate.common || !Self.startsSentence(scalars, at: start))
            && (next >= replacements.count
              || original(index + candidate.scalars.count) <= replacements[next].range.lowerBound)
        })
      else {
        index = wordEnd
        continue
      }
      // The name's last letter keeps its combining marks.
      let end = original(index + match.scalars.count)
      replacements.insert((start..<end, match.pseudonym), at: next)
      index += match.scalars.count
    }
    guard !replacements.isEmpty else { return (text, OffsetMap(), 0) }
    var output = String.UnicodeScalarView()
    var edits: [(old: Range<Int>, newLength: Int)] = []
    var copiedUpTo = 0
    for replacement in replacements {
      output.append(contentsOf: scalars[copiedUpTo..<replacement.range.lowerBound])
      let pseudonym = replacement.pseudonym.unicodeScalars
      output.append(contentsOf: pseudonym)
      edits.append((replacement.range, pseudonym.count))
      copiedUpTo = replacement.range.upperBound
    }
    output.append(contentsOf: scalars[copiedUpTo...])
    return (String(output), OffsetMap(edits: edits), edits.count)
  }

  /// E-mail and web addresses that hold a person's name (folded, as letters without spaces:
  /// `jnunez@…`, `…/jose.nunez`), each replaced whole by the person's pseudonym; in order.
  private func addressReplacements(_ scalars: [Unicode.Scalar]) -> [(
    range: Range<Int>, pseudonym: String
  )] {
    guard !addressForms.isEmpty, scalars.contains(where: { $0 == "@" || $0 == "/" || $0 == "." })
    else { return [] }
    var found: [(range: Range<Int>, pseudonym: String)] = []
    var index = 0
    while index < scalars.count {
      guard !Self.isSpace(scalars[index]) else {
        index += 1
        continue
      }
      var end = index
      while end < scalars.count, !Self.isSpace(scalars[end]) { end += 1 }
      // Trailing punctuation ends a sentence, not the address.
      var tokenEnd = end
      while tokenEnd > index, ".,;:!?)]>\"'’”".unicodeScalars.contains(scalars[tokenEnd - 1]) {
        tokenEnd -= 1
      }
      var tokenStart = index
      while tokenStart < tokenEnd, "(<[\"'‘“".unicodeScalars.contains(scalars[tokenStart]) {
        tokenStart += 1
      }
      let token = String(String.UnicodeScalarView(scalars[tokenStart..<tokenEnd]))
      if Self.isAddress(token) {
        let letters = String(
          String.UnicodeScalarView(
            Self.fold(Array(scalarsOf: token)).scalars.filter(Self.isWordScalar)))
        if let form = addressForms.first(where: { letters.contains($0.name) }) {
          found.append((tokenStart..<tokenEnd, form.pseudonym))
        }
      }
      index = end
    }
    return found
  }

  static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

  /// What replaces a short form two people share ("Hale" for Grace Hale and Ms. Hale): a name,
  /// not saying whose.
  public static let sharedName = "[name]"

  /// Whether the word at `offset` opens a sentence, a line or a quote: a name that is also a
  /// common word ("Will", "Grace") is read as a name only inside a sentence ("asked Will").
  static func startsSentence(_ scalars: [Unicode.Scalar], at offset: Int) -> Bool {
    var index = offset - 1
    while index >= 0,
      scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\u{00A0}"
    { index -= 1 }
    guard index >= 0 else { return true }
    if scalars[index] == "." {
      // "Ms. Rose": a title's stop does not end a sentence.
      var start = index
      while start > 0, scalars[start - 1].properties.isAlphabetic { start -= 1 }
      if start < index, titles.contains(String(scalars: scalars[start...index]).lowercased()) {
        return false
      }
    }
    return ".!?:;\n\r\"“”‘«(—–-".unicodeScalars.contains(scalars[index])
  }

  /// An e-mail address (`a@b.c`), a web address (`http…://`, `www.`) or a social handle
  /// (`@GraceHale`).
  static func isAddress(_ token: String) -> Bool {
    let lower = token.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") {
      return true
    }
    if token.hasPrefix("@"), token.unicodeScalars.count >= 4 { return true }
    guard let at = token.firstIndex(of: "@"), at != token.startIndex else { return false }
    return token[token.index(after: at)...].contains(".")
  }

  /// A text's scalars folded for matching names: lower case, accents and other combining marks
  /// dropped (so NFC and NFD spellings fold alike), curly apostrophes straight, hyphens and
  /// no-break spaces as spaces, with each folded scalar's offset in the original.
  public static func fold(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], origin: [Int])
  {
    var folded: [Unicode.Scalar] = []
    var origin: [Int] = []
    folded.reserveCapacity(scalars.count)
    origin.reserveCapacity(scalars.count)
    for (offset, scalar) in scalars.enumerated() {
      if scalar.isASCII {
        let value = scalar.value
        folded.append(
          value >= 65 && value <= 90
            ? (Unicode.Scalar(value + 32) ?? scalar) : value == 0x2D ? " " : scalar)
        origin.append(offset)
        continue
      }
      // Curly apostrophes as straight ones ("O’Connor"), hyphens as spaces ("Anne-Marie").
      if let same = Self.foldedPunctuation[scalar] {
        folded.append(same)
        origin.append(offset)
        continue
      }
      for piece in String(scalar).folding(
        options: [.caseInsensitive, .diacriticInsensitive], locale: nil
      ).unicodeScalars {
        if piece.properties.generalCategory == .nonspacingMark
          || piece.properties.generalCategory == .enclosingMark
        {
          continue
        }
        folded.append(piece)
        origin.append(offset)
      }
    }
    return (folded, origin)
  }

  static let foldedPunctuation: [Unicode.Scalar: Unicode.Scalar] = [
    "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'", "\u{2010}": " ", "\u{2011}": " ",
    "\u{00A0}": " ",
  ]

  /// A text folded as `fold` folds it, for comparing names in any case and accents.
  public static func folded(_ text: String) -> String {
    String(String.UnicodeScalarView(fold(Array(scalarsOf: text)).scalars))
  }

  /// The pseudonym of a text that is exactly one of the names (a speaker label, an attribute).
  public func pseudonym(forExact text: String) -> String? {
    byForm[text.trimmingCharacters(in: .whitespaces)]
  }

  /// Whether a word is an honorific (`dr`, `ms.`).
  public static func isTitle(_ word: String) -> Bool { titles.contains(word.lowercased()) }

  /// A text with every name replaced (for memos, notes, titles).
  public func redacting(_ text: String) -> String { redact(text).text }

  /// Whether a file name or path holds one of the names as a word, in any case
  /// (`castillo.txt`, `hale_transcript.txt`, `renee-castillo.docx`).
  public func mentions(inPath path: String) -> Bool {
    let folded = Self.fold(Array(scalarsOf: path)).scalars
    return variants.contains { variant in
      let name = Self.folded(variant.form)
      guard name.unicodeScalars.count >= 3 else { return false }
      let spellings = Set([
        name, name.replacingOccurrences(of: " ", with: "_"),
        name.replacingOccurrences(of: " ", with: "-"),
        name.replacingOccurrences(of: " ", with: ""),
      ])
      return spellings.contains { spelling in
        let needle = Array(scalarsOf: spelling)
        guard needle.count <= folded.count else { return false }
        for start in 0...(folded.count - needle.count)
        where folded[start..<(start + needle.count)].elementsEqual(needle) {
          let before = start == 0 || !folded[start - 1].properties.isAlphabetic
          let after =
            start + needle.count == folded.count
            || !folded[start + needle.count].properties.isAlphabetic
          if before && after { return true }
        }
        return false
      }
    }
  }

  private func matches(_ form: [Unicode.Scalar], in text: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + form.count <= text.count else { return false }
    for offset in 0..<form.count where text[index + offset] != form[offset] { return false }
    let after = index + form.count
    return after == text.count || !Self.isWordScalar(text[after])
      || !Self.isWordScalar(form[form.count - 1])
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  static func firstWord(_ scalars: [Unicode.Scalar]) -> String? {
    guard let first = scalars.first, isWordScalar(first) else { return nil }
    var end = 0
    while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
    return String(scalars: scalars[0..<end])
  }

  // MARK: - Short forms

  /// Honorifics a person's name may carry.
  static let titles: Set<String> = [
    "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "prof", "prof.", "sr", "sr.",
    "fr", "fr.",
  ]

  /// First names and surnames that are also common capitalised words: matched alone only
  /// inside a sentence ("asked Will", never "Will you…" or "Grace period").
  static let commonWords: Set<String> = [
    "will", "hope", "grace", "joy", "mark", "bill", "faith", "rose", "art", "dawn", "summer",
    "sandy", "young", "long",
    "white", "black", "brown", "green", "king", "price", "hall", "hill", "wood", "park", "page",
    "case", "love", "day",
    "rich", "chase", "major", "dean",
  ]

  /// Words never matched alone, even inside a sentence: months ("in May"), a title, joiners.
  static let neverAlone: Set<String> = [
    "may", "june", "april", "august", "principal", "the", "and", "of",
  ]

  /// Trailing words of a school's name, stripped to find the name people use ("Northgate" for
  /// "Northgate Academy").
  static let schoolWords: Set<String> = [
    "school", "schools", "elementary", "middle", "high", "junior", "senior", "primary", "secondary",
    "academy", "charter",
    "magnet", "preparatory", "prep", "intermediate", "center", "centre", "campus", "k-8", "k-12",
  ]

  /// District designations stripped to find the name people use in speech.
  static let districtWords: Set<String> = [
    "sd", "cusd", "chsd", "usd", "isd", "csd", "esd", "hsd", "ccsd", "district", "school",
    "schools", "public",
    "unified", "county", "community", "consolidated", "independent", "no.", "#",
  ]

  /// The shorter forms a name is also written as.
  static func shortForms(of name: String, kind: IdentifierKind) -> [String] {
    var words = name.split(separator: " ").map(String.init)
    if kind.isPerson {
      while let first = words.first, titles.contains(first.lowercased()), words.count > 1 {
        words.removeFirst()
      }
      var forms: [String] = []
      if words.count >= 2 { forms.append(words.joined(separator: " ")) }
      func usable(_ word: String) -> Bool {
        let letters = word.filter(\.isLetter)
        return letters.count >= 3 && word.first?.isUppercase == true
          && !neverAlone.contains(word.lowercased())
          && !word.hasSuffix(".")
      }
      if words.count == 1, words[0] != name, usable(words[0]) { forms.append(words[0]) }
      if words.count >= 2 {
        if let last = words.last, usable(last) { forms.append(last) }
        if let first = words.first, usable(first) { forms.append(first) }
        // Each half of a double-barrelled surname: "O'Connor" and "Whitfield" of "O'Connor-Whitfield".
        if let last = words.last, last.contains("-") {
          forms += last.split(separator: "-").map(String.init).filter(usable)
        }
      }
      return forms.filter { $0 != name }
    }
    var acronym: [String] = []
    if kind == .school || kind == .district || kind == .organisation {
      let initials = words.filter { $0.first?.isUppercase == true && $0.first?.isLetter == true }
        .compactMap(\.first)
      if initials.count >= 3 {
        let letters = String(initials).uppercased()
        // Also written with stops: "L.P.E.S." as well as "LPES".
        acronym = [letters, letters.map { "\($0)." }.joined()]
      }
    }
    var forms = acronym
    if kind == .district || kind == .school {
      let trailing = kind == .district ? districtWords : schoolWords
      var designation: [String] = []
      while let last = words.last, words.count > 1,
        trailing.contains(last.lowercased())
          || last.allSatisfy({ $0.isNumber || $0 == "#" || $0 == "-" })
      {
        designation.insert(words.removeLast(), at: 0)
      }
      let core = words.joined(separator: " ")
      let letters = core.filter(\.isLetter)
      if core != name, letters.count >= 4, !commonWords.contains(core.lowercased()),
        !neverAlone.contains(core.lowercased()),
        core.first?.isUppercase == true
      {
        forms.insert(core, at: 0)
      }
      // The core's initials with a designation written in capitals: "MGCUSD" for "Maple Grove CUSD 7".
      let coreInitials = words.compactMap { $0.first?.isUppercase == true ? $0.first : nil }
      let capitals = designation.filter {
        $0.count >= 2 && $0.allSatisfy { $0.isUppercase && $0.isLetter }
      }
      if coreInitials.count >= 2, let written = capitals.first {
        forms.append(String(coreInitials).uppercased() + written)
      }
    }
    var seen: Set<String> = []
    return forms.filter { $0 != name && seen.insert($0).inserted }
  }
}
