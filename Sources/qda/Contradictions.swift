import ArgumentParser
import Foundation
import QDAModel
import QDAPipeline

struct Contradictions: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List contradictions between CHAT elements; confirm, reject or add them.",
    discussion:
      "Detections are proposals; a decision is kept when `qda ingest` or `qda code` detects again.",
    subcommands: [List.self, Confirm.self, Reject.self, Add.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every contradiction with its evidence.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Only this status: proposed, confirmed or rejected.") var status: String?

    func run() throws {
      let all = try Pipeline().contradictions(project: project.project)
      print(
        "id  participant  elements                         type               conf  status     evidence"
      )
      for c in all where status == nil || c.status.rawValue == status {
        let columns = [
          String(c.id ?? 0).padding(toLength: 3, withPad: " ", startingAt: 0),
          c.participant.padding(toLength: 11, withPad: " ", startingAt: 0),
          c.pairName.padding(toLength: 32, withPad: " ", startingAt: 0),
          c.manifestation.name.padding(toLength: 18, withPad: " ", startingAt: 0),
          formatNumber(c.confidence).padding(toLength: 5, withPad: " ", startingAt: 0),
          c.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
          c.evidence,
        ]
        print(columns.joined(separator: " "))
      }
    }
  }

  struct Confirm: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Confirm a detected contradiction.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Contradiction id (see `qda contradictions list`).") var id: Int64
    @Option(help: "Who decides.") var coder: String

    func run() throws {
      let c = try Pipeline().decideContradiction(
        project: project.project, id: id, .confirmed, by: coder)
      print("confirmed \(id): \(c.participant), \(c.pairName)")
    }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reject a detected contradiction; it is not proposed again.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Contradiction id (see `qda contradictions list`).") var id: Int64
    @Option(help: "Who decides.") var coder: String

    func run() throws {
      let c = try Pipeline().decideContradiction(
        project: project.project, id: id, .rejected, by: coder)
      print("rejected \(id): \(c.participant), \(c.pairName)")
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a contradiction by hand, on quoted words.",
      discussion:
        "qda contradictions add --project p.qda --document P04.txt --quote \"the tasks have to be done alone\" --elements rules,tools_and_signs --type dilemma --coder Ana"
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "Two elements, comma-separated (the same one twice for a primary contradiction).")
    var elements: String
    @Option(help: "dilemma, conflict, critical_conflict or double_bind.") var type: String =
      "dilemma"
    @Option(help: "Passage id.") var passage: Int64?
    @Option(help: "Document key, with --quote.") var document: String?
    @Option(help: "Words, exactly as in the text.") var quote: String?
    @Option(help: "Why: what pulls against what.") var note: String = ""
    @Option(help: "Who adds it.") var coder: String

    func validate() throws {
      let parts = elements.split(separator: ",").map { Element(identifier: String($0)) }
      guard parts.count == 2, parts.allSatisfy({ $0 != nil }) else {
        throw ValidationError("--elements takes two CHAT elements, e.g. rules,tools_and_signs")
      }
      guard Contradiction.Manifestation(rawValue: type) != nil else {
        throw ValidationError("--type must be dilemma, conflict, critical_conflict or double_bind")
      }
    }

    func run() throws {
      let parts = elements.split(separator: ",").compactMap { Element(identifier: String($0)) }
      let c = try Pipeline().addContradiction(
        project: project.project, elements: (parts[0], parts[1]),
        manifestation: Contradiction.Manifestation(rawValue: type) ?? .dilemma,
        target: CodingTarget(passageID: passage, document: document, quote: quote), note: note,
        researcher: coder)
      print("added \(c.id ?? 0): \(c.participant), \(c.pairName)")
    }
  }
}
