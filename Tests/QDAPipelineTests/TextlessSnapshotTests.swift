import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAPipeline
import QDAReport
import _QDATestSupport

/// A snapshot read without texts (as the report reads a study) reads each text from the project
/// when asked, and the tables and the brief made from it are those made with every text held.
@Suite struct TextlessSnapshotTests {
  @Test func tablesAndBriefWithoutTextsAreThoseWithThem() throws {
    let temp = try TemporaryFolder("textless")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    _ = try pipeline.ingest(.samplePrincipals, project: temp.path("p.qda"))
    let whole = try pipeline.snapshot(project: temp.path("p.qda"))
    let bare = try pipeline.snapshot(project: temp.path("p.qda"), texts: false)

    #expect(whole.passages.keepsTexts && !bare.passages.keepsTexts)
    #expect(bare.passages.count == whole.passages.count && bare.passages.count > 100)
    #expect(bare.passages.allSatisfy { $0.text.isEmpty })
    #expect(bare.documents.allSatisfy { $0.text.isEmpty })
    // Every text, one at a time and all together, is the stored one.
    #expect(bare.passages.map { bare.text(of: $0) } == whole.passages.map(\.text))
    #expect(bare.texts(of: Array(bare.passages)) == whole.passages.map(\.text))
    #expect(bare.codings == whole.codings)
    // A passage the project does not hold has no text.
    #expect(bare.textSource?.texts(ofPassages: [999_999]) == [nil])

    #expect(Analysis(bare).tables == Analysis(whole).tables)
    let briefs = [bare, whole].map { MarkdownRenderer().render(BriefBuilder(corpus: $0, analysis: Analysis($0)).build()) }
    #expect(briefs[0] == briefs[1])
    #expect(briefs[0].contains("“"))
  }
}
