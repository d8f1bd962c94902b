import QDAText
import Foundation

/// Replaces people's names inside quoted words, so that a brief names no person while the
/// project keeps the words as spoken.
///
/// The names it knows: speaker labels that are names (`Dr. Renee Castillo:`, not `Interviewer:`
/// or `P03:`), names from transcript headers (`Interviewer: Tess Alvarado`) and any others given
/// (a participant's name attribute), each with the short forms `Redactor` matches (surname,
/// first name, possessives, any case or accents). A participant's own name becomes their id
/// (`[P11]`), anyone else's `[name]`. A name after a title (`Dr. Ortiz`, `Ms Hale`) becomes
/// `[name]` even when no label or header gave it.
///
/// ```swift
/// let mask = QuoteNameMask(people: [.init(name: "Dr. Renee Castillo", participant: "P11")])
/// mask.mask("Dr. Castillo said Ms. Hale agreed.").text   // "Dr. [P11] said [name] agreed."
/// ```
public struct QuoteNameMask: Sendable {
  /// A person whose name may be said: their participant id when they are one.
  public struct Person: Hashable, Sendable {
    public var name: String
    public var participant: String?

    public init(name: String, participant: String? = nil) {
      self.name = name
      self.participant = participant
    }
  }

  /// What stands for a name that is not a participant's.
  public static let placeholder = "[name]"

  private let redactor: Redactor
  /// What names become: `[name]` and the participants' `[P11]`.
  private let pseudonyms: Set<String>

  public init(people: [Person]) {
    var key = PseudonymKey()
    // Participants first, so that a name both a participant and a header give becomes their id.
    for person in people.sorted(by: {
      ($0.participant == nil ? 1 : 0) < ($1.participant == nil ? 1 : 0)
    }) {
      _ = key.assign(
        person.name, kind: person.participant == nil ? .person : .participant,
        preferred: person.participant.map { "[\($0)]" } ?? Self.placeholder)
    }
    redactor = Redactor(key: key)
    pseudonyms = Set(key.entries.map(\.pseudonym)).union([Self.placeholder])
  }

  /// The text with every name it knows, and every name after a title, replaced.
  public func mask(_ text: String) -> (text: String, replaced: Int) {
    let known = redactor.redact(text)
    let titled = Self.replacingTitledNames(known.text, pseudonyms: pseudonyms)
    return (titled.text, known.replaced + titled.replaced)
  }

  /// Names after a title (`Dr. Ortiz`, `Mrs Van Dyke`): the title and the capitalised words
  /// after it become `[name]`.
  static func replacingTitledNames(_ text: String, pseudonyms: Set<String>) -> (
    text: String, replaced: Int
  ) {
    let scalars = Array(scalarsOf: text)
    func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
    func isUpper(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isUppercase }
    var output = String.UnicodeScalarView()
    var replaced = 0
    var index = 0
    while index < scalars.count {
      // A word starts here.
      guard isLetter(scalars[index]),
        index == 0 || !isLetter(scalars[index - 1]) && scalars[index - 1] != "'"
      else {
        output.append(scalars[index])
        index += 1
        continue
      }
      var end = index
      while end < scalars.count, isLetter(scalars[end]) { end += 1 }
      let word = String(scalars: scalars[index..<end])
      guard isUpper(scalars[index]), Redactor.isTitle(word) else {
        output.append(contentsOf: scalars[index..<end])
        index = end
        continue
      }
      // The title, an optional full stop, then one or more capitalised words.
      var cursor = end
      if cursor < scalars.count, scalars[cursor] == "." { cursor += 1 }
      // A name already replaced after a title ("Ms. [name]", "Dr. [P11]"): the title goes too.
      if cursor + 1 < scalars.count, scalars[cursor] == " ", scalars[cursor + 1] == "[",
        let close = scalars[(cursor + 1)...].prefix(40).firstIndex(of: "]"),
        pseudonyms.contains(String(scalars: scalars[(cursor + 1)...close]))
      {
        output.append(contentsOf: scalars[(cursor + 1)...close])
        index = close + 1
        continue
      }
      var nameEnd: Int?
      while cursor < scalars.count, scalars[cursor] == " " {
        let wordStart = cursor + 1
        guard wordStart < scalars.count, isUpper(scalars[wordStart]) else { break }
        var wordEnd = wordStart
        while wordEnd < scalars.count, isLetter(scalars[wordEnd]) || scalars[wordEnd] == "-" {
          wordEnd += 1
        }
        // A capital that ends the word by itself ("Dr. I …") or a word in capitals is no name.
        let name = scalars[wordStart..<wordEnd]
        guard name.count >= 2, name.contains(where: { $0.properties.isLowercase }) else { break }
        nameEnd = wordEnd
        cursor = wordEnd
        // Only a further capitalised word joined by a space continues the name.
        guard nameEnd != nil, cursor + 1 < scalars.count, scalars[cursor] == " ",
          isUpper(scalars[cursor + 1])
        else { break }
      }
      if let nameEnd {
        output.append(contentsOf: Self.placeholder.unicodeScalars)
        replaced += 1
        index = nameEnd
      } else {
        output.append(contentsOf: scalars[index..<end])
        index = end
      }
    }
    return (String(output), replaced)
  }

  // MARK: - Which labels are names

  /// Speaker labels that are only roles, not names.
  public static let roleLabels: Set<String> = [
    "interviewer", "respondent", "participant", "principal", "moderator", "facilitator",
    "researcher", "host", "guest",
    "unknown", "speaker", "q", "a", "i", "r", "p", "int", "resp", "teacher", "student", "note",
    "notetaker",
  ]

  /// Whether a speaker label or header value is a person's name rather than a role or an id.
  ///
  /// - Parameter participant: the document's participant id (a label equal to it is no name).
  public static func isName(_ label: String, participant: String) -> Bool {
    let trimmed = label.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, trimmed.lowercased() != participant.lowercased() else { return false }
    let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "_" }).map {
      $0.trimmingCharacters(in: .punctuationCharacters)
    }
    return words.contains { word in
      guard let first = word.first, first.isUppercase,
        word.contains(where: \.isLowercase) || word.count == 1
      else { return false }
      let lower = word.lowercased()
      return !roleLabels.contains(lower) && !Redactor.isTitle(lower) && !word.allSatisfy(\.isNumber)
        && word.count > 1
    }
  }
}
