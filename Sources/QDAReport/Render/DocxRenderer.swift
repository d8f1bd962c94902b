import Foundation
import QDAAnalysis

/// Renders a report as a Word document (Office Open XML): the parts of a `.docx`, to be zipped.
/// Headings use Word's built-in heading styles (so the navigation pane and a table of contents
/// work), quotes the Quote style, tables a grid with a repeated header row, charts the SVG as
/// pictures, and every count an internal link to its appendix entry (a bookmark).
///
/// ```swift
/// let parts = try DocxRenderer().render(report) { piece in try body.write(contentsOf: piece) }
/// ```
public struct DocxRenderer: Sendable {
  public init() {}

  /// The package's parts, in the order a `.docx` lists them. The body (`word/document.xml`, by
  /// far the largest part: hundreds of megabytes for a large study) is handed to `body` a piece
  /// of about a megabyte at a time as it is made, and stands in the list without bytes.
  public func render(_ report: ReportDocument, body sink: ([UInt8]) throws -> Void) rethrows -> [(
    path: String, bytes: [UInt8]?
  )] {
    try sink(
      Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(Self.w)" xmlns:r="\(Self.r)" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
        <w:body>

        """.utf8))
    var body = Body()
    body.paragraph(style: "Title", runs: run(report.title))
    if let subtitle = report.subtitle { body.paragraph(style: "Subtitle", runs: run(subtitle)) }
    var contentsWritten = false
    for block in report.blocks {
      for piece in body.takePieces() { try sink(piece) }
      // The contents follow the summary, on a page of their own: the first page is the summary.
      if !contentsWritten, case .heading(1, _, let anchor) = block, anchor != "summary" {
        contents(report, in: &body)
        contentsWritten = true
      }
      switch block {
      case .heading(let level, let text, let anchor):
        // The tables, the methods and the appendix each start a page: they are for looking up.
        let ownPage = level == 1 && anchor.map(Self.sectionsOnTheirOwnPage.contains) == true
        body.paragraph(
          style: "Heading\(min(4, max(1, level)))", runs: run(text), bookmark: anchor,
          pageBreakBefore: ownPage)
      case .paragraph(let inlines):
        body.paragraph(style: nil, runs: runs(inlines))
      case .blockquote(let inlines):
        body.paragraph(style: "Quote", runs: runs(inlines))
      case .quote(let lead, let text, let source):
        body.paragraph(style: nil, runs: run(lead), keepWithNext: true)
        body.paragraph(style: "Quote", runs: run(text), keepWithNext: true)
        let place =
          "— "
          + Citation.text(
            participant: source.participant, documentKey: source.documentKey, place: source.place)
        body.paragraph(
          style: "QuoteSource", runs: source.reference.map { link(place, to: $0) } ?? run(place))
      case .bullets(let items):
        for item in items { body.paragraph(style: "ListBullet", runs: runs(item), numbered: true) }
      case .table(let table):
        body.table(table)
        for row in table.rows {
          body.row(row, columns: table.columns.count)
          for piece in body.takePieces() { try sink(piece) }
        }
        body.end(table)
      case .figure(let id, let svg, let caption):
        body.figure(id: id, svg: svg)
        body.paragraph(style: "Caption", runs: run(caption))
      case .passages(let reference):
        body.paragraph(
          style: "ReferenceTitle",
          runs: run(
            "[\(reference.id.replacingOccurrences(of: "ref-", with: ""))] \(reference.title) (\(reference.countNote))"
          ),
          bookmark: reference.id)
        for entry in reference.entries {
          let speaker = entry.speaker.map { " (\($0))" } ?? ""
          body.paragraph(
            style: "ReferenceEntry",
            runs: run(
              "\(entry.participant)\(speaker), \(entry.documentKey), \(entry.place), passage \(entry.passageID): ",
              italic: true)
              + run("“\(entry.text.replacingOccurrences(of: "\n", with: " "))”"))
        }
        for person in reference.people {
          body.paragraph(
            style: "ReferenceEntry",
            runs: run(person.participant + (person.values.isEmpty ? "" : ": "), italic: true)
              + run(person.values))
        }
      }
    }
    for piece in body.takePieces(all: true) { try sink(piece) }
    try sink(
      Array(
        """
        <w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>
        </w:body>
        </w:document>
        """.utf8))
    var relationships = """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
      <Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
      <Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>

      """
    for image in body.images {
      relationships +=
        "<Relationship Id=\"\(image.relationship)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/\(image.file)\"/>\n"
    }
    relationships += "</Relationships>"
    var parts: [(path: String, bytes: [UInt8]?)] = [
      ("[Content_Types].xml", Array(Self.contentTypes.utf8)),
      ("_rels/.rels", Array(Self.packageRelationships.utf8)),
      ("docProps/core.xml", Array(Self.core(title: report.title).utf8)),
      (Self.bodyPath, nil),
      ("word/_rels/document.xml.rels", Array(relationships.utf8)),
      ("word/styles.xml", Array(Self.styles.utf8)),
      ("word/numbering.xml", Array(Self.numbering.utf8)),
      ("word/footer1.xml", Array(Self.footer(title: report.title).utf8)),
    ]
    for image in body.images { parts.append(("word/media/\(image.file)", Array(image.svg.utf8))) }
    return parts
  }

  // MARK: - Contents and page numbers

  /// Headings that start a new page.
  static let sectionsOnTheirOwnPage: Set<String> = ["tables", "methods", "appendix"]

  /// A contents list of the sections and their parts (headings of levels 1 and 2), each a link
  /// to its heading, after the summary (on the next page), inside a TOC field that Word fills with page numbers when it opens the file
  /// (the field is marked dirty); a reader without fields sees the linked list.
  func contents(_ report: ReportDocument, in body: inout Body) {
    var entries: [(level: Int, text: String, anchor: String)] = []
    for block in report.blocks {
      if case .heading(let level, let text, let anchor?) = block, level <= 2 {
        entries.append((level, text, anchor))
      }
    }
    guard entries.count >= 3 else { return }
    body.paragraph(
      style: "TOCHeading", runs: run("Contents"),
      pageBreakBefore: entries.first?.anchor == "summary")
    for (index, entry) in entries.enumerated() {
      var runs = ""
      if index == 0 {
        runs += "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
        runs +=
          "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>"
        runs += "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
      }
      runs += link(entry.text, to: entry.anchor)
      if index == entries.count - 1 { runs += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" }
      body.paragraph(style: "TOC\(entry.level)", runs: runs)
    }
  }

  /// The footer on every page: the brief's title and "page N of M".
  static func footer(title: String) -> String {
    func field(_ code: String) -> String {
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(code) </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:ftr xmlns:w="\(w)" xmlns:r="\(r)"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">\(escape(title))</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>\(field("PAGE"))<w:r><w:t xml:space="preserve"> of </w:t></w:r>\(field("NUMPAGES"))</w:p></w:ftr>
      """
  }

  // MARK: - Runs

  func run(_ text: String, bold: Bool = false, italic: Bool = false) -> String {
    var properties = ""
    if bold { properties += "<w:b/>" }
    if italic { properties += "<w:i/>" }
    return
      "<w:r>\(properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")<w:t xml:space=\"preserve\">\(Self.escape(text))</w:t></w:r>"
  }

  func link(_ text: String, to anchor: String) -> String {
    "<w:hyperlink w:anchor=\"\(Self.bookmark(anchor))\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t xml:space=\"preserve\">\(Self.escape(text))</w:t></w:r></w:hyperlink>"
  }

  func runs(_ inlines: [Inline]) -> String {
    inlines.map { inline in
      switch inline {
      case .text(let text): run(text)
      case .emphasis(let text): run(text, italic: true)
      case .strong(let text): run(text, bold: true)
      case .count(let text, let reference): link(text, to: reference)
      case .link(let text, let url):
        // External links need a relationship each; the address is written after the text.
        url.hasPrefix("#")
          ? link(text, to: String(url.dropFirst())) : run(text) + run(" (\(url))", italic: true)
      }
    }.joined()
  }

  /// A bookmark name Word accepts: letters, digits and underscores, starting with a letter, at
  /// most 40 characters.
  /// A longer name keeps its first 31 characters and ends with 8 hexadecimal digits of the
  /// anchor's FNV-1a hash, so that two anchors alike in their first 40 characters (a long survey
  /// file's tables) stay two bookmarks.
  static func bookmark(_ anchor: String) -> String {
    let cleaned = String(anchor.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    let named = cleaned.first?.isLetter == true ? cleaned : "b_" + cleaned
    guard named.count > 40 else { return named }
    var hash: UInt32 = 0x811c_9dc5
    for byte in anchor.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
    let hex = String(hash, radix: 16)
    return named.prefix(31) + "_" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n": result += " "
      default:
        // XML 1.0 has no place for other control characters or noncharacters.
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  // MARK: - Body

  struct Body {
    /// The XML not yet moved to `pieces`.
    var xml = ""
    /// The XML written so far, as bytes, about a megabyte a piece.
    private var pieces: [[UInt8]] = []
    var images: [(relationship: String, file: String, svg: String)] = []
    var bookmarks = 0

    mutating func paragraph(
      style: String?, runs: String, bookmark: String? = nil, keepWithNext: Bool = false,
      numbered: Bool = false,
      pageBreakBefore: Bool = false
    ) {
      var properties = ""
      if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
      if keepWithNext { properties += "<w:keepNext/>" }
      if pageBreakBefore { properties += "<w:pageBreakBefore/>" }
      if numbered { properties += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>" }
      xml += "<w:p>\(properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>")"
      if let bookmark {
        bookmarks += 1
        xml +=
          "<w:bookmarkStart w:id=\"\(bookmarks)\" w:name=\"\(DocxRenderer.bookmark(bookmark))\"/>\(runs)<w:bookmarkEnd w:id=\"\(bookmarks)\"/>"
      } else {
        xml += runs
      }
      xml += "</w:p>\n"
      keepPiece()
    }

    /// Moves the XML to `pieces` once it is a megabyte long.
    private mutating func keepPiece() {
      guard xml.utf8.count >= OutputPieces.size else { return }
      pieces.append(Array(xml.utf8))
      xml = ""
    }

    /// The pieces made so far, handed over (with what is not yet a piece when `all`).
    mutating func takePieces(all: Bool = false) -> [[UInt8]] {
      if all, !xml.isEmpty {
        pieces.append(Array(xml.utf8))
        xml = ""
      }
      defer { pieces.removeAll() }
      return pieces
    }

    /// Begins a table: its grid and header row. Its rows follow (`row(_:columns:)`), a piece
    /// at a time (a large study's table of contradictions runs to a hundred megabytes), then
    /// `end(_:)`.
    mutating func table(_ table: DataTable) {
      let columns = max(1, table.columns.count)
      let width = 9360 / columns
      xml +=
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>"
      xml += String(repeating: "<w:gridCol w:w=\"\(width)\"/>", count: columns) + "</w:tblGrid>\n"
      xml += "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
      for column in table.columns { xml += cell(column, bold: true, shaded: true) }
      xml += "</w:tr>\n"
    }

    /// A row of a table begun by `table(_:)`.
    mutating func row(_ row: [TableCell], columns: Int) {
      xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
      for index in 0..<max(1, columns) {
        let text = index < row.count ? row[index].text : ""
        xml += cell(
          text, bold: false, shaded: false,
          right: index > 0 && index < row.count && row[index].value != nil)
      }
      xml += "</w:tr>\n"
      keepPiece()
    }

    /// Ends a table begun by `table(_:)`, with its notes.
    mutating func end(_ table: DataTable) {
      xml += "</w:tbl>\n"
      for note in table.notes {
        paragraph(
          style: "TableNote",
          runs: "<w:r><w:t xml:space=\"preserve\">\(DocxRenderer.escape(note))</w:t></w:r>")
      }
      if table.notes.isEmpty { paragraph(style: "TableNote", runs: "") }
    }

    func cell(_ text: String, bold: Bool, shaded: Bool, right: Bool = false) -> String {
      let shade = shaded ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E8E8E8\"/>" : ""
      let alignment = right ? "<w:jc w:val=\"right\"/>" : ""
      let runProperties = bold ? "<w:rPr><w:b/></w:rPr>" : ""
      return
        "<w:tc><w:tcPr>\(shade)</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>\(alignment)</w:pPr><w:r>\(runProperties)<w:t xml:space=\"preserve\">\(DocxRenderer.escape(text))</w:t></w:r></w:p></w:tc>"
    }

    mutating func figure(id: String, svg: String) {
      let number = images.count + 1
      let relationship = "rIdImage\(number)"
      let file = "figure\(number).svg"
      images.append((relationship, file, svg))
      // Size from the SVG's width and height (pixels at 96 dpi), at most the text width (6.5 in).
      let (pixelsWide, pixelsHigh) = Self.size(of: svg)
      let emuPerPixel = 9525.0
      let maximum = 6.5 * 914_400
      let scale = min(1, maximum / (pixelsWide * emuPerPixel))
      let cx = Int(pixelsWide * emuPerPixel * scale)
      let cy = Int(pixelsHigh * emuPerPixel * scale)
      let name = DocxRenderer.escape(id)
      xml += """
        <w:p><w:pPr><w:pStyle w:val="Figure"/><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\(cx)" cy="\(cy)"/><wp:docPr id="\(number)" name="\(name)" descr="\(name)"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="\(number)" name="\(file)"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="\(relationship)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>

        """
    }

    static func size(of svg: String) -> (Double, Double) {
      func attribute(_ name: String) -> Double? {
        guard let range = svg.range(of: " \(name)=\"") else { return nil }
        return Double(svg[range.upperBound...].prefix { $0.isNumber || $0 == "." })
      }
      return (attribute("width") ?? 600, attribute("height") ?? 400)
    }
  }

  // MARK: - Fixed parts

  /// The body's part.
  public static let bodyPath = "word/document.xml"

  static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
    <Default Extension="xml" ContentType="application/xml"/>
    <Default Extension="svg" ContentType="image/svg+xml"/>
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
    <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
    <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
    </Types>
    """

  static let packageRelationships = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
    </Relationships>
    """

  static func core(title: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <dc:title>\(escape(title))</dc:title>
    <dc:creator>QDAKit</dc:creator>
    </cp:coreProperties>
    """
  }

  static let numbering = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:numbering xmlns:w="\(w)">
    <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    </w:numbering>
    """

  static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="\(w)">
    <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Georgia"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="140" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/><w:sz w:val="40"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="444444"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/></w:pBdr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/><w:sz w:val="32"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="280" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/><w:sz w:val="28"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="220" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/><w:i/><w:sz w:val="24"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:i/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="360"/><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="888888"/></w:pBdr><w:spacing w:after="40"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="QuoteSource"><w:name w:val="Quote Source"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/><w:spacing w:after="200"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="40"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:i/><w:sz w:val="18"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="17"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="TableNote"><w:name w:val="Table Note"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="200"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="16"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:b/><w:sz w:val="28"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs><w:spacing w:after="40"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs><w:spacing w:after="20"/><w:ind w:left="360"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="ReferenceTitle"><w:name w:val="Reference Title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="40"/></w:pPr><w:rPr><w:b/><w:sz w:val="18"/></w:rPr></w:style>
    <w:style w:type="paragraph" w:styleId="ReferenceEntry"><w:name w:val="Reference Entry"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="40"/><w:ind w:left="360"/></w:pPr><w:rPr><w:sz w:val="17"/></w:rPr></w:style>
    <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0B4F8A"/><w:u w:val="single"/></w:rPr></w:style>
    <w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="999999"/><w:left w:val="single" w:sz="4" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:color="999999"/><w:right w:val="single" w:sz="4" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
    </w:styles>
    """
}
