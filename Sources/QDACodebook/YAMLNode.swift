import QDAModel
import Yams

/// A YAML node with its place in the file, and readers that fail with `file:line:column`.
struct YAMLNode {
  let node: Node
  let file: String

  var isScalar: Bool {
    if case .scalar = node { return true }
    return false
  }

  var location: InputLocation {
    InputLocation(file: file, line: node.mark?.line, column: node.mark?.column)
  }

  /// Parses a whole YAML document.
  static func parse(_ text: String, file: String) throws -> YAMLNode {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw CodebookError(
          InputLocation(file: file, line: 1, column: 1), .syntax, "the file is empty")
      }
      return YAMLNode(node: node, file: file)
    } catch let error as YamlError {
      throw CodebookError(error, file: file)
    }
  }

  func error(_ reason: CodebookError.Reason, _ message: String) -> CodebookError {
    CodebookError(location, reason, message)
  }

  /// The node as text; numbers and booleans are read as written.
  func string(_ what: String) throws -> String {
    guard case .scalar(let scalar) = node else {
      throw error(.invalidValue, "\(what) must be text, not \(kind)")
    }
    return scalar.string
  }

  /// The node as a positive integer.
  func positiveInt(_ what: String) throws -> Int {
    let text = try string(what)
    guard let value = Int(text), value > 0 else {
      throw error(.invalidValue, "\(what) must be a positive whole number, not '\(text)'")
    }
    return value
  }

  /// A list of texts; a single text counts as a list of one.
  func strings(_ what: String) throws -> [String] {
    switch node {
    case .scalar(let scalar):
      return scalar.string.isEmpty ? [] : [scalar.string]
    case .sequence(let sequence):
      return try sequence.map { try YAMLNode(node: $0, file: file).string("each item of \(what)") }
    default:
      throw error(.invalidValue, "\(what) must be a list of texts")
    }
  }

  func sequence(_ what: String) throws -> [YAMLNode] {
    guard case .sequence(let sequence) = node else {
      throw error(.invalidValue, "\(what) must be a list")
    }
    return sequence.map { YAMLNode(node: $0, file: file) }
  }

  /// The node as a mapping whose keys are all among `allowed`.
  func mapping(_ what: String, allowed: [String]) throws -> YAMLMapping {
    guard case .mapping(let mapping) = node else {
      throw error(.invalidValue, "\(what) must be a mapping of keys to values, not \(kind)")
    }
    var entries: [(String, YAMLNode, YAMLNode)] = []
    for (key, value) in mapping {
      let keyNode = YAMLNode(node: key, file: file)
      let name = try keyNode.string("a key")
      guard allowed.contains(name) else {
        var message = "unknown key '\(name)' in \(what)"
        if let suggestion = closest(name, among: allowed) {
          message += " (did you mean '\(suggestion)'?)"
        }
        message += "; expected one of: " + allowed.joined(separator: ", ")
        throw keyNode.error(.unknownKey, message)
      }
      entries.append((name, keyNode, YAMLNode(node: value, file: file)))
    }
    return YAMLMapping(entries: entries, owner: self, what: what)
  }

  /// The keys of a mapping node, whatever they are.
  func keys() -> [String] {
    guard case .mapping(let mapping) = node else { return [] }
    return mapping.compactMap { key, _ in
      if case .scalar(let scalar) = key { return scalar.string }
      return nil
    }
  }

  private var kind: String {
    switch node {
    case .scalar: "text"
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}

/// The entries of a YAML mapping, looked up by key.
struct YAMLMapping {
  let entries: [(String, YAMLNode, YAMLNode)]
  let owner: YAMLNode
  let what: String

  subscript(key: String) -> YAMLNode? {
    entries.first { $0.0 == key }?.2
  }

  func required(_ key: String) throws -> YAMLNode {
    guard let value = self[key] else {
      throw owner.error(.missingKey, "\(what) has no '\(key)'")
    }
    return value
  }

  func string(_ key: String) throws -> String? {
    try self[key]?.string("'\(key)'")
  }

  func strings(_ key: String) throws -> [String] {
    try self[key]?.strings("'\(key)'") ?? []
  }
}

extension CodebookError {
  /// Converts a Yams error into `file:line:column: message`.
  init(_ error: YamlError, file: String) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = problem
      if let context {
        message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
      self.init(InputLocation(file: file, line: mark.line, column: mark.column), .syntax, message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      self.init(
        InputLocation(file: file, line: context.mark.line, column: context.mark.column), .duplicate,
        "the mapping repeats the key(s) " + duplicates.map { "'\($0)'" }.joined(separator: ", "))
    case .reader(let problem, _, _, _):
      self.init(InputLocation(file: file), .syntax, problem)
    default:
      self.init(InputLocation(file: file), .syntax, "\(error)")
    }
  }
}

/// The allowed word nearest to a misspelt one (edit distance at most two).
func closest(_ word: String, among candidates: [String]) -> String? {
  func distance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
  let scored = candidates.map { ($0, distance(Array(word), Array($0))) }.min { $0.1 < $1.1 }
  guard let best = scored, best.1 <= 2 else { return nil }
  return best.0
}
