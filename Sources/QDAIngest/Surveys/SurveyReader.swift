import Foundation
public import QDAModel

/// Reads a survey export — CSV, TSV, UTF-16 "Unicode text" or `.xlsx` — from Qualtrics (all
/// three formats), SurveyMonkey, Google Forms, Microsoft Forms, REDCap (raw, with its data
/// dictionary when given), LimeSurvey, or a plain table with a case id first, into one
/// ``Survey``.
///
/// The tool is recognised from the header (see `../shared/formats/SPEC.md` §0); each tool's
/// header rows are read into columns (``SurveyColumn``), columns are grouped into items and typed
/// (``SurveyItemBuilder``), and every answer keeps its row and column header.
///
/// ```swift
/// let survey = try SurveyReader.read(bytes: bytes, file: "feedback.csv")
/// survey.dialect                  // .surveyMonkey
/// survey.counted().count          // 16
/// ```
public enum SurveyReader {
  /// The file extensions read as surveys.
  public static let extensions: Set<String> = ["csv", "tsv", "tab", "xlsx"]

  /// Reads a survey export.
  ///
  /// - Parameters:
  ///   - bytes: the file's bytes.
  ///   - file: its path, for messages and provenance.
  ///   - dictionary: a REDCap data dictionary's bytes, to type and label a raw export.
  ///   - dictionaryFile: the dictionary's path.
  /// - Throws: `IngestError` naming the file, row and column when the file is not a survey export
  ///   or is damaged.
  public static func read(
    bytes: [UInt8], file: String, dictionary: [UInt8]? = nil, dictionaryFile: String? = nil
  )
    throws -> Survey
  {
    let (records, decodingWarnings) = try decodedRecords(bytes, file: file)
    guard let header = records.first else {
      throw IngestError(InputLocation(file: file), .csv, "the file is empty")
    }
    let dictionaryFields = try dictionary.map {
      try REDCapDictionary.read($0, file: dictionaryFile ?? "dictionary.csv")
    }
    let dialect = try detect(records, file: file)
    let layout = try SurveyColumns.layout(
      records, dialect: dialect, file: file, dictionary: dictionaryFields)
    let rows = records.dropFirst(layout.headerRows).filter { !$0.isBlank }
    // (A file not in UTF-8 is read as Windows-1252 and says so, as a transcript does.)
    var warnings = decodingWarnings + layout.warnings
    for row in rows where row.holdsText(after: header.fields.count) {
      throw IngestError(
        InputLocation(file: file, line: row.line, column: header.fields.count + 1), .csv,
        "row \(row.line) has \(row.fields.count) cells but the header has \(header.fields.count)")
    }
    if rows.isEmpty { warnings.append("\(file): the export has no responses") }
    var columns = layout.columns
    var responses = Array(rows)
    if dialect == .redcap,
      let wide = try REDCapOccasions.widen(columns: columns, rows: responses, file: file)
    {
      columns = wide.columns
      responses = wide.rows
      warnings += wide.warnings
    }
    return SurveyItemBuilder.build(
      columns: columns, rows: responses, dialect: dialect, file: file, warnings: warnings)
  }

  /// Whether a file's first bytes look like a survey export QDAKit reads (used to tell survey
  /// files from other tables among the inputs).
  public static func recognizes(bytes: [UInt8], file: String) -> Bool {
    guard let records = try? self.records(bytes, file: file), records.count >= 2,
      let dialect = try? detect(records, file: file)
    else { return false }
    return dialect != .generic
  }

  // MARK: - Records

  static func records(_ bytes: [UInt8], file: String) throws -> [CSVRecord] {
    try decodedRecords(bytes, file: file).records
  }

  /// The records, and what decoding the text said (a file not in UTF-8 read as Windows-1252).
  static func decodedRecords(_ bytes: [UInt8], file: String) throws -> (
    records: [CSVRecord], warnings: [String]
  ) {
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return (try XLSXWorkbook(bytes: bytes, file: file).records, [])
    }
    let decoded = try TextDecoder.decode(bytes, file: file)
    var records = try CSVReader.parse(decoded.text, file: file).records
    while records.last?.isBlank == true { records.removeLast() }
    return (records, decoded.warnings)
  }

  // MARK: - Dialects

  static func detect(_ records: [CSVRecord], file: String) throws -> SurveyDialect {
    let first = records[0].fields.map { $0.value.trimmingCharacters(in: .whitespaces) }
    let lowered = first.map { $0.lowercased() }
    if records.count >= 3 {
      let third = records[2].fields.map(\.value)
      if third.contains(where: { $0.hasPrefix("{\"ImportId\"") }) { return .qualtrics }
      if third.contains(where: { $0.hasPrefix("{'ImportId'") }) { return .qualtrics2016 }
    }
    if first.starts(with: ["V1", "V2", "V3"]), records.count >= 2,
      records[1].fields.contains(where: { $0.value == "ResponseID" })
    {
      return .qualtricsLegacy
    }
    if lowered.starts(with: ["variable / field name", "form name"]) {
      throw IngestError(
        InputLocation(file: file, line: 1), .csv,
        "this is a REDCap data dictionary, not responses: give the raw export as the survey and this file with --dictionary"
      )
    }
    if lowered.starts(with: ["respondent id", "collector id"]) { return .surveyMonkey }
    if lowered.first == "timestamp" { return .googleForms }
    if lowered.starts(with: ["id", "start time", "completion time"]) { return .microsoftForms }
    if lowered.starts(with: ["id", "submitdate"])
      || (lowered.contains("submitdate") && lowered.contains("lastpage"))
    {
      return .limeSurvey
    }
    if lowered.contains(where: {
      $0.hasSuffix("_complete") || $0 == "redcap_event_name" || $0 == "redcap_survey_identifier"
    }) {
      return .redcap
    }
    return .generic
  }
}

extension CSVRecord {
  /// Whether a field after the first `count` holds more than spaces: a row longer than the
  /// header it is read against (trailing delimiters are not).
  func holdsText(after count: Int) -> Bool {
    fields.dropFirst(count).contains { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
  }
}
