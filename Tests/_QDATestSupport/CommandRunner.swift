public import Foundation

/// Runs the built `qda` binary, as a user would, and captures what it prints.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

public enum CommandRunner {
  /// The folder holding the built products (the test bundle's folder).
  public static var productsFolder: URL {
    var url = Bundle.main.bundleURL
    if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
    // On Linux the test runner's bundle URL is the products folder itself.
    for candidate in [url, url.deletingLastPathComponent()] {
      if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("qda").path) { return candidate }
    }
    return url
  }

  /// Runs `qda` with arguments, in `directory` (the package root by default).
  public static func qda(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = productsFolder.appendingPathComponent("qda")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Fixtures.packageRoot.path)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return capture(process, out: out, err: err)
  }

  /// Reads both pipes to their end at once, then waits: reading one to its end first would
  /// block for good once the child fills the other pipe's buffer (64 KB on Linux) and waits for
  /// it to drain.
  static func capture(_ process: Process, out: Pipe, err: Pipe) -> CommandResult {
    let errors = DataBox()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      errors.set(err.fileHandleForReading.readDataToEndOfFile())
      done.signal()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    done.wait()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: errors.get(), as: UTF8.self))
  }

  /// Starts `qda` without waiting for it (its output discarded), for tests that kill it or
  /// run two at once.
  public static func start(_ arguments: [String], in directory: String? = nil, stderr: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = productsFolder.appendingPathComponent("qda")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Fixtures.packageRoot.path)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr ?? FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs a shell command line (for `ulimit` and `trap`), capturing what it prints.
  public static func shell(_ script: String, in directory: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? Fixtures.packageRoot.path)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    return capture(process, out: out, err: err)
  }
}

/// Bytes handed from the thread that read them, behind a lock.
final class DataBox: @unchecked Sendable {
  private var data = Data()
  private let lock = NSLock()
  func set(_ value: Data) { lock.withLock { data = value } }
  func get() -> Data { lock.withLock { data } }
}
