import Foundation
@testable import QDACoding
import QDAModel
import QDANumerics
import Testing

/// The tension model on features made to show what it learns: which sentences are tense, and
/// which two elements a tense sentence sets against each other.
@Suite struct TensionModelTests {
  /// Four documents of six one-sentence passages; the fourth sentence of each is tense. In A and
  /// B the tension is rules against division of labor (feature 1), in C and D object against
  /// community (feature 2). Feature 0 marks tension; feature 3 is noise.
  static func trainingSet() -> (TrainingSet, Matrix, [TensionModel.Example]) {
    var units: [CodingUnit] = []
    var rows: [[Float]] = []
    var examples: [TensionModel.Example] = []
    var passage: Int64 = 0
    for (documentIndex, document) in ["A", "B", "C", "D"].enumerated() {
      for sentence in 0..<6 {
        passage += 1
        let span = TextSpan(start: sentence * 100, end: sentence * 100 + 50)
        units.append(CodingUnit(passageID: passage, document: document, span: span, text: "sentence \(sentence)"))
        let tense = sentence == 3
        let rulesSide = tense && documentIndex < 2
        let objectSide = tense && documentIndex >= 2
        rows.append([tense ? 1 : 0, rulesSide ? 1 : 0, objectSide ? 1 : 0, Float((sentence * 7 + documentIndex) % 3) / 2])
        if tense {
          examples.append(
            TensionModel.Example(
              document: document, span: TextSpan(start: span.start + 10, end: span.end - 10),
              elements: rulesSide ? (.rules, .divisionOfLabor) : (.object, .community)))
        }
      }
    }
    let features = Matrix(rows: rows, columns: 4)
    let set = TrainingSet(units: units, features: features, codings: [], codebook: Codebook(name: "t", version: "1", codes: []))
    return (set, features, examples)
  }

  @Test func itLearnsWhereTensionsAreAndBetweenWhichElements() throws {
    let (set, features, examples) = Self.trainingSet()
    let model = try #require(TensionModel.train(set, features: features, contradictions: examples, lambda: 0.1))
    #expect(model.contradictions == 4)
    #expect(model.perDocument == 1)
    #expect(model.pairs == ["division_of_labor|rules": 2, "community|object": 2])
    #expect(model.tension.positives == 4)
    #expect(model.sides.map(\.label) == Element.allCases.map(\.rawValue))

    // A new interview: the tense sentence is the third, on the object/community side.
    let units = (0..<5).map { CodingUnit(passageID: Int64(100 + $0), document: "E", span: TextSpan(start: $0 * 10, end: $0 * 10 + 5), text: "s") }
    let rows: [[Float]] = [[0, 0, 0, 0.5], [0, 0, 0, 0], [1, 0, 1, 0.5], [0, 0, 0, 1], [0, 0, 0, 0]]
    let candidates = model.candidates(units, features: Matrix(rows: rows, columns: 4))
    #expect(candidates.count == 1)
    let first = try #require(candidates.first)
    #expect(first.unit == 2)
    #expect(first.score > 0.5)
    #expect(first.pair == (.object, .community))
    // The other kind of tension gets the other pair.
    #expect(model.pair(model.probabilities(Matrix(rows: [[1, 1, 0, 0]], columns: 4)).sides[0]) == (.rules, .divisionOfLabor))
  }

  @Test func oneCandidatePerPassageAndNoneWithoutExamples() throws {
    let (set, features, examples) = Self.trainingSet()
    var model = try #require(TensionModel.train(set, features: features, contradictions: examples, lambda: 0.1))
    model.perDocument = 2
    // Two tense sentences in one passage, a weaker one in another: one from each passage.
    let units = [
      CodingUnit(passageID: 1, document: "E", span: TextSpan(start: 0, end: 5), text: "a"),
      CodingUnit(passageID: 1, document: "E", span: TextSpan(start: 6, end: 9), text: "b"),
      CodingUnit(passageID: 2, document: "E", span: TextSpan(start: 10, end: 15), text: "c"),
    ]
    let candidates = model.candidates(units, features: Matrix(rows: [[1, 1, 0, 0], [1, 1, 0, 0], [0.6, 0, 1, 0]], columns: 4))
    #expect(candidates.map(\.unit) == [0, 2])
    #expect(TensionModel.train(set, features: features, contradictions: []) == nil)
  }

  @Test func markersAreWholeWordsPrefixesAndPhrases() {
    let torn = TensionFeatures.flags("I felt torn, honestly, and frustrated on the other hand.")
    let plain = TensionFeatures.flags("The butter was on the table by the hand towel.")
    // More markers in the first; the second has none ("butter" is not "but").
    #expect(torn.prefix(torn.count - 4).filter { $0 == 1 }.count >= 5)
    #expect(plain.prefix(plain.count - 4).allSatisfy { $0 == 0 })
    #expect(TensionFeatures.flags("Why?")[torn.count - 4] == 1)
  }

  @Test func aModelWhoseTensionWeightsDoNotFitIsRefused() throws {
    let (set, features, examples) = Self.trainingSet()
    let tension = try #require(TensionModel.train(set, features: features, contradictions: examples))
    let label = LearnedModel.Label(
      label: "subject", model: LogisticRegression(weights: [Float](repeating: 0, count: UnitFeatures.count), bias: 0),
      threshold: 0.5, positives: 1)
    var model = LearnedModel(
      name: "t", learnedFrom: "t", encoder: "e", documents: [], sentences: 0, elements: [label], codes: [])
    model.tension = tension
    #expect {
      try LearnedModel.decode(model.encoded(), file: "m.json")
    } throws: { String(describing: $0).contains("m.json: tension label tension has 4 weights") }
  }
}
