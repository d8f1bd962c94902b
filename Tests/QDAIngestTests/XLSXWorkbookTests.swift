import Foundation
import QDAArchive
@testable import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// The `.xlsx` reader on a workbook written here part by part, so every cell kind is pinned:
/// shared strings with rich-text runs, inline strings, numbers, booleans, formulas, errors, gaps
/// in cell references, date styles (built-in and custom, 1900 and 1904 systems), durations; and
/// on damaged packages.
@Suite struct XLSXWorkbookTests {
  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  static let sheet = """
    <worksheet xmlns="\(main)"><sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
    <c r="D1" t="inlineStr"><is><t>Inline</t></is></c></row>
    <row r="2"><c r="A2"><v>4.0</v></c><c r="B2"><v>4.5</v></c><c r="C2" t="b"><v>1</v></c>\
    <c r="D2" t="b"><v>0</v></c></row>
    <row r="4"><c r="A4" s="1"><v>45898</v></c><c r="B4" s="2"><v>45898.72079423611</v></c>\
    <c r="C4" s="3"><v>1.5</v></c><c r="D4" s="4"><v>12.5</v></c><c r="E4" s="5"><v>0.75</v></c></row>
    <row r="5"><c r="A5" t="str"><f>UPPER("x")</f><v>computed</v></c><c><v>7</v></c>\
    <c r="D5" t="e"><v>#N/A</v></c></row>
    <row r="6"><c r="A6" s="1"><v>1</v></c><c r="B6" s="1"><v>59</v></c><c r="C6" s="1"><v>61</v></c></row>
    </sheetData></worksheet>
    """

  static func workbook(date1904: Bool = false, sheet: String = sheet, extraEntry: (String, String)? = nil) throws -> [UInt8] {
    let folder = try TemporaryFolder("xlsx")
    let path = folder.path("book.xlsx")
    let zip = try ZipWriter(path: path)
    let parts: [(String, String)] = [
      (
        "xl/workbook.xml",
        """
        <workbook xmlns="\(main)" xmlns:r="\(rels)">\(date1904 ? "<workbookPr date1904=\"1\"/>" : "")<sheets>\
        <sheet name="Responses" sheetId="1" r:id="rId1"/><sheet name="Codes" sheetId="2" r:id="rId2"/></sheets></workbook>
        """
      ),
      (
        "xl/_rels/workbook.xml.rels",
        """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/codes.xml"/>\
        </Relationships>
        """
      ),
      (
        "xl/sharedStrings.xml",
        """
        <sst xmlns="\(main)"><si><t>Question</t></si><si><r><rPr><b/></rPr><t>Rich</t></r>\
        <r><t xml:space="preserve"> text</t></r><rPh><t>ruby</t></rPh></si></sst>
        """
      ),
      (
        "xl/styles.xml",
        """
        <styleSheet xmlns="\(main)"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/>\
        <numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="0.0&quot; km&quot;"/></numFmts>\
        <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>\
        <xf numFmtId="21"/></cellXfs></styleSheet>
        """
      ),
      ("xl/worksheets/sheet1.xml", sheet),
      (
        "xl/worksheets/codes.xml",
        "<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>code</t></is></c></row></sheetData></worksheet>"
      ),
    ] + (extraEntry.map { [$0] } ?? [])
    for (name, text) in parts { try zip.add(name, bytes: Array(text.utf8)) }
    try zip.finish()
    return try Fixtures.bytes(path)
  }

  @Test func readsEveryCellKindIntoRecordsWithGapsAndRowNumbers() throws {
    let book = try XLSXWorkbook(bytes: try Self.workbook(), file: "book.xlsx")
    #expect(book.sheetName == "Responses")
    #expect(book.records.map(\.line) == [1, 2, 4, 5, 6])
    #expect(book.records.map { $0.fields.map(\.value) } == [
      ["Question", "Rich text", "", "Inline"],
      ["4", "4.5", "TRUE", "FALSE"],
      ["2025-08-29", "2025-08-29T17:17:57", "1.5", "12.5", "18:00:00"],
      ["computed", "7", "", "#N/A"],
      ["1900-01-01", "1900-02-28", "1900-03-01"],
    ])
  }

  @Test func the1904DateSystemShiftsDatesByFourYearsAndADay() throws {
    let book = try XLSXWorkbook(bytes: try Self.workbook(date1904: true), file: "mac.xlsx")
    #expect(book.records[2].fields.prefix(2).map(\.value) == ["2029-08-30", "2029-08-30T17:17:57"])
  }

  @Test func aNamedSheetIsReadAndAMissingNameListsTheSheets() throws {
    let bytes = try Self.workbook()
    let codes = try XLSXWorkbook(bytes: bytes, file: "book.xlsx", sheet: "Codes")
    #expect(codes.records.map { $0.fields.map(\.value) } == [["", "code"]])
    #expect(throws: IngestError(InputLocation(file: "book.xlsx"), .unsupportedFormat, "no worksheet named 'Totals' (the workbook has 'Responses', 'Codes')")) {
      try XLSXWorkbook(bytes: bytes, file: "book.xlsx", sheet: "Totals")
    }
  }

  @Test func dateFormatsAreToldFromNumberAndDurationFormats() {
    #expect(XLSXWorkbook.isDateFormat("dd/mm/yyyy hh:mm"))
    #expect(XLSXWorkbook.isDateFormat("[$-409]mmmm d, yyyy"))
    #expect(!XLSXWorkbook.isDateFormat("[h]:mm:ss"))
    #expect(!XLSXWorkbook.isDateFormat("0.0\" days\""))
    #expect(!XLSXWorkbook.isDateFormat("[Red]#,##0"))
    #expect(!XLSXWorkbook.isDateFormat("General"))
  }

  @Test func malformedSheetXMLNamesThePartAndLine() throws {
    let broken = "<worksheet xmlns=\"\(Self.main)\"><sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</v></row>\n</sheetData></worksheet>"
    #expect {
      try XLSXWorkbook(bytes: try Self.workbook(sheet: broken), file: "broken.xlsx")
    } throws: { error in
      guard let error = error as? IngestError else { return false }
      return error.reason == .unreadable && error.location.file == "broken.xlsx#xl/worksheets/sheet1.xml"
        && error.location.line == 2
    }
  }

  @Test func anEntryThatInflatesPastTheLimitIsRefusedByName() throws {
    let big = "<worksheet xmlns=\"\(Self.main)\"><sheetData>" + String(repeating: "<row/>", count: 2_000) + "</sheetData></worksheet>"
    let bytes = try Self.workbook(sheet: big)
    #expect {
      try XLSXWorkbook(bytes: bytes, file: "bomb.xlsx", limits: ZipReader.Limits(entryBytes: 4_096))
    } throws: { error in
      guard let error = error as? IngestError else { return false }
      return error.reason == .unreadable && error.location.file == "bomb.xlsx#xl/worksheets/sheet1.xml"
        && error.message.contains("zip bomb")
    }
    // Within the default limits the same file reads.
    #expect(try XLSXWorkbook(bytes: bytes, file: "bomb.xlsx").records.count == 2_000)
  }

  @Test func aCellFarBeyondAnySurveysWidthIsAnError() throws {
    let wide = "<worksheet xmlns=\"\(Self.main)\"><sheetData>\n<row r=\"1\">\n<c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>"
    #expect {
      try XLSXWorkbook(bytes: try Self.workbook(sheet: wide), file: "wide.xlsx")
    } throws: { error in
      String(describing: error) == "wide.xlsx#xl/worksheets/sheet1.xml:3: cell ZZZZ1 is beyond column 20000"
    }
  }
}
