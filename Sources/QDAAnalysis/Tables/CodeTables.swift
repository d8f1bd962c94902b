public import QDAModel
import QDAConcurrency

/// Per code: distinct participants and passages, counting a code's sub-codes with it.
public struct CodeSummaryTable: Hashable, Sendable, Codable {
  public struct Row: Hashable, Sendable, Codable {
    public var codeID: String
    public var name: String
    public var element: Element?
    public var depth: Int
    public var participants: [String]
    public var passageIDs: PassageIDs
    /// Codings of this exact code (not its sub-codes).
    public var codings: Int
  }

  public var rows: [Row]
  public var denominator: Int

  public init(_ corpus: CorpusSnapshot) {
    let interviewed = corpus.interviewed
    denominator = interviewed.count
    rows = corpus.codebook.codes.map { code in
      let (participants, passages) = corpus.speakers(under: code.id)
      var depth = 0
      var parent = code.parentID
      while let id = parent { depth += 1; parent = corpus.codebook.code(id)?.parentID }
      return Row(
        codeID: code.id, name: code.name, element: code.element, depth: depth,
        participants: interviewed.filter(participants.contains), passageIDs: PassageIDs(passages),
        codings: corpus.codingCount(code.id))
    }
  }

  public func row(_ codeID: String) -> Row? { rows.first { $0.codeID == codeID } }

  public var table: DataTable {
    DataTable(
      id: "codes", title: "Codes: participants and passages",
      columns: ["Code", "Element", "Participants (of \(denominator))", "Passages", "Codings"],
      rows: rows.map {
        [
          TableCell(String(repeating: "  ", count: $0.depth) + $0.name),
          TableCell($0.element?.name ?? "—"),
          .count($0.participants.count, passages: $0.passageIDs),
          .count($0.passageIDs.count, passages: $0.passageIDs),
          .count($0.codings),
        ]
      },
      notes: ["Participant speech only; a code's row includes its sub-codes."],
      data: TableData(
        columns: [
          .text("code_id", "The code's id in the codebook."), .text("code", "The code's name."),
          .text(
            "element",
            "The CHAT element the code belongs to; empty for a code outside the elements."),
          .integer(
            "level",
            "Depth in the codebook: 0 for an element's code, 1 for its sub-codes, and so on."),
          .integer(
            "participants",
            "Interviewed participants whose own speech carries the code or one of its sub-codes."),
          .integer(
            "interviewed", "Interviewed participants in all: the denominator of participants."),
          .integer("passages", "Participant passages carrying the code or one of its sub-codes."),
          .integer("codings", "Codings of exactly this code (not its sub-codes), by every coder."),
        ],
        rows: rows.map {
          [
            .text($0.codeID), .text($0.name), $0.element.map { .text($0.name) } ?? .missing,
            .integer($0.depth),
            .integer($0.participants.count), .integer(denominator), .integer($0.passageIDs.count),
            .integer($0.codings),
          ]
        }))
  }
}

/// Codes by attribute value: distinct participants and passages in each cell.
public struct CodeAttributeCrosstab: Hashable, Sendable, Codable {
  public struct Cell: Hashable, Sendable, Codable {
    public var participants: [String]
    public var passageIDs: PassageIDs
  }

  public var attribute: String
  /// Column values, with the number of participants having each.
  public var values: [String]
  public var columnTotals: [Int]
  /// Code id → one cell per value.
  public var cells: [String: [Cell]]
  public var codeOrder: [String]
  public var codeNames: [String: String]

  /// One crosstab per category or yes/no attribute, numbers binned five wide.
  public static func all(_ corpus: CorpusSnapshot) -> [CodeAttributeCrosstab] {
    // One attribute per core: each crosstab walks every coding.
    let attributes = corpus.attributes
    return concurrentMap(attributes.count) {
      CodeAttributeCrosstab(corpus, attribute: attributes[$0])
    }
  }

  public init(_ corpus: CorpusSnapshot, attribute: AttributeDefinition) {
    self.attribute = attribute.name
    let interviewed = corpus.interviewed
    func value(_ participant: String) -> String? {
      guard let raw = corpus.participant(participant)?.attributes[attribute.name] else {
        return nil
      }
      if case .number(let number) = raw {
        let low = Int((number / 5).rounded(.down)) * 5
        return "\(low)–\(low + 4)"
      }
      return raw.description
    }
    var valueOrder: [String] = []
    var totals: [String: Int] = [:]
    for participant in interviewed {
      guard let v = value(participant) else { continue }
      if totals[v] == nil { valueOrder.append(v) }
      totals[v, default: 0] += 1
    }
    if attribute.type == .number {
      valueOrder.sort {
        (Int($0.prefix { $0.isNumber }) ?? 0) < (Int($1.prefix { $0.isNumber }) ?? 0)
      }
    } else {
      valueOrder.sort()
    }
    values = valueOrder
    columnTotals = valueOrder.map { totals[$0] ?? 0 }
    codeOrder = corpus.codebook.codes.map(\.id)
    codeNames = Dictionary(uniqueKeysWithValues: corpus.codebook.codes.map { ($0.id, $0.name) })
    var cells: [String: [Cell]] = [:]
    let columnOf = Dictionary(
      valueOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    // Participants by the snapshot's numbers, each with its column (-1: no value).
    let names = corpus.participantNames
    let columnOfNumber = names.map { name in value(name).flatMap { columnOf[$0] } ?? -1 }
    for code in corpus.codebook.codes {
      var participants = Array(repeating: Set<Int32>(), count: valueOrder.count)
      var passages = Array(repeating: Set<Int64>(), count: valueOrder.count)
      for position in corpus.spokenPassagePositions(under: code.id) {
        let number = corpus.participantNumberOfPassage[position]
        let column = columnOfNumber[Int(number)]
        guard column >= 0, let id = corpus.passages.id(at: position) else { continue }
        participants[column].insert(number)
        passages[column].insert(id)
      }
      cells[code.id] = valueOrder.indices.map {
        Cell(
          participants: participants[$0].map { names[Int($0)] }.sorted(),
          passageIDs: PassageIDs(passages[$0].sorted()))
      }
    }
    self.cells = cells
  }

  public var table: DataTable {
    DataTable(
      id: "crosstab_\(attribute)", title: "Codes by \(attribute)",
      columns: ["Code"] + zip(values, columnTotals).map { "\($0) (n=\($1))" },
      rows: codeOrder.map { id in
        [TableCell(codeNames[id] ?? id)]
          + (cells[id] ?? []).map {
            TableCell(
              "\($0.participants.count) (\($0.passageIDs.count))",
              value: Double($0.participants.count), passages: $0.passageIDs)
          }
      },
      notes: ["Each cell: distinct participants (passages). A code's row includes its sub-codes."],
      data: TableData(
        columns: [
          .text("code_id", "The code's id in the codebook."), .text("code", "The code's name."),
          .text("attribute", "The participant attribute the table is by."),
          .text("value", "The attribute's value (a number's five-wide range, such as 10–14)."),
          .integer("group_size", "Interviewed participants with this value."),
          .integer(
            "participants",
            "Of them, those whose own speech carries the code or one of its sub-codes."),
          .integer("passages", "Their passages carrying the code or one of its sub-codes."),
        ],
        rows: codeOrder.flatMap { id in
          zip(values.indices, cells[id] ?? []).map { index, cell -> [DataValue] in
            [
              .text(id), .text(codeNames[id] ?? id), .text(attribute), .text(values[index]),
              .integer(columnTotals[index]),
              .integer(cell.participants.count), .integer(cell.passageIDs.count),
            ]
          }
        }))
  }
}

/// Pairs of codes applied to the same passage.
public struct CoOccurrenceTable: Hashable, Sendable, Codable {
  public struct Pair: Hashable, Sendable, Codable {
    public var first: String
    public var second: String
    public var passageIDs: PassageIDs
    public var participants: [String]
  }

  public var pairs: [Pair]
  public var codeNames: [String: String]

  public init(_ corpus: CorpusSnapshot) {
    // Codes as numbers: the codebook's, then codes the codings name that it lacks (by id).
    let order = Dictionary(
      corpus.codebook.codes.enumerated().map { ($1.id, $0) },
      uniquingKeysWith: { first, _ in first })
    var ids = corpus.codebook.codes.map(\.id)
    var number = order
    for id in corpus.codings.distinctCodeIDs.subtracting(order.keys).sorted() {
      number[id] = ids.count
      ids.append(id)
    }
    // Each passage's codes: (passage, code) pairs sorted, so a passage's codes sit together and
    // passages come in id order (each pair's passage list is then sorted as it grows).
    var codedPassages = corpus.codings.indices.map {
      (passage: corpus.codings.passageID(at: $0), code: number[corpus.codings.codeID(at: $0)] ?? 0)
    }
    codedPassages.sort { ($0.passage, $0.code) < ($1.passage, $1.code) }
    var related: [Int: Bool] = [:]
    func inOneLine(_ a: Int, _ b: Int) -> Bool {
      let key = a * ids.count + b
      if let known = related[key] { return known }
      // A code and its own parent say the same thing twice.
      let answer =
        corpus.codebook.isDescendant(ids[b], of: ids[a])
        || corpus.codebook.isDescendant(ids[a], of: ids[b])
      related[key] = answer
      return answer
    }
    var slot: [Int: Int] = [:]
    var found: [(first: Int, second: Int, passageIDs: PassageIDs, participants: Set<String>)] = []
    var codes: [Int] = []
    var start = 0
    while start < codedPassages.count {
      let passageID = codedPassages[start].passage
      var end = start
      codes.removeAll(keepingCapacity: true)
      while end < codedPassages.count, codedPassages[end].passage == passageID {
        if codes.last != codedPassages[end].code { codes.append(codedPassages[end].code) }
        end += 1
      }
      start = end
      guard codes.count > 1, let position = corpus.passageIndex(passageID),
        corpus.passages.role(at: position) != .interviewer
      else { continue }
      let number = Int(corpus.participantNumberOfPassage[position])
      let participant = number >= 0 ? corpus.participantNames[number] : nil
      // In codebook order (codes the codebook lacks first, as before: they had no place in it).
      if codes.contains(where: { $0 >= order.count }) {
        codes.sort { (order[ids[$0]] ?? 0, $0) < (order[ids[$1]] ?? 0, $1) }
      }
      for i in codes.indices {
        for j in codes.indices where j > i {
          let (first, second) = (codes[i], codes[j])
          if inOneLine(first, second) { continue }
          let key = first * ids.count + second
          let index: Int
          if let known = slot[key] {
            index = known
          } else {
            index = found.count
            slot[key] = index
            found.append((first, second, [], []))
          }
          found[index].passageIDs.append(passageID)
          if let participant { found[index].participants.insert(participant) }
        }
      }
    }
    pairs = found.map { pair in
      Pair(
        first: ids[pair.first], second: ids[pair.second], passageIDs: pair.passageIDs,
        participants: pair.participants.sorted())
    }.sorted {
      ($0.passageIDs.count, order[$1.first] ?? 0, order[$1.second] ?? 0, $1.first, $1.second)
        > ($1.passageIDs.count, order[$0.first] ?? 0, order[$0.second] ?? 0, $0.first, $0.second)
    }
    codeNames = Dictionary(uniqueKeysWithValues: corpus.codebook.codes.map { ($0.id, $0.name) })
  }

  public var table: DataTable {
    DataTable(
      id: "cooccurrence", title: "Code co-occurrence (same passage)",
      columns: ["Code", "With code", "Passages", "Participants"],
      rows: pairs.map {
        [
          TableCell(codeNames[$0.first] ?? $0.first), TableCell(codeNames[$0.second] ?? $0.second),
          .count($0.passageIDs.count, passages: $0.passageIDs),
          .count($0.participants.count, passages: $0.passageIDs),
        ]
      },
      notes: [
        "Participant passages carrying both codes; a code is not paired with its own parent."
      ],
      data: TableData(
        columns: [
          .text("code_id", "The first code's id (the one earlier in the codebook)."),
          .text("code", "The first code's name."),
          .text("with_code_id", "The second code's id."),
          .text("with_code", "The second code's name."),
          .integer("passages", "Participant passages carrying both codes."),
          .integer("participants", "Participants who spoke those passages."),
        ],
        rows: pairs.map {
          [
            .text($0.first), .text(codeNames[$0.first] ?? $0.first), .text($0.second),
            .text(codeNames[$0.second] ?? $0.second),
            .integer($0.passageIDs.count), .integer($0.participants.count),
          ]
        }))
  }
}
