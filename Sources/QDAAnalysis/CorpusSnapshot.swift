public import QDAModel

/// Everything the tables read, as plain values: the analysis does no I/O.
///
/// The project store builds one from a project file; tests build one by hand.
public struct CorpusSnapshot: Sendable {
  public var codebook: Codebook
  public var interviewProtocol: InterviewProtocol?
  public var attributes: [AttributeDefinition]
  /// Every participant the project knows, with or without documents.
  public var participants: [Participant] { didSet { index() } }
  public var documents: [Document] { didSet { index() } }
  /// The passages, as columns; read without their texts, they come with `textSource`.
  public var passages: PassageColumns { didSet { index() } }
  public var codings: CodingColumns { didSet { index() } }
  /// Where the texts of passages read without them are found.
  public var textSource: (any PassageTextSource)?

  public init(
    codebook: Codebook, interviewProtocol: InterviewProtocol? = nil,
    attributes: [AttributeDefinition] = [], participants: [Participant] = [],
    documents: [Document] = [], passages: [Passage] = [], codings: [Coding] = []
  ) {
    self.init(
      codebook: codebook, interviewProtocol: interviewProtocol, attributes: attributes,
      participants: participants,
      documents: documents, passageColumns: PassageColumns(passages),
      codingColumns: CodingColumns(codings))
  }

  /// A snapshot over columns; `textSource` gives the texts when `passages` keeps none.
  public init(
    codebook: Codebook, interviewProtocol: InterviewProtocol?, attributes: [AttributeDefinition],
    participants: [Participant], documents: [Document], passageColumns: PassageColumns,
    codingColumns: CodingColumns,
    textSource: (any PassageTextSource)? = nil
  ) {
    precondition(
      passageColumns.keepsTexts || textSource != nil,
      "passages without texts need a source for them")
    self.codebook = codebook
    self.interviewProtocol = interviewProtocol
    self.attributes = attributes
    self.participants = participants
    self.documents = documents
    self.passages = passageColumns
    self.codings = codingColumns
    self.textSource = textSource
    index()
  }

  // MARK: - Texts

  /// A passage's text, from the snapshot or, for a snapshot read without texts, its source.
  public func text(of passage: Passage) -> String { texts(of: [passage])[0] }

  /// Passages' texts, in order, read together (one read of the store for the lot). A passage
  /// not stored yet has no id to read by and keeps its own text.
  public func texts(of passages: [Passage]) -> [String] {
    guard !self.passages.keepsTexts, let source = textSource else { return passages.map(\.text) }
    var read = source.texts(ofPassages: passages.compactMap(\.id)).makeIterator()
    return passages.map { $0.id == nil ? $0.text : read.next().flatMap { $0 } ?? "" }
  }

  /// Throws the first failed read of a passage's text, for a snapshot read without them: what
  /// was made from the texts is kept only if this does not throw.
  public func checkTexts() throws { try textSource?.check() }

  // MARK: - Lookups

  /// Positions in `passages` and `documents` by row id (positions, not copies: a large study
  /// has millions of passages). Passages are found by binary search over their ids when these
  /// ascend, as a project's do (a table of two million ids would take 50 MB); the table is
  /// made only for passages in another order.
  private(set) var passagePosition: [Int64: Int32]? = nil
  private(set) var participantByID: [String: Participant] = [:]
  private(set) var documentPosition: [Int64: Int] = [:]
  /// Positions in `codings` of each code's codings.
  private(set) var codingPositions: [String: [Int32]] = [:]
  /// For each coding (by position), the position of its passage when a participant spoke it
  /// (not the interviewer, in a document with a participant); -1 otherwise.
  private(set) var spokenPassageOfCoding: [Int32] = []
  /// For each passage (by position), a number for its participant (-1 for none), and the
  /// participants by number: the tables' counts compare numbers, not strings.
  private(set) var participantNumberOfPassage: [Int32] = []
  private(set) var participantNames: [String] = []

  // Built from single columns: a study's millions of passages and codings are not made into
  // values here.
  private mutating func index() {
    codingPositions = [:]
    passagePosition = nil
    if !passages.idsAscend {
      var positions: [Int64: Int32] = [:]
      positions.reserveCapacity(passages.count)
      for position in passages.indices {
        if let id = passages.id(at: position), positions[id] == nil {
          positions[id] = Int32(position)
        }
      }
      passagePosition = positions
    }
    participantByID = Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    documentPosition = Dictionary(
      documents.enumerated().compactMap { i, d in d.id.map { ($0, i) } },
      uniquingKeysWith: { a, _ in a })
    for position in codings.indices {
      codingPositions[codings.codeID(at: position), default: []].append(Int32(position))
    }
    var numbers: [String: Int32] = [:]
    participantNames = []
    let numberOfDocument: [Int32] = documents.map { document in
      if let known = numbers[document.participantID] { return known }
      let number = Int32(participantNames.count)
      numbers[document.participantID] = number
      participantNames.append(document.participantID)
      return number
    }
    participantNumberOfPassage = passages.indices.map { position in
      passages.documentID(at: position).flatMap { documentPosition[$0] }.map {
        numberOfDocument[$0]
      } ?? -1
    }
    spokenPassageOfCoding = codings.indices.map { coding in
      guard let position = passageIndex(codings.passageID(at: coding)),
        passages.role(at: position) != .interviewer, participantNumberOfPassage[position] >= 0
      else { return -1 }
      return Int32(position)
    }
  }

  /// The document with this id.
  public func document(_ id: Int64?) -> Document? {
    id.flatMap { documentPosition[$0] }.map { documents[$0] }
  }

  /// The participant a passage belongs to.
  public func participant(of passage: Passage) -> String? {
    document(passage.documentID)?.participantID
  }

  /// The passage with this id.
  public func passage(_ id: Int64) -> Passage? { passageIndex(id).map { passages[$0] } }

  /// The position in `passages` of the passage with this id.
  public func passageIndex(_ id: Int64) -> Int? {
    guard let passagePosition else { return passages.position(ofAscendingID: id) }
    return passagePosition[id].map(Int.init)
  }

  /// The participant record with this id.
  public func participant(_ id: String) -> Participant? { participantByID[id] }

  /// The participants with at least one document, in participant order: the people the
  /// interview tables describe ("All 11 principals").
  public var interviewed: [String] {
    let withDocuments = Set(documents.map(\.participantID))
    var ordered = participants.map(\.id).filter { withDocuments.contains($0) }
    let listed = Set(ordered)
    for id in withDocuments.sorted() where !listed.contains(id) { ordered.append(id) }
    return ordered
  }

  /// Codings of a code or any code below it, in the order of `codings`.
  public func codings(under codeID: String) -> [Coding] {
    codingPositions(under: codeID).map { codings[$0] }
  }

  /// The passages of the codings of a code or any code below it, in the order of `codings`
  /// (a passage once per coding), without copying the codings.
  public func passageIDs(under codeID: String) -> [Int64] {
    codingPositions(under: codeID).map { codings.passageID(at: $0) }
  }

  /// Positions in `codings` of a code's codings and its sub-codes', in order.
  private func codingPositions(under codeID: String) -> [Int] {
    let subtree = codebook.subtree(codeID).map(\.id)
    var positions = subtree.flatMap { (codingPositions[$0] ?? []).map(Int.init) }
    if subtree.count > 1 { positions.sort() }
    return positions
  }

  /// The passages coded with a code or any code below it that the interviewer did not speak,
  /// in passage order.
  public func spokenPassages(codedUnder codeID: String) -> [Passage] {
    let coded = Set(passageIDs(under: codeID))
    return passages.indices.filter {
      passages.role(at: $0) != .interviewer && passages.id(at: $0).map(coded.contains) == true
    }
    .map { passages[$0] }
  }

  /// Positions in `passages` of the participant passages coded with a code or any code below
  /// it, once per coding, in the order of `codings`.
  func spokenPassagePositions(under codeID: String) -> [Int] {
    codingPositions(under: codeID).compactMap { coding in
      let position = Int(spokenPassageOfCoding[coding])
      return position >= 0 ? position : nil
    }
  }

  /// Who spoke the passages coded with a code or any code below it, and which passages they
  /// are (each once, in id order), the interviewer's left out: a row of the code and theme
  /// tables.
  public func speakers(under codeID: String) -> (participants: Set<String>, passageIDs: [Int64]) {
    var spoke = [Bool](repeating: false, count: participantNames.count)
    var listed = [Bool](repeating: false, count: passages.count)
    var passageIDs: [Int64] = []
    for position in spokenPassagePositions(under: codeID) {
      guard !listed[position], let id = passages.id(at: position) else { continue }
      listed[position] = true
      passageIDs.append(id)
      spoke[Int(participantNumberOfPassage[position])] = true
    }
    let participants = Set(
      participantNames.indices.lazy.filter { spoke[$0] }.map { participantNames[$0] })
    return (participants, passageIDs.sorted())
  }

  /// How many codings a code has (its sub-codes not counted).
  public func codingCount(_ codeID: String) -> Int { codingPositions[codeID]?.count ?? 0 }

  /// Participant passages that answer a protocol question, in document order.
  public func answers(to questionID: String) -> [Passage] {
    passages.indices.filter {
      passages.role(at: $0) != .interviewer && passages.questionID(at: $0) == questionID
    }
    .map { passages[$0] }
  }

  /// Groups passages by participant, keeping their order.
  public func byParticipant(_ passages: [Passage]) -> [(participant: String, passages: [Passage])] {
    var order: [String] = []
    var groups: [String: [Passage]] = [:]
    for passage in passages {
      guard let participant = participant(of: passage) else { continue }
      if groups[participant] == nil { order.append(participant) }
      groups[participant, default: []].append(passage)
    }
    // Participants in the attribute file's order, then any others by id.
    let rank = Dictionary(
      participants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    order.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
    return order.map { ($0, groups[$0] ?? []) }
  }
}

/// Where a snapshot read without its passages' texts (a whole study's would not fit in memory)
/// finds them: the project store.
///
/// Reading cannot fail from the tables' side: a source that fails gives nil, and keeps the
/// failure for whoever made it to report once the tables are made.
public protocol PassageTextSource: Sendable {
  /// The texts of passages by id, in order; nil for one the source cannot give.
  func texts(ofPassages ids: [Int64]) -> [String?]
  /// Throws the first read that failed, if any.
  func check() throws
}
