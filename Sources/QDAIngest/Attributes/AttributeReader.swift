public import QDAModel

/// Participants and their typed attributes, as read from a CSV file.
public struct ParticipantTable: Hashable, Sendable {
  /// The attribute columns, in file order (the id column excluded).
  public var attributes: [AttributeDefinition]
  /// The participants, in file order.
  public var participants: [Participant]
}

/// Reads a participant-attributes CSV: the first column is the participant id, every other
/// column an attribute typed as a number, yes/no or a category.
///
/// A column's type is inferred from its values unless the header names it (`years:number`,
/// `completed:yesno`, `district:category`). Empty cells are missing values. A row with the wrong
/// number of cells, an empty or repeated id, or a value that does not fit its column's type is an
/// error naming the row and column.
///
/// ```swift
/// let table = try AttributeReader.read(bytes, file: "participants.csv")
/// table.participants[0].attributes["completed"]  // .yesNo(true)
/// ```
public enum AttributeReader {
  public static func read(_ bytes: [UInt8], file: String) throws -> ParticipantTable {
    let decoded = try TextDecoder.decode(bytes, file: file)
    let table = try CSVReader.parse(decoded.text, file: file)
    let records = table.records.filter { !$0.isBlank }
    guard let header = records.first else {
      throw IngestError(InputLocation(file: file), .attributes, "the file has no header row")
    }
    var names: [String] = []
    var seenNames: Set<String> = []
    var declared: [AttributeType?] = []
    for (index, field) in header.fields.enumerated() {
      let (name, type) = try parseHeader(
        field.value, file: file, line: header.line, column: index + 1)
      // A set, not a scan of the names so far: a header of 100,000 columns stays linear.
      guard seenNames.insert(name.lowercased()).inserted else {
        throw IngestError(
          InputLocation(file: file, line: header.line, column: index + 1), .attributes,
          "column \(index + 1) repeats the name '\(name)'")
      }
      names.append(name)
      declared.append(type)
    }
    guard names.count >= 1 else {
      throw IngestError(
        InputLocation(file: file, line: header.line), .attributes, "the header is empty")
    }

    // Every row has exactly the header's cells.
    let rows = Array(records.dropFirst())
    for row in rows where row.fields.count != names.count {
      throw IngestError(
        InputLocation(file: file, line: row.line), .attributes,
        "row \(row.line) has \(row.fields.count) cells but the header has \(names.count)")
    }

    // Types: declared, or inferred from the values.
    var definitions: [AttributeDefinition] = []
    for column in 1..<names.count {
      let values = rows.map { ($0.line, trimmed($0.fields[column].value)) }.filter { !$0.1.isEmpty }
      let type = try declared[column] ?? inferType(values, column: names[column], file: file)
      definitions.append(AttributeDefinition(name: names[column], type: type))
    }

    var participants: [Participant] = []
    var seen: [String: Int] = [:]
    for row in rows {
      let id = trimmed(row.fields[0].value)
      guard !id.isEmpty else {
        throw IngestError(
          InputLocation(file: file, line: row.line, column: 1), .attributes,
          "row \(row.line) has no participant id")
      }
      if let earlier = seen[id.lowercased()] {
        throw IngestError(
          InputLocation(file: file, line: row.line, column: 1), .attributes,
          "participant '\(id)' appears twice (rows \(earlier) and \(row.line))")
      }
      seen[id.lowercased()] = row.line
      var attributes: [String: AttributeValue] = [:]
      for (offset, definition) in definitions.enumerated() {
        let text = trimmed(row.fields[offset + 1].value)
        guard !text.isEmpty else { continue }
        guard let value = parse(text, as: definition.type) else {
          throw IngestError(
            InputLocation(file: file, line: row.line, column: offset + 2), .attributes,
            "row \(row.line), column '\(definition.name)': '\(text)' is not \(article(definition.type))"
          )
        }
        attributes[definition.name] = value
      }
      participants.append(Participant(id: id, attributes: attributes))
    }
    return ParticipantTable(attributes: definitions, participants: participants)
  }

  /// Reads a value of a given type: numbers with `.` decimals, yes/no as yes, no, y, n, true,
  /// false.
  public static func parse(_ text: String, as type: AttributeType) -> AttributeValue? {
    switch type {
    case .number:
      return Double(text).flatMap { $0.isFinite ? .number($0) : nil }
    case .yesNo:
      return yesNo(text).map { .yesNo($0) }
    case .category:
      return .category(text)
    }
  }

  // MARK: - Private

  private static func parseHeader(_ raw: String, file: String, line: Int, column: Int) throws
    -> (String, AttributeType?)
  {
    var name = trimmed(raw)
    var type: AttributeType?
    if let colon = name.lastIndex(of: ":") {
      let suffix = name[name.index(after: colon)...].lowercased()
      let known: [String: AttributeType] = [
        "number": .number, "numeric": .number, "yesno": .yesNo, "yes_no": .yesNo,
        "boolean": .yesNo, "category": .category, "text": .category,
      ]
      if let declared = known[suffix] {
        type = declared
        name = trimmed(String(name[..<colon]))
      }
    }
    guard !name.isEmpty else {
      throw IngestError(
        InputLocation(file: file, line: line, column: column), .attributes,
        "column \(column) of the header has no name")
    }
    return (name, type)
  }

  private static func inferType(_ values: [(Int, String)], column: String, file: String) throws
    -> AttributeType
  {
    guard !values.isEmpty else { return .category }
    if values.allSatisfy({ yesNo($0.1) != nil }) { return .yesNo }
    let numeric = values.filter { Double($0.1) != nil }
    if numeric.count == values.count { return .number }
    // A column that is mostly numbers with a stray word is a typo, not a category.
    if numeric.count >= 2, numeric.count * 3 >= values.count * 2,
      let bad = values.first(where: { Double($0.1) == nil })
    {
      throw IngestError(
        InputLocation(file: file, line: bad.0), .attributes,
        "row \(bad.0), column '\(column)': '\(bad.1)' is not a number (the column's other values are)"
      )
    }
    return .category
  }

  private static func yesNo(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "yes", "y", "true", "t": true
    case "no", "n", "false", "f": false
    default: nil
    }
  }

  private static func article(_ type: AttributeType) -> String {
    switch type {
    case .number: "a number"
    case .yesNo: "yes or no"
    case .category: "a category"
    }
  }

  static func trimmed(_ text: String) -> String {
    var scalars = Substring(text).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
