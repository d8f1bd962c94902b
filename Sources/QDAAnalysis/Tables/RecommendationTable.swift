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

  /// Recommendations of one kind, from at least two participants: a label from their words, who
  /// made them, the suggestions (indices into `suggestions`) and the one that states it best.
  public typealias Group = SentenceGrouping.Theme

  /// How the groups were made.
  public typealias Grouping = SentenceGrouping.Grouping

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
            participant: participant, text: found.text, passageID: found.passageID,
            start: found.start, end: found.end,
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
    (groups, others, grouping) = SentenceGrouping.themes(
      texts: suggestions.map(\.text), speakers: suggestions.map(\.participant), vectors: vectors,
      order: interviewed,
      quoteWords: 6...45, unlabelled: "other")
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
    return members.compactMap {
      seen.insert(suggestions[$0].passageID).inserted ? suggestions[$0].passageID : nil
    }
  }

  public var table: DataTable {
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for group in groups {
      let passages = passageIDs(group.members)
      let quote = suggestions[group.quote]
      rows.append([
        TableCell(group.label.prefix(1).uppercased() + group.label.dropFirst()),
        .count(group.participants.count, passages: passages),
        .count(group.members.count, passages: passages),
        TableCell("“\(quote.text)” (\(quote.participant))"),
      ])
      data.append([
        .text(group.label), .integer(group.participants.count), .integer(denominator),
        .integer(group.members.count),
        .text(quote.text), .text(quote.participant),
      ])
    }
    if !others.isEmpty {
      let passages = passageIDs(others)
      let who = Set(others.map { suggestions[$0].participant })
      rows.append([
        TableCell("Other suggestions, each in a vein no other participant took"),
        .count(who.count, passages: passages),
        .count(others.count, passages: passages), TableCell(""),
      ])
      data.append([
        .text("other"), .integer(who.count), .integer(denominator), .integer(others.count),
        .missing, .missing,
      ])
    }
    return DataTable(
      id: "recommendations", title: "Recommendations to the programme's designers, grouped",
      columns: [
        "Recommendation", "Participants (of \(denominator))", "Suggestions", "In their words",
      ], rows: rows,
      notes: [
        "Proposals for the programme from anywhere in the interviews (the answer to the recommendations question and suggestions made elsewhere), grouped by "
          + (grouping == .meaning
            ? "meaning (the sentence encoder's similarity)"
            : "the words they share (the sentence model was not used)")
          + "; a group needs two participants. The label is the phrase most of its participants used."
      ],
      data: TableData(
        columns: [
          .text(
            "recommendation",
            "The group's label: the phrase of one or two words most of its participants used; “other” for suggestions no other participant made in the same vein."
          ),
          .integer(
            "participants",
            "Interviewed participants who made a suggestion in the group (once each)."),
          .integer("interviewed", "Interviewed participants in all: the denominator."),
          .integer("suggestions", "Sentences in the group."),
          .text("quote", "The sentence most like the rest of the group."),
          .text("quote_participant", "Who said it."),
        ],
        rows: data))
  }
}
