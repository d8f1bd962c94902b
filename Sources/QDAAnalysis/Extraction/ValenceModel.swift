public import Foundation
public import QDANumerics

/// How a participant judged something: well, poorly, both, or not at all.
public enum Valence: String, Hashable, Sendable, Codable, CaseIterable {
  case positive, negative, mixed, none

  /// From whether anything was said well and anything poorly.
  public init(positive: Bool, negative: Bool) {
    self = positive ? (negative ? .mixed : .positive) : (negative ? .negative : .none)
  }

  /// The valence of sentences that speak as they do.
  public init(_ polarities: [Polarity]) {
    self.init(positive: polarities.contains(.positive), negative: polarities.contains(.negative))
  }

  /// As the tables and the JSON export write it: `none` is "neither".
  public var word: String { self == .none ? "neither" : rawValue }

  /// From `positive`, `negative`, `mixed`, and `none` or `neither`.
  public init?(word: String) {
    guard let valence = word == Valence.none.word ? Valence.none : Valence(rawValue: word) else {
      return nil
    }
    self = valence
  }
}

/// One sentence's judgment, as a reader labels it for training.
public enum Polarity: String, Hashable, Sendable, Codable, CaseIterable {
  case positive, negative, neutral
}

/// Reads whether feedback on a programme's platform or content is positive, negative or mixed,
/// from the sentence encoder's vectors of its sentences: two logistic regressions (does this
/// sentence speak well of it? poorly?) learned from labelled sentences, and a threshold on their
/// probabilities. A sentence speaks well when it is likelier than `threshold` to and likelier to
/// speak well than poorly (and the other way round: one sentence speaks one way). A participant's
/// words are positive when a sentence speaks well and none poorly, mixed when both happen — as a
/// reader labels feedback: one clear criticism beside praise makes it mixed.
///
/// Feedback is often judged through what happened ("I had to call the help desk three times")
/// rather than evaluative words, which is why it is learned from vectors and not read from a word
/// list (a tuned lexicon read a held-out set no better than always saying "positive";
/// `Benchmarks/valence`).
///
/// ```swift
/// let model = try ValenceModel.decode(data, file: "chat.valence.json")
/// model.valence(of: vectors)   // .mixed
/// ```
public struct ValenceModel: Hashable, Sendable, Codable {
  /// Does a sentence speak well of the platform or content?
  public var positive: LogisticRegression
  /// Does it speak poorly of it?
  public var negative: LogisticRegression
  /// A sentence counts when its probability exceeds this.
  public var threshold: Float
  /// The sentence encoder's fingerprint (`SentenceEncoder.fingerprint`): vectors of another
  /// model mean nothing to these weights.
  public var encoder: String
  /// Labelled sentences learned from, by polarity.
  public var examples: [String: Int]
  /// Where they came from, as the command that made the model was given them.
  public var source: String
  /// The file's kind, so a codebook that names another JSON file by mistake is told so.
  public var format = Self.format

  public static let format = "qdakit-valence-1"

  public init(
    positive: LogisticRegression, negative: LogisticRegression, threshold: Float, encoder: String,
    examples: [String: Int], source: String
  ) {
    self.positive = positive
    self.negative = negative
    self.threshold = threshold
    self.encoder = encoder
    self.examples = examples
    self.source = source
  }

  /// Each sentence's probabilities of speaking well and poorly of its subject.
  public func probabilities(_ vectors: [[Float]]) -> [(positive: Float, negative: Float)] {
    vectors.map { (positive.probability($0), negative.probability($0)) }
  }

  /// The valence of one person's sentences about one thing.
  public func valence(of vectors: [[Float]]) -> Valence {
    valence(probabilities(vectors))
  }

  /// The valence given the sentences' probabilities.
  public func valence(_ probabilities: [(positive: Float, negative: Float)]) -> Valence {
    Valence(probabilities.map(polarity))
  }

  /// How one sentence speaks, given its probabilities.
  public func polarity(_ probability: (positive: Float, negative: Float)) -> Polarity {
    Self.polarity(probability, threshold: threshold)
  }

  static func polarity(_ probability: (positive: Float, negative: Float), threshold: Float)
    -> Polarity
  {
    if probability.positive > threshold, probability.positive >= probability.negative {
      return .positive
    }
    if probability.negative > threshold, probability.negative > probability.positive {
      return .negative
    }
    return .neutral
  }

  // MARK: - Learning

  /// A labelled answer: its sentences' vectors and each sentence's polarity.
  public struct Example: Sendable {
    public var vectors: [[Float]]
    public var polarities: [Polarity]
    public init(vectors: [[Float]], polarities: [Polarity]) {
      precondition(vectors.count == polarities.count, "one polarity per sentence")
      self.vectors = vectors
      self.polarities = polarities
    }
    /// The answer's valence as its sentences' labels give it.
    public var valence: Valence { Valence(polarities) }
  }

  /// The thresholds training chooses among.
  public static let thresholds: [Float] = [0.5, 0.55, 0.6, 0.65, 0.7]
  /// Folds of the cross-validation that chooses it.
  public static let folds = 5

  /// Learns from labelled answers. The threshold is chosen by cross-validation over the
  /// answers (`folds` folds, answer `i` in fold `i % folds`): the one that reads the most
  /// held-out answers' valence right (the lowest of a tie).
  ///
  /// - Parameter lambda: the L2 penalty (scikit-learn's 1/C).
  public static func train(
    _ examples: [Example], encoder: String, source: String, lambda: Double = 1
  ) -> ValenceModel {
    func fit(_ rows: [Int]) -> (LogisticRegression, LogisticRegression) {
      let vectors = rows.flatMap { examples[$0].vectors }
      let polarities = rows.flatMap { examples[$0].polarities }
      let features = Matrix(rows: vectors, columns: vectors.first?.count ?? 0)
      let options = LogisticRegression.Options(lambda: lambda)
      return (
        LogisticRegression.fit(
          features, labels: polarities.map { $0 == .positive }, options: options),
        LogisticRegression.fit(
          features, labels: polarities.map { $0 == .negative }, options: options)
      )
    }
    var right = [Int](repeating: 0, count: thresholds.count)
    if examples.count >= folds * 2 {
      for fold in 0..<folds {
        let (positive, negative) = fit(examples.indices.filter { $0 % folds != fold })
        for index in examples.indices where index % folds == fold {
          let example = examples[index]
          let probabilities = example.vectors.map {
            (positive: positive.probability($0), negative: negative.probability($0))
          }
          for (position, threshold) in thresholds.enumerated()
          where Valence(probabilities.map { polarity($0, threshold: threshold) }) == example.valence
          {
            right[position] += 1
          }
        }
      }
    }
    let chosen =
      right.indices.max { right[$0] < right[$1] || (right[$0] == right[$1] && $0 > $1) } ?? 0
    let (positive, negative) = fit(Array(examples.indices))
    var counts: [String: Int] = [:]
    for polarity in examples.flatMap(\.polarities) { counts[polarity.rawValue, default: 0] += 1 }
    return ValenceModel(
      positive: positive, negative: negative, threshold: thresholds[chosen], encoder: encoder,
      examples: counts, source: source)
  }

  // MARK: - File

  /// Reads a model file, naming the file in the error.
  public static func decode(_ data: Data, file: String) throws -> ValenceModel {
    let model: ValenceModel
    do {
      model = try JSONDecoder().decode(ValenceModel.self, from: data)
    } catch {
      throw ValenceModelError("\(file): not a valence model (\(Self.describe(error)))")
    }
    guard model.format == format else {
      throw ValenceModelError("\(file): a model of format '\(model.format)', not '\(format)'")
    }
    let width = model.positive.weights.count
    guard width > 0, model.negative.weights.count == width else {
      throw ValenceModelError(
        "\(file): the positive and negative weights differ in length (\(width), \(model.negative.weights.count))"
      )
    }
    guard (0...1).contains(model.threshold) else {
      throw ValenceModelError("\(file): the threshold \(model.threshold) is not a probability")
    }
    return model
  }

  /// The model as the file `qda learn valence` writes: keys sorted, so the same data give the
  /// same bytes.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)) ?? Data()
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "no '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context): context.debugDescription
    default: "\(error)"
    }
  }
}

/// A valence model file that cannot be used.
public struct ValenceModelError: Error, CustomStringConvertible, Sendable, Equatable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
