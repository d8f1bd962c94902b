import Foundation
import QDAModel

/// REDCap's longitudinal and repeating exports, one respondent per record.
///
/// A raw export of a longitudinal project has a row per record and event (`redcap_event_name`),
/// and a project with repeating instruments or events a row per instance
/// (`redcap_repeat_instrument`, `redcap_repeat_instance`); in each row only the fields of that
/// event's or instance's instruments are filled. Read row by row, one teacher would be several
/// respondents and every count would count rows, not people.
///
/// Here the rows of a record become one respondent (on the line of its first row), and the
/// export is widened so that each answer keeps its occasion:
/// - a field answered on one occasion only (the enrolment form at baseline) stays one item;
/// - a field answered on several (a survey at baseline and in spring, a log's instances) becomes
///   one item per occasion, `ts_confidence [baseline_arm_1]`, `log_focus [instance 2]`, with the
///   occasion as its sub-item, so that each count is of records at that event or instance;
/// - the occasion columns become one metadata item, `redcap_event_name`, listing the record's
///   occasions.
///
/// Columns are widened instrument by instrument (an instrument ends with its `_complete`
/// column), each instrument's occasions in the order the export first shows them, so that a
/// survey's items at baseline come before the same items in spring.
enum REDCapOccasions {
  static let eventColumn = "redcap_event_name"
  static let instrumentColumn = "redcap_repeat_instrument"
  static let instanceColumn = "redcap_repeat_instance"

  /// One event and instance: where a row's answers were given.
  struct Occasion: Hashable {
    var event: String
    var instance: String
  }

  /// The export widened to a row per record, or nil when it has no event or instance column.
  ///
  /// - Throws: `IngestError` when two rows give the same record, event and instance.
  static func widen(columns: [SurveyColumn], rows: [CSVRecord], file: String) throws
    -> (columns: [SurveyColumn], rows: [CSVRecord], warnings: [String])?
  {
    func index(_ name: String) -> Int? { columns.first { $0.header == name }?.index }
    let event = index(eventColumn)
    let instance = index(instanceColumn)
    guard event != nil || instance != nil,
      let idColumn = columns.first(where: { $0.role == .respondentID })?.index
    else {
      return nil
    }
    let occasionColumns = Set([eventColumn, instrumentColumn, instanceColumn])
    func cell(_ row: CSVRecord, _ column: Int?) -> String {
      guard let column, column < row.fields.count else { return "" }
      return row.fields[column].value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // The records in export order, each with its rows by occasion.
    var order: [String] = []
    var records: [String: [Occasion: CSVRecord]] = [:]
    var recordOccasions: [String: [Occasion]] = [:]
    var occasionOrder: [Occasion: Int] = [:]
    var firstLine: [String: [Occasion: Int]] = [:]
    for row in rows {
      let id = cell(row, idColumn)
      let occasion = Occasion(event: cell(row, event), instance: cell(row, instance))
      if occasionOrder[occasion] == nil { occasionOrder[occasion] = occasionOrder.count }
      if records[id] == nil {
        order.append(id)
        records[id] = [:]
      }
      if let earlier = firstLine[id]?[occasion] {
        throw IngestError(
          InputLocation(file: file, line: row.line), .csv,
          "row \(row.line) repeats record '\(id)' at \(label(occasion, event: true, instance: true)) (first on line \(earlier))"
        )
      }
      records[id]?[occasion] = row
      firstLine[id, default: [:]][occasion] = row.line
      recordOccasions[id, default: []].append(occasion)
    }

    // Per item, the occasions on which some record answered it (a ticked box for a checkbox).
    var itemOccasions: [String: Set<Occasion>] = [:]
    for column in columns
    where !occasionColumns.contains(column.header) && column.index != idColumn
      && column.role != .skip
    {
      for row in rows {
        let value = cell(row, column.index)
        if column.isChoiceColumn, value == "0" { continue }
        guard !value.isEmpty else { continue }
        itemOccasions[column.itemID, default: []].insert(
          Occasion(event: cell(row, event), instance: cell(row, instance)))
      }
    }
    func sorted(_ occasions: Set<Occasion>) -> [Occasion] {
      occasions.sorted { (occasionOrder[$0] ?? 0) < (occasionOrder[$1] ?? 0) }
    }

    // The widened columns: the id, the occasions' metadata column, then instrument by
    // instrument, occasion by occasion.
    var wide: [(column: SurveyColumn, occasion: Occasion?)] = []
    var idCopy = columns[idColumn]
    idCopy.index = 0
    wide.append((idCopy, nil))
    let occasionsColumn = SurveyColumn(
      index: 1, header: eventColumn, itemID: eventColumn, text: "Events and instances",
      role: .metadata)
    wide.append((occasionsColumn, nil))
    var instrument: [SurveyColumn] = []
    func flush() {
      var occasions: [Occasion] = []
      for column in instrument {
        for occasion in sorted(itemOccasions[column.itemID] ?? [])
        where !occasions.contains(occasion) {
          occasions.append(occasion)
        }
      }
      occasions = sorted(Set(occasions))
      var placed = Set<Int>()
      for (position, occasion) in occasions.enumerated() {
        for column in instrument {
          let answered = sorted(itemOccasions[column.itemID] ?? [])
          if answered.count > 1 {
            guard answered.contains(occasion) else { continue }
            let events = Set(answered.map(\.event)).count > 1
            let instances = Set(answered.map(\.instance)).count > 1
            let name = label(occasion, event: events, instance: instances)
            var copy = column
            copy.itemID = "\(column.itemID) [\(name)]"
            copy.subItem = name
            wide.append((copy, occasion))
          } else if answered.first == occasion || (answered.isEmpty && position == 0) {
            guard placed.insert(column.index).inserted else { continue }
            wide.append((column, answered.first))
          }
        }
      }
      if occasions.isEmpty { wide += instrument.map { ($0, nil) } }
      instrument = []
    }
    for column in columns where column.index != idColumn && !occasionColumns.contains(column.header)
    {
      instrument.append(column)
      if column.header.hasSuffix("_complete") { flush() }
    }
    flush()
    var widened: [SurveyColumn] = []
    for (position, entry) in wide.enumerated() {
      var column = entry.column
      column.index = position
      widened.append(column)
    }

    // One row per record.
    var merged: [CSVRecord] = []
    for id in order {
      guard let byOccasion = records[id], let occasions = recordOccasions[id],
        let first = byOccasion[occasions[0]]
      else { continue }
      var fields: [CSVField] = []
      fields.reserveCapacity(wide.count)
      for (position, entry) in wide.enumerated() {
        if position == 0 {
          fields.append(CSVField(id))
        } else if position == 1 {
          let names = occasions.map {
            label($0, event: event != nil, instance: !$0.instance.isEmpty)
          }
          fields.append(CSVField(names.joined(separator: "; ")))
        } else {
          let source = entry.occasion.map { byOccasion[$0] } ?? first
          let column = entry.column.index
          fields.append(
            source.flatMap { column < $0.fields.count ? $0.fields[column] : nil } ?? CSVField(""))
        }
      }
      merged.append(CSVRecord(line: first.line, fields: fields))
    }
    let events = Set(occasionOrder.keys.map(\.event)).filter { !$0.isEmpty }.count
    let instances = occasionOrder.keys.filter { !$0.instance.isEmpty }.count
    var parts: [String] = []
    if events > 0 { parts.append("\(events) event\(events == 1 ? "" : "s")") }
    if instances > 0 { parts.append("repeated instances") }
    let split = Set(
      columns.filter { $0.role == .answer || $0.isChoiceColumn }.map(\.itemID).filter {
        (itemOccasions[$0]?.count ?? 0) > 1
      }
    ).count
    let warning =
      "\(file): a REDCap export with \(parts.joined(separator: " and ")): \(rows.count) rows are \(merged.count) records, "
      + "each one respondent (on the line of its first row); \(split) items asked on several occasions are counted per event or instance"
    return (widened, merged, [warning])
  }

  /// `baseline_arm_1`, `instance 2`, `fall_arm_1, instance 2`: the parts that tell an item's
  /// occasions apart.
  static func label(_ occasion: Occasion, event: Bool, instance: Bool) -> String {
    var parts: [String] = []
    if event, !occasion.event.isEmpty { parts.append(occasion.event) }
    if instance, !occasion.instance.isEmpty { parts.append("instance \(occasion.instance)") }
    if parts.isEmpty { parts.append(occasion.event.isEmpty ? "no instance" : occasion.event) }
    return parts.joined(separator: ", ")
  }
}
