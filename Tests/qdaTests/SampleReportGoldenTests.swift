import Foundation
import Testing
import _QDATestSupport

/// `Reports/principals/` is committed output: running the README's main command again must
/// write exactly the same files. After an intended change, regenerate with the README command
/// (or run this test with `QDAKIT_RECORD=1`) and review the diff.
@Suite("Sample report is reproducible")
struct SampleReportGoldenTests {
  @Test func theCommittedReportIsWhatTheMainCommandWrites() throws {
    let temp = try TemporaryFolder("golden")
    let result = try CommandRunner.qda([
      "analyze", "Corpora/principals", "Corpora/survey/teachers_survey.csv", "--attributes", "Corpora/principals/participants.csv",
      "--protocol", "Corpora/principals/protocol.yaml", "--codebook", "Codebooks/chat.yaml",
      "--project", temp.path("principals.qda"), "--out", temp.path("out"), "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let golden = Fixtures.repository("Reports/principals")
    let fresh = temp.path("out")
    let files = try FileManager.default.subpathsOfDirectory(atPath: fresh).filter { !$0.hasSuffix("/") }.sorted()
    if ProcessInfo.processInfo.environment["QDAKIT_RECORD"] != nil {
      try? FileManager.default.removeItem(atPath: golden)
      try FileManager.default.copyItem(atPath: fresh, toPath: golden)
      Issue.record("Recorded Reports/principals anew: review the diff, then run without QDAKIT_RECORD")
      return
    }
    let committed = try FileManager.default.subpathsOfDirectory(atPath: golden).sorted()
    #expect(files == committed)
    for file in files {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: fresh + "/" + file, isDirectory: &isFolder), !isFolder.boolValue else { continue }
      let new = try Fixtures.text(fresh + "/" + file)
      let old = try Fixtures.text(golden + "/" + file)
      #expect(new == old, "Reports/principals/\(file) differs from what `qda analyze` writes now")
    }
  }
}

/// `qda verify` on the committed report, from the checkout (in CI: a fresh clone): every table,
/// count and file comes out identical when the manifest's run is repeated.
@Suite struct CommittedReportVerifyTests {
  @Test func theCommittedReportVerifies() throws {
    let result = try CommandRunner.qda(["verify", "Reports/principals"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let files = try FileManager.default.subpathsOfDirectory(atPath: Fixtures.repository("Reports/principals"))
      .filter { !$0.hasSuffix("manifest.json") && $0.contains(".") }
    #expect(result.stdout.contains("\(files.count) of \(files.count) outputs identical"), "\(result.stdout)")
    #expect(result.stdout.contains("verified: Reports/principals is reproducible from its inputs"))
  }
}
