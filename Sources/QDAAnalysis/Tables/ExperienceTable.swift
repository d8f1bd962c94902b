import QDAModel

/// Who the participants are: numeric attributes by completion status, category counts,
/// distinct values (districts).
public struct ExperienceTable: Hashable, Sendable, Codable {
  public struct NumberSummary: Hashable, Sendable, Codable {
    public var attribute: String
    public var group: String
    public var n: Int
    public var mean: Double?
    public var min: Double?
    public var max: Double?
    public var participants: [String]
  }

  public struct Bin: Hashable, Sendable, Codable {
    public var attribute: String
    public var label: String
    public var lower: Double
    public var upper: Double
    public var participants: [String]
  }

  public struct CategoryCount: Hashable, Sendable, Codable {
    public var attribute: String
    public var value: String
    public var participants: [String]
  }

  /// The yes/no attribute that splits completers from non-completers, if any.
  public var completionAttribute: String?
  /// The participants counted (the interviewed), and how many.
  public var participants: [String]
  public var numbers: [NumberSummary]
  public var bins: [Bin]
  public var categories: [CategoryCount]
  /// Distinct values per category attribute.
  public var distinct: [String: Int]
  /// Participants with no documents yet: kept in the project, left out of the tables.
  public var withoutDocuments: [String]

  public init(_ corpus: CorpusSnapshot) {
    let people = corpus.interviewed
    participants = people
    let records = people.compactMap { corpus.participant($0) }
    withoutDocuments = corpus.participants.map(\.id).filter { !people.contains($0) }
    let completion =
      corpus.attributes.first { $0.type == .yesNo && $0.name.lowercased().contains("complet") }
      ?? corpus.attributes.first { $0.type == .yesNo }
    completionAttribute = completion?.name

    var groups: [(String, [Participant])] = [("All", records)]
    if let completion {
      groups.append(
        (
          "\(completion.name) = yes",
          records.filter { $0.attributes[completion.name] == .yesNo(true) }
        ))
      groups.append(
        (
          "\(completion.name) = no",
          records.filter { $0.attributes[completion.name] == .yesNo(false) }
        ))
    }
    numbers = []
    bins = []
    for attribute in corpus.attributes where attribute.type == .number {
      for (group, members) in groups {
        let values = members.compactMap { member in
          member.attributes[attribute.name]?.number.map { (member.id, $0) }
        }
        let numbers = values.map(\.1)
        self.numbers.append(
          NumberSummary(
            attribute: attribute.name, group: group, n: values.count,
            mean: numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count),
            min: numbers.min(), max: numbers.max(), participants: values.map(\.0)))
      }
      // Bins five wide (0–4, 5–9, 10–14…), as briefs report "10–14 years".
      let values = records.compactMap { record in
        record.attributes[attribute.name]?.number.map { (record.id, $0) }
      }
      var byBin: [Int: [String]] = [:]
      for (id, value) in values { byBin[Int((value / 5).rounded(.down)), default: []].append(id) }
      for key in byBin.keys.sorted() {
        let lower = Double(key * 5)
        bins.append(
          Bin(
            attribute: attribute.name, label: "\(key * 5)–\(key * 5 + 4)", lower: lower,
            upper: lower + 4,
            participants: byBin[key] ?? []))
      }
    }
    categories = []
    distinct = [:]
    for attribute in corpus.attributes where attribute.type != .number {
      var byValue: [String: [String]] = [:]
      var order: [String] = []
      for record in records {
        guard let value = record.attributes[attribute.name]?.description else { continue }
        if byValue[value] == nil { order.append(value) }
        byValue[value, default: []].append(record.id)
      }
      let sorted = order.sorted { (byValue[$0]?.count ?? 0, $1) > (byValue[$1]?.count ?? 0, $0) }
      for value in sorted {
        categories.append(
          CategoryCount(attribute: attribute.name, value: value, participants: byValue[value] ?? [])
        )
      }
      distinct[attribute.name] = order.count
    }
  }

  /// The mean of a numeric attribute in a group (`All`, `completed = yes`…).
  public func mean(_ attribute: String, group: String) -> Double? {
    numbers.first { $0.attribute == attribute && $0.group == group }?.mean
  }

  public var tables: [DataTable] {
    var result: [DataTable] = []
    let numberRows: [[TableCell]] = numbers.map {
      [
        TableCell($0.attribute), TableCell($0.group), .count($0.n),
        TableCell($0.mean.map { formatNumber(($0 * 100).rounded() / 100) } ?? "–", value: $0.mean),
        TableCell($0.min.map(formatNumber) ?? "–", value: $0.min),
        TableCell($0.max.map(formatNumber) ?? "–", value: $0.max),
      ]
    }
    if !numberRows.isEmpty {
      result.append(
        DataTable(
          id: "experience", title: "Participant attributes by completion status",
          columns: ["Attribute", "Group", "n", "Mean", "Min", "Max"], rows: numberRows,
          notes: ["Interviewed participants only (\(participants.count))."],
          data: TableData(
            columns: [
              .text("attribute", "The numeric participant attribute."),
              .text(
                "group",
                "Whom the row is about: All, or those with a completion status (completed = yes)."),
              .integer(
                "n", "Interviewed participants in the group with a value for the attribute."),
              .number("mean", "Their mean value; empty when none has one."),
              .number("min", "The smallest value."),
              .number("max", "The largest value."),
            ],
            rows: numbers.map {
              [
                .text($0.attribute), .text($0.group), .integer($0.n), .numberOrMissing($0.mean),
                .numberOrMissing($0.min), .numberOrMissing($0.max),
              ]
            })))
    }
    if !bins.isEmpty {
      result.append(
        DataTable(
          id: "experience_bins", title: "Distribution of numeric attributes",
          columns: ["Attribute", "Range", "Participants"],
          rows: bins.map {
            [TableCell($0.attribute), TableCell($0.label), .count($0.participants.count)]
          },
          data: TableData(
            columns: [
              .text("attribute", "The numeric participant attribute."),
              .text("range", "The range as shown (10–14)."),
              .number("from", "The range's lower end, as shown."),
              .number("to", "The range's upper end, as shown."),
              .integer("participants", "Interviewed participants whose value lies in the range."),
            ],
            rows: bins.map {
              [
                .text($0.attribute), .text($0.label), .number($0.lower), .number($0.upper),
                .integer($0.participants.count),
              ]
            })))
    }
    if !categories.isEmpty {
      result.append(
        DataTable(
          id: "attribute_counts", title: "Participants by category",
          columns: ["Attribute", "Value", "Participants"],
          rows: categories.map {
            [TableCell($0.attribute), TableCell($0.value), .count($0.participants.count)]
          },
          notes: distinct.keys.sorted().map { "\($0): \(distinct[$0] ?? 0) distinct values." }
            + (withoutDocuments.isEmpty
              ? []
              : [
                "Not interviewed (no documents yet, not counted): "
                  + withoutDocuments.joined(separator: ", ") + "."
              ]),
          data: TableData(
            columns: [
              .text("attribute", "The participant attribute."),
              .text("value", "One of its values."),
              .integer("participants", "Interviewed participants with the value."),
            ],
            rows: categories.map {
              [.text($0.attribute), .text($0.value), .integer($0.participants.count)]
            })))
    }
    return result
  }
}
