/// A problem with the sentence model's files: which file, and what is wrong with it.
public struct EncoderError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What kind of problem it is, for callers and tests to match on.
  public enum Reason: String, Sendable, Equatable {
    /// The weights file is not a safetensors file, or is cut short.
    case malformedWeights
    /// A tensor the model needs is missing, or has the wrong type or shape.
    case missingTensor
    /// The vocabulary lacks a token the tokenizer needs.
    case malformedVocabulary
  }

  /// The file the problem is in (`model.safetensors`, `vocab.txt`).
  public var file: String
  public var reason: Reason
  public var message: String

  public init(file: String, reason: Reason, message: String) {
    self.file = file
    self.reason = reason
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
