public import QDAModel
import QDANumerics

/// How well a tension model learned from a coder's contradictions finds the contradictions of
/// interviews it did not learn from: the coder's documents in folds, each fold's interviews read
/// by a coder and a tension model learned from the other folds.
///
/// A candidate matches a recorded contradiction as the development corpus's scorer matches
/// them: same document, same unordered element pair, and the candidate's sentence overlaps the
/// recorded words or lies in a passage they lie in. It is *located* when all but the pair holds.
public struct TensionEvaluation: Hashable, Sendable {
  public var documents: Int
  public var folds: Int
  /// Contradictions the coder recorded, and candidates the models proposed.
  public var recorded: Int
  public var detected: Int
  /// Recorded contradictions matched by a candidate with the right pair; candidates that match one.
  public var found: Int
  public var rightDetections: Int
  /// Recorded contradictions with a candidate in the right place, whatever its pair.
  public var located: Int
  /// Of the candidates in the right place whose recorded contradiction has a kind: how many
  /// have that kind.
  public var kindsChecked: Int
  public var kindsRight: Int

  public var recall: Double { recorded == 0 ? 0 : Double(found) / Double(recorded) }
  public var precision: Double { detected == 0 ? 0 : Double(rightDetections) / Double(detected) }
  public var kindAccuracy: Double? {
    kindsChecked == 0 ? nil : Double(kindsRight) / Double(kindsChecked)
  }

  /// Runs the evaluation.
  ///
  /// - Parameters:
  ///   - set: the coder's labelled sentences, every document they coded.
  ///   - contradictions: the coder's contradictions in those documents.
  ///   - prior: the element model training pulls toward.
  ///   - folds: how many folds of documents (dealt in turn, as `TrainingSet.folds`).
  public static func run(
    _ set: TrainingSet, contradictions: [TensionModel.Example], prior: LearnedModel?,
    codebook: Codebook,
    encoder: String, folds foldCount: Int = 4, options: LearnedModel.TrainingOptions = .init()
  ) -> TensionEvaluation {
    let documents = set.documents
    let folds = set.folds(foldCount)
    var result = TensionEvaluation(
      documents: documents.count, folds: folds.count, recorded: 0, detected: 0, found: 0,
      rightDetections: 0, located: 0,
      kindsChecked: 0, kindsRight: 0)
    for fold in folds {
      let heldOut = Set(fold)
      let training = set.restricted(to: Set(documents).subtracting(heldOut))
      let test = set.restricted(to: heldOut)
      let examples = contradictions.filter { !heldOut.contains($0.document) }
      let recorded = contradictions.filter { heldOut.contains($0.document) }
      result.recorded += recorded.count
      let (model, heldOutProbabilities) = LearnedModel.trainKeepingHeldOut(
        training, prior: prior, name: "evaluation", learnedFrom: "evaluation", encoder: encoder,
        codebook: codebook,
        options: options)
      guard
        let tension = TensionModel.train(
          training: training, contradictions: examples, prior: prior, options: options,
          heldOut: heldOutProbabilities)
      else { continue }
      // The passages each recorded contradiction's words lie in.
      let recordedPassages = recorded.map { example in
        Set(
          test.units.filter { $0.document == example.document && $0.span.overlaps(example.span) }
            .map(\.passageID))
      }
      let probabilities = model.elementProbabilities(test.features)
      let features = TensionFeatures.matrix(
        test.units, unitFeatures: test.features, probabilities: probabilities)
      var byDocument: [String: [Int]] = [:]
      for (row, unit) in test.units.enumerated() {
        byDocument[unit.document, default: []].append(row)
      }
      var placed = Set<Int>()
      var matched = Set<Int>()
      for rows in byDocument.values {
        let units = rows.map { test.units[$0] }
        for candidate in tension.candidates(
          units, features: features.rows(rows), probabilities: rows.map { probabilities[$0] })
        {
          result.detected += 1
          let unit = units[candidate.unit]
          var right = false
          var kindCounted = false
          for (index, example) in recorded.enumerated() where example.document == unit.document {
            guard
              unit.span.overlaps(example.span) || recordedPassages[index].contains(unit.passageID)
            else { continue }
            if !kindCounted, let kind = example.kind, let predicted = candidate.kind {
              kindCounted = true
              result.kindsChecked += 1
              if kind == predicted { result.kindsRight += 1 }
            }
            let pairRight =
              TensionModel.key(example.elements.0, example.elements.1)
              == TensionModel.key(candidate.pair.0, candidate.pair.1)
            if placed.insert(index).inserted { result.located += 1 }
            if pairRight {
              right = true
              if matched.insert(index).inserted { result.found += 1 }
            }
          }
          if right { result.rightDetections += 1 }
        }
      }
    }
    return result
  }
}

extension TensionModel {
  /// Learns a tension model from a coder's sentences and contradictions, with the element
  /// probabilities each sentence would get in an interview the coder's model had not seen
  /// (`LearnedModel.heldOutElementProbabilities`), as it will when it reads a new one.
  ///
  /// - Parameter heldOut: those probabilities when training the coder's model made them
  ///   (`LearnedModel.trainKeepingHeldOut`); made here otherwise.
  public static func train(
    training set: TrainingSet, contradictions: [Example], prior: LearnedModel?,
    options: LearnedModel.TrainingOptions = .init(), heldOut: [[Float]]? = nil
  ) -> TensionModel? {
    guard !contradictions.isEmpty else { return nil }
    let probabilities =
      heldOut
      ?? LearnedModel.heldOutElementProbabilities(
        set, folds: set.folds(options.folds), prior: prior, options: .init(lambda: options.lambda))
    let features = TensionFeatures.matrix(
      set.units, unitFeatures: set.features, probabilities: probabilities)
    return train(set, features: features, contradictions: contradictions)
  }
}
