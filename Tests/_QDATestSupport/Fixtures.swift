public import Foundation

/// Paths to the repository's and the shared folder's files, for tests.
///
/// `../shared` lies beside the checkout (see DEVELOPERS.md); fixtures are used from there by
/// path and never copied into the repository.
public enum Fixtures {
  /// The package root (the folder holding Package.swift).
  public static let packageRoot: URL = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }()

  /// `../shared`, beside the checkout.
  public static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

  /// A path inside the repository.
  public static func repository(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }

  /// A path inside `../shared`.
  public static func shared(_ relative: String) -> String {
    shared.appendingPathComponent(relative).path
  }

  /// The text of `Codebooks/chat.yaml` with its prior and valence model named by absolute
  /// path, for tests that write an edited copy elsewhere.
  public static func chatCodebookText() throws -> String {
    try text(repository("Codebooks/chat.yaml"))
      .replacingOccurrences(of: "\nprior: chat.prior.json\n", with: "\nprior: \(repository("Codebooks/chat.prior.json"))\n")
      .replacingOccurrences(of: "\nvalence: chat.valence.json\n", with: "\nvalence: \(repository("Codebooks/chat.valence.json"))\n")
  }

  /// The bytes of a file.
  public static func bytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FixtureError(message: "cannot read \(path)")
    }
    return [UInt8](data)
  }

  /// A file's text (UTF-8).
  public static func text(_ path: String) throws -> String {
    String(decoding: try bytes(path), as: UTF8.self)
  }
}

public struct FixtureError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

/// A fresh temporary folder, removed when the value is released… or left for inspection when
/// `QDAKIT_KEEP_TEMP` is set.
///
/// Folders held by a `static let` (fixtures shared by a suite's tests) are never released: they
/// are removed when the test process exits.
public final class TemporaryFolder: @unchecked Sendable {
  public let url: URL

  public init(_ label: String = "qdakit") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    LeftAtExit.shared.add(url.path)
  }

  public var path: String { url.path }

  /// A path inside the folder.
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes a file and returns its path.
  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  @discardableResult
  public func write(_ name: String, bytes: [UInt8]) throws -> String {
    let target = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
    return target.path
  }

  deinit {
    LeftAtExit.shared.remove(url.path)
    if ProcessInfo.processInfo.environment["QDAKIT_KEEP_TEMP"] == nil {
      try? FileManager.default.removeItem(at: url)
    }
  }
}

/// The temporary folders still there, removed when the process exits.
private final class LeftAtExit: @unchecked Sendable {
  static let shared: LeftAtExit = {
    let paths = LeftAtExit()
    atexit {
      guard ProcessInfo.processInfo.environment["QDAKIT_KEEP_TEMP"] == nil else { return }
      for path in LeftAtExit.shared.lock.withLock({ LeftAtExit.shared.paths }) {
        try? FileManager.default.removeItem(atPath: path)
      }
    }
    return paths
  }()

  private let lock = NSLock()
  private var paths: Set<String> = []

  func add(_ path: String) { _ = lock.withLock { paths.insert(path) } }
  func remove(_ path: String) { _ = lock.withLock { paths.remove(path) } }
}
