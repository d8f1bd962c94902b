public import QDAModel

/// Reads an interview protocol from YAML.
///
/// ```yaml
/// study:
///   title: Leadership for Equity Micro-Credential — Principal Interviews
///   participant: principal
///   participants: principals
/// questions:
///   - id: Q4
///     text: About how many hours did you spend working on the micro-credential?
///     also: [How much time did it take you to complete?]
///     probes: [rules.time]
///     measure: hours_estimate
/// ```
public struct ProtocolReader: Sendable {
  public init() {}

  /// Parses a protocol; probes are checked against the codebook when one is given.
  ///
  /// - Throws: `CodebookError`.
  public func read(_ yaml: String, file: String, codebook: Codebook? = nil) throws
    -> InterviewProtocol
  {
    let root = try YAMLNode.parse(yaml, file: file)
    let top = try root.mapping("the protocol", allowed: ["study", "questions"])
    var study = Study()
    if let studyNode = top["study"] {
      let map = try studyNode.mapping(
        "'study'",
        allowed: [
          "title", "participant", "participants", "period", "programme", "program", "attributes",
        ])
      let noun = try map.string("participant") ?? "participant"
      var labels: [String: String] = [:]
      if let attributesNode = map["attributes"] {
        let attributes = try attributesNode.mapping("'attributes'", allowed: attributesNode.keys())
        for (key, _, value) in attributes.entries { labels[key] = try value.string("'\(key)'") }
      }
      study = Study(
        title: try map.string("title") ?? "Interview study", participantNoun: noun,
        participantsNoun: try map.string("participants"), period: try map.string("period"),
        programme: try map.string("programme") ?? map.string("program") ?? "the program",
        attributeLabels: labels)
    }
    var questions: [ProtocolQuestion] = []
    var seen: [String: InputLocation] = [:]
    for node in try top.required("questions").sequence("'questions'") {
      let map = try node.mapping(
        "a question", allowed: ["id", "text", "also", "probes", "measure"])
      let idNode = try map.required("id")
      let id = try idNode.string("'id'")
      if let earlier = seen[id] {
        throw idNode.error(.duplicate, "question id '\(id)' is already used at \(earlier)")
      }
      seen[id] = idNode.location
      let probesNode = map["probes"]
      let probes = try map.strings("probes")
      if let codebook, let probesNode {
        for probe in probes where codebook.code(probe) == nil {
          throw probesNode.error(
            .unknownReference,
            "question \(id) probes '\(probe)', which the codebook does not define")
        }
      }
      var measure: Measure?
      if let measureNode = map["measure"] {
        let text = try measureNode.string("'measure'")
        guard let value = Measure(rawValue: text) else {
          throw measureNode.error(
            .invalidValue,
            "measure '\(text)' must be one of: "
              + Measure.allCases.map(\.rawValue).joined(separator: ", "))
        }
        measure = value
      }
      questions.append(
        ProtocolQuestion(
          id: id, text: try map.required("text").string("'text'"),
          alternatives: try map.strings("also"), probes: probes, measure: measure))
    }
    guard !questions.isEmpty else { throw root.error(.missingKey, "the protocol has no questions") }
    return InterviewProtocol(study: study, questions: questions)
  }
}
