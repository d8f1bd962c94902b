public import QDAModel
import QDAText

/// Reads a codebook from YAML.
///
/// The format (see `Codebooks/chat.yaml` for a full example):
///
/// ```yaml
/// codebook: CHAT
/// version: "1.0"
/// codes:
///   - id: rules
///     name: Rules
///     element: rules
///     definition: Explicit and implicit regulations, norms and conventions…
///     codes:
///       - id: rules.time            # or just `time`: children's ids are prefixed with the parent's
///         name: Time commitment
///         rules:
///           - any: [hours, "time commitment", evening*]
///             unless: ["from time to time"]
///           - near: [[time], [job, role]]
///             within: 6
/// ```
///
/// Every problem is reported as `file:line:column: message`, with a suggestion for a mistyped key.
public struct CodebookReader: Sendable {
  public init() {}

  /// Parses and validates a codebook.
  ///
  /// - Parameters:
  ///   - yaml: the file's text.
  ///   - file: the file name for messages.
  /// - Throws: `CodebookError`.
  public func read(_ yaml: String, file: String) throws -> Codebook {
    let root = try YAMLNode.parse(yaml, file: file)
    let top = try root.mapping(
      "the codebook",
      allowed: [
        "codebook", "name", "version", "description", "negation", "tables", "contradictions",
        "prior", "valence", "codes",
      ])
    let name = try top.string("codebook") ?? top.string("name") ?? "Codebook"
    let version = try top.string("version") ?? "1"
    let description = try top.string("description") ?? ""
    let negation =
      try top["negation"].map { try $0.strings("'negation'") } ?? Codebook.defaultNegationCues
    var state = State()
    for node in try top.required("codes").sequence("'codes'") {
      try readCode(node, parent: nil, element: nil, state: &state)
    }
    guard !state.codes.isEmpty else {
      throw root.error(.missingKey, "the codebook has no codes")
    }
    var tables = TableCodes()
    if let tablesNode = top["tables"] {
      let map = try tablesNode.mapping(
        "'tables'",
        allowed: ["time_commitment", "time_advice", "motivation", "incentives", "feedback"])
      for (key, _, valueNode) in map.entries {
        if key == "feedback" {
          for node in try valueNode.sequence("'feedback'") {
            let id = try node.string("an entry of 'feedback'")
            guard state.codeLocations[id] != nil else {
              throw node.error(
                .unknownReference,
                "tables.feedback names '\(id)', which is not a code of this codebook")
            }
            tables.feedback.append(id)
          }
          continue
        }
        let id = try valueNode.string("'\(key)'")
        guard state.codeLocations[id] != nil else {
          throw valueNode.error(
            .unknownReference, "tables.\(key) names '\(id)', which is not a code of this codebook")
        }
        switch key {
        case "time_commitment": tables.timeCommitment = id
        case "time_advice": tables.timeAdvice = id
        case "motivation": tables.motivation = id
        default: tables.incentives = id
        }
      }
    }
    var codebook = Codebook(
      name: name, version: version, description: description, codes: state.codes,
      negationCues: negation.map { Tokenizer.normalize($0) }, tables: tables)
    if let node = top["contradictions"] { codebook.tension = try readTension(node) }
    codebook.prior = try top.string("prior")
    codebook.valence = try top.string("valence")
    return codebook
  }

  /// `contradictions:` — `cues: [{phrase, kind}]`, `not_cues: [...]`,
  /// `oppositions: [{reason, a: [...], b: [...]}]`, `replace: true|false`.
  private func readTension(_ node: YAMLNode) throws -> TensionSettings {
    let map = try node.mapping(
      "'contradictions'", allowed: ["cues", "not_cues", "oppositions", "replace"])
    var settings = TensionSettings()
    let kinds = ["contrast", "double_bind", "critical_conflict", "conflict", "obligation"]
    for cueNode in try map["cues"]?.sequence("'cues'") ?? [] {
      let cue = try cueNode.mapping("a cue", allowed: ["phrase", "kind"])
      let kindNode = try cue.required("kind")
      let kind = try kindNode.string("'kind'")
      guard kinds.contains(kind) else {
        throw kindNode.error(
          .invalidValue, "kind '\(kind)' must be one of \(kinds.joined(separator: ", "))")
      }
      settings.cues.append(.init(phrase: try cue.required("phrase").string("'phrase'"), kind: kind))
    }
    settings.notCues = try map.strings("not_cues")
    for oppositionNode in try map["oppositions"]?.sequence("'oppositions'") ?? [] {
      let opposition = try oppositionNode.mapping("an opposition", allowed: ["reason", "a", "b"])
      let reason = try opposition.required("reason").string("'reason'")
      guard reason.contains(" against ") else {
        throw try opposition.required("reason").error(.invalidValue, "a reason reads 'X against Y'")
      }
      settings.oppositions.append(
        .init(
          reason: reason, sideA: try terms(try opposition.required("a"), "'a'"),
          sideB: try terms(try opposition.required("b"), "'b'")))
    }
    if let replace = map["replace"] {
      let text = try replace.string("'replace'")
      guard text == "true" || text == "false" else {
        throw replace.error(.invalidValue, "'replace' is true or false")
      }
      settings.replacesStandard = text == "true"
    }
    return settings
  }

  /// A GUID in REFI-QDA's form (hex digits in groups of 8-4-4-4-12, upper case, no braces),
  /// or nil when the text is not one.
  public static func canonicalGUID(_ text: String) -> String? {
    var body = text.drop(while: \.isWhitespace)
    while body.last?.isWhitespace == true { body = body.dropLast() }
    if body.hasPrefix("{") && body.hasSuffix("}") { body = body.dropFirst().dropLast() }
    let groups = body.split(separator: "-", omittingEmptySubsequences: false)
    guard groups.map(\.count) == [8, 4, 4, 4, 12],
      groups.allSatisfy({ $0.allSatisfy(\.isHexDigit) })
    else { return nil }
    return body.uppercased()
  }

  // MARK: - Private

  private struct State {
    var codes: [Code] = []
    var codeLocations: [String: InputLocation] = [:]
    var ruleIDs: Set<String> = []
  }

  private static let codeKeys = [
    "id", "name", "element", "definition", "include", "exclude", "examples", "color", "rules",
    "report_section", "summary", "codable", "guid", "codes",
  ]
  private static let ruleKeys = [
    "id", "any", "all", "near", "answers", "within", "unless", "scope", "questions", "negated",
  ]

  private func readCode(_ node: YAMLNode, parent: Code?, element: Element?, state: inout State)
    throws
  {
    let map = try node.mapping("a code", allowed: Self.codeKeys)
    let name = try map.required("name").string("'name'")
    var id = try map.string("id") ?? slug(name)
    if let parent, !id.hasPrefix(parent.id + ".") { id = parent.id + "." + id }
    guard isValidID(id) else {
      throw (map["id"] ?? node).error(
        .invalidValue, "code id '\(id)' may hold only letters, digits, '_', '-' and '.'")
    }
    if let earlier = state.codeLocations[id] {
      throw (map["id"] ?? node).error(.duplicate, "code id '\(id)' is already used at \(earlier)")
    }
    var codeElement = element
    var explicitlyNone = false
    if let elementNode = map["element"], try elementNode.string("'element'").lowercased() == "none"
    {
      if let inherited = element {
        throw elementNode.error(
          .invalidValue,
          "code '\(id)' is under '\(parent?.id ?? "")' (\(inherited.name)) and cannot be outside the CHAT elements"
        )
      }
      explicitlyNone = parent == nil
    } else if let elementNode = map["element"] {
      let text = try elementNode.string("'element'")
      guard let declared = Element(identifier: text) else {
        throw elementNode.error(
          .invalidValue,
          "'\(text)' is not a CHAT element; use one of: "
            + Element.allCases.map(\.rawValue).joined(separator: ", ") + " (or none)")
      }
      if let inherited = element, inherited != declared {
        throw elementNode.error(
          .invalidValue,
          "code '\(id)' is under '\(parent?.id ?? "")' (\(inherited.name)) and cannot belong to \(declared.name)"
        )
      }
      codeElement = declared
    }
    let resolved = codeElement
    if resolved == nil, parent == nil, !explicitlyNone {
      throw node.error(
        .missingKey, "top-level code '\(id)' has no 'element' (the CHAT element it belongs to)")
    }
    var color: String?
    if let colorNode = map["color"] {
      let text = try colorNode.string("'color'")
      guard isHexColor(text) else {
        throw colorNode.error(.invalidValue, "color '\(text)' must be written #rrggbb")
      }
      color = text.lowercased()
    }
    var code = Code(
      id: id, name: name, element: resolved, parentID: parent?.id,
      definition: try map.string("definition") ?? "", inclusion: try map.strings("include"),
      exclusion: try map.strings("exclude"), examples: try map.strings("examples"), color: color)
    code.summary = try map.string("summary")
    if let codableNode = map["codable"] {
      switch try codableNode.string("'codable'").lowercased() {
      case "true", "yes": code.isCodable = true
      case "false", "no": code.isCodable = false
      case let text:
        throw codableNode.error(.invalidValue, "codable '\(text)' must be true or false")
      }
    }
    if let guidNode = map["guid"] {
      let text = try guidNode.string("'guid'")
      guard let guid = Self.canonicalGUID(text) else {
        throw guidNode.error(
          .invalidValue, "guid '\(text)' must be written like 3F2504E0-4F89-11D3-9A0C-0305E82C3301")
      }
      code.exchangeGUID = guid
    }
    if let sectionNode = map["report_section"] {
      let text = try sectionNode.string("'report_section'")
      guard let section = Element(identifier: text) else {
        throw sectionNode.error(.invalidValue, "report_section '\(text)' is not a CHAT element")
      }
      code.reportSection = section
    }
    if let rulesNode = map["rules"] {
      for (index, ruleNode) in try rulesNode.sequence("'rules'").enumerated() {
        let rule = try readRule(ruleNode, codeID: id, index: index + 1)
        guard state.ruleIDs.insert(rule.id).inserted else {
          throw ruleNode.error(.duplicate, "rule id '\(rule.id)' is already used")
        }
        code.rules.append(rule)
      }
    }
    state.codes.append(code)
    state.codeLocations[id] = node.location
    if let children = map["codes"] {
      for child in try children.sequence("'codes'") {
        try readCode(child, parent: code, element: resolved, state: &state)
      }
    }
  }

  private func readRule(_ node: YAMLNode, codeID: String, index: Int) throws -> CodingRule {
    // A bare text or list is shorthand for `any:`.
    if node.isScalar {
      return CodingRule(id: "\(codeID)/\(index)", pattern: .any(try terms(node, "a rule")))
    }
    let map = try node.mapping("a rule", allowed: Self.ruleKeys)
    let kinds = ["any", "all", "near", "answers"].filter { map[$0] != nil }
    guard kinds.count == 1, let kind = kinds.first else {
      throw node.error(
        kinds.isEmpty ? .missingKey : .invalidValue,
        "a rule needs exactly one of 'any', 'all', 'near' or 'answers'"
          + (kinds.isEmpty ? "" : " (this one has \(kinds.joined(separator: " and ")))"))
    }
    let pattern: RulePattern
    switch kind {
    case "any":
      pattern = .any(try terms(try map.required("any"), "'any'"))
    case "all":
      pattern = .all(try terms(try map.required("all"), "'all'"))
    case "answers":
      pattern = .answers
    default:
      let nearNode = try map.required("near")
      let sides = try nearNode.sequence("'near'")
      guard sides.count == 2 else {
        throw nearNode.error(
          .invalidValue, "'near' takes two lists of terms: near: [[time], [role, job]]")
      }
      let within = try map["within"]?.positiveInt("'within'") ?? 8
      pattern = .near(
        try terms(sides[0], "the first side of 'near'"),
        try terms(sides[1], "the second side of 'near'"), within: within)
    }
    if map["within"] != nil, kind != "near" {
      throw try map.required("within").error(
        .invalidValue, "'within' only applies to a 'near' rule")
    }
    var scope = RuleScope.participant
    if let scopeNode = map["scope"] {
      let text = try scopeNode.string("'scope'")
      guard let value = RuleScope(rawValue: text) else {
        throw scopeNode.error(
          .invalidValue, "scope '\(text)' must be participant, interviewer or all")
      }
      scope = value
    }
    var codesNegated = true
    if let negatedNode = map["negated"] {
      let text = try negatedNode.string("'negated'")
      switch text {
      case "code", "keep", "true": codesNegated = true
      case "skip", "false": codesNegated = false
      default:
        throw negatedNode.error(.invalidValue, "negated '\(text)' must be 'code' or 'skip'")
      }
    }
    let unless = try map["unless"].map { try terms($0, "'unless'") } ?? []
    return CodingRule(
      id: try map.string("id").map { "\(codeID)/\($0)" } ?? "\(codeID)/\(index)", pattern: pattern,
      unless: unless, scope: scope, questions: try ruleQuestions(map, kind: kind),
      codesNegated: codesNegated)
  }

  /// The questions a rule reads: `questions:`, or for `answers:` its own value
  /// (`answers: probing`, `answers: [Q7]`).
  private func ruleQuestions(_ map: YAMLMapping, kind: String) throws -> [String] {
    guard kind == "answers" else { return try map.strings("questions") }
    let node = try map.required("answers")
    if map["questions"] != nil {
      throw try map.required("questions").error(
        .invalidValue,
        "an 'answers' rule names its questions itself: answers: [Q7] or answers: probing")
    }
    let questions = node.isScalar ? [try node.string("'answers'")] : try node.strings("'answers'")
    guard !questions.isEmpty else {
      throw node.error(.invalidValue, "'answers' needs 'probing' or a list of question ids")
    }
    return questions
  }

  /// A non-empty list of terms, each with at least one word.
  private func terms(_ node: YAMLNode, _ what: String) throws -> [String] {
    let list = try node.strings(what)
    guard !list.isEmpty else { throw node.error(.invalidValue, "\(what) needs at least one term") }
    for term in list where Tokenizer.tokens(in: term, punctuation: false).isEmpty {
      throw node.error(.invalidValue, "the term '\(term)' in \(what) has no words")
    }
    return list
  }

  private func slug(_ name: String) -> String {
    name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
  }

  private func isValidID(_ id: String) -> Bool {
    !id.isEmpty
      && id.unicodeScalars.allSatisfy {
        ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_"
          || $0 == "-" || $0 == "."
      }
  }

  private func isHexColor(_ text: String) -> Bool {
    let scalars = Array(scalarsOf: text)
    guard scalars.count == 7, scalars[0] == "#" else { return false }
    return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
  }
}
