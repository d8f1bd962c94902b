public import QDAModel
public import QDANumerics

/// Codes sentences with a learned model: for each CHAT element, the sentences whose probability
/// reaches the element's threshold, consecutive ones in a passage joined into one coding. A
/// sentence gets at most `maxElements` elements, those furthest above their thresholds: the
/// classifiers decide each element alone, and over-coded (1.55 elements a coded passage on the
/// development corpus against the gold's 1.37; a coder names what a sentence is chiefly about).
///
/// A coding's code is the element's code the model is surest of (a code classifier at or above
/// its threshold, on average over the coding's sentences), else the code the rules found in
/// those sentences, else the element's top-level code. Its score is the element's mean
/// probability over the sentences; its reason names the model, whom it learned from, the rules
/// that fired, and (when training sentences are given) the three nearest coded passages.
///
/// ```swift
/// let coder = ModelCoder(model: model, codebook: codebook)
/// let codings = coder.code(units, features: UnitFeatures.matrix(units, vector: lookup))
/// ```
public struct ModelCoder: Sendable {
  public let model: LearnedModel
  let codebook: Codebook
  let neighbours: NeighbourIndex?
  /// The most elements one sentence is coded with (nil: no limit). Two, measured with priors
  /// that left out one of five writers' groups of eight interviews and scored on it: element F1
  /// 0.649 → 0.653 on average (four groups of five up), development corpus 0.662 → 0.669;
  /// three or a cut relative to the surest element gained less (Docs/learned-coding.md).
  public var maxElements: Int?

  /// Training sentences to name as the nearest coded passages: their sentence vectors (the
  /// first `UnitFeatures.vectorLength` features), passages and elements.
  public struct NeighbourIndex: Sendable {
    var vectors: Matrix
    var passages: [Int64]
    var elements: [Set<Element>]

    public init(_ set: TrainingSet) {
      let n = UnitFeatures.vectorLength
      var vectors = Matrix(rows: set.units.count, columns: n)
      for row in 0..<set.units.count {
        vectors.values.replaceSubrange(
          (row * n)..<((row + 1) * n), with: set.features.row(row).prefix(n))
      }
      self.vectors = vectors
      passages = set.units.map(\.passageID)
      elements = set.elements
    }

    /// The passages of the three training sentences most like `vector` that carry `element`.
    func nearest(_ vector: ArraySlice<Float>, element: Element, count: Int = 3) -> [Int64] {
      let similarities = vectors.scores(weights: Array(vector), bias: 0)
      var ranked: [(Float, Int64)] = []
      for (row, similarity) in similarities.enumerated() where elements[row].contains(element) {
        ranked.append((similarity, passages[row]))
      }
      ranked.sort { ($0.0, $1.1) > ($1.0, $0.1) }
      var seen = Set<Int64>()
      return ranked.compactMap { seen.insert($0.1).inserted ? $0.1 : nil }.prefix(count).map { $0 }
    }
  }

  public init(
    model: LearnedModel, codebook: Codebook, neighbours: NeighbourIndex? = nil,
    maxElements: Int? = 2
  ) {
    self.model = model
    self.codebook = codebook
    self.neighbours = neighbours
    self.maxElements = maxElements
  }

  /// The codings of some units (one document's, in order).
  public func code(_ units: [CodingUnit], features: Matrix) -> [Coding] {
    guard !units.isEmpty else { return [] }
    let probabilities = limited(model.elementProbabilities(features))
    var codeProbabilities: [String: [Float]] = [:]
    for label in model.codes {
      codeProbabilities[label.label] = label.model.probabilities(features)
    }
    let version = model.version
    var codings: [Coding] = []
    for (elementIndex, element) in Element.allCases.enumerated() {
      guard let classifier = model.element(element) else { continue }
      let candidates = codebook.codes.filter { $0.element == element && $0.parentID != nil }.map(
        \.id)
      let fallback = codebook.elementCode(element)?.id
      var start = 0
      while start < units.count {
        guard probabilities[start][elementIndex] >= classifier.threshold else {
          start += 1
          continue
        }
        var end = start + 1
        while end < units.count, units[end].passageID == units[start].passageID,
          probabilities[end][elementIndex] >= classifier.threshold
        {
          end += 1
        }
        let run = start..<end
        if let code = chooseCode(
          run: run, units: units, candidates: candidates, fallback: fallback,
          probabilities: codeProbabilities)
        {
          let score =
            run.reduce(Float(0)) { $0 + probabilities[$1][elementIndex] } / Float(run.count)
          let best =
            run.max { probabilities[$0][elementIndex] < probabilities[$1][elementIndex] } ?? start
          let reason = ModelReason(
            model: version, learnedFrom: model.learnedFrom,
            neighbours: neighbours?.nearest(
              features.row(best).prefix(UnitFeatures.vectorLength), element: element) ?? [],
            rules: Array(run.reduce(into: Set<String>()) { $0.formUnion(units[$1].rules) }).sorted()
          )
          codings.append(
            Coding(
              passageID: units[start].passageID, codeID: code, coder: Coding.modelCoder,
              span: TextSpan(start: units[start].span.start, end: units[end - 1].span.end),
              score: Double(score),
              reason: reason))
        }
        start = end
      }
    }
    return codings.sorted {
      ($0.span.start, $0.span.end, $0.codeID) < ($1.span.start, $1.span.end, $1.codeID)
    }
  }

  /// Each sentence's probabilities with those of the elements beyond the `maxElements` furthest
  /// above their thresholds set to zero (ties go to the earlier element).
  func limited(_ probabilities: [[Float]]) -> [[Float]] {
    guard let maxElements else { return probabilities }
    // An element without a classifier is never coded.
    let thresholds = Element.allCases.map { model.element($0)?.threshold ?? .infinity }
    return probabilities.map { row in
      let above = row.indices.filter { row[$0] >= thresholds[$0] }
      guard above.count > maxElements else { return row }
      let kept = Set(
        above.sorted { (row[$0] - thresholds[$0], $1) > (row[$1] - thresholds[$1], $0) }.prefix(
          maxElements))
      var result = row
      for k in above where !kept.contains(k) { result[k] = 0 }
      return result
    }
  }

  /// The code for a run of sentences coded with an element.
  func chooseCode(
    run: Range<Int>, units: [CodingUnit], candidates: [String], fallback: String?,
    probabilities: [String: [Float]]
  ) -> String? {
    var best: (score: Float, code: String)?
    for code in candidates {
      guard let values = probabilities[code], let label = model.code(code) else { continue }
      let mean = run.reduce(Float(0)) { $0 + values[$1] } / Float(run.count)
      if mean >= label.threshold, mean > best?.score ?? -1 { best = (mean, code) }
    }
    if let best { return best.code }
    // The rules' most frequent code of this element in the run (the first in codebook order on a tie).
    var counts: [String: Int] = [:]
    for index in run {
      for code in units[index].ruleCodes where candidates.contains(code) {
        counts[code, default: 0] += 1
      }
    }
    var top: (count: Int, code: String)?
    for code in candidates {
      if let count = counts[code], count > top?.count ?? 0 { top = (count, code) }
    }
    return top?.code ?? fallback ?? candidates.first
  }
}
