public import Foundation

/// Where a fuzz target's first inputs come from: real files from other tools and from the
/// repository (`../shared/formats`, `../shared/refi-qda/samples`, the codebooks, protocols and
/// test fixtures), each fed as the target reads it, and for the query target lines a user types.
public enum FuzzSeeds {
  /// Folders searched for seed files, relative to the package root.
  static let folders = [
    "../shared/formats", "../shared/refi-qda/samples", "Codebooks", "Corpora/principals", "Tests/Fixtures",
  ]

  /// Files larger than this are left out: libFuzzer mutates small inputs best.
  static let largestFile = 1 << 20

  /// Typed lines for the query target: questions in plain words, the expert syntax, filters.
  static let typedLines = [
    "what did non-completers say about time?", "principal's role in the playbook", "\"time commitment\" NEAR/5 deadline",
    "coach* AND (hours OR weeks) NOT stipend", "school_level=high school", "years_experience>=10", "completed!=yes",
    "element:tools AND code:tools.platform", "self-paced, or cohort-based?", "«quoted» – dash … ellipsis",
  ]

  /// Each seed for `target`: a name (the file's path) and the bytes the target is given.
  public static func inputs(for target: FuzzTarget, packageRoot: URL) -> [(name: String, bytes: [UInt8])] {
    if target == .query { return typedLines.map { ($0, Array($0.utf8)) } }
    var inputs: [(name: String, bytes: [UInt8])] = []
    for folder in folders {
      let root = packageRoot.appendingPathComponent(folder).standardizedFileURL
      guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey]) else { continue }
      var files: [URL] = []
      for case let url as URL in walker {
        let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? nil
        if let size, size <= largestFile { files.append(url) }
      }
      for url in files.sorted(by: { $0.path < $1.path }) {
        guard let data = FileManager.default.contents(atPath: url.path),
          let bytes = target.input(forFile: url.lastPathComponent, bytes: Array(data))
        else { continue }
        inputs.append((url.path, bytes))
      }
    }
    return inputs
  }

  /// Writes the seeds of `target` into `folder`, one file each, named by their index and file
  /// name; returns how many.
  public static func write(for target: FuzzTarget, packageRoot: URL, into folder: URL) throws -> Int {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let seeds = inputs(for: target, packageRoot: packageRoot)
    for (index, seed) in seeds.enumerated() {
      let name = String(format: "seed-%03d-", index) + (seed.name as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
      try Data(seed.bytes).write(to: folder.appendingPathComponent(name))
    }
    return seeds.count
  }
}
