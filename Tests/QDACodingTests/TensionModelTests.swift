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
  /// (With `documents`, more of them: the first half rules against division of labor, the
  /// others object against community, so folds dealt in turn hold one of each and train on as
  /// many of each. The first kind is recorded as a dilemma, the second as a conflict.)
  static func trainingSet(documents: [String] = ["A", "B", "C", "D"]) -> (TrainingSet, Matrix, [TensionModel.Example]) {
    var units: [CodingUnit] = []
    var rows: [[Float]] = []
    var examples: [TensionModel.Example] = []
    var passage: Int64 = 0
    for (documentIndex, document) in documents.enumerated() {
      let rulesKind = documentIndex < documents.count / 2
      for sentence in 0..<6 {
        passage += 1
        let span = TextSpan(start: sentence * 100, end: sentence * 100 + 50)
        units.append(CodingUnit(passageID: passage, document: document, span: span, text: "sentence \(sentence)"))
        let tense = sentence == 3
        let rulesSide = tense && rulesKind
        let objectSide = tense && !rulesKind
        rows.append([tense ? 1 : 0, rulesSide ? 1 : 0, objectSide ? 1 : 0, Float((sentence * 7 + documentIndex) % 3) / 2])
        if tense {
          examples.append(
            TensionModel.Example(
              document: document, span: TextSpan(start: span.start + 10, end: span.end - 10),
              elements: rulesSide ? (.rules, .divisionOfLabor) : (.object, .community), kind: rulesSide ? .dilemma : .conflict))
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
    let candidates = model.candidates(units, features: Matrix(rows: rows, columns: 4), probabilities: [])
    #expect(candidates.count == 1)
    let first = try #require(candidates.first)
    #expect(first.unit == 2)
    #expect(first.score > 0.5)
    #expect(first.pair == (.object, .community))
    #expect(first.kind == .conflict)
    // The other kind of tension gets the other pair, and the other manifestation.
    let other = Matrix(rows: [[1, 1, 0, 0]], columns: 4)
    #expect(model.pair(sides: model.probabilities(other).sides[0], own: [], beside: []) == (.rules, .divisionOfLabor))
    #expect(model.kinds(other) == [.dilemma])
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
    let candidates = model.candidates(
      units, features: Matrix(rows: [[1, 1, 0, 0], [1, 1, 0, 0], [0.6, 0, 1, 0]], columns: 4), probabilities: [])
    #expect(candidates.map(\.unit) == [0, 2])
    #expect(TensionModel.train(set, features: features, contradictions: []) == nil)
  }

  @Test func aTensionSaidOverTwoSentencesOutranksOneAlone() {
    // Passage 1: a lone sentence a little more tense; passage 2: two tense sentences together.
    let units = [
      CodingUnit(passageID: 1, document: "E", span: TextSpan(start: 0, end: 5), text: "a"),
      CodingUnit(passageID: 1, document: "E", span: TextSpan(start: 6, end: 9), text: "b"),
      CodingUnit(passageID: 2, document: "E", span: TextSpan(start: 10, end: 15), text: "c"),
      CodingUnit(passageID: 2, document: "E", span: TextSpan(start: 16, end: 20), text: "d"),
      // A neighbour in another passage does not count.
      CodingUnit(passageID: 3, document: "E", span: TextSpan(start: 21, end: 25), text: "e"),
    ]
    let rank = TensionModel.ranking(units, tension: [0.8, 0.1, 0.7, 0.6, 0.9])
    #expect(rank[2] > rank[0])
    #expect(abs(rank[4] - 0.9) < 0.0001)
  }

  /// A marker is worth the share of tense sentences among the training sentences that hold
  /// it, pulled toward the share among all; a sentence with a marker that was often tense in
  /// training outranks a plain one the classifier barely prefers.
  @Test func markersOftenTenseInTrainingRaiseASentence() throws {
    // Ten sentences, two tense: both say "on the other hand"; "but" is in one tense and three
    // plain ones.
    let texts = [
      "On the other hand, nobody had time.", "On the other hand, it was mine, but late.", "It went well, but slowly.",
      "We met, but rarely.", "But it was fine.", "The forms were online.", "I liked it.", "It took a year.",
      "We had a coach.", "It was useful.",
    ]
    let tense = [true, true] + [Bool](repeating: false, count: 8)
    let (rates, base) = TensionModel.markerRates(texts, tense: tense)
    #expect(abs(base - 0.2) < 1e-6)
    let other = try #require(TensionFeatures.markers.firstIndex(of: "on the other hand"))
    let but = try #require(TensionFeatures.markers.firstIndex(of: "but"))
    // (2 + 5 × 0.2) / (2 + 5) and (1 + 5 × 0.2) / (4 + 5).
    #expect(abs(rates[other] - 3.0 / 7) < 1e-6)
    #expect(abs(rates[but] - 2.0 / 9) < 1e-6)
    // A marker no training sentence held is worth the base share.
    let torn = try #require(TensionFeatures.markers.firstIndex(of: "torn"))
    #expect(abs(rates[torn] - base) < 1e-6)

    let (set, features, examples) = Self.trainingSet()
    var model = try #require(TensionModel.train(set, features: features, contradictions: examples, lambda: 0.1))
    model.markerRates = rates
    model.baseRate = base
    let candidates = ["It was a lot of reading.", "On the other hand, I was alone.", "I felt torn."]
    let raised = model.withMarkers([0.6, 0.55, 0.55], texts: candidates)
    // log-odds + 1.5 × log(rate / base): 0.55 with a rate of 3/7 against 1/5 comes to about 0.79.
    #expect(raised[1] > raised[0])
    #expect(abs(raised[1] - 0.7931) < 0.001)
    // No marker, or one no more often tense than any sentence: unchanged.
    #expect(abs(raised[0] - 0.6) < 1e-6 && abs(raised[2] - 0.55) < 1e-6)
    // A model made before markers were counted ranks by its classifier alone.
    model.markerRates = nil
    #expect(model.withMarkers([0.6, 0.55, 0.55], texts: candidates) == [0.6, 0.55, 0.55])
  }

  @Test func thePairIsWhatTheWordsOnEachSideAreCodedWith() throws {
    let (set, features, examples) = Self.trainingSet()
    let model = try #require(TensionModel.train(set, features: features, contradictions: examples, lambda: 0.1))
    // Sides the classifiers cannot tell apart: the coder's element probabilities decide. Rules
    // on the sentence and division of labor on the one beside it…
    let even = [Float](repeating: 0.5, count: Element.allCases.count)
    func probabilities(_ pairs: [Element: Float]) -> [Float] { Element.allCases.map { pairs[$0] ?? 0.05 } }
    #expect(
      model.pair(sides: even, own: probabilities([.rules: 0.9]), beside: probabilities([.divisionOfLabor: 0.8]))
        == (.rules, .divisionOfLabor))
    // …or both on the sentence itself, whatever is beside it.
    #expect(
      model.pair(sides: even, own: probabilities([.object: 0.9, .community: 0.7]), beside: probabilities([.rules: 0.6]))
        == (.object, .community))
    // A side the classifiers rule out is not chosen however the words are coded.
    var noRules = even
    noRules[Element.allCases.firstIndex(of: .rules)!] = 0
    #expect(
      model.pair(sides: noRules, own: probabilities([.rules: 0.95, .toolsAndSigns: 0.6]), beside: probabilities([.community: 0.5]))
        == (.toolsAndSigns, .community))
  }

  /// Evidence that barely prefers a pair the training never recorded loses to a pair it
  /// recorded often; with no recorded pairs the evidence alone decides.
  @Test func aCommonPairWinsOverARareOneTheEvidenceBarelyPrefers() throws {
    let (set, features, examples) = Self.trainingSet()
    var model = try #require(TensionModel.train(set, features: features, contradictions: examples, lambda: 0.1))
    func values(_ pairs: [Element: Float], otherwise: Float) -> [Float] { Element.allCases.map { pairs[$0] ?? otherwise } }
    let sides = values([.object: 0.6, .community: 0.6, .rules: 0.5, .divisionOfLabor: 0.5], otherwise: 0.1)
    let coded = values([:], otherwise: 0.5)
    model.pairs = ["division_of_labor|rules": 30]
    #expect(model.pair(sides: sides, own: coded, beside: coded) == (.rules, .divisionOfLabor))
    model.pairs = [:]
    #expect(model.pair(sides: sides, own: coded, beside: coded) == (.object, .community))
  }

  @Test func theSentencesBesideAUnitAreInTheSameAnswer() {
    let units = [
      CodingUnit(passageID: 1, document: "A", span: TextSpan(start: 0, end: 5), text: "a", context: "Q1"),
      CodingUnit(passageID: 1, document: "A", span: TextSpan(start: 6, end: 9), text: "b", context: "Q1"),
      CodingUnit(passageID: 2, document: "A", span: TextSpan(start: 20, end: 25), text: "c", context: "Q2"),
      CodingUnit(passageID: 3, document: "B", span: TextSpan(start: 0, end: 5), text: "d", context: "Q2"),
    ]
    let probabilities: [[Float]] = (0..<4).map { row in (0..<7).map { Float(row * 10 + $0) / 100 } }
    let beside = TensionFeatures.beside(units, probabilities: probabilities)
    #expect(beside[0] == probabilities[1])
    #expect(beside[1] == probabilities[0])
    // Another question, another document: nothing beside.
    #expect(beside[2] == [Float](repeating: 0, count: 7))
    #expect(beside[3] == [Float](repeating: 0, count: 7))
  }

  @Test func oneKindRecordedLearnsNoKindClassifier() throws {
    let (set, features, examples) = Self.trainingSet()
    let dilemmas = examples.map { example -> TensionModel.Example in
      var example = example
      example.kind = .dilemma
      return example
    }
    let model = try #require(TensionModel.train(set, features: features, contradictions: dilemmas, lambda: 0.1))
    #expect(model.kinds == nil)
    #expect(model.kinds(features).allSatisfy { $0 == nil })
  }

  @Test func crossValidationFindsLearnableTensionsInInterviewsItDidNotLearnFrom() {
    let (set, _, examples) = Self.trainingSet(documents: ["A", "B", "C", "D", "E", "F", "G", "H"])
    let codebook = Codebook(name: "t", version: "1", codes: [])
    let evaluation = TensionEvaluation.run(set, contradictions: examples, prior: nil, codebook: codebook, encoder: "e", folds: 4)
    #expect(evaluation.folds == 4 && evaluation.documents == 8)
    #expect(evaluation.recorded == 8)
    #expect(evaluation.found == 8 && evaluation.located == 8)
    #expect(evaluation.detected == 8 && evaluation.rightDetections == 8)
    #expect(evaluation.kindsChecked == 8 && evaluation.kindsRight == 8)
  }

  @Test func markersAreWholeWordsPrefixesAndPhrases() {
    let torn = TensionFeatures.flags("I felt torn, honestly, and frustrated on the other hand.")
    let plain = TensionFeatures.flags("The butter was on the table by the hand towel.")
    // More markers in the first; the second has none ("butter" is not "but").
    let markers = TensionFeatures.markers.count
    #expect(torn.prefix(markers).filter { $0 == 1 }.count >= 5)
    #expect(plain.prefix(markers).allSatisfy { $0 == 0 })
    // After the markers: a question mark, then length and the shares of I, we and they.
    #expect(TensionFeatures.flags("Why?")[markers] == 1)
    let shares = TensionFeatures.flags("We told them they had us.")
    #expect(shares[markers + 3] == 2 / 6 && shares[markers + 4] == 2 / 6)
    #expect(shares[TensionFeatures.markers.firstIndex(of: "told")!] == 1)
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

  @Test func markerRatesThatDoNotFitAreRefused() throws {
    let (set, features, examples) = Self.trainingSet()
    var tension = try #require(TensionModel.train(set, features: features, contradictions: examples))
    // Weights the size the decoder expects, so only the rates are wrong.
    let fitting = LogisticRegression(weights: [Float](repeating: 0, count: TensionFeatures.count), bias: 0)
    tension.tension.model = fitting
    tension.sides = tension.sides.map { var side = $0; side.model = fitting; return side }
    tension.kinds = nil
    let label = LearnedModel.Label(
      label: "subject", model: LogisticRegression(weights: [Float](repeating: 0, count: UnitFeatures.count), bias: 0),
      threshold: 0.5, positives: 1)
    var model = LearnedModel(name: "t", learnedFrom: "t", encoder: "e", documents: [], sentences: 0, elements: [label], codes: [])
    model.tension = tension
    #expect(throws: Never.self) { try LearnedModel.decode(model.encoded(), file: "m.json") }
    model.tension?.markerRates = [0.5, 0.5]
    #expect {
      try LearnedModel.decode(model.encoded(), file: "m.json")
    } throws: { String(describing: $0).contains("m.json: the tension model has 2 marker rates, expected \(TensionFeatures.markers.count)") }
    model.tension?.markerRates = [Float](repeating: 0.1, count: TensionFeatures.markers.count)
    model.tension?.baseRate = 0
    #expect {
      try LearnedModel.decode(model.encoded(), file: "m.json")
    } throws: { String(describing: $0).contains("base rate between 0 and 1") }
  }
}
