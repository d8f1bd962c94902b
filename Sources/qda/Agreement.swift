import QDAText
import ArgumentParser
import Foundation
import QDAAgreement
import QDAModel
import QDAPipeline
import QDAReport

struct Agreement: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Inter-rater agreement between coders, disagreement review and consensus.",
    discussion: """
      qda agreement --project p.qda                              # every coder who coded by hand
      qda agreement --project p.qda --coders ana,ben --format json
      qda agreement --project p.qda --min 0.8                    # exit 2 when a code's α is below 0.8
      qda agreement review --project p.qda --code rules.time
      qda agreement consensus --project p.qda --passage 42 --code rules.time --applies
      """,
    subcommands: [Report.self, Review.self, Consensus.self], defaultSubcommand: Report.self)

  struct CoderOptions: ParsableArguments {
    @Option(
      help: "Coders to compare, comma-separated (default: every coder but auto and consensus).",
      transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
    var coders: [String]?
  }

  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract:
        "Percent agreement, Cohen's and Fleiss' κ and Krippendorff's α per code, element and overall.",
      discussion: "Exit codes: 0 the gate passed (or none was set); 2 some code is below --min.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var coderOptions: CoderOptions
    @Option(help: "table or json.") var format: ReportFormat = .table
    @Option(help: "Fail (exit 2) when any code's figure is below this.") var min: Double?
    @Option(help: "The figure --min tests: alpha, kappa or percent.") var gate: GateFigure = .alpha

    func validate() throws {
      if let min, !(0...1).contains(min) { throw ValidationError("--min must lie between 0 and 1") }
    }

    func run() throws {
      let report = try Pipeline().agreement(project: project.project, coders: coderOptions.coders)
      let gate = min.map { ReliabilityGate(figure: self.gate.figure, minimum: $0) }
      switch format {
      case .json:
        FileHandle.standardOutput.write(Data(ReliabilityRenderer.json(report, gate: gate).utf8))
      case .table:
        FileHandle.standardOutput.write(Data(ReliabilityRenderer.text(report, gate: gate).utf8))
      }
      if let gate, !gate.check(report).failing.isEmpty { throw ExitCode(2) }
    }
  }

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The passages where coders differ, grouped by code, with each coder's coding.")

    @OptionGroup var project: ProjectOptions
    @OptionGroup var coderOptions: CoderOptions
    @Option(help: "Only this code and its sub-codes.") var code: String?
    @Flag(help: "Also show disagreements already settled by a consensus decision.") var all = false
    @Option(help: "table, csv or json.") var format: ListFormat = .table

    func run() throws {
      let found = try Pipeline().disagreements(
        project: project.project, coders: coderOptions.coders, code: code, includeDecided: all)
      if format != .table {
        let rows = found.map { item -> [String] in
          [
            item.codeID, String(item.passage.id ?? 0), item.documentKey, item.participant,
            item.applied.keys.sorted().joined(separator: " "),
            item.notApplied.joined(separator: " "),
            item.decision.map { $0.applies ? "applies" : "does not apply" } ?? "",
            item.passage.text,
          ]
        }
        Console.out(
          ListFormat.render(
            format,
            columns: [
              "code", "passage", "document", "participant", "applied_by", "not_applied_by",
              "decision", "text",
            ],
            rows: rows))
        return
      }
      guard !found.isEmpty else {
        Console.out("No open disagreements.")
        return
      }
      var lines: [String] = []
      var current: String?
      for item in found {
        if item.codeID != current {
          current = item.codeID
          let count = found.filter { $0.codeID == item.codeID }.count
          lines.append("")
          lines.append(
            "\(item.codeID) — \(item.codeName): \(count) passage\(count == 1 ? "" : "s")")
        }
        lines.append(
          "  passage \(item.passage.id ?? 0) · \(item.documentKey) · \(item.participant)")
        lines.append("    \(Self.clip(item.passage.text, 200))")
        for (coder, codings) in item.applied.sorted(by: { $0.key < $1.key }) {
          for coding in codings {
            let quote = Self.quote(coding.span, in: item.passage)
            lines.append(
              "    ✓ \(coder): “\(Self.clip(quote, 120))”" + (coding.memo.map { " — \($0)" } ?? ""))
          }
        }
        for coder in item.notApplied { lines.append("    ✗ \(coder): not coded") }
        if let decision = item.decision {
          lines.append(
            "    = consensus: \(decision.applies ? "applies" : "does not apply")"
              + (decision.note.map { " — \($0)" } ?? ""))
        }
      }
      lines.append("")
      lines.append(
        "Record the agreed decision with: qda agreement consensus --project \(project.project) --passage <id> --code <code> --applies|--does-not-apply"
      )
      Console.out(lines.joined(separator: "\n"))
    }

    static func quote(_ span: TextSpan, in passage: Passage) -> String {
      let scalars = Array(scalarsOf: passage.text)
      let start = max(0, span.start - passage.span.start)
      let end = min(scalars.count, span.end - passage.span.start)
      guard start < end else { return "" }
      return String(scalars: scalars[start..<end])
    }

    static func clip(_ text: String, _ length: Int) -> String {
      let flat = text.replacingOccurrences(of: "\n", with: " ")
      return flat.count > length ? String(flat.prefix(length - 1)) + "…" : flat
    }
  }

  struct Consensus: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Record the agreed coding as the coder 'consensus', keeping every coder's own codings.",
      discussion: """
        qda agreement consensus --project p.qda --passage 42 --code rules.time --applies [--span-from ana] [--note "…"]
        qda agreement consensus --project p.qda --passage 42 --code rules.time --does-not-apply
        qda agreement consensus --project p.qda --agreed          # every passage all coders coded alike
        """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var coderOptions: CoderOptions
    @Option(help: "The passage (see `qda agreement review`).") var passage: Int64?
    @Option(help: "The code.") var code: String?
    @Flag(help: "The code applies.") var applies = false
    @Flag(help: "The code does not apply.") var doesNotApply = false
    @Option(help: "Take the consensus coding's span from this coder's coding.") var spanFrom:
      String?
    @Option(help: "Why.") var note: String?
    @Flag(help: "Accept every coding all compared coders agree on.") var agreed = false

    func validate() throws {
      if agreed {
        guard passage == nil, code == nil, !applies, !doesNotApply else {
          throw ValidationError(
            "--agreed takes no --passage, --code, --applies or --does-not-apply")
        }
        return
      }
      guard passage != nil, code != nil else {
        throw ValidationError("give --passage and --code (or --agreed)")
      }
      guard applies != doesNotApply else {
        throw ValidationError("say --applies or --does-not-apply")
      }
    }

    func run() throws {
      let pipeline = Pipeline()
      if agreed {
        let summary = try pipeline.acceptAgreements(
          project: project.project, coders: coderOptions.coders)
        Console.out(
          "consensus: \(summary.applies) agreed codings recorded; \(summary.alreadyDecided) already decided"
        )
        return
      }
      guard let passage, let code else { return }
      let decision = try pipeline.recordConsensus(
        project: project.project, passageID: passage, code: code, applies: applies,
        spanFrom: spanFrom,
        coders: coderOptions.coders ?? [], note: note)
      Console.out(
        "consensus: passage \(decision.passageID), \(decision.codeID) \(decision.applies ? "applies" : "does not apply")"
      )
    }
  }
}

/// The coefficient `--min` tests.
enum GateFigure: String, ExpressibleByArgument, CaseIterable {
  case alpha, kappa, percent

  var figure: ReliabilityGate.Figure {
    switch self {
    case .alpha: .alpha
    case .kappa: .kappa
    case .percent: .percent
    }
  }
}
