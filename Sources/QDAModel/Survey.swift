/// A survey export read into one model, whatever tool wrote it: respondents × items, every
/// answer with the raw value, its label, and where it came from.
public struct Survey: Hashable, Sendable, Codable {
  /// The file it was read from.
  public var source: String
  public var dialect: SurveyDialect
  public var items: [SurveyItem]
  /// Every response row, kept or not (see ``SurveyRespondent/exclusion``).
  public var respondents: [SurveyRespondent]
  /// Things the reader noticed and worked around (`file:line: …`).
  public var warnings: [String]

  public init(
    source: String, dialect: SurveyDialect, items: [SurveyItem], respondents: [SurveyRespondent],
    warnings: [String] = []
  ) {
    self.source = source
    self.dialect = dialect
    self.items = items
    self.respondents = respondents
    self.warnings = warnings
  }

  /// The respondents analyses count: not previews, spam or tests; unfinished ones only when
  /// asked for.
  public func counted(includeUnfinished: Bool = false) -> [SurveyRespondent] {
    respondents.filter { respondent in
      guard respondent.exclusion == nil else { return false }
      return includeUnfinished || respondent.finished != false
    }
  }

  /// The item with an id.
  public func item(_ id: String) -> SurveyItem? { items.first { $0.id == id } }
}

/// The tool that wrote a survey export.
public enum SurveyDialect: String, Hashable, Sendable, Codable, CaseIterable {
  /// Qualtrics since 2017: three header rows, `{"ImportId":…}` in row 3.
  case qualtrics
  /// Qualtrics' 2016 "Insights" export: row 3 is `{'ImportId': …}`.
  case qualtrics2016 = "qualtrics_2016"
  /// Qualtrics before 2017: `V1…V10`, two header rows.
  case qualtricsLegacy = "qualtrics_legacy"
  case surveyMonkey = "surveymonkey"
  case googleForms = "google_forms"
  case microsoftForms = "microsoft_forms"
  case redcap
  case limeSurvey = "limesurvey"
  /// One header row, the first column a case id (QualCoder's survey import, a hand-made table).
  case generic

  /// How a report names the tool.
  public var name: String {
    switch self {
    case .qualtrics: "Qualtrics"
    case .qualtrics2016: "Qualtrics (2016 format)"
    case .qualtricsLegacy: "Qualtrics (legacy format)"
    case .surveyMonkey: "SurveyMonkey"
    case .googleForms: "Google Forms"
    case .microsoftForms: "Microsoft Forms"
    case .redcap: "REDCap"
    case .limeSurvey: "LimeSurvey"
    case .generic: "table"
    }
  }
}

/// What kind of answers an item collects.
public enum SurveyItemType: String, Hashable, Sendable, Codable, CaseIterable {
  case singleChoice = "single_choice"
  case likert
  case multiSelect = "multi_select"
  case numeric
  case openText = "open_text"
  /// Start and end dates, status, progress, ids: about the response, not an answer.
  case metadata
}

/// One question, matrix row or free-text box.
public struct SurveyItem: Hashable, Sendable, Codable, Identifiable {
  /// The stable key: Qualtrics' ImportId, REDCap's variable, else the column header.
  public var id: String
  /// The column header(s) as exported (row 1).
  public var headers: [String]
  /// The question's text.
  public var text: String
  /// The matrix row or statement, for an item that is one row of a grid.
  public var subItem: String?
  public var type: SurveyItemType
  /// The choices offered, in order, when known (a dictionary, a multi-select's columns, a
  /// recognised scale).
  public var choices: [SurveyChoice]
  /// For Likert items: the scale's points from lowest to highest as the export labels them.
  public var scale: [String]
  /// For an "other, please specify" box: the item it belongs to.
  public var parentID: String?
  /// Whether the export's own description marks the item as identifying a person (REDCap's
  /// data dictionary `Identifier? = y`): read as metadata, never a coded passage, emptied by
  /// de-identification.
  public var isIdentifier: Bool

  public init(
    id: String, headers: [String], text: String, subItem: String? = nil, type: SurveyItemType,
    choices: [SurveyChoice] = [], scale: [String] = [], parentID: String? = nil,
    isIdentifier: Bool = false
  ) {
    self.id = id
    self.headers = headers
    self.text = text
    self.subItem = subItem
    self.type = type
    self.choices = choices
    self.scale = scale
    self.parentID = parentID
    self.isIdentifier = isIdentifier
  }

  // `isIdentifier` is written only when true, so surveys stored before it existed read the same.
  enum CodingKeys: String, CodingKey {
    case id, headers, text, subItem, type, choices, scale, parentID, isIdentifier
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    headers = try container.decode([String].self, forKey: .headers)
    text = try container.decode(String.self, forKey: .text)
    subItem = try container.decodeIfPresent(String.self, forKey: .subItem)
    type = try container.decode(SurveyItemType.self, forKey: .type)
    choices = try container.decode([SurveyChoice].self, forKey: .choices)
    scale = try container.decode([String].self, forKey: .scale)
    parentID = try container.decodeIfPresent(String.self, forKey: .parentID)
    isIdentifier = try container.decodeIfPresent(Bool.self, forKey: .isIdentifier) ?? false
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(headers, forKey: .headers)
    try container.encode(text, forKey: .text)
    try container.encodeIfPresent(subItem, forKey: .subItem)
    try container.encode(type, forKey: .type)
    try container.encode(choices, forKey: .choices)
    try container.encode(scale, forKey: .scale)
    try container.encodeIfPresent(parentID, forKey: .parentID)
    if isIdentifier { try container.encode(true, forKey: .isIdentifier) }
  }

  /// `Question — Statement`, or the question alone.
  public var fullText: String { subItem.map { "\(text) — \($0)" } ?? text }
}

/// A choice: the code stored and the label shown.
public struct SurveyChoice: Hashable, Sendable, Codable {
  public var code: String
  public var label: String

  public init(code: String, label: String) {
    self.code = code
    self.label = label
  }
}

/// One response row.
public struct SurveyRespondent: Hashable, Sendable, Codable, Identifiable {
  /// The respondent's id (ResponseId, Respondent ID, record_id…), or `row <n>`.
  public var id: String
  /// The 1-based line the row starts on.
  public var line: Int
  /// Whether the response was finished; nil when the export does not say.
  public var finished: Bool?
  /// Why the row is left out of every count (`preview`, `spam`, `test`), or nil.
  public var exclusion: String?
  /// Answers by item id.
  public var answers: [String: SurveyAnswer]

  public init(
    id: String, line: Int, finished: Bool? = nil, exclusion: String? = nil,
    answers: [String: SurveyAnswer] = [:]
  ) {
    self.id = id
    self.line = line
    self.finished = finished
    self.exclusion = exclusion
    self.answers = answers
  }
}

/// A respondent's answer to one item. Its provenance is the respondent's line and the item's
/// column headers (``Survey/provenance(of:item:)``).
public struct SurveyAnswer: Hashable, Sendable, Codable {
  /// The labels chosen (one, or several for a multi-select), or the text or number given.
  public var values: [String]
  /// The cells as exported (one per column of the item).
  public var raw: [String]

  public init(values: [String], raw: [String]) {
    self.values = values
    self.raw = raw
  }

  /// The single value (first), for single-valued items.
  public var value: String { values.first ?? "" }

  // Stored compactly: surveys can have a million respondents. `r` only when the cells differ
  // from the values.
  enum CodingKeys: String, CodingKey { case values = "v", raw = "r" }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    values = try container.decode([String].self, forKey: .values)
    raw = try container.decodeIfPresent([String].self, forKey: .raw) ?? values
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(values, forKey: .values)
    if raw != values { try container.encode(raw, forKey: .raw) }
  }
}

extension Survey {
  /// Where an answer came from: the file, the respondent's line, the item's column headers.
  public func provenance(of respondent: SurveyRespondent, item: SurveyItem) -> (
    file: String, line: Int, columns: [String]
  ) {
    (source, respondent.line, item.headers)
  }
}
