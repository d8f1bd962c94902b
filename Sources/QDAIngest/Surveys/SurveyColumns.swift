import Foundation
import QDAModel

/// What one column of a survey export holds, read from the tool's header rows.
struct SurveyColumn {
  enum Role: Equatable {
    case respondentID
    /// Finished (1/0, True/False), a completion flag.
    case finished
    /// Progress in percent.
    case progress
    /// Qualtrics' response type: 0 answer, 1 preview, 2 test, 8 spam…
    case status
    /// LimeSurvey's submit date: empty means unfinished.
    case submitDate
    case metadata
    case answer
    /// One choice of a multi-select spread over columns (code and label).
    case choice(code: String, label: String)
    /// A free-text box belonging to another item ("other, please specify", a comment box).
    case other(parent: String)
    /// Columns that carry nothing to keep (Text iQ topics, a trailing empty column).
    case skip
  }

  var index: Int
  /// Row 1 as exported.
  var header: String
  /// The item this column feeds.
  var itemID: String
  /// The question's text.
  var text: String
  /// The matrix row or choice, when the column is one of several of a question.
  var subItem: String?
  var role: Role
  /// From a data dictionary.
  var declaredType: SurveyItemType?
  var choices: [SurveyChoice] = []
  /// The export says the column answers a choice question (Qualtrics' `- Selected Choice`, or a
  /// `Q5_7_TEXT` box for one of its choices), so its cells are choices, never open text.
  var isChoiceQuestion = false
  /// Choice labels the header rows name (an "other" choice's label from its text box's header),
  /// kept whole when a packed cell is split.
  var knownLabels: [String] = []
  /// A data dictionary marks the field as identifying (REDCap `Identifier? = y`).
  var isIdentifier = false

  /// Whether the column is one choice of a multi-select spread over columns.
  var isChoiceColumn: Bool {
    if case .choice = role { return true }
    return false
  }
}

/// The columns of each tool's export, and how many header rows it has.
enum SurveyColumns {
  struct Layout {
    var columns: [SurveyColumn]
    var headerRows: Int
    var warnings: [String] = []
  }

  static func layout(
    _ records: [CSVRecord], dialect: SurveyDialect, file: String,
    dictionary: [String: REDCapDictionary.Field]?
  ) throws -> Layout {
    let row1 = records[0].fields.map(\.value)
    func cell(_ row: Int, _ column: Int) -> String {
      guard row < records.count, column < records[row].fields.count else { return "" }
      return records[row].fields[column].value
    }
    var layout: Layout
    switch dialect {
    case .qualtrics, .qualtrics2016:
      guard records.count >= 3 else {
        throw IngestError(
          InputLocation(file: file, line: 1), .csv, "a Qualtrics export needs three header rows")
      }
      // Rows 2 and 3 name the columns of row 1; one cell more (an unquoted `{"ImportId":…}`
      // holding a comma) would shift every item id after it onto the wrong column.
      for record in records[1...2] where record.holdsText(after: row1.count) {
        throw IngestError(
          InputLocation(file: file, line: record.line, column: row1.count + 1), .csv,
          "header row \(record.line) has \(record.fields.count) cells but row 1 has \(row1.count) (is a cell holding commas not quoted?)"
        )
      }
      layout = Layout(
        columns: row1.indices.map {
          qualtricsColumn($0, tag: row1[$0], text: cell(1, $0), importCell: cell(2, $0))
        }, headerRows: 3)
      linkTextBoxes(&layout.columns)
    case .qualtricsLegacy:
      layout = Layout(
        columns: row1.indices.map { legacyColumn($0, tag: row1[$0], label: cell(1, $0)) },
        headerRows: 2)
      linkTextBoxes(&layout.columns)
    case .surveyMonkey:
      layout = surveyMonkeyLayout(row1: row1, row2: row1.indices.map { cell(1, $0) })
    case .googleForms, .microsoftForms, .generic:
      layout = Layout(
        columns: row1.indices.map { singleRowColumn($0, header: row1[$0], dialect: dialect) },
        headerRows: 1)
    case .redcap:
      layout = Layout(
        columns: row1.indices.map { redcapColumn($0, header: row1[$0], dictionary: dictionary) },
        headerRows: 1)
      if dictionary == nil {
        layout.warnings.append(
          "\(file): a REDCap raw export without its data dictionary: choice labels and item types are inferred (pass --dictionary)"
        )
      }
    case .limeSurvey:
      layout = Layout(
        columns: row1.indices.map { limeSurveyColumn($0, header: row1[$0]) }, headerRows: 1)
    }
    // A column with no header but with answers is kept, named by its position; only columns
    // empty throughout (a trailing delimiter) are dropped.
    for index in layout.columns.indices
    where layout.columns[index].role == .skip
      && layout.columns[index].header.trimmingCharacters(in: .whitespaces).isEmpty
    {
      let column = layout.columns[index].index
      let holdsAnswers = records.dropFirst(layout.headerRows).contains { record in
        column < record.fields.count
          && !record.fields[column].value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      }
      guard holdsAnswers else { continue }
      let name = "Column \(column + 1)"
      layout.columns[index].role = .answer
      layout.columns[index].itemID = name
      layout.columns[index].text = name
      layout.warnings.append(
        "\(file):1: column \(column + 1) has no header but holds answers; read as '\(name)'")
    }
    // Repeated item ids (two Google Forms questions with one title) get a suffix.
    var seen: [String: Int] = [:]
    var singles = Set<String>()
    for index in layout.columns.indices {
      let column = layout.columns[index]
      if case .choice = column.role { continue }
      let key = column.itemID
      if singles.contains(key) {
        let count = (seen[key] ?? 1) + 1
        seen[key] = count
        layout.columns[index].itemID = "\(key) (\(count))"
        layout.warnings.append(
          "\(file):1: column \(index + 1) repeats the header '\(column.header)'; read as '\(key) (\(count))'"
        )
      } else {
        singles.insert(key)
      }
    }
    return layout
  }

  // MARK: - Qualtrics

  static let qualtricsMetadata: [String: SurveyColumn.Role] = [
    "_recordid": .respondentID, "responseid": .respondentID, "finished": .finished,
    "progress": .progress,
    "status": .status,
  ]

  /// `{"ImportId":"QID2_TEXT"}` or `{'ImportId': 'QID2-1'}` → the id.
  static func importID(_ cell: String) -> String? {
    guard let key = cell.range(of: "ImportId") else { return nil }
    let rest = cell[key.upperBound...].drop(while: {
      $0 == "\"" || $0 == "'" || $0 == ":" || $0 == " "
    })
    let value = rest.prefix(while: { $0 != "\"" && $0 != "'" })
    return value.isEmpty ? nil : String(value)
  }

  static func qualtricsColumn(_ index: Int, tag: String, text: String, importCell: String)
    -> SurveyColumn
  {
    let id = importID(importCell) ?? tag
    let lowered = id.lowercased()
    var column = SurveyColumn(index: index, header: tag, itemID: id, text: text, role: .answer)
    if tag.isEmpty && text.isEmpty { column.role = .skip; return column }
    if lowered.contains("topics") || tag.hasSuffix(" - Topics") || lowered.hasSuffix("_do")
      || tag.contains("_DO_")
    {
      column.role = .skip
      return column
    }
    guard lowered.hasPrefix("qid") else {
      let plain = lowered.replacingOccurrences(of: "panel-", with: "").replacingOccurrences(
        of: "location-", with: "")
      column.role = qualtricsMetadata[plain] ?? .metadata
      column.itemID = tag
      return column
    }
    return splitQuestionColumn(column, tag: tag)
  }

  static func legacyColumn(_ index: Int, tag: String, label: String) -> SurveyColumn {
    var column = SurveyColumn(index: index, header: tag, itemID: tag, text: label, role: .answer)
    if tag.isEmpty && label.isEmpty { column.role = .skip; return column }
    if tag.hasPrefix("V"), tag.dropFirst().allSatisfy(\.isNumber) || tag.hasPrefix("Location") {
      column.role = qualtricsMetadata[label.lowercased()] ?? .metadata
      column.itemID = label.isEmpty ? tag : label
      return column
    }
    if tag.hasPrefix("Location") { column.role = .metadata; return column }
    return splitQuestionColumn(column, tag: tag)
  }

  /// `Q2_1` or `Q5_2_3` (one of several columns of a question), `Q1_TEXT` (other text): the
  /// item is decided later from the values; here the column records its question (`Q2`).
  ///
  /// Qualtrics writes `Question - Selected Choice` over the choice column of a question that has
  /// a text box on one of its choices (and `Question - Selected Choice - Label` over each column
  /// of a split one): the words are dropped from the text and the column is known to hold choices.
  static func splitQuestionColumn(_ column: SurveyColumn, tag: String) -> SurveyColumn {
    var column = column
    let upper = tag.uppercased()
    if upper.hasSuffix("_TEXT") {
      let parent = String(tag.dropLast(5))
      column.role = .other(parent: parent)
    } else if column.text.contains(selectedChoice) {
      column.text = column.text.replacingOccurrences(of: selectedChoice, with: "")
      column.isChoiceQuestion = true
    }
    return column
  }

  static let selectedChoice = " - Selected Choice"

  /// A choice's text box (`Q5_7_TEXT`, headed `Question - Other (please specify) - Text`) says
  /// that `Q5` is a choice question and names choice 7's label: when `Q5` is one column (a
  /// single choice, or a multi-select packed into one cell), it is marked so and learns the
  /// label, so that a packed cell holding it is split around it. `Q1_TEXT` beside `Q1` marks
  /// `Q1` the same way.
  static func linkTextBoxes(_ columns: inout [SurveyColumn]) {
    let byHeader = Dictionary(
      columns.indices.map { (columns[$0].header, $0) }, uniquingKeysWith: { first, _ in first })
    for box in columns {
      guard case .other(let parent) = box.role else { continue }
      if let own = byHeader[parent] {
        columns[own].isChoiceQuestion = true
        continue
      }
      guard let cut = parent.lastIndex(of: "_"), Int(parent[parent.index(after: cut)...]) != nil,
        let question = byHeader[String(parent[..<cut])], columns[question].role == .answer
      else { continue }
      columns[question].isChoiceQuestion = true
      var label = box.text
      guard label.hasSuffix(" - Text") else { continue }
      label = String(label.dropLast(7))
      let prefix = columns[question].text + " - "
      if label.hasPrefix(prefix) {
        label = String(label.dropFirst(prefix.count))
      } else if let dash = label.range(of: " - ", options: .backwards) {
        label = String(label[dash.upperBound...])
      }
      label = label.trimmingCharacters(in: .whitespaces)
      if !label.isEmpty { columns[question].knownLabels.append(label) }
    }
  }

  // MARK: - SurveyMonkey

  static let surveyMonkeyMetadata: [String: SurveyColumn.Role] = [
    "respondent id": .respondentID, "collector id": .metadata, "start date": .metadata,
    "end date": .metadata,
    "ip address": .metadata, "email address": .metadata, "first name": .metadata,
    "last name": .metadata,
  ]

  /// SurveyMonkey's two header rows: the question over its first column only, and under each
  /// column `Response`, `Open-Ended Response`, or a label. Under a question answered in one
  /// column, a further column with a label (row 1 blank) is a box belonging to it ("Other (please
  /// specify)", a comment box). Under a question whose first column already has a label, every
  /// column is one of its choices or matrix rows (an "Other (please specify)" among them); the
  /// item builder tells which from the cells.
  static func surveyMonkeyLayout(row1: [String], row2: [String]) -> Layout {
    var columns: [SurveyColumn] = []
    var question = 0
    var questionText = ""
    var questionID = ""
    var position = 0
    var labelled = false
    for index in row1.indices {
      let top = row1[index].trimmingCharacters(in: .whitespacesAndNewlines)
      let sub = row2[index].trimmingCharacters(in: .whitespacesAndNewlines)
      let lowered = top.lowercased()
      if let role = surveyMonkeyMetadata[lowered]
        ?? (lowered.hasPrefix("custom data") ? .metadata : nil)
      {
        columns.append(SurveyColumn(index: index, header: top, itemID: top, text: top, role: role))
        continue
      }
      if top.isEmpty && sub.isEmpty {
        columns.append(
          SurveyColumn(index: index, header: "", itemID: "col\(index + 1)", text: "", role: .skip))
        continue
      }
      if !top.isEmpty {
        question += 1
        questionText = top
        questionID = "q\(question)"
        position = 0
        labelled = !["Response", "Open-Ended Response", ""].contains(sub)
      }
      position += 1
      let header = top.isEmpty ? questionText : top
      switch sub {
      case "Response", "":
        columns.append(
          SurveyColumn(
            index: index, header: header, itemID: questionID, text: questionText, role: .answer))
      case "Open-Ended Response":
        var column = SurveyColumn(
          index: index, header: header, itemID: questionID, text: questionText, role: .answer)
        column.declaredType = .openText
        columns.append(column)
      default:
        // A choice of a multi-select, a matrix row, or (under a blank row 1) a comment box:
        // decided from the values by the item builder.
        columns.append(
          SurveyColumn(
            index: index, header: header, itemID: "\(questionID)_\(position)", text: questionText,
            subItem: sub,
            role: top.isEmpty && !labelled ? .other(parent: questionID) : .answer))
      }
    }
    return Layout(columns: columns, headerRows: 2)
  }

  // MARK: - One header row

  static func singleRowColumn(_ index: Int, header: String, dialect: SurveyDialect) -> SurveyColumn
  {
    let trimmed = header.trimmingCharacters(in: .whitespacesAndNewlines)
    var column = SurveyColumn(
      index: index, header: header, itemID: trimmed, text: trimmed, role: .answer)
    if trimmed.isEmpty {
      column.itemID = "column \(index + 1)"
      column.role = .skip
      return column
    }
    let lowered = trimmed.lowercased()
    switch dialect {
    case .googleForms:
      if lowered == "timestamp" || lowered == "email address" || lowered == "score" {
        column.role = .metadata
      }
    case .microsoftForms:
      if lowered == "id" { column.role = .respondentID }
      if [
        "start time", "completion time", "email", "name", "last modified time", "total points",
        "quiz feedback",
      ].contains(lowered) {
        column.role = .metadata
      }
    default:
      if index == 0 { column.role = .respondentID }
    }
    // Google's grid questions: `Question [Row]`.
    if column.role == .answer, trimmed.hasSuffix("]"), let open = trimmed.lastIndex(of: "["),
      open > trimmed.startIndex
    {
      column.text = trimmed[..<open].trimmingCharacters(in: .whitespaces)
      column.subItem = String(
        trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
    }
    return column
  }

  // MARK: - REDCap

  static func redcapColumn(
    _ index: Int, header: String, dictionary: [String: REDCapDictionary.Field]?
  ) -> SurveyColumn {
    let name = header.trimmingCharacters(in: .whitespaces)
    var column = SurveyColumn(index: index, header: name, itemID: name, text: name, role: .answer)
    if index == 0 {
      column.role = .respondentID
      return column
    }
    if name.hasPrefix("redcap_") || name.hasSuffix("_complete") || name.hasSuffix("_timestamp") {
      column.role = .metadata
      return column
    }
    if let separator = name.range(of: "___") {
      let variable = String(name[..<separator.lowerBound])
      let code = String(name[separator.upperBound...])
      let field = dictionary?[variable]
      if field?.isIdentifier == true {
        column.role = .metadata
        column.isIdentifier = true
        return column
      }
      let label = field?.choices.first { $0.code == code }?.label ?? code
      column.itemID = variable
      column.text = field?.label ?? variable
      column.role = .choice(code: code, label: label)
      column.choices = field?.choices ?? []
      return column
    }
    if let field = dictionary?[name] {
      column.text = field.label
      column.choices = field.choices
      column.declaredType = field.itemType
      if field.itemType == .metadata { column.role = .metadata }
      // A field the dictionary marks as identifying is kept as metadata whatever its type: a
      // name or an address typed in a text box must never become a coded passage.
      if field.isIdentifier {
        column.role = .metadata
        column.isIdentifier = true
      }
    }
    return column
  }

  // MARK: - LimeSurvey

  static let limeSurveyMetadata: Set<String> = [
    "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate", "datestamp", "ipaddr",
    "refurl",
    "interviewtime",
  ]

  static func limeSurveyColumn(_ index: Int, header: String) -> SurveyColumn {
    let name = header.trimmingCharacters(in: .whitespaces)
    var column = SurveyColumn(index: index, header: name, itemID: name, text: name, role: .answer)
    let lowered = name.lowercased()
    if lowered == "id" {
      column.role = .respondentID
    } else if lowered == "submitdate" {
      column.role = .submitDate
    } else if limeSurveyMetadata.contains(lowered) || lowered.hasPrefix("grouptime")
      || lowered.hasSuffix("time") && lowered.count > 4 && lowered.hasPrefix("q") == false
    {
      column.role = .metadata
    } else if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
      let question = String(name[..<open])
      let sub = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
      column.text = question
      column.subItem = sub
      if sub.lowercased() == "other" || sub.lowercased() == "comment" {
        column.role = .other(parent: question)
      }
    }
    return column
  }
}
