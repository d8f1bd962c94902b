import Foundation
public import QDACoding
public import QDAModel
import QDAStore

/// A suggestion with what the coder needs to answer it.
public struct SuggestionListing: Sendable {
  public var suggestion: Suggestion
  public var codeName: String
  public var documentKey: String
  public var participant: String
  public var passageText: String
}

extension Pipeline {
  /// Suggests codes for the passages a coder has not reviewed yet, from what that coder did in
  /// the documents they coded, and stores them as open suggestions (replacing earlier open ones;
  /// answered ones are kept and never suggested again).
  ///
  /// - Parameters:
  ///   - path: the project file.
  ///   - coder: whose work to learn from.
  ///   - minimumScore: the lowest probability worth suggesting.
  /// - Throws: `PipelineError` when the coder has coded nothing, or too little to learn from.
  public func suggest(project path: String, coder: String, minimumScore: Double = 0.5) throws
    -> [SuggestionListing]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      let corpus = try SuggestionCorpus(project: project, coder: coder, path: path)
      let classifier = CodeClassifier(training: corpus.training.map(\.passage))
      guard !classifier.codes.isEmpty else {
        throw PipelineError(
          .invalidOption,
          "\(coder) has applied no code to two passages or more yet; code more by hand first")
      }
      var suggestions: [Suggestion] = []
      for (id, passage) in corpus.candidates {
        for (code, score) in classifier.scores(for: passage) where score >= minimumScore {
          suggestions.append(Suggestion(passageID: id, codeID: code, coder: coder, score: score))
        }
      }
      let now = environment.now()
      let stored = try project.replaceOpenSuggestions(coder: coder, with: suggestions, at: now)
      try project.log(
        command: "suggest",
        summary:
          "\(stored.count) suggestions for \(coder) on \(corpus.candidates.count) passages, learned from \(corpus.training.count)",
        at: now)
      return try listings(stored, in: project)
    }
  }

  /// A coder's suggestions, best first.
  public func listSuggestions(
    project path: String, coder: String? = nil, status: Suggestion.Status? = .open
  ) throws
    -> [SuggestionListing]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      try listings(try project.suggestions(coder: coder, status: status), in: project)
    }
  }

  /// Accepts suggestions: each becomes the coder's coding of the whole passage.
  ///
  /// - Returns: the codings' ids.
  public func acceptSuggestions(project path: String, ids: [Int64]) throws -> [Int64] {
    try answerSuggestions(project: path, ids: ids, status: .accepted)
  }

  /// Rejects suggestions; they are kept so they are not suggested again.
  public func rejectSuggestions(project path: String, ids: [Int64]) throws {
    _ = try answerSuggestions(project: path, ids: ids, status: .rejected)
  }

  /// Cross-validates suggestions learned from a coder against the coder's own codings.
  public func evaluateSuggestions(
    project path: String, coder: String, folds: Int = 5, threshold: Double = 0.5
  ) throws
    -> SuggestionEvaluation
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
      }
      let corpus = try SuggestionCorpus(project: project, coder: coder, path: path)
      let documents = Set(corpus.training.map(\.passage.document))
      guard documents.count >= 2 else {
        throw PipelineError(
          .invalidOption,
          "\(coder) has coded \(documents.count) document; cross-validation needs at least two")
      }
      return SuggestionEvaluation(
        passages: corpus.training.map(\.passage), codebook: codebook, folds: folds,
        threshold: threshold)
    }
  }

  // MARK: - Private

  private func answerSuggestions(project path: String, ids: [Int64], status: Suggestion.Status)
    throws -> [Int64]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      let now = environment.now()
      var codings: [Int64] = []
      for id in ids {
        guard let suggestion = try project.suggestion(id: id) else {
          throw PipelineError(.notFound, "no suggestion \(id)")
        }
        guard suggestion.status == .open else {
          throw PipelineError(
            .invalidOption, "suggestion \(id) was already \(suggestion.status.rawValue)")
        }
        if status == .accepted {
          guard let passage = try project.passage(id: suggestion.passageID) else { continue }
          codings.append(
            try project.addCoding(
              Coding(
                passageID: suggestion.passageID, codeID: suggestion.codeID, coder: suggestion.coder,
                span: passage.span,
                memo: String(format: "accepted suggestion (score %.2f)", suggestion.score)),
              createdAt: now))
        }
        try project.answerSuggestion(id: id, status: status, at: now)
      }
      try project.log(
        command: "suggest \(status == .accepted ? "accept" : "reject")",
        summary: "suggestions \(ids.map(String.init).joined(separator: ", "))", at: now)
      return codings
    }
  }

  private func listings(_ suggestions: [Suggestion], in project: Project) throws
    -> [SuggestionListing]
  {
    let codebook = try Instruments.storedCodebook(project)
    var documents: [Int64: Document] = [:]
    for document in try project.documents() { if let id = document.id { documents[id] = document } }
    return try suggestions.compactMap { suggestion in
      guard let passage = try project.passage(id: suggestion.passageID),
        let document = passage.documentID.flatMap({ documents[$0] })
      else { return nil }
      return SuggestionListing(
        suggestion: suggestion,
        codeName: codebook?.code(suggestion.codeID)?.name ?? suggestion.codeID,
        documentKey: document.key, participant: document.participantID, passageText: passage.text)
    }
  }
}

/// A project's passages split for learning from one coder: those the coder reviewed (with the
/// codes they applied) and the participants' passages in documents the coder has not coded.
struct SuggestionCorpus {
  var training: [(id: Int64, passage: ClassifiedPassage)] = []
  var candidates: [(id: Int64, passage: ClassifiedPassage)] = []

  init(project: Project, coder: String, path: String) throws {
    let all = try project.codings()
    let mine = all.filter { $0.coder == coder }
    guard !mine.isEmpty else {
      let coders = Set(all.map(\.coder)).filter { !Coding.isMachine($0) }.sorted()
      throw PipelineError(
        .notFound,
        "\(coder) has no codings in \(path)"
          + (coders.isEmpty ? "" : "; coders: \(coders.joined(separator: ", "))"))
    }
    var codesByPassage: [Int64: Set<String>] = [:]
    for coding in mine { codesByPassage[coding.passageID, default: []].insert(coding.codeID) }
    var rulesByPassage: [Int64: Set<String>] = [:]
    // The rules that fired are facts about a passage, except when learning from the rules themselves.
    for coding in all where coding.isAutomatic && !Coding.isMachine(coder) {
      rulesByPassage[coding.passageID, default: []].insert(coding.codeID)
    }

    for document in try project.documents() {
      guard let documentID = document.id else { continue }
      let passages = try project.passages(documentID: documentID)
      let reviewed = passages.contains { $0.id.map { codesByPassage[$0] != nil } ?? false }
      for passage in passages {
        guard let id = passage.id else { continue }
        let codes = codesByPassage[id] ?? []
        guard passage.role != .interviewer || !codes.isEmpty else { continue }
        var facts = (rulesByPassage[id] ?? []).sorted().map { "rule:" + $0 }
        if let question = passage.questionID { facts.append("question:" + question) }
        let classified = ClassifiedPassage(
          text: passage.text, facts: facts, codes: codes, document: document.key)
        if reviewed {
          training.append((id, classified))
        } else {
          candidates.append((id, classified))
        }
      }
    }
  }
}
