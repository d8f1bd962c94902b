import Foundation
import QDAArchive
import QDAPipeline
import QDAXML
import Testing
import _QDATestSupport

/// The brief as a researcher publishes it, from the sample corpus: Word that LibreOffice opens
/// and prints, a template's prose kept, every count and quote traceable, the methods appendix,
/// and `verify` re-running the manifest.
@Suite(.serialized) struct BriefOutputsTests {
  // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
  static let folder = Fixtures.repository("Corpora/principals")
  static var request: IngestRequest { .samplePrincipals }

  static func analyzed(template: String? = nil) throws -> (TemporaryFolder, String) {
    let temp = try TemporaryFolder("brief")
    _ = try pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"), template: template)
    return (temp, temp.path("out"))
  }

  @Test func theWordBriefOpensInLibreOfficeAndPrintsNonBlankPages() throws {
    let (temp, out) = try Self.analyzed()
    let docx = out + "/report.docx"
    let zip = try ZipReader(path: docx)
    #expect(zip.entryNames.contains("word/document.xml"))
    let xml = String(decoding: try zip.read("word/document.xml"), as: UTF8.self)
    let document = try XMLDocument(string: xml, file: "document.xml")
    _ = document
    // Every internal link has its bookmark; every figure is embedded.
    let anchors = Set(Self.values(of: "w:anchor", in: xml))
    let bookmarks = Set(Self.values(of: "w:name", in: xml))
    #expect(anchors.count > 60)
    #expect(anchors.isSubset(of: bookmarks), "\(anchors.subtracting(bookmarks).sorted().prefix(5))")
    let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/figures").count
    #expect(xml.components(separatedBy: "<w:drawing>").count - 1 == figures)
    #expect(zip.entryNames.filter { $0.hasPrefix("word/media/") }.count == figures)
    #expect(xml.contains("<w:pStyle w:val=\"Heading1\"/>"))
    #expect(xml.contains("<w:pStyle w:val=\"Quote\"/>"))
    #expect(xml.contains("<w:tblHeader/>"))

    // LibreOffice converts it; poppler renders pages that are not blank.
    let pdfFolder = temp.path("pdf")
    let convert = try CommandRunner.shell(
      "HOME=\(temp.path) soffice --headless --norestore --convert-to pdf --outdir '\(pdfFolder)' '\(docx)'")
    #expect(convert.status == 0, "\(convert.stderr)")
    let pdf = pdfFolder + "/report.pdf"
    #expect(FileManager.default.fileExists(atPath: pdf))
    let info = try CommandRunner.shell("pdfinfo '\(pdf)'")
    let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    #expect(pages >= 20)
    // Issue 34, item 6: page numbers, a contents list, the tables on their own page, and quotes
    // cited by participant and turn or time, not by character offsets.
    let text = try CommandRunner.shell("pdftotext -layout '\(pdf)' -").stdout
    #expect(text.contains("Page 2 of \(pages)"), "no page numbers in the footer")
    let pageTexts = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { $0.drop { $0.isWhitespace } }
    // The first page is the summary; the contents follow it.
    #expect(pageTexts.first?.contains("Summary") == true)
    #expect(pageTexts.dropFirst().first?.contains("Contents") == true)
    #expect(pageTexts.contains { $0.hasPrefix("Tables") }, "the Tables section does not start a page")
    #expect(pageTexts.contains { $0.hasPrefix("Appendix") }, "the appendix does not start a page")
    #expect(xml.contains("TOC \\o"))
    #expect(!xml.contains("interview ["), "a citation by character offsets")
    #expect(xml.contains("interview, turn "))
    let render = try CommandRunner.shell("pdftoppm -gray -r 30 -f 1 -l 6 '\(pdf)' '\(temp.path("page"))'")
    #expect(render.status == 0, "\(render.stderr)")
    let images = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }
    #expect(images.count == 6)
    for image in images {
      let ink = try Self.inkFraction(temp.path(image))
      #expect(ink > 0.01, "\(image) is blank (\(ink))")
    }
  }

  /// Issue 34, item 6: the main brief (all before the tables) of the README's main command, as
  /// committed in `Reports/principals` (which the golden test keeps equal to what the command
  /// writes), prints in under 15 pages.
  @Test func theSampleBriefIsUnderFifteenPages() throws {
    let temp = try TemporaryFolder("pages")
    let convert = try CommandRunner.shell(
      "HOME=\(temp.path) soffice --headless --norestore --convert-to pdf --outdir '\(temp.path)' '\(Fixtures.repository("Reports/principals/report.docx"))'")
    #expect(convert.status == 0, "\(convert.stderr)")
    let text = try CommandRunner.shell("pdftotext -layout '\(temp.path("report.pdf"))' -").stdout
    let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { $0.drop { $0.isWhitespace } }
    let tables = try #require(pages.firstIndex { $0.hasPrefix("Tables") }, "no page starts with the Tables section")
    #expect(tables < 15, "the main brief runs to \(tables) pages")
  }

  @Test func aResearchersTemplateKeepsItsProseAcrossRuns() throws {
    let temp = try TemporaryFolder("template")
    let template = try temp.write(
      "brief.mustache",
      """
      # Principals on {{study.programme}}

      ## Background

      We wrote this paragraph ourselves; it must survive every run.

      {{{section.outcome}}}

      Our reading of the motivations below: staff came first for {{participants_in_words}} reasons.

      {{{section.outcome_motivation}}}

      {{{section.appendix}}}
      """)
    for run in 1...2 {
      _ = try Self.pipeline.analyze(Self.request, project: temp.path("p.qda"), out: temp.path("out"), template: template)
      let markdown = try Fixtures.text(temp.path("out/report.md"))
      #expect(markdown.hasPrefix("# Principals on the micro-credential\n"), "run \(run)")
      #expect(markdown.components(separatedBy: "We wrote this paragraph ourselves").count == 2)
      let outcome = try #require(markdown.range(of: "\n### Outcome\n"))
      let reading = try #require(markdown.range(of: "Our reading of the motivations below: staff came first for 11 reasons."))
      let motivation = try #require(markdown.range(of: "\n#### Motivation\n"))
      #expect(outcome.lowerBound < reading.lowerBound && reading.lowerBound < motivation.lowerBound)
      #expect(markdown.components(separatedBy: "#### Motivation\n").count == 2)
      #expect(!markdown.contains("### Rules\n"))
    }
    // A typo in a section name stops the run before anything is stored.
    let bad = try temp.write("bad.mustache", "# T\n\n{{{section.outcom}}}\n")
    #expect(throws: PipelineError.self) {
      _ = try Self.pipeline.analyze(Self.request, project: temp.path("q.qda"), out: temp.path("q"), template: bad)
    }
    #expect(!FileManager.default.fileExists(atPath: temp.path("q.qda")))
  }

  @Test func everyCountAndQuoteLinksToItsPassagesAndQuotesAreNeverRepeated() throws {
    let (temp, out) = try Self.analyzed()
    defer { withExtendedLifetime(temp) {} }
    let html = try Fixtures.text(out + "/report.html")
    let links = Set(Self.values(of: "href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) })
    let ids = Set(Self.values(of: "id", in: html))
    #expect(links.filter { $0.hasPrefix("ref-") }.count > 40)
    #expect(links.filter { $0.hasPrefix("quote-") }.count >= 10)
    #expect(links.isSubset(of: ids), "\(links.subtracting(ids).sorted())")
    // Quotes: never the interviewer, never the same words twice, whether set apart as an
    // exemplar or stating a theme (“…” (P03) in a list item).
    let markdown = try Fixtures.text(out + "/report.md")
    let lines = markdown.split(separator: "\n").map(String.init)
    let blocks = lines.filter { $0.hasPrefix("> ") && !$0.hasPrefix("> —") }
    let themed = lines.filter { $0.hasPrefix("- **“") }.compactMap { line -> String? in
      guard let open = line.range(of: "): “"), let close = line.range(of: "” (", options: .backwards) else { return nil }
      return String(line[open.upperBound..<close.lowerBound])
    }
    let quotes = blocks + themed
    #expect(blocks.count >= 10)
    #expect(themed.count >= 10)
    #expect(Set(quotes).count == quotes.count, "\(Dictionary(grouping: quotes, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
    #expect(!markdown.contains("(Interviewer), "))
    // The seed brief's structure, in its order.
    let order = ["## Analytical approach", "## Subject", "## Division of Labor", "## Findings", "### Outcome", "### Rules",
      "## Contradictions", "## Considerations", "## Tables", "## Methods", "## Appendix: the passages behind each count"]
    let positions = try order.map { try #require(markdown.range(of: "\n" + $0 + "\n"), "\($0)").lowerBound }
    #expect(positions == positions.sorted())
    // Charts: themes, time estimates, experience by completion, contradictions.
    for figure in ["themes", "time-estimates", "experience", "contradictions"] {
      let svg = try Fixtures.text(out + "/figures/\(figure).svg")
      _ = try XMLDocument(string: svg, file: figure)
      #expect(svg.contains("n = ") || svg.contains("of 11"), "\(figure)")
      #expect(html.contains("<figure id=\"\(figure)\">"))
    }
  }

  /// A count sentence reads as a sentence whatever the attributes are called: an attribute is
  /// used as what people did only when its name reads as that ("completed"), and otherwise as
  /// "had pilot = yes". The broken forms ("One interviewee pilot and two did not", "those who
  /// pilot had") fail the check.
  @Test func countSentencesReadAsSentencesWhateverTheAttributesAreCalled() throws {
    let temp = try TemporaryFolder("brief-odd-attributes")
    // The sample's participants, their yes/no attribute renamed to a noun and the numbers to an abbreviation.
    let original = try String(contentsOfFile: Self.folder + "/participants.csv", encoding: .utf8)
    var lines = original.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    lines[0] = lines[0].replacingOccurrences(of: "completed", with: "pilot").replacingOccurrences(of: "years_as_admin", with: "yrs")
    try (lines.joined(separator: "\n") + "\n").write(toFile: temp.path("participants.csv"), atomically: true, encoding: .utf8)
    let request = IngestRequest(
      inputs: [Self.folder], attributes: temp.path("participants.csv"), codebook: Fixtures.repository("Codebooks/chat.yaml"))
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    let markdown = try String(contentsOfFile: temp.path("out/report.md"), encoding: .utf8)
    let prose = Self.withoutLinks(markdown)
    for broken in ["interviewee pilot", "interviewees pilot", "those who pilot", "who did not had"] {
      #expect(!prose.contains(broken), "the brief says “\(broken)”")
    }
    #expect(prose.contains("Nine interviewees had pilot = yes and two had pilot = no."))
    #expect(prose.contains("those with pilot = yes had 11 yrs; the two with pilot = no had an average of 18 yrs."))
  }

  /// The brief names quotes and passages by participant id, document kind and turn or time:
  /// no file name (`castillo.txt`) and no speaker label ("Dr. Renee Castillo") reaches it.
  @Test func theBriefAttributesByParticipantNeverByFileOrSpeakerName() throws {
    let (temp, out) = try Self.analyzed()
    defer { withExtendedLifetime(temp) {} }
    for format in ["report.md", "report.html"] {
      let text = try String(contentsOfFile: out + "/" + format, encoding: .utf8)
      for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder) where file.hasSuffix(".txt") && !file.hasPrefix("P") {
        #expect(!text.contains(file), "\(format) names the file \(file)")
      }
      for label in ["Renee Castillo", "Castillo:", "(Hale)", "Dr. "] {
        #expect(!text.contains(label), "\(format) names \(label)")
      }
      // A captioned interview by its time, a transcript by its turn.
      #expect(text.contains("P11, interview, 00:"))
      #expect(text.contains("P01, interview, turn "))
    }
  }

  /// Markdown with its links' words only: `[Nine interviewees](#ref-1)` → `Nine interviewees`.
  static func withoutLinks(_ markdown: String) -> String {
    markdown.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
  }

  @Test func theMethodsAppendixReportsTheCodebookCodersAndAgreement() throws {
    let (temp, out) = try Self.analyzed()
    _ = try Self.pipeline.importCodings(project: temp.path("p.qda"), csv: Fixtures.repository("Corpora/codings/ben.csv"))
    _ = try Self.pipeline.writeReport(project: temp.path("p.qda"), out: out)
    let markdown = try Fixtures.text(out + "/report.md")
    let start = try #require(markdown.range(of: "## Methods"))
    let methods = String(markdown[start.lowerBound...])
    #expect(methods.contains("Codebook: CHAT — programme evaluation v1.0 (\(Fixtures.repository("Codebooks/chat.yaml")), SHA-256 "))
    #expect(methods.contains(": 28 codes under 7 CHAT elements, 35 coding rules. Codings: 238 by the rules, 221 by ben."))
    #expect(methods.contains("221 by ben"))
    #expect(methods.contains("Agreement between the rules and ben over "))
    #expect(methods.contains("Krippendorff's α 0.669"))
    #expect(methods.contains("| Rules | \u{A0}\u{A0}Time commitment | rules.time | How much time"))
    #expect(methods.contains("**Time estimates.**"))
  }

  @Test func verifyReproducesEveryOutputAndCatchesEditsAndChangedInputs() throws {
    let temp = try TemporaryFolder("verify")
    // A copy of the corpus, so that an input can be changed.
    let corpus = temp.path("corpus")
    try FileManager.default.copyItem(atPath: Self.folder, toPath: corpus)
    let request = IngestRequest(
      inputs: [corpus], attributes: corpus + "/participants.csv", interviewProtocol: corpus + "/protocol.yaml",
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    let clean = try Self.pipeline.verify(report: temp.path("out"))
    #expect(clean.passed)
    #expect(clean.compared.count > 50)
    #expect(clean.compared.contains { $0.path == "tables/time_commitment.csv" && $0.same })
    #expect(clean.compared.contains { $0.path == "report.docx" && $0.same })

    // A hand-edited count is caught.
    let table = temp.path("out/tables/time_commitment.csv")
    try (try Fixtures.text(table)).replacingOccurrences(of: "18", with: "19").write(toFile: table, atomically: true, encoding: .utf8)
    let edited = try Self.pipeline.verify(report: temp.path("out"))
    #expect(!edited.passed)
    #expect(edited.edited == ["tables/time_commitment.csv"])

    // A changed transcript is named, and the outputs it feeds differ.
    let p05 = corpus + "/P05.txt"
    try (try Fixtures.text(p05)).replacingOccurrences(of: "15 hours", with: "45 hours").write(toFile: p05, atomically: true, encoding: .utf8)
    let changed = try Self.pipeline.verify(report: temp.path("out"))
    #expect(changed.changedInputs.contains { $0.hasPrefix(p05 + ": changed since the report") })
    #expect(changed.compared.contains { $0.path == "tables/time_commitment.csv" && !$0.same })
  }

  // MARK: - Helpers

  /// The values of an attribute, however many times it appears.
  static func values(of attribute: String, in text: String) -> [String] {
    var result: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: " \(attribute)=\"") {
      let value = rest[range.upperBound...].prefix { $0 != "\"" }
      result.append(String(value))
      rest = rest[range.upperBound...]
    }
    return result
  }

  /// The share of pixels darker than light grey in a binary PGM (P5) image.
  static func inkFraction(_ path: String) throws -> Double {
    let bytes = try Fixtures.bytes(path)
    var fields: [String] = []
    var index = 0
    var field = ""
    while fields.count < 4, index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "#") {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
      } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        if !field.isEmpty { fields.append(field); field = "" }
      } else {
        field.append(Character(UnicodeScalar(byte)))
      }
    }
    guard fields.first == "P5", fields.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
    let pixels = bytes[index...]
    guard !pixels.isEmpty else { return 0 }
    return Double(pixels.filter { $0 < 200 }.count) / Double(pixels.count)
  }
}
