import Foundation
public import QDAModel
import QDAText

/// Whether each participant spoke well or poorly of the platform and of the content: for each
/// code the codebook lists under `tables.feedback`, every participant sentence coded with it (or
/// a code below it) is read by the valence model (`ValenceModel`), and the participant's
/// feedback is positive, negative, mixed or neither. Each reading keeps the sentence that spoke
/// most plainly well and the one that spoke most plainly poorly, so every count links to the
/// words behind it.
///
/// The sentences are gathered from a snapshot; the reading needs the sentence encoder's vectors
/// and a model, which the pipeline gives `read(vector:model:)` when the model is installed. Until
/// then (or without a model) the table has no readings and states nothing.
public struct FeedbackValenceTable: Hashable, Sendable, Codable {
  /// One coded participant sentence, where it lies in the document (scalar offsets).
  public struct Sentence: Hashable, Sendable, Codable {
    public var participant: String
    public var passageID: Int64
    public var start: Int
    public var end: Int
    public var text: String
  }

  /// How one participant judged one thing.
  public struct Reading: Hashable, Sendable, Codable {
    public var participant: String
    public var valence: Valence
    /// The sentence that speaks most plainly well of it, when the reading is positive or mixed.
    public var praise: Sentence?
    /// The sentence that speaks most plainly poorly of it, when the reading is negative or mixed.
    public var criticism: Sentence?
    /// The highest probabilities of speaking well and poorly among the participant's sentences.
    public var positive: Float
    public var negative: Float
    /// The participant's coded sentences read.
    public var sentences: Int
  }

  public struct CodeFeedback: Hashable, Sendable, Codable {
    public var codeID: String
    public var name: String
    /// The coded sentences, participants in interview order.
    public var sentences: [Sentence]
    /// One per participant with coded sentences, once read; interview order.
    public var readings: [Reading]

    /// The readings with this valence.
    public func readings(_ valence: Valence) -> [Reading] {
      readings.filter { $0.valence == valence }
    }
  }

  public var codes: [CodeFeedback]
  /// The model's threshold and source, once read.
  public var model: String?

  public init(codes: [CodeFeedback], model: String? = nil) {
    self.codes = codes
    self.model = model
  }

  /// The coded sentences of the codebook's feedback codes, not yet read.
  public init(_ corpus: CorpusSnapshot) {
    let counted = Set(corpus.interviewed)
    let order = Dictionary(
      corpus.interviewed.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var result: [CodeFeedback] = []
    for codeID in corpus.codebook.tables.feedback {
      guard let code = corpus.codebook.code(codeID) else { continue }
      var pending: [(coding: Coding, passage: Passage, participant: String)] = []
      for coding in corpus.codings(under: codeID) {
        guard let passage = corpus.passage(coding.passageID), passage.role == .participant,
          let participant = corpus.participant(of: passage), counted.contains(participant)
        else { continue }
        pending.append((coding, passage, participant))
      }
      let texts = corpus.texts(of: pending.map(\.passage))
      var seen = Set<TextSpan>()
      var sentences: [Sentence] = []
      for ((coding, passage, participant), text) in zip(pending, texts) {
        let scalars = Array(text.unicodeScalars)
        let lower = max(0, min(scalars.count, coding.span.start - passage.span.start))
        let upper = max(lower, min(scalars.count, coding.span.end - passage.span.start))
        // Sentences of a coded span; one coded by two overlapping codings is read once.
        for range in SentenceSplitter.sentences(in: scalars, range: lower..<upper) {
          let words = String(String.UnicodeScalarView(scalars[range])).trimmingCharacters(
            in: .whitespacesAndNewlines)
          let span = TextSpan(
            start: passage.span.start + range.lowerBound, end: passage.span.start + range.upperBound
          )
          guard words.unicodeScalars.contains(where: CharacterSet.letters.contains),
            seen.insert(span).inserted
          else { continue }
          sentences.append(
            Sentence(
              participant: participant, passageID: coding.passageID, start: span.start,
              end: span.end, text: words))
        }
      }
      sentences.sort {
        (order[$0.participant] ?? 0, $0.start) < (order[$1.participant] ?? 0, $1.start)
      }
      result.append(
        CodeFeedback(codeID: code.id, name: code.name, sentences: sentences, readings: []))
    }
    codes = result
  }

  /// Every code's sentences read by the model; a code a sentence of which has no vector is left
  /// unread.
  public func read(vector: (String) -> [Float]?, model: ValenceModel) -> FeedbackValenceTable {
    var result = self
    result.model = "threshold \(Self.decimal(model.threshold)), learned from \(model.source)"
    for index in result.codes.indices {
      let code = result.codes[index]
      let vectors = code.sentences.map { vector($0.text) }
      guard vectors.allSatisfy({ $0 != nil }) else { continue }
      let probabilities = model.probabilities(vectors.compactMap { $0 })
      var byParticipant: [String: [Int]] = [:]
      var participants: [String] = []
      for (position, sentence) in code.sentences.enumerated() {
        if byParticipant[sentence.participant] == nil { participants.append(sentence.participant) }
        byParticipant[sentence.participant, default: []].append(position)
      }
      result.codes[index].readings = participants.map { participant in
        let positions = byParticipant[participant] ?? []
        let read = positions.map { probabilities[$0] }
        let polarities = read.map(model.polarity)
        // The sentence that speaks most plainly each way, of those that do.
        let praise = zip(positions, polarities).filter { $1 == .positive }.map(\.0)
          .max { probabilities[$0].positive < probabilities[$1].positive }
        let criticism = zip(positions, polarities).filter { $1 == .negative }.map(\.0)
          .max { probabilities[$0].negative < probabilities[$1].negative }
        let valence = Valence(polarities)
        return Reading(
          participant: participant, valence: valence,
          praise: valence == .positive || valence == .mixed
            ? praise.map { code.sentences[$0] } : nil,
          criticism: valence == .negative || valence == .mixed
            ? criticism.map { code.sentences[$0] } : nil,
          positive: read.map(\.positive).max() ?? 0, negative: read.map(\.negative).max() ?? 0,
          sentences: positions.count)
      }
    }
    return result
  }

  /// Whether any code was read.
  public var isRead: Bool { codes.contains { !$0.readings.isEmpty } }

  /// The feedback of a code, if it was read.
  public func feedback(_ codeID: String) -> CodeFeedback? {
    codes.first { $0.codeID == codeID && !$0.readings.isEmpty }
  }

  /// The words behind some readings: the sentences that decided them (the praise and the
  /// criticism), or every coded sentence of a reading that found neither.
  public static func evidence(_ readings: [Reading], of code: CodeFeedback) -> [Sentence] {
    var result: [Sentence] = []
    var seen = Set<Sentence>()
    for reading in readings {
      var deciding = [reading.praise, reading.criticism].compactMap { $0 }
      if deciding.isEmpty {
        deciding = code.sentences.filter { $0.participant == reading.participant }
      }
      for sentence in deciding where seen.insert(sentence).inserted { result.append(sentence) }
    }
    return result
  }

  /// The passages of `evidence`.
  public static func passages(_ readings: [Reading], of code: CodeFeedback) -> [Int64] {
    Array(Set(evidence(readings, of: code).map(\.passageID))).sorted()
  }

  /// Per code: how many participants' feedback was positive, negative, mixed, neither.
  public func summaryTable(interviewed: Int) -> DataTable {
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for code in codes where !code.readings.isEmpty {
      var row: [TableCell] = [
        TableCell(code.name),
        .count(code.readings.count, passages: Self.passages(code.readings, of: code)),
      ]
      var values: [DataValue] = [
        .text(code.codeID), .text(code.name), .integer(code.readings.count),
      ]
      for valence in Valence.allCases {
        let readings = code.readings(valence)
        row.append(.count(readings.count, passages: Self.passages(readings, of: code)))
        values.append(.integer(readings.count))
      }
      values.append(.integer(interviewed))
      rows.append(row)
      data.append(values)
    }
    return DataTable(
      id: "feedback_valence",
      title: "Whether participants spoke well or poorly of the platform and the content",
      columns: ["Code", "Participants", "Positive", "Negative", "Mixed", "Neither"], rows: rows,
      notes: [
        "Each participant sentence coded with the code (or one below it) is read by the sentence model's valence reader (\(model ?? "not read")); a sentence speaks well of it when its probability of doing so is above the threshold and above its probability of speaking poorly (and the other way round); a participant is positive when a sentence speaks well of it and none poorly, negative the other way round, mixed when both, neither when no sentence does. A reading by a model: check the linked words."
      ],
      data: TableData(
        columns: [
          .text("code_id", "The code's id."), .text("code", "The code's name."),
          .integer("participants", "Interviewed participants with sentences coded with the code."),
          .integer("positive", "Of them, those whose sentences spoke well of it and none poorly."),
          .integer("negative", "Those whose sentences spoke poorly of it and none well."),
          .integer("mixed", "Those who spoke both well and poorly of it."),
          .integer("neither", "Those whose coded sentences judged it neither way."),
          .integer("interviewed", "Interviewed participants in all."),
        ],
        rows: data))
  }

  /// One row per participant and code: the reading and the words that decided it.
  public var participantTable: DataTable {
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for code in codes {
      for reading in code.readings {
        let passages = Self.passages([reading], of: code)
        rows.append([
          TableCell(code.name), TableCell(reading.participant),
          TableCell(reading.valence.word.capitalized, passages: passages),
          TableCell(reading.praise.map { "“\($0.text)”" } ?? ""),
          TableCell(reading.criticism.map { "“\($0.text)”" } ?? ""),
        ])
        data.append([
          .text(code.codeID), .text(reading.participant),
          .text(reading.valence.word),
          .integer(reading.sentences), .number(Self.rounded(reading.positive)),
          .number(Self.rounded(reading.negative)),
          reading.praise.map { .text($0.text) } ?? .missing,
          reading.criticism.map { .text($0.text) } ?? .missing,
        ])
      }
    }
    return DataTable(
      id: "feedback_valence_participants",
      title: "Each participant's feedback on the platform and the content, as read",
      columns: ["Code", "Participant", "Reading", "Spoke well", "Spoke poorly"], rows: rows,
      notes: [
        "The sentences that decided each reading: the one that speaks most plainly well of it (for a positive or mixed reading) and the one that speaks most plainly poorly (for a negative or mixed one)."
      ],
      data: TableData(
        columns: [
          .text("code_id", "The code's id."), .text("participant", "The participant."),
          .text("valence", "positive, negative, mixed or neither."),
          .integer("sentences", "The participant's sentences coded with the code."),
          .number(
            "positive_probability", "The highest probability among them of speaking well of it."),
          .number(
            "negative_probability", "The highest probability among them of speaking poorly of it."),
          .text(
            "spoke_well",
            "The sentence that speaks most plainly well of it, for a positive or mixed reading."),
          .text(
            "spoke_poorly",
            "The sentence that speaks most plainly poorly of it, for a negative or mixed reading."),
        ],
        rows: data))
  }

  /// Both tables, when read.
  public func tables(interviewed: Int) -> [DataTable] {
    isRead ? [summaryTable(interviewed: interviewed), participantTable] : []
  }

  static func decimal(_ value: Float) -> String { String(format: "%.2f", Double(value)) }

  /// A probability to two decimals, as the CSV gives it.
  static func rounded(_ value: Float) -> Double { (Double(value) * 100).rounded() / 100 }
}
