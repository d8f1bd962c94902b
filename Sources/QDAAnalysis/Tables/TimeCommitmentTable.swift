import QDAModel

/// Time commitment: hours estimated, judgments of the time asked, and advice to manage it.
public struct TimeCommitmentTable: Hashable, Sendable, Codable {
  /// One participant's estimate.
  public struct Estimate: Hashable, Sendable, Codable {
    public var participant: String
    public var hours: Double
    /// The words that gave it (for a sum, each part's joined by " + ").
    public var expression: String
    /// The rule that gave the figure, and how it was worked out.
    public var rule: HourRule
    public var working: String
    /// The sentences the figure was read from.
    public var evidence: String
    /// The passage of the first part.
    public var passageID: Int64
    /// Every part's passage, without repeats.
    public var passageIDs: [Int64]
    public var source: FindingSource
  }

  /// One participant's judgment of the time.
  public struct Judgment: Hashable, Sendable, Codable {
    public var participant: String
    public var judgment: TimeJudgment
    /// The cue words.
    public var evidence: String
    /// The sentence they are in.
    public var quote: String
    public var passageID: Int64
  }

  /// A participant, the passages that support a count, and the words that show it.
  public struct Mention: Hashable, Sendable, Codable {
    public var participant: String
    public var passageIDs: [Int64]
    /// The sentence behind the count (the advice, the refusal to estimate), when there is one.
    public var evidence: String?

    public init(participant: String, passageIDs: [Int64], evidence: String? = nil) {
      self.participant = participant
      self.passageIDs = passageIDs
      self.evidence = evidence
    }
  }

  /// Estimates, in participant order.
  public var estimates: [Estimate]
  /// Participants who answered the hours question without an estimate ("I couldn't say"), with
  /// the words that declined or gave only a vague amount.
  public var noEstimate: [Mention]
  /// The mean over those who gave an estimate.
  public var meanHours: Double?
  /// Judgments, in participant order.
  public var judgments: [Judgment]
  /// Participants who answered the judgment question without a clear judgment.
  public var unclearJudgments: [Mention]
  /// Participants who were asked for advice, and those who gave advice unasked.
  public var adviceRespondents: [Mention]
  /// Those among them who advised managing one's time, with the advice.
  public var timeManagementAdvice: [Mention]
  /// How each figure was found, in words.
  public var sources: [String]

  public var nEstimates: Int { estimates.count }
  /// Participants answering the judgment question (with or without a clear judgment).
  public var nJudgmentRespondents: Int { judgments.count + unclearJudgments.count }

  /// How many participants gave each judgment.
  public func count(_ judgment: TimeJudgment) -> Int {
    judgments.filter { $0.judgment == judgment }.count
  }

  // MARK: - Building

  /// Builds the table from what each participant said about time (`InterviewFindings`).
  public init(_ corpus: CorpusSnapshot) {
    self.init(corpus, findings: InterviewFindings(corpus))
  }

  /// Builds the table from findings already read.
  ///
  /// Hours, judgments and advice come from the answers to the questions that ask for them,
  /// found by their words wherever the interviewer asks them; then from passages linked to the
  /// protocol questions measuring them; then from what the participant says elsewhere. Advice
  /// coded by a person with the codebook's time-advice code counts too.
  public init(_ corpus: CorpusSnapshot, findings: InterviewFindings) {
    let participants = corpus.interviewed
    estimates = []
    noEstimate = []
    judgments = []
    unclearJudgments = []
    adviceRespondents = []
    timeManagementAdvice = []
    var sourceCounts: [String: [FindingSource: Int]] = [:]
    func note(_ measure: String, _ source: FindingSource) {
      sourceCounts[measure, default: [:]][source, default: 0] += 1
    }

    // Advice coded by people (not the rules), by participant.
    var codedAdvice: [String: [Int64]] = [:]
    if let adviceCode = corpus.codebook.tables.timeAdvice {
      for coding in corpus.codings(under: adviceCode) where !coding.isAutomatic {
        guard let passage = corpus.passage(coding.passageID), passage.role != .interviewer,
          let participant = corpus.participant(of: passage)
        else { continue }
        codedAdvice[participant, default: []].append(coding.passageID)
      }
    }

    var anyAsked = false
    for participant in participants {
      let found = findings[participant]
      if let hours = found?.hours {
        if let estimate = hours.estimate {
          var passages: [Int64] = []
          for id in hours.partPassages where !passages.contains(id) { passages.append(id) }
          estimates.append(
            Estimate(
              participant: participant, hours: estimate.hours, expression: estimate.expression,
              rule: estimate.rule,
              working: estimate.working, evidence: hours.evidence,
              passageID: passages.first ?? hours.passageIDs.first ?? 0,
              passageIDs: passages, source: hours.source))
          note("hours_estimate", hours.source)
        } else if hours.source != .elsewhere {
          noEstimate.append(
            Mention(
              participant: participant, passageIDs: hours.passageIDs,
              evidence: hours.declined.map { _ in hours.evidence }))
        }
      }
      if let judgment = found?.judgment {
        if let label = judgment.judgment, let passage = judgment.passageID {
          judgments.append(
            Judgment(
              participant: participant, judgment: label, evidence: judgment.cue ?? "",
              quote: judgment.evidence ?? "", passageID: passage))
          note("time_judgment", judgment.source)
        } else if judgment.source != .elsewhere {
          unclearJudgments.append(
            Mention(participant: participant, passageIDs: judgment.passageIDs))
        }
      }
      let advice = found?.advice
      if advice?.asked == true { anyAsked = true }
      if let text = advice?.advice, let passage = advice?.passageID {
        timeManagementAdvice.append(
          Mention(participant: participant, passageIDs: [passage], evidence: text))
        note("time_advice", advice?.source ?? .elsewhere)
      } else if let coded = codedAdvice[participant], advice?.declined == nil {
        timeManagementAdvice.append(
          Mention(participant: participant, passageIDs: Array(Set(coded)).sorted()))
      }
      if advice?.asked == true {
        adviceRespondents.append(
          Mention(
            participant: participant, passageIDs: advice?.passageIDs ?? [],
            evidence: advice?.declined))
      }
    }
    // Nobody was asked for advice: everyone interviewed could have given it.
    if !anyAsked {
      adviceRespondents = participants.map { Mention(participant: $0, passageIDs: []) }
    } else {
      for mention in timeManagementAdvice
      where !adviceRespondents.contains(where: { $0.participant == mention.participant }) {
        adviceRespondents.append(
          Mention(participant: mention.participant, passageIDs: mention.passageIDs))
      }
      let rank = Dictionary(
        participants.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      adviceRespondents.sort { rank[$0.participant] ?? 0 < rank[$1.participant] ?? 0 }
    }
    meanHours =
      estimates.isEmpty ? nil : estimates.map(\.hours).reduce(0, +) / Double(estimates.count)
    var sources: [String] = []
    for measure in ["hours_estimate", "time_judgment", "time_advice"] {
      guard let counts = sourceCounts[measure] else { continue }
      let parts = [FindingSource.question, .protocolQuestion, .elsewhere].compactMap { source in
        counts[source].map { "\($0) from the \(source.label)" }
      }
      sources.append("\(measure): " + parts.joined(separator: ", "))
    }
    self.sources = sources
  }

  // MARK: - Rendering

  /// The summary table: one row per figure.
  public var summary: DataTable {
    var rows: [[TableCell]] = []
    rows.append([
      "Mean hours estimated",
      TableCell(
        meanHours.map(formatNumber) ?? "–", value: meanHours, passages: estimates.map(\.passageID)),
      .count(nEstimates, passages: estimates.map(\.passageID)),
    ])
    for judgment in TimeJudgment.allCases {
      let matching = judgments.filter { $0.judgment == judgment }
      rows.append([
        TableCell("Judged the time \(judgment.label.lowercased())"),
        .count(matching.count, passages: matching.map(\.passageID)),
        .count(
          nJudgmentRespondents,
          passages: (judgments.map(\.passageID) + unclearJudgments.flatMap(\.passageIDs))),
      ])
    }
    rows.append([
      "Advised managing time",
      .count(timeManagementAdvice.count, passages: timeManagementAdvice.flatMap(\.passageIDs)),
      .count(adviceRespondents.count, passages: adviceRespondents.flatMap(\.passageIDs)),
    ])
    var notes = ["n = participants answering the question behind each figure."]
    if !noEstimate.isEmpty {
      notes.append(
        "No estimate from: " + noEstimate.map(\.participant).joined(separator: ", ") + ".")
    }
    notes += sources.map { "Source — \($0)" }
    let data = TableData(
      columns: [
        .text(
          "figure",
          "What the row states: the mean hours estimated, or how many judged the time so or advised managing it."
        ),
        .number(
          "value", "The mean in hours (empty when nobody estimated), or a number of participants."),
        .integer("n", "Participants answering the question behind the figure: its denominator."),
      ],
      rows: rows.map { row in
        [
          .text(row[0].text), row[1].value.map(DataValue.number) ?? .missing,
          row[2].value.map { .integer(Int($0)) } ?? .missing,
        ]
      })
    return DataTable(
      id: "time_commitment", title: "Time commitment", columns: ["Figure", "Value", "n"],
      rows: rows, notes: notes, data: data)
  }

  /// One row per participant estimate.
  public var estimatesTable: DataTable {
    DataTable(
      id: "time_estimates", title: "Hours estimated by each participant",
      columns: ["Participant", "Hours", "Words", "Rule"],
      rows: estimates.map {
        [
          TableCell($0.participant),
          TableCell(formatNumber($0.hours), value: $0.hours, passages: $0.passageIDs),
          TableCell($0.expression), TableCell($0.working),
        ]
      }
        + noEstimate.map {
          [
            TableCell($0.participant), TableCell("no estimate", passages: $0.passageIDs),
            TableCell($0.evidence ?? ""), "",
          ]
        },
      notes: meanHours.map {
        ["Mean: \(formatNumber(($0 * 100).rounded() / 100)) hours over \(nEstimates) estimates."]
      } ?? [],
      data: TableData(
        columns: [
          .text("participant", "The participant's id."),
          .number(
            "hours",
            "Hours the participant estimated the programme took; empty when they gave no estimate."),
          .text("words", "The words the estimate was read from, or what they said instead."),
          .text(
            "rule",
            "How the words became hours (a rate times a duration, a range's midpoint); empty without an estimate."
          ),
        ],
        rows: estimates.map {
          [.text($0.participant), .number($0.hours), .text($0.expression), .text($0.working)]
        }
          + noEstimate.map {
            [
              .text($0.participant), .missing, $0.evidence.map(DataValue.text) ?? .missing,
              .missing,
            ]
          }))
  }
}
