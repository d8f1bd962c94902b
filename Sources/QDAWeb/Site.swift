import Foundation
import QDAAnalysis
import QDAModel
public import QDAPipeline
import QDAQuery

/// A page and its status.
public struct Page: Sendable {
  public var status: Int
  public var html: String
}

/// The pages of `qda serve`, read-only over a project: the themes dashboard, the passage
/// browser, a document with its coding stripes. Every count links to the passages behind it;
/// bad parameters get a 400 page saying what to fix, an unknown document a 404.
public struct Site: Sendable {
  public var project: String
  public var pipeline: Pipeline
  /// Pages kept until the project changes.
  let cache = PageCache()
  /// Where pages are made: off the cooperative threads, a few at a time.
  let work = PageWork()

  public init(project: String, pipeline: Pipeline = Pipeline()) {
    self.project = project
    self.pipeline = pipeline
  }

  /// How many pages were made rather than served kept.
  public var pagesMade: Int { get async { await cache.computed } }

  /// Counts the dashboard before the first visitor asks for it (`qda serve` does this before it
  /// listens): every visitor's first page is the dashboard, and a burst of them would otherwise
  /// all wait on the one count.
  public func prepare() async {
    _ = await page(.dashboard([:]))
  }

  /// The pages of the site, by address.
  public enum Route: Sendable {
    /// `/`, with its query's parameters.
    case dashboard([String: [String]])
    /// `/passages`, with its query's parameters.
    case passages([String: [String]])
    /// `/documents/<id>`.
    case document(String)

    /// The address a page is kept under: its path and its parameters in a fixed order, each
    /// name and value escaped (a search for `time&role=interviewer` is not the word `time` asked
    /// of interviewer passages).
    var key: String {
      func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? text
      }
      func query(_ parameters: [String: [String]]) -> String {
        parameters.keys.sorted().flatMap { key in
          parameters[key, default: []].map { "\(escaped(key))=\(escaped($0))" }
        }
        .joined(separator: "&")
      }
      switch self {
      case .dashboard(let parameters): return "/?" + query(parameters)
      case .passages(let parameters): return "/passages?" + query(parameters)
      case .document(let id): return "/documents/" + escaped(id)
      }
    }

    /// What a key leaves as it is: RFC 3986's unreserved characters.
    static let unreserved = CharacterSet(
      charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
  }

  /// A route's page: kept from an earlier request at the project's current revision, or made
  /// once for every request asking at the same time (`PageCache`), off the cooperative threads a
  /// few at a time (`PageWork`). A 503 page when the request was cancelled before its turn.
  public func page(_ route: Route) async -> Page {
    // Read before making: a write while it is made moves the revision on, and the page made
    // is kept under the older one, which the next request no longer asks for.
    guard let revision = await work.value({ try? pipeline.revision(project: project) }) else {
      return PageWork.cancelled
    }
    return await cache.page(route.key, revision: revision) { [self] in
      await work.run { make(route) }
    }
  }

  /// A route's page, made now.
  public func make(_ route: Route) -> Page {
    switch route {
    case .dashboard(let parameters): dashboard(parameters: parameters)
    case .passages(let parameters): passages(parameters: parameters)
    case .document(let id): document(id: id)
    }
  }

  // MARK: - Dashboard

  /// `/`: codes and elements with distinct participants and passages (filterable by attribute),
  /// the contradiction matrix, the surveys' rating items.
  public func dashboard(parameters: [String: [String]]) -> Page {
    do {
      let conditions = try (parameters["where"] ?? []).filter { !$0.isEmpty }.map(
        AttributeCondition.init)
      let request = QueryRequest(conditions: conditions)
      let codebook = try pipeline.codebook(project: project)
      let counts = try pipeline.queryCounts(project: project, request, by: ["element", "code"])
      let (byElement, byCode) = (counts[0], counts[1])
      let whereText = conditions.map(\.description)
      var body = filterForm(
        action: "/",
        fields: [("where", whereText.first ?? "", "Attribute filter (e.g. completed=no)")])
      body +=
        "<h2>Elements</h2>\n"
        + countTable(
          byElement, label: "Element", names: { Element(identifier: $0)?.name ?? $0 },
          link: { value in
            [("element", value)] + whereText.map { ("where", $0) }
          })
      body +=
        "<h2>Codes</h2>\n"
        + countTable(
          byCode, label: "Code", names: { codebook.code($0)?.name ?? $0 },
          link: { value in
            [("code", value)] + whereText.map { ("where", $0) }
          })
      body += try contradictionMatrix()
      body += try surveySummaries()
      return Page(status: 200, html: HTMLPage.page(title: "Themes", body: body))
    } catch {
      return failure(error)
    }
  }

  func countTable(
    _ counts: [QueryCount], label: String, names: (String) -> String,
    link: (String) -> [(String, String)]
  ) -> String {
    guard !counts.isEmpty else { return "<p>Nothing coded matches.</p>\n" }
    let widest = max(1, counts.map(\.participants).max() ?? 1)
    var html =
      "<table>\n<caption class=\"meta\">Distinct participants and passages; each count lists the passages behind it.</caption>\n"
    html +=
      "<thead><tr><th scope=\"col\">\(label)</th><th scope=\"col\">Participants</th><th scope=\"col\">Passages</th><th scope=\"col\"><span class=\"meta\">Bar: participants</span></th></tr></thead>\n<tbody>\n"
    for count in counts {
      let href = "/passages" + HTMLPage.query(link(count.value))
      let width = Int(Double(count.participants) / Double(widest) * 200)
      html += "<tr><th scope=\"row\">\(HTMLPage.escape(names(count.value)))</th>"
      html += "<td class=\"n\"><a href=\"\(HTMLPage.escape(href))\">\(count.participants)</a></td>"
      html += "<td class=\"n\"><a href=\"\(HTMLPage.escape(href))\">\(count.passages)</a></td>"
      html +=
        "<td><svg width=\"\(width + 2)\" height=\"14\" role=\"img\" aria-label=\"\(count.participants) participants\"><rect x=\"0\" y=\"2\" width=\"\(width)\" height=\"10\" fill=\"#1f3a5f\"/></svg></td></tr>\n"
    }
    return html + "</tbody></table>\n"
  }

  func contradictionMatrix() throws -> String {
    let contradictions = try pipeline.contradictions(project: project).filter {
      $0.status != .rejected
    }
    guard !contradictions.isEmpty else { return "" }
    var counts: [String: Set<String>] = [:]
    var passages: [String: Set<Int64>] = [:]
    for contradiction in contradictions {
      let pair = [contradiction.first, contradiction.second].map(\.rawValue).sorted().joined(
        separator: "|")
      counts[pair, default: []].insert(contradiction.participant)
      passages[pair, default: []].formUnion(contradiction.passageIDs)
    }
    let elements = Element.allCases
    let highest = max(1, counts.values.map(\.count).max() ?? 1)
    var html =
      "<h2>Contradictions between elements</h2>\n<table>\n<caption class=\"meta\">Participants showing each tension (darker: more). Each count links to the passages.</caption>\n<thead><tr><th scope=\"col\"></th>"
    for element in elements { html += "<th scope=\"col\">\(HTMLPage.escape(element.name))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in elements {
      html += "<tr><th scope=\"row\">\(HTMLPage.escape(row.name))</th>"
      for column in elements {
        let pair = [row.rawValue, column.rawValue].sorted().joined(separator: "|")
        guard row != column, let participants = counts[pair] else {
          html += "<td></td>"
          continue
        }
        let shade = 235 - Int(Double(participants.count) / Double(highest) * 180)
        let hex = String(shade, radix: 16).leftPadded(to: 2)
        let ink = shade < 140 ? "#fff" : "#000"
        let ids = (passages[pair] ?? []).sorted().map(String.init).joined(separator: ",")
        let href = "/passages" + HTMLPage.query([("ids", ids)])
        html +=
          "<td class=\"n\"><svg width=\"40\" height=\"24\" role=\"img\" aria-label=\"\(participants.count) participants\"><rect width=\"40\" height=\"24\" fill=\"#\(hex)\(hex)\(hex)\"/><a href=\"\(HTMLPage.escape(href))\"><text x=\"20\" y=\"16\" text-anchor=\"middle\" fill=\"\(ink)\">\(participants.count)</text></a></svg></td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody></table>\n"
  }

  func surveySummaries() throws -> String {
    let outputs = try pipeline.surveyOutputs(project: project)
    guard !outputs.isEmpty else { return "" }
    var html = "<h2>Surveys</h2>\n"
    for output in outputs {
      let summary = output.summary
      html +=
        "<h3>\(HTMLPage.escape((summary.source as NSString).lastPathComponent))</h3>\n<p>\(summary.counted) respondents counted.</p>\n<table>\n<thead><tr><th scope=\"col\">Rating item</th><th scope=\"col\">n</th><th scope=\"col\">Top two</th></tr></thead>\n<tbody>\n"
      for entry in summary.items where entry.item.type == .likert {
        let share =
          entry.percentTopTwo.map {
            "\(Int($0.rounded()))% (\(entry.topTwo.count) of \(entry.onScale))"
          } ?? "—"
        html +=
          "<tr><td>\(HTMLPage.escape(entry.item.fullText))</td><td class=\"n\">\(entry.answered)</td><td class=\"n\">\(HTMLPage.escape(share))</td></tr>\n"
      }
      html += "</tbody></table>\n"
    }
    return html
  }

  // MARK: - Passages

  /// `/passages`: the same search and filters as `qda query`.
  public func passages(parameters: [String: [String]]) -> Page {
    do {
      let first = { (name: String) in parameters[name]?.first.flatMap { $0.isEmpty ? nil : $0 } }
      var request = QueryRequest(
        text: first("q") ?? "", code: first("code"), coder: first("coder"),
        document: first("document"), question: first("question"))
      request.conditions = try (parameters["where"] ?? []).filter { !$0.isEmpty }.map(
        AttributeCondition.init)
      if let element = first("element") {
        guard let parsed = Element(identifier: element) else {
          throw QueryError("element=\(element): not a CHAT element")
        }
        request.element = parsed
      }
      if let role = first("role") {
        guard let parsed = SpeakerRole(rawValue: role) else {
          throw QueryError("role=\(role): participant or interviewer")
        }
        request.role = parsed
      }
      let limit =
        try first("limit").map { text -> Int in
          guard let value = Int(text), value > 0, value <= 1000 else {
            throw QueryError("limit=\(text): a whole number from 1 to 1000")
          }
          return value
        } ?? 50
      request.limit = limit
      request.ranked = first("rank") != nil
      if let like = first("like") {
        guard let id = Int64(like) else { throw QueryError("like=\(like): a passage number") }
        request.likePassage = id
      }
      // The contradiction matrix links the passages of a tension by id.
      if let list = first("ids") {
        request.passageIDs = try list.split(separator: ",").map { part -> Int64 in
          guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else {
            throw QueryError("ids=\(list): passage numbers separated by commas")
          }
          return id
        }
      }
      let themeCount =
        try first("themes").map { text -> Int in
          guard let value = Int(text), value >= 0, value <= 10 else {
            throw QueryError("themes=\(text): a whole number from 0 to 10")
          }
          return value
        } ?? 5
      let result = try pipeline.search(project: project, request)
      let (hits, total) = (result.hits, result.total)
      // A question's answers grouped by meaning, above the answers themselves.
      let themes =
        hits.count >= 6
        ? try pipeline.themes(project: project, of: result, asked: request, count: themeCount) : []
      var body = filterForm(
        action: "/passages",
        fields: [
          (
            "q", request.text,
            "A question, or words (stemmed; \"phrases\", prefix*, NEAR, AND/OR/NOT)"
          ),
          ("code", request.code ?? "", "Code"),
          ("where", request.conditions.first?.description ?? "", "Attribute filter"),
        ],
        checkboxes: [("rank", request.ranked, "Best matches first")])
      let found =
        result.order == .meaning
        ? "sentence\(total == 1 ? "" : "s") ranked by meaning"
        : "passage\(total == 1 ? "" : "s") found"
      body +=
        "<p role=\"status\">\(total) \(found)\(total > hits.count ? "; showing \(hits.count)" : "").</p>\n"
      if let note = result.note { body += "<p class=\"note\">\(HTMLPage.escape(note))</p>\n" }
      body += themeList(themes, of: hits.count)
      for hit in hits {
        let id = hit.passage.id ?? 0
        let documentLink = "/documents/\(hit.passage.documentID ?? 0)#p\(id)"
        body += "<article class=\"passage \(hit.passage.role.rawValue)\">\n"
        body +=
          "<p class=\"meta\"><a href=\"\(documentLink)\">\(HTMLPage.escape(hit.documentKey))</a> · \(HTMLPage.escape(hit.participant))"
        if let speaker = hit.passage.speaker { body += " · \(HTMLPage.escape(speaker))" }
        if !hit.codes.isEmpty {
          body += " · codes: \(HTMLPage.escape(hit.codes.joined(separator: ", ")))"
        }
        if hit.passage.role != .interviewer {
          body += " · <a href=\"/passages?like=\(id)\">more like this</a>"
        }
        body += "</p>\n<p>\(HTMLPage.highlighted(hit.snippet))</p>\n</article>\n"
      }
      return Page(status: 200, html: HTMLPage.page(title: "Passages", body: body))
    } catch {
      return failure(error)
    }
  }

  /// The themes of a question's answers: each with its label, how many interviewees and survey
  /// respondents (each count a link to its passages) and its most typical sentence.
  func themeList(_ themes: [QueryTheme], of answers: Int) -> String {
    guard !themes.isEmpty else { return "" }
    var html = "<section class=\"themes\" aria-labelledby=\"themes-heading\">\n"
    html += "<h2 id=\"themes-heading\">Themes in these \(answers) answers</h2>\n<ol>\n"
    for theme in themes {
      let link = "/passages?ids=" + theme.passageIDs.map(String.init).joined(separator: ",")
      var counts: [String] = []
      if !theme.participants.isEmpty {
        let noun = theme.participants.count == 1 ? "interviewee" : "interviewees"
        counts.append("<a href=\"\(link)\">\(theme.participants.count) \(noun)</a>")
      }
      if !theme.respondents.isEmpty {
        let noun = theme.respondents.count == 1 ? "survey respondent" : "survey respondents"
        counts.append("<a href=\"\(link)\">\(theme.respondents.count) \(noun)</a>")
      }
      html +=
        "<li><strong>\(HTMLPage.escape(theme.label))</strong> — \(counts.joined(separator: ", "))"
      html += "<blockquote>\(HTMLPage.escape(theme.quote))</blockquote></li>\n"
    }
    return html + "</ol>\n</section>\n"
  }

  // MARK: - Document

  /// `/documents/<id>`: the transcript, speaker turns, coding stripes in the margin.
  public func document(id: String) -> Page {
    guard Int64(id) != nil else {
      return Page(
        status: 400,
        html: HTMLPage.page(
          title: "Bad request",
          body: "<p class=\"error\">A document is named by its number, as in /documents/3.</p>"))
    }
    do {
      let listings = try pipeline.listPassages(project: project, document: id)
      let codebook = try pipeline.codebook(project: project)
      guard let first = listings.first else {
        return Page(
          status: 404,
          html: HTMLPage.page(
            title: "Not found",
            body: "<p class=\"error\">Document \(HTMLPage.escape(id)) has no passages.</p>"))
      }
      var body =
        "<p class=\"meta\">Participant \(HTMLPage.escape(first.participant)) · \(listings.count) passages</p>\n"
      for listing in listings {
        let passage = listing.passage
        let codes = Array(Set(listing.codings.map(\.codeID))).sorted()
        body += "<section class=\"passage \(passage.role.rawValue)\" id=\"p\(passage.id ?? 0)\">\n"
        if !codes.isEmpty {
          body +=
            "<svg class=\"stripes\" width=\"\(codes.count * 10)\" height=\"40\" role=\"img\" aria-label=\"coded \(HTMLPage.escape(codes.joined(separator: ", ")))\">"
          for (index, code) in codes.enumerated() {
            let color = codebook.code(code)?.color ?? "#888888"
            body +=
              "<rect x=\"\(index * 10)\" y=\"0\" width=\"8\" height=\"40\" fill=\"\(HTMLPage.escape(color))\"><title>\(HTMLPage.escape(codebook.code(code)?.name ?? code))</title></rect>"
          }
          body += "</svg>\n"
        }
        body +=
          "<p class=\"meta\">\(HTMLPage.escape(passage.speaker ?? "unattributed")) (\(passage.role.rawValue))"
        if !codes.isEmpty { body += " · \(HTMLPage.escape(codes.joined(separator: ", ")))" }
        body += "</p>\n<p>\(HTMLPage.escape(passage.text))</p>\n</section>\n"
      }
      return Page(status: 200, html: HTMLPage.page(title: first.documentKey, body: body))
    } catch let error as PipelineError where error.reason == .notFound {
      return Page(
        status: 404,
        html: HTMLPage.page(
          title: "Not found",
          body: "<p class=\"error\">No document \(HTMLPage.escape(id)) in this project.</p>"))
    } catch {
      return failure(error)
    }
  }

  // MARK: - Shared

  func filterForm(
    action: String, fields: [(name: String, value: String, label: String)],
    checkboxes: [(name: String, checked: Bool, label: String)] = []
  ) -> String {
    var html = "<form method=\"get\" action=\"\(action)\" role=\"search\">\n"
    for field in fields {
      html +=
        "<label for=\"f-\(field.name)\">\(HTMLPage.escape(field.label))<input id=\"f-\(field.name)\" name=\"\(field.name)\" value=\"\(HTMLPage.escape(field.value))\"></label>\n"
    }
    for box in checkboxes {
      html +=
        "<label for=\"f-\(box.name)\"><input type=\"checkbox\" id=\"f-\(box.name)\" name=\"\(box.name)\" value=\"1\"\(box.checked ? " checked" : "")>\(HTMLPage.escape(box.label))</label>\n"
    }
    return html + "<button type=\"submit\">Show</button>\n</form>\n"
  }

  /// A mistake in the request is a 400 page saying what to fix; anything else a 500 page that
  /// names the problem without the data.
  func failure(_ error: any Error) -> Page {
    if let error = error as? QueryError {
      return Page(
        status: 400,
        html: HTMLPage.page(
          title: "Bad request", body: "<p class=\"error\">\(HTMLPage.escape(error.message))</p>"))
    }
    if let error = error as? PipelineError,
      error.reason == .invalidOption || error.reason == .notFound
    {
      return Page(
        status: 400,
        html: HTMLPage.page(
          title: "Bad request", body: "<p class=\"error\">\(HTMLPage.escape(error.message))</p>"))
    }
    return Page(
      status: 500,
      html: HTMLPage.page(
        title: "Error", body: "<p class=\"error\">\(HTMLPage.escape(String(describing: error)))</p>"
      ))
  }
}
