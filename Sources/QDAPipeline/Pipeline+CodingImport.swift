import Foundation
public import QDAModel
import QDAIngest
import QDAStore

/// What `qda code import` did.
public struct CodingImportSummary: Sendable, Hashable {
  /// Codings stored, per coder.
  public var added: [String: Int] = [:]
  /// Rows that repeat a coding the project already has (same passage, code, coder and span).
  public var alreadyPresent = 0
  /// Rows whose quote matched only after folding quotes, dashes, spacing or case.
  public var looseQuotes: [String] = []
  /// The documents the codings went into.
  public var documents: Set<String> = []

  public init() {}

  /// Codings stored, all coders together.
  public var addedCount: Int { added.values.reduce(0, +) }
}

extension Pipeline {
  /// The columns a coding CSV has: `document`, `code`, `coder`, and `quote` or `start`/`end`;
  /// optionally `passage` (an id, instead of document and quote) and `memo`.
  public static let codingColumns = [
    "document", "quote", "start", "end", "passage", "code", "coder", "memo",
  ]

  /// Imports a second coder's work from a CSV file onto the project's passages, in one
  /// transaction: either every row is stored or none is.
  ///
  /// Each row names a document and locates the coded words by a quote (found as written, else
  /// with curly quotes, dashes, spacing and case folded; it may recur only inside one passage) or
  /// by `start`/`end` offsets in Unicode scalars. The code is a code id, a code's name, or the
  /// last part of an id when only one code ends so (`priorities`). Rows
  /// that repeat a coding already stored are counted, not duplicated, so re-importing a file is
  /// safe.
  ///
  /// - Parameters:
  ///   - path: the project file.
  ///   - csv: the CSV file.
  ///   - coder: the coder for rows without a `coder` column or cell.
  /// - Throws: `PipelineError` listing every bad row as `file:line: problem`.
  public func importCodings(project path: String, csv: String, coder: String? = nil) throws
    -> CodingImportSummary
  {
    let text = try TextDecoder.decode(try InputReader.bytes(atPath: csv), file: csv).text
    let table = try CSVReader.parse(text, file: csv)
    let records = table.records.filter { !$0.isBlank }
    guard let header = records.first else {
      throw PipelineError(.missingInput, "\(csv): the file is empty")
    }
    let columns = try Self.codingColumnIndex(header, file: csv, coderGiven: coder != nil)

    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(
          .missingCodebook, "\(path) has no codebook yet; run `qda code --codebook <yaml>` first")
      }
      var summary = CodingImportSummary()
      var problems: [String] = []
      var pending: [(line: Int, coding: Coding)] = []
      for record in records.dropFirst() {
        func cell(_ name: String) -> String? {
          guard let index = columns[name],
            let value = record[index]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
          else { return nil }
          return value
        }
        let place = "\(csv):\(record.line)"
        guard let rowCoder = cell("coder") ?? coder else {
          problems.append("\(place): the coder cell is empty (or pass --coder)")
          continue
        }
        guard !Coding.isMachine(rowCoder) else {
          problems.append(
            "\(place): '\(rowCoder)' is reserved for automatic coding (rules or model); name the coder"
          )
          continue
        }
        guard let codeCell = cell("code") else {
          problems.append("\(place): the code cell is empty")
          continue
        }
        guard let codeID = Self.codeID(codeCell, in: codebook) else {
          problems.append(
            "\(place): the codebook has no code '\(codeCell)'\(Self.codeHint(codeCell, in: codebook))"
          )
          continue
        }
        let start = cell("start").map { Int($0) }
        let end = cell("end").map { Int($0) }
        if start == .some(nil) || end == .some(nil) {
          problems.append("\(place): start and end must be whole numbers (Unicode-scalar offsets)")
          continue
        }
        let target = CodingTarget(
          passageID: cell("passage").flatMap { Int64($0) }, document: cell("document"),
          quote: cell("quote"),
          start: start ?? nil, end: end ?? nil)
        if target.passageID == nil, target.document == nil {
          problems.append("\(place): the document cell is empty")
          continue
        }
        if target.passageID == nil, target.quote == nil, target.start == nil || target.end == nil {
          problems.append("\(place): give a quote, or start and end")
          continue
        }
        do {
          let (passage, span) = try resolve(target, in: project)
          guard let passageID = passage.id else { continue }
          if let quote = target.quote, target.passageID == nil,
            let document = try project.document(target.document ?? ""),
            !document.text.contains(quote)
          {
            summary.looseQuotes.append("\(place)")
          }
          if let key = target.document { summary.documents.insert(key) }
          pending.append(
            (
              record.line,
              Coding(
                passageID: passageID, codeID: codeID, coder: rowCoder, span: span,
                memo: cell("memo"))
            ))
        } catch let error as PipelineError {
          problems.append("\(place): \(error.message)")
        }
      }
      guard problems.isEmpty else {
        let shown = problems.prefix(20).joined(separator: "\n")
        let more = problems.count > 20 ? "\n… and \(problems.count - 20) more" : ""
        throw PipelineError(
          .invalidOption,
          "\(problems.count) row\(problems.count == 1 ? "" : "s") of \(csv) cannot be stored; nothing was imported:\n\(shown)\(more)"
        )
      }
      let now = environment.now()
      for (line, coding) in pending {
        let before = try project.codings(
          CodingFilter(coder: coding.coder, codeID: nil, passageID: coding.passageID))
        do {
          _ = try project.addCoding(coding, createdAt: now)
        } catch let error as StoreError {
          throw PipelineError(
            .invalidOption, "\(csv):\(line): \(error.message); nothing was imported")
        }
        let isNew = !before.contains { $0.codeID == coding.codeID && $0.span == coding.span }
        if isNew {
          summary.added[coding.coder, default: 0] += 1
        } else {
          summary.alreadyPresent += 1
        }
      }
      let coders = summary.added.keys.sorted().map { "\($0) \(summary.added[$0] ?? 0)" }.joined(
        separator: ", ")
      try project.log(
        command: "code import",
        summary:
          "\(summary.addedCount) codings from \((csv as NSString).lastPathComponent) (\(coders)); \(summary.alreadyPresent) already present",
        at: now)
      return summary
    }
  }

  /// The column of each known name; unknown columns are an error so a typo is not ignored.
  static func codingColumnIndex(_ header: CSVRecord, file: String, coderGiven: Bool) throws
    -> [String: Int]
  {
    var index: [String: Int] = [:]
    for (position, field) in header.fields.enumerated() {
      let name = field.value.trimmingCharacters(in: .whitespaces).lowercased()
      guard !name.isEmpty else { continue }
      guard codingColumns.contains(name) else {
        throw PipelineError(
          .invalidOption,
          "\(file):\(header.line): unknown column '\(field.value)'; the columns are \(codingColumns.joined(separator: ", "))"
        )
      }
      guard index[name] == nil else {
        throw PipelineError(
          .invalidOption, "\(file):\(header.line): the column '\(name)' appears twice")
      }
      index[name] = position
    }
    var missing: [String] = []
    if index["code"] == nil { missing.append("code") }
    if index["coder"] == nil, !coderGiven { missing.append("coder (or pass --coder)") }
    if index["passage"] == nil {
      if index["document"] == nil { missing.append("document") }
      if index["quote"] == nil, index["start"] == nil || index["end"] == nil {
        missing.append("quote, or start and end")
      }
    }
    guard missing.isEmpty else {
      throw PipelineError(
        .invalidOption,
        "\(file):\(header.line): the header lacks \(missing.joined(separator: "; "))")
    }
    return index
  }

  /// A code id from a cell holding an id or a code's name (case-insensitive, unique).
  static func codeID(_ cell: String, in codebook: Codebook) -> String? {
    if codebook.code(cell) != nil { return cell }
    let lowered = cell.lowercased()
    if let byID = codebook.codes.first(where: { $0.id.lowercased() == lowered }) { return byID.id }
    let byName = codebook.codes.filter { $0.name.lowercased() == lowered }
    if byName.count == 1 { return byName[0].id }
    // The last part of a dotted id, when only one code ends so: `priorities`.
    let byLeaf = codebook.codes.filter {
      $0.id.lowercased().split(separator: ".").last.map(String.init) == lowered
    }
    return byLeaf.count == 1 ? byLeaf[0].id : nil
  }

  static func codeHint(_ cell: String, in codebook: Codebook) -> String {
    let lowered = cell.lowercased()
    let scored = codebook.codes.map { code -> (String, Int) in
      let leaf = code.id.split(separator: ".").last.map(String.init) ?? code.id
      let distance = min(
        editDistance(lowered, code.id.lowercased()), editDistance(lowered, leaf.lowercased()))
      return (code.id, code.name.lowercased().contains(lowered) ? 0 : distance)
    }
    let near = scored.filter { $0.1 <= 3 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    return near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"
  }

  /// Levenshtein distance between two short strings.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
