import Foundation

/// The files of a package that may come zipped, unzipped or as its one file: a ZIP, a folder
/// (walked once; symbolic links listed as refused, never followed), or a lone file (`.qde`).
/// What a REFI-QDA project needs of it (`project.qde`, `sources/`) is `QDAExchange`'s; this
/// is the file system's part.
public struct PackageFiles {
  /// The package's path.
  public let path: String
  private let zip: ZipReader?
  /// Every regular file inside (paths relative to the package), sorted; the lone file's name.
  public let names: [String]
  /// A folder package's symbolic links: never followed (a linked source read `/etc/passwd`).
  private var links: [String] = []
  /// The extension that marks a lone file rather than a ZIP (lowercased, with its dot).
  private let loneFileSuffix: String

  /// Opens a package.
  ///
  /// - Parameter loneFileSuffix: a path ending so (`.qde`) is the package's one file.
  public init(path: String, loneFileSuffix: String) throws {
    self.path = path
    self.loneFileSuffix = loneFileSuffix.lowercased()
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
    } else if path.lowercased().hasSuffix(self.loneFileSuffix) {
      zip = nil
      names = [(path as NSString).lastPathComponent]
    } else {
      let reader = try ZipReader(path: path)
      zip = reader
      names = reader.entryNames
    }
  }

  private var isLoneFile: Bool { path.lowercased().hasSuffix(loneFileSuffix) }

  /// Entries refused, with the reason.
  public var unsafeEntries: [(name: String, reason: String)] {
    zip?.unsafeEntries ?? links.map { ($0, "a symbolic link") }
  }

  /// How an entry is named in messages: `package#entry`, or the lone file's path.
  public func label(_ name: String) -> String {
    isLoneFile ? path : path + "#" + name
  }

  /// An entry's bytes. In a folder only a regular file found by the walk is read, and only
  /// where it still resolves inside the folder.
  public func read(_ name: String) throws -> [UInt8] {
    if let zip { return try zip.read(name) }
    let file = isLoneFile ? path : URL(fileURLWithPath: path).appendingPathComponent(name).path
    if !isLoneFile {
      // A folder on the way may have been swapped for a link since the walk.
      let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path + "/"
      guard names.contains(name),
        URL(fileURLWithPath: file).resolvingSymlinksInPath().path.hasPrefix(root)
      else {
        throw ArchiveError(
          file: file, reason: .unsafePath, message: "refused: not a file inside the project folder")
      }
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw ArchiveError(file: file, reason: .unreadable, message: "cannot read the file")
    }
    return [UInt8](data)
  }
}
