import Foundation
import Mustache
import QDAAnalysis

/// A brief template a researcher edits: Mustache over Markdown. Prose written in it is kept on
/// every run; `{{{section.<name>}}}` places a generated section (its heading, counts, quotes,
/// charts and tables), `{{{overview}}}` the overview line, and plain values such as `{{title}}`,
/// `{{participants}}`, `{{participants_in_words}}` or `{{study.period}}` can be used in prose.
///
/// Sections are named by their anchor with `-` and `.` as `_`: `summary`, `subject`, `division_of_labor`,
/// `findings`, `outcome`, `outcome_motivation`, `rules_time`, `contradictions`,
/// `considerations`, `surveys`, `tables`, `methods`, `appendix`. A section placed on its own is
/// left out of the section that holds it, so a researcher can put prose between the codes of
/// an element.
///
/// The prose is read as Markdown: `#` the title, `##`… headings, paragraphs, `- ` bullets, `> `
/// quotations, `**strong**`, `*emphasis*` or `_emphasis_`, `[text](https://…)`.
public struct BriefTemplate: Sendable {
  public let text: String
  /// The file it was read from, for messages.
  public let file: String
  private let template: MustacheTemplate
  /// Whether a section the brief lacks is an error (it is for a researcher's template, where it
  /// is most likely a typo; the default template names sections some codebooks do not have).
  private var strict = true

  /// Parses a template.
  ///
  /// - Throws: `ReportTemplateError` with the file, line and column of a malformed tag.
  public init(text: String, file: String) throws {
    self.text = text
    self.file = file
    do {
      template = try MustacheTemplate(string: text)
    } catch let error as MustacheTemplate.ParserError {
      throw ReportTemplateError(
        "\(file):\(error.context.lineNumber):\(error.context.columnNumber): \(Self.describe(error.error)) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`"
      )
    } catch {
      throw ReportTemplateError("\(file): \(error)")
    }
  }

  /// The template the brief is written with unless another is given.
  public static var standard: BriefTemplate {
    // The default text is tested to parse.
    do {
      var template = try BriefTemplate(text: defaultText, file: "(default template)")
      template.strict = false
      return template
    } catch {
      preconditionFailure("the default template does not parse: \(error)")
    }
  }

  /// The sections a template's tags name, in order, with the line each is on (comments skipped).
  public var sectionNames: [(name: String, line: Int)] {
    var result: [(String, Int)] = []
    var rest = Substring(text)
    var line = 1
    while let open = rest.range(of: "{{") {
      line += rest[..<open.lowerBound].filter { $0 == "\n" }.count
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      let tag = rest[open.upperBound..<close.lowerBound]
      if !tag.hasPrefix("!") {
        let name = tag.trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/&> \t"))
        if name.hasPrefix("section.") {
          result.append((String(name.dropFirst("section.".count)), line))
        }
      }
      line += tag.filter { $0 == "\n" }.count
      rest = rest[close.upperBound...]
    }
    return result
  }

  /// Sections the brief may leave out (no contradictions, no surveys…), never an error to name.
  static let optionalSections: Set<String> = [
    "summary", "contradictions", "considerations", "surveys", "methods", "approach",
  ]

  /// Checks the sections a template names against those a brief can have (before a run, so
  /// that a typo stops it before anything is stored).
  ///
  /// - Parameter anchors: every anchor the brief can have: the code ids, the elements.
  /// - Throws: `ReportTemplateError` naming the line of the first unknown section.
  public func check(possibleAnchors anchors: some Sequence<String>) throws {
    guard strict else { return }
    let known = Set(anchors.map(Self.key)).union(Self.fixedSections).union(Self.optionalSections)
    for (name, line) in sectionNames where !known.contains(name) && !name.hasPrefix("table_") {
      throw ReportTemplateError(
        "\(file):\(line): the brief has no section '\(name)'; sections: \(known.sorted().joined(separator: ", ")) (and table_<id> for each table)"
      )
    }
  }

  /// Sections every brief has.
  static let fixedSections: Set<String> = [
    "subject", "division_of_labor", "findings", "tables", "appendix",
  ]

  /// The key a heading anchor is named by in a template.
  public static func key(_ anchor: String) -> String {
    String(anchor.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  /// The brief as the template lays it out.
  ///
  /// - Parameters:
  ///   - report: the generated brief, whose anchored headings are the sections.
  ///   - values: plain values for prose (`title`, `participants`, `study`…).
  /// - Throws: `ReportTemplateError` for a section the brief does not have.
  public func render(_ report: ReportDocument, values: [String: Any]) throws -> ReportDocument {
    let sections = Self.sections(of: report.blocks)
    let named = sectionNames
    for (name, line) in named
    where strict && sections[name] == nil && !Self.optionalSections.contains(name) {
      let known = sections.keys.filter { !$0.hasPrefix("table_") }.sorted()
      throw ReportTemplateError(
        "\(file):\(line): the brief has no section '\(name)'; sections: \(known.joined(separator: ", ")) (and table_<id> for each table)"
      )
    }
    let placed = Set(named.map(\.name))
    var tokens: [String: String] = [:]
    var generated: [String: [Block]] = [:]
    for (key, range) in sections {
      // Leave out the sections placed elsewhere in the template.
      let inner = placed.compactMap { other -> Range<Int>? in
        guard other != key, let nested = sections[other], nested.lowerBound > range.lowerBound,
          nested.upperBound <= range.upperBound
        else { return nil }
        return nested
      }
      generated[key] = range.filter { index in !inner.contains { $0.contains(index) } }.map {
        report.blocks[$0]
      }
      tokens[key] = Self.token(key)
    }
    for (name, _) in named where tokens[name] == nil {
      tokens[name] = ""
    }
    let overviewEnd =
      report.blocks.firstIndex { if case .heading = $0 { return true } else { return false } } ?? 0
    generated["overview"] = Array(report.blocks[0..<overviewEnd])
    var context = values
    context["section"] = tokens
    context["overview"] = Self.token("overview")
    context["title"] = context["title"] ?? report.title
    context["subtitle"] = context["subtitle"] ?? report.subtitle ?? ""
    let output = template.render(context)

    var document = ReportDocument(
      title: report.title, subtitle: nil, blocks: [], references: report.references)
    var prose: [String] = []
    var titleSet = false
    func flush() {
      document.blocks += ProseParser.blocks(
        prose.joined(separator: "\n"), title: &document.title, titleSet: &titleSet)
      prose = []
    }
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      var rest = Substring(line)
      while let open = rest.firstIndex(of: Self.open),
        let close = rest[open...].firstIndex(of: Self.close)
      {
        let before = rest[..<open]
        if !before.trimmingCharacters(in: .whitespaces).isEmpty { prose.append(String(before)) }
        flush()
        document.blocks += generated[String(rest[rest.index(after: open)..<close])] ?? []
        rest = rest[rest.index(after: close)...]
      }
      prose.append(String(rest))
    }
    flush()
    return document
  }

  static let open: Character = "\u{E000}"
  static let close: Character = "\u{E001}"
  static func token(_ key: String) -> String { "\(open)\(key)\(close)" }

  /// Each anchored heading's blocks: up to the next heading of the same or a higher level.
  static func sections(of blocks: [Block]) -> [String: Range<Int>] {
    var result: [String: Range<Int>] = [:]
    for (index, block) in blocks.enumerated() {
      guard case .heading(let level, _, let anchor?) = block else { continue }
      var end = index + 1
      while end < blocks.count {
        if case .heading(let next, _, _) = blocks[end], next <= level { break }
        end += 1
      }
      result[key(anchor)] = index..<end
    }
    return result
  }

  static func describe(_ error: any Error) -> String {
    switch "\(error)" {
    case let text where text.contains("sectionCloseNameIncorrect"):
      "a section is closed with another name than it was opened with"
    case let text where text.contains("expectedSectionEnd"): "a section is never closed"
    case let text where text.contains("unfinishedName"): "a tag is not closed with }}"
    default: "\(error)"
    }
  }

  /// The default template: the seed brief's structure (overview, analytical approach, subject,
  /// division of labor, findings by element, contradictions, considerations), then the tables,
  /// the methods and the appendix.
  public static let defaultText = """
    {{! QDAKit research brief template: Mustache over Markdown.
        Copy it with `qda report --print-template > brief.mustache`, edit it, and pass it with
        --template brief.mustache: the prose you write here is kept on every run.
        A tag section.NAME in triple braces places a generated section. A section placed on its
        own is left out of the one that holds it, so you can write between the codes of an
        element: place section.outcome, then your paragraph, then section.outcome_motivation.
        Values for prose, in double braces: title, participants, participants_in_words, documents,
        study.participants, study.period, study.programme, codebook. }}
    # {{{title}}}

    _{{{subtitle}}}_

    {{{overview}}}

    {{{section.summary}}}

    {{{section.approach}}}

    {{{section.subject}}}

    {{{section.division_of_labor}}}

    {{{section.findings}}}

    {{{section.surveys}}}

    {{{section.contradictions}}}

    {{{section.considerations}}}

    {{{section.tables}}}

    {{{section.methods}}}

    {{{section.appendix}}}

    """
}

/// A template that cannot be used, with its file and line.
public struct ReportTemplateError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The Markdown a researcher writes in a template, read into report blocks.
enum ProseParser {
  static func blocks(_ text: String, title: inout String, titleSet: inout Bool) -> [Block] {
    var blocks: [Block] = []
    var paragraph: [String] = []
    var bullets: [[Inline]] = []
    var quote: [String] = []
    var anchors: Set<String> = []
    func flushParagraph() {
      if !paragraph.isEmpty { blocks.append(.paragraph(inlines(paragraph.joined(separator: " ")))) }
      paragraph = []
    }
    func flushBullets() {
      if !bullets.isEmpty { blocks.append(.bullets(bullets)) }
      bullets = []
    }
    func flushQuote() {
      if !quote.isEmpty { blocks.append(.blockquote(inlines(quote.joined(separator: " ")))) }
      quote = []
    }
    func flushAll() {
      flushParagraph()
      flushBullets()
      flushQuote()
    }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = decodeEntities(raw.trimmingCharacters(in: .whitespaces))
      if line.isEmpty {
        flushAll()
      } else if line.hasPrefix("#") {
        flushAll()
        let hashes = line.prefix { $0 == "#" }.count
        let heading = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        if hashes == 1 && !titleSet {
          title = heading
          titleSet = true
        } else {
          var anchor =
            "prose-"
            + heading.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
          while anchors.contains(anchor) { anchor += "-2" }
          anchors.insert(anchor)
          blocks.append(.heading(level: max(1, hashes - 1), text: heading, anchor: anchor))
        }
      } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
        flushParagraph()
        flushQuote()
        bullets.append(inlines(String(line.dropFirst(2))))
      } else if line.hasPrefix(">") {
        flushParagraph()
        flushBullets()
        quote.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
      } else if !bullets.isEmpty && raw.hasPrefix("  ") {
        // A bullet continued on the next line.
        let last = bullets.removeLast()
        bullets.append(last + [.text(" ")] + inlines(line))
      } else {
        flushBullets()
        flushQuote()
        paragraph.append(line)
      }
    }
    flushAll()
    return blocks
  }

  /// `**strong**`, `*emphasis*`, `_emphasis_` and `[text](url)` in a line.
  static func inlines(_ text: String) -> [Inline] {
    var result: [Inline] = []
    var plain = ""
    var index = text.startIndex
    func flush() {
      if !plain.isEmpty { result.append(.text(plain)) }
      plain = ""
    }
    while index < text.endIndex {
      let rest = text[index...]
      if rest.hasPrefix("**"), let end = text[text.index(index, offsetBy: 2)...].range(of: "**") {
        flush()
        result.append(.strong(String(text[text.index(index, offsetBy: 2)..<end.lowerBound])))
        index = end.upperBound
      } else if let marker = rest.first, marker == "*" || marker == "_",
        index == text.startIndex || !text[text.index(before: index)].isLetter,
        let end = text[text.index(after: index)...].firstIndex(of: marker),
        end > text.index(after: index)
      {
        flush()
        result.append(.emphasis(String(text[text.index(after: index)..<end])))
        index = text.index(after: end)
      } else if rest.first == "[", let close = rest.firstIndex(of: "]"),
        text.index(after: close) < text.endIndex,
        text[text.index(after: close)] == "(", let paren = text[close...].firstIndex(of: ")")
      {
        flush()
        let label = String(text[text.index(after: index)..<close])
        let url = String(text[text.index(close, offsetBy: 2)..<paren])
        result.append(.link(label, url: url))
        index = text.index(after: paren)
      } else {
        plain.append(text[index])
        index = text.index(after: index)
      }
    }
    flush()
    return result
  }

  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(
      of: "&gt;", with: ">"
    )
    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&#x2F;", with: "/")
    .replacingOccurrences(of: "&#x60;", with: "`").replacingOccurrences(of: "&#x3D;", with: "=")
    .replacingOccurrences(of: "&amp;", with: "&")
  }
}
