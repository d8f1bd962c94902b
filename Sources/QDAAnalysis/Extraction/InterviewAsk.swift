import QDAText

/// What a question in an interview asks about, among the things the tables measure.
public enum AskTopic: String, CaseIterable, Hashable, Sendable, Codable {
  /// How much time the work took ("Roughly how many hours did you put into it?").
  case hours
  /// Whether that time was too much, about right or too little.
  case timeJudgment = "time_judgment"
  /// Advice to others ("What would you tell a colleague about managing the time?").
  case timeAdvice = "time_advice"
  /// Whether incentives played a role ("Did the stipend or the credit matter to you?").
  case incentives
  /// Why the participant took part ("What made you decide to sign up?").
  case motivation
  /// Recommendations to the people who run the programme: not advice to peers.
  case recommendations
}

/// Reads what an interviewer's question asks about, from its words.
///
/// The tables look for what participants say in answer to these questions wherever the
/// interviewer asks them, whether or not a protocol question was linked to the turn; a linked
/// protocol question is a help, not a gate.
///
/// ```swift
/// InterviewAsk.topics(of: CueText("Roughly how many hours would you say you put into it?"))  // [.hours]
/// ```
public enum InterviewAsk {
  /// The topics a question (or an interviewer's turn) asks about.
  ///
  /// - Parameter announced: the text is a topic announced (`isAnnouncement`): an incentive it
  ///   names is what is asked about ("Stipends."), with no word asking whether it mattered.
  public static func topics(of text: CueText, announced: Bool = false) -> Set<AskTopic> {
    var topics = Set<AskTopic>()
    for match in lexicon.matches(in: text) { topics.insert(match.value) }
    // "Hours?", "And the total hours?", "Time spent?": the topic named and asked, nothing more.
    let named = text.words.map(\.text).filter {
      !["and", "so", "okay", "ok", "now", "the", "your", "then"].contains($0)
    }
    if text.isQuestion, !named.isEmpty, named.count <= 3,
      named.contains(where: { $0 == "hours" || $0 == "time" }),
      named.allSatisfy({ ["hours", "time", "total", "spent", "overall", "roughly"].contains($0) })
    {
      topics.insert(.hours)
    }
    // Any incentive the stance reader knows ("the renewal units", "the salary step").
    if IncentiveReader.namesIncentive(text) { topics.insert(.incentives) }
    if topics.contains(.recommendations) {
      // "What would you tell the designers?" is not advice to peers.
      topics.remove(.timeAdvice)
    }
    if topics.contains(.incentives), !announced, !incentiveRole.matchesAny(text) {
      // An incentive named in passing ("How was getting the certificate?") does not ask
      // whether it mattered.
      topics.remove(.incentives)
    }
    return topics
  }

  /// Whether a sentence only names a topic: at most three words besides the ones that move a
  /// conversation on ("Incentives.", "Okay, the website now.", "Let's talk about the grant, the
  /// incentive."), not a comment that mentions one ("Thanks, that's helpful about the hours.").
  public static func isAnnouncement(_ text: CueText) -> Bool {
    let named = text.words.map(\.text).filter { !announcingWords.contains($0) }
    return !named.isEmpty && named.count <= 3
  }

  static let announcingWords: Set<String> = [
    "okay", "ok", "alright", "all", "right", "so", "now", "and", "then", "next", "let", "let's",
    "us", "talk", "turn", "move", "moving", "on", "to", "about", "the", "a", "an", "your", "over",
    "onto", "switch", "switching", "gears", "'s", "s", "quick", "quickly", "one", "last", "bit",
  ]

  /// Whether an interviewer's turn that asks nothing new follows up `topic` ("Even a rough
  /// guess?", "Anything beyond that, for you personally?").
  public static func followsUp(_ topic: AskTopic, _ text: CueText) -> Bool {
    if text.words.count <= 6, !text.isQuestion { return true }
    // "And the online part?", "What about the Saturdays?": a short question that goes on to
    // another part of what was asked (a new topic would have been asked as one).
    let words = text.words.map(\.text)
    if text.isQuestion, words.count <= 6,
      words.first == "and" || words.starts(with: ["what", "about"])
        || words.starts(with: ["how", "about"])
    {
      return true
    }
    return followUps[topic]?.matchesAny(text) ?? false
  }

  static let lexicon = CueLexicon<AskTopic>([
    ("how many hours", .hours), ("how much time", .hours),
    ("how long did|does|would .. take|last", .hours),
    ("how long it took|takes", .hours), ("how long did you spend|spent|work", .hours),
    ("hours .. you .. spend|spent|put|take|took|invest*|devote*|log*", .hours),
    ("hours .. did|would it take|took", .hours), ("hours it took|takes", .hours),
    ("time .. you .. spend|spent|put|invest*|devote*", .hours), ("time did it take", .hours),
    ("how much of your time", .hours), ("time investment", .hours), ("total hours", .hours),
    ("number of hours", .hours), ("how much did|does|would it|this|that|the .. take|took", .hours),
    ("too much", .timeJudgment), ("about right", .timeJudgment), ("too little", .timeJudgment),
    ("just right", .timeJudgment), ("right amount", .timeJudgment), ("reasonable", .timeJudgment),
    ("manageable", .timeJudgment), ("time .. feel|felt|fair|reasonable", .timeJudgment),
    ("feel|felt like .. amount|time", .timeJudgment), ("fair amount", .timeJudgment),
    ("right amount", .timeJudgment),
    ("time commitment .. feel|felt|fair|reasonable|like", .timeJudgment),
    ("more than you expected", .timeJudgment),
    // "How did that feel, in terms of the amount?", "How did the workload sit with you?"
    ("in terms of the|its amount|workload|load", .timeJudgment),
    ("the|that amount|workload|load feel|felt|sit|sat", .timeJudgment),
    ("advice", .timeAdvice), ("advise", .timeAdvice), ("tips", .timeAdvice), ("tip", .timeAdvice),
    ("what would you tell", .timeAdvice), ("what would you say to", .timeAdvice),
    ("what should i tell", .timeAdvice),
    (
      "what should .. colleague*|principal*|teacher*|someone|somebody|others|people .. know",
      .timeAdvice
    ),
    // Incentives by name come from IncentiveReader's list (see `topics(of:)`).
    ("incentive*", .incentives),
    ("motivat*", .motivation),
    (
      "what made|makes you decide|want|choose|sign|take|join|apply|enroll|enrol|do|pick|go|get",
      .motivation
    ),
    (
      "why did|would you decide|sign|take|choose|apply|enroll|enrol|join|do|want|pick|go|get",
      .motivation
    ),
    ("what drew|draws you", .motivation), ("drew you to", .motivation),
    ("what led|prompted|pushed you", .motivation),
    ("what got you", .motivation), ("reason|reasons for|you|why", .motivation),
    (
      "why you signed|decided|took|chose",
      .motivation
    ), ("decide to take|do|sign|join|apply|enroll", .motivation),
    // "How did you end up in the micro-credential?", "How did you come to take part?": only about
    // the programme ("How did you end up in administration?" asks about a career).
    (
      "end|ended up .. in|with|doing|taking|joining .. micro*|program*|programme|credential*|course|cohort|this|it",
      .motivation
    ),
    ("come|came to take|do|join|enroll|enrol|sign|apply|try|choose|pick", .motivation),
    (
      "get|got into|involved .. micro*|program*|programme|credential*|course|cohort|this|it",
      .motivation
    ),
    ("what brought|brings|convinced|interested|attracted you", .motivation),
    ("design*", .recommendations), ("recommendation*", .recommendations),
    (
      "people who run|ran|built|made",
      .recommendations
    ), ("what would you change", .recommendations), ("if you could change", .recommendations),
    ("to change", .recommendations), ("improve*", .recommendations),
    // "What should they do differently?", "What would make it better?", "If you were in charge
    // of the next round…", "If you ran it…".
    (
      "they|it|program*|programme|course|credential*|academy|institute .. .. differently",
      .recommendations
    ),
    ("should|could the|they|it .. .. differently", .recommendations),
    ("make it|this|that|the .. better", .recommendations), ("in charge", .recommendations),
    ("if you ran|run|were running|designed", .recommendations),
    (
      "what should they|the organizers|the university|the district",
      .recommendations
    ),
  ])

  /// Words that show a question mentioning an incentive asks whether it mattered.
  static let incentiveRole = CueLexicon([
    "role", "matter*", "factor*", "motivat*", "important", "influenc*", "decision", "decide*",
    "play*", "draw|drew",
    "why", "reason*", "care", "part", "appeal*", "incentive*", "count", "worth", "difference",
    "sway*", "figure",
    // "Would you have finished without the stipend?" asks what it did.
    "without",
  ])

  static let followUps: [AskTopic: CueLexicon<Bool>] = [
    .hours: CueLexicon([
      "hour*", "time", "guess", "ballpark", "estimate", "number", "rough*", "long", "week*",
      "total", "steady",
      "bursts", "both", "each", "overlap*", "including", "count*", "that include",
    ]),
    .timeJudgment: CueLexicon([
      "too", "say more", "how so", "more about that", "why", "what do you mean", "enough", "time",
    ]),
    .timeAdvice: CueLexicon([
      "advice", "anything else", "what else", "tell", "time", "say more", "how so",
    ]),
    .incentives: CueLexicon([
      "without", "anyway", "would you have", "say more", "how so", "matter*", "role", "why",
      "incentive*", "stipend*",
      "credit*", "hours",
    ]),
    .motivation: CueLexicon([
      "beyond", "personally", "anything else", "what else", "other reason*", "why", "say more",
      "how so", "more about",
      "was there", "besides",
    ]),
  ]
}
