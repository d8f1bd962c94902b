import SwiftCSV

/// SwiftCSV 0.10.0: the whole text into an `EnumeratedCSV` (header row plus rows).
func swiftCSVParser() -> Parser {
  Parser(name: "SwiftCSV 0.10.0") { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let delimiter: CSVDelimiter = text.prefix(200).contains(";") && !text.prefix(200).contains(",") ? .semicolon : .comma
    let csv = try EnumeratedCSV(string: text, delimiter: delimiter, loadColumns: false)
    return [csv.header] + csv.rows
  }
}
