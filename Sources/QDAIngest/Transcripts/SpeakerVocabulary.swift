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
  private static let neutralWords: Set<String> = ["speaker", "id", "s", "person", "voice", "spk", "unknown"]
  private static let discourseWords: Set<String> = [
    "so", "and", "but", "well", "yes", "no", "okay", "ok", "note", "notes", "example", "also", "then",
    "now", "like", "um", "uh", "because", "however", "first", "second", "third", "finally", "update",
    "edit", "ps", "re", "warning", "tip", "step", "answer key", "summary", "background", "quote",
    "response", "comment", "comments", "reminder", "important", "result", "results", "goal", "goals",
  ]

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
