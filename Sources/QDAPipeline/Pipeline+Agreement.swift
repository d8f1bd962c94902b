import Foundation
public import QDAAgreement
import QDAModel
import QDAStore

extension Pipeline {
  /// The coder name a consensus step records agreed codings under.
  public static let consensusCoder = "consensus"

  /// Agreement between coders on the project's passages: per code, per CHAT element and overall,
  /// at passage level and, for two coders, at character level.
  ///
  /// The passages compared are the participants' (and any other passage a compared coder coded)
  /// in the documents every compared coder reviewed, a coder having reviewed a document when
  /// they coded something in it.
  ///
  /// - Parameters:
  ///   - path: the project file.
  ///   - coders: the coders to compare; every named coder except `auto` and `consensus` when nil.
  ///     Naming `auto` compares the rules with people.
  /// - Throws: `PipelineError` when fewer than two coders are found or named, or a named coder
  ///   has no codings.
  public func agreement(project path: String, coders: [String]? = nil) throws -> ReliabilityReport {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
      }
      let input = try ComparisonInput(project: project, path: path, coders: coders)
      let characters: CharacterComparison? =
        input.coders.count == 2
        ? try CharacterComparison(
          spans: input.spans, documentLengths: input.lengths, firstCoder: input.coders[0],
          secondCoder: input.coders[1])
        : nil
      return ReliabilityReport(
        comparison: input.comparison, characters: characters, codebook: codebook)
    }
  }
}

/// The coders' codings read from a project and placed on its passages.
struct ComparisonInput {
  var coders: [String]
  var comparison: PassageComparison
  var spans: [CodedSpan]
  var lengths: [String: Int]
  /// Every passage by id, with its document's key.
  var passages: [Int64: (passage: Passage, document: String)]
  /// The compared coders' codings.
  var codings: [Coding]

  init(project: Project, path: String, coders named: [String]?) throws {
    let all = try project.codings()
    let present = Set(all.map(\.coder))
    let coders: [String]
    if let named {
      let unique = named.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      guard unique.count >= 2 else {
        throw PipelineError(.invalidOption, "name at least two different coders (--coders ana,ben)")
      }
      for coder in unique where !present.contains(coder) {
        throw PipelineError(
          .notFound,
          "\(coder) has no codings in \(path); coders with codings: \(present.sorted().joined(separator: ", "))"
        )
      }
      coders = unique
    } else {
      coders = present.filter { !Coding.isMachine($0) && $0 != Pipeline.consensusCoder }.sorted()
      guard coders.count >= 2 else {
        let found = coders.isEmpty ? "no one has" : "only \(coders[0]) has"
        throw PipelineError(
          .invalidOption,
          "agreement needs two coders, but \(found) coded by hand in \(path); import a second coder's work with `qda code import`, or compare with the rules: --coders \(coders.first ?? "ana"),auto"
        )
      }
    }
    let compared = Set(coders)
    let codings = all.filter { compared.contains($0.coder) }
    let codedPassages = Set(codings.map(\.passageID))

    var passages: [Int64: (passage: Passage, document: String)] = [:]
    var locations: [PassageLocation] = []
    var lengths: [String: Int] = [:]
    for document in try project.documents() {
      guard let documentID = document.id else { continue }
      lengths[document.key] = document.text.unicodeScalars.count
      for passage in try project.passages(documentID: documentID) {
        guard let id = passage.id else { continue }
        passages[id] = (passage, document.key)
        if passage.role != .interviewer || codedPassages.contains(id) {
          locations.append(PassageLocation(passage, document: document.key))
        }
      }
    }
    let placed = codings.compactMap { coding in
      passages[coding.passageID].map { PassageCoding(coding, document: $0.document) }
    }
    self.coders = coders
    self.codings = codings
    self.passages = passages
    self.lengths = lengths
    spans = codings.compactMap { coding in
      passages[coding.passageID].map { CodedSpan(coding, document: $0.document) }
    }
    comparison = try PassageComparison(passages: locations, codings: placed, coders: coders)
  }
}
