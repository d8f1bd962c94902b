@testable import QDACoding
import QDAModel
import QDANumerics
import Testing

/// How a coder's codings become training examples, and what a model learned from a few of them
/// keeps of its prior.
@Suite struct LearnedTrainingTests {
  static let codebook = Codebook(
    name: "t", version: "1",
    codes: [
      Code(id: "subject", name: "Subject", element: .subject),
      Code(id: "subject.feelings", name: "Feelings", element: .subject, parentID: "subject"),
    ])

  /// Documents of three answers each: two of three sentences in which the coder coded the middle
  /// one as Subject and left the two beside it uncoded, though all three read alike (feature 0);
  /// and one answer of small talk (feature 0 off) the coder coded nothing in. Feature 1 is noise.
  static func set(documents: [String]) -> TrainingSet {
    var units: [CodingUnit] = []
    var rows: [[Float]] = []
    var codings: [Coding] = []
    var passage: Int64 = 0
    for (documentIndex, document) in documents.enumerated() {
      for answer in 0..<3 {
        passage += 1
        let smallTalk = answer == 2
        for sentence in 0..<(smallTalk ? 1 : 3) {
          let span = TextSpan(start: answer * 1000 + sentence * 100, end: answer * 1000 + sentence * 100 + 80)
          units.append(CodingUnit(passageID: passage, document: document, span: span, text: "s"))
          rows.append([smallTalk ? 0 : 1, Float((sentence + answer + documentIndex) % 2)])
          if !smallTalk && sentence == 1 {
            codings.append(Coding(passageID: passage, codeID: "subject.feelings", coder: "ana", span: span))
          }
        }
      }
    }
    return TrainingSet(units: units, features: Matrix(rows: rows, columns: 2), codings: codings, codebook: codebook)
  }

  @Test func uncodedSentencesBesideCodedOnesWeighLess() {
    let set = Self.set(documents: ["A"])
    // Answer 1: uncoded, coded, uncoded; answer 2 the same; answer 3 small talk.
    #expect(set.elements.map { $0.contains(.subject) } == [false, true, false, false, true, false, false])
    #expect(set.codes[1] == ["subject.feelings", "subject"])
    let light = TrainingSet.uncodedWeight
    #expect(light < 1)
    #expect(set.weights == [light, 1, light, light, 1, light, 1])
    #expect(set.restricted(to: ["A"]).weights == set.weights)
  }

  /// Two uncoded sentences beside every coded one that reads the same: at full weight they
  /// outvote it (the model would code none of such sentences); as weak evidence they do not.
  @Test func aSentenceLikeTheCodedOnesIsCodedThoughItsNeighboursWereNot() {
    let set = Self.set(documents: ["A", "B"])
    var options = LearnedModel.TrainingOptions()
    options.lambda = 0.01
    let model = LearnedModel.train(
      set, prior: nil, name: "t", learnedFrom: "ana", encoder: "e", codebook: Self.codebook, options: options)
    let subject = model.elements.first { $0.label == Element.subject.rawValue }!
    let probability = subject.model.probability([1, 0.5])
    #expect(probability > 0.7)
    #expect(probability >= subject.threshold)
    #expect(subject.model.probability([0, 0.5]) < 0.1)
  }

  /// A model learned from fewer documents than cross-validation needs keeps the thresholds of
  /// the prior it was pulled toward (chosen on many sentences), not 0.5.
  @Test func fewDocumentsKeepThePriorsThresholds() {
    let set = Self.set(documents: ["A", "B"])
    let flat = LogisticRegression(weights: [0, 0], bias: 0)
    let prior = LearnedModel(
      name: "prior", learnedFrom: "reference", encoder: "e", documents: ["R1"], sentences: 100,
      elements: Element.allCases.map { LearnedModel.Label(label: $0.rawValue, model: flat, threshold: 0.6, positives: 10) },
      codes: [LearnedModel.Label(label: "subject.feelings", model: flat, threshold: 0.65, positives: 10)])
    let model = LearnedModel.train(
      set, prior: prior, name: "t", learnedFrom: "ana", encoder: "e", codebook: Self.codebook)
    #expect(model.elements.map(\.threshold) == [Float](repeating: 0.6, count: Element.allCases.count))
    #expect(model.code("subject.feelings")?.threshold == 0.65)
    let withoutPrior = LearnedModel.train(
      set, prior: nil, name: "t", learnedFrom: "ana", encoder: "e", codebook: Self.codebook)
    #expect(withoutPrior.elements.allSatisfy { $0.threshold == 0.5 })
  }

  /// From three documents on, cross-validation moves a prior's threshold by as much as it would
  /// move 0.5.
  @Test func crossValidationMovesThePriorsThreshold() {
    let set = Self.set(documents: ["A", "B", "C"])
    let flat = LogisticRegression(weights: [0, 0], bias: 0)
    let prior = LearnedModel(
      name: "prior", learnedFrom: "reference", encoder: "e", documents: ["R1"], sentences: 100,
      elements: Element.allCases.map { LearnedModel.Label(label: $0.rawValue, model: flat, threshold: 0.6, positives: 10) },
      codes: [])
    let withPrior = LearnedModel.train(
      set, prior: prior, name: "t", learnedFrom: "ana", encoder: "e", codebook: Self.codebook)
    let alone = LearnedModel.train(set, prior: nil, name: "t", learnedFrom: "ana", encoder: "e", codebook: Self.codebook)
    for (a, b) in zip(withPrior.elements, alone.elements) {
      #expect(abs((a.threshold - 0.6) - (b.threshold - 0.5)) < 0.051)
    }
  }
}
