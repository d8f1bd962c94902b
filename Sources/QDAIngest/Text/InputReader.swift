import Foundation
public import QDAModel

/// Reads an input file's bytes, refusing what cannot be a transcript, codebook or table before
/// loading it: a folder, a device, or a file larger than ``maximumBytes``.
///
/// A 2 GB file with no line break is refused by its size alone, in constant time and memory.
public enum InputReader {
  /// The largest input file read: 512 MiB, far above any interview or survey export, well below
  /// what would exhaust memory once decoded.
  public static let maximumBytes = 512 * 1024 * 1024

  /// The file's bytes.
  ///
  /// - Throws: `IngestError` (`.unreadable`) naming the file and what is wrong with it.
  /// - Parameter what: what kind of input the maximum is for, in the message ("transcripts").
  public static func bytes(
    atPath path: String, maximum: Int = maximumBytes, what: String = "input files"
  ) throws -> [UInt8] {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw IngestError(
        InputLocation(file: path), .unreadable,
        "cannot read the file (it does not exist or is not readable)")
    }
    if let type = attributes[.type] as? FileAttributeType, type != .typeRegular,
      type != .typeSymbolicLink
    {
      throw IngestError(
        InputLocation(file: path), .unreadable,
        type == .typeDirectory ? "is a folder, not a file" : "is not a regular file")
    }
    if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximum {
      throw IngestError(
        InputLocation(file: path), .unreadable,
        "is \(describe(size)); QDAKit reads \(what) up to \(describe(maximum))")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw IngestError(InputLocation(file: path), .unreadable, "cannot read the file")
    }
    guard data.count <= maximum else {
      throw IngestError(
        InputLocation(file: path), .unreadable, "is larger than \(describe(maximum))")
    }
    return [UInt8](data)
  }

  static func describe(_ bytes: Int) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
  }
}
