import QDAText
import Foundation
import QDAModel
import QDAAnalysis
import QDAIngest
public import QDAExchange
import QDAStore
import QDACodebook
public import QDAXML

extension Pipeline {
  /// Writes the project as a REFI-QDA `.qdpx`: coders as users, the codebook with hierarchy,
  /// colours and definitions, each document as a text source with its codings (coder and date),
  /// participants as cases with their attributes as variables, coding memos and contradictions as
  /// notes (a contradiction's note is referenced from the passages that show it).
  ///
  /// GUIDs are derived from what they identify, so exporting the same project twice gives the
  /// same file.
  ///
  /// - Returns: the schema violations of `project.qde`; the file is written only when there are
  ///   none (or when no schema is given).
  @discardableResult
  public func exportQDPX(project path: String, to output: String, schema: XMLSchema? = nil) throws
    -> [XMLError]
  {
    let refi = try refiProject(path)
    return try QDPXPackage.write(refi, to: output, schema: schema)
  }

  /// The project as REFI-QDA values.
  public func refiProject(_ path: String) throws -> REFIProject {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let corpus = try snapshot(project, path: path, includeSurveys: true)
      let dates = try project.codingDates()
      let contradictions = try project.contradictions()
      var refi = REFIProject(name: DocumentImporter.fileStem(path), origin: "QDAKit")
      refi.description = corpus.codebook.name

      // Users: every coder and researcher named in the project.
      var coderNames = Set(corpus.codings.map(\.coder))
      for contradiction in contradictions { coderNames.insert(contradiction.coder) }
      refi.users = coderNames.sorted().map { REFIUser(guid: StableGUID.make("user", $0), name: $0) }
      let userGUID = { (name: String) in StableGUID.make("user", name) }

      refi.codes = StableGUID.codes(of: corpus.codebook)
      let codeGUID = StableGUID.codeGUIDs(corpus.codebook)
      let retired = Set(corpus.codings.map(\.codeID)).subtracting(corpus.codebook.codes.map(\.id))
      for id in retired.sorted() {
        refi.codes.append(
          REFICode(
            guid: StableGUID.make("code", id), name: id,
            description: "Retired: no longer in the codebook"))
      }

      refi.variables = corpus.attributes.map { attribute in
        let kind: REFIVariable.Kind =
          switch attribute.type {
          case .number: .float
          case .yesNo: .boolean
          case .category: .text
          }
        return REFIVariable(
          guid: StableGUID.make("variable", attribute.name), name: attribute.name, kind: kind)
      }
      let kinds = Dictionary(uniqueKeysWithValues: refi.variables.map { ($0.name, $0.kind) })

      for participant in corpus.participants {
        var item = REFICase(guid: StableGUID.make("case", participant.id), name: participant.id)
        for attribute in corpus.attributes {
          guard let value = participant.attributes[attribute.name], let kind = kinds[attribute.name]
          else { continue }
          let text: String =
            switch value {
            case .yesNo(let flag): flag ? "true" : "false"
            default: value.description
            }
          item.values.append(
            REFIValue(
              variableGUID: StableGUID.make("variable", attribute.name), kind: kind, text: text))
        }
        item.sourceGUIDs = corpus.documents.filter { $0.participantID == participant.id }.map {
          StableGUID.make("source", $0.key)
        }
        refi.cases.append(item)
      }

      // Sources, with one selection per coded span.
      var passagesByDocument: [Int64: [Passage]] = [:]
      for passage in corpus.passages {
        if let document = passage.documentID {
          passagesByDocument[document, default: []].append(passage)
        }
      }
      var documentOfPassage: [Int64: Int64] = [:]
      for passage in corpus.passages {
        if let id = passage.id, let document = passage.documentID {
          documentOfPassage[id] = document
        }
      }
      var codingsByDocument: [Int64: [Coding]] = [:]
      for coding in corpus.codings {
        if let document = documentOfPassage[coding.passageID] {
          codingsByDocument[document, default: []].append(coding)
        }
      }
      // Document key → spans and note GUIDs.
      var contradictionSpans: [String: [(TextSpan, String)]] = [:]

      for (index, contradiction) in contradictions.enumerated() {
        let noteGUID = StableGUID.make(
          "contradiction", ContradictionNote.key(contradiction, index: index))
        let document = contradiction.passageIDs.first.flatMap { documentOfPassage[$0] }
          .flatMap { corpus.document($0) }
        refi.notes.append(
          REFINote(
            guid: noteGUID, name: ContradictionNote.title(contradiction),
            text: ContradictionNote.text(contradiction, documentKey: document?.key),
            creatingUser: userGUID(contradiction.coder)))
        if let key = document?.key {
          for span in contradiction.spans {
            contradictionSpans[key, default: []].append((span, noteGUID))
          }
        }
      }

      for document in corpus.documents {
        guard let id = document.id else { continue }
        let guid = StableGUID.make("source", document.key)
        var source = REFITextSource(
          guid: guid, name: document.key, text: document.text, plainTextFile: guid + ".txt")
        let scalars = Array(scalarsOf: document.text)
        var selections: [TextSpan: REFISelection] = [:]
        func selection(_ span: TextSpan) -> REFISelection {
          if let existing = selections[span] { return existing }
          let quote = String(scalars: scalars[span.start..<span.end])
          return REFISelection(
            guid: StableGUID.make("selection", "\(document.key)|\(span.start)|\(span.end)"),
            name: quote.unicodeScalars.count > 100
              ? String(scalars: quote.unicodeScalars.prefix(99)) + "…" : quote,
            start: span.start, end: span.end)
        }
        for coding in codingsByDocument[id] ?? [] {
          var target = selection(coding.span)
          let codingKey =
            "\(document.key)|\(coding.codeID)|\(coding.coder)|\(coding.span.start)|\(coding.span.end)"
          var refiCoding = REFICoding(
            guid: StableGUID.make("coding", codingKey), codeGUID: codeGUID(coding.codeID),
            creatingUser: userGUID(coding.coder),
            creationDateTime: coding.id.flatMap { dates[$0] }.map(StableGUID.dateTime))
          if let memo = coding.memo, !memo.isEmpty {
            let note = REFINote(
              guid: StableGUID.make("memo", codingKey), name: "Memo", text: memo,
              creatingUser: userGUID(coding.coder))
            refi.notes.append(note)
            refiCoding.noteGUIDs.append(note.guid)
          }
          target.codings.append(refiCoding)
          selections[coding.span] = target
        }
        for (span, note) in contradictionSpans[document.key] ?? []
        where span.end <= scalars.count && span.start <= span.end {
          var target = selection(span)
          if !target.noteGUIDs.contains(note) { target.noteGUIDs.append(note) }
          selections[span] = target
        }
        source.selections = selections.values.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        refi.sources.append(source)
      }
      return refi
    }
  }
}

/// GUIDs derived from what they name (SHA-256 of kind and key), so exports are reproducible.
enum StableGUID {
  static func make(_ kind: String, _ key: String) -> String {
    let hex = Array(SHA256.hex(of: Array("\(kind)\u{0}\(key)".utf8)).uppercased().prefix(32))
    let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
    return groups.joined(separator: "-")
  }

  /// A code's GUID by its id: the one another tool gave it (`Code.exchangeGUID`), else derived
  /// from the id (also for a retired id no longer in the codebook).
  static func codeGUIDs(_ codebook: Codebook) -> (String) -> String {
    let kept = Dictionary(
      codebook.codes.compactMap { code in code.exchangeGUID.map { (code.id, $0) } },
      uniquingKeysWith: { a, _ in a })
    return { id in kept[id] ?? make("code", id) }
  }

  /// A codebook's codes as REFI-QDA codes.
  static func codes(of codebook: Codebook) -> [REFICode] {
    let guid = codeGUIDs(codebook)
    return codebook.codes.map { code in
      REFICode(
        guid: guid(code.id), name: code.name, isCodable: code.isCodable ?? true, color: code.color,
        description: code.definition.isEmpty ? nil : code.definition,
        parentGUID: code.parentID.map(guid))
    }
  }

  /// An `xsd:dateTime` from a stored timestamp (`2026-11-23T10:00:00Z` or with a space).
  static func dateTime(_ stored: String) -> String {
    stored.replacingOccurrences(of: " ", with: "T")
  }
}

extension Pipeline {
  /// The REFI-QDA codes of a codebook (a YAML file, or the project's when `codebook` is nil).
  public func refiCodes(project path: String?, codebook file: String?) throws -> (
    codes: [REFICode], name: String
  ) {
    let codebook: Codebook
    if let file {
      codebook = try Instruments.codebook(at: file).value
    } else if let path {
      let store = try ProjectStore(path: path, mustExist: true)
      guard let stored = try store.read({ try Instruments.storedCodebook($0) }) else {
        throw PipelineError(
          .missingCodebook, "\(path) has no codebook yet; run `qda code --codebook <file>`")
      }
      codebook = stored
    } else {
      throw PipelineError(.invalidOption, "give --project or --codebook")
    }
    return (StableGUID.codes(of: codebook), codebook.name)
  }

  /// Writes a `.qdc` codebook; returns the schema violations (nothing is written when there are any).
  @discardableResult
  public func exportQDC(
    project path: String?, codebook file: String?, to output: String, schema: XMLSchema?
  ) throws -> [XMLError] {
    let (codes, _) = try refiCodes(project: path, codebook: file)
    let text = QDEWriter.codebook(codes, origin: "QDAKit")
    if let schema {
      let issues = schema.validate(try XMLDocument(string: text, file: output))
      if !issues.isEmpty { return issues }
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw PipelineError(.invalidOption, "\(output): cannot write (\(error.localizedDescription))")
    }
    return []
  }

  /// Converts a `.qdc` codebook into QDAKit's YAML: names, hierarchy, colours and descriptions
  /// carry over; a top-level code named after a CHAT element (`Rules`, `Tools and signs`…)
  /// places its subtree in that element, others get `element: none`.
  public func convertQDC(_ input: String, schema: XMLSchema?) throws -> (
    yaml: String, report: REFIImportReport
  ) {
    guard let data = FileManager.default.contents(atPath: input) else {
      throw PipelineError(.missingInput, "\(input): cannot read the file")
    }
    let document = try XMLDocument(bytes: [UInt8](data), file: input)
    var (codes, _, report) = try QDCCodebook.read(document)
    if let schema {
      report.warnings =
        schema.validate(document).map { "schema: " + $0.description } + report.warnings
    }
    var project = REFIProject(name: DocumentImporter.fileStem(input))
    project.codes = codes
    var ids: [String: String] = [:]
    return (CodebookWriter.yaml(Self.codebook(from: project, ids: &ids)), report)
  }
}
