import Foundation
import QDAModel
import QDACodebook
import QDAIngest
import QDAStore

/// A codebook or protocol file read from disk, with its text kept for the project.
struct LoadedInstrument<Value> {
  var value: Value
  var file: String
  var source: String
  var contentHash: String
}

enum Instruments {
  static func readText(_ path: String) throws -> (text: String, hash: String) {
    let bytes = try InputReader.bytes(atPath: path)
    return (try TextDecoder.decode(bytes, file: path).text, SHA256.hex(of: bytes))
  }

  static func codebook(at path: String) throws -> LoadedInstrument<Codebook> {
    let (text, hash) = try readText(path)
    return LoadedInstrument(value: try CodebookReader().read(text, file: path), file: path, source: text, contentHash: hash)
  }

  static func interviewProtocol(at path: String, codebook: Codebook?) throws -> LoadedInstrument<InterviewProtocol> {
    let (text, hash) = try readText(path)
    return LoadedInstrument(
      value: try ProtocolReader().read(text, file: path, codebook: codebook), file: path, source: text, contentHash: hash)
  }

  /// The codebook stored in a project, if any.
  static func storedCodebook(_ project: Project) throws -> Codebook? {
    guard let stored = try project.instrument(.codebook) else { return nil }
    return try CodebookReader().read(stored.source, file: stored.file)
  }

  static func storedProtocol(_ project: Project, codebook: Codebook?) throws -> InterviewProtocol? {
    guard let stored = try project.instrument(.protocol) else { return nil }
    return try ProtocolReader().read(stored.source, file: stored.file, codebook: codebook)
  }
}
