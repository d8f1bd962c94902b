import ArgumentParser
import QDAIngest
import QDAPipeline

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the whole pipeline: ingest, link to the protocol, code, tables, report.",
    discussion: """
      Example:
        qda analyze Corpora/principals --attributes Corpora/principals/participants.csv \\
          --protocol Corpora/principals/protocol.yaml --codebook Codebooks/chat.yaml \\
          --project out/principals.qda --out Reports/principals
      """)

  @Argument(help: "Transcript files or folders.")
  var inputs: [String]

  @Option(help: "Participant attributes CSV (first column: participant id).")
  var attributes: String?

  @Option(name: .customLong("protocol"), help: "Interview protocol (YAML).")
  var interviewProtocol: String?

  @Option(help: "Codebook (YAML).")
  var codebook: String

  @OptionGroup var project: ProjectOptions

  @Option(help: "Folder for the report, tables and analysis.json.")
  var out: String

  @Option(help: "Speaker label to treat as the interviewer in every file ('none' for nobody).")
  var interviewer: String?

  @Option(help: "A brief template (see `qda report --print-template`).")
  var template: String?

  @Flag(
    help:
      "Quote participants' words with people's names as spoken (the brief replaces them by default)."
  )
  var keepNames = false

  @OptionGroup var surveyOptions: SurveyOptions
  @OptionGroup var models: ModelOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if inputs.isEmpty, surveyOptions.surveys.isEmpty {
      throw ValidationError("give at least one transcript or survey file or folder")
    }
  }

  func run() throws {
    let pipeline = Pipeline(
      environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
    let request = IngestRequest(
      inputs: inputs, attributes: attributes, interviewProtocol: interviewProtocol,
      codebook: codebook,
      options: ImportOptions(interviewer: interviewer), surveys: surveyOptions.surveys,
      dictionary: surveyOptions.dictionary)
    let summary = try pipeline.analyze(
      request, project: project.project, out: out, template: template, keepNames: keepNames)
    try Console.report(summary, quiet: output.quiet)
  }
}

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Add or update transcripts, attributes and the protocol in a project.",
    discussion: """
      An unchanged file is left alone; a changed file replaces its old version and its automatic \
      codings, and keeps the manual codings whose words are still there.
      """)

  @Argument(help: "Transcript files or folders.")
  var inputs: [String] = []

  @Option(help: "Participant attributes CSV.")
  var attributes: String?

  @Option(name: .customLong("protocol"), help: "Interview protocol (YAML).")
  var interviewProtocol: String?

  @Option(help: "Codebook (YAML); when given, documents are coded as they are stored.")
  var codebook: String?

  @OptionGroup var project: ProjectOptions

  @Option(help: "Speaker label to treat as the interviewer ('none' for nobody).")
  var interviewer: String?

  @Option(help: "Participant the files belong to, instead of their header or file name.")
  var participant: String?

  @Option(help: "A brief template (see `qda report --print-template`).")
  var template: String?

  @OptionGroup var surveyOptions: SurveyOptions
  @OptionGroup var models: ModelOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    if inputs.isEmpty && surveyOptions.surveys.isEmpty && attributes == nil
      && interviewProtocol == nil && codebook == nil
    {
      throw ValidationError(
        "nothing to ingest: give transcripts, --survey, --attributes, --protocol or --codebook")
    }
  }

  func run() throws {
    let pipeline = Pipeline(
      environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
    let request = IngestRequest(
      inputs: inputs, attributes: attributes, interviewProtocol: interviewProtocol,
      codebook: codebook,
      options: ImportOptions(interviewer: interviewer, participantID: participant),
      surveys: surveyOptions.surveys,
      dictionary: surveyOptions.dictionary)
    try Console.report(try pipeline.ingest(request, project: project.project), quiet: output.quiet)
  }
}

/// Survey exports given by name, and a REDCap dictionary.
struct SurveyOptions: ParsableArguments {
  @Option(
    name: .customLong("survey"),
    help: "A survey export of any extension (.csv, .tsv and .xlsx inputs are surveys anyway).")
  var surveys: [String] = []
  @Option(help: "A REDCap data dictionary for a raw REDCap export.")
  var dictionary: String?
}
