import Foundation
import QDAIngest

/// A file to ingest and its key in the project.
public struct InputFile: Sendable, Hashable {
  /// The path to read.
  public var path: String
  /// The document's identity in the project: the path relative to the folder given on the
  /// command line, or the file name for a file given directly.
  public var key: String
}

/// Expands files and folders given on the command line into the transcripts to read.
enum InputFiles {
  /// Files inside folders are taken when their extension is a transcript's; names starting
  /// with `.` are skipped. Files named directly are always taken (a wrong format is reported
  /// when it is read).
  ///
  /// - Parameter excluding: paths not to take from folders (the attributes and protocol files).
  static func expand(_ paths: [String], excluding: Set<String> = []) throws -> [InputFile] {
    let fileManager = FileManager.default
    let excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    var files: [InputFile] = []
    var seen = Set<String>()
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw PipelineError(.missingInput, "\(path): no such file or folder")
      }
      if isDirectory.boolValue {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        guard
          let enumerator = fileManager.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { continue }
        var found: [InputFile] = []
        for case let url as URL in enumerator {
          let standardized = url.standardizedFileURL
          guard
            (try? standardized.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
            !excluded.contains(standardized.path),
            DocumentImporter.format(forPath: standardized.path) != nil
              || isRecognizedSurvey(standardized.path)
          else { continue }
          let relative = String(standardized.path.dropFirst(root.path.count).drop { $0 == "/" })
          let shown = (path as NSString).appendingPathComponent(relative)
          found.append(InputFile(path: shown, key: relative))
        }
        for file in found.sorted(by: { $0.key < $1.key }) where seen.insert(file.key).inserted {
          files.append(file)
        }
      } else {
        let key = (path as NSString).lastPathComponent
        if seen.insert(key).inserted { files.append(InputFile(path: path, key: key)) }
      }
    }
    return files
  }

  /// Whether a path is read as a survey export: by its extension (`.csv`, `.tsv`, `.xlsx`).
  static func isSurvey(_ path: String) -> Bool {
    SurveyReader.extensions.contains((path as NSString).pathExtension.lowercased())
  }

  /// A table in a folder is taken as a survey only when a survey tool's header is recognised,
  /// so other CSV files beside the transcripts (notes, codings) are left alone.
  static func isRecognizedSurvey(_ path: String) -> Bool {
    guard isSurvey(path), let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
    if (path as NSString).pathExtension.lowercased() == "xlsx" {
      guard let bytes = FileManager.default.contents(atPath: path) else { return false }
      return SurveyReader.recognizes(bytes: [UInt8](bytes), file: path)
    }
    return SurveyReader.recognizes(bytes: Self.completeLines([UInt8](head)), file: path)
  }

  /// The bytes up to the last line break, so a record cut in the middle does not break parsing.
  static func completeLines(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count == 64 * 1024, let last = bytes.lastIndex(of: 0x0A) else { return bytes }
    return Array(bytes[...last])
  }
}
