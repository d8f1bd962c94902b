import Foundation
import QDAModel

/// Turns a survey's columns and rows into items and respondents.
///
/// Columns of one question (`Q2_1…Q2_5`, SurveyMonkey's choice columns, `Q1[SQ001]`) whose
/// cells only say "chosen or not" (`1`, `0`, empty, or the choice's own label) become one
/// multi-select item, with at most two trailing boxes people wrote in (SurveyMonkey's "Other
/// (please specify)", chosen by writing in it); otherwise each is an item of its own, a row of a
/// matrix. A choice's text box between the columns (`Q5_7_TEXT`) does not end the question, and
/// every "other" box names its item as parent. A single column's type comes from a dictionary
/// when there is one, else from its answers and the header's hints:
/// - **Likert** when every answer is a point of a known scale (see ``LikertScales``);
/// - **multi-select** first when the header says the column takes several choices and its cells
///   pack them (so that Qualtrics' codes `1,3` are not decimals);
/// - **numeric** when every answer is a number, unless they are a few small whole numbers with
///   no sign of a quantity in the question (coded choices: single choice);
/// - **multi-select** when answers pack several choices (see `Packing` for the rules, and the
///   header's hints: Qualtrics' `- Selected Choice`, an other box, "select all that apply");
/// - **single choice** when the header says the column holds choices, however varied;
/// - **open text** when answers are long (three words or more, or 40 characters) or mostly
///   distinct, or the question asks to explain;
/// - **single choice** otherwise. Answers that differ only in case or spacing (`No`, `NO`) are
///   one choice, labelled as most respondents wrote it.
///
/// SurveyMonkey respondents who stopped early are marked unfinished, and a repeated respondent id
/// is told apart by its line (see `SurveyItemBuilder+Respondents.swift`).
enum SurveyItemBuilder {
  static func build(
    columns: [SurveyColumn], rows: [CSVRecord], dialect: SurveyDialect, file: String,
    warnings: [String]
  ) -> Survey {
    func cell(_ row: CSVRecord, _ column: Int) -> String {
      column < row.fields.count ? trimmed(row.fields[column].value) : ""
    }
    var items: [SurveyItem] = []
    // Per item: how to read a respondent's answer from the row.
    var readers: [(id: String, read: (CSVRecord) -> SurveyAnswer?)] = []

    let answerColumns = columns.filter { $0.role != .skip && $0.role != .respondentID }
    // Group split columns of one question. A choice's text box between them (`Q5_7_TEXT` after
    // `Q5_7`, before `Q5_8`) stands alone without ending the group.
    var groups: [(key: String, columns: [SurveyColumn])] = []
    var lastKeyed: Int?
    for column in answerColumns {
      let key = groupKey(column, dialect: dialect)
      if let key, let index = lastKeyed, groups[index].key == key {
        groups[index].columns.append(column)
      } else {
        groups.append((key ?? "#\(column.index)", [column]))
        if key != nil {
          lastKeyed = groups.count - 1
        } else if case .other = column.role {
        } else {
          lastKeyed = nil
        }
      }
    }
    // SurveyMonkey's "Other (please specify)" box under a single-answer question: a respondent
    // who chose "Other" has a blank answer cell and their words in the box.
    var otherBoxes: [String: SurveyColumn] = [:]
    if dialect == .surveyMonkey {
      for column in answerColumns {
        if case .other(let parent) = column.role, let label = column.subItem, isOtherChoice(label) {
          otherBoxes[parent] = column
        }
      }
    }

    for (key, members) in groups {
      let first = members[0]
      if case .choice = first.role {
        let choices = members.compactMap { column -> SurveyChoice? in
          if case .choice(let code, let label) = column.role {
            return SurveyChoice(code: code, label: label)
          }
          return nil
        }
        addMultiSelect(id: first.itemID, text: first.text, columns: members, choices: choices)
        continue
      }
      if members.count >= 2, members.allSatisfy({ $0.role == .answer }),
        let split = choicesAndBoxes(members, rows: rows, cell: cell)
      {
        let (question, subs) = splitTexts(members)
        let id = groupID(members, key: key, dialect: dialect)
        // An "Other (please specify)" box is chosen by writing in it.
        let chosen = split.choices + split.boxes.filter { $0.subItem.map(isOtherChoice) ?? false }
        let choices = chosen.map { column in
          SurveyChoice(
            code: choiceCode(column),
            label: column.subItem ?? subs[members.firstIndex { $0.index == column.index } ?? 0])
        }
        addMultiSelect(id: id, text: question, columns: chosen, choices: choices)
        for box in split.boxes {
          var box = box
          box.text = question
          box.role = .other(parent: id)
          addSingle(box)
        }
        continue
      }
      let (question, subs) =
        members.count >= 2 ? splitTexts(members) : (first.text, [first.subItem ?? ""])
      for (column, sub) in zip(members, subs) {
        var column = column
        if members.count >= 2 {
          column.text = question
          if column.subItem == nil, !sub.isEmpty { column.subItem = sub }
        }
        addSingle(column)
      }
    }

    func addMultiSelect(id: String, text: String, columns: [SurveyColumn], choices: [SurveyChoice])
    {
      items.append(
        SurveyItem(
          id: id, headers: columns.map(\.header), text: text, type: .multiSelect, choices: choices))
      readers.append(
        (
          id,
          { row in
            var labels: [String] = []
            var raw: [String] = []
            for (column, choice) in zip(columns, choices) {
              let value = cell(row, column.index)
              raw.append(value)
              if isSelected(value, label: choice.label) { labels.append(choice.label) }
            }
            // Nothing ticked is no answer: exports cannot tell "none apply" from "skipped".
            guard !labels.isEmpty else { return nil }
            return SurveyAnswer(values: labels, raw: raw)
          }
        ))
    }

    func addSingle(_ column: SurveyColumn) {
      var parent: String?
      if case .other(let owner) = column.role { parent = owner }
      let isMetadata = column.role != .answer && parent == nil
      let box = parent == nil ? otherBoxes[column.itemID] : nil
      let hints = Packing.Hints(
        qualtrics: [.qualtrics, .qualtrics2016, .qualtricsLegacy].contains(dialect),
        choiceQuestion: column.isChoiceQuestion,
        asksForSeveral: Packing.asksForSeveral(column.text), known: column.knownLabels)
      // Only an answer column's cells are counted: metadata (dates, addresses, durations) and
      // "other" boxes differ on every row, and nothing reads their counts.
      var values = CellValues()
      if !isMetadata, parent == nil { for row in rows { values.add(cell(row, column.index)) } }
      var type: SurveyItemType
      var scale: [String] = []
      var choices = column.choices
      var packed: Packing?
      if isMetadata {
        type = .metadata
      } else if parent != nil {
        type = .openText
      } else if let declared = column.declaredType {
        type = declared
        if declared == .likert {
          scale = LikertScales.match(Set(choices.map(\.label)))?.scale ?? choices.map(\.label)
        }
      } else {
        (type, packed) = infer(
          values, text: column.text + " " + (column.subItem ?? ""), hints: hints)
      }
      // Labels from the dictionary (codes → labels); a scale's point labels (typos mended); for
      // other choices one spelling per case-insensitive variant.
      var canonical: [String: String] = [:]
      if choices.isEmpty, type == .likert, let match = LikertScales.match(Set(values.counts.keys)) {
        scale = match.scale
        canonical = match.labels
        let extra = Set(match.labels.values).subtracting(match.scale).sorted()
        choices = (match.scale + extra).map { SurveyChoice(code: $0, label: $0) }
      } else if choices.isEmpty, type == .singleChoice {
        canonical = canonicalSpellings(values)
        var seen = Set<String>()
        choices = values.counts.keys.compactMap { canonical[$0] }.filter {
          seen.insert($0).inserted
        }.sorted().map {
          SurveyChoice(code: $0, label: $0)
        }
      }
      if let packed { choices = packed.choices.map { SurveyChoice(code: $0, label: $0) } }
      let labels = Dictionary(
        choices.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
      let finalType = packed != nil ? SurveyItemType.multiSelect : type
      let otherLabel = box.flatMap { finalType == .singleChoice ? $0.subItem : nil }
      if let otherLabel, !choices.contains(where: { $0.label == otherLabel }) {
        choices.append(SurveyChoice(code: otherLabel, label: otherLabel))
      }
      items.append(
        SurveyItem(
          id: column.itemID, headers: [column.header], text: column.text, subItem: column.subItem,
          type: finalType, choices: choices, scale: scale, parentID: parent,
          isIdentifier: column.isIdentifier))
      // Each distinct cell of a closed item resolved once (every non-empty cell of an answer
      // column is counted in `values`): its choices split, its label or spelling found.
      // Open and numeric cells are themselves (and nearly all distinct): not tabled.
      func resolve(_ value: String) -> [String]? {
        switch finalType {
        // A multi-select the dictionary declares, its packing not learnt: split at `, `.
        case .multiSelect:
          packed?.split(value) ?? Packing.split(declared: value, choices: choices.map(\.label))
        case .singleChoice, .likert: [labels[value] ?? canonical[value] ?? value]
        default: nil
        }
      }
      // Each distinct closed answer is made once and shared by every respondent who gave it (a
      // survey can have a million respondents); an answer whose label is its cell holds one
      // array for both.
      let resolved = Dictionary(
        uniqueKeysWithValues: values.counts.keys.compactMap { key in
          resolve(key).map { labels in
            let cell = [key]
            return (key, SurveyAnswer(values: labels == cell ? cell : labels, raw: cell))
          }
        })
      readers.append(
        (
          column.itemID,
          { row in
            let value = cell(row, column.index)
            if value.isEmpty, let otherLabel, let box, !cell(row, box.index).isEmpty {
              return SurveyAnswer(values: [otherLabel], raw: [""])
            }
            guard !value.isEmpty else { return nil }
            if let answer = resolved[value] { return answer }
            let cell = [value]
            return SurveyAnswer(values: cell, raw: cell)
          }
        ))
    }

    var notes = warnings + distinguishRepeatedItemIDs(&items, &readers, file: file)

    // Respondents.
    let idColumn = columns.first { $0.role == .respondentID }
    let finishedColumn = columns.first { $0.role == .finished }
    let progressColumn = columns.first { $0.role == .progress }
    let statusColumn = columns.first { $0.role == .status }
    let submitColumn = columns.first { $0.role == .submitDate }
    var statusTwo = 0
    var respondents: [SurveyRespondent] = []
    respondents.reserveCapacity(rows.count)
    for row in rows {
      let id =
        idColumn.map { cell(row, $0.index) }.flatMap { $0.isEmpty ? nil : $0 } ?? "row \(row.line)"
      var finished: Bool?
      if let finishedColumn {
        switch cell(row, finishedColumn.index).lowercased() {
        case "1", "true", "yes": finished = true
        case "0", "false", "no": finished = false
        default: break
        }
      }
      if finished == nil, let progressColumn, let progress = Double(cell(row, progressColumn.index))
      {
        finished = progress >= 100
      }
      if let submitColumn { finished = !cell(row, submitColumn.index).isEmpty }
      var exclusion: String?
      if let statusColumn {
        switch cell(row, statusColumn.index).lowercased() {
        case "1", "survey preview", "preview": exclusion = "preview"
        case "8", "9", "12", "spam", "preview spam", "imported spam": exclusion = "spam"
        case "2", "survey test", "test": statusTwo += 1
        default: break
        }
      }
      var answers: [String: SurveyAnswer] = [:]
      for (id, read) in readers {
        if let answer = read(row) { answers[id] = answer }
      }
      respondents.append(
        SurveyRespondent(
          id: id, line: row.line, finished: finished, exclusion: exclusion, answers: answers))
    }
    resolveParents(&items)
    notes += distinguishRepeatedIDs(&respondents, file: file)
    if dialect == .surveyMonkey {
      notes += markStoppedEarly(&respondents, items: items, file: file)
    }
    let previews = respondents.filter { $0.exclusion == "preview" }.count
    let spam = respondents.filter { $0.exclusion == "spam" }.count
    if previews + spam > 0 {
      let parts = [(previews, "preview"), (spam, "spam")].filter { $0.0 > 0 }.map {
        "\($0.0) \($0.1)"
      }
      notes.append(
        "\(file): \(previews + spam) of \(respondents.count) responses left out of every count (\(parts.joined(separator: ", ")), from the Status column)"
      )
    }
    if statusTwo > 0 {
      notes.append(
        "\(file): \(statusTwo) response\(statusTwo == 1 ? " has" : "s have") Status 2 (a survey test); counted, as Qualtrics does not mark them as previews or spam"
      )
    }
    return Survey(
      source: file, dialect: dialect, items: items, respondents: respondents, warnings: notes)
  }

  /// The cell without surrounding spaces and line breaks; most cells have none, and are
  /// returned without copying.
  static func trimmed(_ text: String) -> String {
    // ASCII ends other than space, tab and line breaks: nothing to trim (most cells).
    if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80,
      last > 0x20, last < 0x80
    {
      return text
    }
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
      return text
    }
    guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Gives a question whose id an earlier one has (two columns named alike, the columns of one
  /// checkbox question not side by side) an id of its own, so neither's answers overwrite the
  /// other's; each such question is noted with the header row's line.
  static func distinguishRepeatedItemIDs(
    _ items: inout [SurveyItem],
    _ readers: inout [(id: String, read: (CSVRecord) -> SurveyAnswer?)], file: String
  ) -> [String] {
    var taken = Set(items.map { $0.id.lowercased() })
    var seen: Set<String> = []
    // The n-th item of an id and the n-th reader of it are the same question.
    var renamed: [String: [Int: String]] = [:]
    var occurrence: [String: Int] = [:]
    var notes: [String] = []
    for index in items.indices {
      let id = items[index].id
      let nth = occurrence[id, default: 0]
      occurrence[id] = nth + 1
      guard seen.insert(id.lowercased()).inserted else {
        var number = 2
        while taken.contains("\(id) (\(number))".lowercased()) { number += 1 }
        let fresh = "\(id) (\(number))"
        taken.insert(fresh.lowercased())
        items[index].id = fresh
        renamed[id, default: [:]][nth] = fresh
        let headers = items[index].headers.map { "'\($0)'" }.joined(separator: ", ")
        notes.append(
          "\(file):1: the question '\(id)' appears twice; the later one (columns \(headers)) is read as '\(fresh)'"
        )
        continue
      }
    }
    guard !renamed.isEmpty else { return [] }
    occurrence = [:]
    for index in readers.indices {
      let id = readers[index].id
      let nth = occurrence[id, default: 0]
      occurrence[id] = nth + 1
      if let fresh = renamed[id]?[nth] { readers[index].id = fresh }
    }
    return notes
  }

  // MARK: - Grouping

  /// The question a split column belongs to, or nil for a column that stands alone.
  static func groupKey(_ column: SurveyColumn, dialect: SurveyDialect) -> String? {
    switch column.role {
    case .choice: return "choice:" + column.itemID
    case .answer: break
    default: return nil
    }
    switch dialect {
    case .qualtrics, .qualtrics2016, .qualtricsLegacy:
      // Q2_1, Q5_1_-1 → Q2, Q5_1
      guard let underscore = column.header.lastIndex(of: "_") else { return nil }
      let suffix = column.header[column.header.index(after: underscore)...]
      guard Int(suffix) != nil else { return nil }
      return "q:" + column.header[..<underscore]
    case .surveyMonkey:
      guard column.subItem != nil, let underscore = column.itemID.lastIndex(of: "_") else {
        return nil
      }
      return "q:" + column.itemID[..<underscore]
    case .limeSurvey, .googleForms:
      return column.subItem != nil ? "q:" + column.text : nil
    default:
      return nil
    }
  }

  /// The multi-select item's id: Qualtrics' ImportId without its choice part, else the key.
  static func groupID(_ members: [SurveyColumn], key: String, dialect: SurveyDialect) -> String {
    let id = members[0].itemID
    if dialect == .qualtrics || dialect == .qualtrics2016,
      let cut = id.lastIndex(where: { $0 == "_" || $0 == "-" })
    {
      return String(id[..<cut])
    }
    if dialect == .qualtricsLegacy, let cut = members[0].header.lastIndex(of: "_") {
      return String(members[0].header[..<cut])
    }
    return String(key.dropFirst(2))
  }

  static func choiceCode(_ column: SurveyColumn) -> String {
    if let underscore = column.header.lastIndex(of: "_") {
      return String(column.header[column.header.index(after: underscore)...])
    }
    return column.subItem ?? column.header
  }

  /// Whether every cell of the columns only marks a choice: `1`, `0`, empty, or the column's
  /// own label.
  static func isChoiceFlags(
    _ columns: [SurveyColumn], rows: [CSVRecord], cell: (CSVRecord, Int) -> String
  ) -> Bool {
    var marked = false
    for column in columns {
      for row in rows {
        let value = cell(row, column.index)
        if value.isEmpty || value == "0" { continue }
        if value == "1" || value == column.subItem || value.lowercased() == "y"
          || value.lowercased() == "checked"
        {
          marked = true
          continue
        }
        return false
      }
    }
    return marked
  }

  /// A question's columns read as a multi-select: the choices (cells that only mark them), then
  /// at most two boxes people wrote in (SurveyMonkey's "Other (please specify)", a comment box),
  /// each labelled as such or holding open text. Nil when the columns are not a multi-select
  /// (a matrix's rows).
  static func choicesAndBoxes(
    _ columns: [SurveyColumn], rows: [CSVRecord], cell: (CSVRecord, Int) -> String
  )
    -> (choices: [SurveyColumn], boxes: [SurveyColumn])?
  {
    guard isChoiceFlags(columns, rows: rows, cell: cell) == false else { return (columns, []) }
    // A column of marks, or with none at all.
    func marksOnly(_ column: SurveyColumn) -> Bool {
      isChoiceFlags([column], rows: rows, cell: cell)
        || rows.allSatisfy { cell($0, column.index).isEmpty || cell($0, column.index) == "0" }
    }
    guard let firstBox = columns.firstIndex(where: { !marksOnly($0) }), firstBox >= 2,
      columns.count - firstBox <= 2
    else {
      return nil
    }
    let choices = Array(columns[..<firstBox])
    let boxes = Array(columns[firstBox...])
    let written = boxes.allSatisfy { box in
      if box.subItem.map(isOtherChoice) == true { return true }
      var values = CellValues()
      for row in rows { values.add(cell(row, box.index)) }
      return infer(values, text: box.text).0 == .openText
    }
    guard written, isChoiceFlags(choices, rows: rows, cell: cell) else { return nil }
    return (choices, boxes)
  }

  /// Whether a column's label names an "other" choice: `Other (please specify)`, `Something
  /// else, please specify`.
  static func isOtherChoice(_ label: String) -> Bool {
    let words = label.lowercased().split { !$0.isLetter }
    return words.contains("other") || words.contains("specify")
  }

  /// An "other" box's parent as the export names it (`Q5_7` for `Q5_7_TEXT`, `Q1` for
  /// `Q1_TEXT`) made the id of the item that holds that column: the split multi-select with a
  /// `Q5_7` column, else the one-column question `Q5` (a packed multi-select or single choice).
  static func resolveParents(_ items: inout [SurveyItem]) {
    let ids = Set(items.map(\.id))
    func owner(of header: String) -> String? {
      items.first { $0.parentID == nil && $0.type != .metadata && $0.headers.contains(header) }?.id
    }
    for index in items.indices {
      guard let parent = items[index].parentID, !ids.contains(parent) else { continue }
      if let id = owner(of: parent) {
        items[index].parentID = id
      } else if let cut = parent.lastIndex(of: "_"),
        Int(parent[parent.index(after: cut)...]) != nil,
        let id = owner(of: String(parent[..<cut]))
      {
        items[index].parentID = id
      }
    }
  }

  static func isSelected(_ value: String, label: String) -> Bool {
    let lowered = value.lowercased()
    return !value.isEmpty && lowered != "0" && lowered != "unchecked" && lowered != "n"
  }

  /// The question text the columns share and each column's own part: `Check all…-Squash are
  /// great` → (`Check all…`, `Squash are great`), cut at the last ` - ` or `-` of the common
  /// prefix.
  static func splitTexts(_ columns: [SurveyColumn]) -> (String, [String]) {
    let texts = columns.map(\.text)
    guard var prefix = texts.first else { return ("", []) }
    for text in texts.dropFirst() {
      while !text.hasPrefix(prefix) { prefix.removeLast() }
    }
    if texts.allSatisfy({ $0 == texts[0] }) { return (texts[0], columns.map { $0.subItem ?? "" }) }
    if let cut = prefix.range(of: " - ", options: .backwards)
      ?? prefix.range(of: "-", options: .backwards)
    {
      let question = String(prefix[..<cut.lowerBound]).trimmingCharacters(in: .whitespaces)
      let start = prefix.distance(from: prefix.startIndex, to: cut.upperBound)
      return (
        question, texts.map { String($0.dropFirst(start)).trimmingCharacters(in: .whitespaces) }
      )
    }
    return (
      prefix.trimmingCharacters(in: .whitespaces), texts.map { String($0.dropFirst(prefix.count)) }
    )
  }

  // MARK: - Types

  static let quantityWords = [
    "how many", "number of", "hours", "minutes", "age", "years", "percent", "%", "how much time",
    "days", "weeks", "score",
  ]
  static let explainWords = [
    "explain", "describe", "why", "rationale", "comment", "please specify", "free text", "tell us",
    "anything else", "what do you think",
  ]

  /// The non-empty cells of a column: each distinct value with the number of cells holding it
  /// (a million respondents give a few dozen distinct answers to a closed item).
  struct CellValues {
    var counts: [String: Int] = [:]
    /// Non-empty cells in all.
    var total = 0

    mutating func add(_ value: String) {
      guard !value.isEmpty else { return }
      counts[value, default: 0] += 1
      total += 1
    }

    var isEmpty: Bool { total == 0 }
  }

  /// An item's type from its cells and the header's hints (see the type's documentation).
  static func infer(_ values: CellValues, text: String, hints: Packing.Hints = Packing.Hints()) -> (
    SurveyItemType, Packing?
  ) {
    guard !values.isEmpty else { return (hints.choiceQuestion ? .singleChoice : .openText, nil) }
    let lowered = text.lowercased()
    let distinct = values.counts
    if LikertScales.match(Set(distinct.keys)) != nil { return (.likert, nil) }
    // A question known to take several choices: packed codes (`1,3`) are choices, not decimals.
    if hints.choiceQuestion || hints.asksForSeveral, let packed = Packing(values, hints: hints) {
      return (.multiSelect, packed)
    }
    let numbers = distinct.keys.compactMap {
      Double($0.contains(",") ? $0.replacingOccurrences(of: ",", with: ".") : $0)
    }
    if numbers.count == distinct.count {
      let integers = numbers.allSatisfy { $0 == $0.rounded() && abs($0) <= 10 }
      let quantity = quantityWords.contains { lowered.contains($0) }
      if integers, Set(numbers).count <= 7, !quantity { return (.singleChoice, nil) }
      return (.numeric, nil)
    }
    if let packed = Packing(values, hints: hints) { return (.multiSelect, packed) }
    // The export says the cells are choices: however varied, they are not open text.
    if hints.choiceQuestion { return (.singleChoice, nil) }
    let words = distinct.reduce(0) { $0 + $1.key.split(separator: " ").count * $1.value }
    let meanWords = Double(words) / Double(values.total)
    let folded = Set(distinct.keys.map { trimmed($0.lowercased()) })
    let long = meanWords >= 3 || distinct.keys.contains { $0.count > 40 }
    let mostlyDistinct = values.total >= 4 && Double(folded.count) / Double(values.total) > 0.5
    let asksToExplain = explainWords.contains { lowered.contains($0) }
    if long || mostlyDistinct || asksToExplain || (values.total < 4 && meanWords >= 2) {
      return (.openText, nil)
    }
    return (.singleChoice, nil)
  }

  /// For answers that differ only in case or spacing, the spelling most respondents used.
  static func canonicalSpellings(_ values: CellValues) -> [String: String] {
    var byKey: [String: [String: Int]] = [:]
    for (value, cells) in values.counts {
      let key = value.lowercased().split(separator: " ").joined(separator: " ")
      byKey[key, default: [:]][value, default: 0] += cells
    }
    var result: [String: String] = [:]
    for spellings in byKey.values {
      let best = spellings.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
      for spelling in spellings.keys { result[spelling] = best }
    }
    return result
  }
}
