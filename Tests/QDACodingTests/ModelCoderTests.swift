import QDACoding
import QDAModel
import QDANumerics
import Testing

/// How the learned coder turns element probabilities into codings.
@Suite struct ModelCoderTests {
  static let codebook = Codebook(
    name: "t", version: "1", codes: Element.allCases.map { Code(id: $0.rawValue, name: $0.name, element: $0) })

  /// A model whose element k has probability sigmoid(feature k), with the given thresholds.
  static func model(thresholds: [Element: Float] = [:]) -> LearnedModel {
    let count = Element.allCases.count
    let elements = Element.allCases.enumerated().map { index, element in
      var weights = [Float](repeating: 0, count: count)
      weights[index] = 1
      return LearnedModel.Label(
        label: element.rawValue, model: LogisticRegression(weights: weights, bias: 0),
        threshold: thresholds[element] ?? 0.6, positives: 10)
    }
    return LearnedModel(name: "t", learnedFrom: "ana", encoder: "e", documents: ["A"], sentences: 2, elements: elements, codes: [])
  }

  /// Two sentences of one passage; the first leans to Subject, Object and Outcome (p 0.95, 0.88,
  /// 0.73), the second to Rules alone.
  static func code(_ coder: ModelCoder) -> [[Element]] {
    let units = (0..<2).map { index in
      CodingUnit(passageID: Int64(index + 1), document: "A", span: TextSpan(start: index * 100, end: index * 100 + 80), text: "s")
    }
    var rows = [[Float]](repeating: [Float](repeating: -5, count: Element.allCases.count), count: 2)
    rows[0][0] = 3
    rows[0][1] = 2
    rows[0][2] = 1
    rows[1][3] = 2
    let codings = coder.code(units, features: Matrix(rows: rows, columns: Element.allCases.count))
    return (1...2).map { passage in
      codings.filter { $0.passageID == Int64(passage) }.compactMap { Element(rawValue: $0.codeID) }.sorted { $0.rawValue < $1.rawValue }
    }
  }

  @Test func aSentenceGetsAtMostTwoElementsThoseFurthestAboveTheirThresholds() {
    // All three above 0.6: the two surest stay.
    #expect(Self.code(ModelCoder(model: Self.model(), codebook: Self.codebook)) == [[.object, .subject], [.rules]])
    // Outcome's threshold 0.3: 0.73 is further above it (0.43) than Object's 0.88 above 0.6 (0.28).
    let lowOutcome = Self.model(thresholds: [.outcome: 0.3])
    #expect(Self.code(ModelCoder(model: lowOutcome, codebook: Self.codebook)) == [[.outcome, .subject], [.rules]])
    // Without the limit, every element above its threshold.
    #expect(
      Self.code(ModelCoder(model: Self.model(), codebook: Self.codebook, maxElements: nil))
        == [[.object, .outcome, .subject], [.rules]])
  }
}
