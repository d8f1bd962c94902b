public import Foundation

/// What varies between runs and tests: the clock and where progress goes.
public struct PipelineEnvironment: Sendable {
  /// The current time as an ISO 8601 string, for the project's history and manual codings.
  public var now: @Sendable () -> String
  /// Receives progress lines ("coding 5/11 P05.txt"); ignore them to stay quiet.
  public var progress: @Sendable (String) -> Void
  /// The tool's version, written into exports.
  public var toolVersion: String
  /// Environment variables (`QDA_MODEL`, `HOME`, `XDG_DATA_HOME`: where the sentence model is).
  public var variables: [String: String]

  public init(
    now: @escaping @Sendable () -> String,
    progress: @escaping @Sendable (String) -> Void = { _ in },
    toolVersion: String = QDAKitVersion.current,
    variables: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.now = now
    self.progress = progress
    self.toolVersion = toolVersion
    self.variables = variables
  }

  /// The real clock, no progress.
  public static let live = PipelineEnvironment(now: {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  })

  /// A fixed clock, for tests.
  public static func constant(_ timestamp: String) -> PipelineEnvironment {
    PipelineEnvironment(now: { timestamp })
  }
}

/// The version of QDAKit.
public enum QDAKitVersion {
  public static let current = "0.1.0"
}
