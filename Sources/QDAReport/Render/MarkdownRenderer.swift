import Foundation

/// Renders a report as Markdown: counts link to appendix anchors, quotes are block quotes.
/// Every word from the data is escaped (`MarkdownText`), so nothing a participant said or an
/// attribute is named becomes markup, raw HTML or a link.
public struct MarkdownRenderer: Sendable {
  public init() {}

  public func render(_ report: ReportDocument) -> String {
    var out = "# \(MarkdownText.escapeLine(report.title))\n\n"
    if let subtitle = report.subtitle { out += "_\(MarkdownText.escapeLine(subtitle))_\n\n" }
    for block in report.blocks {
      switch block {
      case .heading(let level, let text, let anchor):
        let hashes = String(repeating: "#", count: min(6, level + 1))
        out += anchor.map { "<a id=\"\($0)\"></a>\n" } ?? ""
        out += "\(hashes) \(MarkdownText.escapeLine(text))\n\n"
      case .paragraph(let inlines):
        out += inline(inlines) + "\n\n"
      case .quote(let lead, let text, let source):
        let place = MarkdownText.escapeLine(
          Citation.text(
            participant: source.participant, documentKey: source.documentKey, place: source.place))
        out +=
          "\(MarkdownText.escape(lead))\n\n> \(MarkdownText.escape(text).replacingOccurrences(of: "\n", with: "\n> "))\n>\n> — \(place)\(source.reference.map { " ([passage](#\($0)))" } ?? "")\n\n"
      case .bullets(let items):
        out += items.map { "- " + inline($0) }.joined(separator: "\n") + "\n\n"
      case .blockquote(let inlines):
        out += "> " + inline(inlines) + "\n\n"
      case .table(let table):
        out += TableRenderer.markdown(table) + "\n"
      case .figure(let id, _, let caption):
        let caption = MarkdownText.escapeLine(caption)
        out += "![\(caption)](figures/\(id).svg)\n\n_\(caption)_\n\n"
      case .passages(let reference):
        let number = reference.id.replacingOccurrences(of: "ref-", with: "")
        out +=
          "<a id=\"\(reference.id)\"></a>\n**[\(number)] \(MarkdownText.escapeLine(reference.title))** (\(MarkdownText.escapeLine(reference.countNote)))\n\n"
        for entry in reference.entries {
          let speaker = entry.speaker.map { " (\(MarkdownText.escapeLine($0)))" } ?? ""
          let text = MarkdownText.escapeLine(entry.text)
          out +=
            "- \(MarkdownText.escapeLine(entry.participant))\(speaker), \(MarkdownText.escapeLine(entry.documentKey)), \(MarkdownText.escapeLine(entry.place)), passage \(entry.passageID): “\(text)”\n"
        }
        for person in reference.people {
          out +=
            "- \(MarkdownText.escapeLine(person.participant))\(person.values.isEmpty ? "" : ": " + MarkdownText.escapeLine(person.values))\n"
        }
        out += "\n"
      }
    }
    return out
  }

  func inline(_ inlines: [Inline]) -> String {
    inlines.map { item in
      switch item {
      case .text(let text): MarkdownText.escapeLine(text)
      case .emphasis(let text): "_\(MarkdownText.escapeLine(text))_"
      case .strong(let text): "**\(MarkdownText.escapeLine(text))**"
      case .link(let text, let url): "[\(MarkdownText.escapeLine(text))](\(url))"
      case .count(let text, let reference): "[\(MarkdownText.escapeLine(text))](#\(reference))"
      }
    }.joined()
  }
}
