import Foundation
import QDAAgreement
public import QDAModel
public import QDAStore

/// A passage on which coders disagree about one code: who applied it, who did not, and any
/// decision already taken.
public struct Disagreement: Sendable {
  public var codeID: String
  public var codeName: String
  public var passage: Passage
  public var documentKey: String
  public var participant: String
  /// The compared coders who applied the code, with their codings (span, memo).
  public var applied: [String: [Coding]]
  /// The compared coders who did not.
  public var notApplied: [String]
  /// The consensus decision, when one was recorded.
  public var decision: ConsensusDecision?
}

/// What a consensus step recorded.
public struct ConsensusSummary: Sendable, Hashable {
  /// Decisions that the code applies (each with a `consensus` coding).
  public var applies = 0
  /// Decisions that it does not.
  public var doesNotApply = 0
  /// Passages and codes skipped because a decision already existed.
  public var alreadyDecided = 0

  public init() {}
}

extension Pipeline {
  /// The passages where the compared coders differ, grouped by code in codebook order.
  ///
  /// - Parameters:
  ///   - path: the project file.
  ///   - coders: the coders compared; as in ``agreement(project:coders:)`` when nil.
  ///   - code: only this code (and its sub-codes).
  ///   - includeDecided: also list disagreements a consensus decision has settled.
  public func disagreements(
    project path: String, coders: [String]? = nil, code: String? = nil, includeDecided: Bool = false
  ) throws -> [Disagreement] {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
      }
      if let code, codebook.code(code) == nil {
        throw PipelineError(.notFound, "the codebook has no code '\(code)'")
      }
      let input = try ComparisonInput(project: project, path: path, coders: coders)
      let decisions = Dictionary(
        try project.consensusDecisions().map { ("\($0.passageID)/\($0.codeID)", $0) },
        uniquingKeysWith: { a, _ in a })
      let participants = Dictionary(
        try project.documents().map { ($0.key, $0.participantID) }, uniquingKeysWith: { a, _ in a })
      let compared = Set(input.comparison.passages.compactMap { Int64($0.passage) })
      var byPassageAndCode: [String: [Coding]] = [:]
      for coding in input.codings where compared.contains(coding.passageID) {
        byPassageAndCode["\(coding.passageID)/\(coding.codeID)", default: []].append(coding)
      }
      let order = Dictionary(
        codebook.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
      var result: [Disagreement] = []
      for (key, codings) in byPassageAndCode {
        guard let first = codings.first, let (passage, document) = input.passages[first.passageID]
        else { continue }
        if let code, first.codeID != code, !codebook.isDescendant(first.codeID, of: code) {
          continue
        }
        let applied = Dictionary(grouping: codings, by: \.coder)
        let notApplied = input.coders.filter { applied[$0] == nil }
        guard !notApplied.isEmpty else { continue }
        let decision = decisions[key]
        if decision != nil, !includeDecided { continue }
        result.append(
          Disagreement(
            codeID: first.codeID, codeName: codebook.code(first.codeID)?.name ?? first.codeID,
            passage: passage,
            documentKey: document, participant: participants[document] ?? "?", applied: applied,
            notApplied: notApplied, decision: decision))
      }
      return result.sorted {
        (order[$0.codeID] ?? .max, $0.codeID, $0.documentKey, $0.passage.span.start)
          < (order[$1.codeID] ?? .max, $1.codeID, $1.documentKey, $1.passage.span.start)
      }
    }
  }

  /// Records the agreed decision on one passage and code, as the coder `consensus`, without
  /// touching the coders' own codings.
  ///
  /// - Parameters:
  ///   - path: the project file.
  ///   - passageID: the passage.
  ///   - code: the code.
  ///   - applies: whether the code applies.
  ///   - spanFrom: whose coded span the consensus coding takes; by default the stretch covering
  ///     every compared coder's coding of the code on the passage, or the whole passage.
  ///   - coders: the coders whose disagreement this settles (for the record).
  ///   - note: why.
  public func recordConsensus(
    project path: String, passageID: Int64, code: String, applies: Bool, spanFrom: String? = nil,
    coders: [String] = [], note: String? = nil
  ) throws -> ConsensusDecision {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      guard let passage = try project.passage(id: passageID) else {
        throw PipelineError(.notFound, "no passage \(passageID)")
      }
      let codings = try project.codings(CodingFilter(passageID: passageID)).filter {
        $0.codeID == code
      }
      let decision = ConsensusDecision(
        passageID: passageID, codeID: code, applies: applies, coders: coders, note: note,
        decidedAt: environment.now())
      _ = try project.removeCodings(coder: Self.consensusCoder, codeID: code, passageID: passageID)
      if applies {
        let span: TextSpan
        if let spanFrom {
          guard let chosen = codings.first(where: { $0.coder == spanFrom }) else {
            throw PipelineError(
              .notFound, "\(spanFrom) did not code \(code) on passage \(passageID)")
          }
          span = chosen.span
        } else {
          span =
            Self.coveringSpan(codings.filter { $0.coder != Self.consensusCoder && !$0.isAutomatic })
            ?? passage.span
        }
        _ = try project.addCoding(
          Coding(
            passageID: passageID, codeID: code, coder: Self.consensusCoder, span: span, memo: note),
          createdAt: decision.decidedAt)
      }
      try project.recordConsensus(decision)
      try project.log(
        command: "agreement consensus",
        summary: "passage \(passageID): \(code) \(applies ? "applies" : "does not apply")",
        at: decision.decidedAt)
      return decision
    }
  }

  /// Records a consensus coding wherever every compared coder applied the code and no decision
  /// exists yet: the agreements need no discussion.
  public func acceptAgreements(project path: String, coders: [String]? = nil) throws
    -> ConsensusSummary
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      let input = try ComparisonInput(project: project, path: path, coders: coders)
      let decided = Set(try project.consensusDecisions().map { "\($0.passageID)/\($0.codeID)" })
      let compared = Set(input.comparison.passages.compactMap { Int64($0.passage) })
      var groups: [String: [Coding]] = [:]
      for coding in input.codings where compared.contains(coding.passageID) {
        groups["\(coding.passageID)/\(coding.codeID)", default: []].append(coding)
      }
      var summary = ConsensusSummary()
      let now = environment.now()
      for key in groups.keys.sorted() {
        guard let codings = groups[key], let first = codings.first else { continue }
        guard Set(codings.map(\.coder)).count == input.coders.count else { continue }
        if decided.contains(key) {
          summary.alreadyDecided += 1
          continue
        }
        let span = Self.coveringSpan(codings) ?? first.span
        _ = try project.addCoding(
          Coding(
            passageID: first.passageID, codeID: first.codeID, coder: Self.consensusCoder, span: span
          ),
          createdAt: now)
        try project.recordConsensus(
          ConsensusDecision(
            passageID: first.passageID, codeID: first.codeID, applies: true, coders: input.coders,
            note: "all coders agreed", decidedAt: now))
        summary.applies += 1
      }
      try project.log(
        command: "agreement consensus",
        summary:
          "\(summary.applies) agreed codings by \(input.coders.joined(separator: ", ")) accepted",
        at: now)
      return summary
    }
  }

  /// The smallest span covering the codings, nil when there are none.
  static func coveringSpan(_ codings: [Coding]) -> TextSpan? {
    guard let start = codings.map(\.span.start).min(), let end = codings.map(\.span.end).max()
    else { return nil }
    return TextSpan(start: start, end: end)
  }
}
