import Foundation
import QDACodebook
import QDAExchange
import QDAIngest
import QDAModel
import QDAQuery
import QDAXML
import QDAArchive

/// One reader of a file a user opens, as a fuzz target: bytes in, and either what it read is
/// consistent or it failed with the located error its stage promises. Anything else (another
/// error type, an error that does not name the file, a span outside its text) is a finding; a
/// crash is one too, caught by libFuzzer or the test that replays the input.
///
/// The libFuzzer driver (`Fuzz/Driver`, built by `Fuzz/run`) calls `run(_:)` for every input;
/// `QDAFuzzTests` replays the seeds from `../shared/formats` and every input that once found
/// something (`Tests/Fixtures/fuzz/<target>/`) through the same checks.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// Plain-text transcripts with speaker labels.
  case text
  /// Captions: WebVTT, SubRip and oTranscribe (the first byte chooses which).
  case captions
  /// Word transcripts (.docx: a ZIP of XML).
  case docx
  /// Survey exports as text: CSV, TSV, UTF-16 "Unicode text" (Qualtrics, SurveyMonkey, Forms,
  /// REDCap), and participant attribute tables (the first byte chooses which).
  case survey
  /// Survey exports as Excel workbooks (.xlsx).
  case xlsx
  /// REFI-QDA: a project's XML (.qde), a codebook (.qdc), a packed project (.qdpx); the first
  /// byte chooses which.
  case refi
  /// The YAML codebook and interview protocol (the first byte chooses which).
  case codebook
  /// What a user types as a query or a filter.
  case query

  /// The file name an input is read as, for the targets that take several formats: the first
  /// byte chooses it and the rest is the file's content.
  static func split(_ bytes: [UInt8], among names: [String]) -> (name: String, content: [UInt8]) {
    guard let first = bytes.first else { return (names[0], []) }
    return (names[Int(first) % names.count], Array(bytes.dropFirst()))
  }

  /// The bytes an existing file of `name` is fed to this target as (the format-choosing byte
  /// put in front where the target takes several), or nil when the target does not read it.
  public func input(forFile name: String, bytes: [UInt8]) -> [UInt8]? {
    let ext = (name as NSString).pathExtension.lowercased()
    func choose(_ names: [String]) -> [UInt8]? {
      names.firstIndex { ($0 as NSString).pathExtension == ext }.map { [UInt8($0)] + bytes }
    }
    switch self {
    case .text: return ext == "txt" ? bytes : nil
    case .captions: return choose(Self.captionNames)
    case .docx: return ext == "docx" ? bytes : nil
    case .survey:
      let table = ["participant", "attribute"].contains { name.lowercased().contains($0) }
      return table && ext == "csv" ? [3] + bytes : choose(Array(Self.surveyNames.prefix(3)))
    case .xlsx: return ext == "xlsx" ? bytes : nil
    case .refi: return choose(Self.refiNames)
    case .codebook: return ext == "yaml" || ext == "yml" ? [name.contains("protocol") ? 1 : 0] + bytes : nil
    case .query: return nil
    }
  }

  static let captionNames = ["f.vtt", "f.srt", "f.otr"]
  static let surveyNames = ["s.csv", "s.tsv", "s.txt", "attributes.csv"]
  static let refiNames = ["project.qde", "codebook.qdc", "project.qdpx"]

  /// Reads one input; returns what is wrong with the outcome, or nil when the input was read
  /// consistently or refused with a located error.
  public func run(_ bytes: [UInt8]) -> String? {
    do {
      switch self {
      case .text: return try Self.transcript(bytes, name: "f.txt")
      case .captions:
        let (name, content) = Self.split(bytes, among: Self.captionNames)
        return try Self.transcript(content, name: name)
      case .docx: return try Self.transcript(bytes, name: "f.docx")
      case .survey:
        let (name, content) = Self.split(bytes, among: Self.surveyNames)
        return name == "attributes.csv" ? try Self.attributes(content, name: name) : try Self.survey(content, name: name)
      case .xlsx: return try Self.survey(bytes, name: "s.xlsx")
      case .refi:
        let (name, content) = Self.split(bytes, among: Self.refiNames)
        return try Self.refi(content, name: name)
      case .codebook:
        let (name, content) = Self.split(bytes, among: ["chat.yaml", "protocol.yaml"])
        return try Self.codebook(content, name: name)
      case .query: return Self.query(bytes)
      }
    } catch let error as IngestError {
      return Self.located(error, by: error.description)
    } catch let error as XMLError {
      return Self.located(error, by: error.description)
    } catch let error as ArchiveError {
      return Self.located(error, by: error.description)
    } catch let error as CodebookError {
      return Self.located(error, by: error.description)
    } catch {
      return "unexpected \(type(of: error)): \(error)"
    }
  }

  /// A stage's error must name the input it read (every input here is read as a file whose
  /// name is one of these).
  public static func located(_ error: any Error, by description: String) -> String? {
    let names = ["f.", "s.", "attributes.csv", "project.", "codebook.qdc", "chat.yaml", "protocol.yaml", "fuzz-"]
    let named = names.contains { description.hasPrefix($0) } || description.contains("/fuzz-")
    return named ? nil : "\(type(of: error)) does not name the file: \(description)"
  }

  static func transcript(_ bytes: [UInt8], name: String) throws -> String? {
    let imported = try DocumentImporter.importTranscript(bytes: bytes, sourcePath: name, key: name)
    let length = imported.document.text.unicodeScalars.count
    var previous = 0
    for passage in imported.passages {
      let span = passage.span
      guard span.start >= 0, span.start <= span.end, span.end <= length else {
        return "\(name): passage \(span.start)–\(span.end) outside a text of \(length) scalars"
      }
      guard span.start >= previous else { return "\(name): passages out of order at \(span.start)" }
      previous = span.end
    }
    return nil
  }

  static func survey(_ bytes: [UInt8], name: String) throws -> String? {
    let survey = try SurveyReader.read(bytes: bytes, file: name)
    let ids = Set(survey.items.map(\.id))
    guard ids.count == survey.items.count else { return "\(name): two items share an id" }
    var respondents = Set<String>()
    for respondent in survey.respondents {
      guard respondents.insert(respondent.id).inserted else { return "\(name): respondent \(respondent.id) twice" }
      if let unknown = respondent.answers.keys.first(where: { !ids.contains($0) }) {
        return "\(name): respondent \(respondent.id) answers an unknown item \(unknown)"
      }
    }
    return nil
  }

  static func attributes(_ bytes: [UInt8], name: String) throws -> String? {
    let table = try AttributeReader.read(bytes, file: name)
    var seen = Set<String>()
    for participant in table.participants where !seen.insert(participant.id).inserted {
      return "\(name): participant \(participant.id) twice"
    }
    return nil
  }

  static func refi(_ bytes: [UInt8], name: String) throws -> String? {
    let project: REFIProject
    switch name {
    case "codebook.qdc":
      _ = try QDCCodebook.read(try XMLDocument(bytes: bytes, file: name))
      return nil
    case "project.qde":
      project = try QDEReader().read(try XMLDocument(bytes: bytes, file: name)) { _ in ("a source's text", nil) }.0
    default:
      // A packed project is read from a file, as `qda import` reads it.
      let path = NSTemporaryDirectory() + "fuzz-\(getpid()).qdpx"
      guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
        return "cannot write \(path)"
      }
      defer { try? FileManager.default.removeItem(atPath: path) }
      project = try QDPXPackage.read(path: path).0
    }
    for source in project.sources {
      let length = source.text.unicodeScalars.count
      for selection in source.selections where !(0 <= selection.start && selection.start <= selection.end && selection.end <= length) {
        return "\(name): selection \(selection.start)–\(selection.end) outside a text of \(length) scalars"
      }
    }
    return nil
  }

  static func codebook(_ bytes: [UInt8], name: String) throws -> String? {
    guard let yaml = String(validating: bytes, as: UTF8.self) else { return nil }
    if name == "protocol.yaml" {
      _ = try ProtocolReader().read(yaml, file: name)
    } else {
      let codebook = try CodebookReader().read(yaml, file: name)
      var ids = Set<String>()
      for code in codebook.codes where !ids.insert(code.id).inserted { return "\(name): code \(code.id) twice" }
    }
    return nil
  }

  static func query(_ bytes: [UInt8]) -> String? {
    let text = String(decoding: bytes, as: UTF8.self)
    // The three ways a typed line is read: a question in plain words, the expert full-text
    // syntax, an attribute filter. Each reads or refuses with a message.
    let readers: [(what: String, read: (String) throws -> Void)] = [
      ("question", { _ = try SearchText($0) }), ("full-text query", { _ = try FullTextQuery.check($0) }),
      ("filter", { _ = try AttributeCondition($0) }),
    ]
    for reader in readers {
      do {
        try reader.read(text)
      } catch let error as QueryError {
        if error.description.isEmpty { return "\(reader.what): an error without a message" }
      } catch {
        return "\(reader.what): unexpected \(type(of: error)): \(error)"
      }
    }
    _ = SearchText.focus(of: text)
    return nil
  }
}
