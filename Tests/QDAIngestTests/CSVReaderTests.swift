import Testing
import QDAModel
import QDAIngest
import _QDATestSupport

@Suite struct CSVReaderTests {
  func table(_ relative: String) throws -> CSVTable {
    let path = Fixtures.shared("formats/surveys/" + relative)
    return try CSVReader.parse(try TextDecoder.decode(try Fixtures.bytes(path)).text, file: relative)
  }

  @Test func readsCRLFRecordsWithLineBreaksInsideQuotedCells() throws {
    let table = try table("google_forms_sheets_crlf_embedded_newlines.csv")
    #expect(table.delimiter == ",")
    #expect(table.records.count == 65)
    #expect(table.records.allSatisfy { $0.fields.count == 9 })
    // Record 11 (0-based 10) holds a line break and starts on line 11; the next starts on 13.
    #expect(table.records[10].fields.contains { $0.value == "Idk, seems right\nalso, 2 bread w/ stuff in it" })
    #expect(table.records[10].line == 11)
    #expect(table.records[11].line == 13)
    #expect(table.records[14].line == 18)
    // The last record has no line terminator.
    #expect(table.records.last?.line == 69)
  }

  @Test func keepsTheEmptyCellATrailingCommaMakes() throws {
    let table = try table("qualtrics_legacy_sample_de_bom.csv")
    #expect(table.records.count == 3)
    #expect(table.records.allSatisfy { $0.fields.count == 16 })
    #expect(table.records[0][0] == "V1")
    #expect(table.records[0][15] == "")
  }

  @Test func sniffsTabsInUTF16UnicodeText() throws {
    let table = try table("derived_surveymonkey_utf16le_bom_tab.txt")
    #expect(table.delimiter == "\t")
    #expect(table.records.count == 18)
    #expect(table.records[0][0] == "Respondent ID")
    #expect(table.records[2][1] == "414754235")
  }

  @Test func tellsQuotedEmptyFromUnquotedEmptyAndMissing() throws {
    let table = try CSVReader.parse("a;b;c\n1;\"\";\n2\n", file: "x.csv")
    #expect(table.delimiter == ";")
    #expect(table.records[1].fields == [CSVField("1"), CSVField("", quoted: true), CSVField("")])
    #expect(table.records[2][1] == nil)
  }

  @Test func doublesQuotesAndKeepsStrayOnes() throws {
    let table = try CSVReader.parse("\"He said \"\"no\"\"\",5\"7,x\n", file: "x.csv")
    #expect(table.records[0][0] == "He said \"no\"")
    #expect(table.records[0][1] == "5\"7")
  }

  @Test func reportsAnUnclosedQuoteAtTheLineItOpened() {
    #expect(throws: IngestError(InputLocation(file: "bad.csv", line: 2), .csv, "a quoted cell opened here is never closed (missing \")")) {
      try CSVReader.parse("a,b\n1,\"open\n2,3\n", file: "bad.csv")
    }
  }
}
