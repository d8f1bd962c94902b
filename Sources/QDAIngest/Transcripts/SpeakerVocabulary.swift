import Foundation
import QDAModel

/// The words transcripts use for speakers, and what they say about who is speaking.
public enum SpeakerVocabulary {
  /// What a label's words suggest about the speaker's role.
  public enum Hint: Sendable, Equatable {
    case interviewer
    case participant
    /// A speaker label that names no role (`Speaker 1`, `id2`).
    case neutral
  }

  private static let interviewerWords: Set<String> = [
    "interviewer", "int", "i", "iv", "q", "question", "moderator", "mod", "facilitator", "fac",
    "researcher", "evaluator", "host", "investigator",
  ]
  private static let participantWords: Set<String> = [
    "principal", "participant", "respondent", "interviewee", "a", "r", "answer", "resp", "p",
    "teacher", "student", "guest", "ie", "superintendent", "administrator", "educator", "parent",
    "leader", "subject",
  ]
  private static let neutralWords: Set<String> = [
    "speaker", "id", "s", "person", "voice", "spk", "unknown",
  ]
  private static let discourseWords: Set<String> = [
    "so", "and", "but", "well", "yes", "no", "okay", "ok", "note", "notes", "example", "also",
    "then",
    "now", "like", "um", "uh", "because", "however", "first", "second", "third", "finally",
    "update",
    "edit", "ps", "re", "warning", "tip", "step", "answer key", "summary", "background", "quote",
    "response", "comment", "comments", "reminder", "important", "result", "results", "goal",
    "goals",
  ]

  /// Bracketed notes transcribers write for what is not words: `[laughs]`, `[crosstalk]`,
  /// `[inaudible]`, `[redacted]`. At a line start they are part of the speech, never a speaker.
  private static let annotationWords: Set<String> = [
    "laugh", "laughs", "laughing", "laughter", "chuckle", "chuckles", "chuckling", "giggles",
    "smiles",
    "pause", "pauses", "paused", "long pause", "short pause", "silence", "crosstalk", "cross talk",
    "overtalk", "overlapping", "overlap", "inaudible", "unintelligible", "indistinct", "unclear",
    "sigh", "sighs", "sighing", "cough", "coughs", "coughing", "clears throat", "noise",
    "background noise", "music", "applause", "redacted", "name redacted", "name", "school name",
    "interruption", "interrupts", "interrupted", "static", "break", "end", "beep", "phone rings",
    "door", "knock", "knocking", "typing", "sniffs", "exhales", "inhales", "crying", "cries",
    "both laugh", "all laugh", "emphasis", "sic", "affirmative", "nods", "gestures", "silent",
  ]

  /// Words that open speech rather than name a person: a header value `Okay.` or `Thanks` is
  /// speech, `K. Brandt` is a name.
  private static let speechOpeners: Set<String> = [
    "hi", "hello", "hey", "thanks", "thank", "sure", "right", "great", "good", "yeah", "yep", "yes",
    "no", "okay", "ok", "alright", "mhm", "um", "uh", "absolutely", "exactly", "perfect", "welcome",
    "morning", "afternoon", "evening", "so", "well", "oh", "wow", "cool", "fine", "nice", "let",
    "can", "could", "would", "will", "do", "did", "is", "are", "i", "we", "you", "it", "that",
    "this",
  ]

  /// Lower-case words that may sit inside a name: `Anna de Vries`, `Omar bin Said`.
  private static let nameParticles: Set<String> = [
    "de", "da", "das", "do", "dos", "di", "del", "della", "der", "den", "van", "von", "la", "le",
    "du", "bin", "binti", "ibn", "al", "el", "y", "e", "ter", "ten", "st",
  ]

  /// Whether a bracketed line start (`[laughs]`, `[Crosstalk]`) is a transcriber's note rather
  /// than a speaker id: a known note, or lower-case words with no digit that name no role.
  public static func isAnnotation(_ bracketText: String) -> Bool {
    let lowered = bracketText.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" })
      .joined(separator: " ")
    if annotationWords.contains(lowered) { return true }
    let scalars = bracketText.unicodeScalars
    let hasDigit = scalars.contains { $0.value >= 0x30 && $0.value <= 0x39 }
    let hasCapital = scalars.contains { $0.properties.isUppercase }
    return !hasDigit && !hasCapital && !bracketText.contains("_")
      && roleHint(for: bracketText) == nil
  }

  /// Whether a header value reads as a person's name rather than speech: `Dr. Amara Osei`,
  /// `K. Brandt`, `Anna de Vries`, `Ms. Lee (P04)`; not `Okay.`, `Hello there`, `Can you hear me`.
  ///
  /// One to five words, each capitalised (or a name particle), the first not a word that opens
  /// speech, and no sentence end but an initial's full stop.
  public static func looksLikePersonName(_ value: String) -> Bool {
    var text = value.trimmingSpaces
    // A trailing parenthetical id or pronouns: "Ms. Lee (P04)", "Sam Ito (they/them)".
    if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
      text = String(text[..<open]).trimmingSpaces
    }
    let words = text.split(separator: " ")
    guard (1...5).contains(words.count), let last = words.last else { return false }
    if let first = words.first,
      speechOpeners.contains(first.lowercased().trimmingCharacters(in: .letters.inverted))
    {
      return false
    }
    for word in words {
      guard let initial = word.unicodeScalars.first else { return false }
      let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
      guard !letters.isEmpty,
        word.unicodeScalars.allSatisfy({
          $0.properties.isAlphabetic || $0 == "." || $0 == "-" || $0 == "'" || $0 == "\u{2019}"
        })
      else { return false }
      if !initial.properties.isUppercase && !nameParticles.contains(word.lowercased()) {
        return false
      }
    }
    // "Brandt." ends a sentence; "K." and "Jr." are abbreviations.
    if last.hasSuffix("."), last.unicodeScalars.filter({ $0.properties.isAlphabetic }).count > 2 {
      return false
    }
    return true
  }

  /// The role a label's first word suggests: `Interviewer (Sam)` → interviewer, `P04` →
  /// participant, `Speaker 2` → neutral, `Dr. Ortiz` → nil.
  public static func roleHint(for label: String) -> Hint? {
    let lowered = label.lowercased()
    let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    guard let first = words.first else { return nil }
    let letters = String(first.prefix(while: { $0.isLetter }))
    let rest = first.dropFirst(letters.count)
    guard rest.allSatisfy(\.isNumber) else { return nil }
    if interviewerWords.contains(letters) { return .interviewer }
    if participantWords.contains(letters) {
      // "A" and "R" alone are answer/respondent; "P" needs digits to be a participant id.
      if letters == "p", rest.isEmpty, words.count == 1 { return nil }
      return .participant
    }
    if neutralWords.contains(letters), !rest.isEmpty || words.count > 1 || letters != "s" {
      return .neutral
    }
    return nil
  }

  /// Whether a label says that nobody knows who spoke: `Unknown Speaker`, `Unidentified`,
  /// `Speaker ?`.
  public static func isUnidentified(_ label: String) -> Bool {
    let words = label.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
    return words.contains { ["unknown", "unidentified", "unclear", "inaudible"].contains($0) }
      || label.trimmingSpaces.hasSuffix("?")
  }

  /// Words that start sentences and are followed by a colon without being speakers.
  public static func isDiscourseWord(_ lowercasedLabel: String) -> Bool {
    discourseWords.contains(lowercasedLabel)
  }

  /// Whether a label reads like a name: every word capitalised (`Dr. Renee Castillo`) or the
  /// whole label in capitals (`INTERVIEWER`).
  public static func looksLikeName(_ label: String) -> Bool {
    let words = label.split(separator: " ").filter { !$0.hasPrefix("(") }
    guard !words.isEmpty else { return false }
    return words.allSatisfy { word in
      guard let first = word.unicodeScalars.first else { return false }
      return first.properties.isUppercase || ("0"..."9").contains(Character(first))
    }
  }
}
