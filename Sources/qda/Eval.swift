import ArgumentParser
import Foundation
import QDAPipeline

struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure a detector against a labelled set.", subcommands: [Contradictions.self])

  struct Contradictions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "contradictions",
      abstract: "Precision and recall of contradiction detection on a labelled set of answers.",
      discussion:
        "qda eval contradictions Tests/Fixtures/contradictions/labelled.yaml --codebook Codebooks/chat.yaml"
    )

    @Argument(help: "The labelled set (YAML: items with id, text, expect, type).") var labelled:
      String
    @Option(help: "Codebook (YAML) whose rules code each answer first.") var codebook: String

    func run() throws {
      let evaluation = try ContradictionEvaluation.run(labelled: labelled, codebook: codebook)
      print(evaluation.report, terminator: "")
    }
  }
}
