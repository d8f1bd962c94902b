import Foundation
public import QDAModel
public import QDAQuery
import QDAStore

/// What a program designer asks: words (FTS5 syntax, stemmed) and filters.
public struct QueryRequest: Sendable {
  public var text: String
  /// A code (its sub-codes included).
  public var code: String?
  public var element: Element?
  /// Only codings by this coder count for `code` and `element`.
  public var coder: String?
  public var conditions: [AttributeCondition]
  public var role: SpeakerRole?
  public var document: String?
  /// A protocol question or survey item id.
  public var question: String?
  public var limit: Int?

  public init(
    text: String = "", code: String? = nil, element: Element? = nil, coder: String? = nil,
    conditions: [AttributeCondition] = [], role: SpeakerRole? = nil, document: String? = nil, question: String? = nil,
    limit: Int? = nil
  ) {
    self.text = text
    self.code = code
    self.element = element
    self.coder = coder
    self.conditions = conditions
    self.role = role
    self.document = document
    self.question = question
    self.limit = limit
  }
}

/// One passage a query found.
public struct QueryHit: Sendable {
  public var passage: Passage
  public var documentKey: String
  public var participant: String
  /// The codes on the passage (any coder), sorted.
  public var codes: [String]
  /// The words around the match, matched words between « and »; the passage itself without a
  /// text query.
  public var snippet: String
  /// bm25 rank; lower is better (nil without a text query).
  public var rank: Double?
}

/// A theme count: passages and distinct participants per value.
public struct QueryCount: Sendable, Hashable {
  public var value: String
  public var participants: Int
  public var passages: Int
  public var passageIDs: [Int64]
}

extension Pipeline {
  /// Runs a query: the full-text match (when there are words), then the filters, best first.
  ///
  /// - Returns: the hits (up to the limit) and how many passages matched in all.
  /// - Throws: `QueryError` for a malformed query or an unknown code or attribute.
  public func query(project path: String, _ request: QueryRequest) throws -> (hits: [QueryHit], total: Int) {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let matched = try matches(request, in: project, path: path)
      let limited = request.limit.map { Array(matched.prefix($0)) } ?? matched
      return (limited, matched.count)
    }
  }

  /// Counts the passages a query finds by an attribute's values, by code, or by element.
  public func queryCounts(project path: String, _ request: QueryRequest, by dimension: String) throws -> [QueryCount] {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let hits = try matches(request, in: project, path: path)
      let codebook = try Instruments.storedCodebook(project)
      var groups: [String: (participants: Set<String>, passages: [Int64])] = [:]
      func add(_ value: String, _ hit: QueryHit) {
        var entry = groups[value] ?? ([], [])
        entry.participants.insert(hit.participant)
        if let id = hit.passage.id, !entry.passages.contains(id) { entry.passages.append(id) }
        groups[value] = entry
      }
      switch dimension.lowercased() {
      case "code":
        for hit in hits { for code in hit.codes { add(code, hit) } }
      case "element":
        for hit in hits {
          for element in Set(hit.codes.compactMap { codebook?.code($0)?.element?.rawValue }) { add(element, hit) }
        }
      default:
        let participants = Dictionary(try project.participants().map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let attributes = try project.attributes()
        guard let attribute = attributes.first(where: { $0.name.lowercased() == dimension.lowercased() }) else {
          throw QueryError(
            "--count-by \(dimension): not an attribute, code or element; attributes: \(attributes.map(\.name).joined(separator: ", "))")
        }
        for hit in hits {
          let value = participants[hit.participant.lowercased()]?.attributes.first { $0.key.lowercased() == attribute.name.lowercased() }?.value
          add(value.map(Self.describe) ?? "(none)", hit)
        }
      }
      return groups.map { QueryCount(value: $0.key, participants: $0.value.participants.count, passages: $0.value.passages.count, passageIDs: $0.value.passages) }
        .sorted { ($0.participants, $0.passages, $1.value) > ($1.participants, $1.passages, $0.value) }
    }
  }

  static func describe(_ value: AttributeValue) -> String {
    switch value {
    case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
    case .yesNo(let flag): flag ? "yes" : "no"
    case .category(let text): text
    }
  }

  func matches(_ request: QueryRequest, in project: Project, path: String) throws -> [QueryHit] {
    let text = try FullTextQuery.check(request.text)
    guard let codebook = try Instruments.storedCodebook(project) else {
      throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
    }
    if let code = request.code, codebook.code(code) == nil {
      let near = codebook.codes.filter { $0.id.hasSuffix("." + code) || $0.name.lowercased() == code.lowercased() }.map(\.id)
      throw QueryError("--code \(code): no such code" + (near.isEmpty ? "; see the codebook" : " (did you mean \(near.joined(separator: ", "))?)"))
    }
    let attributes = Set(try project.attributes().map { $0.name.lowercased() })
    for condition in request.conditions where !attributes.contains(condition.attribute.lowercased()) {
      throw QueryError("--where \(condition): no attribute '\(condition.attribute)'; attributes: \(try project.attributes().map(\.name).joined(separator: ", "))")
    }
    var documents: [Int64: (key: String, participant: String)] = [:]
    for entry in try project.documentIndex() { documents[entry.id] = (entry.key, entry.participant) }
    if let key = request.document, !documents.values.contains(where: { $0.key == key }) {
      throw QueryError("--document \(key): no such document")
    }
    let participants = Dictionary(try project.participants().map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })

    var ranked: [(passage: Passage, rank: Double?, snippet: String)] = []
    if text.isEmpty {
      ranked = try project.passages().map { ($0, nil, $0.text) }
    } else {
      let found: [FullTextMatch]
      do {
        found = try project.fullTextMatches(text)
      } catch let error as StoreError {
        throw QueryError(error.message)
      }
      for match in found {
        guard let passage = try project.passage(id: match.passageID) else { continue }
        ranked.append((passage, match.rank, match.snippet))
      }
    }
    // Codes only of the passages in play (all of them without words).
    var codesByPassage: [Int64: Set<String>] = [:]
    var filteredCodes: [Int64: Set<String>] = [:]
    for application in try project.codeApplications(passages: text.isEmpty ? nil : ranked.compactMap(\.passage.id)) {
      codesByPassage[application.passageID, default: []].insert(application.codeID)
      if request.coder == nil || request.coder == application.coder {
        filteredCodes[application.passageID, default: []].insert(application.codeID)
      }
    }
    var hits: [QueryHit] = []
    for (passage, rank, snippet) in ranked {
      guard let id = passage.id, let documentID = passage.documentID, let document = documents[documentID] else { continue }
      if let role = request.role, passage.role != role { continue }
      if let key = request.document, document.key != key { continue }
      if let question = request.question, passage.questionID != question { continue }
      let codes = filteredCodes[id] ?? []
      if let code = request.code, !codes.contains(where: { $0 == code || codebook.isDescendant($0, of: code) }) { continue }
      if let element = request.element, !codes.contains(where: { codebook.code($0)?.element == element }) { continue }
      let participant = participants[document.participant.lowercased()]
      guard request.conditions.allSatisfy({ $0.matches(participant) }) else { continue }
      hits.append(
        QueryHit(
          passage: passage, documentKey: document.key, participant: document.participant,
          codes: (codesByPassage[id] ?? []).sorted(), snippet: snippet, rank: rank))
    }
    return hits
  }
}

extension Pipeline {
  /// The project's codebook, read without the rest of the project.
  public func codebook(project path: String) throws -> Codebook {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
      }
      return codebook
    }
  }
}
