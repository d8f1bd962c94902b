import ArgumentParser
import Foundation
import QDAPipeline
import QDAXML
import QDAExchange
import QDAIngest

/// Where the REFI-QDA schemas are: `--schemas`, else `$QDAKIT_REFI_SCHEMAS`.
struct SchemaOptions: ParsableArguments {
  @Option(
    help:
      "A folder holding the REFI-QDA Project.xsd and Codebook.xsd, to validate against (default: $QDAKIT_REFI_SCHEMAS)."
  )
  var schemas: String?

  func schema(_ file: String) throws -> XMLSchema? {
    guard let folder = schemas ?? ProcessInfo.processInfo.environment["QDAKIT_REFI_SCHEMAS"] else {
      return nil
    }
    let path = URL(fileURLWithPath: folder).appendingPathComponent(file).path
    return try XMLSchema(bytes: try InputReader.bytes(atPath: path), file: path)
  }

  func note(_ file: String) -> String? {
    schemas == nil && ProcessInfo.processInfo.environment["QDAKIT_REFI_SCHEMAS"] == nil
      ? "not validated against \(file) (give --schemas <folder>)" : nil
  }
}

extension Export {
  struct QDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdpx",
      abstract: "Export the project as a REFI-QDA .qdpx for NVivo, ATLAS.ti, MAXQDA or QualCoder.")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var schemas: SchemaOptions
    @Argument(help: "The .qdpx file to write.") var output: String

    func run() throws {
      let issues = try Pipeline().exportQDPX(
        project: project.project, to: output, schema: try schemas.schema("Project.xsd"))
      guard issues.isEmpty else {
        for issue in issues { Console.error(issue.description) }
        throw ExitCode.failure
      }
      Console.out(
        "wrote \(output)"
          + (schemas.note("Project.xsd").map { "; " + $0 } ?? "; valid against Project.xsd"))
    }
  }

  struct QDC: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdc",
      abstract: "Export a codebook (the project's, or a YAML file's) as a REFI-QDA .qdc.")
    @Option(help: "The project file.") var project: String?
    @Option(help: "A YAML codebook, instead of the project's.") var codebook: String?
    @OptionGroup var schemas: SchemaOptions
    @Argument(help: "The .qdc file to write.") var output: String

    func run() throws {
      let issues = try Pipeline().exportQDC(
        project: project, codebook: codebook, to: output, schema: try schemas.schema("Codebook.xsd")
      )
      guard issues.isEmpty else {
        for issue in issues { Console.error(issue.description) }
        throw ExitCode.failure
      }
      Console.out(
        "wrote \(output)"
          + (schemas.note("Codebook.xsd").map { "; " + $0 } ?? "; valid against Codebook.xsd"))
    }
  }
}

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import REFI-QDA projects and codebooks.", subcommands: [QDPX.self, QDC.self])

  struct QDPX: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdpx",
      abstract:
        "Import a .qdpx (or an unzipped project folder, or a .qde) into a project; says what it could not keep."
    )
    @OptionGroup var project: ProjectOptions
    @OptionGroup var schemas: SchemaOptions
    @Argument(help: "The .qdpx to read.") var input: String

    func run() throws {
      let summary = try Pipeline().importQDPX(
        project: project.project, from: input, schema: try schemas.schema("Project.xsd"))
      Console.out(
        "imported \(summary.sources) sources, \(summary.codings) codings, \(summary.codes) codes, \(summary.cases) cases, \(summary.contradictions) contradictions"
      )
      for warning in summary.report.warnings { Console.error("warning: " + warning) }
      for line in summary.report.droppedSummary { Console.error("not imported: " + line) }
      for loss in summary.losses { Console.error("not imported: " + loss) }
      for change in summary.narrowed { Console.error("changed: " + change) }
    }
  }

  struct QDC: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qdc", abstract: "Convert a REFI-QDA .qdc codebook into a QDAKit YAML codebook.")
    @OptionGroup var schemas: SchemaOptions
    @Option(help: "The YAML file to write (default: stdout).") var out: String?
    @Argument(help: "The .qdc to read.") var input: String

    func run() throws {
      let (yaml, report) = try Pipeline().convertQDC(
        input, schema: try schemas.schema("Codebook.xsd"))
      if let out {
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        Console.out("wrote \(out)")
      } else {
        FileHandle.standardOutput.write(Data(yaml.utf8))
      }
      for warning in report.warnings { Console.error("warning: " + warning) }
      for line in report.droppedSummary { Console.error("not imported: " + line) }
    }
  }
}
