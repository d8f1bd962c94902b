import Foundation
import QDAAnalysis
import QDACodebook
import QDAContradictions
public import QDAExchange
import QDAIngest
import QDAModel
import QDAStore
public import QDAXML

/// What `qda import qdpx` did.
public struct ExchangeImportSummary: Sendable {
  public var sources = 0
  public var codes = 0
  public var codings = 0
  public var cases = 0
  public var contradictions = 0
  public var report = REFIImportReport()
  /// Losses found while storing: codings on unknown codes, selections outside any passage…
  public var losses: [String] = []
  /// Codings stored on fewer characters than their selection: the words between passages
  /// (speaker labels, timestamps, line breaks) belong to no passage, so a selection across
  /// them is stored as its parts inside passages.
  public var narrowed: [String] = []
}

extension Pipeline {
  /// Imports a REFI-QDA project (`.qdpx`, an unzipped project folder, or a `.qde`) into a
  /// project file, in one transaction: sources become documents (speaker turns found as in
  /// plain-text transcripts), codings keep their coder and date, cases and variables become
  /// participants and attributes, QDAKit's own contradiction notes become contradictions again.
  ///
  /// Into a project that already has a codebook, codes are matched to it (by QDAKit's GUIDs or
  /// by name path) and the researcher's codebook is never changed; a document already present
  /// with the same text receives the codings on its existing passages (a second coder's work).
  public func importQDPX(project path: String, from input: String, schema: XMLSchema? = nil) throws
    -> ExchangeImportSummary
  {
    let (refi, report) = try QDPXPackage.read(path: input, schema: schema)
    var summary = ExchangeImportSummary()
    summary.report = report
    let isNew = !FileManager.default.fileExists(atPath: path)
    do {
      let projectStore = try ProjectStore(path: path)
      try projectStore.write { project in
        try storeExchange(refi, from: input, into: project, summary: &summary)
      }
    } catch {
      if isNew { ProjectStore.remove(path: path) }
      throw error
    }
    return summary
  }

  private func storeExchange(
    _ refi: REFIProject, from input: String, into project: Project,
    summary: inout ExchangeImportSummary
  ) throws {
    let now = environment.now()
    // Codes.
    var codeIDs: [String: String] = [:]  // REFI code GUID → code id
    if let existing = try Instruments.storedCodebook(project) {
      let guid = StableGUID.codeGUIDs(existing)
      let byGUID = Dictionary(
        existing.codes.map { (guid($0.id), $0.id) }, uniquingKeysWith: { a, _ in a })
      let byPath = Dictionary(
        existing.codes.map { (Self.namePath($0.id, in: existing), $0.id) },
        uniquingKeysWith: { a, _ in a })
      let paths = Self.refiPaths(refi.codes)
      for code in refi.codes {
        if let id = byGUID[code.guid] ?? byPath[paths[code.guid] ?? ""] { codeIDs[code.guid] = id }
      }
    } else if !refi.codes.isEmpty {
      let codebook = Self.codebook(from: refi, ids: &codeIDs)
      let yaml = CodebookWriter.yaml(codebook)
      try project.saveInstrument(
        .codebook, file: input + "#CodeBook", source: yaml,
        contentHash: SHA256.hex(of: Array(yaml.utf8)))
      try project.replaceCodebook(codebook)
      summary.codes = codebook.codes.count
    }

    // Participants and attributes.
    var participantOfSource: [String: String] = [:]
    for item in refi.cases {
      guard let name = item.name, !name.isEmpty else {
        summary.losses.append("a case without a name (\(item.guid)) was not imported")
        continue
      }
      for source in item.sourceGUIDs { participantOfSource[source] = name }
    }
    if try project.participants().isEmpty, !refi.cases.isEmpty {
      let attributes = refi.variables.map { variable -> AttributeDefinition in
        let type: AttributeType =
          switch variable.kind {
          case .integer, .float: .number
          case .boolean: .yesNo
          default: .category
          }
        return AttributeDefinition(name: variable.name, type: type)
      }
      let names = Dictionary(
        refi.variables.map { ($0.guid, $0.name) }, uniquingKeysWith: { a, _ in a })
      let types = Dictionary(attributes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
      let participants = refi.cases.compactMap { item -> Participant? in
        guard let name = item.name, !name.isEmpty else { return nil }
        var participant = Participant(id: name)
        for value in item.values {
          guard let attribute = names[value.variableGUID], let type = types[attribute] else {
            continue
          }
          switch type {
          case .number:
            if let number = Double(value.text) {
              participant.attributes[attribute] = .number(number)
            }
          case .yesNo:
            participant.attributes[attribute] = .yesNo(
              ["true", "1"].contains(value.text.lowercased()))
          case .category: participant.attributes[attribute] = .category(value.text)
          }
        }
        return participant
      }
      try project.replaceParticipants(attributes: attributes, participants: participants)
      summary.cases = participants.count
    } else if !refi.cases.isEmpty {
      summary.losses.append(
        "the project already has participants: the \(refi.cases.count) cases' variables were not merged"
      )
    }

    // Sources, then their codings.
    let users = Dictionary(refi.users.map { ($0.guid, $0.name) }, uniquingKeysWith: { a, _ in a })
    let notes = Dictionary(refi.notes.map { ($0.guid, $0) }, uniquingKeysWith: { a, _ in a })
    var documentKeys: [String: String] = [:]  // source name → document key
    var usedNotes: Set<String> = []
    for source in refi.sources {
      var key = source.name
      var suffix = 2
      while documentKeys.values.contains(key) { key = "\(source.name) (\(suffix))"; suffix += 1 }
      documentKeys[source.name] = key
      let documentID: Int64
      if let existing = try project.document(key) {
        guard existing.text == source.text, let id = existing.id else {
          throw PipelineError(
            .invalidOption,
            "\(input): source '\(source.name)' has a different text from the project's document '\(key)'; nothing was imported"
          )
        }
        documentID = id
      } else {
        // A source QDAKit cannot read as a transcript (no text at all, say) is reported and
        // skipped with its codings; the codebook and the other sources are still imported.
        let imported: ImportedDocument
        do {
          imported = try DocumentImporter.importText(
            source.text, sourcePath: input + "#" + source.name, key: key,
            participantID: participantOfSource[source.guid]
              ?? DocumentImporter.fileStem(source.name))
        } catch let error as IngestError {
          let codings = source.selections.reduce(0) { $0 + $1.codings.count } + source.codings.count
          summary.losses.append(
            "source '\(source.name)' was not imported (\(error.message))"
              + (codings == 0 ? "" : ", nor its \(codings) coding\(codings == 1 ? "" : "s")"))
          documentKeys[source.name] = nil
          continue
        }
        documentID = try project.saveDocument(
          imported.document, passages: imported.passages, speakers: imported.speakers
        ).documentID
        summary.sources += 1
      }
      let passages = try project.passages(documentID: documentID)
      var narrowedSpans: [(from: TextSpan, to: [TextSpan])] = []
      func store(
        _ coding: REFICoding, span: TextSpan, extraMemo: String?, wholeSource: Bool = false
      ) throws {
        guard let codeID = codeIDs[coding.codeGUID] else {
          summary.losses.append(
            "\(source.name): a coding on a code the project does not have (\(coding.codeGUID)) was not imported"
          )
          return
        }
        let memo =
          ([extraMemo]
          + coding.noteGUIDs.map { guid -> String? in
            usedNotes.insert(guid); return notes[guid]?.text
          })
          .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
        let coder = coding.creatingUser.flatMap { users[$0] } ?? "unknown"
        var pieces: [TextSpan] = []
        for passage in passages {
          guard let id = passage.id else { continue }
          let start = max(span.start, passage.span.start)
          let end = min(span.end, passage.span.end)
          guard
            start < end
              || (span.start == span.end && passage.span.start <= start
                && start <= passage.span.end)
          else { continue }
          _ = try project.addCoding(
            Coding(
              passageID: id, codeID: codeID, coder: coder, span: TextSpan(start: start, end: end),
              memo: memo.isEmpty ? nil : memo),
            createdAt: coding.creationDateTime, imported: true)
          summary.codings += 1
          pieces.append(TextSpan(start: start, end: end))
          if span.start == span.end { break }
        }
        if pieces.isEmpty {
          summary.losses.append(
            "\(source.name): a coding at \(span.start)–\(span.end) lies outside every passage and was not imported"
          )
        } else if !wholeSource,
          pieces.reduce(0, { $0 + $1.end - $1.start }) != span.end - span.start
        {
          narrowedSpans.append((span, pieces))
        }
      }
      for selection in source.selections {
        for coding in selection.codings {
          try store(
            coding, span: TextSpan(start: selection.start, end: selection.end),
            extraMemo: selection.description)
        }
        for guid in selection.noteGUIDs where ContradictionNote.read(notes[guid]?.text ?? "") != nil
        { usedNotes.insert(guid) }
      }
      for coding in source.codings {
        try store(
          coding, span: TextSpan(start: 0, end: source.text.unicodeScalars.count), extraMemo: nil,
          wholeSource: true)
      }
      if let first = narrowedSpans.first {
        let pieces = first.to.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
        summary.narrowed.append(
          "\(source.name): \(narrowedSpans.count) coding\(narrowedSpans.count == 1 ? " was" : "s were") stored on the passages' "
            + "words only, leaving out speaker labels, timestamps or breaks between passages (the first: \(first.from.start)–"
            + "\(first.from.end) as \(pieces))")
      }
    }

    // QDAKit's contradiction notes.
    for note in refi.notes {
      guard let record = ContradictionNote.read(note.text) else {
        if !usedNotes.contains(note.guid) {
          summary.losses.append(
            "note '\(note.name ?? note.guid)' is not attached to a coding and was not imported")
        }
        continue
      }
      var contradiction = record.contradiction
      if let key = record.document.flatMap({ documentKeys[$0] ?? $0 }),
        let document = try project.document(key), let id = document.id
      {
        contradiction.passageIDs = try project.passages(documentID: id)
          .filter { passage in
            contradiction.spans.contains {
              $0.start < passage.span.end && passage.span.start < $0.end
            }
          }
          .compactMap(\.id)
      }
      _ = try project.insert(contradiction, key: ContradictionSummary.key(contradiction))
      summary.contradictions += 1
    }
    try project.log(
      command: "import qdpx",
      summary:
        "\(input): \(summary.sources) sources, \(summary.codings) codings, \(summary.cases) cases, \(summary.contradictions) contradictions",
      at: now)
  }

  /// A code's names from the top down, lower-cased: `rules/time commitment`.
  static func namePath(_ id: String, in codebook: Codebook) -> String {
    var names: [String] = []
    var current = codebook.code(id)
    while let code = current {
      names.insert(code.name.lowercased(), at: 0)
      current = code.parentID.flatMap(codebook.code)
    }
    return names.joined(separator: "/")
  }

  static func refiPaths(_ codes: [REFICode]) -> [String: String] {
    var paths: [String: String] = [:]
    for code in codes {
      let parent = code.parentGUID.flatMap { paths[$0] }
      paths[code.guid] = (parent.map { $0 + "/" } ?? "") + code.name.lowercased()
    }
    return paths
  }

  /// A codebook from REFI codes: ids from names, the CHAT element from a top-level code's name
  /// (`Rules`, `Tools and signs`…) or none.
  static func codebook(from refi: REFIProject, ids: inout [String: String]) -> Codebook {
    var codebook = Codebook(
      name: refi.description ?? refi.name, version: "1", description: "", codes: [])
    var used: Set<String> = []
    var elements: [String: Element?] = [:]
    for code in refi.codes {
      let parentID = code.parentGUID.flatMap { ids[$0] }
      var slug = code.name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        .joined(separator: "_")
        .unicodeScalars.filter { $0.isASCII }.map(String.init).joined()
      if slug.isEmpty { slug = "code" }
      var id = parentID.map { $0 + "." + slug } ?? slug
      if let original = Self.exportedID(of: code, slug: slug, parentID: parentID, used: used) {
        id = original
      } else {
        var suffix = 2
        while used.contains(id) {
          id = (parentID.map { $0 + "." + slug } ?? slug) + "_\(suffix)"; suffix += 1
        }
      }
      used.insert(id)
      ids[code.guid] = id
      let element: Element? = parentID.map { elements[$0] ?? nil } ?? Element(identifier: code.name)
      elements[id] = element
      var imported = Code(
        id: id, name: code.name, element: element, parentID: parentID,
        definition: code.description ?? "", color: code.color)
      if !code.isCodable { imported.isCodable = false }
      // Another tool's GUID is kept, so exporting gives the code back under it.
      if let guid = CodebookReader.canonicalGUID(code.guid), guid != StableGUID.make("code", id) {
        imported.exchangeGUID = guid
      }
      codebook.codes.append(imported)
    }
    return codebook
  }

  /// The id a code had in the QDAKit project that exported it, when it can be found again: QDAKit
  /// writes each code's GUID as a hash of its id (`StableGUID`), and its ids are its parent's id
  /// and words of its name ("object.design" for "Design and appeal of the approach"), so each
  /// run of the name's words is tried under the parent's id and kept only when it hashes to the
  /// GUID. Without this, a project exported and imported again had most of its codes renamed.
  static func exportedID(of code: REFICode, slug: String, parentID: String?, used: Set<String>)
    -> String?
  {
    let words = slug.split(separator: "_").map(String.init)
    guard !words.isEmpty, words.count <= 24 else { return nil }
    let guid = code.guid.uppercased()
    for length in stride(from: words.count, through: 1, by: -1) {
      for start in 0...(words.count - length) {
        let piece = words[start..<(start + length)].joined(separator: "_")
        let candidate = parentID.map { $0 + "." + piece } ?? piece
        if !used.contains(candidate), StableGUID.make("code", candidate) == guid {
          return candidate
        }
      }
    }
    return nil
  }
}
