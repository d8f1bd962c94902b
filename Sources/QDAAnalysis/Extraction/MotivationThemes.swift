import QDAText

/// A reason for taking part in a programme that the motivation table counts.
public enum MotivationTheme: String, CaseIterable, Codable, Sendable, Hashable {
  /// The topic is a district or school priority.
  case priorities
  /// To bring the learning back to staff.
  case staff
  /// A personal passion for the topic.
  case passion
  /// A degree, or credit toward one.
  case degree
  /// Going deep on one topic, independently.
  case deep
  /// A supervisor asked.
  case supervisor

  /// The theme's name in tables.
  public var name: String {
    switch self {
    case .priorities: "Aligned with school or district priorities"
    case .staff: "Bring the learning back to staff"
    case .passion: "Personal passion for the topic"
    case .degree: "Link to a degree or credit"
    case .deep: "Going deep on one topic independently"
    case .supervisor: "A supervisor's request"
    }
  }

  /// What a participant voicing the theme did, for sentences in a brief ("four of 11
  /// principals …").
  public var summary: String {
    switch self {
    case .priorities: "described how the topic aligned with school or district priorities"
    case .staff: "described an intention to bring the learning back to their staff"
    case .passion: "described a personal passion for the topic"
    case .degree: "linked it to a degree or credit they were pursuing"
    case .deep: "wanted to go deep on one topic on their own"
    case .supervisor: "took part at a supervisor's request"
    }
  }

  /// Words a codebook's sub-code id for this theme contains (`outcome.motivation.priorities`).
  public var codeWords: [String] {
    switch self {
    case .priorities: ["priorit", "align"]
    case .staff: ["staff"]
    case .passion: ["passion"]
    case .degree: ["degree"]
    case .deep: ["deep", "independ"]
    case .supervisor: ["supervisor"]
    }
  }

  /// The theme a code id stands for, by its last part.
  public init?(codeID: String) {
    let last = codeID.split(separator: ".").last.map { $0.lowercased() } ?? ""
    guard
      let theme = Self.allCases.first(where: { theme in
        theme.codeWords.contains { last.contains($0) }
      })
    else { return nil }
    self = theme
  }
}

/// Recognises the motivation themes a participant voices, wherever in the interview.
///
/// Each theme has its own evidence: a district or school priority named as what the work
/// lined up with; a wish to bring what is learned back to staff ("I wanted something I could
/// carry back to my teachers"); a passion ("this is my thing", "the reason I went into
/// teaching"); a degree pursued now, or credit that counts toward one; going deep on one
/// topic on one's own; a supervisor who asked. A theme said in a negated clause ("I'm not
/// going for a doctorate", "not really my thing") does not count. Outside the answer to a
/// question about motivation, a theme counts only when the sentence (or the one beside it)
/// frames it as a reason ("so it lined up", "that's why"), since the same words describe
/// other things elsewhere (a priority met on the job, a course finished years ago).
///
/// ```swift
/// MotivationReader.themes(in: CueText("I wanted something to take back to my faculty."), inMotivationAnswer: false)
/// // [(.staff, …)]
/// ```
public enum MotivationReader {
  /// The themes a sentence voices, with the words that show each.
  ///
  /// - Parameters:
  ///   - before, after: the sentences beside it in the same turn, for a theme said across two
  ///     ("Dr. Lee asked me to. She's my supervisor.").
  ///   - inMotivationAnswer: the sentence answers a question about why the participant took
  ///     part.
  ///   - earlier: the sentences before it in the same turn, where a supervisor a request's "she"
  ///     or "he" stands for may have been named ("My principal found it. … She sent me the link
  ///     and said, you're doing this.").
  public static func themes(
    in text: CueText, before: CueText? = nil, after: CueText? = nil, earlier: [CueText] = [],
    inMotivationAnswer: Bool
  ) -> [(theme: MotivationTheme, cue: String)] {
    guard !text.isQuestion else { return [] }
    let framed =
      inMotivationAnswer
      || [text, before, after].contains { $0.map(reasonFrames.matchesAny) ?? false }
    var found: [(MotivationTheme, String)] = []
    func add(_ theme: MotivationTheme, _ cue: String) {
      if !found.contains(where: { $0.0 == theme }) { found.append((theme, cue)) }
    }
    // Priorities, passion, degree: cues that need a reason frame.
    for (theme, lexicon) in [
      (MotivationTheme.priorities, priorities), (.passion, passion), (.degree, degree),
    ] {
      guard let cue = firstUnnegated(lexicon, in: text),
        framed || strongCues[theme]?.matchesAny(text) == true
      else { continue }
      // A degree finished ("I finished my doctorate years ago") is background, not a reason.
      if theme == .degree, text.contains(anyOf: completedWords) { continue }
      add(theme, cue)
    }
    if let cue = staffCue(text, before: before) { add(.staff, cue) }
    if let cue = deepCue(text, before: before, after: after), framed || motives.matchesAny(text) {
      add(.deep, cue)
    }
    if let cue = supervisorCue(text, before: before, after: after, earlier: earlier),
      inMotivationAnswer || programmeWords.matchesAny(text)
    {
      add(.supervisor, cue)
    }
    return found
  }

  /// The first match of a lexicon not in a negated clause.
  static func firstUnnegated(_ lexicon: CueLexicon<Bool>, in text: CueText) -> String? {
    for match in lexicon.matches(in: text)
    where !text.isNegated(before: match.words.lowerBound, window: 5) {
      return text.quote(match.words)
    }
    return nil
  }

  // MARK: - Staff

  /// A wish to take the learning to staff: a motive, a verb of passing on, and the staff (or
  /// "them", when the sentence before named the staff).
  static func staffCue(_ text: CueText, before: CueText?) -> String? {
    // A motive ("I wanted…", "so I could…"), or a purpose said on its own ("To take it back
    // to my team.").
    let purpose =
      text.words.first?.text == "to"
      ? CueLexicon<Bool>.Match(value: true, words: 0..<1, pattern: "to") : nil
    guard let motive = motives.firstMatch(in: text) ?? purpose,
      !text.isNegated(before: motive.words.lowerBound, window: 3),
      let transfer = transfers.firstMatch(in: text)
    else { return nil }
    let staffNamed = staffNouns.matchesAny(text)
    let pointsBack =
      text.contains(anyOf: ["them", "they"]) && (before.map(staffNouns.matchesAny) ?? false)
    guard staffNamed || pointsBack else { return nil }
    return text.quote(
      min(
        motive.words.lowerBound, transfer.words.lowerBound)..<max(
          motive.words.upperBound, transfer.words.upperBound))
  }

  // MARK: - Deep

  /// Going deep on one thing on one's own: depth with a single focus or with independence, or
  /// a single focus pursued independently, in the sentence or with the one beside it.
  static func deepCue(_ text: CueText, before: CueText?, after: CueText?) -> String? {
    let depthMatch = firstUnnegated(depth, in: text)
    let focusMatch = firstUnnegated(focus, in: text)
    let alone = firstUnnegated(independence, in: text)
    let neighbours = [before, after].compactMap { $0 }
    let nearFocus = focusMatch != nil || neighbours.contains { focus.matchesAny($0) }
    let nearAlone = alone != nil || neighbours.contains { independence.matchesAny($0) }
    let nearDepth = depthMatch != nil || neighbours.contains { depth.matchesAny($0) }
    if let depthMatch, nearFocus || nearAlone { return depthMatch }
    if let focusMatch, nearAlone || nearDepth { return focusMatch }
    return nil
  }

  // MARK: - Supervisor

  /// A person in authority who asked the participant: a request to "me" or "us", with the
  /// supervisor named in the sentence or the one beside it.
  static func supervisorCue(
    _ text: CueText, before: CueText?, after: CueText?, earlier: [CueText] = []
  ) -> String? {
    // "She … said, you're doing this", the supervisor named earlier in the turn.
    let pointsBack =
      text.contains(anyOf: ["she", "he"]) && earlier.contains(where: authorities.matchesAny)
    for match in requests.matches(in: text)
    where !text.isNegated(before: match.words.lowerBound, window: 4) {
      let named =
        authorities.matchesAny(text)
        || [before, after].contains { $0.map(authorities.matchesAny) ?? false } || pointsBack
      if named { return text.quote(match.words) }
    }
    // "I was asked to": a request from above, whoever made it.
    if let match = passiveRequests.firstMatch(in: text),
      !text.isNegated(before: match.words.lowerBound, window: 4)
    {
      return text.quote(match.words)
    }
    return nil
  }

  // MARK: - Lexicons

  static let completedWords: Set<String> = [
    "finished", "completed", "earned", "defended", "graduated", "got", "had", "ago",
  ]

  /// Words that frame what is said as a reason for taking part.
  static let reasonFrames = CueLexicon([
    "lined|lines|line up", "lined|lines|line _ up", "aligned|aligns|align", "in line",
    "fit|fits|fitted",
    "matched", "tied in", "connected", "so when", "reason*", "why i", "that 's why", "because",
    "decided",
    "signed up", "sign up", "motivat*", "drew me", "jumped at", "it was already", "took it on",
    "take it on",
    "appeal*",
  ])

  static let priorities = CueLexicon([
    "district|districts|school|schools|board|division|system|state|campus|building|superintendent|network .. .. priority|priorities|goal|goals|initiative|initiatives|focus|mission",
    "our .. .. priority|priorities|initiative|initiatives|goals", "strategic plan",
    "improvement plan", "district plan",
    // "It lined up with what the district needed", "…with what we'd already committed to".
    "lined|lines|line|aligned|aligns|align|fit|fits|fitted|matched up with what we|the|our",
    "lined|lines|line|aligned|aligns|align|fit|fits|fitted|matched with what we|the|our",
    "district|system wide", "districtwide|systemwide", "top priority",
  ])

  static let passion = CueLexicon([
    "passion*", "close to my heart", "near and dear", "dear to me", "my thing", "my calling",
    "personal for me",
    "it 's personal", "it is personal", "matters to me",
    "the|a|whole reason i went|got|became|chose|came|do|'m",
    "why i went|got|became|chose|do|care", "i care|cared deeply|about|so|most", "care deeply",
    "i 've always cared",
    "i actually|really|genuinely|truly|just care|cared", "the thing i care|cared",
    "what i care|cared .. most",
    "i love|loved this|the topic|work", "heart is|was in",
    "personally invested|committed|important",
    // "I just love writing", "I love intervention work, I really do": love said of the work
    // itself, in a sentence framed as a reason (or in the answer about why).
    "i just|really|truly|genuinely|absolutely|simply love|loved",
    "i love|loved .. work|stuff|writing|reading|teaching",
    "i do care|cared", "love language",
  ])

  static let degree = CueLexicon([
    "i 'm|am working|enrolled|in|doing|pursuing|finishing|starting|halfway|still .. doctorate|degree|dissertation|phd|edd|doctoral|master|masters|endorsement|certification|program|coursework|licensure",
    "started|starting|began|pursuing a|an|my .. doctorate|degree|phd|edd|doctoral|masters|master|endorsement|certification",
    "my dissertation|thesis|doctorate|capstone", "my doctoral|graduate program|coursework|study",
    // "Ed.S.", "Ed.D.": two words to the tokenizer.
    "i 'm|am working|enrolled|in|doing|pursuing|finishing|starting|halfway|still .. ed s|d",
    "my ed s|d",
    "toward|towards my|a|the .. ed s|d", "credit|credits|units toward|towards .. ed s|d",
    "credit|credits .. transfer|count|apply|go toward|towards",
    "toward|towards my|a|the .. degree|doctorate|master|masters|endorsement|certification|licensure|specialist|eds",
    "for my degree|doctorate|dissertation|endorsement|masters|master|program",
    "for the credit|credits",
  ])

  /// Cues strong enough to stand without a reason frame around them.
  static let strongCues: [MotivationTheme: CueLexicon<Bool>] = [
    .degree: CueLexicon([
      "credit|credits .. transfer|count|apply", "toward|towards my",
      "for my degree|doctorate|dissertation",
      // "Three credits toward the doctorate", "a graduate credit toward the Ed.S."
      "credit|credits|units toward|towards .. degree|doctorate|master|masters|specialist|eds|edd|phd|dissertation",
      "credit|credits|units toward|towards .. ed s|d",
    ])
  ]

  static let motives = CueLexicon([
    "want|wanted|wants|need|needed|hope|hoped|hoping|wish|wished", "so i could|can",
    "so that i could|can",
    "to be able to", "looking for", "the idea was", "the goal was", "my goal was", "the plan was",
    "my plan was",
    "in order to", "i 'd like|love to",
    "could see myself", "saw myself",
    "would like to", "like|liked|love|loved|prefer|enjoy going|digging|working",
    "like|liked|love|loved|prefer to go|dig|work",
  ])

  static let transfers = CueLexicon([
    "bring|brought|bringing|take|took|taking|carry|carried|share|shared|sharing|give|gave|giving|pass|passed|passing|turn|teach|taught|lead|led|show|showing|coach|train|model|modeling|modelling|hand|walk|walking",
    "use it|them|this with", "roll|rolling it out",
  ])

  static let staffNouns = CueLexicon([
    "staff|staffs|teachers|teacher|faculty|team|teams|colleagues|department|departments|people|plc|plcs|aps|coaches|educators"
  ])

  static let depth = CueLexicon([
    "deep|deeper|depth", "dig|dive|digging|diving into|in|deep", "good at",
    "really learn|understand|know",
    "actually|properly|truly|fully learn|understand|know", "rabbit hole", "all the way down|in",
    "master|mastery", "expert",
  ])

  static let focus = CueLexicon([
    "one thing|topic|area|skill|subject|piece", "single thing|topic|area|skill|subject", "narrow",
    "focus on one",
    "one at a time",
  ])

  static let independence = CueLexicon([
    "on my own", "by myself", "myself", "independently", "alone", "at my own pace", "self paced",
    "own pace", "solo", "on my own time",
  ])

  static let requests = CueLexicon([
    "asked|encouraged|nudged|pushed|urged|told|wanted|recommended|suggested|nominated|tapped|invited|volunteered|signed|sent|pressured|expected|begged|challenged .. me|us",
    "asked|suggested|wondered if|whether i|we", "suggested i|we", "wanted me|us to",
    "put my name forward|in|up",
    "signed me up", "volunteered me", "recommended me",
    // "My chief said, you should be in the room", "My principal put it in my goals".
    "said|says .. you|i|we should|need|ought|have", "told me|us .. you|i|we should|need|ought|have",
    // Reported directives: "she said, you're doing this", "…basically said, I'd like each of you to do it".
    "said|says .. you 're|are|will|must|'ll doing|going|be|do|take|complete|need",
    "said|says .. i 'd|would like|love each|all|everyone|every|you",
    "said|says .. i want|need each|all|everyone|every|you",
    "put|wrote|made it|this .. in|into my .. goals|evaluation|plan",
    "part of my .. goals|evaluation|plan",
    // The programme passed on to the participant: "forwarded me the announcement", "put the
    // flyer on my desk", "handed me the brochure".
    "forwarded|handed|passed|slid .. me|us", "put|left|dropped|stuck .. .. on my desk|chair",
    // A request to a group the participant belongs to: "asked every principal in the district to
    // complete it", "asked all six middle school principals to do it".
    "asked|told|required|expected|wanted|directed every|all|each .. .. principal|principals|administrator|administrators|leader|leaders|ap|aps",
  ])

  static let passiveRequests = CueLexicon([
    "i|we was|were asked|told|tapped to", "i|we 'd|had been asked|told|tapped to",
    "i|we was|were voluntold",
  ])

  static let authorities = CueLexicon([
    "superintendent*", "supervisor*", "boss", "my|our director", "my|our principal", "evaluator",
    "manager",
    "chief", "my dean", "my provost",
  ])

  /// Words that show a request is about taking part in the programme.
  static let programmeWords = CueLexicon([
    "do|try|take|join|apply|enroll|enrol|complete it|this|these|one", "sign up", "signed up",
    "to do it", "program*",
    "credential*", "micro*", "course", "cohort", "fellowship", "training", "certificat*",
    "first to",
  ])
}
