import QDAModel
import QDAText

/// What the interview tables read from every participant's interviews: hours, the judgment of
/// the time, advice, whether incentives mattered, and motivation themes, each with the words
/// it was read from.
///
/// Each measure is read first from the answer to the question that asks for it, found by the
/// question's words wherever the interviewer asks it; then from passages linked to the protocol
/// question that measures it; then (hours, judgments, advice, incentives) from what the
/// participant says elsewhere, where the words alone make the point. Themes are read from every
/// sentence, with the answer to a question about motivation as context.
///
/// ```swift
/// let findings = InterviewFindings(snapshot)
/// findings["P04"]?.hours?.estimate?.hours  // 25
/// ```
public struct InterviewFindings: Sendable {
  /// Findings by participant.
  public private(set) var byParticipant: [String: ParticipantFindings] = [:]

  public subscript(participant: String) -> ParticipantFindings? { byParticipant[participant] }

  /// Reads every participant's interviews in the snapshot.
  public init(_ corpus: CorpusSnapshot) {
    let linked = Self.linkedTopics(corpus)
    let timeCoded = Set(
      corpus.codebook.tables.timeCommitment.map { corpus.passageIDs(under: $0) } ?? [])
    // Passage positions by document, in order; documents by participant.
    var positions: [Int64: [Int]] = [:]
    for position in corpus.passages.indices {
      if let document = corpus.passages.documentID(at: position) {
        positions[document, default: []].append(position)
      }
    }
    var documentsOf: [String: [Int64]] = [:]
    var order: [String] = []
    for document in corpus.documents {
      guard let id = document.id, positions[id] != nil else { continue }
      if documentsOf[document.participantID] == nil { order.append(document.participantID) }
      documentsOf[document.participantID, default: []].append(id)
    }
    for participant in order {
      let interviews = (documentsOf[participant] ?? []).map { document -> InterviewExchanges in
        let passages = (positions[document] ?? []).map { corpus.passages[$0] }
        return InterviewExchanges(
          passages: passages, texts: corpus.texts(of: passages), linkedTopics: linked)
      }
      byParticipant[participant] = Self.read(participant, interviews, timeCoded: timeCoded)
    }
  }

  /// The topics each protocol question measures or probes.
  static func linkedTopics(_ corpus: CorpusSnapshot) -> [String: Set<AskTopic>] {
    guard let questions = corpus.interviewProtocol?.questions else { return [:] }
    let motivation = corpus.codebook.tables.motivation
    var topics: [String: Set<AskTopic>] = [:]
    for question in questions {
      var set = Set<AskTopic>()
      switch question.measure {
      case .hoursEstimate: set.insert(.hours)
      case .timeJudgment: set.insert(.timeJudgment)
      case .timeAdvice: set.insert(.timeAdvice)
      case .incentiveRole: set.insert(.incentives)
      case nil: break
      }
      if let motivation,
        question.probes.contains(where: { $0 == motivation || $0.hasPrefix(motivation + ".") })
      {
        set.insert(.motivation)
      }
      if !set.isEmpty { topics[question.id] = set }
    }
    return topics
  }

  // MARK: - One participant

  /// A sentence of one of the participant's interviews.
  struct Spoken {
    var interview: InterviewExchanges
    var index: Int
    var sentence: InterviewExchanges.Sentence { interview.sentences[index] }
    var text: CueText { sentence.text }
  }

  static func read(_ participant: String, _ interviews: [InterviewExchanges], timeCoded: Set<Int64>)
    -> ParticipantFindings
  {
    var findings = ParticipantFindings(participant: participant)
    let spoken = interviews.flatMap { interview in
      interview.sentences.indices.map { Spoken(interview: interview, index: $0) }
    }
    // Answers found by the question's words, by exchange (in order), and linked ones.
    func answers(_ topic: AskTopic) -> [[Spoken]] {
      var groups: [[Spoken]] = []
      for interview in interviews {
        for exchange in interview.exchanges
        where exchange.topics.contains(topic) && !exchange.answer.isEmpty {
          groups.append(exchange.answer.map { Spoken(interview: interview, index: $0) })
        }
      }
      return groups
    }
    func linked(_ topic: AskTopic) -> [Spoken] {
      spoken.filter { $0.sentence.linked.contains(topic) }
    }
    /// Sentences answering none of the measured questions: where a point said "elsewhere" is looked for.
    func elsewhere(excluding topics: Set<AskTopic>) -> [Spoken] {
      spoken.filter { item in
        guard let exchange = item.sentence.exchange else { return true }
        return item.interview.exchanges[exchange].topics.isDisjoint(with: topics)
      }
    }
    let measured: Set<AskTopic> = [
      .hours, .timeJudgment, .timeAdvice, .incentives, .recommendations,
    ]

    findings.hours = readHours(
      answers(.hours), linked(.hours), elsewhere(excluding: measured), timeCoded: timeCoded)
    // A judgment often comes with the hours ("about twenty hours, which felt right").
    findings.judgment = readJudgment(
      answers(.timeJudgment), linked(.timeJudgment),
      elsewhere(excluding: measured.subtracting([.hours])), timeCoded: timeCoded,
      hoursAnswers: answers(.hours))
    findings.advice = readAdvice(
      answers(.timeAdvice), linked(.timeAdvice),
      elsewhere(excluding: [.timeAdvice, .recommendations]))
    findings.incentives = readIncentives(
      answers(.incentives), linked(.incentives), elsewhere(excluding: [.incentives]))
    for item in spoken {
      let inMotivationAnswer =
        item.interview.answers(item.sentence, .motivation)
        || item.sentence.linked.contains(.motivation)
      let (before, after) = item.interview.neighbours(of: item.index)
      // (The turn's sentences are contiguous: walk back to its first.)
      let sentences = item.interview.sentences
      var first = item.index
      while first > 0, sentences[first - 1].passageID == item.sentence.passageID { first -= 1 }
      let earlier = sentences[first..<item.index].map(\.text)
      for (theme, cue) in MotivationReader.themes(
        in: item.text, before: before, after: after, earlier: earlier,
        inMotivationAnswer: inMotivationAnswer)
      where !findings.themes.contains(where: { $0.theme == theme }) {
        findings.themes.append(
          .init(
            theme: theme, evidence: item.text.text, cue: cue, passageID: item.sentence.passageID,
            start: item.text.range.lowerBound, end: item.text.range.upperBound))
      }
    }
    // Recommendations: statements and the participants' own questions, in the order said.
    for interview in interviews {
      let all = (interview.sentences + interview.questions).sorted {
        ($0.passageIndex, $0.text.range.lowerBound) < ($1.passageIndex, $1.text.range.lowerBound)
      }
      for sentence in all {
        let inAnswer = interview.answers(sentence, .recommendations)
        let inAdvice =
          interview.answers(sentence, .timeAdvice) || sentence.linked.contains(.timeAdvice)
        guard
          let cue = SuggestionReader.cue(
            in: sentence.text, inRecommendationsAnswer: inAnswer, inAdviceAnswer: inAdvice)
        else { continue }
        findings.suggestions.append(
          .init(
            text: sentence.text.text, cue: cue, passageID: sentence.passageID,
            start: sentence.text.range.lowerBound,
            end: sentence.text.range.upperBound, inAnswer: inAnswer))
      }
    }
    return findings
  }

  /// Groups sentences by passage, in order: each passage's text and the range its sentences
  /// cover.
  static func byPassage(_ sentences: [Spoken]) -> [(
    passageID: Int64, sentences: [Spoken], range: Range<Int>
  )] {
    var groups: [(passageID: Int64, sentences: [Spoken], range: Range<Int>)] = []
    for item in sentences {
      let range = item.text.range
      if let last = groups.last, last.passageID == item.sentence.passageID {
        groups[groups.count - 1].sentences.append(item)
        groups[groups.count - 1].range =
          min(
            last.range.lowerBound, range.lowerBound)..<max(last.range.upperBound, range.upperBound)
      } else {
        groups.append((item.sentence.passageID, [item], range))
      }
    }
    return groups
  }

  /// The sentences of a group that overlap a scalar range.
  static func quote(_ group: [Spoken], _ range: Range<Int>) -> String {
    group.filter { $0.text.range.overlaps(range) || ($0.text.range.contains(range.lowerBound)) }
      .map(\.text.text).joined(separator: " ")
  }

  // MARK: - Hours

  static func readHours(
    _ asked: [[Spoken]], _ linked: [Spoken], _ elsewhere: [Spoken], timeCoded: Set<Int64>
  ) -> ParticipantFindings.Hours? {
    func read(_ sentences: [Spoken], source: FindingSource, bareNumbers: Bool)
      -> ParticipantFindings.Hours?
    {
      let groups = byPassage(sentences)
      guard !groups.isEmpty else { return nil }
      let reading = HourEstimator.read(
        groups.map { ($0.sentences[0].text.scalars, $0.range) }, bareNumbers: bareNumbers)
      let passages = groups.map(\.passageID)
      switch reading {
      case .estimate(let estimate):
        let evidence = estimate.parts.map {
          quote(groups[$0.source].sentences, $0.start..<max($0.end, $0.start + 1))
        }
        var unique: [String] = []
        for line in evidence where !unique.contains(line) { unique.append(line) }
        return .init(
          estimate: estimate, partPassages: estimate.parts.map { groups[$0.source].passageID },
          declined: nil,
          passageIDs: passages, evidence: unique.joined(separator: " … "), source: source)
      case .refusal(let words, let index), .vague(let words, let index):
        let sentence =
          groups[index].sentences.first { $0.text.text.contains(words) }?.text.text ?? words
        return .init(
          estimate: nil, partPassages: [], declined: words, passageIDs: passages,
          evidence: sentence, source: source)
      case .nothing:
        return .init(
          estimate: nil, partPassages: [], declined: nil, passageIDs: passages, evidence: "",
          source: source)
      }
    }
    // The answers to the question, all together (an answer and its follow-ups).
    let answered = read(asked.flatMap { $0 }, source: .question, bareNumbers: true)
    if let answered, answered.estimate != nil || answered.declined != nil { return answered }
    let fromLink = read(linked, source: .protocolQuestion, bareNumbers: true)
    if let fromLink, fromLink.estimate != nil || fromLink.declined != nil { return fromLink }
    if let answered { return answered }
    // Elsewhere: a total said as time spent on the work, in a sentence about time (also when
    // the answer linked to the protocol's question gave no amount: "About twenty hours, all
    // told." said before it).
    for item in elsewhere
    where timeCoded.contains(item.sentence.passageID) || spending.matchesAny(item.text) {
      guard let found = read([item], source: .elsewhere, bareNumbers: false), found.estimate != nil
      else { continue }
      return found
    }
    return fromLink
  }

  /// Words of time spent on the work ("it took me", "all told").
  static let spending = CueLexicon([
    "spent|spend|spending", "put in|into", "took|take|takes me", "it took|takes", "invested",
    "logged", "devoted",
    "all told", "in total", "total", "altogether", "all in", "start to finish", "in all",
  ])

  // MARK: - Judgment

  /// - Parameter hoursAnswers: the answers to the question about hours, where a judgment needs
  ///   no word of time ("Whatever the number was, it was too much.").
  static func readJudgment(
    _ asked: [[Spoken]], _ linked: [Spoken], _ elsewhere: [Spoken], timeCoded: Set<Int64>,
    hoursAnswers: [[Spoken]] = []
  ) -> ParticipantFindings.Judgment? {
    // The first passage of an answer with a judgment decides, by its last cue said for the
    // speaker: "Too little, for me. For somebody new to budgets it's about right" is too little.
    // An answer that says it cannot judge ("I don't know how to answer that") gives none.
    func read(_ sentences: [Spoken], source: FindingSource) -> ParticipantFindings.Judgment? {
      let groups = byPassage(sentences)
      guard !groups.isEmpty else { return nil }
      for group in groups {
        let scalars = group.sentences[0].text.scalars
        let text = String(scalars: scalars[group.range])
        let verdicts = TimeJudgment.classifier.verdicts(in: text)
        guard !verdicts.isEmpty else { continue }
        func sentence(at start: Int) -> Spoken? {
          group.sentences.first { $0.text.range.contains(group.range.lowerBound + start) }
        }
        if let undecided = group.sentences.first(where: { cannotJudge.matchesAny($0.text) }) {
          return .init(
            judgment: nil, cue: nil, evidence: undecided.text.text, passageID: group.passageID,
            passageIDs: groups.map(\.passageID), source: source)
        }
        // An answer that opens with the verdict alone ("Too much.", "About right, yes.") has said
        // it; what follows qualifies it ("The content wasn't too much, the timing was"). A
        // question that frames the answer may come first ("For the year I had? Too much.").
        // The verdict may be said twice ("Too much, way too much."): the words beside its cues
        // are what count.
        func isCue(_ word: Token) -> Bool {
          verdicts.contains {
            (group.range.lowerBound + $0.start)..<(group.range.lowerBound + $0.end) ~= word.start
          }
        }
        if let opening = group.sentences.first(where: { !$0.text.isQuestion }),
          let verdict = verdicts.first(where: {
            opening.text.range.contains(group.range.lowerBound + $0.start)
          }),
          case let words = opening.text.words.filter({ $0.kind == .word }),
          words.count <= 4 || words.filter({ !isCue($0) }).count <= 2
        {
          return .init(
            judgment: verdict.label, cue: verdict.evidence, evidence: opening.text.text,
            passageID: group.passageID,
            passageIDs: groups.map(\.passageID), source: source)
        }
        guard let verdict = speakersOwn(verdicts, saidIn: { sentence(at: $0.start)?.text }).last
        else { continue }
        return .init(
          judgment: verdict.label, cue: verdict.evidence,
          evidence: sentence(at: verdict.start)?.text.text ?? verdict.evidence,
          passageID: group.passageID, passageIDs: groups.map(\.passageID), source: source)
      }
      return .init(
        judgment: nil, cue: nil, evidence: nil, passageID: nil, passageIDs: groups.map(\.passageID),
        source: source)
    }
    // Away from a question about the judgment, "not enough hours for both" says how busy someone
    // was rather than judging what the programme asked, and "the kids put in way more than
    // that" compares amounts.
    func judgesTheProgramme(_ found: ParticipantFindings.Judgment?) -> Bool {
      let cue = (found?.cue ?? "").lowercased()
      return found?.judgment != nil && !cue.contains("enough") && !cue.contains("more than")
    }
    for group in asked {
      if let found = read(group, source: .question), found.judgment != nil { return found }
    }
    // The answer about hours ("Whatever the number was, it was too much."), which a question
    // echoing the judgment may follow ("Why too much?").
    for group in hoursAnswers {
      if let found = read(group, source: .question), judgesTheProgramme(found) { return found }
    }
    if !asked.isEmpty { return read(asked.flatMap { $0 }, source: .question) }
    if let found = read(linked, source: .protocolQuestion) { return found }
    // Elsewhere: a judgment in a sentence about time.
    for item in elsewhere
    where timeCoded.contains(item.sentence.passageID) || timeWords.matchesAny(item.text) {
      if let found = read([item], source: .elsewhere), judgesTheProgramme(found) { return found }
    }
    return nil
  }

  static let timeWords = CueLexicon([
    "time", "hours", "commitment", "workload", "amount of work", "it took", "time commitment",
  ])

  /// The items said for the speaker: those whose sentence is not said for others (`forOthers`),
  /// or all of them when every one is.
  static func speakersOwn<Item>(_ items: [Item], saidIn sentence: (Item) -> CueText?) -> [Item] {
    let own = items.filter { item in !(sentence(item).map(forOthers.matchesAny) ?? false) }
    return own.isEmpty ? items : own
  }

  /// A judgment or stance said for other people, or as what the programme intends: "for
  /// somebody newer", "for most principals", "for a different principal in a different year",
  /// "it's supposed to be manageable".
  static let forOthers = CueLexicon([
    "for somebody|someone|anybody|anyone|others|everybody|everyone|people|folks|beginners|newcomers|them",
    "for other|most|many|some|new|newer .. people|principals|teachers|folks|administrators|aps|colleagues",
    "for my|our|the principals|teachers|staff|colleagues|team|aps|administrators",
    "for a|an new|newer|first year|novice|beginning|ap|assistant|teacher|principal|administrator",
    "for another|different",
    "for a|an different|other",
    "supposed to be",
  ])

  /// An answer that says it cannot judge.
  static let cannotJudge = CueLexicon([
    "not|n't know how to answer|judge", "not|n't know what to say", "ca|could n't answer",
    "cannot answer",
    "impossible to say|answer|judge", "hard to answer|judge", "not sure how to answer",
  ])

  // MARK: - Advice

  static func readAdvice(_ asked: [[Spoken]], _ linked: [Spoken], _ elsewhere: [Spoken])
    -> ParticipantFindings.Advice?
  {
    func read(_ sentences: [Spoken], source: FindingSource) -> ParticipantFindings.Advice? {
      guard !sentences.isEmpty else { return nil }
      let passages = byPassage(sentences).map(\.passageID)
      // A question that asked for advice about the time makes any advice in its answer about it
      // ("Any advice about managing the time? — Keep a log from the first day."; "Any advice on
      // managing it?", asked after the hours).
      func askedAboutTime(_ item: Spoken) -> Bool {
        guard source == .question, let exchange = item.sentence.exchange else { return false }
        let asked = item.interview.exchanges[exchange].questions
        return TimeAdvice.timeTerms.matchesAny(asked) || TimeAdvice.managingAsks.matchesAny(asked)
      }
      // An answer that opens by declining gives none ("I don't think I have any. It isn't heavy
      // if you treat the schedule as your schedule."), unless advice follows, said as such: "I'm
      // the wrong one to ask. What I would say is, start in the summer."
      if let first = sentences.first, TimeAdvice.declines(first.text) {
        if let given = sentences.dropFirst().first(where: {
          TimeAdvice.statedAdvice.matchesAny($0.text)
            && TimeAdvice.advice(in: $0.text, askedAboutTime: askedAboutTime($0)) != nil
        }) {
          return .init(
            asked: true, advice: given.text.text, passageID: given.sentence.passageID,
            declined: nil, passageIDs: passages, source: source)
        }
        return .init(
          asked: true, advice: nil, passageID: first.sentence.passageID, declined: first.text.text,
          passageIDs: passages, source: source)
      }
      if let given = sentences.first(where: {
        TimeAdvice.advice(in: $0.text, askedAboutTime: askedAboutTime($0)) != nil
      }) {
        return .init(
          asked: true, advice: given.text.text, passageID: given.sentence.passageID, declined: nil,
          passageIDs: passages, source: source)
      }
      let declined = sentences.first { TimeAdvice.declines($0.text) }
      return .init(
        asked: true, advice: nil, passageID: declined?.sentence.passageID,
        declined: declined?.text.text, passageIDs: passages, source: source)
    }
    if let answered = read(asked.flatMap { $0 }, source: .question) { return answered }
    if let fromLink = read(linked, source: .protocolQuestion) { return fromLink }
    // Elsewhere: advice about time addressed to the listener.
    if let given = elsewhere.first(where: {
      TimeAdvice.advice(in: $0.text, addressedToPeers: true) != nil
    }) {
      return .init(
        asked: false, advice: given.text.text, passageID: given.sentence.passageID, declined: nil,
        passageIDs: [given.sentence.passageID], source: .elsewhere)
    }
    return nil
  }

  // MARK: - Incentives

  static func readIncentives(_ asked: [[Spoken]], _ linked: [Spoken], _ elsewhere: [Spoken])
    -> ParticipantFindings.Incentives?
  {
    /// - Parameter doingWithout: the question asks whether the participant would have done it
    ///   without the incentive, where "No." says it mattered.
    func read(
      _ sentences: [Spoken], askedKinds: Set<IncentiveKind>, source: FindingSource,
      answersQuestion: Bool, doingWithout: Bool = false
    ) -> ParticipantFindings.Incentives? {
      guard !sentences.isEmpty else { return nil }
      var found: [(verdict: IncentiveVerdict, passageID: Int64, sentence: CueText)] = []
      var inherited = Set<IncentiveKind>()
      for item in sentences {
        found += IncentiveReader.verdicts(
          in: item.text, opensAnswer: answersQuestion && item.sentence.opensAnswer,
          inherited: inherited,
          doingWithout: doingWithout
        ).map { ($0, item.sentence.passageID, item.text) }
        let named = IncentiveReader.kinds(in: item.text)
        if !named.isEmpty { inherited = named }
      }
      // "For my principals it matters a little, but for me, no."
      let verdicts = speakersOwn(found, saidIn: \.sentence).map { ($0.verdict, $0.passageID) }
      let passages = byPassage(sentences).map(\.passageID)
      let decided = IncentiveReader.decide(verdicts.map(\.0), asked: askedKinds)
      let passage = decided.flatMap { decision in verdicts.first { $0.0 == decision }?.1 }
      return .init(
        asked: answersQuestion, verdict: decided, passageID: passage, passageIDs: passages,
        source: source)
    }
    var firstAnswer: ParticipantFindings.Incentives?
    for group in asked {
      guard let first = group.first else { continue }
      let ask = first.interview.exchanges[first.sentence.exchange ?? 0].ask
      let askedKinds = IncentiveReader.kinds(in: ask)
      let found = read(
        group, askedKinds: askedKinds, source: .question, answersQuestion: true,
        doingWithout: IncentiveReader.asksAboutDoingWithout(ask))
      if let found, found.verdict != nil { return found }
      if firstAnswer == nil { firstAnswer = found }
    }
    if firstAnswer == nil,
      let fromLink = read(linked, askedKinds: [], source: .protocolQuestion, answersQuestion: true)
    {
      if fromLink.verdict != nil { return fromLink }
      firstAnswer = fromLink
    }
    // Elsewhere: a stance in a sentence that names an incentive.
    let naming = elsewhere.filter { IncentiveReader.namesIncentive($0.text) }
    for item in naming {
      if let found = read([item], askedKinds: [], source: .elsewhere, answersQuestion: false),
        let verdict = found.verdict
      {
        return .init(
          asked: firstAnswer != nil, verdict: verdict, passageID: found.passageID,
          passageIDs: (firstAnswer?.passageIDs ?? []) + found.passageIDs, source: .elsewhere)
      }
    }
    return firstAnswer
  }
}
