import Foundation
public import QDAModel
import QDAIngest
public import QDAStore
public import QDARedaction

/// What `qda redact` needs.
public struct RedactionRequest: Sendable {
  /// The project to de-identify; it is not changed.
  public var project: String
  /// The de-identified copy to write (must not exist).
  public var out: String
  /// The key file: read if it exists (same names keep their pseudonyms), then written with
  /// every name added.
  public var key: String
  /// A reviewed name list (`original,kind[,pseudonym]`), as `qda redact detect` writes it.
  public var names: String?
  /// Attributes whose values identify, beyond those found by name (`school`, `district`,
  /// `name`…), with their kind.
  public var attributes: [String: IdentifierKind]

  public init(
    project: String, out: String, key: String, names: String? = nil,
    attributes: [String: IdentifierKind] = [:]
  ) {
    self.project = project
    self.out = out
    self.key = key
    self.names = names
    self.attributes = attributes
  }
}

/// What `qda redact` did.
public struct RedactionResult: Sendable {
  public var counts: RewriteCounts
  /// Names replaced, by kind.
  public var names: [IdentifierKind: Int]
  /// Names new to the key in this run.
  public var added: Int
  /// Replacements made in document texts.
  public var replacements: Int
  /// Documents renamed because their file name held a name: old key → new key.
  public var renamed: [(from: String, to: String)]
}

/// A likely identifier left in a project, for `qda redact check`.
public struct RemainingIdentifier: Hashable, Sendable {
  public enum Reason: String, Sendable {
    /// A name from the key, still in the text: a leak.
    case keyName = "name from the key"
    /// A capitalised phrase no list names.
    case candidate = "possible name"
    case email = "e-mail address"
    case phone = "phone number"
  }

  public var reason: Reason
  public var text: String
  /// Where: `P03.txt:12` (document and line), `participant P04 district`, `survey s.csv`.
  public var location: String
  public var context: String
}

extension Pipeline {
  /// Attributes that identify when their name says so.
  static let identifyingAttributeNames: [String: IdentifierKind] = [
    "name": .participant, "participant_name": .participant, "full_name": .participant,
    "first_name": .participant,
    "last_name": .participant, "surname": .participant, "email": .participant,
    "e-mail": .participant,
    "school": .school, "school_name": .school, "district": .district, "district_name": .district,
    "city": .place, "town": .place,
  ]

  /// Writes a de-identified copy of a project: participants' names, named colleagues, schools
  /// and districts replaced by consistent pseudonyms in documents, passages, quotes, memos,
  /// attributes, surveys and file names, every offset moved with its words; the key written to
  /// its own file. The original project is not changed.
  public func redact(_ request: RedactionRequest) throws -> RedactionResult {
    if FileManager.default.fileExists(atPath: request.out) {
      throw PipelineError(
        .invalidOption,
        "\(request.out) already exists; choose a new file for the de-identified project")
    }
    if URL(fileURLWithPath: request.out).standardizedFileURL
      == URL(fileURLWithPath: request.project).standardizedFileURL
    {
      throw PipelineError(
        .invalidOption, "the de-identified project must be a new file, not the project itself")
    }
    let source = try ProjectStore(path: request.project, mustExist: true)
    var key = try Self.readKey(request.key)
    let before = key.entries.count
    let names = try request.names.map(Self.readNames) ?? NameList()
    let plan = try source.read { project in
      try RedactionPlan(project, names: names, attributes: request.attributes, key: &key)
    }

    // The copy is made and de-identified in a hidden file beside `--out` and renamed into place
    // only when complete: a command killed at any moment leaves nothing at `--out` (and never the
    // project as it was, names and all).
    let partial = Self.partialPath(for: request.out)
    ProjectStore.remove(path: partial)
    let result: RedactionResult
    do {
      // Until it is de-identified the copy holds every name: it is made readable by its owner
      // only, before a byte is copied (SQLite gives its log the same mode), so what a kill leaves
      // beside `--out` (until the next `apply` removes it) is no one else's to read; when complete
      // it takes the project's own mode.
      let mode =
        (try? FileManager.default.attributesOfItem(atPath: request.project)[.posixPermissions]
          as? Int) ?? 0o644
      let descriptor = open(partial, O_CREAT | O_EXCL | O_WRONLY, 0o600)
      guard descriptor >= 0 else {
        throw PipelineError(
          .invalidOption, "cannot create \(partial): \(String(cString: strerror(errno)))")
      }
      close(descriptor)
      try source.copy(to: partial)
      let rewriter = RedactionRewriter(plan: plan, redactor: Redactor(key: key))
      let counts = try Self.rewrite(
        partial, with: rewriter,
        summary: "de-identified copy: \(key.entries.count) names replaced by pseudonyms",
        at: environment.now())
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: partial)
      try Self.moveIntoPlace(partial, to: request.out)
      var byKind: [IdentifierKind: Int] = [:]
      for entry in key.entries { byKind[entry.kind, default: 0] += 1 }
      result = RedactionResult(
        counts: counts, names: byKind, added: key.entries.count - before,
        replacements: rewriter.replacements.value,
        renamed: plan.renamed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    } catch {
      ProjectStore.remove(path: partial)
      throw error
    }
    try Self.writeKey(key, to: request.key)
    return result
  }

  /// Where a de-identified project is made before it is complete: a hidden file in `out`'s folder.
  static func partialPath(for out: String) -> String {
    let url = URL(fileURLWithPath: out)
    return url.deletingLastPathComponent().appendingPathComponent(
      "." + url.lastPathComponent + ".partial"
    ).path
  }

  /// Rewrites the copy at `path`, records it in its history, compacts it so no page keeps a
  /// replaced name, and leaves it one self-contained file (no write-ahead log beside it); the
  /// store is closed when this returns.
  static func rewrite(
    _ path: String, with rewriter: RedactionRewriter, summary: String, at now: String
  ) throws -> RewriteCounts {
    let target = try ProjectStore(path: path, mustExist: true)
    let counts = try target.write { project in
      let counts = try project.rewrite(with: rewriter)
      try project.log(command: "redact", summary: summary, at: now)
      return counts
    }
    try target.compact()
    try target.leaveWriteAheadLog()
    return counts
  }

  /// Renames a complete project file into place; refuses to replace a file that appeared meanwhile.
  static func moveIntoPlace(_ partial: String, to out: String) throws {
    guard !FileManager.default.fileExists(atPath: out) else {
      throw PipelineError(
        .invalidOption,
        "\(out) appeared while the de-identified copy was made; it was left as it is")
    }
    for suffix in ["-wal", "-shm", "-journal"] {
      try? FileManager.default.removeItem(atPath: partial + suffix)
    }
    guard rename(partial, out) == 0 else {
      throw PipelineError(
        .invalidOption,
        "cannot move the de-identified copy to \(out): \(String(cString: strerror(errno)))")
    }
  }

  /// Capitalised phrases in a project that no list names yet, for a person to review: the
  /// output of `qda redact detect`, a name list with a guessed kind (blank where the words do
  /// not say) for each.
  public func redactionCandidates(
    project path: String, names: String? = nil, key keyPath: String? = nil
  ) throws -> [NameCandidate] {
    let list = try names.map(Self.readNames) ?? NameList()
    var key = try keyPath.map(Self.readKey) ?? PseudonymKey()
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      _ = try RedactionPlan(project, names: list, attributes: [:], key: &key)
      var known = Set(list.names.map(\.original))
      known.formUnion(Redactor(key: key).variants.map(\.form))
      var detector = NameDetector(known: known)
      for document in try project.documents() {
        detector.scan(document.text, document: document.key)
      }
      return detector.candidates
    }
  }

  /// Lists what still looks like an identifier in a (de-identified) project: names from the key
  /// in any case, capitalised phrases no list accounts for, e-mail addresses and phone numbers.
  public func redactionCheck(project path: String, key keyPath: String?, names: String?) throws
    -> [RemainingIdentifier]
  {
    let key = try keyPath.map(Self.readKey) ?? PseudonymKey()
    let list = try names.map(Self.readNames) ?? NameList()
    let redactor = Redactor(key: key)
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      // Nothing to check is not a clean check: an empty project, or one never de-identified, fails.
      guard try !project.documentIDs(interviewsOnly: false).isEmpty || !project.surveys().isEmpty
      else {
        throw PipelineError(.notFound, "\(path) has no documents: there is nothing to check")
      }
      guard try project.events().contains(where: { $0.command == "redact" }) else {
        throw PipelineError(
          .invalidOption,
          "\(path) was never de-identified (no `qda redact apply` in its history); check the copy that command writes"
        )
      }
      var findings: [RemainingIdentifier] = []
      var texts: [(location: String, text: String)] = []
      for document in try project.documents() {
        texts.append((document.key, document.text))
        texts.append(("\(document.key) (file name)", document.key + " " + document.sourcePath))
        for (field, value) in document.metadata.sorted(by: { $0.key < $1.key }) {
          texts.append(("\(document.key) (\(field))", value))
        }
      }
      for participant in try project.participants() {
        for (name, value) in participant.attributes.sorted(by: { $0.key < $1.key }) {
          if case .category(let text) = value {
            texts.append(("participant \(participant.id) \(name)", text))
          }
        }
      }
      for survey in try project.surveys() {
        for respondent in survey.respondents {
          for item in survey.items where item.type == .openText || item.type == .metadata {
            if let answer = respondent.answers[item.id], !answer.value.isEmpty {
              texts.append(
                (
                  "\(survey.source):\(respondent.line) \(item.id)",
                  answer.values.joined(separator: " ")
                ))
            }
          }
        }
      }
      // Names from the key (and their short forms and acronyms), in any case and accents, as whole words.
      let forms = redactor.variants.map(\.form).filter { !$0.hasPrefix("[") }.map {
        (form: $0, needle: Redactor.folded($0))
      }
      for (location, text) in texts {
        let folded = Redactor.folded(text)
        for (form, needle) in forms {
          var searchFrom = folded.startIndex
          while let range = folded.range(of: needle, range: searchFrom..<folded.endIndex) {
            searchFrom = range.upperBound
            let before =
              range.lowerBound == folded.startIndex
              || !folded[folded.index(before: range.lowerBound)].isLetter
            let after = range.upperBound == folded.endIndex || !folded[range.upperBound].isLetter
            guard before && after else { continue }
            findings.append(
              RemainingIdentifier(
                reason: .keyName, text: form,
                location: Self.location(location, text: folded, at: range.lowerBound),
                context: Self.context(folded, range)))
          }
        }
        for (reason, pattern) in [
          (RemainingIdentifier.Reason.email, #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#),
          (.phone, #"(?<![\d-])(\+?1[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d-])"#),
        ] {
          guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
          let ns = text as NSString
          for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let found = ns.substring(with: match.range)
            guard let range = text.range(of: found) else { continue }
            findings.append(
              RemainingIdentifier(
                reason: reason, text: found,
                location: Self.location(location, text: text, at: range.lowerBound),
                context: Self.context(text, range)))
          }
        }
      }
      // Capitalised phrases nobody has listed or kept.
      var known = Set(list.names.map(\.original))
      known.formUnion(key.entries.map(\.original))
      known.formUnion(redactor.variants.map(\.form))
      var detector = NameDetector(known: known)
      for document in try project.documents() {
        detector.scan(document.text, document: document.key)
      }
      for candidate in detector.candidates {
        findings.append(
          RemainingIdentifier(
            reason: .candidate, text: candidate.text,
            location: candidate.documents.prefix(3).joined(separator: ", ")
              + (candidate.documents.count > 3 ? ", …" : ""),
            context: candidate.example))
      }
      return findings
    }
  }

  // MARK: - Files

  static func readKey(_ path: String) throws -> PseudonymKey {
    guard FileManager.default.fileExists(atPath: path) else { return PseudonymKey() }
    return try PseudonymKey(records: try records(path), file: path)
  }

  static func readNames(_ path: String) throws -> NameList {
    guard FileManager.default.fileExists(atPath: path) else {
      throw PipelineError(.missingInput, "\(path): no such name list")
    }
    return try NameList(records: try records(path), file: path)
  }

  private static func records(_ path: String) throws -> [(line: Int, fields: [String])] {
    let text = try TextDecoder.decode(try InputReader.bytes(atPath: path), file: path).text
    return try CSVReader.parse(text, delimiter: ",", file: path).records.filter { !$0.isBlank }.map
    { record in
      (record.line, record.fields.map(\.value))
    }
  }

  static func writeKey(_ key: PseudonymKey, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    do {
      try Data(key.csv().utf8).write(to: url, options: .atomic)
    } catch {
      throw PipelineError(
        .invalidOption, "\(path): cannot write the key (\(error.localizedDescription))")
    }
  }

  static func location(_ label: String, text: String, at index: String.Index) -> String {
    let line = text[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    return line > 1 ? "\(label):\(line)" : label
  }

  static func context(_ text: String, _ range: Range<String.Index>) -> String {
    let from =
      text.index(range.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
    let to = text.index(range.upperBound, offsetBy: 40, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[from..<to]).replacingOccurrences(of: "\n", with: " ")
  }
}

/// Which names a project holds and what each document will be called: read from the project
/// before anything is written.
struct RedactionPlan: Sendable {
  /// Identifying attributes and their kind.
  var attributes: [String: IdentifierKind] = [:]
  /// Documents whose key holds a name: old key → new key.
  var renamed: [String: String] = [:]
  /// Survey keys and sources holding a name: old → new.
  var renamedSurveys: [String: String] = [:]

  init(
    _ project: Project, names: NameList, attributes extra: [String: IdentifierKind],
    key: inout PseudonymKey
  ) throws {
    let participants = try project.participants().sorted { $0.id < $1.id }
    let attributeNames = try project.attributes().map(\.name)
    for name in attributeNames {
      if let kind = extra.first(where: { $0.key.lowercased() == name.lowercased() })?.value
        ?? Pipeline.identifyingAttributeNames[name.lowercased()]
      {
        attributes[name] = kind
      }
    }
    for (name, kind) in extra
    where !attributeNames.contains(where: { $0.lowercased() == name.lowercased() }) {
      throw PipelineError(
        .invalidOption,
        "the project has no attribute '\(name)' (kind \(kind)); attributes: "
          + attributeNames.joined(separator: ", "))
    }
    // Participants' own names first, so that they become their ids.
    for participant in participants {
      for (name, kind) in attributes.sorted(by: { $0.key < $1.key }) where kind == .participant {
        if case .category(let value) = participant.attributes[name], !value.isEmpty {
          key.assign(value, kind: .participant, preferred: "[\(participant.id)]")
        }
      }
    }
    let documents = try project.documents().sorted { $0.key < $1.key }
    for document in documents {
      guard let id = document.id else { continue }
      let speakers =
        (try? JSONSerialization.jsonObject(
          with: Data(try project.speakersJSON(documentID: id).utf8))) as? [[String: Any]] ?? []
      for speaker in speakers {
        guard let label = speaker["label"] as? String,
          QuoteNameMask.isName(label, participant: document.participantID)
        else { continue }
        switch speaker["role"] as? String {
        case "participant":
          key.assign(label, kind: .participant, preferred: "[\(document.participantID)]")
        case "interviewer": key.assign(label, kind: .interviewer)
        default: key.assign(label, kind: .person)
        }
      }
      if let interviewer = document.metadata["interviewer"],
        QuoteNameMask.isName(interviewer, participant: document.participantID)
      {
        key.assign(interviewer, kind: .interviewer)
      }
    }
    for participant in participants {
      for (name, kind) in attributes.sorted(by: { $0.key < $1.key }) where kind != .participant {
        if case .category(let value) = participant.attributes[name], !value.isEmpty {
          key.assign(value, kind: kind)
        }
      }
    }
    for name in names.names where name.kind != .keep {
      key.assign(name.original, kind: name.kind, preferred: name.pseudonym)
    }
    let redactor = Redactor(key: key)
    var taken = Set(documents.map(\.key))
    for document in documents
    where redactor.mentions(inPath: document.key) || redactor.mentions(inPath: document.sourcePath)
    {
      let ext = (document.key as NSString).pathExtension
      let base = document.participantID.isEmpty ? "document" : document.participantID
      var candidate = ext.isEmpty ? base : "\(base).\(ext)"
      var number = 2
      while taken.contains(candidate) {
        candidate = ext.isEmpty ? "\(base)-\(number)" : "\(base)-\(number).\(ext)"
        number += 1
      }
      taken.insert(candidate)
      renamed[document.key] = candidate
    }
    for (index, survey) in try project.surveys().enumerated()
    where redactor.mentions(inPath: survey.source) {
      let ext = (survey.source as NSString).pathExtension
      renamedSurveys[survey.source] = "survey-\(index + 1)" + (ext.isEmpty ? "" : ".\(ext)")
    }
  }
}

/// Applies a key to everything a project stores.
final class RedactionRewriter: ProjectRewriter, @unchecked Sendable {
  let plan: RedactionPlan
  let redactor: Redactor
  /// Replacements made in document texts (a counter the rewrite's closures update).
  let replacements = Counter()

  final class Counter: @unchecked Sendable { var value = 0 }

  init(plan: RedactionPlan, redactor: Redactor) {
    self.plan = plan
    self.redactor = redactor
  }

  func document(_ document: Document) -> DocumentRewrite {
    let redaction = redactor.redact(document.text)
    replacements.value += redaction.replaced
    let key = plan.renamed[document.key] ?? document.key
    let sourcePath =
      plan.renamed[document.key] != nil || redactor.mentions(inPath: document.sourcePath)
      ? (document.format == .survey ? (plan.renamedSurveys[document.sourcePath] ?? key) : key)
      : (plan.renamedSurveys[document.sourcePath] ?? document.sourcePath)
    let map = redaction.map
    return DocumentRewrite(
      text: redaction.text, key: key, sourcePath: sourcePath,
      contentHash: SHA256.hex(of: Array(redaction.text.utf8)),
      metadata: document.metadata.mapValues(redactor.redacting), start: map.start, end: map.end)
  }

  func text(_ text: String) -> String {
    var result = redactor.redacting(text)
    for (old, new) in plan.renamed { result = result.replacingOccurrences(of: old, with: new) }
    return result
  }

  func speaker(_ label: String, participant: String) -> String {
    if let pseudonym = redactor.pseudonym(forExact: label) { return pseudonym }
    return redactor.redacting(label)
  }

  func attribute(_ name: String, value: String) -> String {
    if plan.attributes[name] != nil, let pseudonym = redactor.pseudonym(forExact: value) {
      return pseudonym
    }
    return redactor.redacting(value)
  }

  /// Metadata columns that identify a respondent.
  static let identifyingColumns = [
    "email", "e-mail", "ipaddress", "ip address", "ip", "latitude", "longitude", "locationlatitude",
    "locationlongitude",
    "recipientfirstname", "recipientlastname", "recipientemail", "name", "first name", "last name",
    "phone",
    "externalreference", "externaldatareference", "custom data", "email address",
  ]

  func survey(_ survey: Survey, key: String) -> (survey: Survey, key: String) {
    var survey = survey
    let identifying = Set(
      survey.items.filter { item in
        item.isIdentifier
          || item.type == .metadata
            && (item.headers + [item.id, item.text]).contains {
              Self.identifyingColumns.contains($0.lowercased().trimmingCharacters(in: .whitespaces))
            }
      }.map(\.id))
    let open = Set(survey.items.filter { $0.type == .openText }.map(\.id))
    for index in survey.respondents.indices {
      for (item, answer) in survey.respondents[index].answers {
        if identifying.contains(item) {
          survey.respondents[index].answers[item] = SurveyAnswer(
            values: answer.values.map { _ in "" }, raw: answer.raw.map { _ in "" })
        } else if open.contains(item) {
          survey.respondents[index].answers[item] = SurveyAnswer(
            values: answer.values.map(redactor.redacting), raw: answer.raw.map(redactor.redacting))
        }
      }
    }
    survey.warnings = survey.warnings.map(redactor.redacting)
    let newSource = plan.renamedSurveys[survey.source] ?? survey.source
    let newKey = plan.renamedSurveys[key] ?? (survey.source == key ? newSource : key)
    survey.source = newSource
    return (survey, newKey)
  }
}
