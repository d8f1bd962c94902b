import Foundation
import QDAArchive
public import QDAXML

/// A `.qdpx` file: a ZIP holding `project.qde` and a `sources/` folder of plain-text files.
///
/// Reading accepts what vendors write (NOTES.md §2): the `.qde` found case-insensitively (or the
/// one `*.qde` ATLAS.ti 26 names after the project), `Sources/` or `sources/`, `internal://`
/// paths or bare file names, a UTF-8 byte-order mark in the texts; an unzipped project folder
/// or a bare `.qde` file too. Writing produces exactly `project.qde` and
/// `sources/<GUID>.txt` (UTF-8, LF, no BOM), validated against `Project.xsd` when a schema is
/// given, and appears on disk only when complete.
public enum QDPXPackage {
  /// Reads a project from a `.qdpx`, an unzipped project folder, or a `.qde`.
  ///
  /// - Parameter schema: when given, `project.qde` is validated and each violation reported as
  ///   a warning (`file:line: message`): vendors' files are often slightly invalid, and what can
  ///   be read is still read.
  public static func read(path: String, schema: XMLSchema? = nil) throws -> (
    REFIProject, REFIImportReport
  ) {
    let container = try PackageFiles(path: path, loneFileSuffix: ".qde")
    let qdeName = try container.projectFile()
    let document = try XMLDocument(
      bytes: try container.read(qdeName), file: container.label(qdeName))
    var validation: [String] = []
    if let schema {
      validation = schema.validate(document).map { "schema: " + $0.description }
    }
    var (project, report) = try QDEReader().read(document) { path in
      container.text(at: path)
    }
    report.warnings = validation + report.warnings
    for unsafe in container.unsafeEntries {
      report.warnings.append("\(path): entry '\(unsafe.name)' refused (\(unsafe.reason))")
    }
    _ = project
    return (project, report)
  }

  /// Writes a project as a `.qdpx`; every text source must have its `plainTextFile`.
  ///
  /// - Returns: the schema violations (empty when valid or when no schema was given). The file
  ///   is written only when there are none.
  @discardableResult
  public static func write(_ project: REFIProject, to path: String, schema: XMLSchema? = nil) throws
    -> [XMLError]
  {
    let qde = QDEWriter.project(project)
    if let schema {
      let issues = schema.validate(try XMLDocument(string: qde, file: "project.qde"))
      if !issues.isEmpty { return issues }
    }
    let writer = try ZipWriter(path: path)
    do {
      try writer.add("project.qde", bytes: Array(qde.utf8))
      for source in project.sources {
        guard let file = source.plainTextFile else { continue }
        try writer.add("sources/" + file, bytes: Array(source.text.utf8))
      }
      try writer.finish()
    } catch {
      writer.abandon()
      throw error
    }
    return []
  }
}

/// What a REFI-QDA project needs of its package's files.
extension PackageFiles {
  /// `project.qde`, or the only `.qde` at the top.
  func projectFile() throws -> String {
    if let exact = names.first(where: { $0.lowercased() == "project.qde" }) { return exact }
    let candidates = names.filter { !$0.contains("/") && $0.lowercased().hasSuffix(".qde") }
    guard candidates.count == 1 else {
      throw ArchiveError(
        file: path, reason: .missingEntry,
        message: candidates.isEmpty
          ? "no project.qde inside: not a REFI-QDA project"
          : "several .qde files inside (\(candidates.joined(separator: ", "))); expected one")
    }
    return candidates[0]
  }

  /// A source's text from its path attribute, with a warning for irregular paths.
  func text(at reference: String) -> (text: String, warning: String?)? {
    var warning: String?
    var fileName: String
    if reference.hasPrefix("internal://") {
      fileName = String(reference.dropFirst("internal://".count))
    } else if reference.hasPrefix("relative://") || reference.hasPrefix("absolute://") {
      return nil  // external files are not read from outside the project
    } else {
      warning = "path '\(reference)' is not an internal:// path (read as a file inside the project)"
      fileName = reference
    }
    while fileName.hasPrefix("/") { fileName.removeFirst() }
    let lowered = fileName.lowercased()
    let entry =
      names.first { $0.lowercased() == "sources/" + lowered }
      ?? names.first { ($0.lowercased() as NSString).lastPathComponent == lowered }
    guard let entry, let bytes = try? read(entry) else { return nil }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard let text = String(validating: body, as: UTF8.self) else {
      return (
        String(decoding: body, as: UTF8.self),
        "text file '\(entry)' is not valid UTF-8; undecodable bytes replaced"
      )
    }
    return (text, warning)
  }
}
