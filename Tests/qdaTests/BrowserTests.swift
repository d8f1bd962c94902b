import Foundation
import Testing
import _QDATestSupport

/// Debian's Chromium, or another Chromium-based browser, when one is installed.
let installedChromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

/// `qda serve` in a real browser: the built binary on a free loopback port, driven by headless
/// Chromium (Debian's `chromium`, which `.ci/run` installs): each page loads, a search runs, a
/// count is followed to its passages, and screenshots are not blank.
@Suite(.serialized, .enabled(if: installedChromium != nil, "headless Chromium is not installed (apt-get install chromium)"))
struct BrowserTests {
  static var chromium: String? { installedChromium }

  /// A port nothing listens on now.
  static func freePort() -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Whether something accepts connections on the loopback port.
  static func isListening(_ port: Int) -> Bool {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, length) }
    } == 0
  }

  static func chrome(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium ?? "chromium")
    process.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--disable-dev-shm-usage"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// A PNG that is not blank: the right signature and size, and well over the bytes a blank
  /// page of the same size compresses to (PNG's compression makes a uniform image tiny).
  static func isNonBlankPNG(_ path: String, blankBytes: Int) throws -> Bool {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    guard bytes.count > 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return false }
    let width = bytes[16...19].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20...23].reduce(0) { $0 << 8 | Int($1) }
    return width == 1200 && height == 900 && bytes.count > blankBytes * 3
  }

  /// `--port 0` takes any free port and prints the one it took (it printed port 0).
  @Test func portZeroPrintsThePortTaken() throws {
    let temp = try TemporaryFolder("serve-port")
    let ingest = try CommandRunner.qda([
      "ingest", "Corpora/principals/P01.txt", "--codebook", "Codebooks/chat.yaml", "--project", temp.path("p.qda"), "--quiet",
    ])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let err = Pipe()
    let server = try CommandRunner.start(["serve", "--project", temp.path("p.qda"), "--port", "0"], stderr: err)
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    var printed = ""
    var port: Int?
    while port == nil {
      let data = err.fileHandleForReading.availableData
      if data.isEmpty { break }
      printed += String(decoding: data, as: UTF8.self)
      if let match = printed.firstMatch(of: /serving .* on http:\/\/127\.0\.0\.1:(\d+)\//) { port = Int(match.1) }
    }
    let taken = try #require(port, "\(printed)")
    #expect(taken != 0)
    #expect(Self.isListening(taken))
  }

  @Test func pagesLoadSearchRunsCountsLeadToPassagesAndScreenshotsAreNotBlank() throws {
    let temp = try TemporaryFolder("browser")
    let analyze = try CommandRunner.qda([
      "analyze", "Corpora/principals", "Corpora/survey/teachers_survey.csv", "--attributes", "Corpora/principals/participants.csv",
      "--protocol", "Corpora/principals/protocol.yaml", "--codebook", "Codebooks/chat.yaml", "--project", temp.path("p.qda"),
      "--out", temp.path("out"), "--quiet",
    ])
    #expect(analyze.status == 0, "\(analyze.stderr)")
    let port = Self.freePort()
    let server = try CommandRunner.start(["serve", "--project", temp.path("p.qda"), "--port", String(port)])
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    let base = "http://127.0.0.1:\(port)"
    // Wait for the server.
    var ready = false
    for _ in 0..<100 where !ready {
      if Self.isListening(port) { ready = true } else { Thread.sleep(forTimeInterval: 0.1) }
    }
    #expect(ready, "qda serve did not start on port \(port)")

    // The page answers only to this machine's names: a page elsewhere that rebinds its own name
    // to 127.0.0.1 (DNS rebinding) gets 421 and nothing of the project.
    func raw(host: String) throws -> String {
      try CommandRunner.shell(
        "exec 3<>/dev/tcp/127.0.0.1/\(port); printf 'GET /passages?q=time HTTP/1.1\\r\\nHost: \(host)\\r\\nConnection: close\\r\\n\\r\\n' >&3; cat <&3"
      ).stdout
    }
    let rebound = try raw(host: "attacker.example:\(port)")
    #expect(rebound.hasPrefix("HTTP/1.1 421"), "\(rebound.prefix(200))")
    #expect(!rebound.contains("<article"))
    for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] {
      #expect(try raw(host: host).hasPrefix("HTTP/1.1 200"), "\(host)")
    }

    let dashboard = try Self.chrome(["--dump-dom", base + "/"])
    #expect(dashboard.contains("<h1>Themes</h1>"))
    #expect(dashboard.contains("Collaboration and cohort"))
    let search = try Self.chrome(["--dump-dom", base + "/passages?q=time&where=completed%3Dno"])
    #expect(search.contains("2 passages found"))
    #expect(search.contains("<mark>time</mark>"))

    // Follow the first count on the dashboard to its passages.
    let href = try #require(dashboard.range(of: "href=\"/passages?element=").map { range -> String in
      let rest = dashboard[range.lowerBound...].dropFirst(6)
      return String(rest.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    })
    let followed = try Self.chrome(["--dump-dom", base + href])
    #expect(followed.contains("passages found"))
    #expect(followed.contains("class=\"passage participant\""))
    let documentHref = try #require(followed.range(of: "href=\"/documents/").map { range -> String in
      String(followed[range.lowerBound...].dropFirst(6).prefix { $0 != "\"" })
    })
    let document = try Self.chrome(["--dump-dom", base + documentHref])
    #expect(document.contains("class=\"stripes\""))

    let blank = temp.path("blank.png")
    _ = try Self.chrome(["--window-size=1200,900", "--screenshot=" + blank, "data:text/html,<html><body></body></html>"])
    let blankBytes = (try FileManager.default.attributesOfItem(atPath: blank)[.size] as? Int) ?? 0
    #expect(blankBytes > 0)
    let documentPage = String(documentHref.prefix { $0 != "#" })
    for (name, path) in [("dashboard", "/"), ("passages", "/passages?q=time"), ("document", documentPage)] {
      let file = temp.path(name + ".png")
      _ = try Self.chrome(["--window-size=1200,900", "--screenshot=" + file, base + path])
      let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
      #expect(try Self.isNonBlankPNG(file, blankBytes: blankBytes), "\(name) screenshot is blank or missing (\(size) bytes; blank \(blankBytes))")
    }
  }
}
