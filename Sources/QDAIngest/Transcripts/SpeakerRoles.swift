import QDAText
public import QDAModel

/// Who a speaker is in one transcript, and why the toolkit thinks so.
public struct SpeakerSummary: Hashable, Sendable, Codable {
  /// The label as first written.
  public var label: String
  public var role: SpeakerRole
  /// How many turns the speaker takes.
  public var turns: Int
  /// Why the role was chosen, in words (`label 'Q'`, `asks questions in 9 of 12 turns`).
  public var reason: String
}

/// Decides which speaker is the interviewer.
///
/// Evidence, strongest first: an override from the user; the header's `Interviewer:` or
/// `Participant:` name matching a label (by a shared name word, `Dr. Osei` for `Amara Osei`, or by
/// initials, `AO` for `Amara Osei`); the label's own words (`Interviewer`, `Q`, `I` against
/// `Principal`, `A`, `R`, `P04`); the document's participant (an id given on import, or the file
/// name: `P04` in `P04.txt`, `Osei` in `2025-03_osei.txt`) matching a label; the share of turns
/// that ask questions; who speaks first; who speaks in shorter turns.
///
/// A header's name or a role word decides for its speaker, so two labelled interviewers are both
/// interviewers. Otherwise, in a two-person interview one speaker is the interviewer; with three
/// or more (a focus group), a speaker is the interviewer only on clear evidence, otherwise all
/// are participants. `Unknown Speaker` (as Otter writes) keeps the role `unknown` and is not
/// counted as a person.
public enum SpeakerRoles {
  /// Assigns a role to every speaker label of a transcript.
  ///
  /// - Parameters:
  ///   - transcript: the parsed transcript.
  ///   - interviewer: a label to force as the interviewer; `none` makes everyone a participant.
  ///   - participantNames: what names the document's participant outside its text: the id given
  ///     on import, the file name.
  /// - Returns: one summary per speaker, in order of first appearance.
  public static func assign(
    _ transcript: Transcript, interviewer override: String? = nil, participantNames: [String] = []
  ) -> [SpeakerSummary] {
    let scalars = Array(scalarsOf: transcript.text)
    var order: [String] = []
    var labels: [String: String] = [:]
    var stats: [String: (turns: Set<Int>, questionTurns: Set<Int>, words: Int, first: Int)] = [:]
    for segment in transcript.segments {
      guard let speaker = segment.speaker else { continue }
      let key = speaker.lowercased()
      if labels[key] == nil {
        labels[key] = speaker
        order.append(key)
        stats[key] = ([], [], 0, segment.turn)
      }
      let words = scalars[segment.span.start..<segment.span.end].split(whereSeparator: {
        $0 == " " || $0 == "\n"
      }).count
      stats[key]?.turns.insert(segment.turn)
      stats[key]?.words += words
      if scalars[segment.span.start..<segment.span.end].contains("?") {
        stats[key]?.questionTurns.insert(segment.turn)
      }
    }
    func summary(_ key: String, _ role: SpeakerRole, _ reason: String) -> SpeakerSummary {
      SpeakerSummary(
        label: labels[key] ?? key, role: role, turns: stats[key]?.turns.count ?? 0, reason: reason)
    }
    guard !order.isEmpty else { return [] }

    // 1. The user said so.
    if let override {
      let wanted = override.lowercased()
      if wanted == "none" {
        return order.map { summary($0, .participant, "set by the user: no interviewer") }
      }
      if order.contains(wanted) {
        return order.map {
          $0 == wanted
            ? summary($0, .interviewer, "set by the user")
            : summary($0, .participant, "not the interviewer the user named")
        }
      }
    }

    // 2. Scores from the evidence. What names a role outright (the header, a role word) is
    // strong: it decides for that speaker whatever the others do.
    var scores: [String: Double] = [:]
    var reasons: [String: [String]] = [:]
    var named: [String: SpeakerRole] = [:]
    let headerInterviewer =
      transcript.header["interviewer"] ?? transcript.header["moderator"]
      ?? transcript.header["facilitator"] ?? transcript.header["researcher"]
    let headerParticipant = transcript.header["participant"] ?? transcript.header["interviewee"]
    for key in order {
      var score = 0.0
      let label = labels[key] ?? key
      let hint = SpeakerVocabulary.roleHint(for: label)
      let isHeaderInterviewer = headerInterviewer.map { namesMatch(label, $0) } ?? false
      let isHeaderParticipant = headerParticipant.map { namesMatch(label, $0) } ?? false
      if let name = headerInterviewer, isHeaderInterviewer {
        score += 10
        reasons[key, default: []].append("the header names '\(name)' as interviewer")
      }
      if let name = headerParticipant, isHeaderParticipant {
        score -= 10
        reasons[key, default: []].append("the header names '\(name)' as participant")
      } else if hint == nil, participantNames.contains(where: { namesMatch(label, $0) }) {
        // The reason does not quote the file name: it may hold a name redaction removes.
        score -= 5
        reasons[key, default: []].append(
          "named like the document (its participant id or file name)")
      }
      if isHeaderInterviewer != isHeaderParticipant {
        named[key] = isHeaderInterviewer ? .interviewer : .participant
      }
      switch hint {
      case .interviewer:
        score += 6
        named[key] = named[key] ?? .interviewer
        reasons[key, default: []].append("label '\(label)'")
      case .participant:
        score -= 6
        named[key] = named[key] ?? .participant
        reasons[key, default: []].append("label '\(label)'")
      case .neutral, nil:
        break
      }
      if SpeakerVocabulary.isUnidentified(label) {
        named[key] = .unknown
        reasons[key, default: []].append("label '\(label)' names no one")
      }
      let turns = max(1, stats[key]?.turns.count ?? 1)
      let questions = stats[key]?.questionTurns.count ?? 0
      let share = Double(questions) / Double(turns)
      score += 4 * share
      reasons[key, default: []].append("asks questions in \(questions) of \(turns) turns")
      scores[key] = score
    }
    let people = order.filter { named[$0] != .unknown }
    if people.count >= 2 {
      let first = people.min { (stats[$0]?.first ?? 0) < (stats[$1]?.first ?? 0) } ?? people[0]
      scores[first, default: 0] += 1
      reasons[first, default: []].append("speaks first")
      let average = { (key: String) -> Double in
        Double(stats[key]?.words ?? 0) / Double(max(1, stats[key]?.turns.count ?? 1))
      }
      if let shortest = people.min(by: { average($0) < average($1) }) {
        scores[shortest, default: 0] += 1
        reasons[shortest, default: []].append("speaks in the shortest turns")
      }
    }

    // 3. The interviewers: those named so; else, with two speakers, the likelier; with three or
    // more (a focus group), one only on clear evidence.
    var interviewers = Set(people.filter { named[$0] == .interviewer })
    var unclear = false
    if interviewers.isEmpty {
      let ranked = people.sorted { (scores[$0] ?? 0) > (scores[$1] ?? 0) }
      if let best = ranked.first(where: { named[$0] != .participant }) {
        let bestScore = scores[best] ?? 0
        let runnerUp = ranked.first { $0 != best }.map { scores[$0] ?? 0 }
        switch people.count {
        case 1:
          break  // one voice with no interviewer's label: the participant
        case 2:
          interviewers = [best]
        default:
          // A moderator asks in most of many turns: two questions in a chat are no evidence.
          let asked = stats[best]?.questionTurns.count ?? 0
          let taken = stats[best]?.turns.count ?? 0
          if bestScore >= 3, bestScore - (runnerUp ?? 0) >= 1.5, asked >= 3, asked * 2 >= taken {
            interviewers = [best]
          } else {
            unclear = true
          }
        }
      }
    }
    return order.map { key in
      let reason = (reasons[key] ?? []).joined(separator: "; ")
      if named[key] == .unknown { return summary(key, .unknown, reason) }
      if interviewers.contains(key) { return summary(key, .interviewer, reason) }
      if unclear {
        return summary(
          key, .participant, "no clear interviewer among \(people.count) speakers; " + reason)
      }
      return summary(key, .participant, reason)
    }
  }

  /// Whether a speaker label and a name from the header or the file name refer to the same
  /// person: `Dr. Ortiz` and `Maria Ortiz`, `Sam` and `Sam Whitaker`, `P04` and `P04`, `MO` and
  /// `Maria Ortiz`. Titles and pronouns (`Sam Ito (they/them)`) are not name words.
  static func namesMatch(_ label: String, _ name: String) -> Bool {
    let ignored: Set<String> = [
      "dr", "mr", "mrs", "ms", "mx", "prof", "miss", "sir", "she", "her", "hers", "he", "him",
      "his",
      "they", "them", "theirs", "xe", "xem", "ze", "zir",
    ]
    func parts(_ text: String) -> [String] {
      text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        .filter { !ignored.contains($0) }
    }
    let labelWords = Set(parts(label).filter { $0.count > 1 })
    let nameParts = parts(name)
    let nameWords = Set(nameParts.filter { $0.count > 1 })
    guard !labelWords.isEmpty, !nameWords.isEmpty else {
      return label.lowercased() == name.lowercased()
    }
    if !labelWords.isDisjoint(with: nameWords) { return true }
    // Initials: "AO" or "A.O." for "Amara Osei", "J. Okafor".
    let letters = label.filter { $0 != "." && $0 != " " }
    guard (2...3).contains(letters.count), letters.allSatisfy({ $0.isUppercase }),
      nameParts.count >= 2
    else { return false }
    return String(nameParts.compactMap(\.first)) == letters.lowercased()
  }
}
