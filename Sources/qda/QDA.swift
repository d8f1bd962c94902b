import ArgumentParser
import QDAPipeline

/// The `qda` command: a thin layer that parses arguments, calls `QDAPipeline`, and prints.
@main
struct QDA: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qda",
    abstract:
      "Qualitative analysis with a CHAT codebook: transcripts → coded passages → tables → report.",
    discussion: """
      Exit codes: 0 success; 1 the command failed and the project is unchanged; \
      2 `qda agreement --min`: some code is below the threshold; \
      3 done, but some input files were skipped (listed on stderr); 64 bad arguments.
      """,
    version: QDAKitVersion.current,
    subcommands: [
      Analyze.self, Ingest.self, Code.self, Passages.self, Table.self, Report.self, Verify.self,
      Export.self, Import.self,
      Query.self, Serve.self, Generate.self, SurveyCommand.self, Agreement.self, Suggest.self,
      Learn.self, Contradictions.self, Eval.self, History.self, Undo.self, Check.self, Redact.self,
    ])
}

/// Options every project command takes.
struct ProjectOptions: ParsableArguments {
  @Option(name: .long, help: "The project file (SQLite).")
  var project: String
}

struct OutputOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Print nothing but errors.")
  var quiet = false
}

/// Where the sentence model is, or that it is not to be used.
struct ModelOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Folder of the sentence model (model.safetensors and vocab.txt, or a pip --target folder).",
      discussion: "Without it: QDA_MODEL, then ~/.local/share/qdakit/models."))
  var model: String?

  @Flag(help: "Code by the codebook's rules alone, even when the sentence model is installed.")
  var rulesOnly = false

  var choice: SentenceModelChoice { rulesOnly ? .off : .whenInstalled(directory: model) }

  func validate() throws {
    if rulesOnly && model != nil { throw ValidationError("give --model or --rules-only, not both") }
  }
}
