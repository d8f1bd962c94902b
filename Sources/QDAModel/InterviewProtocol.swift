/// An interview protocol: the study it belongs to and the questions interviewers ask.
public struct InterviewProtocol: Hashable, Sendable, Codable {
  public var study: Study
  public var questions: [ProtocolQuestion]

  public init(study: Study = Study(), questions: [ProtocolQuestion]) {
    self.study = study
    self.questions = questions
  }

  /// The question with this id.
  public func question(_ id: String) -> ProtocolQuestion? { questions.first { $0.id == id } }

  /// The first question whose answers feed `measure`.
  public func question(measuring measure: Measure) -> ProtocolQuestion? {
    questions.first { $0.measure == measure }
  }
}

/// What a report needs to know about the study: its title and what it calls its participants.
public struct Study: Hashable, Sendable, Codable {
  public var title: String
  /// The singular noun for a participant (`principal`).
  public var participantNoun: String
  /// The plural noun (`principals`).
  public var participantsNoun: String
  /// When the interviews took place, in words.
  public var period: String?
  /// What the programme studied is called in prose (`the micro-credential`).
  public var programme: String
  /// How reports name attributes (`years_as_admin` → `years as an administrator`).
  public var attributeLabels: [String: String]

  public init(
    title: String = "Interview study", participantNoun: String = "participant",
    participantsNoun: String? = nil, period: String? = nil, programme: String = "the program",
    attributeLabels: [String: String] = [:]
  ) {
    self.title = title
    self.participantNoun = participantNoun
    self.participantsNoun = participantsNoun ?? participantNoun + "s"
    self.period = period
    self.programme = programme
    self.attributeLabels = attributeLabels
  }

  /// The words a report uses for an attribute.
  public func label(forAttribute name: String) -> String {
    attributeLabels[name]
      ?? name.split(whereSeparator: { $0 == "_" || $0 == "-" }).joined(separator: " ")
  }

  /// A yes/no attribute's label when it reads as what a person did ("those who completed the
  /// micro-credential", "two who did not"): its first word a verb in the past tense. Nil when it
  /// does not ("pilot", "cohort b"), and a report then says "with pilot = yes" instead.
  public func verbPhrase(forAttribute name: String) -> String? {
    let label = label(forAttribute: name)
    guard let first = label.split(separator: " ").first?.lowercased() else { return nil }
    let regular =
      first.count >= 5 && first.hasSuffix("ed") && !first.hasSuffix("eed")
      && first.allSatisfy(\.isLetter)
    return regular || Self.irregularPastTenses.contains(first) ? label : nil
  }

  /// Past tenses not ending in -ed that an attribute's label may start with.
  static let irregularPastTenses: Set<String> = [
    "took", "did", "won", "got", "went", "began", "made", "met", "paid", "left", "chose", "wrote",
    "gave", "sought",
  ]
}

/// One protocol question.
public struct ProtocolQuestion: Hashable, Sendable, Codable, Identifiable {
  /// A stable id such as `Q4`.
  public var id: String
  /// The wording the interviewer was given.
  public var text: String
  /// Other wordings of the same question.
  public var alternatives: [String]
  /// The codes the question probes.
  public var probes: [String]
  /// What a table reads from the answers, if anything.
  public var measure: Measure?

  public init(
    id: String, text: String, alternatives: [String] = [], probes: [String] = [],
    measure: Measure? = nil
  ) {
    self.id = id
    self.text = text
    self.alternatives = alternatives
    self.probes = probes
    self.measure = measure
  }
}

/// What a table reads from the answers to a protocol question.
public enum Measure: String, Hashable, Sendable, Codable, CaseIterable {
  /// Hours spent (time commitment table: mean hours).
  case hoursEstimate = "hours_estimate"
  /// Too much / about right / too little.
  case timeJudgment = "time_judgment"
  /// Advice to others about the time commitment.
  case timeAdvice = "time_advice"
  /// Whether incentives mattered.
  case incentiveRole = "incentive_role"
}
