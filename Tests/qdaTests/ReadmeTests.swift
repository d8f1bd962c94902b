import Foundation
import Testing
import _QDATestSupport

/// README.md opens with the two commands a newcomer runs; CI runs the second. Keep them true.
@Suite("README")
struct ReadmeTests {
  func openingCommands() throws -> [String] {
    let readme = try Fixtures.text(Fixtures.repository("README.md"))
    let fence = try #require(readme.range(of: "```sh\n"))
    let end = try #require(readme.range(of: "\n```", range: fence.upperBound..<readme.endIndex))
    return readme[fence.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
  }

  @Test func opensWithTheMainJobAndTheTests() throws {
    let commands = try openingCommands()
    #expect(commands.count == 2)
    #expect(commands.first?.hasPrefix("swift run qda analyze Corpora/principals ") == true)
    #expect(commands.last == "swift test")
  }

  @Test func theMainJobNamesFilesThatExist() throws {
    let words = try openingCommands()[0].split(separator: " ").map(String.init)
    for option in ["--attributes", "--protocol", "--codebook"] {
      let index = try #require(words.firstIndex(of: option))
      #expect(FileManager.default.fileExists(atPath: Fixtures.repository(words[index + 1])), "\(option)")
    }
    let out = try #require(words.firstIndex(of: "--out"))
    #expect(words[out + 1] == "Reports/principals")
  }

  @Test func ciRunsTheReadmeTestCommand() throws {
    let script = try Fixtures.text(Fixtures.repository(".ci/run"))
    let lastCommand = script.split(separator: "\n").last { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    #expect(lastCommand.map(String.init) == (try openingCommands().last))
  }
}
