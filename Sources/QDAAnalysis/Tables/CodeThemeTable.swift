import Foundation
public import QDAModel
import QDAConcurrency

/// What participants said under each code, grouped into themes by meaning (`SentenceGrouping`):
/// the synthesis the brief states beside a code's count ("their words fell into three themes").
/// Each theme has the participants behind it (at least two), a label from their words and the
/// coded words that state it best (the member most like the rest).
///
/// Themes are made for codes with no sub-codes that at least `leastParticipants` participants
/// were coded with. Grouped by the words the coded spans share until `regrouped(vector:)` gives
/// it the sentence encoder's vectors (the pipeline does when the model is installed). A code
/// with more than `SentenceGrouping.directLimit` coded spans has an even sample of them grouped
/// and the rest joined to the theme they are most like.
public struct CodeThemeTable: Hashable, Sendable, Codable {
  /// Coded words of one participant.
  public struct Item: Hashable, Sendable, Codable {
    public var participant: String
    public var passageID: Int64
    /// Where the coded words lie in the document (scalar offsets).
    public var start: Int
    public var end: Int
    public var text: String
  }

  /// A theme: a label from its words, who said them, the items (indices into the code's) and
  /// the one that states it best.
  public typealias Theme = SentenceGrouping.Theme

  public struct CodeThemes: Hashable, Sendable, Codable {
    public var codeID: String
    public var name: String
    public var items: [Item]
    /// Most participants first.
    public var themes: [Theme]
    public var grouping: SentenceGrouping.Grouping
  }

  public var codes: [CodeThemes]

  public init(codes: [CodeThemes]) { self.codes = codes }
  public static let leastParticipants = 4

  /// - Parameter grouping: whether to group the coded words now (by words); without it the
  ///   codes have their items and no themes until `groupedByWords()` or `regrouped(vector:)`.
  public init(_ corpus: CorpusSnapshot, grouping: Bool = true) {
    let interviewed = corpus.interviewed
    let counted = Set(interviewed)
    // Each code's participant codings (a span once), for the codes enough participants have.
    var found: [(code: Code, codings: [(coding: Coding, passage: Passage, participant: String)])] =
      []
    for code in corpus.codebook.codes where code.element != nil && code.parentID != nil {
      guard corpus.codebook.children(of: code.id).isEmpty else { continue }
      var seen = Set<TextSpan>()
      var pending: [(coding: Coding, passage: Passage, participant: String)] = []
      for coding in corpus.codings(under: code.id) {
        guard let passage = corpus.passage(coding.passageID), passage.role == .participant,
          let participant = corpus.participant(of: passage), counted.contains(participant),
          seen.insert(coding.span).inserted
        else { continue }
        pending.append((coding, passage, participant))
      }
      if Set(pending.map(\.participant)).count >= Self.leastParticipants {
        found.append((code, pending))
      }
    }
    // Each passage's text read once, however many codes code it.
    var passages: [Passage] = []
    var position: [Int64: Int] = [:]
    for (_, codings) in found {
      for entry in codings where position[entry.coding.passageID] == nil {
        position[entry.coding.passageID] = passages.count
        passages.append(entry.passage)
      }
    }
    let texts = corpus.texts(of: passages)
    var result: [CodeThemes] = []
    for (code, codings) in found {
      var items: [Item] = []
      for (coding, passage, participant) in codings {
        guard let at = position[coding.passageID] else { continue }
        let scalars = Array(texts[at].unicodeScalars)
        let lower = max(0, min(scalars.count, coding.span.start - passage.span.start))
        let upper = max(lower, min(scalars.count, coding.span.end - passage.span.start))
        let words = String(String.UnicodeScalarView(scalars[lower..<upper])).trimmingCharacters(
          in: .whitespacesAndNewlines)
        guard !words.isEmpty else { continue }
        items.append(
          Item(
            participant: participant, passageID: coding.passageID, start: coding.span.start,
            end: coding.span.end, text: words))
      }
      result.append(
        grouping
          ? Self.grouped(
            code.id, name: code.name, items: items, vectors: nil, interviewed: interviewed)
          : CodeThemes(codeID: code.id, name: code.name, items: items, themes: [], grouping: .words)
      )
    }
    codes = result
  }

  /// The coded words grouped by the words they share.
  public func groupedByWords(interviewed: [String]) -> CodeThemeTable {
    let codes = codes
    return CodeThemeTable(
      codes: concurrentMap(codes.count) {
        Self.grouped(
          codes[$0].codeID, name: codes[$0].name, items: codes[$0].items, vectors: nil,
          interviewed: interviewed)
      })
  }

  /// The same coded words grouped by the sentence encoder's vectors; a code with an item that
  /// has no vector is grouped by words.
  public func regrouped(vector: @Sendable (Item) -> [Float]?, interviewed: [String])
    -> CodeThemeTable
  {
    let codes = codes
    return CodeThemeTable(
      codes: concurrentMap(codes.count) { index in
        let code = codes[index]
        let vectors = code.items.map(vector)
        let complete = vectors.allSatisfy { $0 != nil }
        return Self.grouped(
          code.codeID, name: code.name, items: code.items,
          vectors: complete ? vectors.compactMap { $0 } : nil, interviewed: interviewed)
      })
  }

  /// The themes of one code's items.
  static func grouped(
    _ codeID: String, name: String, items: [Item], vectors: [[Float]]?, interviewed: [String]
  ) -> CodeThemes {
    let (themes, _, grouping) = SentenceGrouping.themes(
      texts: items.map(\.text), speakers: items.map(\.participant), vectors: vectors,
      order: interviewed, quoteWords: 8...60)
    return CodeThemes(codeID: codeID, name: name, items: items, themes: themes, grouping: grouping)
  }

  /// The themes of a code, if it has any.
  public func themes(of codeID: String) -> CodeThemes? { codes.first { $0.codeID == codeID } }

  /// One row per theme of each code, in codebook order, most participants first.
  public func table(denominator: Int) -> DataTable {
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for code in codes {
      let name = code.name
      for theme in code.themes {
        let passages = Array(Set(theme.members.map { code.items[$0].passageID })).sorted()
        let quote = code.items[theme.quote]
        rows.append([
          TableCell(name), TableCell(theme.label),
          .count(theme.participants.count, passages: passages),
          .count(theme.members.count, passages: passages),
          TableCell("“\(quote.text)” (\(quote.participant))"),
        ])
        data.append([
          .text(code.codeID), .text(name), .text(theme.label), .integer(theme.participants.count),
          .integer(denominator),
          .integer(theme.members.count), .text(quote.text), .text(quote.participant),
        ])
      }
    }
    let grouping =
      codes.contains { $0.grouping == .meaning }
      ? "meaning (the sentence encoder's similarity)" : "the words they share"
    return DataTable(
      id: "code_themes", title: "What participants said under each code, in themes",
      columns: [
        "Code", "Theme", "Participants (of \(denominator))", "Coded passages", "In their words",
      ], rows: rows,
      notes: [
        "The coded words of each code that at least \(Self.leastParticipants) participants were coded with, grouped by \(grouping); a theme needs two participants. The label is the phrase most of its participants used that the code's other passages did not."
      ],
      data: TableData(
        columns: [
          .text("code_id", "The code's id."), .text("code", "The code's name."),
          .text(
            "theme",
            "The theme's label: the phrase of one or two words most of its participants used."),
          .integer(
            "participants",
            "Interviewed participants whose coded words are in the theme (once each)."),
          .integer("interviewed", "Interviewed participants in all: the denominator."),
          .integer("coded", "Coded passages (spans) in the theme."),
          .text("quote", "The coded words most like the rest of the theme."),
          .text("quote_participant", "Who said them."),
        ],
        rows: data))
  }
}
