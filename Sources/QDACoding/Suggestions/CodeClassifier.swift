import Foundation
import QDAText

/// A passage as the classifier sees it: its words, plus facts about it that are not words (the
/// protocol question it answers, the rules that fired on it), and the codes a coder gave it.
public struct ClassifiedPassage: Hashable, Sendable {
  public var text: String
  /// Extra features, such as `question:Q3` or `rule:rules.time`.
  public var facts: [String]
  /// The codes the coder applied (empty for passages to classify).
  public var codes: Set<String>
  /// The document it belongs to, for cross-validation folds.
  public var document: String

  public init(text: String, facts: [String] = [], codes: Set<String> = [], document: String = "") {
    self.text = text
    self.facts = facts
    self.codes = codes
    self.document = document
  }
}

/// Suggests codes for passages from what one coder did: one logistic-regression model per code,
/// over stemmed words, stemmed word pairs and the passage's facts, trained on the passages the
/// coder reviewed. Runs locally and deterministically (no network, no randomness).
///
/// Each model is trained by full-batch gradient descent on the log loss with L2 regularisation;
/// positives are weighted by negatives/positives so a code a coder uses on 1 passage in 20
/// is not drowned out. A code needs ``Options/minimumPositives`` examples to get a model.
///
/// ```swift
/// let classifier = CodeClassifier(training: coded)
/// classifier.scores(for: ClassifiedPassage(text: "It took about 20 hours."))
/// // [("rules.time", 0.91), …]
/// ```
public struct CodeClassifier: Sendable {
  /// Training settings.
  public struct Options: Hashable, Sendable {
    /// The fewest passages a code must have been applied to for a model to be trained.
    public var minimumPositives = 2
    /// Gradient-descent steps.
    public var iterations = 300
    /// Step size.
    public var learningRate = 10.0
    /// L2 penalty per weight.
    public var regularization = 0.0001
    /// Positives are weighted by (negatives/positives) to this power: 0 leaves rare codes
    /// rare, 1 balances them fully.
    public var balance = 1.0

    public init() {}
  }

  /// The codes that have a model, sorted.
  public let codes: [String]
  let vocabulary: [String: Int]
  /// `weights[code][feature]`, with the bias last.
  let weights: [[Double]]

  /// Trains one model per code on the coder's passages.
  ///
  /// - Parameters:
  ///   - training: the passages the coder reviewed, with the codes they applied (none is a
  ///     valid answer).
  ///   - options: training settings.
  public init(training: [ClassifiedPassage], options: Options = Options()) {
    var vocabulary: [String: Int] = [:]
    let vectors = training.map { Self.features($0, vocabulary: &vocabulary, grow: true) }
    var counts: [String: Int] = [:]
    for passage in training { for code in passage.codes { counts[code, default: 0] += 1 } }
    let codes = counts.filter { $0.value >= options.minimumPositives }.keys.sorted()
    self.codes = codes
    self.vocabulary = vocabulary
    weights = codes.map { code in
      Self.train(
        vectors, labels: training.map { $0.codes.contains(code) }, dimension: vocabulary.count,
        options: options)
    }
  }

  /// Every code's probability for a passage, highest first.
  public func scores(for passage: ClassifiedPassage) -> [(code: String, score: Double)] {
    var vocabulary = self.vocabulary
    let vector = Self.features(passage, vocabulary: &vocabulary, grow: false)
    return zip(codes, weights).map { code, weights in (code, Self.probability(vector, weights)) }
      .sorted { ($0.score, $1.code) > ($1.score, $0.code) }
  }

  // MARK: - Features

  /// A sparse, L2-normalised binary vector: feature index and value.
  typealias Vector = [(index: Int, value: Double)]

  static func features(_ passage: ClassifiedPassage, vocabulary: inout [String: Int], grow: Bool)
    -> Vector
  {
    var names = Set<String>()
    var previous: String?
    for token in Tokenizer.tokens(in: passage.text, punctuation: true) {
      guard token.isWord else {
        if token.kind == .number { names.insert("#number") }
        previous = nil
        continue
      }
      let word = Tokenizer.normalize(token.text)
      if stopWords.contains(word) {
        previous = nil
        continue
      }
      let stem = PorterStemmer.stem(word)
      names.insert(stem)
      if let previous { names.insert(previous + " " + stem) }
      previous = stem
      if NumberWords.simple(word) != nil { names.insert("#number") }
    }
    for fact in passage.facts { names.insert("@" + fact) }
    var indices: [Int] = []
    for name in names.sorted() {
      if let index = vocabulary[name] {
        indices.append(index)
      } else if grow {
        vocabulary[name] = vocabulary.count
        indices.append(vocabulary.count - 1)
      }
    }
    guard !indices.isEmpty else { return [] }
    let value = 1 / Double(indices.count).squareRoot()
    return indices.sorted().map { ($0, value) }
  }

  /// Function words that say nothing about a code. Negations stay: "not motivating" differs.
  static let stopWords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "that", "this",
    "these", "those", "there", "so", "if", "then", "than", "just", "um", "uh", "like", "you",
    "i", "i'm", "me", "my", "we", "our", "they", "them", "their", "he", "she", "his", "her",
    "do", "did", "does", "have", "has", "had", "what", "which", "who", "yeah", "okay", "oh", "well",
  ]

  // MARK: - Training

  static func train(_ vectors: [Vector], labels: [Bool], dimension: Int, options: Options)
    -> [Double]
  {
    var weights = Array(repeating: 0.0, count: dimension + 1)
    let positives = Double(labels.filter { $0 }.count)
    let negatives = Double(labels.count) - positives
    guard positives > 0, !vectors.isEmpty else { return weights }
    let positiveWeight = negatives > 0 ? Foundation.pow(negatives / positives, options.balance) : 1
    let total = positives * positiveWeight + negatives
    var gradient = Array(repeating: 0.0, count: dimension + 1)
    for _ in 0..<options.iterations {
      for index in gradient.indices { gradient[index] = 0 }
      for (vector, label) in zip(vectors, labels) {
        let error = probability(vector, weights) - (label ? 1 : 0)
        let weight = label ? positiveWeight : 1
        for (index, value) in vector { gradient[index] += weight * error * value }
        gradient[dimension] += weight * error
      }
      for index in 0..<dimension {
        weights[index] -=
          options.learningRate * (gradient[index] / total + options.regularization * weights[index])
      }
      weights[dimension] -= options.learningRate * gradient[dimension] / total
    }
    return weights
  }

  static func probability(_ vector: Vector, _ weights: [Double]) -> Double {
    var sum = weights[weights.count - 1]
    for (index, value) in vector { sum += weights[index] * value }
    return 1 / (1 + Foundation.exp(-Swift.min(Swift.max(sum, -40), 40)))
  }
}
