public import QDAModel
public import QDAAnalysis

/// Contradictions across participants: recurring element pairs, the element × element matrix,
/// and the pairs by an attribute (completers and non-completers).
public struct ContradictionSummary: Sendable {
  /// One element pair (or one element, for primary contradictions) across participants.
  public struct Group: Sendable, Hashable {
    public var first: Element
    public var second: Element
    public var participants: [String]
    public var instances: [Contradiction]
    /// The most frequent reason or cue among the instances.
    public var reason: String

    public var isPrimary: Bool { first == second }
    public var name: String {
      isPrimary ? "\(first.name) (within)" : "\(first.name) × \(second.name)"
    }
  }

  public var contradictions: [Contradiction]
  public var groups: [Group]
  public var interviewed: [String]
  let attributes: [String: [String: String]]
  let attributeNames: [String]

  /// - Parameter contradictions: detections and researchers' decisions; rejected ones are left out.
  public init(_ contradictions: [Contradiction], corpus: CorpusSnapshot) {
    let kept = contradictions.filter { $0.status != .rejected }
    self.contradictions = kept
    interviewed = corpus.interviewed
    // One group per element pair and reason: "responsive leadership against the hours" and
    // "community-building content against working alone" are both Rules × Tools and signs, and
    // two different contradictions.
    var byPair: [String: [Contradiction]] = [:]
    for contradiction in kept {
      let key =
        "\(contradiction.first.rawValue)|\(contradiction.second.rawValue)|\(Self.reason(contradiction) ?? "")"
      byPair[key, default: []].append(contradiction)
    }
    let order = Dictionary(uniqueKeysWithValues: corpus.interviewed.enumerated().map { ($1, $0) })
    groups = byPair.values.map { instances in
      let participants = Set(instances.map(\.participant)).sorted {
        (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1)
      }
      let reason = Self.reason(instances[0]) ?? ""
      return Group(
        first: instances[0].first, second: instances[0].second, participants: participants,
        instances: instances, reason: reason)
    }.sorted {
      // Ties (same count and pair, other reasons) in the reasons' and then the participants' order,
      // so the brief lists them the same way on every run.
      (
        $1.participants.count, $0.first, $0.second, $0.reason,
        $0.participants.joined(separator: ",")
      )
        < (
          $0.participants.count, $1.first, $1.second, $1.reason,
          $1.participants.joined(separator: ",")
        )
    }
    var values: [String: [String: String]] = [:]
    for participant in corpus.participants {
      values[participant.id] = participant.attributes.mapValues(\.description)
    }
    attributes = values
    attributeNames = corpus.attributes.filter { $0.type != .number }.map(\.name)
  }

  /// The first content opposition in a detection's evidence, if any.
  public static func reason(_ contradiction: Contradiction) -> String? {
    contradiction.evidence.split(separator: ";").map { String($0.drop { $0 == " " }) }
      .first { $0.hasPrefix("opposed content: ") }.map {
        String($0.dropFirst("opposed content: ".count))
      }
  }

  /// What identifies a detection across runs and re-ingested documents (whose passage ids
  /// change): participant, elements and reason.
  public static func key(_ contradiction: Contradiction) -> String {
    "\(contradiction.participant)|\(contradiction.first.rawValue)|\(contradiction.second.rawValue)|\(reason(contradiction) ?? contradiction.evidence)"
  }

  /// Groups raised by at least two participants: the recurring contradictions.
  public var recurring: [Group] { groups.filter { $0.participants.count >= 2 } }

  /// One element pair across participants, whatever the reasons its detections give.
  public struct PairCount: Sendable, Hashable {
    /// Distinct participants with a contradiction between the two.
    public var participants: Int
    public var instances: Int
    public var passages: [Int64]
  }

  /// The contradictions between `a` and `b` in either order (`a` with itself: primary), counted
  /// once however many reasons they give: what the matrix table and its heatmap both show.
  public func pair(_ a: Element, _ b: Element) -> PairCount {
    let instances = contradictions.filter {
      ($0.first == a && $0.second == b) || ($0.first == b && $0.second == a)
    }
    return PairCount(
      participants: Set(instances.map(\.participant)).count, instances: instances.count,
      passages: instances.flatMap(\.passageIDs))
  }

  /// The elements some contradiction sets against another (or itself), in the activity
  /// system's order.
  public var elementsInTension: [Element] {
    Element.allCases.filter { element in
      contradictions.contains { $0.first == element || $0.second == element }
    }
  }

  /// Element × element: distinct participants (instances) per pair; the diagonal is primary.
  /// Every element has its row and column (Subject too: a tension of the subject's identity
  /// against the programme is one of the commonest).
  public var matrix: DataTable {
    let elements = Element.allCases
    var rows: [[TableCell]] = []
    var data: [[DataValue]] = []
    for row in elements {
      var cells: [TableCell] = [TableCell(row.name)]
      for column in elements {
        guard row <= column else { cells.append(""); continue }
        let count = pair(row, column)
        cells.append(
          TableCell(
            count.participants == 0 ? "·" : "\(count.participants) (\(count.instances))",
            value: Double(count.participants),
            passages: count.passages))
        data.append([
          .text(row.name), .text(column.name), .text(row == column ? "primary" : "secondary"),
          .integer(count.participants),
          .integer(count.instances), .integer(interviewed.count),
        ])
      }
      rows.append(cells)
    }
    return DataTable(
      id: "contradiction_matrix", title: "Contradictions: element × element",
      columns: ["Element"] + elements.map(\.name), rows: rows,
      notes: [
        "Cells: participants (instances), of \(interviewed.count) interviewed; the diagonal holds primary contradictions (within one element).",
        "Detected from cues and content, confirmed or rejected by researchers; rejected detections are not counted.",
      ],
      data: TableData(
        columns: [
          .text("element", "One element of the activity system."),
          .text(
            "with_element",
            "The element it is in tension with (itself for a primary contradiction); each pair once, in the system's order."
          ),
          .text("level", "primary (within one element) or secondary (between two)."),
          .integer(
            "participants",
            "Interviewed participants with a contradiction between the two (rejected detections left out)."
          ),
          .integer("instances", "Contradictions between the two, however many per participant."),
          .integer(
            "interviewed", "Interviewed participants in all: the denominator of participants."),
        ],
        rows: data))
  }

  /// Every instance: who, which elements, what kind, the evidence.
  public var instancesTable: DataTable {
    DataTable(
      id: "contradictions", title: "Contradictions: every instance",
      columns: [
        "Participant", "Elements", "Level", "Manifestation", "Confidence", "Status", "Evidence",
      ],
      rows: contradictions.map { c in
        [
          TableCell(c.participant), TableCell(c.pairName, passages: c.passageIDs),
          TableCell(c.level.rawValue),
          TableCell(c.manifestation.name),
          TableCell(formatNumber(c.confidence), value: c.confidence), TableCell(c.status.rawValue),
          TableCell(c.evidence),
        ]
      },
      data: TableData(
        columns: [
          .text("participant", "The participant's id."),
          .text("element", "The first element in tension."),
          .text("with_element", "The second (the same as the first for a primary contradiction)."),
          .text("level", "Engeström's level: primary or secondary."),
          .text(
            "manifestation",
            "How it shows in speech (Engeström and Sannino): dilemma, conflict, critical conflict, double bind."
          ),
          .number("confidence", "The detector's confidence, 0 to 1, or the one a researcher gave."),
          .text(
            "status",
            "proposed (by the detector) or confirmed (by a researcher); rejected ones are left out."
          ),
          .text(
            "evidence", "Why it was proposed: the model's score, the cues and words it matched."),
        ],
        rows: contradictions.map { c in
          [
            .text(c.participant), .text(c.first.name), .text(c.second.name),
            .text(c.level.rawValue), .text(c.manifestation.name),
            .number(c.confidence), .text(c.status.rawValue), .text(c.evidence),
          ]
        }))
  }

  /// Pairs by an attribute's values (e.g. completed yes / no): distinct participants.
  public func byAttribute(_ name: String) -> DataTable {
    let values = Array(Set(interviewed.compactMap { attributes[$0]?[name] })).sorted()
    let rows: [[TableCell]] = groups.map { group in
      [TableCell(group.reason.isEmpty ? group.name : "\(group.name): \(group.reason)")]
        + values.map { value in
          let who = group.participants.filter { attributes[$0]?[name] == value }
          let passages = group.instances.filter { who.contains($0.participant) }.flatMap(
            \.passageIDs)
          return TableCell.count(who.count, passages: passages)
        }
    }
    let denominators = values.map { value in
      interviewed.filter { attributes[$0]?[name] == value }.count
    }
    var data: [[DataValue]] = []
    for group in groups {
      for (value, size) in zip(values, denominators) {
        let who = group.participants.filter { attributes[$0]?[name] == value }
        data.append([
          .text(group.first.name), .text(group.second.name),
          group.reason.isEmpty ? .missing : .text(group.reason), .text(name),
          .text(value), .integer(size), .integer(who.count),
        ])
      }
    }
    return DataTable(
      id: "contradictions_by_\(name)", title: "Contradictions by \(name)",
      columns: ["Elements"] + zip(values, denominators).map { "\(name) = \($0) (n=\($1))" },
      rows: rows,
      notes: ["Cells: distinct participants."],
      data: TableData(
        columns: [
          .text("element", "The first element in tension."),
          .text("with_element", "The second (the same for a primary contradiction)."),
          .text(
            "reason",
            "The commonest reason or cue among the group's contradictions; empty when none was given."
          ),
          .text("attribute", "The participant attribute the table is by."),
          .text("value", "One of its values."),
          .integer("group_size", "Interviewed participants with the value."),
          .integer("participants", "Of them, those with a contradiction of this group."),
        ],
        rows: data))
  }

  /// Every table, in report order.
  public var tables: [DataTable] {
    var result = [matrix, instancesTable]
    if attributeNames.contains("completed") { result.append(byAttribute("completed")) }
    return result
  }
}
