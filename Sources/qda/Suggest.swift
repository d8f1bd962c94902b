import ArgumentParser
import Foundation
import QDACoding
import QDAModel
import QDAPipeline

struct Suggest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Suggest codes for uncoded passages from what a coder did by hand; accept or reject them.",
    discussion: """
      qda suggest --project p.qda --coder ana                  # learn from ana, suggest on documents ana has not coded
      qda suggest list --project p.qda --coder ana
      qda suggest accept --project p.qda --id 12 --id 13       # each becomes ana's coding of the passage
      qda suggest reject --project p.qda --id 14
      qda suggest evaluate --project p.qda --coder ana --folds 5
      """,
    subcommands: [Run.self, List.self, Accept.self, Reject.self, Evaluate.self],
    defaultSubcommand: Run.self)

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Learn from a coder's codings and suggest codes for the documents they have not coded.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Whose work to learn from.") var coder: String
    @Option(help: "The lowest score (0–1) worth suggesting.") var minScore = 0.5
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
      let listings = try Pipeline().suggest(
        project: project.project, coder: coder, minimumScore: minScore)
      Suggest.print(listings, format: format)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List suggestions (open ones by default).")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Only this coder's.") var coder: String?
    @Option(help: "open, accepted or rejected.") var status: String = "open"
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
      guard let wanted = Suggestion.Status(rawValue: status) else {
        throw ValidationError("--status must be open, accepted or rejected")
      }
      Suggest.print(
        try Pipeline().listSuggestions(project: project.project, coder: coder, status: wanted),
        format: format)
    }
  }

  struct Accept: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Accept suggestions: each becomes a coding by its coder.")
    @OptionGroup var project: ProjectOptions
    @Option(name: .customLong("id"), help: "A suggestion id (repeatable).") var ids: [Int64]

    func run() throws {
      let codings = try Pipeline().acceptSuggestions(project: project.project, ids: ids)
      Console.out(
        "accepted \(ids.count) suggestion\(ids.count == 1 ? "" : "s"); codings \(codings.map(String.init).joined(separator: ", "))"
      )
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reject suggestions; they are not suggested again.")
    @OptionGroup var project: ProjectOptions
    @Option(name: .customLong("id"), help: "A suggestion id (repeatable).") var ids: [Int64]

    func run() throws {
      try Pipeline().rejectSuggestions(project: project.project, ids: ids)
      Console.out("rejected \(ids.count) suggestion\(ids.count == 1 ? "" : "s")")
    }
  }

  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Cross-validate: precision and recall of suggestions against the coder's own codings, per element and code."
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "Whose work to learn from.") var coder: String
    @Option(help: "Folds (documents are split among them).") var folds = 5
    @Option(help: "The lowest score that counts as a suggestion.") var minScore = 0.5
    @Option(help: "table or json.") var format: Agreement.ReportFormat = .table

    func run() throws {
      let evaluation = try Pipeline().evaluateSuggestions(
        project: project.project, coder: coder, folds: folds, threshold: minScore)
      switch format {
      case .json: Console.out(Suggest.json(evaluation))
      case .table: Console.out(Suggest.text(evaluation, coder: coder))
      }
    }
  }

  static func print(_ listings: [SuggestionListing], format: ListFormat) {
    let rows = listings.map { listing -> [String] in
      [
        String(listing.suggestion.id ?? 0), String(format: "%.2f", listing.suggestion.score),
        listing.suggestion.codeID,
        listing.suggestion.coder, String(listing.suggestion.passageID), listing.documentKey,
        listing.participant,
        listing.passageText,
      ]
    }
    Console.out(
      ListFormat.render(
        format,
        columns: ["id", "score", "code", "coder", "passage", "document", "participant", "text"],
        rows: rows))
  }

  static func text(_ evaluation: SuggestionEvaluation, coder: String) -> String {
    func cell(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
    var rows: [[String]] = []
    func add(_ label: String, _ score: SuggestionScore) {
      rows.append([
        label, cell(score.precision), cell(score.recall), cell(score.f1),
        String(score.truePositives),
        String(score.falsePositives), String(score.falseNegatives),
      ])
    }
    add("All codes (micro)", evaluation.overall)
    for element in evaluation.elements { add(element.label, element) }
    for code in evaluation.codes { add("  " + code.label, code) }
    let heading =
      "Suggestions learned from \(coder): \(evaluation.folds)-fold cross-validation by document over "
      + "\(evaluation.passages) passages in \(evaluation.documents) documents, score ≥ \(String(format: "%.2f", evaluation.threshold))"
    return heading + "\n\n"
      + ListFormat.render(
        .table, columns: ["", "precision", "recall", "F1", "TP", "FP", "FN"], rows: rows)
  }

  static func json(_ evaluation: SuggestionEvaluation) -> String {
    func number(_ value: Double?) -> Any { value ?? NSNull() }
    func object(_ score: SuggestionScore) -> [String: Any] {
      [
        "label": score.label, "precision": number(score.precision), "recall": number(score.recall),
        "f1": number(score.f1), "true_positives": score.truePositives,
        "false_positives": score.falsePositives,
        "false_negatives": score.falseNegatives,
      ]
    }
    let document: [String: Any] = [
      "folds": evaluation.folds, "passages": evaluation.passages, "documents": evaluation.documents,
      "threshold": evaluation.threshold, "overall": object(evaluation.overall),
      "elements": evaluation.elements.map(object), "codes": evaluation.codes.map(object),
    ]
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    else {
      return "{}"
    }
    return String(decoding: data, as: UTF8.self)
  }
}
