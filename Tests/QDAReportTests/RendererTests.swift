import Foundation
import Testing
import QDAAnalysis
import QDAModel
@testable import QDAReport

@Suite("Renderers")
struct RendererTests {
  let table = DataTable(
    id: "time_commitment", title: "Time commitment",
    columns: ["Measure", "Value"],
    rows: [
      ["Mean hours", TableCell("18", value: 18, passages: [3, 9])],
      ["Judgment | too much", .count(1, passages: [12])],
      ["Quote, with \"commas\"", "a\nb"],
    ],
    notes: ["Mean over the eight principals who gave an estimate."])

  @Test func markdownTableEscapesPipesAndNewlines() {
    #expect(TableRenderer.markdown(table) == """
      | Measure | Value |
      |---|--:|
      | Mean hours | 18 |
      | Judgment \\| too much | 1 |
      | Quote, with "commas" | a b |

      _Mean over the eight principals who gave an estimate._

      """)
  }

  @Test func csvFollowsRFC4180() {
    // A table without data of its own: each column's words under a plain, unique name.
    #expect(TableRenderer.csv(table) == "measure,value\r\nMean hours,18\r\nJudgment | too much,1\r\n\"Quote, with \"\"commas\"\"\",\"a\nb\"\r\n")
  }

  /// A table's data is what its CSV holds: one typed value per cell, empty for none, and the
  /// data dictionary names each column with its type and meaning.
  @Test func csvWritesTheTablesDataAndItsDictionary() {
    let shown = DataTable(
      id: "t", title: "T", columns: ["Code", "no (n=2)"], rows: [[TableCell("Rules"), TableCell("2 (8)", value: 2)]],
      data: TableData(
        columns: [
          .text("code", "The code."), .integer("participants", "Participants."), .number("share", "Percent, \"of n\"."),
          .number("mean", "A mean."),
        ],
        rows: [
          [.text("Rules"), .integer(2), .number(48.78048780487805), .missing], ["Tools, signs", 0, .number(1e-7), .number(3)],
          ["x", 1, .number(1.0 / 70_000), .number(-2.5e-20)], ["y", 1, .number(1.5e20), .number(-0.125)],
        ]))
    #expect(
      TableRenderer.csv(shown)
        == "code,participants,share,mean\r\nRules,2,48.78048780487805,\r\n\"Tools, signs\",0,0.0000001,3\r\n"
        + "x,1,0.000014285714285714285,-0.000000000000000000025\r\ny,1,150000000000000000000,-0.125\r\n")
    // Every number reads back as itself.
    for value in [1.0 / 70_000, -2.5e-20, 1.5e20, 1e-7, 48.78048780487805] {
      #expect(Double(DataValue.number(value).csvText) == value)
    }
    #expect(
      TableRenderer.dictionaryCSV(shown)
        == "column,type,meaning\r\ncode,text,The code.\r\nparticipants,integer,Participants.\r\nshare,number,\"Percent, \"\"of n\"\".\"\r\nmean,number,A mean.\r\n")
    // The Markdown still shows the table as people read it.
    #expect(TableRenderer.markdown(shown).contains("| Rules | 2 (8) |"))
  }

  @Test func columnNamesFromWordsArePlainAndUnique() {
    let repeated = DataTable(id: "c", title: "C", columns: ["Code", "Code", "Participants (of 11)", "Año"], rows: [])
    #expect(repeated.asData.columns.map(\.name) == ["code", "code_2", "participants_of_11", "ano"])
  }

  @Test func jsonKeepsValuesAndPassages() throws {
    let json = TableRenderer.json(table)
    #expect(json.contains("\"passages\" : [\n          3,\n          9\n        ]"))
    #expect(json.contains("\"value\" : 18"))
    #expect(json.contains("\"id\" : \"time_commitment\""))
  }

  @Test(arguments: [
    [0, 1, 11, 18, -2, 0.5, 1.0 / 3, 18.25, 1e-7, 1e20, 123_456_789_012, -2.5, 1e16, 2.0 / 3 * 100],
    [],
  ])
  func jsonIsTheEncodersBytes(values: [Double]) throws {
    // Escapes, slashes, non-ASCII, empty lists and rows, respondents, numbers the encoder
    // writes its own way: the hand-written JSON must be the encoder's, byte for byte.
    var rows: [[TableCell]] = values.enumerated().map { index, value in
      [TableCell("a \"quoted\" \\ back/slash\n\t\u{1}é—😀", passages: index.isMultiple(of: 2) ? [] : [1, Int64(index), 9_007_199_254_740_993]),
       TableCell(String(index), value: value, passages: [Int64(index)], respondents: index.isMultiple(of: 3) ? ["R1", "r/2"] : nil),
       TableCell("", respondents: [])]
    }
    rows.append([])
    let tables = [
      DataTable(id: "t/1", title: "Title \"x\"", columns: ["Code", "n (of 11)"], rows: rows, notes: ["note\r\n", "two"]),
      DataTable(id: "empty", title: "", columns: [], rows: [], notes: []),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    for table in tables {
      let expected = String(decoding: try encoder.encode(table), as: UTF8.self) + "\n"
      #expect(TableRenderer.json(table) == expected)
    }
  }

  /// A table of megabytes is handed over in pieces, which join to the encoder's bytes.
  @Test func largeTableJSONComesInPiecesThatJoinToTheEncodersBytes() throws {
    let rows = (0..<40).map { row in
      [TableCell("row \(row)"), .count(3, passages: (0..<5_000).map { Int64(row * 5_000 + $0) })]
    }
    let table = DataTable(id: "big", title: "Big", columns: ["Row", "n"], rows: rows)
    var pieces: [Data] = []
    TableRenderer.writeJSON(table) { pieces.append($0) }
    #expect(pieces.count > 1)
    #expect(pieces.allSatisfy { $0.count < 2 << 20 })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    #expect(Data(pieces.joined()) == (try encoder.encode(table)) + Data("\n".utf8))
  }

  var report: ReportDocument {
    let reference = Reference(
      id: "ref-1", title: "Motivation — four of 11",
      entries: [
        .init(passageID: 7, participant: "P01", documentKey: "P01.txt", speaker: "Principal", start: 10, end: 42, place: "turn 3", text: "It lined up with our <district> plan.")
      ])
    return ReportDocument(
      title: "Brief", subtitle: "Interviews, 2020",
      blocks: [
        .heading(level: 1, text: "Findings", anchor: "findings"),
        .paragraph([.count("Four of 11 principals", reference: "ref-1"), .text(" named priorities."), .emphasis("Note")]),
        .quote(lead: "One principal explained:", text: "It lined up\nwith our plan.", source: .init(participant: "P01", documentKey: "P01.txt", passageID: 7, start: 10, end: 42, place: "00:12:40")),
        .bullets([[.text("a")], [.text("b & c")]]),
        .table(table),
        .passages(reference: reference),
      ],
      references: [reference])
  }

  @Test func markdownReportLinksCountsToTheAppendix() {
    let markdown = MarkdownRenderer().render(report)
    #expect(markdown.hasPrefix("# Brief\n\n_Interviews, 2020_\n\n<a id=\"findings\"></a>\n## Findings\n\n"))
    #expect(markdown.contains("[Four of 11 principals](#ref-1) named priorities._Note_"))
    #expect(markdown.contains("One principal explained:\n\n> It lined up\n> with our plan.\n>\n> — P01, P01.txt, 00:12:40"))
    #expect(markdown.contains("- a\n- b & c\n"))
    #expect(markdown.contains("<a id=\"ref-1\"></a>\n**[1] Motivation — four of 11** (1 passage)"))
    #expect(markdown.contains("- P01 (Principal), P01.txt, turn 3, passage 7: “It lined up with our \\<district\\> plan.”"))
  }

  /// What participants say and what attributes are called is shown as typed, never as markup:
  /// no raw HTML, no link or image, no heading, quote or emphasis made from the data.
  @Test func markdownReportShowsDataAsTypedNeverAsMarkup() {
    let hostile = [
      "<script>alert(1)</script>", "[click](javascript:alert(1))", "![x](http://example.com/t.png)",
      "# Not a heading", "*not emphasis*", "`code`", "&lt;b&gt;", "> not a quote",
    ]
    let reference = Reference(
      id: "ref-1", title: hostile[3],
      entries: hostile.enumerated().map { index, text in
        .init(passageID: Int64(index), participant: "P0\(index)", documentKey: "d.txt", speaker: nil, start: 0, end: 1, place: "turn 1", text: text)
      })
    let table = DataTable(
      id: "t", title: "T", columns: ["Attribute", "Value"], rows: hostile.map { [TableCell(stringLiteral: $0), "1"] }, notes: [])
    let report = ReportDocument(
      title: "Brief", subtitle: nil,
      blocks: [
        .heading(level: 1, text: hostile[0], anchor: nil),
        .paragraph([.text(hostile[1]), .count(hostile[4], reference: "ref-1")]),
        .quote(
          lead: hostile[2], text: "first line\n" + hostile[3] + "\n" + hostile[7],
          source: .init(participant: "P01", documentKey: "<d>.txt", passageID: 1, start: 0, end: 1, place: "turn 1")),
        .bullets(hostile.map { [.text($0)] }),
        .table(table),
        .passages(reference: reference),
      ],
      references: [reference])
    let markdown = MarkdownRenderer().render(report)
    // Markup starts where its first character is not escaped by a backslash.
    func unescaped(_ markup: String) -> Bool {
      var rest = markdown[...]
      while let range = rest.range(of: markup) {
        if range.lowerBound == markdown.startIndex || markdown[markdown.index(before: range.lowerBound)] != "\\" { return true }
        rest = markdown[range.upperBound...]
      }
      return false
    }
    for markup in ["<script", "</script", "](javascript:", "![x](", "*not emphasis*", "`code`", "&lt;"] {
      #expect(!unescaped(markup), "\(markup) is markup in the report")
    }
    // The only headings are the renderer's own; no data line starts a heading or a nested quote.
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.filter { $0.hasPrefix("#") } == ["# Brief", "## \\<script\\>alert(1)\\</script\\>"])
    #expect(!lines.contains { $0.hasPrefix("> #") || $0.hasPrefix("> >") })
    // The words are all there, escaped with backslashes as CommonMark reads them.
    #expect(markdown.contains("\\[click\\](javascript:alert(1))"))
    #expect(markdown.contains("> \\# Not a heading"))
    #expect(markdown.contains("| \\*not emphasis\\* | 1 |"))
    #expect(markdown.contains("**[1] \\# Not a heading**"))
    // What cannot be markup stays as typed.
    #expect(MarkdownText.escape("Beatty & Feldman, years_as_admin, wow! 3 - 1") == "Beatty & Feldman, years_as_admin, wow! 3 - 1")
    #expect(MarkdownText.escape("_lead_ and &amp;") == "\\_lead\\_ and \\&amp;")
  }

  @Test func htmlReportEscapesTextAndLinksCounts() {
    let html = HTMLRenderer().render(report)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h2 id=\"findings\">Findings</h2>"))
    #expect(html.contains("<a href=\"#ref-1\">Four of 11 principals</a>"))
    #expect(html.contains("b &amp; c"))
    #expect(html.contains("our &lt;district&gt; plan"))
    #expect(html.contains("id=\"ref-1\""))
    #expect(!html.contains("<script"))
  }
}

/// Issue 34, item 6: a quote is cited where a reader finds it, by the recording's time or the
/// transcript's speaker turn (counted from 1), not by character offsets.
@Suite struct CitationTests {
  @Test func aPassageIsCitedByItsTimeOrItsTurn() {
    var passage = Passage(ordinal: 20, turn: 13, speaker: "P02", role: .participant, span: TextSpan(start: 4_100, end: 4_300), text: "…")
    #expect(Citation.place(of: passage) == "turn 14")
    passage.startTime = 760.6
    #expect(Citation.place(of: passage) == "00:12:40")
    passage.startTime = 3 * 3600 + 61
    #expect(Citation.place(of: passage) == "03:01:01")
    #expect(Citation.text(participant: "P02", documentKey: "interview 2", place: "turn 14") == "P02, interview 2, turn 14")
    // A transcript without speaker turns: its paragraphs.
    let untimed = Passage(ordinal: 6, turn: 0, speaker: nil, role: .unknown, span: TextSpan(start: 0, end: 1), text: "…")
    #expect(Citation.place(of: untimed) == "paragraph 7")
  }

  /// Word bookmarks are at most 40 characters: two long anchors alike in their first 40 stay two.
  @Test func longAnchorsGiveDistinctBookmarks() {
    let choices = DocxRenderer.bookmark("table-survey_district_staff_feedback_spring_2026_choices")
    let likert = DocxRenderer.bookmark("table-survey_district_staff_feedback_spring_2026_likert")
    #expect(choices != likert)
    #expect(choices.count == 40 && likert.count == 40)
    #expect(choices == DocxRenderer.bookmark("table-survey_district_staff_feedback_spring_2026_choices"))
    #expect(DocxRenderer.bookmark("ref-12") == "ref_12")
    #expect(DocxRenderer.bookmark("2020-survey") == "b_2020_survey")
  }
}
