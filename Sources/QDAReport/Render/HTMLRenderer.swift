import Foundation
import QDAAnalysis

/// Renders a report as one self-contained HTML page (no scripts, no external files), styled for
/// screen and print.
public struct HTMLRenderer: Sendable {
  public init() {}

  /// The sections and their parts (headings of levels 1 and 2), each linked, after the title.
  func contents(_ report: ReportDocument) -> String {
    var items = ""
    var count = 0
    var open = false
    for block in report.blocks {
      guard case .heading(let level, let text, let anchor?) = block, level <= 2 else { continue }
      count += 1
      let link = "<a href=\"#\(escape(anchor))\">\(escape(text))</a>"
      if level == 1 {
        if open { items += "</ul></li>\n"; open = false }
        items += "<li>\(link)"
        // The parts of a section in a list of their own, closed at the next section.
        items += "<ul>"
        open = true
      } else {
        items += "<li>\(link)</li>"
      }
    }
    if open { items += "</ul></li>\n" }
    guard count >= 3 else { return "" }
    return
      "<nav class=\"contents\" aria-label=\"Contents\"><h2 class=\"contents-title\">Contents</h2>\n<ul>\n"
      + items.replacingOccurrences(of: "<ul></ul>", with: "") + "</ul></nav>\n"
  }

  public func render(_ report: ReportDocument) -> String {
    var body = "<h1>\(escape(report.title))</h1>\n"
    if let subtitle = report.subtitle { body += "<p class=\"subtitle\">\(escape(subtitle))</p>\n" }
    var contentsWritten = false
    for block in report.blocks {
      // The contents follow the summary.
      if !contentsWritten, case .heading(1, _, let anchor) = block, anchor != "summary" {
        body += contents(report)
        contentsWritten = true
      }
      switch block {
      case .heading(let level, let text, let anchor):
        let tag = "h\(min(6, level + 1))"
        body += "<\(tag)\(anchor.map { " id=\"\(escape($0))\"" } ?? "")>\(escape(text))</\(tag)>\n"
      case .paragraph(let inlines):
        body += "<p>\(inline(inlines))</p>\n"
      case .quote(let lead, let text, let source):
        let place = escape(
          Citation.text(
            participant: source.participant, documentKey: source.documentKey, place: source.place))
        let footer = source.reference.map { "<a href=\"#\(escape($0))\">\(place)</a>" } ?? place
        body +=
          "<p class=\"lead\">\(escape(lead))</p>\n<blockquote><p>\(escape(text))</p><footer>\(footer)</footer></blockquote>\n"
      case .bullets(let items):
        body +=
          "<ul>\n" + items.map { "<li>\(inline($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
      case .blockquote(let inlines):
        body += "<blockquote class=\"prose\"><p>\(inline(inlines))</p></blockquote>\n"
      case .table(let table):
        body += self.table(table)
      case .figure(let id, let svg, let caption):
        // The SVG is built by SurveyChart from escaped text; it is inlined as it is.
        body +=
          "<figure id=\"\(escape(id))\">\n\(svg)\n<figcaption>\(escape(caption))</figcaption></figure>\n"
      case .passages(let reference):
        body +=
          "<section class=\"reference\" id=\"\(escape(reference.id))\"><h4>\(escape(reference.title)) <small>(\(escape(reference.countNote)))</small></h4>\n<ol>\n"
        for entry in reference.entries {
          let speaker = entry.speaker.map { " (\(escape($0)))" } ?? ""
          body +=
            "<li><span class=\"where\">\(escape(entry.participant))\(speaker), \(escape(entry.documentKey)), \(escape(entry.place)), passage \(entry.passageID)</span> “\(escape(entry.text))”</li>\n"
        }
        for person in reference.people {
          body +=
            "<li><span class=\"where\">\(escape(person.participant))</span> \(escape(person.values))</li>\n"
        }
        body += "</ol></section>\n"
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(report.title))</title>
      <style>
      body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #1a1a1a; }
      h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
      h2 { border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; margin-top: 2.5rem; }
      .subtitle { font-style: italic; color: #444; }
      a { color: #0b4f8a; }
      blockquote { margin: .5rem 0 1.2rem 1.5rem; padding-left: 1rem; border-left: 4px solid #888; }
      blockquote footer { font-size: .8rem; color: #555; }
      .lead { margin-bottom: .2rem; }
      table { border-collapse: collapse; margin: .5rem 0 .3rem; font-family: "Helvetica Neue", Arial, sans-serif; font-size: .85rem; }
      th, td { border: 1px solid #999; padding: .25rem .5rem; vertical-align: top; }
      th { background: #e8e8e8; text-align: left; }
      td.number { text-align: right; }
      .note { font-size: .8rem; color: #444; margin: 0; }
      .reference { font-size: .85rem; }
      .reference .where { color: #555; }
      nav.contents ul { list-style: none; padding-left: 1.2em; margin: 0.2em 0; } nav.contents > ul { padding-left: 0; } nav.contents li { margin: 0.15em 0; }
      @page { @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
      @media print { a { color: inherit; text-decoration: none; } h2 { page-break-after: avoid; } table, blockquote { page-break-inside: avoid; } #tables, #methods, #appendix { break-before: page; } }
      </style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  func table(_ table: DataTable) -> String {
    var html =
      "<table>\n<thead><tr>" + table.columns.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
      + "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      html +=
        "<tr>"
        + row.enumerated().map { index, cell in
          let cls = cell.value != nil && index > 0 ? " class=\"number\"" : ""
          return "<td\(cls)>\(escape(cell.text))</td>"
        }.joined() + "</tr>\n"
    }
    html += "</tbody>\n</table>\n"
    for note in table.notes { html += "<p class=\"note\">\(escape(note))</p>\n" }
    return html
  }

  func inline(_ inlines: [Inline]) -> String {
    inlines.map { item in
      switch item {
      case .text(let text): escape(text)
      case .emphasis(let text): "<em>\(escape(text))</em>"
      case .strong(let text): "<strong>\(escape(text))</strong>"
      case .link(let text, let url): "<a href=\"\(escape(Self.safeURL(url)))\">\(escape(text))</a>"
      case .count(let text, let reference): "<a href=\"#\(escape(reference))\">\(escape(text))</a>"
      }
    }.joined()
  }

  /// A link target from a template: web, mail and in-page links only (no `javascript:`).
  static func safeURL(_ url: String) -> String {
    let lower = url.lowercased().trimmingCharacters(in: .whitespaces)
    return ["http://", "https://", "mailto:", "#"].contains(where: lower.hasPrefix) ? url : "#"
  }

  func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
