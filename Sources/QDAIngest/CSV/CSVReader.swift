import QDAModel

/// One cell of a CSV record: its text and whether it was quoted, which tells LimeSurvey's NULL
/// (an unquoted empty field) from an empty string (`""`).
public struct CSVField: Hashable, Sendable {
  public var value: String
  public var quoted: Bool

  public init(_ value: String, quoted: Bool = false) {
    self.value = value
    self.quoted = quoted
  }
}

/// One record, with the line of the file it starts on (records can span lines).
public struct CSVRecord: Hashable, Sendable {
  /// The 1-based line the record starts on.
  public var line: Int
  public var fields: [CSVField]

  public init(line: Int, fields: [CSVField]) {
    self.line = line
    self.fields = fields
  }

  /// The field's text, or nil when the record is shorter than that (a missing cell).
  public subscript(index: Int) -> String? {
    index < fields.count ? fields[index].value : nil
  }

  /// Whether every field is empty.
  public var isBlank: Bool { fields.allSatisfy { $0.value.isEmpty } }
}

/// A parsed CSV or TSV file.
public struct CSVTable: Hashable, Sendable {
  /// The delimiter used: `,`, `;` or a tab.
  public var delimiter: Character
  public var records: [CSVRecord]
}

/// A quote-aware reader for CSV and TSV, RFC 4180 plus what real exports do: a delimiter sniffed
/// among `,` `;` and tab, quoted cells holding line breaks, a missing final line break, trailing
/// delimiters, and stray quotes inside unquoted cells (kept as text).
///
/// Written here rather than taken from SwiftCSV or CSV.swift because the importers need what
/// neither gives: the line each record starts on (for `file:line` errors), quoted-vs-unquoted
/// empty cells (LimeSurvey's NULL against `""`), and delimiter sniffing; and it parses UTF-8
/// bytes directly, without a copy per cell. Measured with
/// `QDA_PEER_BENCHMARKS=1 swift run -c release _CSVBench` on a generated 60 MB, 99,195-record
/// Qualtrics-like export (CRLF records, LF and commas inside quoted answers, doubled quotes,
/// emoji), best of three, from bytes to rows, on a shared
/// 2-core machine: this reader 0.69 s (87 MB/s: `TextDecoder` 0.30 s, parsing 0.34 s);
/// yaslab/CSV.swift 2.5.2 2.48 s (24 MB/s); SwiftCSV 0.10.0 4.87 s (12 MB/s). All three read
/// the six tricky cases of the benchmark right and give the same cells on the export; only
/// this one tells `""` from an empty cell.
///
/// ```swift
/// let table = try CSVReader.parse("id,name\n1,\"Ortiz, A.\"\n", file: "p.csv")
/// table.records[1][1]  // "Ortiz, A."
/// ```
public enum CSVReader {
  /// The shape a record may have: what no survey export, attribute table or coding file comes
  /// near, checked as the bytes are read, so a file that is not a table is refused before it is
  /// held as millions of cells (a 20 MB line of two million cells took a minute and 3.8 GB).
  public struct Limits: Sendable {
    /// The most fields in one record: a spreadsheet's 16,384 columns.
    public var fields: Int
    /// The longest record, in bytes of UTF-8.
    public var recordBytes: Int

    public init(fields: Int = 16_384, recordBytes: Int = 16 << 20) {
      self.fields = fields
      self.recordBytes = recordBytes
    }
  }

  /// Parses decoded text (see `TextDecoder`); line breaks are LF.
  ///
  /// - Parameters:
  ///   - text: the file's text.
  ///   - delimiter: the delimiter, or nil to sniff it.
  ///   - file: the file name for error messages.
  ///   - limits: the largest record read.
  /// - Throws: `IngestError` (`.csv`) for a quoted cell that never closes, or a record past the
  ///   limits, naming the line it starts on.
  public static func parse(
    _ text: String, delimiter: Character? = nil, file: String, limits: Limits = .init()
  ) throws
    -> CSVTable
  {
    let chosen = delimiter ?? sniffDelimiter(text)
    let delimiterByte = chosen.asciiValue ?? UInt8(ascii: ",")
    var utf8 = text
    return try utf8.withUTF8 { bytes in
      CSVTable(
        delimiter: chosen,
        records: try parse(bytes, delimiter: delimiterByte, file: file, limits: limits))
    }
  }

  /// Picks `,`, `;` or tab: the candidate that splits the first lines into the same number of
  /// fields (above one), ignoring delimiters inside quotes.
  public static func sniffDelimiter(_ text: String) -> Character {
    let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
    var counts: [[Int]] = Array(repeating: [], count: candidates.count)
    var current = Array(repeating: 0, count: candidates.count)
    var inQuotes = false
    var lines = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == UInt8(ascii: "\n") {
          for index in candidates.indices { counts[index].append(current[index]) }
          current = Array(repeating: 0, count: candidates.count)
          lines += 1
          if lines >= 20 { break }
        } else if let index = candidates.firstIndex(of: byte) {
          current[index] += 1
        }
      }
    }
    if lines < 20 {
      for index in candidates.indices { counts[index].append(current[index]) }
    }
    var best = 0
    var bestScore = -1.0
    for index in candidates.indices {
      let perLine = counts[index].filter { $0 > 0 }
      guard let first = perLine.first else { continue }
      let consistent = Double(perLine.filter { $0 == first }.count) / Double(counts[index].count)
      let score = consistent * 1000 + Double(first)
      if score > bestScore {
        bestScore = score
        best = index
      }
    }
    return Character(Unicode.Scalar(candidates[best]))
  }

  // MARK: - Private

  private static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, file: String, limits: Limits
  )
    throws -> [CSVRecord]
  {
    let quote = UInt8(ascii: "\"")
    let newline = UInt8(ascii: "\n")
    var records: [CSVRecord] = []
    var fields: [CSVField] = []
    var index = 0
    var line = 1
    var recordLine = 1
    let count = bytes.count
    var fieldBytes: [UInt8] = []
    var recordStart = 0

    func tooLong() -> IngestError {
      IngestError(
        InputLocation(file: file, line: recordLine), .csv,
        "a record longer than \(InputReader.describe(limits.recordBytes)) starts here; rows of a table are far shorter "
          + "(is this a CSV file, and are its quotes balanced?)")
    }

    func string(_ start: Int, _ end: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    while index < count {
      // At the start of a field.
      if bytes[index] == quote {
        let openLine = line
        index += 1
        fieldBytes.removeAll(keepingCapacity: true)
        var closed = false
        while index < count {
          let byte = bytes[index]
          if byte == quote {
            if index + 1 < count, bytes[index + 1] == quote {
              fieldBytes.append(quote)
              index += 2
              continue
            }
            index += 1
            closed = true
            break
          }
          if byte == newline { line += 1 }
          fieldBytes.append(byte)
          index += 1
          if index - recordStart > limits.recordBytes { throw tooLong() }
        }
        guard closed else {
          throw IngestError(
            InputLocation(file: file, line: openLine), .csv,
            "a quoted cell opened here is never closed (missing \")")
        }
        // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
        while index < count, bytes[index] != delimiter, bytes[index] != newline {
          fieldBytes.append(bytes[index])
          index += 1
        }
        fields.append(CSVField(String(decoding: fieldBytes, as: UTF8.self), quoted: true))
      } else {
        let start = index
        while index < count, bytes[index] != delimiter, bytes[index] != newline { index += 1 }
        if index - recordStart > limits.recordBytes { throw tooLong() }
        fields.append(CSVField(string(start, index)))
      }
      if fields.count > limits.fields {
        throw IngestError(
          InputLocation(file: file, line: recordLine), .csv,
          "a record of more than \(limits.fields) fields starts here; a spreadsheet has at most 16384 columns "
            + "(is the delimiter right?)")
      }
      // After a field: a delimiter, a line break or the end.
      if index < count, bytes[index] == delimiter {
        index += 1
        if index == count { fields.append(CSVField("")) }  // a trailing delimiter at the very end
        continue
      }
      if index < count, bytes[index] == newline {
        index += 1
        line += 1
      }
      records.append(CSVRecord(line: recordLine, fields: fields))
      fields = []
      recordLine = line
      recordStart = index
    }
    if !fields.isEmpty { records.append(CSVRecord(line: recordLine, fields: fields)) }
    return records
  }
}
