import CSV

/// yaslab/CSV.swift 2.5.2: a streaming `CSVReader` over the text.
func csvSwiftParser() -> Parser {
  Parser(name: "yaslab/CSV.swift 2.5.2") { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let delimiter: UnicodeScalar = text.prefix(200).contains(";") && !text.prefix(200).contains(",") ? ";" : ","
    let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    if let error = reader.error { throw error }
    return rows
  }
}
