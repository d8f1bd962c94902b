import Foundation
import QDAAnalysis
import QDAExchange
import QDAModel
import QDAPipeline
import QDAXML
import Testing
import _QDATestSupport

/// The sample project through REFI-QDA: exported, validated against the official schema,
/// imported into a new project and exported again, the same project comes out.
@Suite struct ExchangeRoundTripTests {
  static let schema = Result { try XMLSchema(bytes: try Fixtures.bytes(Fixtures.shared("refi-qda/schema/Project.xsd")), file: Fixtures.shared("refi-qda/schema/Project.xsd")) }

  @Test func theSampleProjectRoundTripsThroughQDPX() throws {
    let temp = try TemporaryFolder("exchange")
    let folder = Fixtures.repository("Corpora/principals")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    try FileManager.default.createDirectory(atPath: temp.path("a"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: temp.path("b"), withIntermediateDirectories: true)
    let first = temp.path("a/principals.qda")
    _ = try pipeline.analyze(
      IngestRequest(
        inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
        codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: first, out: temp.path("a/report"))
    let passage = try #require(try pipeline.listPassages(project: first, document: "P05.txt").first { $0.passage.role == .participant })
    _ = try pipeline.addCoding(
      project: first, code: "community", coder: "maria", target: CodingTarget(passageID: passage.passage.id),
      memo: "Mentions her network — check with Jo")

    let exported = temp.path("a/principals.qdpx")
    let issues = try pipeline.exportQDPX(project: first, to: exported, schema: try Self.schema.get())
    #expect(issues == [])
    let (refi, report) = try QDPXPackage.read(path: exported, schema: try Self.schema.get())
    #expect(report.warnings == [])
    #expect(report.dropped.isEmpty)
    let original = try pipeline.snapshot(project: first)
    #expect(refi.sources.count == original.documents.count)
    #expect(refi.cases.count == original.participants.count)  // P12 too, without a source
    #expect(refi.variables.map(\.name) == original.attributes.map(\.name))
    #expect(refi.sources.flatMap(\.selections).flatMap(\.codings).count == original.codings.count)
    // Survey answers are coded by the rules, interviews by the learned coder.
    #expect(refi.users.map(\.name) == ["auto", "maria", "model"])
    let contradictions = try pipeline.contradictions(project: first)
    #expect(refi.notes.filter { $0.name?.hasPrefix("Contradiction:") == true }.count == contradictions.count)
    #expect(refi.notes.contains { $0.text == "Mentions her network — check with Jo" })

    let second = temp.path("b/principals.qda")
    let summary = try pipeline.importQDPX(project: second, from: exported, schema: try Self.schema.get())
    #expect(summary.losses == [])
    #expect(summary.sources == original.documents.count)
    #expect(summary.codings == original.codings.count)
    #expect(summary.contradictions == contradictions.count)
    let reimported = try pipeline.snapshot(project: second)
    #expect(reimported.passages.map(\.text) == original.passages.map(\.text))
    #expect(reimported.participants == original.participants)

    let again = temp.path("b/principals.qdpx")
    #expect(try pipeline.exportQDPX(project: second, to: again, schema: try Self.schema.get()) == [])
    let (refiAgain, _) = try QDPXPackage.read(path: again)
    #expect(Self.canonical(refiAgain) == Self.canonical(refi))
  }

  /// The project with GUIDs replaced by the order they first appear in, so two exports compare
  /// by content (code ids, and hence GUIDs, are renamed on import into an empty project).
  static func canonical(_ project: REFIProject) -> String {
    let text = QDEWriter.project(project) + project.sources.map(\.text).joined(separator: "\u{0}")
    var names: [String: String] = [:]
    var result = ""
    var rest = Substring(text)
    let pattern = /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/
    while let match = rest.firstMatch(of: pattern) {
      result += rest[..<match.range.lowerBound]
      let guid = String(match.output)
      if names[guid] == nil { names[guid] = "G\(names.count)" }
      result += names[guid]!
      rest = rest[match.range.upperBound...]
    }
    return result + rest
  }
  @Test func aSourceWithoutTextIsSkippedAndTheCodebookKept() throws {
    // NVivo for Mac exported both sources without their text; the whole import used to fail
    // on the first, and the 262-code codebook was lost with it.
    let temp = try TemporaryFolder("nvivo")
    let summary = try Pipeline().importQDPX(
      project: temp.path("n.qda"), from: Fixtures.shared("refi-qda/samples/nvivo-mac-15.0-export.qdpx"))
    #expect(summary.codes == 262)
    #expect(summary.sources == 0)
    #expect(summary.losses.filter { $0.hasPrefix("source '") && $0.contains("was not imported (no speech found") }.count == 2)
    #expect(try Pipeline().snapshot(project: temp.path("n.qda")).codebook.codes.count == 262)
  }

  @Test func codingsStoredOnFewerWordsThanTheirSelectionAreReported() throws {
    // 22 of the QualCoder demo's 205 codings run over a line break between passages.
    let temp = try TemporaryFolder("qualcoder")
    let summary = try Pipeline().importQDPX(
      project: temp.path("q.qda"), from: Fixtures.shared("refi-qda/samples/qc-1.3.2-demo-nonconformant.qdpx"))
    #expect(summary.codings == 205)
    #expect(summary.narrowed.count == 1)
    #expect(summary.narrowed.first?.hasPrefix("board_2017.txt: 22 codings were stored on the passages' words only") == true)
    #expect(summary.narrowed.first?.hasSuffix("(the first: 1752–1766 as 1752–1764)") == true)
  }
  @Test func codeIDsSurviveAnExportAndAnImportIntoANewProject() throws {
    // 17 of the CHAT codebook's 28 ids came back renamed from their names
    // ("object.design_and_appeal_of_the_approach").
    let temp = try TemporaryFolder("ids")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    _ = try pipeline.ingest(
      IngestRequest(
        inputs: [Fixtures.repository("Corpora/principals/P01.txt")], codebook: Fixtures.repository("Codebooks/chat.yaml")),
      project: temp.path("a.qda"))
    _ = try pipeline.exportQDPX(project: temp.path("a.qda"), to: temp.path("a.qdpx"))
    _ = try pipeline.importQDPX(project: temp.path("b.qda"), from: temp.path("a.qdpx"))
    let before = try pipeline.snapshot(project: temp.path("a.qda")).codebook.codes.map(\.id)
    let after = try pipeline.snapshot(project: temp.path("b.qda")).codebook.codes.map(\.id)
    #expect(before.count == 28)
    #expect(after == before)
  }
  /// Codes imported from NVivo and ATLAS.ti go back out under the GUIDs those tools gave them
  /// (QDAKit gave every code a new GUID derived from its id, so the tool saw 262 new codes), and
  /// codings still point at them; a project imported again matches its codes by those GUIDs.
  @Test(arguments: ["nvivo-mac-15.0-export.qdpx", "atlasti-23.2-win-target-project.qdpx"])
  func anotherToolsCodeGUIDsSurviveARoundTrip(sample: String) throws {
    let temp = try TemporaryFolder("guids")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)
    let input = Fixtures.shared("refi-qda/samples/" + sample)
    let (original, _) = try QDPXPackage.read(path: input)
    _ = try pipeline.importQDPX(project: temp.path("a.qda"), from: input)
    _ = try pipeline.exportQDPX(project: temp.path("a.qda"), to: temp.path("a.qdpx"))
    let (exported, _) = try QDPXPackage.read(path: temp.path("a.qdpx"))
    #expect(!original.codes.isEmpty)
    #expect(exported.codes.map(\.guid) == original.codes.map(\.guid))
    #expect(exported.codes.map(\.parentGUID) == original.codes.map(\.parentGUID))
    let codes = Set(exported.codes.map(\.guid))
    let codings = exported.sources.flatMap(\.selections).flatMap(\.codings)
    #expect(codings.allSatisfy { codes.contains($0.codeGUID) })
    // Into a project with that codebook, the export's codes are found by GUID.
    let summary = try pipeline.importQDPX(project: temp.path("a.qda"), from: temp.path("a.qdpx"))
    #expect(summary.losses.filter { $0.contains("code") && !$0.hasPrefix("source '") } == [])
  }

  @Test func aCodeMarkedNotCodableStaysSoThroughImportAndExport() throws {
    // The hand-authored REFI project's "Topics" only groups other codes (isCodable="false");
    // QDAKit exported it as codable.
    let temp = try TemporaryFolder("codable")
    let pipeline = Pipeline(sentenceModel: .off)
    _ = try pipeline.importQDPX(
      project: temp.path("h.qda"), from: Fixtures.shared("refi-qda/samples/qdpx-toolkit-hand-authored"))
    let codebook = try pipeline.snapshot(project: temp.path("h.qda")).codebook
    #expect(codebook.codes.filter { $0.isCodable == false }.map(\.name) == ["Topics"])
    _ = try pipeline.exportQDPX(project: temp.path("h.qda"), to: temp.path("h.qdpx"))
    let (refi, _) = try QDPXPackage.read(path: temp.path("h.qdpx"))
    #expect(refi.codes.filter { !$0.isCodable }.map(\.name) == ["Topics"])
    #expect(refi.codes.count == codebook.codes.count)
  }
}
