import Foundation
public import QDAModel
public import QDAQuery
import QDACoding
import QDAEncoder
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
  /// Best match first (bm25, words only) instead of document order (documents as imported,
  /// passages by position; see `SearchOrder`). Ranking reads every match first.
  public var ranked: Bool
  /// Only these passages (a link to a contradiction's passages); nil: any.
  public var passageIDs: [Int64]?
  public var limit: Int?
  /// Rank a question in plain words by meaning when the sentence model is installed (false:
  /// by its words alone).
  public var byMeaning = true
  /// More like this passage: other participants' sentences ranked by meaning against its text
  /// (the filters still apply; `text` is not used).
  public var likePassage: Int64?

  public init(
    text: String = "", code: String? = nil, element: Element? = nil, coder: String? = nil,
    conditions: [AttributeCondition] = [], role: SpeakerRole? = nil, document: String? = nil,
    question: String? = nil,
    ranked: Bool = false, limit: Int? = nil
  ) {
    self.text = text
    self.code = code
    self.element = element
    self.coder = coder
    self.conditions = conditions
    self.role = role
    self.document = document
    self.question = question
    self.ranked = ranked
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
  /// bm25 rank; lower is better (only for a ranked text query).
  public var rank: Double?
}

/// What a search found, and how it ordered it.
public struct QueryResult: Sendable {
  public enum Order: String, Sendable {
    /// Documents as imported, passages by position (no words, or expert syntax unranked).
    case document
    /// bm25 over the words.
    case words
    /// The sentence encoder's similarity blended with the words (`MeaningRanking`): each hit is
    /// one sentence of a passage.
    case meaning
  }

  public var hits: [QueryHit]
  /// How many passages (sentences, by meaning) matched in all.
  public var total: Int
  public var order: Order
  /// Something the person asking should know (why the search was not by meaning).
  public var note: String?
}

/// A theme count: passages and distinct participants per value.
public struct QueryCount: Sendable, Hashable {
  public var value: String
  public var participants: Int
  public var passages: Int
  public var passageIDs: [Int64]
}

extension Pipeline {
  /// Runs a query: the full-text match (when there are words) and the filters, in document
  /// order or, ranked, best first.
  ///
  /// - Returns: the hits (up to the limit) and how many passages matched in all.
  /// - Throws: `QueryError` for a malformed query or an unknown code or attribute.
  public func query(project path: String, _ request: QueryRequest) throws -> (
    hits: [QueryHit], total: Int
  ) {
    let result = try search(project: path, request)
    return (result.hits, result.total)
  }

  /// Runs a query as `query` does, and says how it ordered what it found: a question in plain
  /// words is ranked by meaning when the sentence model is installed (its sentences and the
  /// interviewer's questions are embedded once and kept in the project), else by its words.
  public func search(project path: String, _ request: QueryRequest) throws -> QueryResult {
    var result = try searchOnce(project: path, request)
    // Nothing found under attribute conditions: say which condition matched nobody, and what
    // values the attribute has.
    if result.hits.isEmpty, !request.conditions.isEmpty {
      let participants = try ProjectStore(path: path, mustExist: true).read { project in
        try project.participants(attributes: request.conditions.map(\.attribute))
      }
      let explanations = request.conditions.compactMap { $0.explanation(participants) }
      if !explanations.isEmpty {
        result.note = ([result.note].compactMap { $0 } + explanations).joined(separator: "; ")
      }
    }
    return result
  }

  func searchOnce(project path: String, _ request: QueryRequest) throws -> QueryResult {
    let store = try ProjectStore(path: path, mustExist: true)
    if let like = request.likePassage {
      guard
        let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
      else {
        throw PipelineError(
          .invalidOption,
          "passages like another are found by meaning, which needs the sentence model; "
            + ModelLocation.installHint)
      }
      return try store.write { project in
        guard let passage = try project.passage(id: like) else {
          throw QueryError(
            "passage \(like) is not in \(path) (the passage column of a search lists the ids)")
        }
        var filters = request
        filters.text = ""
        return try meaningMatches(
          filters, question: passage.text, words: [], encoder: encoder, in: project, path: path,
          excluding: like)
      }
    }
    let text = try SearchText(request.text)
    guard case .plain(let question, let words, _) = text, request.role != .interviewer else {
      let found = try store.read { project in
        try matches(request, in: project, path: path, limit: request.limit)
      }
      let ranked = request.ranked || { if case .plain = text { true } else { false } }()
      return QueryResult(
        hits: found.hits, total: found.total, order: ranked && text != .empty ? .words : .document)
    }
    if words.isEmpty, case .plain(_, _, let phrases) = text, phrases.isEmpty {
      throw QueryError(
        "'\(question)' has no word to search for; ask about something (for example: what did they say about time?)"
      )
    }
    var note: String?
    if request.byMeaning {
      if let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
      {
        return try store.write { project in
          try meaningMatches(
            request, question: question, words: words, encoder: encoder, in: project, path: path)
        }
      }
      note =
        "ranked by the question's words: searching by meaning needs the sentence model; "
        + ModelLocation.installHint
    }
    let found = try store.read { project in
      try matches(request, in: project, path: path, limit: request.limit)
    }
    return QueryResult(hits: found.hits, total: found.total, order: .words, note: note)
  }

  /// A question's answers by meaning: every participant sentence the filters keep, ranked by
  /// `MeaningRanking`, one hit per sentence.
  func meaningMatches(
    _ request: QueryRequest, question: String, words: [String], encoder: SentenceEncoder,
    in project: Project, path: String,
    excluding: Int64? = nil
  ) throws -> QueryResult {
    var filters = request
    filters.text = ""
    filters.ranked = false
    let candidates = try matches(filters, in: project, path: path, limit: nil).hits
    let byID = Dictionary(
      candidates.compactMap { hit in hit.passage.id.map { ($0, hit) } },
      uniquingKeysWith: { a, _ in a })
    var units: [CodingUnit] = []
    for documentID in Set(candidates.compactMap(\.passage.documentID)).sorted() {
      guard let document = try project.document(id: documentID) else { continue }
      units += CodingUnit.units(
        of: try project.passages(documentID: documentID), document: document.key
      ).filter {
        byID[$0.passageID] != nil && $0.passageID != excluding
      }
    }
    // The codes on each sentence, and each code read as its name, definition and examples.
    var codings: [Int64: [Coding]] = [:]
    for documentID in Set(units.compactMap { byID[$0.passageID]?.passage.documentID }) {
      for coding in try project.codings(CodingFilter(documentID: documentID)) {
        codings[coding.passageID, default: []].append(coding)
      }
    }
    let codebook = try Instruments.storedCodebook(project)
    let profiles = Dictionary(
      (codebook?.codes ?? []).map { code in
        (code.id, ([code.name + ".", code.definition] + code.examples).joined(separator: " "))
      }, uniquingKeysWith: { a, _ in a })
    // The question's topic is embedded, not the people it names ("what did principals say
    // about …": every answer is a principal's).
    let topic = excluding == nil ? SearchText.focus(of: question) : question
    let vectors = try vectors(
      for: [topic] + units.flatMap(\.texts) + profiles.values, encoder: encoder, in: project)
    guard let questionVector = vectors[topic] else {
      throw QueryError("the question '\(question)' could not be embedded")
    }
    let ranking = MeaningRanking(
      question: questionVector, words: words, codes: profiles.compactMapValues { vectors[$0] })
    let ranked = ranking.ranked(
      units.map { unit in
        MeaningRanking.Candidate(
          sentence: vectors[unit.text] ?? [],
          context: unit.context.isEmpty ? nil : vectors[unit.context],
          neighbours: [unit.previous, unit.next].compactMap { $0.flatMap { vectors[$0] } },
          text: unit.text,
          codes: Set(
            (codings[unit.passageID] ?? []).filter { unit.isLabelled(by: $0.span) }.map(\.codeID)))
      })
    // Each sentence shown once: a short one shown with its neighbour is not shown again alone,
    // nor the neighbour.
    var shown: Set<String> = []
    var hits: [QueryHit] = []
    for item in ranked {
      if let limit = request.limit, hits.count >= limit { break }
      let unit = units[item.index]
      guard var hit = byID[unit.passageID], !shown.contains("\(unit.passageID)|\(unit.text)") else {
        continue
      }
      let quote = Self.quote(unit)
      let neighbour =
        quote == unit.text ? nil : (quote.hasPrefix(unit.text) ? unit.next : unit.previous)
      let alone = neighbour.map { shown.contains("\(unit.passageID)|\($0)") } ?? true
      hit.snippet = alone ? unit.text : quote
      hit.rank = -Double(item.score)
      shown.insert("\(unit.passageID)|\(unit.text)")
      if !alone, let neighbour { shown.insert("\(unit.passageID)|\(neighbour)") }
      hits.append(hit)
    }
    return QueryResult(hits: hits, total: units.count, order: .meaning)
  }

  /// Counts the passages a query finds by an attribute's values, by code, or by element.
  public func queryCounts(project path: String, _ request: QueryRequest, by dimension: String)
    throws -> [QueryCount]
  {
    try queryCounts(project: path, request, by: [dimension])[0]
  }

  /// The counts of one query by each of several dimensions, the passages read once (the
  /// dashboard counts by element and by code).
  public func queryCounts(project path: String, _ request: QueryRequest, by dimensions: [String])
    throws -> [[QueryCount]]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let hits = try members(request, in: project, path: path)
      let codebook = try Instruments.storedCodebook(project)
      return try dimensions.map { dimension in
        // Each hit is another passage, added to a group at most once (its codes and elements are
        // sets), so a group's list is appended to in place: copying a group out to add one passage
        // and searching its list made the dashboard of 1,000 interviews take 14 s.
        var groups: [String: (participants: Set<String>, passages: [Int64])] = [:]
        func add(_ value: String, _ hit: (id: Int64, participant: String, codes: [String])) {
          groups[value, default: ([], [])].participants.insert(hit.participant)
          groups[value, default: ([], [])].passages.append(hit.id)
        }
        switch dimension.lowercased() {
        case "code":
          for hit in hits { for code in hit.codes { add(code, hit) } }
        case "element":
          for hit in hits {
            for element in Set(hit.codes.compactMap { codebook?.code($0)?.element?.rawValue }) {
              add(element, hit)
            }
          }
        default:
          let attributes = try project.attributes()
          guard
            let attribute = attributes.first(where: {
              $0.name.lowercased() == dimension.lowercased()
            })
          else {
            throw QueryError(
              "--count-by \(dimension): not an attribute, code or element; attributes: \(attributes.map(\.name).joined(separator: ", "))"
            )
          }
          let participants = Dictionary(
            try project.participants(attributes: [attribute.name]).map { ($0.id.lowercased(), $0) },
            uniquingKeysWith: { a, _ in a })
          let name = attribute.name.lowercased()
          for hit in hits {
            let value = participants[hit.participant.lowercased()]?.attributes.first {
              $0.key.lowercased() == name
            }?.value
            add(value.map(Self.describe) ?? "(none)", hit)
          }
        }
        return groups.map {
          QueryCount(
            value: $0.key, participants: $0.value.participants.count,
            passages: $0.value.passages.count, passageIDs: $0.value.passages)
        }
        .sorted {
          ($0.participants, $0.passages, $1.value) > ($1.participants, $1.passages, $0.value)
        }
      }
    }
  }

  static func describe(_ value: AttributeValue) -> String {
    switch value {
    case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
    case .yesNo(let flag): flag ? "yes" : "no"
    case .category(let text): text
    }
  }

  /// A sentence as a search shows it: with the sentence before it (or after it, at a passage's
  /// start) when it is too short to read alone ("Not for a working principal it isn't.").
  static func quote(_ unit: CodingUnit) -> String {
    guard unit.text.split(separator: " ").count < 8 else { return unit.text }
    if let previous = unit.previous { return previous + " " + unit.text }
    if let next = unit.next { return unit.text + " " + next }
    return unit.text
  }

  func matches(_ request: QueryRequest, in project: Project, path: String, limit: Int?) throws -> (
    hits: [QueryHit], total: Int
  ) {
    var search = try passageSearch(request, in: project, path: path)
    search.limit = limit
    let found: (hits: [PassageSearchHit], total: Int)
    do {
      found = try project.search(search)
    } catch let error as StoreError {
      throw QueryError(error.message)
    }
    // Codes only of the passages returned.
    var codesByPassage: [Int64: Set<String>] = [:]
    for application in try project.codeApplications(passages: found.hits.compactMap(\.passage.id)) {
      codesByPassage[application.passageID, default: []].insert(application.codeID)
    }
    let hits = found.hits.map { hit in
      QueryHit(
        passage: hit.passage, documentKey: hit.documentKey, participant: hit.participant,
        codes: (codesByPassage[hit.passage.id ?? -1] ?? []).sorted(), snippet: hit.snippet,
        rank: hit.rank)
    }
    return (hits, found.total)
  }

  /// Every passage a query finds, as its id, participant and codes: what a count needs, without
  /// the passages' rows.
  func members(_ request: QueryRequest, in project: Project, path: String) throws -> [(
    id: Int64, participant: String, codes: [String]
  )] {
    let search = try passageSearch(request, in: project, path: path)
    let found: [(id: Int64, participant: String)]
    do {
      found = try project.searchMembers(search)
    } catch let error as StoreError {
      throw QueryError(error.message)
    }
    var codesByPassage: [Int64: Set<String>] = [:]
    for application in try project.codeApplications(passages: found.map(\.id)) {
      codesByPassage[application.passageID, default: []].insert(application.codeID)
    }
    return found.map { ($0.id, $0.participant, (codesByPassage[$0.id] ?? []).sorted()) }
  }

  /// The store's search for a query, its filters checked against the project (an unknown code,
  /// attribute or document is an error naming what exists).
  func passageSearch(_ request: QueryRequest, in project: Project, path: String) throws
    -> PassageSearch
  {
    let searchText = try SearchText(request.text)
    let text = searchText.fullText
    if case .plain(let question, let words, let phrases) = searchText, words.isEmpty,
      phrases.isEmpty
    {
      throw QueryError(
        "'\(question)' has no word to search for; ask about something (for example: what did they say about time?)"
      )
    }
    guard let codebook = try Instruments.storedCodebook(project) else {
      throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
    }
    if let code = request.code, codebook.code(code) == nil {
      let near = codebook.codes.filter {
        $0.id.hasSuffix("." + code) || $0.name.lowercased() == code.lowercased()
      }.map(\.id)
      throw QueryError(
        "--code \(code): no such code"
          + (near.isEmpty
            ? "; see the codebook" : " (did you mean \(near.joined(separator: ", "))?)"))
    }
    let attributes = Set(try project.attributes().map { $0.name.lowercased() })
    for condition in request.conditions where !attributes.contains(condition.attribute.lowercased())
    {
      throw QueryError(
        "--where \(condition): no attribute '\(condition.attribute)'; attributes: \(try project.attributes().map(\.name).joined(separator: ", "))"
      )
    }
    if let key = request.document, try project.document(key) == nil {
      throw QueryError("--document \(key): no such document")
    }
    // Everything narrows in SQLite: the words, the speaker, the document, the question, the
    // codes (their sub-codes included) and the participants the attribute conditions allow.
    var search = PassageSearch()
    search.text = text
    search.role = request.role?.rawValue
    search.documentKey = request.document
    search.questionID = request.question
    // A question in plain words is ranked (any of its words matches); expert syntax as asked.
    if case .plain = searchText {
      search.order = .relevance
    } else {
      search.order = request.ranked ? .relevance : .document
    }
    search.passageIDs = request.passageIDs
    if request.code != nil || request.element != nil {
      var codes = codebook.codes.map(\.id)
      if let code = request.code {
        codes = codes.filter { $0 == code || codebook.isDescendant($0, of: code) }
      }
      if let element = request.element {
        codes = codes.filter { codebook.code($0)?.element == element }
      }
      search.codeIDs = codes
      search.coder = request.coder
    }
    if !request.conditions.isEmpty {
      search.participants = try project.participants(
        attributes: request.conditions.map(\.attribute)
      ).filter { participant in
        request.conditions.allSatisfy { $0.matches(participant) }
      }.map(\.id)
    }
    return search
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

/// A theme among a question's answers: sentences close in meaning, with a label of their own
/// words, the sentence that stands for them, and who said them.
public struct QueryTheme: Sendable {
  public var label: String
  /// The sentence closest to the theme's mean.
  public var quote: String
  /// Distinct interviewees, and survey respondents counted apart.
  public var participants: [String]
  public var respondents: [String]
  public var hits: [QueryHit]
  public var passageIDs: [Int64] { Array(Set(hits.compactMap(\.passage.id))).sorted() }
}

extension Pipeline {
  /// A question's answers grouped into at most `count` themes by meaning (`ThemeGrouping`), the
  /// largest first: the sentences a meaning search returns (its limit, 50 by default), each
  /// theme with its label, representative quote and distinct participants.
  ///
  /// - Throws: when the question is not asked in plain words, or the sentence model is missing.
  public func themes(project path: String, _ request: QueryRequest, count: Int = 5) throws
    -> [QueryTheme]
  {
    var asked = request
    asked.limit = request.limit ?? 50
    let result = try search(project: path, asked)
    guard result.order == .meaning else {
      throw PipelineError(
        .invalidOption,
        result.note
          ?? "themes group a question in plain words by meaning; ask a question rather than expert syntax"
      )
    }
    return try themes(project: path, of: result, asked: request, count: count)
  }

  /// The sentences of a search already made by meaning, grouped into at most `count` themes
  /// (none when it was not by meaning).
  public func themes(
    project path: String, of result: QueryResult, asked request: QueryRequest, count: Int = 5
  ) throws
    -> [QueryTheme]
  {
    guard result.order == .meaning, count > 0, !result.hits.isEmpty,
      let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
    else {
      return []
    }
    let store = try ProjectStore(path: path, mustExist: true)
    let (vectors, surveyDocuments) = try store.write { project in
      let vectors = try self.vectors(for: result.hits.map(\.snippet), encoder: encoder, in: project)
      var survey: Set<Int64> = []
      for id in Set(result.hits.compactMap(\.passage.documentID))
      where try project.document(id: id)?.format == .survey {
        survey.insert(id)
      }
      return (vectors, survey)
    }
    var exclude: Set<String> = []
    if case .plain(_, let words, _) = try SearchText(request.text) { exclude = Set(words) }
    let groups = ThemeGrouping.group(
      vectors: result.hits.map { vectors[$0.snippet] ?? [] }, texts: result.hits.map(\.snippet),
      count: count, exclude: exclude)
    return groups.map { group in
      let hits = group.members.map { result.hits[$0] }
      let fromSurvey = hits.filter { $0.passage.documentID.map(surveyDocuments.contains) ?? false }
      let fromInterviews = hits.filter {
        !($0.passage.documentID.map(surveyDocuments.contains) ?? false)
      }
      return QueryTheme(
        label: group.label, quote: result.hits[group.representative].snippet,
        participants: Array(Set(fromInterviews.map(\.participant))).sorted(),
        respondents: Array(Set(fromSurvey.map(\.participant))).sorted(), hits: hits)
    }
  }
}

extension Pipeline {
  /// The project's revision (`Project.revision`): what a page made from the project is current
  /// for.
  public func revision(project path: String) throws -> Int64 {
    try ProjectStore(path: path, mustExist: true).read { try $0.revision() }
  }
}
