import Foundation
import QDAModel

/// Turns a survey's columns and rows into items and respondents.
///
/// Columns of one question (`Q2_1…Q2_5`, SurveyMonkey's choice columns, `Q1[SQ001]`) whose
/// cells only say "chosen or not" (`1`, `0`, empty, or the choice's own label) become one
/// multi-select item; otherwise each is an item of its own, a row of a matrix. A single column's
/// type comes from a dictionary when there is one, else from its answers:
/// - **Likert** when every answer is a point of a known scale (see ``LikertScales``);
/// - **numeric** when every answer is a number, unless they are a few small whole numbers with
///   no sign of a quantity in the question (coded choices: single choice);
/// - **multi-select** when answers pack several recurring choices with `, ` (Google Forms) or `,`
///   (Qualtrics, see `Packing`);
/// - **open text** when answers are long (three words or more, or 40 characters) or mostly
///   distinct, or the question asks to explain;
/// - **single choice** otherwise. Answers that differ only in case or spacing (`No`, `NO`) are
///   one choice, labelled as most respondents wrote it.
enum SurveyItemBuilder {
  static func build(
    columns: [SurveyColumn], rows: [CSVRecord], dialect: SurveyDialect, file: String, warnings: [String]
  ) -> Survey {
    func cell(_ row: CSVRecord, _ column: Int) -> String {
      column < row.fields.count ? trimmed(row.fields[column].value) : ""
    }
    var items: [SurveyItem] = []
    // Per item: how to read a respondent's answer from the row.
    var readers: [(id: String, read: (CSVRecord) -> SurveyAnswer?)] = []

    let answerColumns = columns.filter { $0.role != .skip && $0.role != .respondentID }
    // Group split columns of one question.
    var groups: [(key: String, columns: [SurveyColumn])] = []
    for column in answerColumns {
      let key = groupKey(column, dialect: dialect)
      if let key, let last = groups.last, last.key == key {
        groups[groups.count - 1].columns.append(column)
      } else {
        groups.append((key ?? "#\(column.index)", [column]))
      }
    }

    for (key, members) in groups {
      let first = members[0]
      if case .choice = first.role {
        let choices = members.compactMap { column -> SurveyChoice? in
          if case .choice(let code, let label) = column.role { return SurveyChoice(code: code, label: label) }
          return nil
        }
        addMultiSelect(id: first.itemID, text: first.text, columns: members, choices: choices)
        continue
      }
      if members.count >= 2, members.allSatisfy({ $0.role == .answer }), isChoiceFlags(members, rows: rows, cell: cell) {
        let (question, subs) = splitTexts(members)
        let choices = zip(members, subs).map { column, sub in
          SurveyChoice(code: choiceCode(column), label: column.subItem ?? sub)
        }
        addMultiSelect(id: groupID(members, key: key, dialect: dialect), text: question, columns: members, choices: choices)
        continue
      }
      let (question, subs) = members.count >= 2 ? splitTexts(members) : (first.text, [first.subItem ?? ""])
      for (column, sub) in zip(members, subs) {
        var column = column
        if members.count >= 2 {
          column.text = question
          if column.subItem == nil, !sub.isEmpty { column.subItem = sub }
        }
        addSingle(column)
      }
    }

    func addMultiSelect(id: String, text: String, columns: [SurveyColumn], choices: [SurveyChoice]) {
      items.append(
        SurveyItem(id: id, headers: columns.map(\.header), text: text, type: .multiSelect, choices: choices))
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
        if declared == .likert { scale = LikertScales.match(Set(choices.map(\.label)))?.scale ?? choices.map(\.label) }
      } else {
        (type, packed) = infer(values, text: column.text + " " + (column.subItem ?? ""))
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
        choices = values.counts.keys.compactMap { canonical[$0] }.filter { seen.insert($0).inserted }.sorted().map {
          SurveyChoice(code: $0, label: $0)
        }
      }
      if let packed { choices = packed.choices.map { SurveyChoice(code: $0, label: $0) } }
      let labels = Dictionary(choices.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
      let finalType = packed != nil ? SurveyItemType.multiSelect : type
      items.append(
        SurveyItem(
          id: column.itemID, headers: [column.header], text: column.text, subItem: column.subItem,
          type: finalType, choices: choices, scale: scale, parentID: parent))
      // Each distinct cell of a closed item resolved once (every non-empty cell of an answer
      // column is counted in `values`): its choices split, its label or spelling found.
      // Open and numeric cells are themselves (and nearly all distinct): not tabled.
      func resolve(_ value: String) -> [String]? {
        switch finalType {
        // A multi-select the dictionary declares, its packing not learnt: split at `, `.
        case .multiSelect: packed?.split(value) ?? Packing.fragments(value, separator: ", ", known: [])
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
            guard !value.isEmpty else { return nil }
            if let answer = resolved[value] { return answer }
            let cell = [value]
            return SurveyAnswer(values: cell, raw: cell)
          }
        ))
    }

    // Respondents.
    let idColumn = columns.first { $0.role == .respondentID }
    let finishedColumn = columns.first { $0.role == .finished }
    let progressColumn = columns.first { $0.role == .progress }
    let statusColumn = columns.first { $0.role == .status }
    let submitColumn = columns.first { $0.role == .submitDate }
    var notes = warnings
    var statusTwo = 0
    var respondents: [SurveyRespondent] = []
    respondents.reserveCapacity(rows.count)
    for row in rows {
      let id = idColumn.map { cell(row, $0.index) }.flatMap { $0.isEmpty ? nil : $0 } ?? "row \(row.line)"
      var finished: Bool?
      if let finishedColumn {
        switch cell(row, finishedColumn.index).lowercased() {
        case "1", "true", "yes": finished = true
        case "0", "false", "no": finished = false
        default: break
        }
      }
      if finished == nil, let progressColumn, let progress = Double(cell(row, progressColumn.index)) {
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
      respondents.append(SurveyRespondent(id: id, line: row.line, finished: finished, exclusion: exclusion, answers: answers))
    }
    let previews = respondents.filter { $0.exclusion == "preview" }.count
    let spam = respondents.filter { $0.exclusion == "spam" }.count
    if previews + spam > 0 {
      let parts = [(previews, "preview"), (spam, "spam")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
      notes.append(
        "\(file): \(previews + spam) of \(respondents.count) responses left out of every count (\(parts.joined(separator: ", ")), from the Status column)")
    }
    if statusTwo > 0 {
      notes.append("\(file): \(statusTwo) response\(statusTwo == 1 ? " has" : "s have") Status 2 (a survey test); counted, as Qualtrics does not mark them as previews or spam")
    }
    return Survey(source: file, dialect: dialect, items: items, respondents: respondents, warnings: notes)
  }

  /// The cell without surrounding spaces and line breaks; most cells have none, and are
  /// returned without copying.
  static func trimmed(_ text: String) -> String {
    // ASCII ends other than space, tab and line breaks: nothing to trim (most cells).
    if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
      return text
    }
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
    guard first.properties.isWhitespace || last.properties.isWhitespace else { return text }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
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
      guard column.subItem != nil, let underscore = column.itemID.lastIndex(of: "_") else { return nil }
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
    if dialect == .qualtrics || dialect == .qualtrics2016, let cut = id.lastIndex(where: { $0 == "_" || $0 == "-" }) {
      return String(id[..<cut])
    }
    if dialect == .qualtricsLegacy, let cut = members[0].header.lastIndex(of: "_") { return String(members[0].header[..<cut]) }
    return String(key.dropFirst(2))
  }

  static func choiceCode(_ column: SurveyColumn) -> String {
    if let underscore = column.header.lastIndex(of: "_") { return String(column.header[column.header.index(after: underscore)...]) }
    return column.subItem ?? column.header
  }

  /// Whether every cell of the columns only marks a choice: `1`, `0`, empty, or the column's
  /// own label.
  static func isChoiceFlags(_ columns: [SurveyColumn], rows: [CSVRecord], cell: (CSVRecord, Int) -> String) -> Bool {
    var marked = false
    for column in columns {
      for row in rows {
        let value = cell(row, column.index)
        if value.isEmpty || value == "0" { continue }
        if value == "1" || value == column.subItem || value.lowercased() == "y" || value.lowercased() == "checked" {
          marked = true
          continue
        }
        return false
      }
    }
    return marked
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
    if let cut = prefix.range(of: " - ", options: .backwards) ?? prefix.range(of: "-", options: .backwards) {
      let question = String(prefix[..<cut.lowerBound]).trimmingCharacters(in: .whitespaces)
      let start = prefix.distance(from: prefix.startIndex, to: cut.upperBound)
      return (question, texts.map { String($0.dropFirst(start)).trimmingCharacters(in: .whitespaces) })
    }
    return (prefix.trimmingCharacters(in: .whitespaces), texts.map { String($0.dropFirst(prefix.count)) })
  }

  // MARK: - Types

  static let quantityWords = ["how many", "number of", "hours", "minutes", "age", "years", "percent", "%", "how much time", "days", "weeks", "score"]
  static let explainWords = ["explain", "describe", "why", "rationale", "comment", "please specify", "free text", "tell us", "anything else", "what do you think"]

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

  static func infer(_ values: CellValues, text: String) -> (SurveyItemType, Packing?) {
    guard !values.isEmpty else { return (.openText, nil) }
    let lowered = text.lowercased()
    let distinct = values.counts
    if LikertScales.match(Set(distinct.keys)) != nil { return (.likert, nil) }
    let numbers = distinct.keys.compactMap { Double($0.contains(",") ? $0.replacingOccurrences(of: ",", with: ".") : $0) }
    if numbers.count == distinct.count {
      let integers = numbers.allSatisfy { $0 == $0.rounded() && abs($0) <= 10 }
      let quantity = quantityWords.contains { lowered.contains($0) }
      if integers, Set(numbers).count <= 7, !quantity { return (.singleChoice, nil) }
      return (.numeric, nil)
    }
    if let packed = Packing(values) { return (.multiSelect, packed) }
    let words = distinct.reduce(0) { $0 + $1.key.split(separator: " ").count * $1.value }
    let meanWords = Double(words) / Double(values.total)
    let folded = Set(distinct.keys.map { trimmed($0.lowercased()) })
    let long = meanWords >= 3 || distinct.keys.contains { $0.count > 40 }
    let mostlyDistinct = values.total >= 4 && Double(folded.count) / Double(values.total) > 0.5
    let asksToExplain = explainWords.contains { lowered.contains($0) }
    if long || mostlyDistinct || asksToExplain || (values.total < 4 && meanWords >= 2) { return (.openText, nil) }
    return (.singleChoice, nil)
  }

  /// How a column packs several choices into one cell: Google Forms joins them with `, `,
  /// Qualtrics (a multi-select not broken out into columns) with `,`.
  struct Packing {
    var choices: [String]
    var separator: String
    /// Choices that hold the separator themselves, kept whole when a cell is split.
    var known: Set<String>

    /// The packing of a column's cells, nil when they do not look packed: at least two cells
    /// hold several parts, the parts recur (each appears in two cells or more, or alone in a
    /// cell), and they read as labels, not sentences.
    ///
    /// A choice may itself hold `, ` (`Coaching, mentoring or feedback`, `Release time (e.g.,
    /// substitutes)`): parts are glued back while brackets are open, and a cell's whole text is
    /// one choice when its parts are never seen apart in any cell (see ``commaChoices(_:separator:)``).
    init?(_ values: CellValues) {
      guard let packing = Self.packing(values, separator: ", ") ?? Self.packing(values, separator: ",") else { return nil }
      self = packing
    }

    private init(choices: [String], separator: String) {
      self.choices = choices
      self.separator = separator
      known = Set(choices.filter { $0.contains(separator) })
    }

    private static func packing(_ values: CellValues, separator: String) -> Packing? {
      let distinct = values.counts
      guard distinct.reduce(0, { $0 + ($1.key.contains(separator) ? $1.value : 0) }) >= 2 else { return nil }
      let known = commaChoices(distinct, separator: separator)
      let limit = max(12, values.total / 3)
      // Per part, the cells holding it; the cells of several parts with their parts.
      var counts: [String: Int] = [:]
      var alone = Set<String>()
      var multi: [(parts: [String], cells: Int)] = []
      for (value, cells) in distinct {
        let parts = fragments(value, separator: separator, known: known)
        for part in Set(parts) { counts[part, default: 0] += cells }
        guard counts.count <= limit else { return nil }  // too many distinct parts for choices
        if parts.count == 1 { alone.insert(parts[0]) } else if parts.count >= 2 { multi.append((parts, cells)) }
      }
      let multiCells = multi.reduce(0) { $0 + $1.cells }
      guard multiCells >= 2 else { return nil }
      var partsInMulti = 0
      var recurring = 0
      for (parts, cells) in multi {
        partsInMulti += parts.count * cells
        recurring += parts.filter { (counts[$0] ?? 0) >= 2 || alone.contains($0) }.count * cells
      }
      // Sentences split at their commas recur when people write alike; labels rarely end a sentence.
      let sentences = counts.keys.filter { $0.last.map { ".!?".contains($0) } ?? false }
      guard Double(recurring) >= 0.9 * Double(partsInMulti),
        multi.allSatisfy({ $0.parts.allSatisfy { $0.split(separator: " ").count <= 8 } }),
        sentences.count * 2 <= counts.count
      else { return nil }
      let choices = counts.keys.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }
      return Packing(choices: choices, separator: separator)
    }

    /// A packed cell's choices, the known choices that hold the separator kept whole.
    func split(_ value: String) -> [String] {
      Self.fragments(value, separator: separator, known: known)
    }

    /// The choices that hold the separator themselves, learnt from the respondents: a cell's
    /// whole text with the separator in it, chosen alone by two respondents or more, whose parts
    /// never appear in any cell except together and in that order. (Two separate choices that
    /// everyone who picks one also picks, in the same order, cannot be told from one choice; the
    /// export does not say.)
    static func commaChoices(_ distinct: [String: Int], separator: String) -> Set<String> {
      let candidates = distinct.filter { $0.value >= 2 && $0.key.contains(separator) }.keys
      guard !candidates.isEmpty else { return [] }
      let split = distinct.keys.map { fragments($0, separator: separator, known: []) }
      var result = Set<String>()
      for candidate in candidates {
        let parts = fragments(candidate, separator: separator, known: [])
        guard parts.count >= 2 else { continue }
        let together = split.allSatisfy { cell in
          var index = 0
          while index < cell.count {
            if let offset = parts.firstIndex(of: cell[index]) {
              // A part must start the whole run of parts, in order.
              guard offset == 0, index + parts.count <= cell.count, Array(cell[index..<(index + parts.count)]) == parts
              else { return false }
              index += parts.count
            } else {
              index += 1
            }
          }
          return true
        }
        if together { result.insert(candidate) }
      }
      return result
    }

    /// The text between separators, trimmed (`,` or `, `, both ASCII: split on UTF-8).
    static func pieces(of value: String, separator: String) -> [String] {
      let comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
      let needsSpace = separator == ", "
      let utf8 = Array(value.utf8)
      var result: [String] = []
      var start = 0
      var index = 0
      while index < utf8.count {
        if utf8[index] == comma, !needsSpace || (index + 1 < utf8.count && utf8[index + 1] == space) {
          result.append(trimmed(String(decoding: utf8[start..<index], as: UTF8.self)))
          index += needsSpace ? 2 : 1
          start = index
        } else {
          index += 1
        }
      }
      result.append(trimmed(String(decoding: utf8[start...], as: UTF8.self)))
      return result
    }

    /// A packed cell split at the separator: the longest known choice at each place first;
    /// otherwise parts are glued while a `(` or `[` is open.
    static func fragments(_ value: String, separator: String, known: Set<String>) -> [String] {
      let pieces = pieces(of: value, separator: separator)
      var result: [String] = []
      var index = 0
      while index < pieces.count {
        var end = index
        if !known.isEmpty {
          for candidate in stride(from: pieces.count - 1, to: index, by: -1)
          where known.contains(pieces[index...candidate].joined(separator: separator)) {
            end = candidate
            break
          }
        }
        var text = pieces[index...end].joined(separator: separator)
        func open(_ text: String) -> Bool {
          text.filter { $0 == "(" || $0 == "[" }.count > text.filter { $0 == ")" || $0 == "]" }.count
        }
        while open(text), end + 1 < pieces.count {
          end += 1
          text += separator + pieces[end]
        }
        if !text.isEmpty { result.append(text) }
        index = end + 1
      }
      return result
    }
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
