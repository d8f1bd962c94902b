/// Where a finding was read: an answer to a question found by its words, an answer linked to a
/// protocol question, or a statement made elsewhere in the interview.
public enum FindingSource: String, Hashable, Sendable, Codable {
  /// The participant's answer to a question the interviewer asked (found by its words).
  case question
  /// Passages linked to the protocol question that measures it.
  case protocolQuestion = "protocol_question"
  /// A statement elsewhere in the interview.
  case elsewhere

  /// In words, for a table's notes.
  public var label: String {
    switch self {
    case .question: "answer to the question"
    case .protocolQuestion: "answer linked to the protocol question"
    case .elsewhere: "said elsewhere in the interview"
    }
  }
}

/// What the interview tables read from one participant's interviews, each with its evidence.
public struct ParticipantFindings: Sendable {
  public var participant: String

  /// Hours spent.
  public struct Hours: Sendable {
    /// The estimate, if one was given.
    public var estimate: HourEstimate?
    /// Each estimate part's passage (parallel to `estimate.parts`).
    public var partPassages: [Int64]
    /// The words that declined to estimate, or gave only a vague amount.
    public var declined: String?
    /// Passages of the answer.
    public var passageIDs: [Int64]
    /// The sentences the estimate or refusal was read from, joined.
    public var evidence: String
    public var source: FindingSource
  }

  /// A judgment of the time.
  public struct Judgment: Sendable {
    public var judgment: TimeJudgment?
    /// The cue words.
    public var cue: String?
    /// The sentence the judgment was read from.
    public var evidence: String?
    public var passageID: Int64?
    /// Passages of the answer.
    public var passageIDs: [Int64]
    public var source: FindingSource
  }

  /// Advice to others about managing time.
  public struct Advice: Sendable {
    /// Whether the participant was asked for advice.
    public var asked: Bool
    /// The advice, if any was given.
    public var advice: String?
    public var passageID: Int64?
    /// The words that declined, if the participant declined.
    public var declined: String?
    /// Passages of the answer to the advice question.
    public var passageIDs: [Int64]
    public var source: FindingSource
  }

  /// Whether incentives mattered.
  public struct Incentives: Sendable {
    public var asked: Bool
    public var verdict: IncentiveVerdict?
    public var passageID: Int64?
    public var passageIDs: [Int64]
    public var source: FindingSource
  }

  /// A motivation theme voiced.
  public struct Theme: Sendable, Hashable {
    public var theme: MotivationTheme
    /// The sentence that voices it.
    public var evidence: String
    public var cue: String
    public var passageID: Int64
    /// Where the sentence lies in the passage's text, in scalar offsets.
    public var start: Int
    public var end: Int
  }

  /// A recommendation to the people who run the programme (`SuggestionReader`).
  public struct Suggestion: Sendable, Hashable {
    /// The sentence, as written.
    public var text: String
    /// The words that make it a recommendation.
    public var cue: String
    public var passageID: Int64
    /// Where the sentence lies in its passage's text (scalar offsets).
    public var start: Int
    public var end: Int
    /// Whether it answers a question about recommendations.
    public var inAnswer: Bool
  }

  public var hours: Hours?
  public var judgment: Judgment?
  public var advice: Advice?
  public var incentives: Incentives?
  /// Themes, each once (its first evidence), in the order first voiced.
  public var themes: [Theme] = []
  /// Recommendations, wherever in the interview, in order.
  public var suggestions: [Suggestion] = []

  public init(participant: String) { self.participant = participant }
}
