/// A coding: a code applied to a span of a document, inside one passage, by a coder.
public struct Coding: Hashable, Sendable, Codable {
  /// The coder name auto-coding by rules records.
  public static let autoCoder = "auto"
  /// The coder name the learned coder records (a model over sentence vectors).
  public static let modelCoder = "model"

  /// The project's row id, once stored.
  public var id: Int64?
  /// The passage the span lies in.
  public var passageID: Int64
  /// The code applied.
  public var codeID: String
  /// Who applied it: `auto` for rules, otherwise a person's name.
  public var coder: String
  /// The coded span in document offsets; it lies inside the passage's span.
  public var span: TextSpan
  /// For auto-coding: the rule that matched.
  public var ruleID: String?
  /// For auto-coding: the words that matched, as written in the text.
  public var matched: [String]
  /// For auto-coding: whether the match was negated ("not at all collaborative").
  public var negated: Bool
  /// An optional memo.
  public var memo: String?
  /// For the learned coder: the model's probability that the code applies, 0…1.
  public var score: Double?
  /// For the learned coder: what the coding rests on.
  public var reason: ModelReason?

  public init(
    id: Int64? = nil, passageID: Int64, codeID: String, coder: String, span: TextSpan,
    ruleID: String? = nil, matched: [String] = [], negated: Bool = false, memo: String? = nil,
    score: Double? = nil,
    reason: ModelReason? = nil
  ) {
    self.id = id
    self.passageID = passageID
    self.codeID = codeID
    self.coder = coder
    self.span = span
    self.ruleID = ruleID
    self.matched = matched
    self.negated = negated
    self.memo = memo
    self.score = score
    self.reason = reason
  }

  /// Whether a machine made this coding: the rules (`auto`) or the learned coder (`model`).
  public var isAutomatic: Bool { Self.isMachine(coder) }

  /// Whether a coder name is a machine's (`auto` or `model`), not a person's.
  public static func isMachine(_ coder: String) -> Bool {
    coder == autoCoder || coder == modelCoder
  }
}

/// Why the learned coder applied a code: which model, learned from whom, and the coded
/// passages most like this one.
public struct ModelReason: Hashable, Sendable, Codable {
  /// The model's name and version (`prior chat.prior.json 1`, `learned from ana 3`).
  public var model: String
  /// The coder whose codings it learned from (`reference` for the shipped prior).
  public var learnedFrom: String
  /// The training passages nearest to this one that carry the code's element, by id (empty for
  /// a prior, whose training passages are not in the project).
  public var neighbours: [Int64]
  /// The rules that matched in the coded sentences (their ids).
  public var rules: [String]

  public init(model: String, learnedFrom: String, neighbours: [Int64] = [], rules: [String] = []) {
    self.model = model
    self.learnedFrom = learnedFrom
    self.neighbours = neighbours
    self.rules = rules
  }
}
