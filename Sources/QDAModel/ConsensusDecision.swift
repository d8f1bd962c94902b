/// A decision, after reviewing a disagreement, on whether a code applies to a passage.
public struct ConsensusDecision: Hashable, Sendable {
  public var passageID: Int64
  public var codeID: String
  /// Whether the code applies; when it does, a coding by `consensus` records where.
  public var applies: Bool
  /// The coders whose disagreement was resolved.
  public var coders: [String]
  public var note: String?
  public var decidedAt: String

  public init(
    passageID: Int64, codeID: String, applies: Bool, coders: [String], note: String?,
    decidedAt: String
  ) {
    self.passageID = passageID
    self.codeID = codeID
    self.applies = applies
    self.coders = coders
    self.note = note
    self.decidedAt = decidedAt
  }
}
