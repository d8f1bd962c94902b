import Foundation
import QDAArchive
import QDAModel
import QDAXML

/// The paragraphs of a Word `.docx` file as a reader of transcripts needs them.
///
/// Reads `word/document.xml` from the ZIP safely (see `ZipReader`, `XMLDocument`):
/// - a paragraph's runs are joined first, so words split across runs come out whole;
/// - `<w:tab/>` becomes a tab, `<w:br/>` and `<w:cr/>` a line break;
/// - tracked changes are read as accepted: insertions kept, deletions (`w:del`, `w:moveFrom`)
///   dropped;
/// - hyperlinks, smart tags, content controls and simple fields are read through;
/// - a paragraph's leading bold text is kept apart, because transcripts write speaker labels in
///   bold (`**Interviewer:** …`);
/// - tables are flattened row by row; comments, headers, footers and footnotes live in other
///   parts of the package and are not read.
struct WordDocument {
  struct Paragraph: Equatable {
    /// The paragraph's text.
    var text: String
    /// The text of its leading bold runs, if it starts in bold.
    var boldPrefix: String?
  }

  /// A table row: the text of each cell.
  typealias Row = [String]

  enum Block: Equatable {
    case paragraph(Paragraph)
    case table([Row])
  }

  var blocks: [Block]

  static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

  /// Reads the document part of a `.docx`.
  ///
  /// - Throws: `IngestError` naming the file when it is not a Word document or is damaged.
  init(bytes: [UInt8], file: String) throws {
    let xml: XMLDocument
    do {
      let zip = try ZipReader(bytes: bytes, file: file, limits: .wordTranscript)
      guard let entry = zip.entry(matching: "word/document.xml") else {
        throw IngestError(
          InputLocation(file: file), .unsupportedFormat,
          "not a Word document: the package has no word/document.xml")
      }
      xml = try XMLDocument(bytes: try zip.read(entry), file: file + "#" + entry)
    } catch let error as ArchiveError {
      throw IngestError(InputLocation(file: file), .unreadable, error.message)
    } catch let error as XMLError {
      throw IngestError(
        InputLocation(file: error.file, line: error.line), .unreadable, error.message)
    }
    guard let root = xml.root, root.name == "document", let body = root.child(named: "body") else {
      throw IngestError(
        InputLocation(file: file), .unsupportedFormat, "not a Word document: no document body")
    }
    var blocks: [Block] = []
    Self.readBlocks(body, into: &blocks)
    self.blocks = blocks
  }

  private static func readBlocks(_ container: XMLElement, into blocks: inout [Block]) {
    for child in container.children {
      switch child.name {
      case "p": blocks.append(.paragraph(paragraph(child)))
      case "tbl": blocks.append(.table(table(child)))
      case "sdt":
        if let content = child.child(named: "sdtContent") { readBlocks(content, into: &blocks) }
      case "customXml", "ins", "moveTo": readBlocks(child, into: &blocks)
      default: continue  // sectPr, bookmarks, deleted blocks
      }
    }
  }

  private static func table(_ element: XMLElement) -> [Row] {
    element.children(named: "tr").map { row in
      row.children(named: "tc").map { cell in
        var blocks: [Block] = []
        readBlocks(cell, into: &blocks)
        return blocks.compactMap { block -> String? in
          if case .paragraph(let paragraph) = block { return paragraph.text }
          return nil
        }.filter { !$0.isEmpty }.joined(separator: " ")
      }
    }
  }

  /// The paragraph's text and leading bold text.
  static func paragraph(_ element: XMLElement) -> Paragraph {
    var text = ""
    var bold = ""
    var leadingBold = true
    collectRuns(element) { run in
      let piece = runText(run)
      guard !piece.isEmpty else { return }
      if leadingBold {
        if isBold(run) {
          bold += piece
        } else if !piece.allSatisfy(\.isWhitespace) || bold.isEmpty {
          leadingBold = false
        }
      }
      text += piece
    }
    let prefix = bold.trimmingCharacters(in: .whitespaces)
    return Paragraph(text: text, boldPrefix: prefix.isEmpty ? nil : prefix)
  }

  /// Calls `body` for each run of a paragraph in reading order, through the wrappers that can
  /// hold runs and past the ones that hold deleted text.
  private static func collectRuns(_ element: XMLElement, _ body: (XMLElement) -> Void) {
    for child in element.children {
      switch child.name {
      case "r": body(child)
      case "ins", "moveTo", "hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo":
        collectRuns(child, body)
      case "sdt":
        if let content = child.child(named: "sdtContent") { collectRuns(content, body) }
      default: continue  // del, moveFrom, pPr, proofErr, bookmarks, comment ranges
      }
    }
  }

  private static func runText(_ run: XMLElement) -> String {
    var text = ""
    for child in run.children {
      switch child.name {
      case "t": text += child.text
      case "tab", "ptab": text += "\t"
      case "br", "cr": text += "\n"
      case "noBreakHyphen": text += "-"
      case "softHyphen": continue
      default: continue  // rPr, delText, drawings, footnote references
      }
    }
    return text
  }

  private static func isBold(_ run: XMLElement) -> Bool {
    guard let properties = run.child(named: "rPr"), let bold = properties.child(named: "b") else {
      return false
    }
    let value = bold.attribute("val", namespace: wordNamespace)?.lowercased()
    guard let value else { return true }
    return !["0", "false", "off", "none"].contains(value)
  }
}
