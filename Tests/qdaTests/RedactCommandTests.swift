import Foundation
import Testing
import _QDATestSupport

/// `qda redact` as a user runs it: detect → review → apply → check, with the exit codes scripts rely on.
@Suite struct RedactCommandTests {
  @Test func detectApplyAndCheckThroughTheBinary() throws {
    let temp = try TemporaryFolder("redact-cli")
    let project = temp.path("p.qda")
    let ingest = try CommandRunner.qda([
      "ingest", "Corpora/principals", "--attributes", "Corpora/principals/participants.csv",
      "--codebook", "Codebooks/chat.yaml", "--project", project, "--quiet",
    ])
    #expect(ingest.status == 0, "\(ingest.stderr)")

    let detect = try CommandRunner.qda(["redact", "detect", "--project", project])
    #expect(detect.status == 0)
    #expect(detect.stdout.hasPrefix("original,kind,count,documents,example\n"))
    #expect(detect.stdout.contains("\nOak Hill Elementary,school,1,1,"))

    // Applied without the reviewed list, schools remain and check says so with exit 2.
    let key = temp.path("key.csv")
    let partial = try CommandRunner.qda(["redact", "apply", "--project", project, "--key", key, "--out", temp.path("partial.qda")])
    #expect(partial.status == 0, "\(partial.stderr)")
    #expect(partial.stdout.contains("renamed castillo.txt → P11.txt"))
    let check = try CommandRunner.qda(["redact", "check", "--project", temp.path("partial.qda"), "--key", key])
    #expect(check.status == 2)
    #expect(check.stdout.contains(": possible name: Oak Hill Elementary — "))

    // With the reviewed list nothing is left.
    let names = "Corpora/principals/redaction-names.csv"
    let full = try CommandRunner.qda([
      "redact", "apply", "--project", project, "--key", key, "--names", names, "--out", temp.path("deid.qda"),
    ])
    #expect(full.status == 0, "\(full.stderr)")
    let clean = try CommandRunner.qda(["redact", "check", "--project", temp.path("deid.qda"), "--key", key, "--names", names])
    #expect(clean.status == 0, "\(clean.stdout)")
    #expect(clean.stdout.contains("no likely identifiers found"))

    // A kind that does not exist is a usage error naming the option.
    let bad = try CommandRunner.qda([
      "redact", "apply", "--project", project, "--key", key, "--out", temp.path("x.qda"), "--attribute", "district=town",
    ])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--attribute district=town"))
  }
}
