import Foundation

/// What an identifier names. The kinds decide the pseudonym's wording (`[School 2]`); `keep`
/// marks a capitalised phrase reviewed and found not to identify anyone ("Equity Playbook").
public struct IdentifierKind: RawRepresentable, Hashable, Sendable, Comparable,
  CustomStringConvertible
{
  public var rawValue: String

  public init(rawValue: String) {
    self.rawValue = rawValue.lowercased().trimmingCharacters(in: .whitespaces)
  }

  /// A participant's own name: replaced by the participant's id (`[P11]`).
  public static let participant = IdentifierKind(rawValue: "participant")
  /// An interviewer or researcher named in a transcript.
  public static let interviewer = IdentifierKind(rawValue: "interviewer")
  /// Anyone else: colleagues, superintendents, students.
  public static let person = IdentifierKind(rawValue: "person")
  public static let school = IdentifierKind(rawValue: "school")
  public static let district = IdentifierKind(rawValue: "district")
  public static let place = IdentifierKind(rawValue: "place")
  public static let organisation = IdentifierKind(rawValue: "organisation")
  /// Reviewed and not identifying: never replaced, never reported by `check`.
  public static let keep = IdentifierKind(rawValue: "keep")

  /// Whether names of this kind are people's names (so a surname alone also identifies).
  public var isPerson: Bool { self == .participant || self == .interviewer || self == .person }

  /// The word a pseudonym starts with: `School`, `Person`.
  var label: String {
    switch self {
    case .organisation: "Organisation"
    default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
    }
  }

  public var description: String { rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One identifier and what replaces it.
public struct PseudonymEntry: Hashable, Sendable {
  public var kind: IdentifierKind
  /// The name as it appears in the data: `Dr. Renee Castillo`, `Prairie View CUSD 4`.
  public var original: String
  /// What replaces it: `[P11]`, `[District 2]`.
  public var pseudonym: String

  public init(kind: IdentifierKind, original: String, pseudonym: String) {
    self.kind = kind
    self.original = original
    self.pseudonym = pseudonym
  }
}

/// The key of a de-identified project: every original name and its pseudonym. It is written to
/// its own file, away from the redacted project and its reports, and read back on the next run
/// so that the same name always gets the same pseudonym (consistent across documents, runs and
/// projects of the same study).
///
/// The file is CSV with the header `kind,original,pseudonym`.
public struct PseudonymKey: Hashable, Sendable {
  public private(set) var entries: [PseudonymEntry]

  public init(entries: [PseudonymEntry] = []) { self.entries = entries }

  /// The header of a key file.
  public static let header = ["kind", "original", "pseudonym"]

  /// Reads a key file's records (header first).
  ///
  /// - Throws: `RedactionError` naming the file and line of a record without a name or
  ///   pseudonym, or of an original listed twice with different pseudonyms.
  public init(records: [(line: Int, fields: [String])], file: String) throws {
    guard let header = records.first else { self.init(); return }
    let columns = header.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    guard let kindColumn = columns.firstIndex(of: "kind"),
      let originalColumn = columns.firstIndex(of: "original"),
      let pseudonymColumn = columns.firstIndex(of: "pseudonym")
    else {
      throw RedactionError(
        "\(file):\(header.line): a key file starts with the header kind,original,pseudonym")
    }
    var key = PseudonymKey()
    for record in records.dropFirst() {
      func cell(_ index: Int) -> String {
        index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : ""
      }
      let original = cell(originalColumn)
      let pseudonym = cell(pseudonymColumn)
      if original.isEmpty && pseudonym.isEmpty { continue }
      guard !original.isEmpty, !pseudonym.isEmpty else {
        throw RedactionError(
          "\(file):\(record.line): each row needs an original name and its pseudonym")
      }
      if let existing = key.pseudonym(for: original), existing != pseudonym {
        throw RedactionError(
          "\(file):\(record.line): '\(original)' is listed twice, as '\(existing)' and as '\(pseudonym)'"
        )
      }
      key.entries.append(
        PseudonymEntry(
          kind: IdentifierKind(rawValue: cell(kindColumn)), original: original, pseudonym: pseudonym
        ))
    }
    self = key
  }

  /// The pseudonym already given to a name.
  public func pseudonym(for original: String) -> String? {
    entries.first { $0.original == original }?.pseudonym
  }

  /// Gives a name its pseudonym: the one it already has, else `preferred` (a participant's id),
  /// else the next free `[Kind n]`.
  @discardableResult
  public mutating func assign(_ original: String, kind: IdentifierKind, preferred: String? = nil)
    -> String
  {
    if let existing = pseudonym(for: original) { return existing }
    // The same person written another way keeps one pseudonym: the same words in another case,
    // accents or normalisation, or with a title ("Jose Nunez", "JOSÉ NUÑEZ" for José Nuñez;
    // "Evelyn Ashford" for Dr. Evelyn Ashford); and, for interviewers and other people of one
    // kind, a title and surname that only one of them has ("Dr. Ashford").
    // A participant's own label or attribute keeps their id: only names that come without one
    // are matched to someone already in the key.
    if preferred == nil, let same = samePerson(original, kind: kind) {
      entries.append(PseudonymEntry(kind: kind, original: original, pseudonym: same))
      return same
    }
    let pseudonym: String
    if let preferred {
      pseudonym = preferred
    } else {
      let prefix = "[\(kind.label) "
      let taken = Set(
        entries.filter { $0.pseudonym.hasPrefix(prefix) }.compactMap {
          Int($0.pseudonym.dropFirst(prefix.count).dropLast())
        })
      var number = 1
      while taken.contains(number) { number += 1 }
      pseudonym = "\(prefix)\(number)]"
    }
    entries.append(PseudonymEntry(kind: kind, original: original, pseudonym: pseudonym))
    return pseudonym
  }

  private func samePerson(_ original: String, kind: IdentifierKind) -> String? {
    guard kind.isPerson else {
      let folded = Redactor.folded(original)
      return entries.first { $0.kind == kind && Redactor.folded($0.original) == folded }?.pseudonym
    }
    let words = Self.nameWords(original)
    guard !words.isEmpty else { return nil }
    // The same words (two or more: "Ms. Hale" and "Mr. Hale" may be two people).
    if words.count >= 2,
      let same = entries.first(where: { $0.kind.isPerson && Self.nameWords($0.original) == words })
    {
      return same.pseudonym
    }
    // "T. Ibarra" and "Tomás Ibarra": an initial for a first name, one person of the same kind.
    if words.count >= 2 {
      func initialOf(_ a: [String], _ b: [String]) -> Bool {
        a.count >= 2 && a.last == b.last && a[0].filter(\.isLetter).count == 1
          && b[0].filter(\.isLetter).count > 1
          && a[0].first == b[0].first
      }
      // Not when someone else of that surname has another first name with the same initial
      // ("Teresa Ibarra" is not "Tomás Ibarra", whatever "T. Ibarra" was joined to).
      let rivals = entries.contains {
        let other = Self.nameWords($0.original)
        return other.count >= 2 && other.last == words.last && other[0].filter(\.isLetter).count > 1
          && words[0].filter(\.isLetter).count > 1 && other[0].first == words[0].first
          && other[0] != words[0]
      }
      let pseudonyms = Set(
        entries.filter {
          let other = Self.nameWords($0.original)
          return $0.kind == kind && other.count >= 2
            && (initialOf(words, other) || initialOf(other, words))
        }.map(\.pseudonym))
      if pseudonyms.count == 1, !rivals { return pseudonyms.first }
    }
    // A participant listed by surname alone ("Núñez", "Mr. Ferreira-Lund"): the one participant
    // whose name ends so.
    if kind == .participant {
      let pseudonyms = Set(
        entries.filter {
          let other = Self.nameWords($0.original)
          return $0.kind == .participant && other.count > words.count
            && Array(other.suffix(words.count)) == words
        }.map(\.pseudonym))
      return pseudonyms.count == 1 ? pseudonyms.first : nil
    }
    // "Dr. Ashford": a title and one word, the surname of exactly one person of the same kind.
    let titled = original.split(separator: " ").first.map { Redactor.isTitle(String($0)) } ?? false
    guard titled, words.count == 1, kind != .participant else { return nil }
    // Never a participant's: another person may share their surname.
    let participants = Set(entries.filter { $0.kind == .participant }.map(\.pseudonym))
    let pseudonyms = Set(
      entries.filter {
        $0.kind == kind && !participants.contains($0.pseudonym)
          && Self.nameWords($0.original).count > 1
          && Self.nameWords($0.original).last == words[0]
      }.map(\.pseudonym))
    return pseudonyms.count == 1 ? pseudonyms.first : nil
  }

  /// A person's name as folded words without titles: "Dr. José Nuñez" → ["jose", "nunez"].
  static func nameWords(_ name: String) -> [String] {
    Redactor.folded(name).split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
      .filter { !Redactor.isTitle($0) && !Redactor.isTitle($0 + ".") }
  }

  /// The key as CSV, in the order names were assigned.
  public func csv() -> String {
    ([Self.header] + entries.map { [$0.kind.rawValue, $0.original, $0.pseudonym] })
      .map { $0.map(Self.csvCell).joined(separator: ",") }
      .joined(separator: "\n") + "\n"
  }

  static func csvCell(_ value: String) -> String {
    value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
  }
}

/// A list of names to redact (or keep) that a researcher writes or reviews: CSV with the header
/// `original,kind` and, optionally, `pseudonym`; other columns (`count`, `example`, as `qda
/// redact detect` writes them) are ignored.
public struct NameList: Hashable, Sendable {
  public var names: [(original: String, kind: IdentifierKind, pseudonym: String?)] {
    storage.map { ($0.original, $0.kind, $0.pseudonym.isEmpty ? nil : $0.pseudonym) }
  }
  private var storage: [PseudonymEntry]

  public init(_ names: [(original: String, kind: IdentifierKind)] = []) {
    storage = names.map { PseudonymEntry(kind: $0.kind, original: $0.original, pseudonym: "") }
  }

  /// The kinds a name list may use.
  public static let kinds: [IdentifierKind] = [
    .participant, .interviewer, .person, .school, .district, .place, .organisation, .keep,
  ]

  /// Reads a name list's records (header first).
  ///
  /// - Throws: `RedactionError` naming the file and line of a row with no kind, or with a kind
  ///   that is not one of `kinds`.
  public init(records: [(line: Int, fields: [String])], file: String) throws {
    guard let header = records.first else { self.init(); return }
    let columns = header.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
    guard let originalColumn = columns.firstIndex(of: "original"),
      let kindColumn = columns.firstIndex(of: "kind")
    else {
      throw RedactionError(
        "\(file):\(header.line): a name list starts with a header naming the columns original and kind"
      )
    }
    let pseudonymColumn = columns.firstIndex(of: "pseudonym")
    var list = NameList()
    for record in records.dropFirst() {
      func cell(_ index: Int?) -> String {
        guard let index, index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      let original = cell(originalColumn)
      guard !original.isEmpty else { continue }
      let kindText = cell(kindColumn)
      guard !kindText.isEmpty else {
        throw RedactionError(
          "\(file):\(record.line): '\(original)' has no kind; write one of "
            + Self.kinds.map(\.rawValue).joined(separator: ", ") + " (keep: not identifying)")
      }
      let kind = IdentifierKind(rawValue: kindText)
      guard Self.kinds.contains(kind) else {
        throw RedactionError(
          "\(file):\(record.line): '\(kindText)' is not a kind; write one of "
            + Self.kinds.map(\.rawValue).joined(separator: ", "))
      }
      list.storage.append(
        PseudonymEntry(kind: kind, original: original, pseudonym: cell(pseudonymColumn)))
    }
    self = list
  }

  /// Adds a name.
  public mutating func append(_ original: String, kind: IdentifierKind) {
    storage.append(PseudonymEntry(kind: kind, original: original, pseudonym: ""))
  }

  /// The names reviewed as not identifying.
  public var kept: Set<String> { Set(storage.filter { $0.kind == .keep }.map(\.original)) }

  public static func == (a: Self, b: Self) -> Bool { a.storage == b.storage }
  public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}

/// A redaction input that cannot be used, with the file and line.
public struct RedactionError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
