/// A code suggested for a passage from what a coder did elsewhere, with the coder's answer.
public struct Suggestion: Hashable, Sendable, Codable {
  public enum Status: String, Hashable, Sendable, Codable {
    case open, accepted, rejected
  }

  public var id: Int64?
  public var passageID: Int64
  public var codeID: String
  /// The coder whose work the suggestion was learned from, and who answers it.
  public var coder: String
  /// The model's probability that the coder would apply the code, 0…1.
  public var score: Double
  public var status: Status

  public init(
    id: Int64? = nil, passageID: Int64, codeID: String, coder: String, score: Double,
    status: Status = .open
  ) {
    self.id = id
    self.passageID = passageID
    self.codeID = codeID
    self.coder = coder
    self.score = score
    self.status = status
  }
}
