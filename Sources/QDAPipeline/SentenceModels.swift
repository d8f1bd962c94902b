import Foundation
import Synchronization
public import QDAEncoder
import QDAIngest

/// Whether commands use the sentence model (the learned coder, embeddings) and where it is.
public enum SentenceModelChoice: Sendable, Hashable {
  /// Use it when installed (`directory` from `--model`, else `QDA_MODEL`, else the default
  /// folder); code by rules alone when not, and say so.
  case whenInstalled(directory: String?)
  /// Code by rules alone (`--rules-only`).
  case off
}

/// The sentence encoder, found as `ModelLocation` says and loaded once per process and folder.
enum SentenceModels {
  /// The encoder, or nil when none is installed and the choice allows that.
  ///
  /// - Throws: when a folder the user named holds no model, or its files are not a model.
  static func encoder(_ choice: SentenceModelChoice, environment: [String: String]) throws
    -> SentenceEncoder?
  {
    guard case .whenInstalled(let directory) = choice else { return nil }
    let location: ModelLocation?
    do {
      location = try ModelLocation.resolve(
        explicit: directory, environment: environment,
        fileExists: { FileManager.default.fileExists(atPath: $0) })
    } catch let error as ModelLocation.NotFound {
      throw PipelineError(.notFound, error.description + "; " + ModelLocation.installHint)
    }
    guard let location else { return nil }
    if let loaded = cache.withLock({ $0[location.directory] }) { return loaded }
    let encoder = try SentenceEncoder(
      weights: try InputReader.bytes(atPath: location.weightsPath),
      vocabulary: String(
        decoding: try InputReader.bytes(atPath: location.vocabularyPath), as: UTF8.self))
    cache.withLock { $0[location.directory] = encoder }
    return encoder
  }

  /// The encoder, or an error saying in one sentence how to install it.
  static func requiredEncoder(_ choice: SentenceModelChoice, environment: [String: String]) throws
    -> SentenceEncoder
  {
    if case .off = choice {
      throw PipelineError(
        .invalidOption, "this command needs the sentence model; drop --rules-only")
    }
    guard let encoder = try encoder(choice, environment: environment) else {
      throw PipelineError(.notFound, ModelLocation.installHint)
    }
    return encoder
  }

  private static let cache = Mutex<[String: SentenceEncoder]>([:])
}
