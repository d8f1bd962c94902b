import Foundation
import QDAPipeline
import Testing
import _QDATestSupport

/// What data names can and cannot do to the files a run writes, and what a failed run leaves.
@Suite struct AnalyzeFailureTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  @Test func anAttributeNameNeverWritesOutsideTheReportFolder() throws {
    let temp = try TemporaryFolder("attribute-path")
    defer { withExtendedLifetime(temp) {} }
    let attributes = try temp.write("attributes.csv", "participant_id,x/../../escaped,school level!\nP01,a,b\n")
    let out = temp.path("deep/out")
    _ = try Self.pipeline.analyze(
      IngestRequest(
        inputs: [Fixtures.repository("Corpora/principals/P01.txt")], attributes: attributes,
        codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("p.qda"), out: out)
    let tables = try FileManager.default.contentsOfDirectory(atPath: out + "/tables")
    #expect(tables.contains("crosstab_x_escaped.md"))
    #expect(tables.contains("crosstab_school_level.md"))
    #expect(!FileManager.default.fileExists(atPath: temp.path("deep/escaped.md")))
    #expect(!FileManager.default.fileExists(atPath: temp.path("escaped.md")))
    #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path("deep")) == ["out"])
    // Coded by rules alone: the manifest names no model (the committed sample report's names
    // the learned coder's, checked by the golden test).
    #expect(!(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)).contains("\"models\""))
  }

  /// A codebook that names a model file that is not one (here the prior where the valence
  /// model belongs) is refused before anything is stored, naming the file.
  @Test func aCodebookNamingAWrongModelFileIsRefusedByName() throws {
    let temp = try TemporaryFolder("wrong-model")
    defer { withExtendedLifetime(temp) {} }
    let wrong = Fixtures.repository("Codebooks/chat.prior.json")
    let codebook = try temp.write(
      "chat.yaml",
      try Fixtures.chatCodebookText().replacingOccurrences(
        of: "\nvalence: \(Fixtures.repository("Codebooks/chat.valence.json"))\n", with: "\nvalence: \(wrong)\n"))
    let error = try #require(throws: (any Error).self) {
      try Self.pipeline.analyze(
        IngestRequest(inputs: [Fixtures.repository("Corpora/principals/P01.txt")], codebook: codebook),
        project: temp.path("p.qda"), out: temp.path("out"))
    }
    #expect(String(describing: error).hasPrefix("\(wrong): not a valence model"), "\(error)")
    #expect(!FileManager.default.fileExists(atPath: temp.path("p.qda")))
  }

  @Test func aFailedRunLeavesNoProjectItCreatedAndTouchesNoFileItDidNotWrite() throws {
    let temp = try TemporaryFolder("failed-run")
    defer { withExtendedLifetime(temp) {} }
    // The report folder is a file already: the report cannot be written.
    let blocker = try temp.write("out", "someone's notes\n")
    #expect(throws: (any Error).self) {
      try Self.pipeline.analyze(
        IngestRequest(
          inputs: [Fixtures.repository("Corpora/principals/P01.txt")], codebook: Fixtures.repository("Codebooks/chat.yaml")),
        project: temp.path("new.qda"), out: blocker)
    }
    #expect(!FileManager.default.fileExists(atPath: temp.path("new.qda")))
    #expect(try String(contentsOfFile: blocker, encoding: .utf8) == "someone's notes\n")
    // A project that was there stays, with what the run stored.
    _ = try Self.pipeline.ingest(
      IngestRequest(inputs: [Fixtures.repository("Corpora/principals/P01.txt")], codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("old.qda"))
    #expect(throws: (any Error).self) {
      try Self.pipeline.analyze(
        IngestRequest(
          inputs: [Fixtures.repository("Corpora/principals/P02.txt")], codebook: Fixtures.repository("Codebooks/chat.yaml")),
        project: temp.path("old.qda"), out: blocker)
    }
    #expect(FileManager.default.fileExists(atPath: temp.path("old.qda")))
  }
}
