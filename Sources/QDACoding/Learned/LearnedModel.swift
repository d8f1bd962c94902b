public import Foundation
public import QDAModel
public import QDANumerics

/// The learned coder: one logistic regression per CHAT element, and one per code the training
/// data used often enough, over `UnitFeatures`, each with its threshold.
///
/// A model is learned from one coder's codings (`train`), pulled toward a prior: the model
/// QDAKit ships beside its codebook (`Codebooks/chat.prior.json`, learned from the reference
/// corpus in `Corpora/reference`), which codes a study before anyone has coded in it. It is
/// saved as JSON, its weights as base64 float32.
///
/// ```swift
/// let model = try LearnedModel.decode(priorJSON)
/// let probabilities = model.elementProbabilities(UnitFeatures.matrix(units, vector: lookup))
/// ```
public struct LearnedModel: Hashable, Sendable, Codable {
  /// One label's classifier: an element's raw value or a code's id.
  public struct Label: Hashable, Sendable, Codable {
    public var label: String
    public var model: LogisticRegression
    /// The probability from which the label applies.
    public var threshold: Float
    /// Training sentences that carried the label.
    public var positives: Int

    public init(label: String, model: LogisticRegression, threshold: Float, positives: Int) {
      self.label = label
      self.model = model
      self.threshold = threshold
      self.positives = positives
    }

    enum CodingKeys: String, CodingKey { case label, weights, bias, threshold, positives }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      label = try container.decode(String.self, forKey: .label)
      let encoded = try container.decode(String.self, forKey: .weights)
      guard let data = Data(base64Encoded: encoded), data.count % 4 == 0 else {
        throw DecodingError.dataCorruptedError(
          forKey: .weights, in: container,
          debugDescription: "label \(label): weights are not base64 float32")
      }
      let weights = data.withUnsafeBytes { raw in
        (0..<(data.count / 4)).map {
          Float(
            bitPattern: UInt32(
              littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
        }
      }
      model = LogisticRegression(
        weights: weights, bias: try container.decode(Float.self, forKey: .bias))
      threshold = try container.decode(Float.self, forKey: .threshold)
      positives = try container.decode(Int.self, forKey: .positives)
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(label, forKey: .label)
      var data = Data(count: model.weights.count * 4)
      data.withUnsafeMutableBytes { raw in
        for (index, weight) in model.weights.enumerated() {
          raw.storeBytes(
            of: weight.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
        }
      }
      try container.encode(data.base64EncodedString(), forKey: .weights)
      try container.encode(model.bias, forKey: .bias)
      try container.encode(threshold, forKey: .threshold)
      try container.encode(positives, forKey: .positives)
    }
  }

  /// The file format's version.
  public static let currentFormat = 1

  public var format: Int
  /// What the model is (`QDAKit reference prior`, `learned from ana`).
  public var name: String
  /// The coder whose codings it learned from.
  public var learnedFrom: String
  /// The sentence encoder's fingerprint (`SentenceEncoder.fingerprint`): vectors of another
  /// model mean nothing to these weights.
  public var encoder: String
  /// The feature layout (`UnitFeatures.layout`).
  public var layout: String
  /// The documents it learned from, and how many sentences.
  public var documents: [String]
  public var sentences: Int
  public var elements: [Label]
  public var codes: [Label]
  /// Where tensions are, learned from the coder's contradictions (nil when they recorded none).
  public var tension: TensionModel?

  public init(
    name: String, learnedFrom: String, encoder: String, documents: [String], sentences: Int,
    elements: [Label],
    codes: [Label]
  ) {
    format = Self.currentFormat
    layout = UnitFeatures.layout
    self.name = name
    self.learnedFrom = learnedFrom
    self.encoder = encoder
    self.documents = documents
    self.sentences = sentences
    self.elements = elements
    self.codes = codes
  }

  /// A model read from its JSON.
  ///
  /// - Parameter file: the file's name, for errors.
  /// - Throws: `LearnedModelError` when the JSON is not a model of this format and layout.
  public static func decode(_ data: Data, file: String) throws -> LearnedModel {
    let model: LearnedModel
    do {
      model = try JSONDecoder().decode(LearnedModel.self, from: data)
    } catch {
      throw LearnedModelError(
        file: file, message: "not a QDAKit coding model (\(Self.describe(error)))")
    }
    guard model.format == currentFormat else {
      throw LearnedModelError(
        file: file,
        message: "model format \(model.format); this QDAKit reads format \(currentFormat)")
    }
    guard model.layout == UnitFeatures.layout else {
      throw LearnedModelError(
        file: file, message: "features \(model.layout); this QDAKit uses \(UnitFeatures.layout)")
    }
    for label in model.elements + model.codes where label.model.weights.count != UnitFeatures.count
    {
      throw LearnedModelError(
        file: file,
        message:
          "label \(label.label) has \(label.model.weights.count) weights, expected \(UnitFeatures.count)"
      )
    }
    if let tension = model.tension {
      for label in [tension.tension] + tension.sides
      where label.model.weights.count != TensionFeatures.count {
        throw LearnedModelError(
          file: file,
          message:
            "tension label \(label.label) has \(label.model.weights.count) weights, expected \(TensionFeatures.count)"
        )
      }
      guard tension.sides.count == Element.allCases.count else {
        throw LearnedModelError(
          file: file,
          message:
            "the tension model has \(tension.sides.count) sides, expected \(Element.allCases.count)"
        )
      }
      if let rates = tension.markerRates, rates.count != TensionFeatures.markers.count {
        throw LearnedModelError(
          file: file,
          message:
            "the tension model has \(rates.count) marker rates, expected \(TensionFeatures.markers.count)"
        )
      }
      if tension.markerRates != nil, !(tension.baseRate.map { $0 > 0 && $0 < 1 } ?? false) {
        throw LearnedModelError(
          file: file, message: "the tension model's marker rates need a base rate between 0 and 1")
      }
    }
    return model
  }

  /// The model as JSON, keys sorted so the same model gives the same bytes.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)) ?? Data()
  }

  /// A short name with a digest of the weights, for a coding's reason (`learned from ana 3f9c…`).
  public var version: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for label in elements + codes {
      for weight in label.model.weights + [label.model.bias, label.threshold] {
        hash ^= UInt64(weight.bitPattern)
        hash = hash &* 0x100_0000_01b3
      }
    }
    return name + " " + String(String(hash, radix: 16).prefix(8))
  }

  /// The element classifier of an element, if the model has one.
  public func element(_ element: Element) -> Label? {
    elements.first { $0.label == element.rawValue }
  }

  /// The code classifier of a code, if the model has one.
  public func code(_ id: String) -> Label? { codes.first { $0.label == id } }

  /// Each element's probability for each row: `[row][element index]`, in `Element.allCases`
  /// order (0 for an element without a classifier).
  public func elementProbabilities(_ features: Matrix) -> [[Float]] {
    var result = [[Float]](
      repeating: [Float](repeating: 0, count: Element.allCases.count), count: features.rows)
    for (index, element) in Element.allCases.enumerated() {
      guard let label = self.element(element) else { continue }
      for (row, probability) in label.model.probabilities(features).enumerated() {
        result[row][index] = probability
      }
    }
    return result
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "no \(key.stringValue)"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
    default: String(describing: error)
    }
  }
}

/// A coding model file that cannot be used, with the reason.
public struct LearnedModelError: Error, CustomStringConvertible, Sendable, Equatable {
  public var file: String
  public var message: String
  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }
  public var description: String { "\(file): \(message)" }
}
