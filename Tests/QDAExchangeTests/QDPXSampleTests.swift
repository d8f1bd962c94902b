import Foundation
import QDAExchange
import QDAXML
import Testing
import _QDATestSupport

/// Every sample in `../shared/refi-qda/samples/` read with exact counts of what is kept and what
/// is reported as left out.
@Suite struct QDPXSampleTests {
  static let schema = Result { try XMLSchema(bytes: try Fixtures.bytes(Fixtures.shared("refi-qda/schema/Project.xsd")), file: Fixtures.shared("refi-qda/schema/Project.xsd")) }
  static func read(_ name: String) throws -> (REFIProject, REFIImportReport) {
    try QDPXPackage.read(path: Fixtures.shared("refi-qda/samples/" + name), schema: try schema.get())
  }

  @Test func handAuthoredFolderKeepsCodesCasesVariablesAndOverlappingSelections() throws {
    let (project, report) = try Self.read("qdpx-toolkit-hand-authored")
    #expect(project.name == "Sample Study")
    #expect(project.users.map(\.name) == ["Researcher A"])
    #expect(project.codes.map(\.name) == ["Topics", "Health", "Diet", "Wellbeing"])
    #expect(project.codes.map(\.isCodable) == [false, true, true, true])
    #expect(project.codes[2].parentGUID == project.codes[1].guid)
    #expect(project.codes[1].description == "Anything about physical or mental health")
    #expect(project.variables.map(\.name) == ["Age", "Consented"])
    #expect(project.cases.count == 1)
    #expect(project.cases[0].values.map(\.text) == ["34", "true"])
    #expect(project.sources.count == 1)
    let source = project.sources[0]
    #expect(source.text == "Diet and health are closely linked in this interview.")
    #expect(source.selections.map { [$0.start, $0.end] } == [[0, 15], [9, 23]])
    #expect(source.selections.flatMap(\.codings).count == 2)
    #expect(project.notes.count == 1)
    // Left out and said so: media and PDF sources, links, sets, graphs, case code and selection refs.
    #expect(report.dropped["PictureSource"]?.count == 1)
    #expect(report.dropped["PDFSource"]?.count == 1)
    #expect(report.dropped["AudioSource"]?.count == 1)
    #expect(report.dropped["VideoSource"]?.count == 1)
    #expect(report.dropped["Case/CodeRef"]?.count == 1)
    #expect(report.dropped["Case/SelectionRef"]?.count == 1)
    #expect(report.dropped.keys.contains("Link"))
    #expect(!report.warnings.contains { $0.hasPrefix("schema:") })
  }

  @Test func qcDemoIsReadDespiteItsNonConformantPaths() throws {
    let (project, report) = try Self.read("qc-1.3.2-demo-nonconformant.qdpx")
    #expect(project.codes.count == 262)
    #expect(project.sources.count == 2)
    #expect(project.sources.flatMap(\.selections).count == 158)
    #expect(project.sources.flatMap(\.selections).flatMap(\.codings).count == 205)
    #expect(report.warnings.filter { $0.contains("is not an internal:// path") }.count == 2)
    #expect(report.dropped.isEmpty)
    // Positions are code points, checked against the text: each selection lies within its source.
    for source in project.sources {
      let length = source.text.unicodeScalars.count
      #expect(source.selections.allSatisfy { 0 <= $0.start && $0.start <= $0.end && $0.end <= length })
    }
  }

  @Test func nvivoExportKeepsItsCodebookAndEmptyTexts() throws {
    let (project, report) = try Self.read("nvivo-mac-15.0-export.qdpx")
    #expect(project.origin == "NVivo for Mac 15.0.0")
    #expect(project.codes.count == 262)
    #expect(project.sources.count == 2)
    #expect(project.sources.allSatisfy { $0.text == "\n" })  // NVivo lost the text; so do we
    #expect(project.users.count == 2)
    #expect(report.dropped.isEmpty)
  }

  @Test func atlasExportsWithoutSources() throws {
    let (blank, blankReport) = try Self.read("atlasti-23.2-win-blank-project.qdpx")
    #expect(blank.users.count == 2 && blank.codes.isEmpty && blank.sources.isEmpty)
    #expect(blankReport.dropped.isEmpty)
    let (target, _) = try Self.read("atlasti-23.2-win-target-project.qdpx")
    #expect(target.codes.count == 3)
    #expect(target.codes.filter { $0.parentGUID != nil }.count == 2)
  }

  @Test func atlasStandardProjectReportsEveryMissingText() throws {
    let (project, report) = try Self.read("atlasti-8.4-mac-standard-project.qde")
    #expect(project.codes.count == 14)
    #expect(project.users.count == 3)
    #expect(project.notes.count == 2)
    // Only the .qde was published: the six text sources' files are missing, and say so.
    #expect(project.sources.isEmpty)
    #expect(report.dropped["TextSource without its text"]?.count == 6)
    #expect(report.dropped["PDFSource"]?.count == 2)
    #expect(report.dropped["VideoSource"]?.count == 2)
    #expect(report.dropped["Set"]?.count == 16)
  }

  /// A folder project's symbolic links are refused, never followed: a source linked to a file
  /// outside the folder was imported with that file's text (issue 32 item 6).
  @Test func aFolderProjectsLinksAreRefusedNotFollowed() throws {
    let outside = try TemporaryFolder("outside")
    let secret = try outside.write("secret.txt", "SECRET: not part of any project")
    let folder = try TemporaryFolder("linked-project")
    let sample = Fixtures.shared("refi-qda/samples/qdpx-toolkit-hand-authored")
    try FileManager.default.copyItem(atPath: sample + "/project.qde", toPath: folder.path("project.qde"))
    try FileManager.default.createDirectory(atPath: folder.path("sources"), withIntermediateDirectories: true)
    let source = "sources/11111111-1111-1111-1111-111111111111.txt"
    try FileManager.default.createSymbolicLink(atPath: folder.path(source), withDestinationPath: secret)
    try FileManager.default.createSymbolicLink(atPath: folder.path("more"), withDestinationPath: outside.path)
    let (project, report) = try QDPXPackage.read(path: folder.path)
    #expect(!project.sources.contains { $0.text.contains("SECRET") })
    #expect(report.warnings.contains("\(folder.path): entry '\(source)' refused (a symbolic link)"))
    #expect(report.warnings.contains("\(folder.path): entry 'more' refused (a symbolic link)"))
  }
}
