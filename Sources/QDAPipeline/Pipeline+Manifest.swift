import Foundation
import QDAAnalysis
import QDACoding
import QDAIngest
import QDAModel
import QDAStore

/// `manifest.json`, written with every report: what went in (each file with its SHA-256, the
/// codebook's version and hash, the coders), how it was run, and what came out (each file with
/// its SHA-256). `qda verify` reads it, runs the same again and compares. It holds no time
/// stamps, so the same inputs give the same manifest.
struct ReportManifest: Codable {
  static let fileName = "manifest.json"
  static let version = "1.0"

  struct FileHash: Codable, Hashable {
    var path: String
    var sha256: String
    var role: String?
  }

  /// How the report was made: an analyze run (which verify repeats from the inputs), or a
  /// report from a project as it stands (which verify regenerates from the project).
  struct Run: Codable {
    var kind: String
    var inputs: [String]?
    var attributes: String?
    var `protocol`: String?
    var codebook: String?
    var interviewer: String?
    var surveys: [String]?
    var dictionary: String?
    var template: String?
    /// Whether the brief kept people's names in quoted words (`--keep-names`); nil when not.
    var keepNames: Bool?
    var project: String
    /// The command line it corresponds to.
    var command: [String]
  }

  struct Codebook: Codable {
    var name: String
    var version: String
    var file: String?
    var sha256: String?
  }

  /// The models that coded, when the learned coder did: the sentence encoder's fingerprint
  /// (its weights' and vocabulary's), and the coding model's version and whom it learned from.
  struct Models: Codable {
    var sentenceEncoder: String
    var codingModel: String
    var learnedFrom: String
    var learnedFromDocuments: Int
    /// Contradictions the tension model learned from (nil: detection by cue words).
    var tensionContradictions: Int?

    enum CodingKeys: String, CodingKey {
      case sentenceEncoder = "sentence_encoder", codingModel = "coding_model", learnedFrom =
        "learned_from"
      case learnedFromDocuments = "learned_from_documents", tensionContradictions =
        "tension_contradictions"
    }
  }

  var manifestVersion: String
  var tool: String
  var toolVersion: String
  var run: Run
  var codebook: Codebook
  var coders: [String]
  var models: Models?
  var counts: [String: Int]
  var inputs: [FileHash]
  var outputs: [FileHash]

  enum CodingKeys: String, CodingKey {
    case manifestVersion = "manifest_version", tool, toolVersion = "tool_version", run, codebook,
      coders, models, counts, inputs,
      outputs
  }

  /// The manifest of a report made from a project, before its outputs are recorded.
  init(
    project: String, out: String, request: IngestRequest?, template: String?,
    keepNames: Bool = false, corpus: CorpusSnapshot,
    pipeline: Pipeline
  ) throws {
    manifestVersion = Self.version
    tool = "QDAKit"
    toolVersion = pipeline.environment.toolVersion
    let store = try ProjectStore(path: project, mustExist: true)
    let (instrument, protocolInstrument, surveySources, model) = try store.read { project in
      (
        try project.instrument(.codebook), try project.instrument(.protocol),
        try project.surveySources(),
        try (project.codingModel(.learned) ?? project.codingModel(.prior)).map {
          try LearnedModel.decode($0, file: "the project's coding model")
        }
      )
    }
    codebook = Codebook(
      name: corpus.codebook.name, version: corpus.codebook.version, file: instrument?.file,
      sha256: instrument?.contentHash)
    coders = corpus.codings.countsByCoder.keys.sorted()
    models =
      coders.contains(Coding.modelCoder)
      ? model.map {
        Models(
          sentenceEncoder: $0.encoder, codingModel: $0.version, learnedFrom: $0.learnedFrom,
          learnedFromDocuments: $0.documents.count,
          tensionContradictions: $0.tension?.contradictions)
      } : nil
    counts = [
      "documents": corpus.documents.count, "participants": corpus.interviewed.count,
      "passages": corpus.passages.count,
      "codings": corpus.codings.count,
    ]
    var inputs: [FileHash] = corpus.documents.map {
      FileHash(path: $0.sourcePath, sha256: $0.contentHash, role: "transcript")
    }
    for source in surveySources {
      inputs.append(
        FileHash(path: source, sha256: SHA256.hex(ofFileAt: source) ?? "", role: "survey"))
    }
    if let instrument {
      inputs.append(
        FileHash(path: instrument.file, sha256: instrument.contentHash, role: "codebook"))
    }
    if let protocolInstrument {
      inputs.append(
        FileHash(
          path: protocolInstrument.file, sha256: protocolInstrument.contentHash, role: "protocol"))
    }
    for (path, role) in [
      (request?.attributes, "attributes"), (request?.dictionary, "dictionary"),
      (template, "template"),
    ] {
      if let path, let hash = SHA256.hex(ofFileAt: path) {
        inputs.append(FileHash(path: path, sha256: hash, role: role))
      }
    }
    self.inputs = inputs.sorted { ($0.role ?? "", $0.path) < ($1.role ?? "", $1.path) }

    var command: [String]
    if let request {
      command = ["qda", "analyze"] + request.inputs
      for (flag, value) in [
        ("--attributes", request.attributes), ("--protocol", request.interviewProtocol),
        ("--codebook", request.codebook),
        ("--interviewer", request.options.interviewer), ("--dictionary", request.dictionary),
        ("--template", template),
      ] {
        if let value { command += [flag, value] }
      }
      for survey in request.surveys { command += ["--survey", survey] }
      if keepNames { command.append("--keep-names") }
      // Where the project and the report were written is not part of what makes the report.
      command += ["--project", "<project>", "--out", "<folder>"]
      run = Run(
        kind: "analyze", inputs: request.inputs, attributes: request.attributes,
        protocol: request.interviewProtocol,
        codebook: request.codebook, interviewer: request.options.interviewer,
        surveys: request.surveys,
        dictionary: request.dictionary, template: template, keepNames: keepNames ? true : nil,
        project: "", command: command)
    } else {
      command =
        ["qda", "report", "--project", project, "--out", out]
        + (template.map { ["--template", $0] } ?? [])
      if keepNames { command.append("--keep-names") }
      run = Run(
        kind: "report", template: template, keepNames: keepNames ? true : nil, project: project,
        command: command)
    }
    outputs = []
  }

  /// The manifest with the report's outputs recorded, each with its hash.
  /// - Parameter knownHashes: outputs already hashed (by path), not read again.
  func recording(outputs written: [String], in out: String, knownHashes: [String: String] = [:])
    -> ReportManifest
  {
    var manifest = self
    manifest.outputs = written.map { path in
      FileHash(
        path: Self.relative(path, to: out),
        sha256: knownHashes[path] ?? SHA256.hex(ofFileAt: path) ?? "", role: nil)
    }.sorted { $0.path < $1.path }
    return manifest
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  static func relative(_ path: String, to folder: String) -> String {
    let prefix = (folder as NSString).standardizingPath + "/"
    let standard = (path as NSString).standardizingPath
    return standard.hasPrefix(prefix) ? String(standard.dropFirst(prefix.count)) : path
  }
}

/// What `qda verify` found.
public struct VerifyResult: Sendable {
  /// The command the report came from.
  public var command: [String]
  /// Input files missing or different from the ones the report was made from.
  public var changedInputs: [String]
  /// Output files compared, with whether the fresh run made the same bytes.
  public var compared: [(path: String, same: Bool)]
  /// Output files in the report folder that differ from what the manifest recorded (edited by hand).
  public var edited: [String]

  /// Whether every table and count came out identical and nothing was edited.
  public var passed: Bool { changedInputs.isEmpty && edited.isEmpty && compared.allSatisfy(\.same) }
}

extension Pipeline {
  /// Re-runs a report from its manifest into a temporary folder and compares every output
  /// (tables, analysis.json, the brief in each format, the figures) byte for byte with the
  /// hashes recorded; checks the inputs against theirs and the report folder against the manifest.
  ///
  /// - Throws: `PipelineError` when the folder has no readable manifest.
  public func verify(report folder: String) throws -> VerifyResult {
    let path = (folder as NSString).appendingPathComponent(ReportManifest.fileName)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(
        .missingInput,
        "\(path): no manifest; reports written by `qda analyze` or `qda report` carry one")
    }
    let manifest: ReportManifest
    do {
      manifest = try JSONDecoder().decode(ReportManifest.self, from: data)
    } catch {
      throw PipelineError(
        .invalidOption, "\(path): not a QDAKit manifest (\(error.localizedDescription))")
    }
    var changed: [String] = []
    for input in manifest.inputs {
      guard let hash = SHA256.hex(ofFileAt: input.path) else {
        changed.append("\(input.path): missing (run verify from the folder the report was made in)")
        continue
      }
      if hash != input.sha256 {
        changed.append(
          "\(input.path): changed since the report (SHA-256 \(hash.prefix(12))…, was \(input.sha256.prefix(12))…)"
        )
      }
    }
    var edited: [String] = []
    for output in manifest.outputs {
      let current = SHA256.hex(ofFileAt: (folder as NSString).appendingPathComponent(output.path))
      if current != output.sha256 {
        edited.append(output.path + (current == nil ? " (missing)" : ""))
      }
    }

    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qda-verify-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    let out = (temporary as NSString).appendingPathComponent("report")
    let run = manifest.run
    switch run.kind {
    case "analyze":
      let request = IngestRequest(
        inputs: run.inputs ?? [], attributes: run.attributes, interviewProtocol: run.protocol,
        codebook: run.codebook,
        options: ImportOptions(interviewer: run.interviewer), surveys: run.surveys ?? [],
        dictionary: run.dictionary)
      let project = (temporary as NSString).appendingPathComponent("verify.qda")
      _ = try ingest(request, project: project, command: "verify")
      _ = try writeReport(
        project: project, out: out, template: run.template, keepNames: run.keepNames ?? false,
        request: request)
    default:
      guard FileManager.default.fileExists(atPath: run.project) else {
        throw PipelineError(
          .missingInput, "\(run.project): the project the report was made from is not here")
      }
      _ = try writeReport(
        project: run.project, out: out, template: run.template, keepNames: run.keepNames ?? false)
    }
    var compared: [(String, Bool)] = []
    for output in manifest.outputs {
      let fresh = SHA256.hex(ofFileAt: (out as NSString).appendingPathComponent(output.path))
      compared.append((output.path, fresh == output.sha256))
    }
    return VerifyResult(
      command: run.command, changedInputs: changed, compared: compared, edited: edited)
  }
}
