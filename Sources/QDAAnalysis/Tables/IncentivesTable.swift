import QDAModel
import QDAText

/// Whether incentives mattered, per participant who answered the incentives question.
public struct IncentivesTable: Hashable, Sendable, Codable {
  public struct Answer: Hashable, Sendable, Codable {
    public var participant: String
    /// nil when the answer states no clear stance.
    public var stance: IncentiveStance?
    public var evidence: String?
    public var passageIDs: [Int64]
  }

  public var answers: [Answer]
  public var source: String

  public var respondents: Int { answers.count }

  public func count(_ stance: IncentiveStance?) -> Int {
    answers.filter { $0.stance == stance }.count
  }

  /// Words that show a sentence is about the incentives themselves, so "what motivated me was
  /// the topic" does not count as an incentive mattering.
  static let topicWords: Set<String> = [
    "incentive", "incentives", "hours", "hour", "pd", "license", "licence", "endorsement",
    "designation", "credit", "credits", "recognition", "stipend", "salary", "money", "certificate",
    "badge", "it", "that", "they", "those", "them",
  ]

  public init(_ corpus: CorpusSnapshot) {
    var groups: [(participant: String, passages: [Passage])] = []
    if let question = corpus.interviewProtocol?.question(measuring: .incentiveRole) {
      source = "answers to \(question.id) (\(question.text))"
      groups = corpus.byParticipant(corpus.answers(to: question.id))
    } else if let code = corpus.codebook.tables.incentives {
      source = "participant passages coded \(code)"
      groups = corpus.byParticipant(corpus.spokenPassages(codedUnder: code))
    } else {
      source = "no incentives question or code"
    }
    answers = groups.map { participant, passages in
      var notMattered: [String] = []
      var mattered: [String] = []
      for text in corpus.texts(of: passages) {
        for verdict in IncentiveStance.classifier.verdicts(in: text) {
          if verdict.label == .didNotMatter {
            notMattered.append(verdict.evidence)
          } else if Self.sentenceMentionsIncentive(text, at: verdict.start) {
            mattered.append(verdict.evidence)
          }
        }
      }
      let stance: IncentiveStance? =
        notMattered.isEmpty && mattered.isEmpty ? nil : notMattered.count >= mattered.count ? .didNotMatter : .mattered
      let evidence = stance == .didNotMatter ? notMattered.first : mattered.first
      return Answer(participant: participant, stance: stance, evidence: evidence, passageIDs: passages.compactMap(\.id))
    }
  }

  static func sentenceMentionsIncentive(_ text: String, at offset: Int) -> Bool {
    let scalars = Array(scalarsOf: text)
    guard let sentence = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count)
      .first(where: { $0.contains(offset) })
    else { return false }
    return Tokenizer.tokens(in: scalars, range: sentence, punctuation: false).contains { topicWords.contains($0.text) }
  }

  public var table: DataTable {
    var rows: [[TableCell]] = []
    for stance in IncentiveStance.allCases {
      let matching = answers.filter { $0.stance == stance }
      rows.append([TableCell(stance.label), .count(matching.count, passages: matching.flatMap(\.passageIDs))])
    }
    let unclear = answers.filter { $0.stance == nil }
    rows.append(["No clear answer", .count(unclear.count, passages: unclear.flatMap(\.passageIDs))])
    return DataTable(
      id: "incentives", title: "Role of incentives", columns: ["Incentives…", "Participants (of \(respondents) answering)"],
      rows: rows, notes: ["Source — \(source)."])
  }
}
