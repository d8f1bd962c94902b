import ArgumentParser
import Foundation
import QDAIngest
import QDAModel

struct SurveyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "survey",
    abstract:
      "Read a survey export and show what QDAKit makes of it: the tool, respondents and items.",
    subcommands: [Inspect.self], defaultSubcommand: Inspect.self)

  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show the tool, the respondents (counted, unfinished, excluded) and each item's type and answers."
    )
    @Argument(help: "The export (.csv, .tsv, .txt, .xlsx).") var file: String
    @Option(help: "A REDCap data dictionary for a raw export.") var dictionary: String?
    @Option(help: "table or json.") var format: Agreement.ReportFormat = .table

    func run() throws {
      let survey = try SurveyReader.read(
        bytes: try InputReader.bytes(atPath: file), file: file,
        dictionary: try dictionary.map { try InputReader.bytes(atPath: $0) },
        dictionaryFile: dictionary)
      if format == .json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Console.out(String(decoding: try encoder.encode(survey), as: UTF8.self))
        return
      }
      let counted = survey.counted()
      let excluded = survey.respondents.filter { $0.exclusion != nil }.count
      let unfinished = survey.respondents.filter { $0.exclusion == nil && $0.finished == false }
        .count
      var lines = [
        "\(file): \(survey.dialect.name)",
        "respondents: \(survey.respondents.count) rows; \(counted.count) counted, \(unfinished) unfinished, \(excluded) excluded (preview or spam)",
        "",
      ]
      let rows = survey.items.map { item -> [String] in
        let answered = counted.filter { $0.answers[item.id] != nil }.count
        return [item.id, item.type.rawValue, String(answered), String(item.fullText.prefix(70))]
      }
      lines.append(ListFormat.render(.table, columns: ["item", "type", "n", "text"], rows: rows))
      for warning in survey.warnings { Console.error("warning: " + warning) }
      Console.out(lines.joined(separator: "\n"))
    }
  }
}
