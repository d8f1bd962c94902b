/// Passages held as columns rather than as `Passage` values: what a whole study's snapshot keeps.
///
/// A study of 10,000 interviews has two million passages. As `Passage` values they take 152
/// bytes each before their text; as columns (offsets as 32-bit numbers, speakers and questions as
/// numbers into one list of the distinct ones) 57. The collection reads as passages: each element
/// is made when asked for.
///
/// Columns can be kept without the passages' texts (`keepsTexts` false): each passage then
/// reads with an empty `text`, and whoever needs a text asks the store for it
/// (`CorpusSnapshot.text(of:)`).
public struct PassageColumns: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable
{
  /// Whether the passages' texts are kept.
  public let keepsTexts: Bool
  private var ids: [Int64] = []
  private var documentIDs: [Int64] = []
  private var ordinals: [Int32] = []
  private var turns: [Int32] = []
  private var speakers: [Int32] = []
  private var roles: [SpeakerRole] = []
  private var starts: [Int32] = []
  private var ends: [Int32] = []
  private var texts: [String] = []
  private var startTimes: [Double] = []
  private var endTimes: [Double] = []
  private var questions: [Int32] = []
  private var strings = NumberedValues<String>()

  /// No id (a passage not stored yet) and no time are kept as these.
  private static let noID = Int64.min

  /// Empty columns, keeping the texts of the passages appended or not.
  public init(keepingTexts: Bool = true) { keepsTexts = keepingTexts }

  public init(_ passages: some Sequence<Passage>, keepingTexts: Bool = true) {
    self.init(keepingTexts: keepingTexts)
    for passage in passages { append(passage) }
  }

  public init(arrayLiteral passages: Passage...) { self.init(passages) }

  public mutating func reserveCapacity(_ count: Int) {
    ids.reserveCapacity(count); documentIDs.reserveCapacity(count); ordinals.reserveCapacity(count)
    turns.reserveCapacity(count); speakers.reserveCapacity(count); roles.reserveCapacity(count)
    starts.reserveCapacity(count); ends.reserveCapacity(count); startTimes.reserveCapacity(count)
    endTimes.reserveCapacity(count); questions.reserveCapacity(count)
    if keepsTexts { texts.reserveCapacity(count) }
  }

  /// Adds a passage at the end (its text only when the columns keep texts).
  public mutating func append(_ passage: Passage) {
    ids.append(passage.id ?? Self.noID)
    documentIDs.append(passage.documentID ?? Self.noID)
    ordinals.append(Int32(passage.ordinal))
    turns.append(Int32(passage.turn))
    speakers.append(strings.number(passage.speaker))
    roles.append(passage.role)
    starts.append(Int32(passage.span.start))
    ends.append(Int32(passage.span.end))
    if keepsTexts { texts.append(passage.text) }
    startTimes.append(passage.startTime ?? .nan)
    endTimes.append(passage.endTime ?? .nan)
    questions.append(strings.number(passage.questionID))
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { ids.count }

  public subscript(position: Int) -> Passage {
    Passage(
      id: id(at: position), documentID: documentID(at: position), ordinal: Int(ordinals[position]),
      turn: Int(turns[position]), speaker: strings[speakers[position]], role: roles[position],
      span: span(at: position), text: keepsTexts ? texts[position] : "",
      startTime: startTimes[position].isNaN ? nil : startTimes[position],
      endTime: endTimes[position].isNaN ? nil : endTimes[position],
      questionID: questionID(at: position))
  }

  // Single columns, for loops over every passage that need one field (no passage made).

  public func id(at position: Int) -> Int64? { ids[position] == Self.noID ? nil : ids[position] }
  public func documentID(at position: Int) -> Int64? {
    documentIDs[position] == Self.noID ? nil : documentIDs[position]
  }
  public func role(at position: Int) -> SpeakerRole { roles[position] }
  public func questionID(at position: Int) -> String? { strings[questions[position]] }
  public func span(at position: Int) -> TextSpan {
    TextSpan(start: Int(starts[position]), end: Int(ends[position]))
  }

  /// Whether every passage has an id and the ids ascend: then `position(ofAscendingID:)` finds
  /// a passage without an index (a project's passages are stored in order, so theirs do).
  public var idsAscend: Bool {
    guard let first = ids.first else { return true }
    guard first != Self.noID else { return false }
    return zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
  }

  /// The position of the passage with this id, by binary search: only when `idsAscend`.
  public func position(ofAscendingID id: Int64) -> Int? {
    var (low, high) = (0, ids.count)
    while low < high {
      let middle = (low + high) / 2
      if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low < ids.count && ids[low] == id ? low : nil
  }

  /// How many passages have a role that passes `test`.
  public func count(role test: (SpeakerRole) -> Bool) -> Int { roles.count(where: test) }

  /// The same passages in the same order (however their columns number the strings).
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }
}

/// Codings held as columns: a study of 10,000 interviews has three million codings, 120 bytes
/// each as `Coding` values and 45 as columns (codes, coders, rules and matched words as numbers
/// into lists of the distinct ones; memos, which few codings have, by position).
public struct CodingColumns: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable
{
  private var ids: [Int64] = []
  private var passageIDs: [Int64] = []
  private var codes: [Int32] = []
  private var coders: [Int32] = []
  private var starts: [Int32] = []
  private var ends: [Int32] = []
  private var rules: [Int32] = []
  private var matchedLists: [Int32] = []
  private var negated: [Bool] = []
  /// The learned coder's scores (NaN for a coding without one); its reasons are not held here
  /// (read them from the project per passage).
  private var scores: [Float] = []
  private var memos: [Int: String] = [:]
  private var strings = NumberedValues<String>()
  private var distinctMatched = NumberedValues<[String]>()

  private static let noID = Int64.min

  public init() {}

  public init(_ codings: some Sequence<Coding>) {
    for coding in codings { append(coding) }
  }

  public init(arrayLiteral codings: Coding...) { self.init(codings) }

  public mutating func reserveCapacity(_ count: Int) {
    ids.reserveCapacity(count); passageIDs.reserveCapacity(count); codes.reserveCapacity(count)
    coders.reserveCapacity(count); starts.reserveCapacity(count); ends.reserveCapacity(count)
    rules.reserveCapacity(count); matchedLists.reserveCapacity(count);
    negated.reserveCapacity(count)
    scores.reserveCapacity(count)
  }

  public mutating func append(_ coding: Coding) {
    if let memo = coding.memo { memos[ids.count] = memo }
    ids.append(coding.id ?? Self.noID)
    passageIDs.append(coding.passageID)
    codes.append(strings.number(coding.codeID))
    coders.append(strings.number(coding.coder))
    starts.append(Int32(coding.span.start))
    ends.append(Int32(coding.span.end))
    rules.append(strings.number(coding.ruleID))
    matchedLists.append(distinctMatched.number(coding.matched))
    negated.append(coding.negated)
    scores.append(coding.score.map(Float.init) ?? .nan)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { ids.count }

  public subscript(position: Int) -> Coding {
    Coding(
      id: ids[position] == Self.noID ? nil : ids[position], passageID: passageIDs[position],
      codeID: codeID(at: position),
      coder: coder(at: position),
      span: TextSpan(start: Int(starts[position]), end: Int(ends[position])),
      ruleID: strings[rules[position]], matched: distinctMatched[matchedLists[position]] ?? [],
      negated: negated[position],
      memo: memos[position], score: scores[position].isNaN ? nil : Double(scores[position]))
  }

  // Single columns, for loops over every coding that need one field (no coding made).

  public func passageID(at position: Int) -> Int64 { passageIDs[position] }
  public func codeID(at position: Int) -> String { strings[codes[position]] ?? "" }
  public func coder(at position: Int) -> String { strings[coders[position]] ?? "" }
  public func isAutomatic(at position: Int) -> Bool { Coding.isMachine(coder(at: position)) }

  /// How many codings each coder made.
  public var countsByCoder: [String: Int] {
    var counts: [Int32: Int] = [:]
    for coder in coders { counts[coder, default: 0] += 1 }
    return Dictionary(uniqueKeysWithValues: counts.map { (strings[$0.key] ?? "", $0.value) })
  }

  /// The distinct codes the codings apply.
  public var distinctCodeIDs: Set<String> { Set(Set(codes).map { strings[$0] ?? "" }) }

  /// The same codings in the same order (however their columns number the strings).
  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.elementsEqual(rhs) }
}

/// The distinct values of a column, each kept once and named by its position (-1 for none).
struct NumberedValues<Value: Hashable & Sendable>: Sendable {
  private var values: [Value] = []
  private var numbers: [Value: Int32] = [:]

  mutating func number(_ value: Value?) -> Int32 {
    guard let value else { return -1 }
    if let known = numbers[value] { return known }
    let number = Int32(values.count)
    values.append(value)
    numbers[value] = number
    return number
  }

  subscript(number: Int32) -> Value? { number < 0 ? nil : values[Int(number)] }
}
