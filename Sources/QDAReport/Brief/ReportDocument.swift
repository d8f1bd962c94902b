public import QDAModel
import Foundation
public import QDAAnalysis

/// A report as structure, before it becomes Markdown or HTML.
public struct ReportDocument: Sendable {
  /// The charts, by id, for writers that keep them as files.
  public var figures: [(id: String, svg: String)] {
    blocks.compactMap { block in
      if case .figure(let id, let svg, _) = block { return (id, svg) }
      return nil
    }
  }

  /// Inserts blocks before the heading with an anchor (at the end when there is none).
  public mutating func insert(_ inserted: [Block], beforeAnchor anchor: String) {
    let index =
      blocks.firstIndex { block in
        if case .heading(_, _, let found) = block { return found == anchor }
        return false
      } ?? blocks.endIndex
    blocks.insert(contentsOf: inserted, at: index)
  }

  public var title: String
  public var subtitle: String?
  public var blocks: [Block]
  /// The passages behind each count, by reference id, for the appendix.
  public var references: [Reference]

  public init(
    title: String, subtitle: String? = nil, blocks: [Block] = [], references: [Reference] = []
  ) {
    self.title = title
    self.subtitle = subtitle
    self.blocks = blocks
    self.references = references
  }
}

/// A block of a report.
public enum Block: Sendable {
  case heading(level: Int, text: String, anchor: String?)
  case paragraph([Inline])
  /// An exemplar quote: its exact words, the lead-in ("One principal explained:") and where it
  /// comes from.
  case quote(lead: String, text: String, source: QuoteSource)
  case bullets([[Inline]])
  /// A quotation the researcher wrote into the template (no source in the project).
  case blockquote([Inline])
  case table(DataTable)
  /// A list of passages (the appendix): each with its place and words.
  case passages(reference: Reference)
  /// A chart: SVG (inlined in HTML, written to `figures/<id>.svg` for Markdown) and its caption.
  case figure(id: String, svg: String, caption: String)
}

/// A run of text, or a count that links to the passages behind it.
public enum Inline: Sendable, Hashable {
  case text(String)
  case count(String, reference: String)
  case emphasis(String)
  case strong(String)
  case link(String, url: String)
}

/// Where an exemplar quote comes from.
public struct QuoteSource: Sendable, Hashable {
  public var participant: String
  public var documentKey: String
  public var passageID: Int64
  public var start: Int
  public var end: Int
  /// Where a reader finds it in the transcript (`Citation.place`): "00:12:40" or "turn 14".
  public var place: String
  /// The appendix entry listing the passage the quote comes from.
  public var reference: String?
}

/// The passages behind one count.
public struct Reference: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var passageID: Int64
    public var participant: String
    public var documentKey: String
    public var speaker: String?
    public var start: Int
    public var end: Int
    /// Where a reader finds it in the transcript (`Citation.place`).
    public var place: String
    public var text: String
  }

  /// The anchor the count links to.
  public var id: String
  /// What was counted ("Motivation: aligned with school or district priorities — four of 11").
  public var title: String
  /// The passages listed (at most `Reference.listed`; the rest are in analysis.json).
  public var entries: [Entry]
  /// How many passages the count rests on in all.
  public var total: Int
  /// For a count of people by their attributes (nine completed, seven had 10–14 years), the
  /// people and their values: the evidence is the participant attributes, not something said.
  public var people: [Person]

  /// A person counted by their attributes, with the values the count rests on.
  public struct Person: Sendable, Hashable {
    public var participant: String
    /// "completed = yes, years_as_admin = 12".
    public var values: String
  }

  /// How many people the count rests on in all (`people` lists at most `Reference.listed`).
  public var peopleTotal: Int

  public init(id: String, title: String, entries: [Entry], total: Int? = nil, people: [Person] = [])
  {
    self.id = id
    self.title = title
    self.entries = Array(entries.prefix(Self.listed))
    self.total = total ?? entries.count
    self.people = Array(people.prefix(Self.listed))
    peopleTotal = people.count
  }

  /// How many passages an appendix entry lists: a brief over a thousand interviews would
  /// otherwise run to tens of megabytes; analysis.json and the tables' JSON keep every one.
  public static let listed = 100

  /// "(7 passages)", or "(2,345 passages; the first 100 listed, all in analysis.json)".
  public var countNote: String {
    if !people.isEmpty {
      let counted =
        "\(peopleTotal) participant\(peopleTotal == 1 ? "" : "s"), from the participant attributes"
      return peopleTotal > people.count ? counted + "; the first \(people.count) listed" : counted
    }
    let plural = total == 1 ? "" : "s"
    guard total > entries.count else { return "\(total) passage\(plural)" }
    return
      "\(total) passage\(plural); the first \(entries.count) listed, every one in analysis.json and the table's JSON"
  }
}

/// How the brief cites a passage: by participant, document and the place a reader finds it,
/// "P02, interview, 00:12:40" for a recording's captions, "P02, interview, turn 14" for a
/// transcript (the speaker turns counted from 1), never by character offsets.
public enum Citation {
  public static func place(of passage: Passage) -> String {
    if let time = passage.startTime, time.isFinite, time >= 0 {
      let seconds = Int(min(time, 359_999))
      return String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
    // A transcript without speaker turns (all in turn 0) is cited by its paragraphs.
    if passage.turn == 0 && passage.ordinal > 0 { return "paragraph \(passage.ordinal + 1)" }
    return "turn \(passage.turn + 1)"
  }

  /// "P02, interview, turn 14".
  public static func text(participant: String, documentKey: String, place: String) -> String {
    "\(participant), \(documentKey), \(place)"
  }
}
