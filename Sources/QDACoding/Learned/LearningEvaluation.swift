public import QDAModel
import QDANumerics

/// How well a model learned from a coder's documents codes the coder's other documents:
/// leave-one-document-out (up to 8 folds) precision, recall and F1 per element and per code, over sentences,
/// and the learning curve over the number of coded documents (0 is the prior alone).
///
/// A sentence counts as coded with an element (or code) by the coder when one of the coder's
/// codings labels it (`CodingUnit.isLabelled(by:)`), and by the model when one of the model's
/// codings covers it.
public struct LearningEvaluation: Sendable {
  /// Counts and figures for one element or code.
  public struct Score: Hashable, Sendable {
    public var label: String
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(label: String) { self.label = label }

    public var precision: Double? {
      truePositives + falsePositives == 0
        ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double? {
      truePositives + falseNegatives == 0
        ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double? {
      let denominator = 2 * truePositives + falsePositives + falseNegatives
      return denominator == 0 ? nil : 2 * Double(truePositives) / Double(denominator)
    }

    public mutating func add(_ other: Score) {
      truePositives += other.truePositives
      falsePositives += other.falsePositives
      falseNegatives += other.falseNegatives
    }
  }

  /// One point of the learning curve: trained on `documents` coded documents (several draws,
  /// each tested on the documents not drawn), mean F1 over the draws.
  public struct CurvePoint: Hashable, Sendable {
    public var documents: Int
    public var draws: Int
    public var overall: Double
    /// Per element, in `Element.allCases` order (nil when no draw had the element).
    public var elements: [Double?]
  }

  public var coder: String
  public var documents: Int
  public var sentences: Int
  /// Leave one document out, all elements together (micro).
  public var overall: Score
  public var elements: [Score]
  public var codes: [Score]
  public var curve: [CurvePoint]
  /// The tension model's cross-validation, when the coder recorded contradictions.
  public var tension: TensionEvaluation?

  /// Runs the evaluation.
  ///
  /// - Parameters:
  ///   - set: every coded document's labelled sentences.
  ///   - prior: the model training pulls toward (and the curve's 0 point).
  ///   - codebook: the codes.
  ///   - curvePoints: the numbers of training documents the curve measures (those below the
  ///     number of documents); each uses up to `draws` draws of consecutive documents.
  public static func run(
    _ set: TrainingSet, coder: String, prior: LearnedModel?, codebook: Codebook, encoder: String,
    curvePoints: [Int] = [0, 1, 2, 3, 5], draws: Int = 4,
    options: LearnedModel.TrainingOptions = .init()
  ) -> LearningEvaluation {
    let documents = set.documents
    // Leave one document out (up to `options.folds` folds).
    var elementScores = Element.allCases.map { Score(label: $0.rawValue) }
    var codeScores: [String: Score] = [:]
    for fold in set.folds(options.folds) {
      let training = set.restricted(to: Set(documents).subtracting(fold))
      let test = set.restricted(to: Set(fold))
      let model = LearnedModel.train(
        training, prior: prior, name: "evaluation", learnedFrom: coder, encoder: encoder,
        codebook: codebook, options: options)
      let (elements, codes) = score(model: model, on: test, codebook: codebook)
      for index in elementScores.indices { elementScores[index].add(elements[index]) }
      for (code, score) in codes { codeScores[code, default: Score(label: code)].add(score) }
    }
    var overall = Score(label: "all elements")
    for score in elementScores { overall.add(score) }
    // The curve.
    var curve: [CurvePoint] = []
    for count in curvePoints where count < documents.count {
      let drawCount = count == 0 ? 1 : min(draws, documents.count)
      var overallF1: [Double] = []
      var perElement = Element.allCases.map { _ in [Double]() }
      for draw in 0..<drawCount {
        let step = max(1, documents.count / drawCount)
        let chosen = Set((0..<count).map { documents[(draw * step + $0) % documents.count] })
        let model =
          count == 0
          ? (prior
            ?? LearnedModel(
              name: "none", learnedFrom: coder, encoder: encoder, documents: [], sentences: 0,
              elements: [], codes: []))
          : LearnedModel.train(
            set.restricted(to: chosen), prior: prior, name: "evaluation", learnedFrom: coder,
            encoder: encoder,
            codebook: codebook, options: options)
        let (elements, _) = score(
          model: model, on: set.restricted(to: Set(documents).subtracting(chosen)),
          codebook: codebook)
        var total = Score(label: "all")
        for score in elements { total.add(score) }
        overallF1.append(total.f1 ?? 0)
        for (index, score) in elements.enumerated() {
          if let f1 = score.f1 { perElement[index].append(f1) }
        }
      }
      curve.append(
        CurvePoint(
          documents: count, draws: drawCount,
          overall: overallF1.reduce(0, +) / Double(overallF1.count),
          elements: perElement.map { $0.isEmpty ? nil : $0.reduce(0, +) / Double($0.count) }))
    }
    return LearningEvaluation(
      coder: coder, documents: documents.count, sentences: set.units.count, overall: overall,
      elements: elementScores,
      codes: codeScores.values.sorted { $0.label < $1.label }, curve: curve)
  }

  /// Scores a model's codings of a set's sentences against the set's labels.
  public static func score(model: LearnedModel, on set: TrainingSet, codebook: Codebook) -> (
    elements: [Score], codes: [String: Score]
  ) {
    let coder = ModelCoder(model: model, codebook: codebook)
    var byDocument: [String: [Int]] = [:]
    for (index, unit) in set.units.enumerated() {
      byDocument[unit.document, default: []].append(index)
    }
    var predictedElements = set.units.map { _ in Set<Element>() }
    var predictedCodes = set.units.map { _ in Set<String>() }
    var elementOf: [String: Element] = [:]
    for code in codebook.codes { elementOf[code.id] = code.element }
    for rows in byDocument.values {
      let units = rows.map { set.units[$0] }
      for coding in coder.code(units, features: set.features.rows(rows)) {
        for (offset, unit) in units.enumerated()
        where unit.passageID == coding.passageID && coding.span.contains(unit.span) {
          if let element = elementOf[coding.codeID] {
            predictedElements[rows[offset]].insert(element)
          }
          var code: String? = coding.codeID
          while let id = code {
            predictedCodes[rows[offset]].insert(id)
            code = codebook.code(id)?.parentID
          }
        }
      }
    }
    var elements = Element.allCases.map { Score(label: $0.rawValue) }
    var codes: [String: Score] = [:]
    for index in set.units.indices {
      for (position, element) in Element.allCases.enumerated() {
        let predicted = predictedElements[index].contains(element)
        let actual = set.elements[index].contains(element)
        if predicted && actual { elements[position].truePositives += 1 }
        if predicted && !actual { elements[position].falsePositives += 1 }
        if !predicted && actual { elements[position].falseNegatives += 1 }
      }
      for code in predictedCodes[index].union(set.codes[index])
      where codebook.code(code)?.parentID != nil {
        let predicted = predictedCodes[index].contains(code)
        let actual = set.codes[index].contains(code)
        var score = codes[code] ?? Score(label: code)
        if predicted && actual { score.truePositives += 1 }
        if predicted && !actual { score.falsePositives += 1 }
        if !predicted && actual { score.falseNegatives += 1 }
        codes[code] = score
      }
    }
    return (elements, codes)
  }
}
