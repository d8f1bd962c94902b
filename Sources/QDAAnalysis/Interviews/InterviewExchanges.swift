public import QDAModel
import QDAText

/// One interview read as questions and answers: the participant's sentences, each with the
/// question it answers.
///
/// A question is found by its words ("Roughly how many hours did you put into it?" asks about
/// hours), in the interviewer's turns and, where speakers were not told apart, in a question a
/// turn asks; its answer runs through the participant's turns that follow, and through
/// follow-ups on the same point ("Even a rough guess?"), until another question. A protocol
/// question linked to a turn adds its topic to the turn's sentences: a help, not a gate.
///
/// ```swift
/// let interview = InterviewExchanges(passages: passages, texts: texts, linkedTopics: [:])
/// interview.sentences.filter { interview.answers($0, .hours) }
/// ```
public struct InterviewExchanges: Sendable {
  /// A question and the topics it asks about.
  public struct Exchange: Sendable {
    public var topics: Set<AskTopic>
    /// The question's words.
    public var ask: CueText
    /// Every question the turn asks, from the first to the last ("Any advice for someone
    /// starting out? Maybe about managing the time?").
    public var questions: CueText
    /// Indices into `sentences` of its answer.
    public var answer: [Int] = []

    init(topics: Set<AskTopic>, ask: CueText, questions: CueText? = nil) {
      self.topics = topics
      self.ask = ask
      self.questions = questions ?? ask
    }
  }

  /// A sentence a participant said.
  public struct Sentence: Sendable {
    public var passageID: Int64
    /// The sentence, read for cues (its `scalars` are the passage's text).
    public var text: CueText
    /// The exchange (index into `exchanges`) the sentence answers, if any.
    public var exchange: Int?
    /// Topics of the protocol question linked to the sentence's passage.
    public var linked: Set<AskTopic>
    /// Whether the sentence opens its answer.
    public var opensAnswer: Bool
    /// Index of the sentence within its passage, and of the passage within the interview.
    public var indexInPassage: Int
    public var passageIndex: Int
  }

  public private(set) var exchanges: [Exchange] = []
  public private(set) var sentences: [Sentence] = []
  /// The questions in participants' turns, which `sentences` leaves out (the readers of
  /// answers read statements); a proposal can be one ("Why not let people…?").
  public private(set) var questions: [Sentence] = []

  /// Answer turns read before an exchange is taken as over when no new question comes (a
  /// transcript whose speakers were not told apart).
  static let answerTurnLimit = 4

  /// Reads one interview.
  ///
  /// - Parameters:
  ///   - passages: the interview's passages, in order.
  ///   - texts: their texts.
  ///   - linkedTopics: the topics of each protocol question by id.
  public init(passages: [Passage], texts: [String], linkedTopics: [String: Set<AskTopic>]) {
    var current: Int?
    var answerTurns = 0
    var knownRole: SpeakerRole?
    for (passageIndex, (passage, text)) in zip(passages, texts).enumerated() {
      guard let id = passage.id else { continue }
      // A cue with no speaker continues the turn before it.
      let role = passage.role == .unknown ? knownRole : passage.role
      if passage.role != .unknown { knownRole = passage.role }
      let scalars = Array(scalarsOf: text)
      let ranges = Self.sentences(in: scalars)
      let cues = ranges.map { CueText(scalars, range: $0) }
      switch role {
      case .interviewer:
        let questions = cues.filter(\.isQuestion)
        var asked = Set<AskTopic>()
        var askText: CueText?
        for question in questions.isEmpty ? Array(cues.suffix(1)) : questions {
          let topics = InterviewAsk.topics(of: question)
          if !topics.isEmpty, askText == nil { askText = question }
          asked.formUnion(topics)
        }
        // A question that points back ("And the incentives, the CEUs. Did those matter to
        // you?"): read with the sentence before it in the turn.
        if askText == nil, let question = questions.last,
          let position = cues.firstIndex(where: { $0.range == question.range }),
          position > 0,
          question.words.contains(where: {
            ["those", "that", "it", "they", "them", "these", "this"].contains($0.text)
          })
        {
          let span = CueText(
            scalars, range: cues[position - 1].range.lowerBound..<question.range.upperBound)
          let topics = InterviewAsk.topics(of: span)
          if !topics.isEmpty {
            askText = span
            asked.formUnion(topics)
          }
        }
        // A topic announced rather than asked ("Okay. Incentives. You mentioned money.",
        // "Let's talk about the grant, the incentive. There was one for finishing, right?"):
        // when the turn's questions name no topic, a sentence that is nothing but a topic.
        if askText == nil,
          let (announced, topics) = cues.lazy
            .filter({ !$0.isQuestion && InterviewAsk.isAnnouncement($0) })
            .map({ ($0, InterviewAsk.topics(of: $0, announced: true)) })
            .first(where: { !$0.1.isEmpty })
        {
          askText = announced
          asked.formUnion(topics)
        }
        if let askText {
          let asking = questions.isEmpty ? [askText] : questions
          let span = asking[0].range.lowerBound..<asking[asking.count - 1].range.upperBound
          exchanges.append(
            Exchange(topics: asked, ask: askText, questions: CueText(scalars, range: span)))
          current = exchanges.count - 1
          answerTurns = 0
        } else if let open = current {
          let whole = CueText(scalars, range: 0..<scalars.count)
          if !exchanges[open].topics.contains(where: { InterviewAsk.followsUp($0, whole) }) {
            current = nil
          }
        }
      case .participant:
        answerTurns += 1
        if answerTurns > Self.answerTurnLimit { current = nil }
        let linked = passage.questionID.flatMap { linkedTopics[$0] } ?? []
        var opens = current.map { exchanges[$0].answer.isEmpty } ?? false
        for (index, cue) in cues.enumerated() {
          if cue.isQuestion && !Self.isTentativeAnswer(cue) {
            // A question in a participant's turn: one the participant asks ("Does that make
            // sense?", "Why not let people…?"), or the interviewer's, where speakers were not
            // told apart.
            questions.append(
              Sentence(
                passageID: id, text: cue, exchange: current, linked: linked, opensAnswer: false,
                indexInPassage: index,
                passageIndex: passageIndex))
            let topics = InterviewAsk.topics(of: cue)
            if !topics.isEmpty {
              exchanges.append(Exchange(topics: topics, ask: cue))
              current = exchanges.count - 1
              answerTurns = 0
              opens = true
            }
            continue
          }
          sentences.append(
            Sentence(
              passageID: id, text: cue, exchange: current, linked: linked, opensAnswer: opens,
              indexInPassage: index,
              passageIndex: passageIndex))
          if let current { exchanges[current].answer.append(sentences.count - 1) }
          opens = false
        }
      case .unknown, nil:
        continue
      }
    }
  }

  /// Question words: a sentence with one asks ("So roughly how many hours…?").
  static let questionWords: Set<String> = [
    "how", "what", "why", "when", "where", "which", "who", "whom", "whose",
  ]
  /// Words an inverted question starts with ("Did it…?", "Would you say…?").
  static let auxiliaries: Set<String> = [
    "do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "should",
    "shall", "have", "has",
    "had", "may", "might", "must", "am",
  ]
  /// Words a question may start with before it asks ("And", "So", "Okay so").
  static let leadIns: Set<String> = [
    "and", "so", "okay", "ok", "now", "well", "then", "but", "right", "alright",
  ]

  /// An answer said as a question ("Maybe twelve, fifteen hours?", "Ten hours a week?"): it
  /// states an amount of time, has no question word and does not start as an inverted question
  /// does. It is read as part of the answer, never as a question that opens another.
  static func isTentativeAnswer(_ cue: CueText) -> Bool {
    let words = cue.words.map { $0.text.lowercased() }
    guard !words.contains(where: questionWords.contains) else { return false }
    if let first = words.first(where: { !leadIns.contains($0) }), auxiliaries.contains(first) {
      return false
    }
    return !HourEstimator.quantities(in: cue.scalars, range: cue.range).isEmpty
  }

  /// Sentence ranges of a passage; a pilcrow (a paragraph mark some transcribers type) ends a
  /// sentence too.
  static func sentences(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).flatMap {
      range -> [Range<Int>] in
      var pieces: [Range<Int>] = []
      var start = range.lowerBound
      for index in range where scalars[index] == "\u{00B6}" {
        if let piece = trimmed(scalars, start..<index) { pieces.append(piece) }
        start = index + 1
      }
      if let piece = trimmed(scalars, start..<range.upperBound) { pieces.append(piece) }
      return pieces
    }
  }

  private static func trimmed(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int>? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
    while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }

  /// Whether a sentence answers a question on `topic`, found by its words.
  public func answers(_ sentence: Sentence, _ topic: AskTopic) -> Bool {
    sentence.exchange.map { exchanges[$0].topics.contains(topic) } ?? false
  }

  /// The sentence before and after one in the same passage.
  public func neighbours(of index: Int) -> (before: CueText?, after: CueText?) {
    let sentence = sentences[index]
    let before =
      index > 0 && sentences[index - 1].passageIndex == sentence.passageIndex
      ? sentences[index - 1].text : nil
    let after =
      index + 1 < sentences.count && sentences[index + 1].passageIndex == sentence.passageIndex
      ? sentences[index + 1].text : nil
    return (before, after)
  }
}
