public import QDAModel

/// What participants recommended to the people who design and run the programme, gathered from
/// the whole interview (`SuggestionReader`: the answer to a question about recommendations and
/// proposals made anywhere else) and grouped by what they propose (`SentenceGrouping`), each
/// group with the participants behind it, a short label from their words and the sentence that
/// states it best.
///
/// Grouped by the words the sentences share until `regrouped(vectors:)` gives it the sentence
/// encoder's vectors (the pipeline does when the model is installed).
public struct RecommendationTable: Hashable, Sendable, Codable {
  /// One recommendation, as said.
  public struct Suggestion: Hashable, Sendable, Codable {
    public var participant: String
    public var text: String
    public var passageID: Int64
    /// Where the sentence lies in its passage's text (scalar offsets).
    public var start: Int
    public var end: Int
    /// Whether it answers a question about recommendations (else it was said elsewhere).
    public var inAnswer: Bool
  }

  /// Recommendations of one kind, from at least two participants.
  public struct Group: Hashable, Sendable, Codable {
    /// A short label from their words ("live sessions").
    public var label: String
    /// Who made them, in the order of the interviewed.
    public var participants: [String]
    /// The suggestions (indices into `suggestions`), in order.
    public var members: [Int]
    /// The suggestion that states the group best (an index into `suggestions`).
    public var quote: Int
  }

  /// How the groups were made.
  public enum Grouping: String, Hashable, Sendable, Codable {
    case meaning
    case words
  }

  public var suggestions: [Suggestion]
  /// Largest first (by participants, then suggestions).
  public var groups: [Group]
  /// Suggestions no other participant made in the same vein (indices into `suggestions`).
  public var others: [Int]
  public var denominator: Int
  public var grouping: Grouping

  public init(_ corpus: CorpusSnapshot, findings: InterviewFindings) {
    let interviewed = corpus.interviewed
    var suggestions: [Suggestion] = []
    for participant in interviewed {
      for found in findings[participant]?.suggestions ?? [] {
        suggestions.append(
          Suggestion(
            participant: participant, text: found.text, passageID: found.passageID, start: found.start, end: found.end,
            inAnswer: found.inAnswer))
      }
    }
    self.init(suggestions: suggestions, interviewed: interviewed, vectors: nil)
  }

  /// The table of some suggestions, grouped by `vectors` (one per suggestion, the sentence
  /// encoder's) or, without them, by their words.
  public init(suggestions: [Suggestion], interviewed: [String], vectors: [[Float]]?) {
    self.suggestions = suggestions
    denominator = interviewed.count
    let texts = suggestions.map(\.text)
    let usable = vectors.flatMap { $0.count == suggestions.count ? $0 : nil }
    grouping = usable == nil ? .words : .meaning
    let points = usable ?? SentenceGrouping.lexicalVectors(texts)
    let stop = usable == nil ? SentenceGrouping.lexicalStop : SentenceGrouping.encoderStop(count: texts.count)
    let order = Dictionary(interviewed.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var groups: [Group] = []
    var others: [Int] = []
    let speakers = suggestions.map(\.participant)
    let prepared = SentenceGrouping.prepared(points)
    let phrases = SentenceGrouping.PhraseIndex(texts)
    for cluster in SentenceGrouping.groups(vectors: points, stop: stop) {
      let who = Set(cluster.map { speakers[$0] })
      guard who.count >= 2 else {
        others += cluster
        continue
      }
      // The quote: a sentence of a readable length that is most like the rest.
      let words = { (index: Int) in suggestions[index].text.split(separator: " ").count }
      let quote =
        SentenceGrouping.representative(of: cluster, prepared: prepared, eligible: { (6...45).contains(words($0)) }) ?? cluster[0]
      let label = SentenceGrouping.label(of: cluster, index: phrases, speakers: speakers) ?? "other"
      groups.append(
        Group(
          label: label, participants: who.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }, members: cluster,
          quote: quote))
    }
    self.groups = groups.sorted { ($0.participants.count, $0.members.count, -$0.members[0]) > ($1.participants.count, $1.members.count, -$1.members[0]) }
    self.others = others.sorted()
  }

  /// The same suggestions grouped by the sentence encoder's vectors (one per suggestion, in
  /// order).
  public func regrouped(vectors: [[Float]], interviewed: [String]) -> RecommendationTable {
    RecommendationTable(suggestions: suggestions, interviewed: interviewed, vectors: vectors)
  }

  /// Participants who made any recommendation, in the order of the interviewed.
  public var participants: [String] {
    var seen = Set<String>()
    return suggestions.compactMap { seen.insert($0.participant).inserted ? $0.participant : nil }
  }

  /// The passages of some suggestions, each once, in order.
  public func passageIDs(_ members: [Int]) -> [Int64] {
    var seen = Set<Int64>()
    return members.compactMap { seen.insert(suggestions[$0].passageID).inserted ? suggestions[$0].passageID : nil }
  }

  public var table: DataTable {
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for group in groups {
      let passages = passageIDs(group.members)
      let quote = suggestions[group.quote]
      rows.append([
        TableCell(group.label.prefix(1).uppercased() + group.label.dropFirst()),
        .count(group.participants.count, passages: passages), .count(group.members.count, passages: passages),
        TableCell("“\(quote.text)” (\(quote.participant))"),
      ])
      data.append([
        .text(group.label), .integer(group.participants.count), .integer(denominator), .integer(group.members.count),
        .text(quote.text), .text(quote.participant),
      ])
    }
    if !others.isEmpty {
      let passages = passageIDs(others)
      let who = Set(others.map { suggestions[$0].participant })
      rows.append([
        TableCell("Other suggestions, each in a vein no other participant took"), .count(who.count, passages: passages),
        .count(others.count, passages: passages), TableCell(""),
      ])
      data.append([.text("other"), .integer(who.count), .integer(denominator), .integer(others.count), .missing, .missing])
    }
    return DataTable(
      id: "recommendations", title: "Recommendations to the programme's designers, grouped",
      columns: ["Recommendation", "Participants (of \(denominator))", "Suggestions", "In their words"], rows: rows,
      notes: [
        "Proposals for the programme from anywhere in the interviews (the answer to the recommendations question and suggestions made elsewhere), grouped by "
          + (grouping == .meaning ? "meaning (the sentence encoder's similarity)" : "the words they share (the sentence model was not used)")
          + "; a group needs two participants. The label is the phrase most of its participants used."
      ],
      data: TableData(
        columns: [
          .text("recommendation", "The group's label: the phrase of one or two words most of its participants used; “other” for suggestions no other participant made in the same vein."),
          .integer("participants", "Interviewed participants who made a suggestion in the group (once each)."),
          .integer("interviewed", "Interviewed participants in all: the denominator."),
          .integer("suggestions", "Sentences in the group."),
          .text("quote", "The sentence most like the rest of the group."),
          .text("quote_participant", "Who said it."),
        ],
        rows: data))
  }
}
