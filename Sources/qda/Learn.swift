import ArgumentParser
import Foundation
import QDAAnalysis
import QDACoding
import QDAModel
import QDAPipeline

struct Learn: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Learn a coder's convention from the interviews they coded, and code the others with it.",
    discussion: """
      qda learn --project p.qda --coder ana                 # learn from ana, code every interview ana has not coded
      qda learn evaluate --project p.qda --coder ana        # leave-one-document-out F1 and the learning curve
      qda learn export --project p.qda --out model.json     # the model as a file a codebook can name as its prior
      qda learn forget --project p.qda                      # back to the codebook's prior (or the rules)
      qda learn valence --examples labelled.jsonl --out v.json --evaluate other.jsonl
                                                            # a valence reader for platform and content feedback

      The model's codings are by the coder `model`, each with a score and a reason; on ana's own
      interviews they come from a model that did not see that interview, so
      `qda agreement --project p.qda --coders ana,model` is the agreement on unseen interviews.
      Needs the sentence model (see --model).
      """,
    subcommands: [Run.self, Evaluate.self, Export.self, Forget.self, LearnValence.self],
    defaultSubcommand: Run.self)

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Learn from a coder and code the interviews they have not coded.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "Whose codings to learn from.") var coder: String
    @Flag(help: "Learn from the coder alone, not pulled toward the codebook's prior.") var noPrior =
      false
    @OptionGroup var models: ModelOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if models.rulesOnly {
        throw ValidationError("learning needs the sentence model: drop --rules-only")
      }
    }

    func run() throws {
      let pipeline = Pipeline(
        environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
      let summary = try pipeline.learn(project: project.project, coder: coder, usePrior: !noPrior)
      guard !output.quiet else { return }
      Console.out(Learn.describe(summary))
    }
  }

  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Leave-one-document-out precision, recall and F1 per element and code, and the learning curve."
    )
    @OptionGroup var project: ProjectOptions
    @Option(help: "Whose codings to learn from and score against.") var coder: String
    @Flag(help: "Learn from the coder alone, not pulled toward the codebook's prior.") var noPrior =
      false
    @Option(
      help:
        "The curve's numbers of training documents, comma-separated (0 is the prior alone), or none."
    )
    var curve = "0,1,2,3,5"
    @Option(help: "table or json.") var format: Agreement.ReportFormat = .table
    @OptionGroup var models: ModelOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let points = try (curve == "none" ? [] : curve.split(separator: ",")).map { part -> Int in
        guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value >= 0 else {
          throw ValidationError("--curve takes whole numbers separated by commas, not '\(part)'")
        }
        return value
      }
      let pipeline = Pipeline(
        environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
      let evaluation = try pipeline.evaluateLearning(
        project: project.project, coder: coder, usePrior: !noPrior, curve: points)
      switch format {
      case .json: Console.out(Learn.json(evaluation))
      case .table: Console.out(Learn.text(evaluation))
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write the project's learned model to a file.")
    @OptionGroup var project: ProjectOptions
    @Option(help: "The file to write (JSON).") var out: String

    func run() throws {
      let data = try Pipeline().exportLearnedModel(project: project.project)
      try data.write(to: URL(fileURLWithPath: out), options: .atomic)
      Console.out("wrote \(out)")
    }
  }

  struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Drop the learned model and code again with the codebook's prior (or the rules).")
    @OptionGroup var project: ProjectOptions
    @OptionGroup var models: ModelOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let pipeline = Pipeline(
        environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
      try Console.report(
        try pipeline.forgetLearnedModel(project: project.project), quiet: output.quiet)
    }
  }

  struct LearnValence: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "valence",
      abstract:
        "Learn whether feedback speaks well or poorly of its subject from labelled sentences, and score it.",
      discussion: """
        Examples are JSON Lines, one answer per line, labelled by sentence:
          {"id": "A1", "sentences": [{"text": "…", "polarity": "positive|negative|neutral"}, …]}
        Files to score may instead label whole answers: {"id": "H1", "text": "…", "valence": "positive|negative|mixed|none"}.
        A codebook names the model file (`valence: chat.valence.json`) and the codes whose
        sentences it reads (`tables: feedback: [tools.platform, tools.content]`).
        """)
    @Option(
      name: .customLong("examples"),
      help: "A file of answers labelled by sentence to learn from (repeatable).")
    var examples: [String] = []
    @Option(
      name: .customLong("valence-model"),
      help: "Score this valence model file instead of learning one.") var model: String?
    @Option(
      name: .customLong("evaluate"), help: "A labelled file to score the model on (repeatable).")
    var evaluate: [String] = []
    @Option(help: "Write the learned model here (JSON).") var out: String?
    @OptionGroup var models: ModelOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if models.rulesOnly {
        throw ValidationError("reading valence needs the sentence model: drop --rules-only")
      }
      if examples.isEmpty == (model == nil) {
        throw ValidationError("give --examples to learn a model, or --valence-model to score one")
      }
      if model != nil, out != nil {
        throw ValidationError(
          "--out writes a learned model: it goes with --examples, not --valence-model")
      }
    }

    func run() throws {
      let pipeline = Pipeline(
        environment: Console.environment(quiet: output.quiet), sentenceModel: models.choice)
      let learning = try pipeline.learnValence(examples: examples, model: model, evaluate: evaluate)
      if let out {
        try learning.model.encoded().write(to: URL(fileURLWithPath: out), options: .atomic)
      }
      guard !output.quiet else { return }
      var lines: [String] = []
      if model == nil {
        let counts = Polarity.allCases.map {
          "\(learning.model.examples[$0.rawValue] ?? 0) \($0.rawValue)"
        }.joined(separator: ", ")
        lines.append(
          "learned from \(counts) sentences; threshold \(String(format: "%.2f", learning.model.threshold))"
            + (out.map { "; wrote \($0)" } ?? ""))
      }
      for evaluation in learning.evaluations {
        lines.append(
          "\(evaluation.file): \(evaluation.right) of \(evaluation.total) answers read right")
        let rows = Valence.allCases.map { truth in
          [truth.rawValue] + Valence.allCases.map { String(evaluation.confusion[truth]?[$0] ?? 0) }
        }
        lines.append(
          ListFormat.render(
            .table, columns: ["labelled \\ read"] + Valence.allCases.map(\.rawValue), rows: rows))
      }
      Console.out(lines.joined(separator: "\n"))
    }
  }

  static func cell(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }

  static func describe(_ summary: LearningSummary) -> String {
    var lines = [
      "\(summary.model.version): learned from \(summary.learnedFrom.count) documents (\(summary.model.sentences) sentences), "
        + "coded \(summary.coded.count) others; \(summary.codings) model codings",
      "thresholds: "
        + summary.model.elements.map { "\($0.label) \(String(format: "%.2f", $0.threshold))" }
        .joined(separator: ", "),
    ]
    if summary.learnedFrom.count > 1 {
      var total = LearningEvaluation.Score(label: "all")
      for score in summary.heldOut { total.add(score) }
      lines.append(
        "on \(summary.model.learnedFrom)'s own documents, each coded by a model that did not see it: F1 \(cell(total.f1)) "
          + "(" + summary.heldOut.map { "\($0.label) \(cell($0.f1))" }.joined(separator: ", ") + ")"
      )
    }
    return lines.joined(separator: "\n")
  }

  static func text(_ evaluation: LearningEvaluation) -> String {
    var rows: [[String]] = []
    func add(_ label: String, _ score: LearningEvaluation.Score) {
      rows.append([
        label, cell(score.precision), cell(score.recall), cell(score.f1),
        String(score.truePositives),
        String(score.falsePositives), String(score.falseNegatives),
      ])
    }
    add("All elements (micro)", evaluation.overall)
    for score in evaluation.elements {
      add(Element(rawValue: score.label)?.name ?? score.label, score)
    }
    for score in evaluation.codes { add("  " + score.label, score) }
    var text =
      "Learned from \(evaluation.coder), leaving one document out: \(evaluation.documents) documents, "
      + "\(evaluation.sentences) sentences\n\n"
      + ListFormat.render(
        .table, columns: ["", "precision", "recall", "F1", "TP", "FP", "FN"], rows: rows)
    if !evaluation.curve.isEmpty {
      let curveRows = evaluation.curve.map { point in
        [String(point.documents), String(point.draws), cell(point.overall)]
          + point.elements.map(cell)
      }
      text +=
        "\n\nLearning curve (F1 on the documents not learned from, mean over draws; 0 = the prior alone)\n\n"
        + ListFormat.render(
          .table, columns: ["documents", "draws", "all"] + Element.allCases.map(\.name),
          rows: curveRows)
    }
    if let tension = evaluation.tension {
      text += "\n\n" + Learn.text(tension)
    }
    return text
  }

  static func text(_ tension: TensionEvaluation) -> String {
    "Contradictions (\(tension.folds) folds of documents, each found by a tension model learned from the others): "
      + "\(tension.found) of \(tension.recorded) recorded found with the right pair (recall \(cell(tension.recall))), "
      + "\(tension.rightDetections) of \(tension.detected) proposed right (precision \(cell(tension.precision))); "
      + "\(tension.located) in the right place whatever the pair; manifestation right on "
      + "\(tension.kindsRight) of \(tension.kindsChecked) in the right place"
  }

  static func json(_ evaluation: LearningEvaluation) -> String {
    func number(_ value: Double?) -> Any { value ?? NSNull() }
    func object(_ score: LearningEvaluation.Score) -> [String: Any] {
      [
        "label": score.label, "precision": number(score.precision), "recall": number(score.recall),
        "f1": number(score.f1),
        "true_positives": score.truePositives, "false_positives": score.falsePositives,
        "false_negatives": score.falseNegatives,
      ]
    }
    let document: [String: Any] = [
      "coder": evaluation.coder, "documents": evaluation.documents,
      "sentences": evaluation.sentences,
      "overall": object(evaluation.overall), "elements": evaluation.elements.map(object),
      "codes": evaluation.codes.map(object),
      "contradictions": evaluation.tension.map { tension -> Any in
        [
          "folds": tension.folds, "recorded": tension.recorded, "detected": tension.detected,
          "found": tension.found,
          "right_detections": tension.rightDetections, "located": tension.located,
          "recall": tension.recall,
          "precision": tension.precision, "kinds_checked": tension.kindsChecked,
          "kinds_right": tension.kindsRight,
        ] as [String: Any]
      } ?? NSNull(),
      "curve": evaluation.curve.map { point in
        [
          "documents": point.documents, "draws": point.draws, "f1": point.overall,
          "elements": Dictionary(
            uniqueKeysWithValues: zip(Element.allCases.map(\.rawValue), point.elements.map(number))),
        ] as [String: Any]
      },
    ]
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    else {
      return "{}"
    }
    return String(decoding: data, as: UTF8.self)
  }
}
