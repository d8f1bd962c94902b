import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

/// Requests sent straight to `qda serve`'s router, as Hummingbird's own router test client does,
/// without an HTTP client library (HummingbirdTesting brings AsyncHTTPClient and, through it,
/// BoringSSL: most of a clean test build). The socket, the server and the browser are tested
/// end to end by `BrowserTests` against the live `qda serve`.
struct RouterClient: Sendable {
  /// A response as the router gave it, its body read whole.
  struct Page: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    /// A header by name, or nil.
    subscript(header name: String) -> String? {
      HTTPField.Name(name).flatMap { headers[$0] }
    }
  }

  private let responder: RouterResponder<BasicRequestContext>
  private let logger = Logger(label: "qdakit.web.tests")

  init(router: Router<BasicRequestContext>) {
    responder = router.buildResponder()
  }

  /// GET `uri` (path and query, escaped as a browser sends them), with the Host a browser on
  /// this machine sends unless `host` says otherwise.
  func get(_ uri: String, host: String = "127.0.0.1") async throws -> Page {
    let request = Request(
      head: HTTPRequest(method: .get, scheme: "http", authority: host, path: uri),
      body: RequestBody(buffer: ByteBuffer()))
    let context = BasicRequestContext(
      source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
    let response: Response
    do {
      response = try await responder.respond(to: request, context: context)
    } catch let error as any HTTPResponseError {
      response = try error.response(from: request, context: context)
    }
    let body = BodyCollector()
    try await response.body.write(body)
    return Page(status: Int(response.status.code), headers: response.headers, body: body.text)
  }
}

/// Gathers a response body's bytes as the router writes them.
private final class BodyCollector: ResponseBodyWriter, Sendable {
  private let buffer = Mutex(ByteBuffer())

  func write(_ part: ByteBuffer) async throws {
    buffer.withLock { _ = $0.writeImmutableBuffer(part) }
  }

  func finish(_ trailingHeaders: HTTPFields?) async throws {}

  var text: String { buffer.withLock { String(buffer: $0) } }
}
