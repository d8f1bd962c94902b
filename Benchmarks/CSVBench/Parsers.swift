import QDAIngest

/// A CSV parser under test: bytes in, rows of cells out.
struct Parser {
  var name: String
  var parse: ([UInt8]) throws -> [[String]]
}

/// QDAKit's reader as the importers use it: `TextDecoder` (BOM, encoding, CRLF → LF), then
/// `CSVReader` with the delimiter sniffed.
func qdaParser() -> Parser {
  Parser(name: "QDAIngest.CSVReader") { bytes in
    let text = try TextDecoder.decode(bytes, file: "bench.csv").text
    return try CSVReader.parse(text, file: "bench.csv").records.map { $0.fields.map(\.value) }
  }
}

/// Whether QDAKit's reader keeps a quoted empty cell apart from an unquoted one (LimeSurvey's
/// `""` against NULL) — the other two return both as "".
func qdaKeepsQuotedEmpty() throws -> Bool {
  let table = try CSVReader.parse("a;b\n\"\";\n", file: "null.csv")
  return table.records[1].fields.map(\.quoted) == [true, false]
}
