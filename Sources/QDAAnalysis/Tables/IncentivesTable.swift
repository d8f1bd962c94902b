import QDAModel
import QDAText

/// Whether incentives mattered, per participant who answered the incentives question.
public struct IncentivesTable: Hashable, Sendable, Codable {
  public struct Answer: Hashable, Sendable, Codable {
    public var participant: String
    /// nil when the answer states no clear stance.
    public var stance: IncentiveStance?
    /// The sentence the stance was read from.
    public var evidence: String?
    /// The words in it that decided the stance.
    public var cue: String?
    /// The incentives the stance is about (empty: incentives in general, or the ones asked about).
    public var incentives: [IncentiveKind]
    /// The passage of the evidence first, then the rest of the answer's.
    public var passageIDs: [Int64]
    public var source: FindingSource
  }

  public var answers: [Answer]
  public var source: String

  public var respondents: Int { answers.count }

  public func count(_ stance: IncentiveStance?) -> Int {
    answers.filter { $0.stance == stance }.count
  }

  /// Builds the table from what each participant said about incentives (`InterviewFindings`).
  public init(_ corpus: CorpusSnapshot) {
    self.init(corpus, findings: InterviewFindings(corpus))
  }

  /// Builds the table from findings already read: one answer per participant who was asked
  /// about incentives or took a stance on one unasked; for a mixed answer, the stance on the
  /// incentive asked about, or, when the answer gives incentives different stances, "mattered".
  public init(_ corpus: CorpusSnapshot, findings: InterviewFindings) {
    var counts: [FindingSource: Int] = [:]
    answers = corpus.interviewed.compactMap { participant in
      guard let found = findings[participant]?.incentives else { return nil }
      counts[found.source, default: 0] += 1
      var passages = found.passageID.map { [$0] } ?? []
      for id in found.passageIDs where !passages.contains(id) { passages.append(id) }
      return Answer(
        participant: participant, stance: found.verdict?.stance, evidence: found.verdict?.evidence,
        cue: found.verdict?.cue,
        incentives: found.verdict.map { IncentiveKind.allCases.filter($0.kinds.contains) } ?? [],
        passageIDs: passages,
        source: found.source)
    }
    let parts = [FindingSource.question, .protocolQuestion, .elsewhere].compactMap { source in
      counts[source].map { "\($0) from the \(source.label)" }
    }
    source =
      parts.isEmpty
      ? "no question about incentives, and no stance on one" : parts.joined(separator: ", ")
  }

  public var table: DataTable {
    var rows: [[TableCell]] = []
    for stance in IncentiveStance.allCases {
      let matching = answers.filter { $0.stance == stance }
      rows.append([
        TableCell(stance.label), .count(matching.count, passages: matching.flatMap(\.passageIDs)),
      ])
    }
    let unclear = answers.filter { $0.stance == nil }
    rows.append(["No clear answer", .count(unclear.count, passages: unclear.flatMap(\.passageIDs))])
    return DataTable(
      id: "incentives", title: "Role of incentives",
      columns: ["Incentives…", "Participants (of \(respondents) answering)"],
      rows: rows, notes: ["Source — \(source)."],
      data: TableData(
        columns: [
          .text(
            "stance",
            "What the participant said of the incentives' part in their decision, or No clear answer."
          ),
          .integer("participants", "Participants whose answer takes that stance."),
          .integer("answering", "Participants who answered about the incentives: the denominator."),
        ],
        rows: rows.map {
          [.text($0[0].text), .integer(Int($0[1].value ?? 0)), .integer(respondents)]
        }))
  }
}
