import Foundation
import Hummingbird
import QDAModel
import QDAPipeline
@testable import QDAWeb
import Testing
import _QDATestSupport

/// Every route of `qda serve` over the sample project, through the router (RouterClient):
/// status, security headers, escaping, and clear 400 and 404 pages.
@Suite struct RoutesTests {
  static let project: Result<(TemporaryFolder, String), any Error> = Result {
    let temp = try TemporaryFolder("web")
    let folder = Fixtures.repository("Corpora/principals")
    // The codebook's rules alone: the counts below are the rules'.
    _ = try Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off).ingest(
      IngestRequest(
        inputs: [folder, Fixtures.repository("Corpora/survey/teachers_survey.csv")], attributes: folder + "/participants.csv",
        interviewProtocol: folder + "/protocol.yaml", codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"))
    return (temp, temp.path("p.qda"))
  }

  static func get(_ uri: String) async throws -> (status: Int, body: String, headers: [String: String]) {
    let page = try await RouterClient(router: WebServer.router(site: Site(project: try project.get().1))).get(uri)
    var headers: [String: String] = [:]
    for field in page.headers { headers[field.name.canonicalName] = field.value }
    return (page.status, page.body, headers)
  }

  @Test func theDashboardCountsThemesAndLinksEveryCount() async throws {
    let page = try await Self.get("/")
    #expect(page.status == 200)
    #expect(page.body.contains("<html lang=\"en\">"))
    #expect(page.body.contains("<label for=\"f-where\">"))
    #expect(page.body.contains("<a href=\"/passages?element=rules\">19</a>"))
    #expect(page.body.contains("Contradictions between elements"))
    #expect(page.body.contains("teachers_survey.csv"))
    #expect(page.body.contains("73% (60 of 82)"))
    #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
    #expect(page.headers["x-content-type-options"] == "nosniff")
    #expect(page.headers["x-frame-options"] == "DENY")
    #expect(page.headers["referrer-policy"] == "no-referrer")
    let filtered = try await Self.get("/?where=completed%3Dno")
    #expect(filtered.status == 200)
    #expect(filtered.body.contains("/passages?element=rules&amp;where=completed%3Dno"))
  }

  @Test func thePassageBrowserSearchesFiltersAndHighlights() async throws {
    let page = try await Self.get("/passages?q=time&where=completed%3Dno")
    #expect(page.status == 200)
    #expect(page.body.contains("2 passages found"))
    #expect(page.body.contains("<mark>time</mark>"))
    #expect(page.body.contains("href=\"/documents/"))
    // A contradiction's link names its passages: those and no others.
    let anchors = page.body.split(separator: "#p").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    #expect(anchors.count == 2)
    let linked = try await Self.get("/passages?ids=\(anchors[1])")
    #expect(linked.body.contains("1 passage found"))
    #expect(linked.body.contains("#p\(anchors[1])\"") && !linked.body.contains("#p\(anchors[0])\""))
    let ranked = try await Self.get("/passages?q=time&where=completed%3Dno&rank=1")
    #expect(ranked.body.contains("2 passages found") && ranked.body.contains("value=\"1\" checked>Best matches first"))
    let byCode = try await Self.get("/passages?code=rules.incentives&role=participant")
    #expect(byCode.status == 200)
    #expect(byCode.body.contains("passages found"))
  }

  /// The page's search form sends `q=time+AND+deadline` (a browser's form encoding): the
  /// search is the three words, as `%20` or `qda query` would have it.
  @Test func aSearchSentByTheFormReadsPlusAsASpace() async throws {
    let form = try await Self.get("/passages?q=time+AND+deadline&where=completed%3Dno")
    let escaped = try await Self.get("/passages?q=time%20AND%20deadline&where=completed%3Dno")
    #expect(form.status == 200)
    #expect(form.body.contains("value=\"time AND deadline\""))
    let status = { (body: String) in body.components(separatedBy: "role=\"status\">").dropFirst().first?.prefix(40) }
    #expect(status(form.body) != nil && status(form.body) == status(escaped.body))
  }

  @Test func formEncodedQueriesAreDecodedInNamesAndValues() {
    let parameters = WebServer.formParameters("q=a+b%20c&q=%2B1&wh%65re=x%3Dy&empty=&flag&=nameless&bad=%ZZ+ok")
    #expect(parameters["q"] == ["a b c", "+1"])
    #expect(parameters["where"] == ["x=y"])
    #expect(parameters["empty"] == [""])
    #expect(parameters["flag"] == [""])
    #expect(parameters["bad"] == ["%ZZ ok"])
    #expect(parameters.count == 5)
  }

  @Test func aQuestionInPlainWordsIsRankedByMeaningInThePage() async throws {
    _ = try TestModel.location()
    let page = try await Self.get("/passages?q=How%20long%20did%20the%20tasks%20take%20them%3F&role=participant&limit=5")
    #expect(page.status == 200)
    #expect(page.body.contains("sentences ranked by meaning; showing 5"))
    #expect(page.body.components(separatedBy: "<article class=\"passage participant\">").count == 6)
    #expect(page.body.lowercased().contains("hour"))
    // Each participant's sentence links to more like it.
    let id = try #require(Self.digits(after: "<a href=\"/passages?like=", in: page.body))
    let like = try await Self.get("/passages?like=\(id)&limit=3")
    #expect(like.status == 200)
    #expect(like.body.contains("sentences ranked by meaning; showing 3"))
  }

  @Test func aQuestionsAnswersAreGroupedIntoThemesWhoseCountsLinkToTheirPassages() async throws {
    _ = try TestModel.location()
    let page = try await Self.get("/passages?q=Why%20did%20they%20sign%20up%3F&role=participant&limit=30&themes=4")
    #expect(page.status == 200)
    #expect(page.body.contains("Themes in these 30 answers"))
    let section = try #require(page.body.range(of: "<section class=\"themes\"").map { page.body[$0.lowerBound...] })
    let items = String(section).components(separatedBy: "</section>")[0].components(separatedBy: "<li>").dropFirst()
    #expect(items.count >= 2 && items.count <= 4)
    // Every theme has a label, a count of interviewees linking to its passages, and a quote.
    var linked = 0
    for item in items {
      #expect(item.contains("<strong>") && item.contains("<blockquote>"))
      let ids = try #require(Self.digits(after: "<a href=\"/passages?ids=", in: item, commas: true))
      #expect(item.contains(" interviewee"))
      let passages = try await Self.get("/passages?ids=\(ids)")
      #expect(passages.status == 200)
      linked += passages.body.components(separatedBy: "<article class=\"passage").count - 1
      #expect(passages.body.components(separatedBy: "<article class=\"passage").count - 1 == ids.split(separator: ",").count)
    }
    // The themes' passages are among the 30 answers' (a passage with two answering sentences counts once).
    #expect(linked > 0 && linked <= 30)
    // Asked not to, the page shows no themes; nor does a search by a keyword (not by meaning).
    #expect(!(try await Self.get("/passages?q=Why%20did%20they%20sign%20up%3F&limit=30&themes=0")).body.contains("class=\"themes\""))
    #expect(!(try await Self.get("/passages?q=time&limit=30")).body.contains("class=\"themes\""))
    #expect((try await Self.get("/passages?q=why&themes=99")).status == 400)
  }

  /// The digits (and, with `commas`, commas) right after the first `marker` in a page: a link's
  /// passage number or list of them; nil when the marker is not there.
  static func digits(after marker: String, in text: some StringProtocol, commas: Bool = false) -> String? {
    guard let range = text.range(of: marker) else { return nil }
    return String(text[range.upperBound...].prefix { $0.isNumber || (commas && $0 == ",") })
  }

  @Test func aDocumentShowsTurnsAndCodingStripes() async throws {
    let page = try await Self.get("/documents/1")
    #expect(page.status == 200)
    #expect(page.body.contains("class=\"stripes\""))
    #expect(page.body.contains("id=\"p1\""))
  }

  @Test(arguments: [
    ("/passages?q=AND", 400, "the query starts with AND"),
    ("/passages?q=%22open", 400, "unclosed quote"),
    ("/passages?where=grade", 400, "write attribute=value"),
    ("/passages?where=grade%3D7", 400, "no attribute &#39;grade&#39;"),
    ("/passages?element=bogus", 400, "not a CHAT element"),
    ("/passages?role=narrator", 400, "participant or interviewer"),
    ("/passages?limit=0", 400, "a whole number from 1 to 1000"),
    ("/passages?code=rules.timing", 400, "no such code"),
    ("/passages?ids=1,x", 400, "passage numbers separated by commas"),
    ("/documents/abc", 400, "named by its number"),
    ("/documents/9999", 404, "No document 9999"),
    ("/nowhere", 404, "No page here"),
  ])
  func badParametersGetClearPagesNeverA500(uri: String, status: Int, message: String) async throws {
    let page = try await Self.get(uri)
    #expect(page.status == status)
    #expect(page.body.contains(message), "\(page.body)")
  }

  /// An address longer than any form makes is refused before any work (an 80 KB query cost 7 s
  /// of CPU); one just within the limit is answered.
  @Test func aQueryTooLongGetsA400PageAtOnce() async throws {
    let long = try await Self.get("/passages?q=" + String(repeating: "time+", count: 16_000))
    #expect(long.status == 400)
    #expect(long.body.contains("80002 characters long; the page reads at most 2048"))
    #expect(long.headers["content-security-policy"] != nil)
    let fits = try await Self.get("/passages?q=" + String(repeating: "a", count: 2_046))
    #expect(fits.status == 200)
  }

  /// The dashboard is counted once per project revision: asked again it comes from the cache;
  /// after a write to the project it is counted again and shows the write.
  @Test func theDashboardIsKeptUntilTheProjectChanges() async throws {
    let temp = try TemporaryFolder("web-cache")
    let path = temp.path("p.qda")
    try FileManager.default.copyItem(atPath: try Self.project.get().1, toPath: path)
    let site = Site(project: path, pipeline: Pipeline(sentenceModel: .off))
    let client = RouterClient(router: WebServer.router(site: site))
    func dashboard() async throws -> String {
      try await client.get("/?where=completed%3Dno").body
    }
    let first = try await dashboard()
    let second = try await dashboard()
    #expect(second == first)
    #expect(await site.pagesMade == 1)
    _ = try await client.get("/")
    #expect(await site.pagesMade == 2)  // another filter, another page

    let passage = try #require(
      try Pipeline(sentenceModel: .off).listPassages(project: path, document: "P05.txt").first { $0.passage.role == .participant })
    _ = try Pipeline(sentenceModel: .off).addCoding(
      project: path, code: "subject.background", coder: "maria", target: CodingTarget(passageID: passage.passage.id))
    _ = try await dashboard()
    _ = try await client.get("/")
    #expect(await site.pagesMade == 4)  // both counted again
    _ = try await dashboard()
    #expect(await site.pagesMade == 4)
  }

  /// `qda serve` counts the dashboard before it listens: the first visitor's is a kept one.
  @Test func aPreparedSiteServesItsFirstDashboardKept() async throws {
    // A copy of its own: searches by other tests store facets in the shared project.
    let temp = try TemporaryFolder("prepared")
    try FileManager.default.copyItem(atPath: try Self.project.get().1, toPath: temp.path("p.qda"))
    let site = Site(project: temp.path("p.qda"), pipeline: Pipeline(sentenceModel: .off))
    await site.prepare()
    #expect(await site.pagesMade == 1)
    let page = await site.page(.dashboard([:]))
    #expect(page.status == 200 && page.html.contains("Contradictions between elements"))
    #expect(await site.pagesMade == 1)
  }

  /// Two hundred requests at once over every route: all answered, none with an error, and each
  /// address's page made once however many asked for it at the same time.
  @Test func manyRequestsAtOnceAreAllAnswered() async throws {
    // A copy of its own: searches by other tests store facets in the shared project.
    let temp = try TemporaryFolder("burst")
    try FileManager.default.copyItem(atPath: try Self.project.get().1, toPath: temp.path("p.qda"))
    let site = Site(project: temp.path("p.qda"), pipeline: Pipeline(sentenceModel: .off))
    let client = RouterClient(router: WebServer.router(site: site))
    let uris = ["/", "/passages?q=time", "/documents/1", "/?where=completed%3Dno", "/passages?element=rules"]
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<200 {
        group.addTask { try await client.get(uris[index % uris.count]).status }
      }
      return try await group.reduce(into: [Int]()) { $0.append($1) }
    }
    #expect(statuses.count == 200)
    #expect(statuses.allSatisfy { $0 == 200 })
    #expect(await site.pagesMade == uris.count)
  }

  /// A Host that is not this machine's (a page that rebinds its own name to 127.0.0.1) gets 421
  /// and nothing of the project; the loopback names, with a port or in capitals, get the page.
  @Test func aForeignHostIsRefused() async throws {
    let client = RouterClient(router: WebServer.router(site: Site(project: try Self.project.get().1)))
    let rebound = try await client.get("/", host: "attacker.example:8080")
    #expect(rebound.status == 421)
    #expect(rebound.body.contains("Misdirected request"))
    #expect(!rebound.body.contains("Contradictions between elements"))
    #expect(rebound[header: "X-Frame-Options"] == "DENY")
    for host in ["127.0.0.1:8080", "localhost", "[::1]:8080", "LOCALHOST:1"] {
      #expect(try await client.get("/", host: host).status == 200, "\(host)")
    }
  }

  /// A page is kept under its address with every name and value escaped: a search for the
  /// words `time&role=interviewer` is not the word `time` asked of interviewer passages.
  @Test func twoAddressesNeverShareAKeptPage() {
    let words = Site.Route.passages(["q": ["time&role=interviewer"]]).key
    let filtered = Site.Route.passages(["q": ["time"], "role": ["interviewer"]]).key
    #expect(words != filtered)
    #expect(Site.Route.dashboard(["where": ["a&where=b"]]).key != Site.Route.dashboard(["where": ["a", "b"]]).key)
  }

  /// When every request waiting for a page goes away before it is made, its making is
  /// cancelled (`PageWork` then skips it), and a later request makes it anew.
  @Test func aPageNobodyWaitsForAnyMoreIsNotMade() async throws {
    let cache = PageCache()
    let (gate, open) = AsyncStream<Void>.makeStream()
    let first = Task {
      await cache.page("/passages?q=x", revision: 1) {
        for await _ in gate { break }
        return Task.isCancelled ? Page(status: 503, html: "cancelled") : Page(status: 200, html: "made")
      }
    }
    while await cache.waiting(for: "/passages?q=x") == 0 { await Task.yield() }
    first.cancel()
    while await cache.waiting(for: "/passages?q=x") > 0 { await Task.yield() }
    open.yield()
    open.finish()
    #expect(await first.value.status == 503)
    let again = await cache.page("/passages?q=x", revision: 1) { Page(status: 200, html: "made") }
    #expect(again.html == "made")
  }

  @Test func dataIsEscaped() async throws {
    let page = try await Self.get("/passages?q=%3Cscript%3E")
    #expect(page.status == 200 || page.status == 400)
    #expect(!page.body.contains("<script>"))
  }

  @Test func remoteBindingIsRefusedWithoutTheFlag() throws {
    #expect(throws: WebServerError.self) {
      _ = try WebServer.application(site: Site(project: "p.qda"), host: "0.0.0.0", port: 8080)
    }
    _ = try WebServer.application(site: Site(project: "p.qda"), host: "0.0.0.0", port: 8080, allowRemote: true)
  }
}
