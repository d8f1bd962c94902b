import Foundation
public import QDAModel
public import QDAAnalysis

/// The JSON export (`analysis.json`): documents, participants, passages with their codings, and
/// every table, in the versioned format described by `Schemas/analysis.schema.json`.
///
/// Output is deterministic: keys sorted, lists in project order, no timestamps.
public struct AnalysisExport: Encodable, Sendable {
  /// The export format's version; a change that removes or renames a field bumps the major.
  public static let schemaVersion = "1.0"
  public static let schemaID = "https://qdakit.org/schemas/analysis-1.0.json"

  var schema = AnalysisExport.schemaID
  var schemaVersion = AnalysisExport.schemaVersion
  var generator: Generator
  var study: StudyExport
  var codebook: CodebookExport
  var attributes: [AttributeExport]
  var participants: [ParticipantExport]
  var documents: [DocumentExport]
  var passages: [PassageExport]
  var tables: TablesExport
  var contradictions: [ContradictionExport]
  /// One entry per survey export: respondents with and without unfinished responses, and per
  /// item its n, distribution, top- and bottom-two-box shares or choice counts.
  var survey: [SurveyExport]

  public init(
    corpus: CorpusSnapshot, analysis: Analysis, toolVersion: String, contradictions: [Contradiction] = [],
    surveys: [(counted: SurveySummary, withUnfinished: SurveySummary)] = []
  ) {
    survey = surveys.map(SurveyExport.init)
    generator = Generator(name: "QDAKit", version: toolVersion)
    let study = corpus.interviewProtocol?.study ?? Study()
    self.study = StudyExport(
      title: study.title, participantNoun: study.participantNoun, participantsNoun: study.participantsNoun,
      period: study.period, programme: study.programme,
      protocolQuestions: corpus.interviewProtocol?.questions.map {
        QuestionExport(id: $0.id, text: $0.text, probes: $0.probes, measure: $0.measure?.rawValue)
      } ?? [])
    codebook = CodebookExport(
      name: corpus.codebook.name, version: corpus.codebook.version,
      codes: corpus.codebook.codes.map {
        CodeExport(id: $0.id, name: $0.name, element: $0.element?.rawValue ?? "none", parent: $0.parentID, definition: $0.definition)
      })
    attributes = corpus.attributes.map { AttributeExport(name: $0.name, type: $0.type.rawValue) }
    let interviewed = Set(corpus.interviewed)
    participants = corpus.participants.map { participant in
      ParticipantExport(
        id: participant.id, interviewed: interviewed.contains(participant.id),
        attributes: participant.attributes.mapValues(JSONScalar.init),
        documents: corpus.documents.filter { $0.participantID == participant.id }.compactMap(\.id))
    }
    documents = corpus.documents.map {
      DocumentExport(
        id: $0.id ?? 0, key: $0.key, sourcePath: $0.sourcePath, participant: $0.participantID,
        format: $0.format.rawValue, encoding: $0.encoding, contentHash: $0.contentHash,
        characters: $0.text.unicodeScalars.count, metadata: $0.metadata, warnings: $0.warnings)
    }
    var codingsByPassage: [Int64: [Coding]] = [:]
    for coding in corpus.codings { codingsByPassage[coding.passageID, default: []].append(coding) }
    let elements = Dictionary(uniqueKeysWithValues: corpus.codebook.codes.map { ($0.id, $0.element?.rawValue ?? "none") })
    passages = corpus.passages.map { passage in
      PassageExport(
        id: passage.id ?? 0, document: passage.documentID ?? 0, ordinal: passage.ordinal, turn: passage.turn,
        speaker: passage.speaker, role: passage.role.rawValue, start: passage.span.start, end: passage.span.end,
        text: passage.text, startTime: passage.startTime, endTime: passage.endTime, protocolQuestion: passage.questionID,
        codings: (codingsByPassage[passage.id ?? -1] ?? []).map {
          CodingExport(
            id: $0.id ?? 0, code: $0.codeID, element: elements[$0.codeID] ?? "retired", coder: $0.coder,
            rule: $0.ruleID, start: $0.span.start, end: $0.span.end, matched: $0.matched, negated: $0.negated)
        })
    }
    tables = TablesExport(analysis)
    let textByParticipant = Dictionary(corpus.documents.map { ($0.participantID, Array($0.text.unicodeScalars)) }, uniquingKeysWith: { a, _ in a })
    self.contradictions = contradictions.map { c in
      let scalars = textByParticipant[c.participant] ?? []
      return ContradictionExport(
        level: c.level.rawValue, elements: [c.first.rawValue, c.second.rawValue], manifestation: c.manifestation.rawValue,
        participant: c.participant, passages: c.passageIDs,
        spans: c.spans.map { span in
          let text = span.end <= scalars.count ? String(String.UnicodeScalarView(scalars[span.start..<span.end])) : ""
          return .init(start: span.start, end: span.end, text: text)
        },
        evidence: c.evidence, confidence: c.confidence, status: c.status.rawValue, coder: c.coder)
    }
  }

  struct ContradictionExport: Encodable, Sendable {
    struct Span: Encodable, Sendable { var start: Int; var end: Int; var text: String }
    var level: String
    var elements: [String]
    var manifestation: String
    var participant: String
    var passages: [Int64]
    var spans: [Span]
    var evidence: String
    var confidence: Double
    var status: String
    var coder: String
  }

  /// The export as pretty-printed, key-sorted JSON.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  // MARK: - Parts

  struct SurveyExport: Encodable, Sendable {
    struct Count: Encodable, Sendable { var label: String; var count: Int }
    struct Item: Encodable, Sendable {
      var id: String
      var text: String
      var type: String
      var n: Int
      var distribution: [Count]
      var percentTop2: Double?
      var percentBottom2: Double?
      var choiceCounts: [Count]?
      var mean: Double?
      var median: Double?
      var minimum: Double?
      var maximum: Double?
    }
    var source: String
    var tool: String
    var rows: Int
    var respondents: Int
    var respondentsWithUnfinished: Int
    var excluded: Int
    var items: [Item]

    init(_ pair: (counted: SurveySummary, withUnfinished: SurveySummary)) {
      let summary = pair.counted
      source = (summary.source as NSString).lastPathComponent
      tool = summary.dialect.rawValue
      rows = summary.rows
      respondents = summary.counted
      respondentsWithUnfinished = pair.withUnfinished.counted
      excluded = summary.excluded
      items = summary.items.map { entry in
        let counts = entry.distribution.map { Count(label: $0.label, count: $0.respondents.count) }
        return Item(
          id: entry.item.id, text: entry.item.fullText, type: entry.item.type.rawValue, n: entry.answered,
          distribution: entry.item.type == .multiSelect ? [] : counts,
          percentTop2: entry.item.type == .likert ? entry.percentTopTwo : nil,
          percentBottom2: entry.item.type == .likert ? entry.percentBottomTwo : nil,
          choiceCounts: entry.item.type == .multiSelect ? counts : nil, mean: entry.mean, median: entry.median,
          minimum: entry.minimum, maximum: entry.maximum)
      }
    }
  }

  struct Generator: Encodable, Sendable { var name: String; var version: String }

  struct StudyExport: Encodable, Sendable {
    var title: String
    var participantNoun: String
    var participantsNoun: String
    var period: String?
    var programme: String
    var protocolQuestions: [QuestionExport]
  }

  struct QuestionExport: Encodable, Sendable {
    var id: String
    var text: String
    var probes: [String]
    var measure: String?
  }

  struct CodebookExport: Encodable, Sendable {
    var name: String
    var version: String
    var codes: [CodeExport]
  }

  struct CodeExport: Encodable, Sendable {
    var id: String
    var name: String
    var element: String
    var parent: String?
    var definition: String
  }

  struct AttributeExport: Encodable, Sendable { var name: String; var type: String }

  struct ParticipantExport: Encodable, Sendable {
    var id: String
    var interviewed: Bool
    var attributes: [String: JSONScalar]
    var documents: [Int64]
  }

  struct DocumentExport: Encodable, Sendable {
    var id: Int64
    var key: String
    var sourcePath: String
    var participant: String
    var format: String
    var encoding: String
    var contentHash: String
    var characters: Int
    var metadata: [String: String]
    var warnings: [String]
  }

  struct PassageExport: Encodable, Sendable {
    var id: Int64
    var document: Int64
    var ordinal: Int
    var turn: Int
    var speaker: String?
    var role: String
    var start: Int
    var end: Int
    var text: String
    var startTime: Double?
    var endTime: Double?
    var protocolQuestion: String?
    var codings: [CodingExport]

    enum CodingKeys: String, CodingKey {
      case id, document, ordinal, turn, speaker, role, start, end, text, startTime, endTime, protocolQuestion, codings
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(id, forKey: .id)
      try container.encode(document, forKey: .document)
      try container.encode(ordinal, forKey: .ordinal)
      try container.encode(turn, forKey: .turn)
      try container.encode(speaker, forKey: .speaker)
      try container.encode(role, forKey: .role)
      try container.encode(start, forKey: .start)
      try container.encode(end, forKey: .end)
      try container.encode(text, forKey: .text)
      try container.encodeIfPresent(startTime, forKey: .startTime)
      try container.encodeIfPresent(endTime, forKey: .endTime)
      try container.encode(protocolQuestion, forKey: .protocolQuestion)
      try container.encode(codings, forKey: .codings)
    }
  }

  struct CodingExport: Encodable, Sendable {
    var id: Int64
    var code: String
    var element: String
    var coder: String
    var rule: String?
    var start: Int
    var end: Int
    var matched: [String]
    var negated: Bool
  }
}

/// An attribute value as a JSON scalar: number, boolean or string.
enum JSONScalar: Encodable, Sendable {
  case number(Double)
  case bool(Bool)
  case string(String)

  init(_ value: AttributeValue) {
    switch value {
    case .number(let n): self = .number(n)
    case .yesNo(let b): self = .bool(b)
    case .category(let c): self = .string(c)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let n):
      if n == n.rounded(), abs(n) < 1e15 { try container.encode(Int64(n)) } else { try container.encode(n) }
    case .bool(let b): try container.encode(b)
    case .string(let s): try container.encode(s)
    }
  }
}
