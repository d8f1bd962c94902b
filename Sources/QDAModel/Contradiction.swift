/// A contradiction in an activity system as evidence in one participant's speech: two elements
/// (secondary) or one element pulling two ways (primary), the passages that show it, and how it
/// was found (Engeström 1987; Engeström & Sannino 2011).
public struct Contradiction: Hashable, Sendable, Codable, Identifiable {
  /// Engeström's levels; interviews show mostly secondary ones.
  public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
    case primary, secondary
  }

  /// Engeström & Sannino's (2011) discursive manifestations.
  public enum Manifestation: String, Hashable, Sendable, Codable, CaseIterable {
    case dilemma
    case conflict
    case criticalConflict = "critical_conflict"
    case doubleBind = "double_bind"

    public var name: String {
      switch self {
      case .dilemma: "dilemma"
      case .conflict: "conflict"
      case .criticalConflict: "critical conflict"
      case .doubleBind: "double bind"
      }
    }
  }

  /// A researcher's decision about a detected contradiction.
  public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
    case proposed, confirmed, rejected
  }

  public var id: Int64?
  public var level: Level
  /// The two elements, in canonical order (`Element` order); equal for a primary contradiction.
  public var first: Element
  public var second: Element
  public var manifestation: Manifestation
  public var participant: String
  /// The passages that show it, in document order.
  public var passageIDs: [Int64]
  /// The exact words: spans of the document, in Unicode scalars.
  public var spans: [TextSpan]
  /// What triggered the detection: the cue words, or the reason ("content about community
  /// against a rule of working alone").
  public var evidence: String
  /// 0…1: how strongly the evidence supports it.
  public var confidence: Double
  public var status: Status
  /// `auto`, or the researcher who added it.
  public var coder: String

  public init(
    id: Int64? = nil, level: Level, first: Element, second: Element, manifestation: Manifestation,
    participant: String, passageIDs: [Int64], spans: [TextSpan], evidence: String,
    confidence: Double,
    status: Status = .proposed, coder: String = Coding.autoCoder
  ) {
    self.id = id
    self.level = level
    (self.first, self.second) = first <= second ? (first, second) : (second, first)
    self.manifestation = manifestation
    self.participant = participant
    self.passageIDs = passageIDs
    self.spans = spans
    self.evidence = evidence
    self.confidence = confidence
    self.status = status
    self.coder = coder
  }

  /// "Rules × Tools and signs".
  public var pairName: String {
    level == .primary ? "\(first.name) (within)" : "\(first.name) × \(second.name)"
  }
}
