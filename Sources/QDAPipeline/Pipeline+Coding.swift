import Foundation
public import QDAModel
import QDAStore
import QDAText

/// Where a manual coding goes: a passage (whole or a span of it), or a quote in a document.
public struct CodingTarget: Sendable {
  public var passageID: Int64?
  public var document: String?
  public var quote: String?
  public var start: Int?
  public var end: Int?

  public init(
    passageID: Int64? = nil, document: String? = nil, quote: String? = nil, start: Int? = nil,
    end: Int? = nil
  ) {
    self.passageID = passageID
    self.document = document
    self.quote = quote
    self.start = start
    self.end = end
  }
}

/// A coding with what a person needs to review it.
public struct CodingListing: Sendable {
  public var coding: Coding
  public var codeName: String
  public var documentKey: String
  public var participant: String
  public var quote: String
}

/// A passage with its codings, for review.
public struct PassageListing: Sendable {
  public var passage: Passage
  public var documentKey: String
  public var participant: String
  public var codings: [Coding]
}

extension Pipeline {
  /// Adds a manual coding by a named coder.
  ///
  /// - Throws: `PipelineError` or `StoreError` when the passage, span, quote or code is wrong.
  public func addCoding(
    project path: String, code: String, coder: String, target: CodingTarget, memo: String? = nil
  ) throws -> CodingListing {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      let (passage, span) = try resolve(target, in: project)
      guard let passageID = passage.id else { throw PipelineError(.notFound, "passage has no id") }
      let id = try project.addCoding(
        Coding(passageID: passageID, codeID: code, coder: coder, span: span, memo: memo),
        createdAt: environment.now())
      try project.log(
        command: "code add", summary: "coding \(id): \(code) by \(coder) on passage \(passageID)",
        at: environment.now())
      guard
        let listing = try listings(project, CodingFilter(passageID: passageID)).first(where: {
          $0.coding.id == id
        })
      else {
        throw PipelineError(.notFound, "coding \(id) vanished")
      }
      return listing
    }
  }

  /// Removes a coding by id.
  public func removeCoding(project path: String, id: Int64) throws -> Coding {
    let store = try ProjectStore(path: path, mustExist: true)
    try store.takeSnapshot(reason: "before code remove: coding \(id)", at: environment.now())
    return try store.write { project in
      let removed = try project.removeCoding(id: id)
      try project.log(
        command: "code remove", summary: "coding \(id): \(removed.codeID) by \(removed.coder)",
        at: environment.now())
      return removed
    }
  }

  /// Lists codings, filtered.
  public func listCodings(
    project path: String, coder: String? = nil, code: String? = nil, document: String? = nil
  ) throws -> [CodingListing] {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      var documentID: Int64?
      if let document {
        guard let found = try project.document(document) else {
          throw PipelineError(.notFound, "no document '\(document)' in \(path)")
        }
        documentID = found.id
      }
      return try listings(project, CodingFilter(coder: coder, codeID: code, documentID: documentID))
    }
  }

  /// Lists passages with their codings, for one document or all.
  public func listPassages(project path: String, document: String? = nil) throws -> [PassageListing]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let documents: [Document]
      if let document {
        guard let found = try project.document(document) else {
          throw PipelineError(.notFound, "no document '\(document)' in \(path)")
        }
        documents = [found]
      } else {
        documents = try project.documents()
      }
      var result: [PassageListing] = []
      for document in documents {
        guard let id = document.id else { continue }
        let codings = try project.codings(CodingFilter(documentID: id))
        for passage in try project.passages(documentID: id) {
          result.append(
            PassageListing(
              passage: passage, documentKey: document.key, participant: document.participantID,
              codings: codings.filter { $0.passageID == passage.id }))
        }
      }
      return result
    }
  }

  // MARK: - Private

  private func listings(_ project: Project, _ filter: CodingFilter) throws -> [CodingListing] {
    let codings = try project.codings(filter)
    let quotes = try project.quotes(for: codings.compactMap(\.id))
    let codebook = try Instruments.storedCodebook(project)
    var documents: [Int64: Document] = [:]
    for document in try project.documents() { if let id = document.id { documents[id] = document } }
    var passages: [Int64: Passage] = [:]
    return try codings.map { coding in
      let passage: Passage?
      if let cached = passages[coding.passageID] {
        passage = cached
      } else {
        passage = try project.passage(id: coding.passageID)
        passages[coding.passageID] = passage
      }
      let document = passage?.documentID.flatMap { documents[$0] }
      return CodingListing(
        coding: coding, codeName: codebook?.code(coding.codeID)?.name ?? coding.codeID,
        documentKey: document?.key ?? "?", participant: document?.participantID ?? "?",
        quote: coding.id.flatMap { quotes[$0] } ?? "")
    }
  }

  func resolve(_ target: CodingTarget, in project: Project) throws -> (Passage, TextSpan) {
    if let passageID = target.passageID {
      guard let passage = try project.passage(id: passageID) else {
        throw PipelineError(.notFound, "no passage \(passageID)")
      }
      if let start = target.start, let end = target.end {
        guard start < end else {
          throw PipelineError(.invalidOption, "--start must be before --end")
        }
        return (passage, TextSpan(start: start, end: end))
      }
      if let quote = target.quote {
        let scalars = Array(scalarsOf: passage.text)
        guard let local = QuoteLocator.find(quote, in: scalars).spans.first else {
          throw PipelineError(.notFound, "passage \(passageID) does not contain the quoted words")
        }
        return (
          passage,
          TextSpan(
            start: passage.span.start + local.lowerBound, end: passage.span.start + local.upperBound
          )
        )
      }
      return (passage, passage.span)
    }
    guard let key = target.document else {
      throw PipelineError(
        .invalidOption,
        "say where: --passage <id>, or --document <key> with --quote or --start/--end")
    }
    guard let document = try project.document(key), let documentID = document.id else {
      throw PipelineError(.notFound, "no document '\(key)'")
    }
    let passages = try project.passages(documentID: documentID)
    let span: TextSpan
    if let quote = target.quote {
      let scalars = Array(scalarsOf: document.text)
      let matches = QuoteLocator.find(quote, in: scalars).spans.map {
        TextSpan(start: $0.lowerBound, end: $0.upperBound)
      }
      guard let first = matches.first else {
        throw PipelineError(.notFound, "\(key) does not contain the quoted words")
      }
      // A quote that recurs is fine as long as every occurrence lies in the same passage.
      let holders = Set(
        matches.compactMap { match in passages.first(where: { $0.span.contains(match) })?.id })
      guard matches.count == 1 || holders.count == 1 else {
        throw PipelineError(
          .invalidOption,
          "the quote occurs \(matches.count) times in \(key), in different passages; quote more words, or give --start/--end"
        )
      }
      span = first
    } else if let start = target.start, let end = target.end {
      guard start < end else { throw PipelineError(.invalidOption, "--start must be before --end") }
      span = TextSpan(start: start, end: end)
    } else {
      throw PipelineError(.invalidOption, "with --document, give --quote or --start and --end")
    }
    guard let passage = passages.first(where: { $0.span.contains(span) }) else {
      throw PipelineError(
        .invalidOption, "the span \(span) of \(key) does not lie inside one passage")
    }
    return (passage, span)
  }
}
