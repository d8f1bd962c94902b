public import QDAModel

/// Writes a codebook as the YAML that `CodebookReader` reads, so that reading the output gives
/// back the same `Codebook` (a test checks this on `Codebooks/chat.yaml`).
///
/// Used to turn a REFI-QDA `.qdc` codebook (or the codebook of an imported project) into a file
/// a researcher can edit. Every text is written as a double-quoted scalar, so no value is ever
/// misread as a number, a boolean or YAML syntax.
public enum CodebookWriter {
  public static func yaml(_ codebook: Codebook) -> String {
    var out = ""
    out += "codebook: \(quote(codebook.name))\n"
    out += "version: \(quote(codebook.version))\n"
    if !codebook.description.isEmpty { out += "description: \(quote(codebook.description))\n" }
    if codebook.negationCues != Codebook.defaultNegationCues {
      out += "negation: \(list(codebook.negationCues))\n"
    }
    if let prior = codebook.prior { out += "prior: \(quote(prior))\n" }
    if let valence = codebook.valence { out += "valence: \(quote(valence))\n" }
    let tables = [
      ("time_commitment", codebook.tables.timeCommitment),
      ("time_advice", codebook.tables.timeAdvice),
      ("motivation", codebook.tables.motivation), ("incentives", codebook.tables.incentives),
    ].compactMap { key, value in value.map { (key, $0) } }
    if !tables.isEmpty || !codebook.tables.feedback.isEmpty {
      out += "\ntables:\n"
      for (key, value) in tables { out += "  \(key): \(quote(value))\n" }
      if !codebook.tables.feedback.isEmpty {
        out += "  feedback: \(list(codebook.tables.feedback))\n"
      }
    }
    let tension = codebook.tension
    if tension != TensionSettings() {
      out += "\ncontradictions:\n"
      if tension.replacesStandard { out += "  replace: true\n" }
      if !tension.cues.isEmpty {
        out += "  cues:\n"
        for cue in tension.cues {
          out += "    - {phrase: \(quote(cue.phrase)), kind: \(quote(cue.kind))}\n"
        }
      }
      if !tension.notCues.isEmpty { out += "  not_cues: \(list(tension.notCues))\n" }
      if !tension.oppositions.isEmpty {
        out += "  oppositions:\n"
        for opposition in tension.oppositions {
          out += "    - reason: \(quote(opposition.reason))\n"
          out += "      a: \(list(opposition.sideA))\n"
          out += "      b: \(list(opposition.sideB))\n"
        }
      }
    }
    out += "\ncodes:\n"
    for code in codebook.codes where code.parentID == nil {
      write(code, in: codebook, indent: "  ", into: &out)
    }
    return out
  }

  private static func write(
    _ code: Code, in codebook: Codebook, indent: String, into out: inout String
  ) {
    let inner = indent + "  "
    out += "\(indent)- id: \(quote(code.id))\n"
    out += "\(inner)name: \(quote(code.name))\n"
    if code.parentID == nil {
      out += "\(inner)element: \(quote(code.element?.rawValue ?? "none"))\n"
    }
    if let color = code.color { out += "\(inner)color: \(quote(color))\n" }
    if code.isCodable == false { out += "\(inner)codable: false\n" }
    if let guid = code.exchangeGUID { out += "\(inner)guid: \(quote(guid))\n" }
    if let section = code.reportSection {
      out += "\(inner)report_section: \(quote(section.rawValue))\n"
    }
    if let summary = code.summary { out += "\(inner)summary: \(quote(summary))\n" }
    if !code.definition.isEmpty { out += "\(inner)definition: \(quote(code.definition))\n" }
    if !code.inclusion.isEmpty { out += "\(inner)include: \(list(code.inclusion))\n" }
    if !code.exclusion.isEmpty { out += "\(inner)exclude: \(list(code.exclusion))\n" }
    if !code.examples.isEmpty { out += "\(inner)examples: \(list(code.examples))\n" }
    if !code.rules.isEmpty {
      out += "\(inner)rules:\n"
      for (index, rule) in code.rules.enumerated() {
        out +=
          "\(inner)  - "
          + ruleFields(rule, codeID: code.id, index: index + 1).joined(separator: "\n\(inner)    ")
          + "\n"
      }
    }
    let children = codebook.children(of: code.id)
    if !children.isEmpty {
      out += "\(inner)codes:\n"
      for child in children { write(child, in: codebook, indent: inner + "  ", into: &out) }
    }
  }

  private static func ruleFields(_ rule: CodingRule, codeID: String, index: Int) -> [String] {
    var fields: [String] = []
    let ownID =
      rule.id.hasPrefix(codeID + "/") ? String(rule.id.dropFirst(codeID.count + 1)) : rule.id
    if ownID != String(index) { fields.append("id: \(quote(ownID))") }
    switch rule.pattern {
    case .any(let terms): fields.append("any: \(list(terms))")
    case .all(let terms): fields.append("all: \(list(terms))")
    case .near(let left, let right, let within):
      fields.append("near: [\(list(left)), \(list(right))]")
      fields.append("within: \(within)")
    case .answers:
      fields.append(
        "answers: " + (rule.questions.count == 1 ? quote(rule.questions[0]) : list(rule.questions)))
    }
    if !rule.unless.isEmpty { fields.append("unless: \(list(rule.unless))") }
    if rule.scope != .participant { fields.append("scope: \(rule.scope.rawValue)") }
    if !rule.questions.isEmpty, rule.pattern != .answers {
      fields.append("questions: \(list(rule.questions))")
    }
    if !rule.codesNegated { fields.append("negated: skip") }
    return fields
  }

  private static func list(_ items: [String]) -> String {
    "[" + items.map(quote).joined(separator: ", ") + "]"
  }

  /// A YAML double-quoted scalar.
  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
