import ArgumentParser
import Foundation
import QDAPipeline
import QDAAnalysis
import QDAReport

struct Table: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print a table: time_commitment, time_estimates, outcome_motivation, incentives, experience, codes, crosstab_<attribute>, cooccurrence (or 'list').")

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
      throw ValidationError("no table '\(name)'; tables: " + tables.map(\.id).joined(separator: ", "))
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
    abstract: "Write report.md, report.html, analysis.json and the tables for a project.")

  @OptionGroup var project: ProjectOptions
  @Option(help: "Output folder.") var out: String
  @OptionGroup var output: OutputOptions

  func run() throws {
    let written = try Pipeline().writeReport(project: project.project, out: out)
    if !output.quiet { Console.out("wrote \(written.count) files in \(out)") }
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export a project.", subcommands: [JSON.self, QDPX.self, QDC.self])

  struct JSON: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "json",
      abstract: "Export documents, participants, passages with codings, and tables as JSON (Schemas/analysis.schema.json).")

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
