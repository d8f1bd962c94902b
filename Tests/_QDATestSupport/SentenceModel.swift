import Foundation
public import QDAEncoder

/// The sentence model the tests use, found as `qda` finds it (`QDA_MODEL`, then the default
/// folder `.ci/run` installs it into), loaded once per test process.
public enum TestModel {
  /// The model's folder.
  public static func location() throws -> ModelLocation {
    let found = try ModelLocation.resolve(
      explicit: nil, environment: ProcessInfo.processInfo.environment,
      fileExists: { FileManager.default.fileExists(atPath: $0) })
    guard let found else { throw FixtureError(message: ModelLocation.installHint) }
    return found
  }

  /// The encoder, loaded once.
  public static func encoder() throws -> SentenceEncoder {
    try loaded.get()
  }

  private static let loaded: Result<SentenceEncoder, any Error> = Result {
    let found = try TestModel.location()
    return try SentenceEncoder(
      weights: try Fixtures.bytes(found.weightsPath), vocabulary: try Fixtures.text(found.vocabularyPath))
  }
}
