import ArgumentParser
import Foundation
import QDAModel
import QDAPipeline
import QDAQuery

struct Query: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Ask the coded feedback a question: words, codes, elements and participant attributes.",
    discussion: """
      Ask in plain words ("What did non-completers say about time and deadlines?"): with the
      sentence model installed, participants' sentences are ranked by meaning (the question against
      each sentence, the interviewer's question it answers, and the codes on it), else by the
      question's words (bm25). --words-only ranks by words even with the model.
      Expert syntax, recognised by its marks: words are stemmed (time finds times, timing);
      "planning time" is a phrase; collab* a prefix; NEAR(time alone, 5) finds words close together;
      AND, OR, NOT and parentheses combine them. Such a search lists passages in document order
      (documents as imported, passages by position); --rank lists the best matches first (bm25).

      qda query --project p.qda "What did non-completers say about time?" --where completed=no
      qda query --project p.qda --like 214                             # more like passage 214
      qda query --project p.qda --code community.collaboration --where school_level=high
      qda query --project p.qda "" --element rules --count-by completed
      qda query --project p.qda "stipend* OR bonus*" --rank --format json
      """)

  @OptionGroup var project: ProjectOptions
  @Argument(
    help: "A question in plain words, or FTS5 syntax; empty for every passage the filters keep.")
  var text: String = ""
  @Option(help: "Only passages coded with this code (or a sub-code).") var code: String?
  @Option(help: "Only passages coded with a code of this CHAT element.") var element: String?
  @Option(help: "Count only this coder's codings for --code and --element.") var coder: String?
  @Option(help: "An attribute condition: completed=no, years_as_admin>=15 (repeatable).")
  var `where`: [String] = []
  @Option(help: "participant or interviewer.") var speakerRole: String?
  @Option(help: "Only this document (key).") var document: String?
  @Option(help: "Only answers to this protocol question or survey item.") var question: String?
  @Flag(help: "Best matches first (bm25; needs words) instead of document order.") var rank = false
  @Flag(help: "Rank a plain question by its words even when the sentence model is installed.")
  var wordsOnly = false
  @Option(help: "More like this passage (its id): other sentences ranked by meaning against it.")
  var like: Int64?
  @Option(
    help:
      "Group a question's answers (--limit of them, 50 by default) into at most this many themes.")
  var themes: Int?
  @Option(help: "At most this many passages (default 20; 50 answers for --themes).") var limit: Int?
  @Option(help: "Count passages and participants by an attribute, 'code' or 'element'.")
  var countBy: String?
  @Option(help: "table, csv or json.") var format: ListFormat = .table

  func run() throws {
    let request = try makeRequest()
    let pipeline = Pipeline()
    if let countBy {
      let counts = try pipeline.queryCounts(project: project.project, request, by: countBy)
      let rows = counts.map {
        [
          $0.value, String($0.participants), String($0.passages),
          $0.passageIDs.map(String.init).joined(separator: " "),
        ]
      }
      Console.out(
        ListFormat.render(
          format, columns: [countBy, "participants", "passages", "passage_ids"], rows: rows))
      return
    }
    if let themes {
      guard themes > 0 else { throw ValidationError("--themes needs a number above 0") }
      var asked = request
      asked.limit = limit ?? 50
      let found = try pipeline.themes(project: project.project, asked, count: themes)
      let rows = found.enumerated().map { index, theme in
        [
          String(index + 1), theme.label, String(theme.participants.count),
          String(theme.respondents.count),
          String(theme.passageIDs.count), theme.quote,
          theme.passageIDs.map(String.init).joined(separator: " "),
        ]
      }
      Console.out(
        ListFormat.render(
          format,
          columns: [
            "theme", "label", "participants", "respondents", "passages", "quote", "passage_ids",
          ], rows: rows))
      return
    }
    let result = try pipeline.search(project: project.project, request)
    let (hits, total) = (result.hits, result.total)
    if let note = result.note { Console.error(note) }
    // The score column only when ranked: in document order there is none.
    let scored = result.order != .document
    let rows = hits.map { hit -> [String] in
      [String(hit.passage.id ?? 0)]
        + (scored ? [hit.rank.map { String(format: "%.2f", -$0) } ?? ""] : []) + [
          hit.participant, hit.documentKey, hit.passage.speaker ?? "",
          hit.codes.joined(separator: " "),
          format == .table
            ? Self.aroundMatch(hit.snippet) : hit.snippet.replacingOccurrences(of: "\n", with: " "),
        ]
    }
    let columns =
      ["passage"] + (scored ? ["score"] : []) + [
        "participant", "document", "speaker", "codes", "text",
      ]
    Console.out(ListFormat.render(format, columns: columns, rows: rows))
    if format == .table {
      let unit = result.order == .meaning ? "sentence" : "passage"
      Console.error(
        "\(total) \(unit)\(total == 1 ? "" : "s") "
          + (result.order == .meaning ? "ranked by meaning" : "matched")
          + (total > hits.count ? "; showing \(hits.count) (--limit)" : ""))
    }
  }

  /// For the table's narrow column: the text from a little before the first match.
  static func aroundMatch(_ snippet: String) -> String {
    let flat = snippet.replacingOccurrences(of: "\n", with: " ")
    guard let mark = flat.firstIndex(of: "«") else { return flat }
    let offset = flat.distance(from: flat.startIndex, to: mark)
    guard offset > 24 else { return flat }
    return "…" + flat.dropFirst(offset - 20)
  }

  func makeRequest() throws -> QueryRequest {
    var request = QueryRequest(
      text: text, code: code, coder: coder, document: document, question: question, ranked: rank,
      limit: limit ?? 20)
    request.byMeaning = !wordsOnly
    request.likePassage = like
    if let element {
      guard let parsed = Element(identifier: element) else {
        throw ValidationError(
          "--element \(element): one of \(Element.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      request.element = parsed
    }
    if let speakerRole {
      guard let role = SpeakerRole(rawValue: speakerRole.lowercased()) else {
        throw ValidationError("--speaker-role must be participant or interviewer")
      }
      request.role = role
    }
    request.conditions = try self.where.map { text in
      do { return try AttributeCondition(text) } catch let error as QueryError {
        throw ValidationError(error.message)
      }
    }
    return request
  }
}
