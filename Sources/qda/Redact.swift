import ArgumentParser
import Foundation
import QDAPipeline
import QDARedaction
import QDAStore

struct Redact: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "De-identify a project: names of participants, colleagues, schools and districts → consistent pseudonyms.",
    discussion: """
      Three steps:
        qda redact detect --project study.qda --out names.csv     capitalised names no list has yet, for review
        (edit names.csv: give each line a kind, or `keep` for what does not identify anyone)
        qda redact apply --project study.qda --names names.csv --key ../keys/study-key.csv --out study-deid.qda
        qda redact check --project study-deid.qda --key ../keys/study-key.csv --names names.csv
      apply also takes, without being told, participants' names from attributes (name, email…), schools and \
      districts from attributes (school, district), speaker labels that are names, and interviewers named in headers. \
      The original project is not changed; keep the key file away from the de-identified project and its reports.
      """,
    subcommands: [Detect.self, Apply.self, CheckNames.self])

  struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "apply",
      abstract: "Write a de-identified copy of the project and its pseudonym key.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "The de-identified project to write (a new file).") var out: String
    @Option(
      help:
        "The key file (CSV kind,original,pseudonym): read if it exists, then written with every name."
    ) var key: String
    @Option(
      help: "A reviewed name list (CSV original,kind[,pseudonym]), e.g. from `qda redact detect`.")
    var names: String?
    @Option(
      name: .customLong("attribute"),
      help: ArgumentHelp(
        "An attribute whose values identify, as name=kind (kinds: \(NameList.kinds.map(\.rawValue).joined(separator: ", ")))."
      ))
    var attributes: [String] = []
    @OptionGroup var output: OutputOptions

    func run() throws {
      var kinds: [String: IdentifierKind] = [:]
      for attribute in attributes {
        let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
        let kind = IdentifierKind(rawValue: parts.count == 2 ? parts[1] : "place")
        guard NameList.kinds.contains(kind), kind != .keep else {
          throw ValidationError(
            "--attribute \(attribute): the kind must be one of "
              + NameList.kinds.dropLast().map(\.rawValue).joined(separator: ", "))
        }
        kinds[parts[0]] = kind
      }
      let result = try Pipeline().redact(
        RedactionRequest(
          project: project.project, out: out, key: key, names: names, attributes: kinds))
      guard !output.quiet else { return }
      let byKind = result.names.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
        separator: ", ")
      Console.out(
        "wrote \(out): \(result.counts.documents) documents, \(result.counts.passages) passages, \(result.counts.codings) codings"
      )
      Console.out(
        "names in the key: \(byKind) (\(result.added) new); \(result.replacements) replacements in document texts"
      )
      for rename in result.renamed { Console.out("renamed \(rename.from) → \(rename.to)") }
      Console.out(
        "key written to \(key); run `qda redact check --project \(out) --key \(key)` to review what remains"
      )
    }
  }

  struct Detect: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "detect",
      abstract:
        "List capitalised names no list or attribute accounts for, as a name list to review.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "A name list already reviewed: its names are not listed again.") var names:
      String?
    @Option(help: "A key file: its names are not listed again.") var key: String?
    @Option(help: "Write the list to this file (CSV) instead of stdout.") var out: String?

    func run() throws {
      let candidates = try Pipeline().redactionCandidates(
        project: project.project, names: names, key: key)
      var lines = ["original,kind,count,documents,example"]
      for candidate in candidates {
        lines.append(
          [
            candidate.text, candidate.kind?.rawValue ?? "", String(candidate.count),
            String(candidate.documents.count), candidate.example,
          ]
          .map(Self.cell).joined(separator: ","))
      }
      let csv = lines.joined(separator: "\n") + "\n"
      if let out {
        try Data(csv.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        Console.out(
          "\(candidates.count) possible names written to \(out); give each a kind (or `keep`), then pass it to `qda redact apply --names`"
        )
      } else {
        FileHandle.standardOutput.write(Data(csv.utf8))
      }
    }

    static func cell(_ value: String) -> String {
      value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
  }

  struct CheckNames: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract:
        "List likely identifiers left in a project (names from the key, unlisted names, e-mail addresses, phone numbers); exit 2 if any."
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "The key file used to de-identify it.") var key: String?
    @Option(help: "The reviewed name list (its `keep` lines are not reported).") var names: String?

    func run() throws {
      let findings = try Pipeline().redactionCheck(project: project.project, key: key, names: names)
      guard !findings.isEmpty else {
        Console.out("\(project.project): no likely identifiers found")
        return
      }
      for finding in findings {
        Console.out(
          "\(finding.location): \(finding.reason.rawValue): \(finding.text) — …\(finding.context)…")
      }
      let leaks = findings.filter { $0.reason == .keyName }.count
      Console.error("\(findings.count) likely identifiers (\(leaks) names from the key)")
      throw ExitCode(2)
    }
  }
}
