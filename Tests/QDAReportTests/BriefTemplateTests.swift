import QDAAnalysis
import QDAReport
import Testing

/// The brief template: sections placed by name, the researcher's prose kept and read as
/// Markdown, a section placed on its own left out of its parent, and clear errors.
@Suite struct BriefTemplateTests {
  /// A small generated brief: two elements, one with a sub-code, and an appendix.
  static let report = ReportDocument(
    title: "Generated title", subtitle: "Generated subtitle",
    blocks: [
      .paragraph([.emphasis("Overview line.")]),
      .heading(level: 1, text: "Findings", anchor: "findings"),
      .heading(level: 2, text: "Outcome", anchor: "outcome"),
      .paragraph([.text("Outcome text.")]),
      .heading(level: 3, text: "Motivation", anchor: "outcome.motivation"),
      .paragraph([.count("Four of 11", reference: "ref-1"), .text(" principals said so.")]),
      .heading(level: 2, text: "Rules", anchor: "rules"),
      .paragraph([.text("Rules text.")]),
      .heading(level: 1, text: "Appendix", anchor: "appendix"),
    ])

  static func texts(_ document: ReportDocument) -> [String] {
    document.blocks.map { block in
      switch block {
      case .heading(_, let text, _): "# " + text
      case .paragraph(let inlines), .blockquote(let inlines):
        inlines.map { inline in
          switch inline {
          case .text(let text), .emphasis(let text), .strong(let text), .count(let text, _), .link(let text, _): text
          }
        }.joined()
      case .bullets(let items): "- \(items.count)"
      default: "?"
      }
    }
  }

  @Test func theDefaultTemplatePlacesEverySectionOnce() throws {
    let document = try BriefTemplate.standard.render(Self.report, values: [:])
    #expect(document.title == "Generated title")
    #expect(
      Self.texts(document) == [
        "Generated subtitle", "Overview line.", "# Findings", "# Outcome", "Outcome text.", "# Motivation",
        "Four of 11 principals said so.", "# Rules", "Rules text.", "# Appendix",
      ])
  }

  @Test func proseWrittenBetweenSectionsIsKeptAndASectionPlacedAloneLeavesItsParent() throws {
    let template = try BriefTemplate(
      text: """
        # Our brief on {{study.programme}}

        ## Background

        The programme ran in **{{study.period}}** with {{participants_in_words}} principals; see [the site](https://example.org) & *notes*.

        {{{section.outcome}}}

        > Our reading: motivation was mostly about staff.
        - first point
        - second point
          continued

        {{{section.outcome_motivation}}}
        {{{section.rules}}} Closing words after rules.
        """, file: "brief.mustache")
    let document = try template.render(
      Self.report,
      values: ["participants_in_words": "eleven", "study": ["programme": "LFE", "period": "2020"] as [String: Any]])
    #expect(document.title == "Our brief on LFE")
    #expect(
      Self.texts(document) == [
        "# Background", "The programme ran in 2020 with eleven principals; see the site & notes.", "# Outcome", "Outcome text.",
        "Our reading: motivation was mostly about staff.", "- 2", "# Motivation", "Four of 11 principals said so.", "# Rules",
        "Rules text.", "Closing words after rules.",
      ])
    guard case .paragraph(let inlines) = document.blocks[1] else {
      Issue.record("expected a paragraph")
      return
    }
    #expect(inlines.contains(.strong("2020")))
    #expect(inlines.contains(.link("the site", url: "https://example.org")))
    #expect(inlines.contains(.emphasis("notes")))
    guard case .bullets(let items) = document.blocks[5] else {
      Issue.record("expected bullets")
      return
    }
    #expect(items[1] == [.text("second point"), .text(" "), .text("continued")])
    // The count keeps its link to the appendix.
    #expect(document.blocks.contains { block in
      if case .paragraph(let inlines) = block { return inlines.contains(.count("Four of 11", reference: "ref-1")) }
      return false
    })
  }

  @Test func aSectionTheBriefDoesNotHaveIsAnErrorWithItsLine() throws {
    let template = try BriefTemplate(text: "# T\n\nSome prose.\n{{{section.outcome}}}\n{{{section.outcom}}}\n", file: "brief.mustache")
    do {
      _ = try template.render(Self.report, values: [:])
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".hasPrefix("brief.mustache:5: the brief has no section 'outcom'; sections: appendix, findings, outcome, outcome_motivation, rules"))
    }
    // Optional sections (no contradictions found, no surveys) are simply empty.
    #expect(try BriefTemplate(text: "{{{section.contradictions}}}{{{section.surveys}}}", file: "t").render(Self.report, values: [:]).blocks.isEmpty)
  }

  @Test func aMalformedTagNamesItsLineAndColumn() {
    do {
      _ = try BriefTemplate(text: "# T\n\n{{#study}}\nno end\n", file: "brief.mustache")
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".hasPrefix("brief.mustache:"))
      #expect("\(error)".contains("never closed") || "\(error)".contains("closed"))
    }
  }

  @Test func linksFromATemplateCannotRunScript() {
    let html = HTMLRenderer().render(
      ReportDocument(title: "T", blocks: [.paragraph([.link("x", url: "javascript:alert(1)"), .link("y", url: "https://a.org/?q=<b>")])]))
    #expect(!html.contains("javascript:"))
    #expect(html.contains("<a href=\"#\">x</a>"))
    #expect(html.contains("<a href=\"https://a.org/?q=&lt;b&gt;\">y</a>"))
  }
}
