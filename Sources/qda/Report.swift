import ArgumentParser
import Foundation
import QDAPipeline
import QDAAnalysis
import QDAReport

struct Table: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Print a table: time_commitment, time_estimates, outcome_motivation, incentives, experience, codes, crosstab_<attribute>, cooccurrence (or 'list')."
  )

  @Argument(help: "The table's id, or 'list'.") var name: String
  @OptionGroup var project: ProjectOptions
  @Option(help: "md, csv or json.") var format: TableFormat = .md

  func run() throws {
    let tables = try Pipeline().tables(project: project.project)
    if name == "list" {
      for table in tables { Console.out("\(table.id)\t\(table.title)") }
      return
    }
    guard let table = tables.first(where: { $0.id == name }) else {
      throw ValidationError(
        "no table '\(name)'; tables: " + tables.map(\.id).joined(separator: ", "))
    }
    switch format {
    case .md: Console.out(TableRenderer.markdown(table))
    case .csv: FileHandle.standardOutput.write(Data(TableRenderer.csv(table).utf8))
    case .json: FileHandle.standardOutput.write(Data(TableRenderer.json(table).utf8))
    }
  }
}

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
  case md, csv, json
}

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write the brief (report.md, report.html, report.docx), the tables, analysis.json and manifest.json for a project.",
    discussion: """
      The brief follows a template (Mustache over Markdown): print the default with \
      --print-template, edit it (your prose is kept on every run), and pass it with --template.
      """)

  @Option(help: "The project file (SQLite).") var project: String?
  @Option(help: "Output folder.") var out: String?
  @Option(help: "A brief template (see --print-template).") var template: String?
  @Flag(help: "Print the default brief template and exit.") var printTemplate = false
  @Flag(help: "Quote participants' words with people's names as spoken (replaced by default).")
  var keepNames = false
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if !printTemplate, project == nil || out == nil {
      throw ValidationError("give --project and --out (or --print-template)")
    }
  }

  func run() throws {
    if printTemplate {
      FileHandle.standardOutput.write(Data(BriefTemplate.defaultText.utf8))
      return
    }
    guard let project, let out else { return }
    let written = try Pipeline().writeReport(
      project: project, out: out, template: template, keepNames: keepNames)
    if !output.quiet { Console.out("wrote \(written.count) files in \(out)") }
  }
}

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Re-run a report from its manifest.json and confirm every table, count and file comes out identical.",
    discussion:
      "Run it from the folder the report was made in. Exit 0 when identical, 1 when anything differs (listed)."
  )

  @Argument(help: "The report folder (holding manifest.json).") var folder: String

  func run() throws {
    let result = try Pipeline().verify(report: folder)
    Console.out("re-ran: " + result.command.joined(separator: " "))
    for input in result.changedInputs { Console.out("input changed: \(input)") }
    for path in result.edited { Console.out("edited since written: \(path)") }
    let different = result.compared.filter { !$0.same }
    for item in different { Console.out("differs: \(item.path)") }
    let same = result.compared.count - different.count
    Console.out(
      "\(same) of \(result.compared.count) outputs identical (tables, analysis.json, brief, figures)"
    )
    guard result.passed else {
      Console.error(
        "verify failed: \(different.count) outputs differ, \(result.changedInputs.count) inputs changed, \(result.edited.count) files edited"
      )
      throw ExitCode.failure
    }
    Console.out("verified: \(folder) is reproducible from its inputs")
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export a project.", subcommands: [JSON.self, QDPX.self, QDC.self])

  struct JSON: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "json",
      abstract:
        "Export documents, participants, passages with codings, and tables as JSON (Schemas/analysis.schema.json)."
    )

    @OptionGroup var project: ProjectOptions
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func run() throws {
      let json = try Pipeline().exportJSON(project: project.project)
      if let out {
        try Data(json.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
      } else {
        FileHandle.standardOutput.write(Data(json.utf8))
      }
    }
  }
}
