/// A codebook: codes organised under the CHAT elements, each with its definition and rules.
///
/// ```swift
/// let codebook = try CodebookReader().read(yaml, file: "chat.yaml")
/// codebook.code("rules.time")?.element  // .rules
/// ```
public struct Codebook: Hashable, Sendable, Codable {
  /// The codebook's name.
  public var name: String
  /// The codebook's version, as its authors number it.
  public var version: String
  /// A short description of the codebook.
  public var description: String
  /// Every code, parents before children, in the order the file gives them.
  public var codes: [Code]
  /// Terms that mark negation for auto-coding provenance (`not`, `never`, `n't`…).
  public var negationCues: [String]
  /// Which codes the standard tables read.
  public var tables: TableCodes
  /// The project's own words of tension, added to (or replacing) the standard lexicon.
  public var tension = TensionSettings()
  /// The learned coder's prior model (a JSON file made by `qda learn --export`), as the
  /// codebook names it: a path relative to the codebook's own file.
  public var prior: String?
  /// The valence model that reads the `tables.feedback` codes' sentences (a JSON file made by
  /// `qda learn valence`), as the codebook names it: a path relative to the codebook's file.
  public var valence: String?

  public init(
    name: String, version: String, description: String = "", codes: [Code],
    negationCues: [String] = Codebook.defaultNegationCues, tables: TableCodes = TableCodes()
  ) {
    self.name = name
    self.version = version
    self.description = description
    self.codes = codes
    self.negationCues = negationCues
    self.tables = tables
  }

  /// The words that mark a negated match unless a codebook lists its own.
  public static let defaultNegationCues = [
    "not", "no", "never", "n't", "nothing", "none", "hardly", "barely", "without", "neither", "nor",
  ]

  /// The code with this id.
  public func code(_ id: String) -> Code? { codes.first { $0.id == id } }

  /// The code's children, in codebook order.
  public func children(of id: String) -> [Code] { codes.filter { $0.parentID == id } }

  /// The code and all codes below it.
  public func subtree(_ id: String) -> [Code] {
    codes.filter { $0.id == id || isDescendant($0.id, of: id) }
  }

  /// Whether `id` lies below `ancestor` in the hierarchy.
  public func isDescendant(_ id: String, of ancestor: String) -> Bool {
    var current = code(id)?.parentID
    while let parent = current {
      if parent == ancestor { return true }
      current = code(parent)?.parentID
    }
    return false
  }

  /// The top-level code of an element, if the codebook has one.
  public func elementCode(_ element: Element) -> Code? {
    codes.first { $0.parentID == nil && $0.element == element }
  }
}

/// One code: a name, the CHAT element it belongs to, its definition and its auto-coding rules.
public struct Code: Hashable, Sendable, Codable, Identifiable {
  /// A stable id, written as a dotted path such as `rules.time`.
  public var id: String
  /// The code's name as reports write it (`Time commitment`).
  public var name: String
  /// The CHAT element the code belongs to; nil for a code from a codebook that is not organised
  /// by CHAT (imported from another tool, `element: none`): it is counted in code tables but in
  /// no element's section and no contradiction.
  public var element: Element?
  /// The parent code's id; nil for a top-level (element) code.
  public var parentID: String?
  /// What the code means.
  public var definition: String
  /// When to apply the code.
  public var inclusion: [String]
  /// When not to apply it, and where to route such passages instead.
  public var exclusion: [String]
  /// Example passages.
  public var examples: [String]
  /// A `#rrggbb` colour for displays and REFI-QDA export.
  public var color: String?
  /// Rules that apply the code automatically.
  public var rules: [CodingRule]
  /// The element whose report section presents this code, when not its own. (A study may
  /// report the appeal of a programme's design, an Object code, among its Outcomes.)
  public var reportSection: Element?
  /// How a report says that participants raised this code, as a verb phrase
  /// ("described how the topic aligned with school or district priorities").
  public var summary: String?
  /// False for a code that only groups others and is never applied itself (REFI-QDA's
  /// `isCodable="false"`, YAML `codable: false`); nil or true for an ordinary code.
  public var isCodable: Bool?
  /// The GUID another QDA tool gave this code (YAML `guid:`), kept from a REFI-QDA import so
  /// that an export gives the code back under the identity that tool knows it by; nil for a
  /// code QDAKit made, whose GUID is derived from its id.
  public var exchangeGUID: String?

  public init(
    id: String, name: String, element: Element?, parentID: String? = nil, definition: String = "",
    inclusion: [String] = [], exclusion: [String] = [], examples: [String] = [],
    color: String? = nil, rules: [CodingRule] = [], reportSection: Element? = nil
  ) {
    self.id = id
    self.name = name
    self.element = element
    self.parentID = parentID
    self.definition = definition
    self.inclusion = inclusion
    self.exclusion = exclusion
    self.examples = examples
    self.color = color
    self.rules = rules
    self.reportSection = reportSection
  }
}

/// An auto-coding rule: a pattern of words to find in a sentence, where to look, and what
/// excludes a match.
public struct CodingRule: Hashable, Sendable, Codable {
  /// The rule's id, unique in the codebook (`rules.time/2` unless the file names it).
  public var id: String
  /// What must appear in a sentence.
  public var pattern: RulePattern
  /// Words or phrases that cancel a match when they appear in the same sentence.
  public var unless: [String]
  /// Whose turns the rule reads.
  public var scope: RuleScope
  /// Protocol question ids the answer must belong to; empty means any passage.
  public var questions: [String]
  /// Whether a negated match still codes (`I didn't care about the incentive` is still Incentives).
  public var codesNegated: Bool

  public init(
    id: String, pattern: RulePattern, unless: [String] = [], scope: RuleScope = .participant,
    questions: [String] = [], codesNegated: Bool = true
  ) {
    self.id = id
    self.pattern = pattern
    self.unless = unless
    self.scope = scope
    self.questions = questions
    self.codesNegated = codesNegated
  }
}

/// What a rule looks for. Terms are words (stemmed: `collaborate` finds `collaborating`), prefixes
/// (`collab*`) or phrases (`time commitment`, each word stemmed, in order).
public enum RulePattern: Hashable, Sendable, Codable {
  /// Any one of the terms.
  case any([String])
  /// Every one of the terms, anywhere in the sentence.
  case all([String])
  /// A term of the first list within `within` words of a term of the second.
  case near([String], [String], within: Int)
  /// Every sentence of an answer to the rule's questions: an answer to "What role did the
  /// incentives play?" is about incentives, whatever words it uses ("It didn't really matter").
  case answers

  /// Every term the pattern mentions.
  public var terms: [String] {
    switch self {
    case .any(let terms), .all(let terms): terms
    case .near(let left, let right, _): left + right
    case .answers: []
    }
  }
}

/// Whose speech a rule reads.
public enum RuleScope: String, Hashable, Sendable, Codable {
  case participant
  case interviewer
  case all
}

/// The codes the standard tables read, named in the codebook's `tables:` section.
public struct TableCodes: Hashable, Sendable, Codable {
  /// Time commitment (hours, judgments).
  public var timeCommitment: String?
  /// Advice to manage one's time, counted among answers to the advice question.
  public var timeAdvice: String?
  /// Motivation; its sub-codes are the themes of the motivation summary.
  public var motivation: String?
  /// Incentives.
  public var incentives: String?
  /// Feedback whose valence is read (positive, negative, mixed): the platform, the content.
  public var feedback: [String]

  public init(
    timeCommitment: String? = nil, timeAdvice: String? = nil, motivation: String? = nil,
    incentives: String? = nil, feedback: [String] = []
  ) {
    self.timeCommitment = timeCommitment
    self.timeAdvice = timeAdvice
    self.motivation = motivation
    self.incentives = incentives
    self.feedback = feedback
  }
}

/// A codebook's `contradictions:` section: cue phrases typed by manifestation, look-alikes that
/// are not cues, and oppositions of content, added to the standard lexicon or replacing it.
public struct TensionSettings: Hashable, Sendable, Codable {
  public struct Cue: Hashable, Sendable, Codable {
    public var phrase: String
    /// contrast, double_bind, critical_conflict, conflict or obligation.
    public var kind: String
    public init(phrase: String, kind: String) { self.phrase = phrase; self.kind = kind }
  }

  public struct Opposition: Hashable, Sendable, Codable {
    public var reason: String
    public var sideA: [String]
    public var sideB: [String]
    public init(reason: String, sideA: [String], sideB: [String]) {
      self.reason = reason; self.sideA = sideA; self.sideB = sideB
    }
  }

  public var cues: [Cue] = []
  public var notCues: [String] = []
  public var oppositions: [Opposition] = []
  /// Replace the standard lexicon instead of extending it.
  public var replacesStandard = false

  public init() {}
}
