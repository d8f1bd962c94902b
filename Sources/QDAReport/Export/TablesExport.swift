import QDAModel
import QDAAnalysis

/// The `tables` section of the JSON export.
struct TablesExport: Encodable, Sendable {
  var timeCommitment: TimeCommitmentExport
  var motivation: ThemeExport?
  var incentives: IncentivesExport
  var experience: ExperienceTable
  var codes: [CodeRowExport]
  var crosstabs: [CrosstabExport]
  var cooccurrence: [PairExport]
  var recommendations: RecommendationsExport
  var feedbackValence: FeedbackValenceExport?

  /// Writes the section as the encoder would, a part at a time: the code pairs and cross-tabs
  /// list a large study's passages by the million.
  func write(to out: SectionWriter, indent: Int) throws {
    try out.object(
      indent: indent,
      [
        ("codes", { try $0.list(codes, indent: indent + 2) }),
        ("cooccurrence", { try $0.list(cooccurrence, indent: indent + 2, chunk: 1) }),
        ("crosstabs", { try $0.list(crosstabs, indent: indent + 2, chunk: 1) }),
        ("experience", { try $0.value(experience, indent: indent + 2) }),
        (
          "feedback_valence",
          feedbackValence.map { feedback in { try $0.value(feedback, indent: indent + 2) } }
        ),
        ("incentives", { try $0.value(incentives, indent: indent + 2) }),
        (
          "motivation",
          motivation.map { motivation in { try $0.value(motivation, indent: indent + 2) } }
        ),
        ("recommendations", { try $0.value(recommendations, indent: indent + 2) }),
        ("time_commitment", { try $0.value(timeCommitment, indent: indent + 2) }),
      ])
  }

  init(_ analysis: Analysis) {
    let time = analysis.timeCommitment
    var judgments: [String: Int] = [:]
    for judgment in TimeJudgment.allCases { judgments[judgment.rawValue] = time.count(judgment) }
    timeCommitment = TimeCommitmentExport(
      meanHours: time.meanHours.map { ($0 * 1000).rounded() / 1000 }, nEstimates: time.nEstimates,
      hours: time.estimates.map {
        .init(
          participant: $0.participant, hours: $0.hours, expression: $0.expression,
          passage: $0.passageID, rule: $0.rule.rawValue,
          working: $0.working, evidence: $0.evidence, passages: $0.passageIDs,
          source: $0.source.rawValue)
      },
      noEstimate: time.noEstimate.map(\.participant),
      noEstimateEvidence: time.noEstimate.map {
        .init(participant: $0.participant, evidence: $0.evidence, passages: $0.passageIDs)
      },
      judgments: judgments, nJudgments: time.nJudgmentRespondents,
      participantJudgments: time.judgments.map {
        .init(
          participant: $0.participant, judgment: $0.judgment.rawValue, evidence: $0.evidence,
          quote: $0.quote, passage: $0.passageID)
      },
      unclearJudgments: time.unclearJudgments.map(\.participant),
      advice: .init(
        respondents: time.adviceRespondents.count, timeManagement: time.timeManagementAdvice.count,
        respondentIds: time.adviceRespondents.map(\.participant),
        timeManagementIds: time.timeManagementAdvice.map(\.participant),
        evidence: time.timeManagementAdvice.map {
          .init(participant: $0.participant, evidence: $0.evidence, passages: $0.passageIDs)
        },
        declined: time.adviceRespondents.filter { $0.evidence != nil }.map {
          .init(participant: $0.participant, evidence: $0.evidence, passages: $0.passageIDs)
        }),
      sources: time.sources)
    motivation = analysis.motivation.map { table in
      ThemeExport(
        code: table.codeID, name: table.name, denominator: table.denominator,
        participants: table.total.participants, nParticipants: table.total.participants.count,
        themes: table.themes.map {
          .init(
            code: $0.codeID, name: $0.name, participants: $0.participants,
            nParticipants: $0.participants.count, passages: $0.passageIDs,
            inCodebook: $0.inCodebook, countedFrom: $0.countedFrom,
            evidence: $0.evidence.map {
              .init(participant: $0.participant, evidence: $0.quote, passages: [$0.passageID])
            })
        })
    }
    let incentives = analysis.incentives
    self.incentives = IncentivesExport(
      respondents: incentives.respondents, didNotMatter: incentives.count(.didNotMatter),
      mattered: incentives.count(.mattered), unclear: incentives.count(nil),
      answers: incentives.answers.map {
        .init(
          participant: $0.participant, stance: $0.stance?.rawValue, evidence: $0.evidence,
          cue: $0.cue,
          incentives: $0.incentives.map(\.rawValue), passages: $0.passageIDs,
          source: $0.source.rawValue)
      },
      source: incentives.source)
    experience = analysis.experience
    codes = analysis.codes.rows.map {
      CodeRowExport(
        code: $0.codeID, element: $0.element?.rawValue ?? "none", participants: $0.participants,
        nParticipants: $0.participants.count, passages: $0.passageIDs.count, codings: $0.codings)
    }
    crosstabs = analysis.crosstabs.map { crosstab in
      CrosstabExport(
        attribute: crosstab.attribute, values: crosstab.values, columnTotals: crosstab.columnTotals,
        rows: crosstab.codeOrder.map { id in
          .init(
            code: id,
            cells: (crosstab.cells[id] ?? []).map {
              .init(participants: $0.participants.count, passages: $0.passageIDs.count)
            })
        })
    }
    cooccurrence = analysis.cooccurrence.pairs.map {
      PairExport(
        codes: [$0.first, $0.second], passages: $0.passageIDs.count,
        participants: $0.participants.count, passageIds: $0.passageIDs)
    }
    let table = analysis.recommendations
    func suggestions(_ members: [Int]) -> [RecommendationsExport.Suggestion] {
      members.map {
        let suggestion = table.suggestions[$0]
        return .init(
          participant: suggestion.participant, text: suggestion.text, passage: suggestion.passageID,
          inAnswer: suggestion.inAnswer)
      }
    }
    recommendations = RecommendationsExport(
      grouping: table.grouping.rawValue, denominator: table.denominator,
      participants: table.participants,
      groups: table.groups.map {
        .init(
          label: $0.label, participants: $0.participants, nParticipants: $0.participants.count,
          passages: table.passageIDs($0.members), quote: table.suggestions[$0.quote].text,
          quoteParticipant: table.suggestions[$0.quote].participant,
          suggestions: suggestions($0.members))
      },
      others: suggestions(table.others))
    let feedback = analysis.feedbackValence
    feedbackValence =
      feedback.isRead
      ? FeedbackValenceExport(
        model: feedback.model ?? "",
        codes: feedback.codes.filter { !$0.readings.isEmpty }.map { code in
          func ids(_ valence: Valence) -> [String] { code.readings(valence).map(\.participant) }
          func sentence(_ sentence: FeedbackValenceTable.Sentence?) -> FeedbackValenceExport
            .Sentence?
          {
            sentence.map {
              .init(text: $0.text, passage: $0.passageID, start: $0.start, end: $0.end)
            }
          }
          return .init(
            code: code.codeID, name: code.name, nParticipants: code.readings.count,
            positive: ids(.positive), negative: ids(.negative),
            mixed: ids(.mixed), neither: ids(.none),
            readings: code.readings.map {
              .init(
                participant: $0.participant,
                valence: $0.valence.word,
                sentences: $0.sentences, positiveProbability: Self.rounded($0.positive),
                negativeProbability: Self.rounded($0.negative),
                spokeWell: sentence($0.praise), spokePoorly: sentence($0.criticism))
            })
        })
      : nil
  }

  static func rounded(_ value: Float) -> Double { (Double(value) * 1000).rounded() / 1000 }

  /// Whether participants spoke well or poorly of the platform and the content, as the valence
  /// model read their coded sentences.
  struct FeedbackValenceExport: Encodable, Sendable {
    struct Sentence: Encodable, Sendable {
      var text: String
      var passage: Int64
      var start: Int
      var end: Int
    }
    struct Reading: Encodable, Sendable {
      var participant: String
      /// positive, negative, mixed or neither.
      var valence: String
      var sentences: Int
      var positiveProbability: Double
      var negativeProbability: Double
      var spokeWell: Sentence?
      var spokePoorly: Sentence?
    }
    struct Code: Encodable, Sendable {
      var code: String
      var name: String
      var nParticipants: Int
      var positive: [String]
      var negative: [String]
      var mixed: [String]
      var neither: [String]
      var readings: [Reading]
    }
    /// The model's threshold and what it learned from.
    var model: String
    var codes: [Code]
  }

  struct RecommendationsExport: Encodable, Sendable {
    struct Suggestion: Encodable, Sendable {
      var participant: String
      var text: String
      var passage: Int64
      var inAnswer: Bool
    }
    struct Group: Encodable, Sendable {
      var label: String
      var participants: [String]
      var nParticipants: Int
      var passages: [Int64]
      var quote: String
      var quoteParticipant: String
      var suggestions: [Suggestion]
    }
    /// "meaning" (the sentence encoder) or "words".
    var grouping: String
    var denominator: Int
    /// Everyone who made a recommendation.
    var participants: [String]
    var groups: [Group]
    /// Suggestions in a vein no other participant took.
    var others: [Suggestion]
  }

  struct TimeCommitmentExport: Encodable, Sendable {
    struct Hours: Encodable, Sendable {
      var participant: String
      var hours: Double
      var expression: String
      var passage: Int64
      var rule: String
      var working: String
      var evidence: String
      var passages: [Int64]
      var source: String
    }
    struct ParticipantJudgment: Encodable, Sendable {
      var participant: String
      var judgment: String
      var evidence: String
      var quote: String
      var passage: Int64
    }
    struct Advice: Encodable, Sendable {
      var respondents: Int
      var timeManagement: Int
      var respondentIds: [String]
      var timeManagementIds: [String]
      var evidence: [Evidence]
      var declined: [Evidence]
    }
    var meanHours: Double?
    var nEstimates: Int
    var hours: [Hours]
    var noEstimate: [String]
    var noEstimateEvidence: [Evidence]
    var judgments: [String: Int]
    var nJudgments: Int
    var participantJudgments: [ParticipantJudgment]
    var unclearJudgments: [String]
    var advice: Advice
    var sources: [String]

    enum CodingKeys: String, CodingKey {
      case meanHours, nEstimates, hours, noEstimate, noEstimateEvidence, judgments, nJudgments,
        participantJudgments, unclearJudgments
      case advice, sources
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(meanHours, forKey: .meanHours)
      try container.encode(nEstimates, forKey: .nEstimates)
      try container.encode(hours, forKey: .hours)
      try container.encode(noEstimate, forKey: .noEstimate)
      try container.encode(noEstimateEvidence, forKey: .noEstimateEvidence)
      try container.encode(judgments, forKey: .judgments)
      try container.encode(nJudgments, forKey: .nJudgments)
      try container.encode(participantJudgments, forKey: .participantJudgments)
      try container.encode(unclearJudgments, forKey: .unclearJudgments)
      try container.encode(advice, forKey: .advice)
      try container.encode(sources, forKey: .sources)
    }
  }

  struct ThemeExport: Encodable, Sendable {
    struct Theme: Encodable, Sendable {
      var code: String
      var name: String
      var participants: [String]
      var nParticipants: Int
      var passages: [Int64]
      var inCodebook: Bool
      var countedFrom: String
      var evidence: [Evidence]
    }
    var code: String
    var name: String
    var denominator: Int
    var participants: [String]
    var nParticipants: Int
    var themes: [Theme]
  }

  struct IncentivesExport: Encodable, Sendable {
    struct Answer: Encodable, Sendable {
      var participant: String
      var stance: String?
      var evidence: String?
      var cue: String?
      var incentives: [String]
      var passages: [Int64]
      var source: String

      enum CodingKeys: String, CodingKey {
        case participant, stance, evidence, cue, incentives, passages, source
      }

      func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(participant, forKey: .participant)
        try container.encode(stance, forKey: .stance)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(cue, forKey: .cue)
        try container.encode(incentives, forKey: .incentives)
        try container.encode(passages, forKey: .passages)
        try container.encode(source, forKey: .source)
      }
    }
    var respondents: Int
    var didNotMatter: Int
    var mattered: Int
    var unclear: Int
    var answers: [Answer]
    var source: String
  }

  /// A participant's words behind a figure (advice, a refusal to estimate, a theme).
  struct Evidence: Encodable, Sendable {
    var participant: String
    var evidence: String?
    var passages: [Int64]

    enum CodingKeys: String, CodingKey { case participant, evidence, passages }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(participant, forKey: .participant)
      try container.encode(evidence, forKey: .evidence)
      try container.encode(passages, forKey: .passages)
    }
  }

  struct CodeRowExport: Encodable, Sendable {
    var code: String
    var element: String
    var participants: [String]
    var nParticipants: Int
    var passages: Int
    var codings: Int
  }

  struct CrosstabExport: Encodable, Sendable {
    struct Row: Encodable, Sendable { var code: String; var cells: [Cell] }
    struct Cell: Encodable, Sendable { var participants: Int; var passages: Int }
    var attribute: String
    var values: [String]
    var columnTotals: [Int]
    var rows: [Row]
  }

  struct PairExport: Encodable, Sendable {
    var codes: [String]
    var passages: Int
    var participants: Int
    var passageIds: PassageIDs
  }
}
