public import QDAModel
public import QDANumerics
import QDAConcurrency

/// Sentences with the codes one coder gave them: what a model learns from.
public struct TrainingSet: Sendable {
  public var units: [CodingUnit]
  public var features: Matrix
  /// Per unit, the elements and codes (with their ancestors) its codings carry.
  public var elements: [Set<Element>]
  public var codes: [Set<String>]
  /// Per unit, how much it weighs in training: 1, or `uncodedWeight` for a sentence left
  /// uncoded in an answer whose other sentences the coder coded.
  public var weights: [Float]

  /// How much a sentence weighs that the coder left uncoded beside sentences they coded in the
  /// same answer. Coders quote the words that show an element, not every sentence around them,
  /// so such a sentence is weak evidence that the element is absent (on the development corpus
  /// the gold quotes cover 55 % of the participants' words). Trained with full weight on these
  /// sentences, a model learned from two coded interviews scored below the prior it started from
  /// (element F1 0.65 against 0.66); at 0.3 (0, 0.1 and 0.3 gave the same) it scored 0.67.
  /// A sentence in an answer the coder coded nothing in (small talk) keeps full weight.
  public static let uncodedWeight: Float = 0.3

  /// Labels units by a coder's codings: a coding labels a sentence when they overlap by more
  /// than half of the shorter (`CodingUnit.isLabelled(by:)`); a sentence no coding labels is an
  /// example of "none of these" (the coder read it and coded nothing), a weak one beside coded
  /// sentences (`uncodedWeight`).
  ///
  /// - Parameters:
  ///   - units: the sentences of the documents the coder coded.
  ///   - features: their features, one row each.
  ///   - codings: the coder's codings of those documents.
  ///   - codebook: the codes' elements and parents.
  public init(units: [CodingUnit], features: Matrix, codings: [Coding], codebook: Codebook) {
    precondition(features.rows == units.count, "one row of features per unit")
    self.units = units
    self.features = features
    var byPassage: [Int64: [Coding]] = [:]
    for coding in codings { byPassage[coding.passageID, default: []].append(coding) }
    var elementOf: [String: Element] = [:]
    var ancestors: [String: [String]] = [:]
    for code in codebook.codes {
      elementOf[code.id] = code.element
      var chain: [String] = [code.id]
      var parent = code.parentID
      while let id = parent, !chain.contains(id) {
        chain.append(id)
        parent = codebook.code(id)?.parentID
      }
      ancestors[code.id] = chain
    }
    elements = units.map { _ in [] }
    codes = units.map { _ in [] }
    weights = units.map { _ in 1 }
    for (index, unit) in units.enumerated() {
      for coding in byPassage[unit.passageID] ?? [] where unit.isLabelled(by: coding.span) {
        if let element = elementOf[coding.codeID] { elements[index].insert(element) }
        codes[index].formUnion(ancestors[coding.codeID] ?? [coding.codeID])
      }
    }
    for index in units.indices
    where codes[index].isEmpty && byPassage[units[index].passageID] != nil {
      weights[index] = Self.uncodedWeight
    }
  }

  /// The documents the units come from, in first-seen order.
  public var documents: [String] {
    var seen = Set<String>()
    return units.compactMap { seen.insert($0.document).inserted ? $0.document : nil }
  }

  /// The documents dealt into at most `count` folds in turn (document 1 to fold 1, 2 to 2, …),
  /// for cross-validation: leave-one-document-out up to `count` documents, folds beyond.
  public func folds(_ count: Int = 8) -> [[String]] {
    let documents = documents
    let k = max(1, min(count, documents.count))
    return (0..<k).map { fold in
      stride(from: fold, to: documents.count, by: k).map { documents[$0] }
    }
  }

  /// The units of some documents.
  public func restricted(to documents: Set<String>) -> TrainingSet {
    let rows = units.indices.filter { documents.contains(units[$0].document) }
    var subset = self
    subset.units = rows.map { units[$0] }
    subset.features = features.rows(rows)
    subset.elements = rows.map { elements[$0] }
    subset.codes = rows.map { codes[$0] }
    subset.weights = rows.map { weights[$0] }
    return subset
  }
}

extension LearnedModel {
  /// How a model is trained.
  public struct TrainingOptions: Hashable, Sendable {
    /// The pull toward the prior's weights (or toward zero): scikit-learn's 1/C.
    public var lambda: Double = 1
    /// A code gets its own classifier from this many labelled sentences.
    public var minimumCodePositives = 3
    /// Element thresholds are chosen by cross-validation (`TrainingSet.folds`) from this many
    /// coded documents (below it, the prior's thresholds, or 0.5 without a prior).
    public var documentsForThresholds = 3
    /// The most folds cross-validation makes.
    public var folds = 8

    public init() {}
  }

  /// Learns a model from one coder's sentences, pulled toward a prior.
  ///
  /// Element thresholds: with `documentsForThresholds` documents or more, each element's
  /// threshold maximises its F1 over the held-out documents' sentences (from 0.30 to 0.70 in
  /// steps of 0.05), taken halfway back to 0.5 (on the development corpus the raw choice did
  /// not carry to other interviews; halfway did no harm); with a prior, the prior's threshold
  /// moves by as much as that choice lies from 0.5. With fewer documents, and for codes, the
  /// prior's thresholds stay (0.5 without a prior): they were chosen on thousands of sentences.
  ///
  /// - Parameters:
  ///   - set: the coder's labelled sentences.
  ///   - prior: the model whose weights the training pulls toward (per label it has).
  ///   - name, learnedFrom, encoder: what the model records about itself.
  ///   - codebook: the codes that may get classifiers (not an element's top-level code, which
  ///     the element's classifier is).
  public static func train(
    _ set: TrainingSet, prior: LearnedModel?, name: String, learnedFrom: String, encoder: String,
    codebook: Codebook,
    options: TrainingOptions = TrainingOptions()
  ) -> LearnedModel {
    trainKeepingHeldOut(
      set, prior: prior, name: name, learnedFrom: learnedFrom, encoder: encoder, codebook: codebook,
      options: options
    )
    .model
  }

  /// `train`, also returning the held-out element probabilities its thresholds were chosen
  /// from (`heldOutElementProbabilities` over `set.folds(options.folds)`), nil when it had too
  /// few documents to choose them; the tension model learns from the same ones.
  public static func trainKeepingHeldOut(
    _ set: TrainingSet, prior: LearnedModel?, name: String, learnedFrom: String, encoder: String,
    codebook: Codebook,
    options: TrainingOptions = TrainingOptions()
  ) -> (model: LearnedModel, heldOut: [[Float]]?) {
    let regression = LogisticRegression.Options(lambda: options.lambda)
    let topLevel = Set(codebook.codes.filter { $0.parentID == nil }.map(\.id))
    var codeCounts: [String: Int] = [:]
    for codes in set.codes { for code in codes { codeCounts[code, default: 0] += 1 } }
    let codeIDs = codebook.codes.map(\.id).filter {
      !topLevel.contains($0) && codebook.code($0)?.element != nil
        && (codeCounts[$0] ?? 0) >= options.minimumCodePositives
    }
    let elementCases = Element.allCases
    let jobs: [(label: String, isElement: Bool)] =
      elementCases.map { ($0.rawValue, true) } + codeIDs.map { ($0, false) }
    let fitted = concurrentMap(jobs.count) { index -> Label in
      let job = jobs[index]
      let labels: [Bool] =
        job.isElement
        ? set.elements.map { $0.contains(where: { $0.rawValue == job.label }) }
        : set.codes.map { $0.contains(job.label) }
      let priorLabel =
        job.isElement ? prior?.elements.first { $0.label == job.label } : prior?.code(job.label)
      let model = LogisticRegression.fit(
        set.features, labels: labels, sampleWeights: set.weights, prior: priorLabel?.model,
        options: regression)
      return Label(
        label: job.label, model: model, threshold: priorLabel?.threshold ?? 0.5,
        positives: labels.filter { $0 }.count)
    }
    var elements = Array(fitted.prefix(elementCases.count))
    let codes = Array(fitted.dropFirst(elementCases.count))
    let documents = set.documents
    var heldOut: [[Float]]?
    if documents.count >= options.documentsForThresholds {
      let probabilities = heldOutElementProbabilities(
        set, folds: set.folds(options.folds), prior: prior, options: regression)
      let thresholds = crossValidatedThresholds(set, probabilities: probabilities)
      for index in elements.indices {
        // Moved from the prior's threshold as far as cross-validation moved it from 0.5.
        let start = prior?.element(elementCases[index])?.threshold ?? 0.5
        elements[index].threshold = start + thresholds[index] - 0.5
      }
      heldOut = probabilities
    }
    let model = LearnedModel(
      name: name, learnedFrom: learnedFrom, encoder: encoder, documents: documents,
      sentences: set.units.count,
      elements: elements, codes: codes)
    return (model, heldOut)
  }

  /// Every sentence's probability of every element from a model that did not learn from its
  /// document (one per fold of documents): what a model says of interviews it has not seen,
  /// which is less sure than what it says of its own training sentences.
  ///
  /// - Returns: per unit, per element (`Element.allCases` order).
  public static func heldOutElementProbabilities(
    _ set: TrainingSet, folds documentFolds: [[String]], prior: LearnedModel?,
    options: LogisticRegression.Options = .init(lambda: TrainingOptions().lambda)
  ) -> [[Float]] {
    let elementCases = Element.allCases
    let folds = documentFolds.map { documents in
      let members = Set(documents)
      return set.units.indices.filter { members.contains(set.units[$0].document) }
    }
    let jobs = folds.indices.flatMap { fold in elementCases.indices.map { (fold, $0) } }
    let predictions = concurrentMap(jobs.count) { index -> [Float] in
      let (fold, elementIndex) = jobs[index]
      let element = elementCases[elementIndex]
      let heldOut = Set(folds[fold])
      let trainRows = set.units.indices.filter { !heldOut.contains($0) }
      guard !trainRows.isEmpty else { return [Float](repeating: 0.5, count: folds[fold].count) }
      let model = LogisticRegression.fit(
        set.features.rows(trainRows), labels: trainRows.map { set.elements[$0].contains(element) },
        sampleWeights: trainRows.map { set.weights[$0] },
        prior: prior?.element(element)?.model, options: options)
      return model.probabilities(set.features.rows(folds[fold]))
    }
    var result = [[Float]](
      repeating: [Float](repeating: 0, count: elementCases.count), count: set.units.count)
    for (job, (fold, elementIndex)) in jobs.enumerated() {
      for (row, probability) in zip(folds[fold], predictions[job]) {
        result[row][elementIndex] = probability
      }
    }
    return result
  }

  /// Each element's threshold from held-out predictions of every sentence, halfway back to 0.5.
  static func crossValidatedThresholds(_ set: TrainingSet, probabilities: [[Float]]) -> [Float] {
    let elementCases = Element.allCases
    var thresholds: [Float] = []
    for (elementIndex, element) in elementCases.enumerated() {
      let pairs = set.units.indices.map {
        (probability: probabilities[$0][elementIndex], label: set.elements[$0].contains(element))
      }
      var best: (f1: Double, threshold: Float) = (-1, 0.5)
      for step in 0...8 {
        let threshold = Float(0.30 + 0.05 * Double(step))
        var tp = 0, predicted = 0, actual = 0
        for pair in pairs {
          let yes = pair.probability >= threshold
          if yes { predicted += 1 }
          if pair.label { actual += 1 }
          if yes && pair.label { tp += 1 }
        }
        let f1 = predicted + actual == 0 ? 0 : 2 * Double(tp) / Double(predicted + actual)
        if f1 > best.f1 + 1e-9 { best = (f1, threshold) }
      }
      thresholds.append((best.threshold + 0.5) / 2)
    }
    return thresholds
  }
}
