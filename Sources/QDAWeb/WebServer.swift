import Foundation
public import Hummingbird
import HTTPTypes

/// `qda serve`: the site over Hummingbird, bound to the loopback interface unless told
/// otherwise, with security headers on every response.
///
/// ```swift
/// let app = try WebServer.application(site: Site(project: "study.qda"), host: "127.0.0.1", port: 8080)
/// try await app.runService()
/// ```
public enum WebServer {
  /// The addresses `qda serve` binds without `--allow-remote`.
  public static let loopback: Set<String> = ["127.0.0.1", "::1", "localhost"]

  /// The router: `/`, `/passages`, `/documents/:id`, `/style.css`; anything else is a 404 page.
  /// - Parameter hosts: the names the page answers to in a request's Host (loopback names and
  ///   the address it is served on); any other gets 421, so a page on another site that
  ///   rebinds its own name to this machine cannot read the project.
  public static func router(site: Site, hosts: Set<String> = loopback) -> Router<
    BasicRequestContext
  > {
    let router = Router()
    router.add(middleware: SecurityHeaders())
    router.add(middleware: HostCheck(allowed: hosts))
    router.add(middleware: QueryLimit())
    router.get("/") { request, _ in
      let parameters = parameters(request)
      return respond(await site.page(.dashboard(parameters)))
    }
    router.get("/passages") { request, _ in
      let parameters = parameters(request)
      return respond(await site.page(.passages(parameters)))
    }
    router.get("/documents/:id") { _, context in
      let id = context.parameters.get("id") ?? ""
      return respond(await site.page(.document(id)))
    }
    router.get("/style.css") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: HTMLPage.stylesheet)))
    }
    return router
  }

  /// The application, refusing a non-loopback address unless `allowRemote`.
  ///
  /// - Throws: `WebServerError` for a remote address without permission.
  /// - Parameter running: called once the server listens, with the port it listens on (the
  ///   one the system chose for port 0).
  public static func application(
    site: Site, host: String, port: Int, allowRemote: Bool = false,
    running: @escaping @Sendable (Int) async -> Void = { _ in }
  ) throws -> some ApplicationProtocol {
    guard allowRemote || loopback.contains(host) else {
      throw WebServerError(
        "refusing to serve \(site.project) on \(host): the project holds participants' words; use 127.0.0.1, or --allow-remote if you mean it"
      )
    }
    return Application(
      router: router(site: site, hosts: loopback.union([host])),
      configuration: .init(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in await running(channel.localAddress?.port ?? port) })
  }

  static func parameters(_ request: Request) -> [String: [String]] {
    formParameters(request.uri.query ?? "")
  }

  /// A query string read as an HTML form sends it (`application/x-www-form-urlencoded`): `+`
  /// is a space and `%XX` a byte of UTF-8, in names and values alike. (Hummingbird's
  /// `queryParameters` leaves `+` as it is, so a search typed as two words in the page's form
  /// arrived as one, `time+commitment`, and was searched by meaning instead of by its words.)
  /// A malformed escape is kept as written.
  static func formParameters(_ query: String) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = formDecode(parts[0])
      guard !name.isEmpty else { continue }
      result[name, default: []].append(parts.count > 1 ? formDecode(parts[1]) : "")
    }
    return result
  }

  static func formDecode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  static func respond(_ page: Page) -> Response {
    Response(
      status: HTTPResponse.Status(code: page.status),
      headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: page.html)))
  }
}

/// A server that will not start.
public struct WebServerError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Headers on every response: no scripts, no framing, no sniffing, no referrer, styles only
/// from the site's own stylesheet.
/// Answers only requests whose Host names this server (DNS rebinding): 421 Misdirected Request
/// otherwise. A request without a Host (HTTP/1.0) is answered.
struct HostCheck<Context: RequestContext>: RouterMiddleware {
  var allowed: Set<String>

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws
    -> Response
  {
    if let authority = request.head.authority, !allowed.contains(Self.hostName(authority)) {
      return WebServer.respond(
        Page(
          status: 421,
          html: HTMLPage.page(
            title: "Misdirected request",
            body:
              "<p class=\"error\">This page answers to 127.0.0.1 or localhost only, not to \(HTMLPage.escape(authority)).</p>"
          )))
    }
    return try await next(request, context)
  }

  /// `localhost:8080` → `localhost`; `[::1]:8080` → `::1`; lower case.
  static func hostName(_ authority: String) -> String {
    let lower = authority.lowercased()
    if lower.hasPrefix("["), let close = lower.firstIndex(of: "]") {
      return String(lower[lower.index(after: lower.startIndex)..<close])
    }
    if let colon = lower.lastIndex(of: ":"), lower.filter({ $0 == ":" }).count == 1 {
      return String(lower[..<colon])
    }
    return lower
  }
}

/// Refuses an address whose query is longer than any form of the site makes (`maximum`
/// characters) with a 400 page, before any work: an 80 KB query cost 7 s of CPU.
struct QueryLimit<Context: RequestContext>: RouterMiddleware {
  var maximum = 2_048

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws
    -> Response
  {
    let length = request.uri.query?.utf8.count ?? 0
    guard length <= maximum else {
      return WebServer.respond(
        Page(
          status: 400,
          html: HTMLPage.page(
            title: "Bad request",
            body:
              "<p class=\"error\">This address's query is \(length) characters long; the page reads at most \(maximum). Ask in fewer words.</p>"
          )))
    }
    return try await next(request, context)
  }
}

struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound {
      response = WebServer.respond(
        Page(
          status: 404,
          html: HTMLPage.page(
            title: "Not found",
            body: "<p class=\"error\">No page here. Try <a href=\"/\">the themes</a>.</p>")))
    }
    response.headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    if let name = HTTPField.Name("Referrer-Policy") { response.headers[name] = "no-referrer" }
    if let name = HTTPField.Name("X-Frame-Options") { response.headers[name] = "DENY" }
    return response
  }
}
