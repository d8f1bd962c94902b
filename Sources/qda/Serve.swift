import ArgumentParser
import Foundation
import QDAPipeline
import QDAWeb
import Hummingbird

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A local web page over a project: themes, passages, documents (read-only).",
    discussion: """
      Binds to 127.0.0.1 unless --allow-remote is given with another --host: the project holds
      participants' words. Stop with Ctrl-C.

      qda serve --project p.qda --port 8080
      """)

  @OptionGroup var project: ProjectOptions
  @Option(help: "The port (0: any free port, printed).") var port = 8080
  @Option(help: "The address to bind.") var host = "127.0.0.1"
  @Flag(help: "Allow binding to an address other than the loopback interface.") var allowRemote =
    false

  func run() async throws {
    guard FileManager.default.fileExists(atPath: project.project) else {
      throw ValidationError("\(project.project): no such project; create it with `qda analyze`")
    }
    do {
      let project = project.project
      let host = host
      let site = Site(project: project)
      let app = try WebServer.application(
        site: site, host: host, port: port, allowRemote: allowRemote
      ) { port in
        Console.error(
          "serving \(project) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (read-only)"
        )
      }
      await site.prepare()
      try await app.runService()
    } catch let error as WebServerError {
      throw ValidationError(error.message)
    }
  }
}
