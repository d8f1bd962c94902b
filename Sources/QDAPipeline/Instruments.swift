import Foundation
import Synchronization
import QDAModel
import QDACodebook
import QDAIngest
import QDAStore
import QDACoding
import QDAAnalysis

/// A codebook or protocol file read from disk, with its text kept for the project.
struct LoadedInstrument<Value> {
  var value: Value
  var file: String
  var source: String
  var contentHash: String
  /// For a codebook that names a prior model: the model file's JSON, checked.
  var prior: Data? = nil
  /// For a codebook that names a valence model: its JSON, checked.
  var valence: Data? = nil
}

enum Instruments {
  static func readText(_ path: String) throws -> (text: String, hash: String) {
    let bytes = try InputReader.bytes(atPath: path)
    return (try TextDecoder.decode(bytes, file: path).text, SHA256.hex(of: bytes))
  }

  /// A codebook, and the models it names (its prior and its valence model, read relative to the
  /// codebook's folder and checked before anything is stored).
  static func codebook(at path: String) throws -> LoadedInstrument<Codebook> {
    let (text, hash) = try readText(path)
    let codebook = try CodebookReader().read(text, file: path)
    /// The JSON of a model file the codebook names, once `check` has read it without error.
    func model(_ name: String?, check: (Data, String) throws -> Void) throws -> Data? {
      guard let name else { return nil }
      let file =
        name.hasPrefix("/")
        ? name
        : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
      let data = Data(try InputReader.bytes(atPath: file))
      try check(data, file)
      return data
    }
    return LoadedInstrument(
      value: codebook, file: path, source: text, contentHash: hash,
      prior: try model(codebook.prior) { _ = try LearnedModel.decode($0, file: $1) },
      valence: try model(codebook.valence) { _ = try ValenceModel.decode($0, file: $1) })
  }

  static func interviewProtocol(at path: String, codebook: Codebook?) throws -> LoadedInstrument<
    InterviewProtocol
  > {
    let (text, hash) = try readText(path)
    return LoadedInstrument(
      value: try ProtocolReader().read(text, file: path, codebook: codebook), file: path,
      source: text, contentHash: hash)
  }

  /// The codebook stored in a project, if any.
  ///
  /// Parsed once per process and text: a query served by `qda serve` would otherwise spend
  /// more time reading the codebook's YAML than searching.
  static func storedCodebook(_ project: Project) throws -> Codebook? {
    guard let stored = try project.instrument(.codebook) else { return nil }
    let key = stored.contentHash + "\n" + stored.file
    if let parsed = parsedCodebooks.withLock({ $0[key] }) { return parsed }
    let codebook = try CodebookReader().read(stored.source, file: stored.file)
    parsedCodebooks.withLock { cache in
      if cache.count >= 8 { cache.removeAll() }
      cache[key] = codebook
    }
    return codebook
  }

  private static let parsedCodebooks = Mutex<[String: Codebook]>([:])

  static func storedProtocol(_ project: Project, codebook: Codebook?) throws -> InterviewProtocol? {
    guard let stored = try project.instrument(.protocol) else { return nil }
    return try ProtocolReader().read(stored.source, file: stored.file, codebook: codebook)
  }
}
