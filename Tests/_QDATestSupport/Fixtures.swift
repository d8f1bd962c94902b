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
public final class TemporaryFolder: @unchecked Sendable {
  public let url: URL

  public init(_ label: String = "qdakit") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
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
    if ProcessInfo.processInfo.environment["QDAKIT_KEEP_TEMP"] == nil {
      try? FileManager.default.removeItem(at: url)
    }
  }
}
