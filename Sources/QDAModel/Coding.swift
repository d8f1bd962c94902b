/// A coding: a code applied to a span of a document, inside one passage, by a coder.
public struct Coding: Hashable, Sendable, Codable {
  /// The coder name auto-coding records.
  public static let autoCoder = "auto"

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

  public init(
    id: Int64? = nil, passageID: Int64, codeID: String, coder: String, span: TextSpan,
    ruleID: String? = nil, matched: [String] = [], negated: Bool = false, memo: String? = nil
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
  }

  /// Whether a rule made this coding.
  public var isAutomatic: Bool { coder == Self.autoCoder }
}
