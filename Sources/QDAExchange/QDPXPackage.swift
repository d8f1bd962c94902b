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
  public static func read(path: String, schema: XMLSchema? = nil) throws -> (REFIProject, REFIImportReport) {
    let container = try Container(path: path)
    let qdeName = try container.projectFile()
    let document = try XMLDocument(bytes: try container.read(qdeName), file: container.label(qdeName))
    var validation: [String] = []
    if let schema {
      validation = schema.validate(document).map { "schema: " + $0.description }
    }
    var (project, report) = try QDEReader().read(document) { path in
      container.text(at: path)
    }
    report.warnings = validation + report.warnings
    for unsafe in container.unsafeEntries { report.warnings.append("\(path): entry '\(unsafe.name)' refused (\(unsafe.reason))") }
    _ = project
    return (project, report)
  }

  /// Writes a project as a `.qdpx`; every text source must have its `plainTextFile`.
  ///
  /// - Returns: the schema violations (empty when valid or when no schema was given). The file
  ///   is written only when there are none.
  @discardableResult
  public static func write(_ project: REFIProject, to path: String, schema: XMLSchema? = nil) throws -> [XMLError] {
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

/// The files of a project: a ZIP, a folder, or a lone `.qde`.
private struct Container {
  let path: String
  private let zip: ZipReader?
  private let names: [String]
  /// A folder project's symbolic links: never followed (a linked source read `/etc/passwd`).
  private var links: [String] = []

  init(path: String) throws {
    self.path = path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ArchiveError(file: path, reason: .unreadable, message: "no such file")
    }
    if isFolder.boolValue {
      zip = nil
      var found: [String] = []
      var links: [String] = []
      // Entries are looked at, not followed: a link (to a file or a folder) is listed as refused,
      // and the walk does not go into linked folders.
      if let walker = FileManager.default.enumerator(atPath: path) {
        for case let relative as String in walker {
          let type = walker.fileAttributes?[.type] as? FileAttributeType
          if type == .typeSymbolicLink {
            links.append(relative)
          } else if type == .typeRegular {
            found.append(relative)
          }
        }
      }
      names = found.sorted()
      self.links = links.sorted()
    } else if path.lowercased().hasSuffix(".qde") {
      zip = nil
      names = [(path as NSString).lastPathComponent]
    } else {
      let reader = try ZipReader(path: path)
      zip = reader
      names = reader.entryNames
    }
  }

  /// Entries refused, with the reason.
  var unsafeEntries: [(name: String, reason: String)] { zip?.unsafeEntries ?? links.map { ($0, "a symbolic link") } }

  func label(_ name: String) -> String {
    path.lowercased().hasSuffix(".qde") ? path : path + "#" + name
  }

  /// `project.qde`, or the only `.qde` at the top.
  func projectFile() throws -> String {
    if let exact = names.first(where: { $0.lowercased() == "project.qde" }) { return exact }
    let candidates = names.filter { !$0.contains("/") && $0.lowercased().hasSuffix(".qde") }
    guard candidates.count == 1 else {
      throw ArchiveError(
        file: path, reason: .missingEntry,
        message: candidates.isEmpty ? "no project.qde inside: not a REFI-QDA project" : "several .qde files inside (\(candidates.joined(separator: ", "))); expected one")
    }
    return candidates[0]
  }

  func read(_ name: String) throws -> [UInt8] {
    if let zip { return try zip.read(name) }
    let file = path.lowercased().hasSuffix(".qde") ? path : URL(fileURLWithPath: path).appendingPathComponent(name).path
    if !path.lowercased().hasSuffix(".qde") {
      // Only a regular file found inside the folder is read, and only where it resolves inside
      // it (a folder on the way may have been swapped for a link since the walk).
      let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path + "/"
      guard names.contains(name), URL(fileURLWithPath: file).resolvingSymlinksInPath().path.hasPrefix(root) else {
        throw ArchiveError(file: file, reason: .unsafePath, message: "refused: not a file inside the project folder")
      }
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw ArchiveError(file: file, reason: .unreadable, message: "cannot read the file")
    }
    return [UInt8](data)
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
    let entry = names.first { $0.lowercased() == "sources/" + lowered }
      ?? names.first { ($0.lowercased() as NSString).lastPathComponent == lowered }
    guard let entry, let bytes = try? read(entry) else { return nil }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard let text = String(validating: body, as: UTF8.self) else {
      return (String(decoding: body, as: UTF8.self), "text file '\(entry)' is not valid UTF-8; undecodable bytes replaced")
    }
    return (text, warning)
  }
}
