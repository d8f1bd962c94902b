import QDAText
public import Foundation
public import QDAModel
public import QDAAnalysis
import QDAConcurrency

/// The JSON export (`analysis.json`): documents, participants, passages with their codings, and
/// every table, in the versioned format described by `Schemas/analysis.schema.json`.
///
/// Output is deterministic: keys sorted, lists in project order, no timestamps.
public struct AnalysisExport: Encodable, Sendable {
  /// The export format's version; a change that removes or renames a field bumps the major.
  public static let schemaVersion = "1.1"
  public static let schemaID = "https://qdakit.org/schemas/analysis-1.0.json"

  var schema = AnalysisExport.schemaID
  var schemaVersion = AnalysisExport.schemaVersion
  var generator: Generator
  var study: StudyExport
  var codebook: CodebookExport
  var attributes: [AttributeExport]
  var participants: [ParticipantExport]
  var documents: [DocumentExport]
  /// Every passage with its codings, made a chunk at a time as it is written.
  var passages: PassageList
  var tables: TablesExport
  var contradictions: [ContradictionExport]
  /// One entry per survey export: respondents with and without unfinished responses, and per
  /// item its n, distribution, top- and bottom-two-box shares or choice counts.
  var survey: [SurveyExport]

  /// - Parameter documentText: a document's text, for a corpus read without them; nil reads
  ///   `Document.text`. Called once per document, one at a time.
  public init(
    corpus: CorpusSnapshot, analysis: Analysis, toolVersion: String,
    contradictions: [Contradiction] = [],
    surveys: [(counted: SurveySummary, withUnfinished: SurveySummary)] = [],
    documentText: ((Document) throws -> String)? = nil
  ) rethrows {
    func text(_ document: Document) throws -> String {
      try documentText?(document) ?? document.text
    }
    survey = surveys.map(SurveyExport.init)
    generator = Generator(name: "QDAKit", version: toolVersion)
    let study = corpus.interviewProtocol?.study ?? Study()
    self.study = StudyExport(
      title: study.title, participantNoun: study.participantNoun,
      participantsNoun: study.participantsNoun,
      period: study.period, programme: study.programme,
      protocolQuestions: corpus.interviewProtocol?.questions.map {
        QuestionExport(id: $0.id, text: $0.text, probes: $0.probes, measure: $0.measure?.rawValue)
      } ?? [])
    codebook = CodebookExport(
      name: corpus.codebook.name, version: corpus.codebook.version,
      codes: corpus.codebook.codes.map {
        CodeExport(
          id: $0.id, name: $0.name, element: $0.element?.rawValue ?? "none", parent: $0.parentID,
          definition: $0.definition)
      })
    attributes = corpus.attributes.map { AttributeExport(name: $0.name, type: $0.type.rawValue) }
    let interviewed = Set(corpus.interviewed)
    var documentsOf: [String: [Int64]] = [:]
    for document in corpus.documents {
      if let id = document.id { documentsOf[document.participantID, default: []].append(id) }
    }
    participants = corpus.participants.map { participant in
      ParticipantExport(
        id: participant.id, interviewed: interviewed.contains(participant.id),
        attributes: participant.attributes.mapValues(JSONScalar.init),
        documents: documentsOf[participant.id] ?? [])
    }
    // A contradiction's span words are read from its participant's (first) document, while
    // that document's text is at hand: one document is decoded at a time.
    let documentOf = Dictionary(
      corpus.documents.enumerated().map { ($1.participantID, $0) }, uniquingKeysWith: { a, _ in a })
    var quotedIn: [Int: [Int]] = [:]
    for (index, contradiction) in contradictions.enumerated() {
      quotedIn[documentOf[contradiction.participant] ?? -1, default: []].append(index)
    }
    var exported = [ContradictionExport?](repeating: nil, count: contradictions.count)
    documents = try corpus.documents.enumerated().map { position, document in
      let words = try text(document)
      if let quoting = quotedIn[position] {
        let scalars = Array(words.unicodeScalars)
        for index in quoting {
          exported[index] = Self.contradictionExport(contradictions[index], scalars: scalars)
        }
      }
      return DocumentExport(
        id: document.id ?? 0, key: document.key, sourcePath: document.sourcePath,
        participant: document.participantID,
        format: document.format.rawValue, encoding: document.encoding,
        contentHash: document.contentHash,
        characters: words.unicodeScalars.count, metadata: document.metadata,
        warnings: document.warnings)
    }
    passages = PassageList(corpus)
    tables = TablesExport(analysis)
    // A contradiction whose participant has no document keeps its spans without words.
    self.contradictions = zip(contradictions, exported).map {
      $1 ?? Self.contradictionExport($0, scalars: [])
    }
  }

  /// A contradiction with its spans' words taken from `scalars` (its document's).
  static func contradictionExport(_ c: Contradiction, scalars: [Unicode.Scalar])
    -> ContradictionExport
  {
    ContradictionExport(
      level: c.level.rawValue, elements: [c.first.rawValue, c.second.rawValue],
      manifestation: c.manifestation.rawValue,
      participant: c.participant, passages: c.passageIDs,
      spans: c.spans.map { span in
        let text = span.end <= scalars.count ? String(scalars: scalars[span.start..<span.end]) : ""
        return .init(start: span.start, end: span.end, text: text)
      },
      evidence: c.evidence, confidence: c.confidence, status: c.status.rawValue, coder: c.coder)
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
  ///
  /// - Parameter chunkSize: the passages encoded per piece (the output is the same for any).
  public func json(chunkSize: Int = AnalysisExport.chunkSize) throws -> String {
    var data = Data()
    try write(chunkSize: chunkSize) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
  }

  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }

  /// Passages encoded per chunk, and chunks encoded at once (bounding what is held in memory).
  public static let chunkSize = 2_000
  static let chunksAtOnce = 8

  /// Hands the JSON to `sink` in order, a section at a time, in exactly the bytes `JSONEncoder`
  /// gives for the whole export: a large study's contradictions and tables list millions of
  /// passage ids, which the encoder would hold as a tree of values and then as text. Lists are
  /// encoded a chunk of elements at a time; the passages (most of it) by hand, on every core.
  /// Writes the export a part at a time to a sink (a file the pipeline streams to): the
  /// passages (most of a large export) are encoded in chunks on every core and handed over as
  /// they are ready, so the whole document is never held in memory. The bytes are those
  /// `JSONEncoder` gives for the whole export.
  public func write(chunkSize: Int = AnalysisExport.chunkSize, _ sink: (Data) throws -> Void) throws
  {
    try withoutActuallyEscaping(sink) { sink in
      try write(chunkSize: chunkSize, to: SectionWriter(encoder: Self.encoder(), sink: sink))
    }
  }

  private func write(chunkSize: Int, to out: SectionWriter) throws {
    try out.object(
      indent: 0,
      [
        ("attributes", { try $0.value(attributes, indent: 2) }),
        ("codebook", { try $0.value(codebook, indent: 2) }),
        ("contradictions", { try $0.list(contradictions, indent: 2) }),
        ("documents", { try $0.list(documents, indent: 2) }),
        ("generator", { try $0.value(generator, indent: 2) }),
        ("participants", { try $0.list(participants, indent: 2) }),
        ("passages", { try writePassages(chunkSize: chunkSize, to: $0) }),
        ("schema", { try $0.value(schema, indent: 2) }),
        ("schema_version", { try $0.value(schemaVersion, indent: 2) }),
        ("study", { try $0.value(study, indent: 2) }),
        ("survey", { try $0.list(survey, indent: 2) }),
        ("tables", { try tables.write(to: $0, indent: 2) }),
      ])
    try out.raw("\n")
  }

  /// The top-level passage list, its chunks encoded on every core a few at a time.
  private func writePassages(chunkSize: Int, to out: SectionWriter) throws {
    guard !passages.isEmpty else { return try out.emptyList(indent: 2) }
    try out.raw("[")
    let chunks = stride(from: 0, to: passages.count, by: max(1, chunkSize)).map {
      $0..<min($0 + max(1, chunkSize), passages.count)
    }
    var group = 0
    while group < chunks.count {
      let batch = Array(chunks[group..<min(group + Self.chunksAtOnce, chunks.count)])
      let passages = self.passages
      let encoded = concurrentMap(batch.count) { index in
        Result { try Self.elements(passages.exports(batch[index])) }
      }
      for (offset, result) in encoded.enumerated() {
        try out.raw(group + offset == 0 ? "\n" : ",\n")
        try out.sink(try result.get())
      }
      group += batch.count
    }
    try out.raw("\n  ]")
  }

  /// Passages as elements of the top-level `passages` list, written by hand for speed (most
  /// of a large export) in exactly the encoder's format.
  static func elements(_ passages: [PassageExport]) throws -> Data {
    var out = PrettyJSON()
    var first = true
    for passage in passages {
      if !first { out.append(",\n") }
      first = false
      out.append("    {\n")
      out.key("codings", indent: 6)
      out.list(passage.codings, indent: 6) { out, coding in
        out.append("{\n")
        out.key("code", indent: 10); out.string(coding.code); out.append(",\n")
        out.key("coder", indent: 10); out.string(coding.coder); out.append(",\n")
        out.key("element", indent: 10); out.string(coding.element); out.append(",\n")
        out.key("end", indent: 10); out.integer(coding.end); out.append(",\n")
        out.key("id", indent: 10); out.integer(coding.id); out.append(",\n")
        out.key("matched", indent: 10); out.strings(coding.matched, indent: 10); out.append(",\n")
        out.key("negated", indent: 10); out.append(coding.negated ? "true" : "false");
        out.append(",\n")
        if let rule = coding.rule {
          out.key("rule", indent: 10); out.string(rule); out.append(",\n")
        }
        out.key("start", indent: 10); out.integer(coding.start); out.append("\n        }")
      }
      out.append(",\n")
      out.key("document", indent: 6); out.integer(passage.document); out.append(",\n")
      out.key("end", indent: 6); out.integer(passage.end); out.append(",\n")
      if let time = passage.endTime {
        out.key("end_time", indent: 6); out.number(time); out.append(",\n")
      }
      out.key("id", indent: 6); out.integer(passage.id); out.append(",\n")
      out.key("ordinal", indent: 6); out.integer(passage.ordinal); out.append(",\n")
      out.key("protocol_question", indent: 6); out.optionalString(passage.protocolQuestion);
      out.append(",\n")
      out.key("role", indent: 6); out.string(passage.role); out.append(",\n")
      out.key("speaker", indent: 6); out.optionalString(passage.speaker); out.append(",\n")
      out.key("start", indent: 6); out.integer(passage.start); out.append(",\n")
      if let time = passage.startTime {
        out.key("start_time", indent: 6); out.number(time); out.append(",\n")
      }
      out.key("text", indent: 6); out.string(passage.text); out.append(",\n")
      out.key("turn", indent: 6); out.integer(passage.turn); out.append("\n    }")
    }
    return Data(out.bytes)
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
          id: entry.item.id, text: entry.item.fullText, type: entry.item.type.rawValue,
          n: entry.answered,
          distribution: entry.item.type == .multiSelect ? [] : counts,
          percentTop2: entry.item.type == .likert ? entry.percentTopTwo : nil,
          percentBottom2: entry.item.type == .likert ? entry.percentBottomTwo : nil,
          choiceCounts: entry.item.type == .multiSelect ? counts : nil, mean: entry.mean,
          median: entry.median,
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

  /// The passages of a snapshot as the export lists them, each with its codings (in the
  /// snapshot's order), made on demand: a large study's passages are never all held twice.
  struct PassageList: Encodable, Sendable {
    /// The corpus the passages come from (and their texts, when it was read without them).
    private let corpus: CorpusSnapshot
    /// Passage `i`'s codings are `codings[codingOrder[codingStart[i]..<codingStart[i + 1]]]`.
    private let codingOrder: [Int32]
    private let codingStart: [Int32]
    private let elements: [String: String]

    init(_ corpus: CorpusSnapshot) {
      self.corpus = corpus
      let passages = corpus.passages
      let codings = corpus.codings
      elements = Dictionary(
        uniqueKeysWithValues: corpus.codebook.codes.map { ($0.id, $0.element?.rawValue ?? "none") })
      // A counting sort by passage, keeping the codings' order within each passage.
      let owner = codings.indices.map {
        corpus.passageIndex(codings.passageID(at: $0)).map(Int32.init) ?? -1
      }
      var start = [Int32](repeating: 0, count: passages.count + 1)
      for index in owner where index >= 0 { start[Int(index) + 1] += 1 }
      for index in passages.indices { start[index + 1] += start[index] }
      var next = start
      var order = [Int32](repeating: 0, count: Int(start[passages.count]))
      for (coding, index) in owner.enumerated() where index >= 0 {
        order[Int(next[Int(index)])] = Int32(coding)
        next[Int(index)] += 1
      }
      codingOrder = order
      codingStart = start
    }

    var count: Int { corpus.passages.count }
    var isEmpty: Bool { corpus.passages.isEmpty }

    /// The passages in `range`, their texts read together.
    func exports(_ range: Range<Int>) -> [PassageExport] {
      let passages = range.map { corpus.passages[$0] }
      return zip(zip(range, passages), corpus.texts(of: passages)).map {
        export($0.0, $0.1, text: $1)
      }
    }

    func export(_ index: Int, _ passage: Passage, text: String) -> PassageExport {
      PassageExport(
        id: passage.id ?? 0, document: passage.documentID ?? 0, ordinal: passage.ordinal,
        turn: passage.turn,
        speaker: passage.speaker, role: passage.role.rawValue, start: passage.span.start,
        end: passage.span.end,
        text: text, startTime: passage.startTime, endTime: passage.endTime,
        protocolQuestion: passage.questionID,
        codings: codingOrder[Int(codingStart[index])..<Int(codingStart[index + 1])].map {
          let coding = corpus.codings[Int($0)]
          return CodingExport(
            id: coding.id ?? 0, code: coding.codeID, element: elements[coding.codeID] ?? "retired",
            coder: coding.coder,
            rule: coding.ruleID, start: coding.span.start, end: coding.span.end,
            matched: coding.matched, negated: coding.negated)
        })
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.unkeyedContainer()
      for start in stride(from: 0, to: count, by: AnalysisExport.chunkSize) {
        for passage in exports(start..<min(start + AnalysisExport.chunkSize, count)) {
          try container.encode(passage)
        }
      }
    }
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
      case id, document, ordinal, turn, speaker, role, start, end, text, startTime, endTime,
        protocolQuestion, codings
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
      if n == n.rounded(), abs(n) < 1e15 {
        try container.encode(Int64(n))
      } else {
        try container.encode(n)
      }
    case .bool(let b): try container.encode(b)
    case .string(let s): try container.encode(s)
    }
  }
}
