public import Foundation
public import QDAAnalysis
import QDAEncoder
import QDAIngest

/// What `qda learn valence` made and measured.
public struct ValenceLearning: Sendable {
  /// The model learned, when examples were given.
  public var model: ValenceModel
  /// How it reads each file given to score it.
  public var evaluations: [ValenceEvaluation]
}

extension Pipeline {
  /// Learns a valence model from feedback labelled by sentence (`LabelledFeedback`), and scores
  /// it on other labelled files, or scores an existing model on them.
  ///
  /// - Parameters:
  ///   - examples: files of answers labelled by sentence, to learn from.
  ///   - model: an existing model file to score instead of learning one.
  ///   - evaluate: files of labelled answers to score the model on.
  /// - Throws: when the sentence model is not installed, a file cannot be read or has a bad
  ///   line (named), or the examples lack a positive, a negative or a neutral sentence.
  public func learnValence(examples: [String], model: String? = nil, evaluate: [String]) throws
    -> ValenceLearning
  {
    let encoder = try SentenceModels.requiredEncoder(
      sentenceModel, environment: environment.variables)
    func read(_ file: String) throws -> [LabelledFeedback] {
      let text = try TextDecoder.decode(try InputReader.bytes(atPath: file), file: file).text
      let items = try LabelledFeedback.parse(text, file: file)
      guard !items.isEmpty else {
        throw PipelineError(.missingInput, "\(file): no labelled answers")
      }
      return items
    }
    // Every answer's sentences embedded in one batch, then handed back answer by answer.
    func vectorsByAnswer(_ items: [LabelledFeedback]) -> [[[Float]]] {
      let vectors = encoder.encode(items.flatMap(\.sentences))
      var position = 0
      return items.map { item in
        defer { position += item.sentences.count }
        return Array(vectors[position..<(position + item.sentences.count)])
      }
    }
    let learned: ValenceModel
    if let model {
      learned = try ValenceModel.decode(Data(try InputReader.bytes(atPath: model)), file: model)
      guard learned.encoder == encoder.fingerprint else {
        throw PipelineError(
          .invalidOption,
          "\(model): learned from another sentence model's vectors than the one installed")
      }
    } else {
      let items = try examples.flatMap(read)
      let labelled = items.filter { $0.polarities != nil }
      for polarity in Polarity.allCases
      where !labelled.contains(where: { $0.polarities?.contains(polarity) == true }) {
        throw PipelineError(
          .missingInput,
          "\(examples.joined(separator: ", ")): no sentence labelled \(polarity.rawValue); a model needs all three"
        )
      }
      environment.progress(
        "embedding \(labelled.reduce(0) { $0 + $1.sentences.count }) labelled sentences")
      let training = zip(labelled, vectorsByAnswer(labelled)).map {
        ValenceModel.Example(vectors: $1, polarities: $0.polarities ?? [])
      }
      learned = ValenceModel.train(
        training, encoder: encoder.fingerprint,
        source: examples.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))
    }
    var evaluations: [ValenceEvaluation] = []
    for file in evaluate {
      let items = try read(file)
      let readings = vectorsByAnswer(items).map(learned.valence(of:))
      evaluations.append(
        ValenceEvaluation(file: file, labelled: items.map(\.valence), read: readings))
    }
    return ValenceLearning(model: learned, evaluations: evaluations)
  }
}
