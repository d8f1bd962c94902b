import Foundation
import QDAArchive
import QDAModel
import QDAXML

/// The first worksheet of an Excel `.xlsx` file as rows of text, the shape the CSV reader gives,
/// so survey dialects do not care which one they read.
///
/// Reads the package safely (``ZipReader``: no path escapes, bounded inflation; ``XMLDocument``:
/// no DTDs or entities). Shared strings, inline strings and rich-text runs become text; numbers
/// keep their shortest form (`4.0` → `4`); booleans are `TRUE`/`FALSE`; a number whose cell
/// style is a date format (built-in 14–22, 45–47, or a custom format with d, m or y outside
/// quotes and brackets) becomes an ISO 8601 date-time, in the workbook's 1900 or 1904 date
/// system. Cell references place values, so skipped cells are empty; each row's line is its
/// spreadsheet row number.
///
/// Durations (`[h]:mm`, a bracketed hour or minute count) stay numbers; a time-only value
/// (a serial below 1 in a date style) reads `HH:mm:ss`; serials before 1 March 1900 are read
/// as Excel shows them (it counts a 29 February 1900 that never was).
///
/// ```swift
/// let sheet = try XLSXWorkbook(bytes: bytes, file: "responses.xlsx")
/// sheet.records[1][0]  // "2025-08-29T17:17:57"
/// ```
struct XLSXWorkbook {
  /// The sheet's rows as CSV records (line = spreadsheet row number).
  var records: [CSVRecord]
  /// The sheet's name.
  var sheetName: String

  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  /// Reads a worksheet.
  ///
  /// - Parameters:
  ///   - bytes: the `.xlsx` file's bytes.
  ///   - file: its path, for messages.
  ///   - sheet: the worksheet's name, or nil for the first.
  ///   - limits: how much the package may inflate (a zip bomb stops with an error).
  /// - Throws: `IngestError` naming the file (and the part and line, for damaged XML).
  init(bytes: [UInt8], file: String, sheet name: String? = nil, limits: ZipReader.Limits = .init())
    throws
  {
    do {
      let zip = try ZipReader(bytes: bytes, file: file, limits: limits)
      func xml(_ name: String) throws -> XMLDocument? {
        guard let entry = zip.entry(matching: name) else { return nil }
        return try XMLDocument(bytes: try zip.read(entry), file: file + "#" + entry)
      }
      guard let workbook = try xml("xl/workbook.xml"), let root = workbook.root,
        root.name == "workbook"
      else {
        throw IngestError(
          InputLocation(file: file), .unsupportedFormat, "not an Excel workbook: no xl/workbook.xml"
        )
      }
      let dates1904 =
        root.child(named: "workbookPr")?.attribute("date1904").map { $0 == "1" || $0 == "true" }
        ?? false
      let sheets = root.child(named: "sheets")?.children(named: "sheet") ?? []
      guard
        let sheet = name.map({ name in sheets.first { $0.attribute("name") == name } })
          ?? sheets.first
      else {
        if let name, !sheets.isEmpty {
          let names = sheets.compactMap { $0.attribute("name") }.map { "'\($0)'" }.joined(
            separator: ", ")
          throw IngestError(
            InputLocation(file: file), .unsupportedFormat,
            "no worksheet named '\(name)' (the workbook has \(names))")
        }
        throw IngestError(
          InputLocation(file: file), .unsupportedFormat, "the workbook has no worksheet")
      }
      sheetName = sheet.attribute("name") ?? "Sheet1"
      let target = try Self.sheetPath(
        zip: zip, file: file, relationship: sheet.attribute("id", namespace: Self.relationships))
      let strings = try xml("xl/sharedStrings.xml").map(Self.sharedStrings) ?? []
      let dateStyles = try xml("xl/styles.xml").map(Self.dateStyles) ?? []
      guard let worksheet = try xml(target), let sheetRoot = worksheet.root,
        let data = sheetRoot.child(named: "sheetData")
      else {
        throw IngestError(
          InputLocation(file: file), .unsupportedFormat,
          "the workbook's first sheet (\(target)) is missing")
      }
      var records: [CSVRecord] = []
      var nextRow = 1
      for row in data.children(named: "row") {
        let number = row.attribute("r").flatMap(Int.init) ?? nextRow
        nextRow = number + 1
        var fields: [CSVField] = []
        var nextColumn = 0
        for cell in row.children(named: "c") {
          let column = cell.attribute("r").flatMap(Self.column(ofReference:)) ?? nextColumn
          guard column < 20_000 else {
            throw IngestError(
              InputLocation(file: file + "#" + target, line: cell.line), .unreadable,
              "cell \(cell.attribute("r") ?? "?") is beyond column 20000")
          }
          while fields.count < column { fields.append(CSVField("")) }
          let value = Self.value(
            cell, strings: strings, dateStyles: dateStyles, dates1904: dates1904)
          if fields.count == column {
            fields.append(CSVField(value, quoted: true))
          } else {
            fields[column] = CSVField(value, quoted: true)
          }
          nextColumn = column + 1
        }
        records.append(CSVRecord(line: number, fields: fields))
      }
      self.records = records
    } catch let error as ArchiveError {
      throw IngestError(
        InputLocation(file: error.entry.map { file + "#" + $0 } ?? file), .unreadable, error.message
      )
    } catch let error as XMLError {
      throw IngestError(
        InputLocation(file: error.file, line: error.line), .unreadable, error.message)
    }
  }

  /// The path of the sheet a relationship id points to (`xl/worksheets/sheet1.xml`).
  static func sheetPath(zip: ZipReader, file: String, relationship: String?) throws -> String {
    guard let relationship, let entry = zip.entry(matching: "xl/_rels/workbook.xml.rels") else {
      return "xl/worksheets/sheet1.xml"
    }
    let rels = try XMLDocument(bytes: try zip.read(entry), file: file + "#" + entry)
    for element in rels.root?.children(named: "Relationship") ?? []
    where element.attribute("Id") == relationship {
      guard let target = element.attribute("Target") else { break }
      return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
    return "xl/worksheets/sheet1.xml"
  }

  /// Shared strings in order; rich-text runs joined.
  static func sharedStrings(_ document: XMLDocument) -> [String] {
    (document.root?.children(named: "si") ?? []).map(inlineText)
  }

  /// The text of an `<si>` or `<is>`: its `<t>`, or its runs' `<t>`s (phonetic runs skipped).
  static func inlineText(_ element: XMLElement) -> String {
    if let t = element.child(named: "t") { return t.text }
    return element.children(named: "r").compactMap { $0.child(named: "t")?.text }.joined()
  }

  /// For each cell style (index into `cellXfs`), whether its number format is a date.
  static func dateStyles(_ document: XMLDocument) -> [Bool] {
    guard let root = document.root else { return [] }
    var custom: [Int: String] = [:]
    for format in root.child(named: "numFmts")?.children(named: "numFmt") ?? [] {
      if let id = format.attribute("numFmtId").flatMap(Int.init),
        let code = format.attribute("formatCode")
      {
        custom[id] = code
      }
    }
    return (root.child(named: "cellXfs")?.children(named: "xf") ?? []).map { xf in
      guard let id = xf.attribute("numFmtId").flatMap(Int.init) else { return false }
      if (14...22).contains(id) || (45...47).contains(id) { return true }
      return custom[id].map(isDateFormat) ?? false
    }
  }

  /// Whether a format code shows a date: d, m or y outside quoted text and `[…]` (colours,
  /// elapsed time), not a number format such as `0.00`.
  static func isDateFormat(_ code: String) -> Bool {
    var inQuotes = false
    var inBrackets = false
    var bracket = ""
    var date = false
    for character in code.lowercased() {
      switch character {
      case "\"": inQuotes.toggle()
      case "[" where !inQuotes:
        inBrackets = true
        bracket = ""
      case "]" where !inQuotes:
        inBrackets = false
        // `[h]`, `[mm]`, `[ss]`: an elapsed duration, not a date.
        if !bracket.isEmpty, bracket.allSatisfy({ "hms".contains($0) }) { return false }
      case _ where inBrackets: bracket.append(character)
      // (A `where` clause binds only the last pattern of a case, so each pattern has its own.)
      case "d" where !inQuotes, "m" where !inQuotes, "y" where !inQuotes: date = true
      default: continue
      }
    }
    return date
  }

  /// A cell's text.
  static func value(_ cell: XMLElement, strings: [String], dateStyles: [Bool], dates1904: Bool)
    -> String
  {
    let type = cell.attribute("t") ?? "n"
    let raw = cell.child(named: "v")?.text ?? ""
    switch type {
    case "s": return Int(raw).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
    case "inlineStr": return cell.child(named: "is").map(inlineText) ?? ""
    case "b": return raw == "1" ? "TRUE" : "FALSE"
    case "str", "e": return raw
    default:
      guard let number = Double(raw) else { return raw }
      if let style = cell.attribute("s").flatMap(Int.init), style < dateStyles.count,
        dateStyles[style]
      {
        return isoDate(serial: number, dates1904: dates1904)
      }
      return shortest(number)
    }
  }

  /// `4` for 4.0, `4.5` for 4.5.
  static func shortest(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
  }

  /// An Excel serial date as `yyyy-MM-ddTHH:mm:ss` (or `yyyy-MM-dd` at midnight). The 1900
  /// system counts from 1899-12-30 (Excel's phantom 29 February 1900 included); 1904 from
  /// 1904-01-01.
  static func isoDate(serial: Double, dates1904: Bool) -> String {
    let epochDays = dates1904 ? 24_107.0 : 25_569.0  // days from the epoch start to 1970-01-01
    // Excel's 1900 system counts 29 February 1900 (serial 60), so earlier serials are a day
    // later than the 1899-12-30 epoch gives.
    let serial = !dates1904 && serial >= 1 && serial < 60 ? serial + 1 : serial
    let seconds = ((serial - epochDays) * 86_400).rounded()
    let date = Date(timeIntervalSince1970: seconds)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let time = String(
      format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    if serial >= 0, serial < 1 { return time }  // a time of day with no date
    let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    if parts.hour == 0, parts.minute == 0, parts.second == 0, serial == serial.rounded() {
      return day
    }
    return day + "T" + time
  }

  /// The 0-based column of a reference such as `D5` or `AA12`.
  static func column(ofReference reference: String) -> Int? {
    var column = 0
    var letters = 0
    for scalar in reference.unicodeScalars {
      let value = Int(scalar.value)
      guard (65...90).contains(value) || (97...122).contains(value) else { break }
      column = column * 26 + (value - (value >= 97 ? 96 : 64))
      letters += 1
      if letters > 4 { return nil }
    }
    return letters > 0 ? column - 1 : nil
  }
}
