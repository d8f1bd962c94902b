import QDAModel

/// Time commitment: hours estimated, judgments of the time asked, and advice to manage it.
public struct TimeCommitmentTable: Hashable, Sendable, Codable {
  /// One participant's estimate.
  public struct Estimate: Hashable, Sendable, Codable {
    public var participant: String
    public var hours: Double
    /// The words that gave it.
    public var expression: String
    public var passageID: Int64
  }

  /// One participant's judgment of the time.
  public struct Judgment: Hashable, Sendable, Codable {
    public var participant: String
    public var judgment: TimeJudgment
    public var evidence: String
    public var passageID: Int64
  }

  /// A participant and the passages that support a count.
  public struct Mention: Hashable, Sendable, Codable {
    public var participant: String
    public var passageIDs: [Int64]
  }

  /// Estimates, in participant order.
  public var estimates: [Estimate]
  /// Participants who answered the hours question without an estimate ("I couldn't say").
  public var noEstimate: [Mention]
  /// The mean over those who gave an estimate.
  public var meanHours: Double?
  /// Judgments, in participant order.
  public var judgments: [Judgment]
  /// Participants who answered the judgment question without a clear judgment.
  public var unclearJudgments: [Mention]
  /// Participants who answered the advice question.
  public var adviceRespondents: [Mention]
  /// Those among them whose answer advises managing one's time.
  public var timeManagementAdvice: [Mention]
  /// How each figure was found (protocol question or code), in words.
  public var sources: [String]

  public var nEstimates: Int { estimates.count }
  /// Participants answering the judgment question (with or without a clear judgment).
  public var nJudgmentRespondents: Int { judgments.count + unclearJudgments.count }

  /// How many participants gave each judgment.
  public func count(_ judgment: TimeJudgment) -> Int {
    judgments.filter { $0.judgment == judgment }.count
  }

  // MARK: - Building

  /// Builds the table from the answers to the protocol questions measuring hours, judgments
  /// and advice; without a protocol, from the participant passages coded time commitment.
  public init(_ corpus: CorpusSnapshot) {
    let proto = corpus.interviewProtocol
    var sources: [String] = []
    let timeCode = corpus.codebook.tables.timeCommitment

    // Without a question, hours and judgments both read the passages coded time commitment:
    // grouped once.
    var timeCoded: [(participant: String, passages: [Passage])]?
    func answers(_ measure: Measure) -> [(participant: String, passages: [Passage])] {
      if let question = proto?.question(measuring: measure) {
        sources.append("\(measure.rawValue): answers to \(question.id) (\(question.text))")
        return corpus.byParticipant(corpus.answers(to: question.id))
      }
      guard let timeCode else { return [] }
      sources.append("\(measure.rawValue): participant passages coded \(timeCode)")
      if timeCoded == nil { timeCoded = corpus.byParticipant(corpus.spokenPassages(codedUnder: timeCode)) }
      return timeCoded ?? []
    }

    // Hours.
    let hoursQuestion = proto?.question(measuring: .hoursEstimate)
    estimates = []
    noEstimate = []
    for (participant, passages) in answers(.hoursEstimate) {
      var found: (HourEstimate, Int64)?
      for (passage, text) in zip(passages, corpus.texts(of: passages)) {
        guard let id = passage.id else { continue }
        if let estimate = HourEstimator.estimate(in: text, bareNumbers: hoursQuestion != nil) {
          found = (estimate, id)
        }
      }
      if let (estimate, id) = found {
        estimates.append(Estimate(participant: participant, hours: estimate.hours, expression: estimate.expression, passageID: id))
      } else if hoursQuestion != nil {
        noEstimate.append(Mention(participant: participant, passageIDs: passages.compactMap(\.id)))
      }
    }
    meanHours = estimates.isEmpty ? nil : estimates.map(\.hours).reduce(0, +) / Double(estimates.count)

    // Judgments.
    judgments = []
    unclearJudgments = []
    let judgmentQuestion = proto?.question(measuring: .timeJudgment)
    for (participant, passages) in answers(.timeJudgment) {
      var verdict: (CueClassifier<TimeJudgment>.Verdict, Int64)?
      for (passage, text) in zip(passages, corpus.texts(of: passages)) {
        guard let id = passage.id, let found = TimeJudgment.classifier.classify(text) else { continue }
        verdict = (found, id)
      }
      if let (found, id) = verdict {
        judgments.append(Judgment(participant: participant, judgment: found.label, evidence: found.evidence, passageID: id))
      } else if judgmentQuestion != nil {
        unclearJudgments.append(Mention(participant: participant, passageIDs: passages.compactMap(\.id)))
      }
    }

    // Advice.
    adviceRespondents = []
    timeManagementAdvice = []
    if let adviceQuestion = proto?.question(measuring: .timeAdvice) {
      sources.append("time_advice: answers to \(adviceQuestion.id) (\(adviceQuestion.text))")
      let adviceCoded = Set(corpus.codebook.tables.timeAdvice.map { corpus.passageIDs(under: $0) } ?? [])
      for (participant, passages) in corpus.byParticipant(corpus.answers(to: adviceQuestion.id)) {
        let ids = passages.compactMap(\.id)
        adviceRespondents.append(Mention(participant: participant, passageIDs: ids))
        let coded = ids.filter(adviceCoded.contains)
        if !coded.isEmpty {
          timeManagementAdvice.append(Mention(participant: participant, passageIDs: coded.sorted()))
        }
      }
    } else if let adviceCode = corpus.codebook.tables.timeAdvice {
      sources.append("time_advice: participant passages coded \(adviceCode)")
      var byParticipant: [String: [Int64]] = [:]
      for id in corpus.passageIDs(under: adviceCode) {
        guard let passage = corpus.passage(id), let participant = corpus.participant(of: passage) else { continue }
        byParticipant[participant, default: []].append(id)
      }
      // No question asks for advice: everyone interviewed could have given it.
      adviceRespondents = corpus.interviewed.map { Mention(participant: $0, passageIDs: []) }
      timeManagementAdvice = corpus.interviewed.compactMap { id in
        byParticipant[id].map { Mention(participant: id, passageIDs: Array(Set($0)).sorted()) }
      }
    }
    self.sources = sources
  }

  // MARK: - Rendering

  /// The summary table: one row per figure.
  public var summary: DataTable {
    var rows: [[TableCell]] = []
    rows.append([
      "Mean hours estimated",
      TableCell(meanHours.map(formatNumber) ?? "–", value: meanHours, passages: estimates.map(\.passageID)),
      .count(nEstimates, passages: estimates.map(\.passageID)),
    ])
    for judgment in TimeJudgment.allCases {
      let matching = judgments.filter { $0.judgment == judgment }
      rows.append([
        TableCell("Judged the time \(judgment.label.lowercased())"),
        .count(matching.count, passages: matching.map(\.passageID)),
        .count(nJudgmentRespondents, passages: (judgments.map(\.passageID) + unclearJudgments.flatMap(\.passageIDs))),
      ])
    }
    rows.append([
      "Advised managing time",
      .count(timeManagementAdvice.count, passages: timeManagementAdvice.flatMap(\.passageIDs)),
      .count(adviceRespondents.count, passages: adviceRespondents.flatMap(\.passageIDs)),
    ])
    var notes = ["n = participants answering the question behind each figure."]
    if !noEstimate.isEmpty {
      notes.append("No estimate from: " + noEstimate.map(\.participant).joined(separator: ", ") + ".")
    }
    notes += sources.map { "Source — \($0)" }
    return DataTable(id: "time_commitment", title: "Time commitment", columns: ["Figure", "Value", "n"], rows: rows, notes: notes)
  }

  /// One row per participant estimate.
  public var estimatesTable: DataTable {
    DataTable(
      id: "time_estimates", title: "Hours estimated by each participant",
      columns: ["Participant", "Hours", "Words"],
      rows: estimates.map {
        [TableCell($0.participant), TableCell(formatNumber($0.hours), value: $0.hours, passages: [$0.passageID]), TableCell($0.expression)]
      } + noEstimate.map { [TableCell($0.participant), TableCell("no estimate", passages: $0.passageIDs), ""] },
      notes: meanHours.map { ["Mean: \(formatNumber(($0 * 100).rounded() / 100)) hours over \(nEstimates) estimates."] } ?? [])
  }
}
