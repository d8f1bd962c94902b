import ArgumentParser
import Foundation
import QDAExchange
import QDAModel
import QDAPipeline
import QDAReport

struct Code: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Auto-code (the learned coder, or the codebook's rules), or add, remove and list codings by hand.",
    subcommands: [Run.self, Add.self, Import.self, Remove.self, List.self],
    defaultSubcommand: Run.self)

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Code every document again, by the learned coder or the rules (manual codings are kept).",
      discussion: """
        With --codebook, a codebook that changes only rules (the codes, their parents and elements,
        negation cues and tension settings as before) re-runs only the changed codes' rules, writes
        only the documents whose codings change, and reads contradictions again only when one did.
        --all, or no --codebook, re-codes everything (after upgrading qda, for instance).
        """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "A codebook to install first; otherwise the project's own.")
    var codebook: String?

    @Flag(help: "Re-code every code in every document even when only some rules changed.")
    var all = false

    @OptionGroup var models: ModelOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let pipeline = Pipeline(
        environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
      try Console.report(
        try pipeline.code(project: project.project, codebook: codebook, onlyChangedRules: !all),
        quiet: output.quiet)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Code a passage, a span or a quote by hand.",
      discussion: """
        qda code add --project p.qda --passage 42 --code rules.time --coder "Ana Ruiz"
        qda code add --project p.qda --document P04.txt --quote "no way to do both" --code rules.time --coder Ana
        """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "Code id (see the codebook).") var code: String
    @Option(help: "Who is coding.") var coder: String
    @Option(help: "Passage id (see `qda passages`).") var passage: Int64?
    @Option(help: "Document key, with --quote or --start/--end.") var document: String?
    @Option(help: "Words to code, exactly as in the text.") var quote: String?
    @Option(help: "Start offset (Unicode scalars in the document).") var start: Int?
    @Option(help: "End offset (exclusive).") var end: Int?
    @Option(help: "A memo.") var memo: String?

    func validate() throws {
      if passage == nil && document == nil { throw ValidationError("give --passage or --document") }
      if (start == nil) != (end == nil) { throw ValidationError("give both --start and --end") }
      if Coding.isMachine(coder.lowercased()) {
        throw ValidationError("'\(coder)' is a machine's name; give a person's")
      }
    }

    func run() throws {
      let listing = try Pipeline().addCoding(
        project: project.project, code: code, coder: coder,
        target: CodingTarget(
          passageID: passage, document: document, quote: quote, start: start, end: end), memo: memo)
      Console.out(
        "coding \(listing.coding.id ?? 0): \(listing.coding.codeID) by \(listing.coding.coder) on \(listing.documentKey) [\(listing.coding.span.start)–\(listing.coding.span.end)]"
      )
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Import another coder's codings from a CSV or a REFI-QDA project onto the same passages.",
      discussion: """
        CSV columns: document, quote (or start and end, Unicode-scalar offsets), code (id or name),
        coder, and optionally memo or passage. A quote locates the passage that contains it.
        Either every row is stored or none is; rows already stored are counted, not duplicated.
        A .qdpx (NVivo, ATLAS.ti, MAXQDA, QualCoder) adds its codings to documents with the same text.

        qda code import --project p.qda ben.csv
        qda code import --project p.qda --coder ben codings-without-coder-column.csv
        qda code import --project p.qda ben-nvivo.qdpx
        """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "The coder for rows without a coder column (CSV only).") var coder: String?
    @Argument(help: "The CSV or .qdpx file.") var file: String

    func run() throws {
      let pipeline = Pipeline()
      if file.lowercased().hasSuffix(".qdpx") || file.lowercased().hasSuffix(".qde") {
        let summary = try pipeline.importQDPX(project: project.project, from: file)
        Console.out("imported \(summary.codings) codings on \(summary.sources) sources")
        for warning in summary.report.warnings { Console.error("warning: " + warning) }
        for line in summary.report.droppedSummary { Console.error("not imported: " + line) }
        for loss in summary.losses { Console.error("not imported: " + loss) }
        for change in summary.narrowed { Console.error("changed: " + change) }
        return
      }
      let summary = try pipeline.importCodings(project: project.project, csv: file, coder: coder)
      let coders = summary.added.keys.sorted().map { "\($0) \(summary.added[$0] ?? 0)" }.joined(
        separator: ", ")
      Console.out(
        "imported \(summary.addedCount) codings in \(summary.documents.count) documents"
          + (coders.isEmpty ? "" : " (\(coders))") + "; \(summary.alreadyPresent) already present")
      if !summary.looseQuotes.isEmpty {
        Console.error(
          "note: \(summary.looseQuotes.count) quotes matched only with quotes, dashes, spacing or case folded: "
            + summary.looseQuotes.prefix(5).joined(separator: ", ")
            + (summary.looseQuotes.count > 5 ? ", …" : ""))
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove a coding by id.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Coding id (see `qda code list`).") var id: Int64

    func run() throws {
      let removed = try Pipeline().removeCoding(project: project.project, id: id)
      Console.out("removed coding \(id): \(removed.codeID) by \(removed.coder)")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List codings with their words.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Only this coder's codings ('auto' for the rules').") var coder: String?
    @Option(help: "Only this code and its sub-codes.") var code: String?
    @Option(help: "Only this document (key).") var document: String?
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
      let listings = try Pipeline().listCodings(
        project: project.project, coder: coder, code: code, document: document)
      let rows = listings.map { listing -> [String] in
        [
          String(listing.coding.id ?? 0), listing.documentKey, listing.participant,
          listing.coding.codeID, listing.coding.coder,
          "\(listing.coding.span.start)-\(listing.coding.span.end)", listing.coding.ruleID ?? "",
          listing.coding.matched.joined(separator: "; "), listing.quote,
        ]
      }
      Console.out(
        ListFormat.render(
          format,
          columns: [
            "id", "document", "participant", "code", "coder", "span", "rule", "matched", "quote",
          ], rows: rows))
    }
  }
}

struct Passages: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show passages with speaker, role, protocol question and codings, for review.")

  @OptionGroup var project: ProjectOptions
  @Option(help: "Only this document (key).") var document: String?
  @Option(help: "table, csv or json.") var format: ListFormat = .table

  func run() throws {
    let listings = try Pipeline().listPassages(project: project.project, document: document)
    let rows = listings.map { listing -> [String] in
      let p = listing.passage
      return [
        String(p.id ?? 0), listing.documentKey, listing.participant, p.speaker ?? "",
        p.role.rawValue,
        p.questionID ?? "", "\(p.span.start)-\(p.span.end)",
        listing.codings.map(\.codeID).joined(separator: " "), p.text,
      ]
    }
    Console.out(
      ListFormat.render(
        format,
        columns: [
          "id", "document", "participant", "speaker", "role", "question", "span", "codes", "text",
        ], rows: rows))
  }
}

/// How list commands print.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json

  static func render(_ format: ListFormat, columns: [String], rows: [[String]]) -> String {
    switch format {
    case .csv:
      return ([columns] + rows).map { $0.map(csvCell).joined(separator: ",") }.joined(
        separator: "\n")
    case .json:
      let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return (try? encoder.encode(objects)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    case .table:
      let clipped = rows.map {
        $0.map { cell in
          let flat = cell.replacingOccurrences(of: "\n", with: " ")
          return flat.count > 70 ? String(flat.prefix(69)) + "…" : flat
        }
      }
      let widths = columns.indices.map { index in
        ([columns] + clipped).map { $0[index].count }.max() ?? 0
      }
      func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(
          separator: "  ")
      }
      return ([line(columns)] + clipped.map(line)).joined(separator: "\n")
    }
  }

  static func csvCell(_ text: String) -> String { CSVCell.escape(text) }
}
