import Foundation
public import QDAModel
public import QDAIngest
import QDACodebook
import QDACoding
public import QDAAnalysis
import QDAReport
import QDAStore
import QDAContradictions
import QDAEncoder
import QDAConcurrency
import Synchronization

/// What a command needs to read.
public struct IngestRequest: Sendable {
  /// Files and folders of transcripts.
  public var inputs: [String]
  /// A participant-attributes CSV.
  public var attributes: String?
  /// An interview protocol (YAML).
  public var interviewProtocol: String?
  /// A codebook (YAML); required by `analyze`, optional elsewhere (the project keeps the last).
  public var codebook: String?
  /// Overrides for every file read.
  public var options: ImportOptions
  /// Survey exports named explicitly (any extension); `.csv`, `.tsv` and `.xlsx` inputs, and
  /// such files in input folders that a survey tool wrote, are surveys too.
  public var surveys: [String]
  /// A REDCap data dictionary for the surveys.
  public var dictionary: String?

  public init(
    inputs: [String], attributes: String? = nil, interviewProtocol: String? = nil,
    codebook: String? = nil,
    options: ImportOptions = ImportOptions(), surveys: [String] = [], dictionary: String? = nil
  ) {
    self.inputs = inputs
    self.attributes = attributes
    self.interviewProtocol = interviewProtocol
    self.codebook = codebook
    self.options = options
    self.surveys = surveys
    self.dictionary = dictionary
  }
}

/// What a command did, for the user and for scripts.
public struct RunSummary: Sendable {
  public var added: [String] = []
  public var unchanged: [String] = []
  public var replaced: [String] = []
  /// Files that could not be read, with the reason (`file:line: message`).
  public var skipped: [String] = []
  public var warnings: [String] = []
  public var notes: [String] = []
  public var passages = 0
  public var autoCodings = 0
  public var manualCodings = 0
  public var written: [String] = []

  public init() {}

  /// Whether some input was skipped.
  public var isPartial: Bool { !skipped.isEmpty }
}

/// The commands' work, each in one transaction on the project file: ingest → link to the
/// protocol → auto-code → tables → report.
///
/// ```swift
/// let pipeline = Pipeline(environment: .live)
/// let summary = try pipeline.analyze(request, project: "study.qda", out: "Reports/study")
/// ```
public struct Pipeline: Sendable {
  public var environment: PipelineEnvironment
  /// Documents read, coded or read for contradictions at a time: memory holds one batch of
  /// documents, never the corpus.
  public var batchSize: Int
  /// Whether interviews are coded by the learned coder when the sentence model is installed.
  public var sentenceModel: SentenceModelChoice

  public init(
    environment: PipelineEnvironment = .live, batchSize: Int = 64,
    sentenceModel: SentenceModelChoice = .whenInstalled(directory: nil)
  ) {
    self.environment = environment
    self.batchSize = max(1, batchSize)
    self.sentenceModel = sentenceModel
  }

  // MARK: - analyze

  /// Runs the whole pipeline and writes the report, tables and `analysis.json` into `out`.
  ///
  /// - Parameter template: a brief template (read and checked before anything is stored).
  public func analyze(
    _ request: IngestRequest, project path: String, out: String, template: String? = nil,
    keepNames: Bool = false
  ) throws -> RunSummary {
    guard request.codebook != nil else {
      throw PipelineError(.missingCodebook, "analyze needs a codebook (--codebook)")
    }
    if let template, let codebook = request.codebook {
      let brief = try Self.loadTemplate(template)
      let codes = try Instruments.codebook(at: codebook).value.codes
      do {
        try brief.check(possibleAnchors: codes.map(\.id) + Element.allCases.map(\.rawValue))
      } catch let error as ReportTemplateError {
        throw PipelineError(.invalidOption, error.description)
      }
    }
    // A failed run leaves no project it created and no report folder it created, nor a
    // half-written file in one that was there.
    let fileManager = FileManager.default
    let projectExisted = fileManager.fileExists(atPath: path)
    let outExisted = fileManager.fileExists(atPath: out)
    do {
      var summary = try ingest(request, project: path, command: "analyze")
      // The report reads the project again rather than keeping the snapshot contradiction
      // detection read while storing: kept, it raised the peak memory of 1,000 interviews from
      // about 0.96 to 1.14 GB (it was made while the imported documents were still held).
      summary.written = try writeReport(
        project: path, out: out, template: template, keepNames: keepNames, request: request)
      return summary
    } catch {
      if !projectExisted { ProjectStore.remove(path: path) }
      if !outExisted {
        try? fileManager.removeItem(atPath: out)
      } else if let leftovers = fileManager.enumerator(atPath: out) {
        for case let file as String in leftovers
        where (file as NSString).lastPathComponent.contains(".partial-") {
          try? fileManager.removeItem(atPath: (out as NSString).appendingPathComponent(file))
        }
      }
      throw error
    }
  }

  // MARK: - ingest

  /// Stores documents, participants and instruments; links answers to the protocol; auto-codes
  /// new and changed documents when the project has a codebook.
  public func ingest(_ request: IngestRequest, project path: String, command: String = "ingest")
    throws -> RunSummary
  {
    var summary = RunSummary()
    // Read everything before touching the project, so bad instruments change nothing.
    let codebook = try request.codebook.map(Instruments.codebook(at:))
    let storedCodebook =
      try codebook?.value
      ?? (FileManager.default.fileExists(atPath: path)
        ? ProjectStore(path: path).read { try Instruments.storedCodebook($0) } : nil)
    let interviewProtocol = try request.interviewProtocol.map {
      try Instruments.interviewProtocol(at: $0, codebook: storedCodebook)
    }
    let attributes = try request.attributes.map { path -> ParticipantTable in
      try AttributeReader.read(try InputReader.bytes(atPath: path), file: path)
    }
    let excluded = Set(
      [request.attributes, request.interviewProtocol, request.codebook, request.dictionary]
        .compactMap { $0 })
    let expanded = try InputFiles.expand(request.inputs, excluding: excluded)
    let files = expanded.filter { !InputFiles.isSurvey($0.path) }
    let surveyFiles =
      expanded.filter { InputFiles.isSurvey($0.path) } + (try InputFiles.expand(request.surveys))
    let surveys = try readSurveys(surveyFiles, dictionary: request.dictionary, summary: &summary)

    // A project this command creates is removed again if the command fails: "as it was".
    let isNew = !FileManager.default.fileExists(atPath: path)
    if !isNew {
      try snapshotBeforeReplacing(project: path, files: files, codebook: codebook, command: command)
    }
    do {
      try store(
        request, files: files, surveys: surveys, codebook: codebook, storedCodebook: storedCodebook,
        interviewProtocol: interviewProtocol, attributes: attributes, project: path,
        command: command, into: &summary)
    } catch {
      if isNew { ProjectStore.remove(path: path) }
      throw error
    }
    return summary
  }

  /// Takes a snapshot when the ingest is about to replace documents or change the codebook, so
  /// that `qda undo` can bring back what it replaces (manual codings whose words are gone
  /// included).
  ///
  /// A file replaces a document when its key is stored with another content hash (the SHA-256
  /// of the file's bytes, as `DocumentImporter` computes it); only those files are hashed here,
  /// and a file that cannot be read replaces nothing (it is skipped when stored).
  private func snapshotBeforeReplacing(
    project path: String, files: [InputFile], codebook: LoadedInstrument<Codebook>?, command: String
  ) throws {
    let store = try ProjectStore(path: path, mustExist: true)
    let (stored, codebookHash) = try store.read { project in
      (
        try project.documentContentHashes(),
        try project.instrument(.codebook)?.contentHash
      )
    }
    var reasons: [String] = []
    let storedFiles = files.filter { stored[$0.key] != nil }
    let replaced = concurrentMap(storedFiles.count) { index -> String? in
      let file = storedFiles[index]
      guard let bytes = try? InputReader.bytes(atPath: file.path),
        DocumentImporter.contentHash(of: bytes) != stored[file.key]
      else { return nil }
      return file.key
    }.compactMap { $0 }
    if !replaced.isEmpty {
      reasons.append(
        "replaces " + replaced.prefix(5).joined(separator: ", ")
          + (replaced.count > 5 ? " and \(replaced.count - 5) more" : ""))
    }
    if let codebook, let codebookHash, codebookHash != codebook.contentHash {
      reasons.append("changes the codebook")
    }
    guard !reasons.isEmpty else { return }
    let snapshot = try store.takeSnapshot(
      reason: "before \(command): " + reasons.joined(separator: "; "), at: environment.now())
    environment.progress("snapshot \(snapshot.number) taken (qda undo brings it back)")
  }

  /// The write half of `ingest`: one transaction.
  private func store(
    _ request: IngestRequest, files: [InputFile],
    surveys: [ReadSurvey], codebook: LoadedInstrument<Codebook>?, storedCodebook: Codebook?,
    interviewProtocol: LoadedInstrument<InterviewProtocol>?, attributes: ParticipantTable?,
    project path: String, command: String, into summary: inout RunSummary
  ) throws {
    let store = try ProjectStore(path: path)
    try store.write { project in
      // Instruments that differ from the stored ones mean every document is linked and coded
      // again; the same instruments and unchanged files mean there is nothing to redo.
      var instrumentsChanged = false
      var protocolChanged = false
      // A codebook that changes only rules re-codes only their codes in the documents this
      // command does not replace (see `code`).
      var ruleEdit: RuleEdit?
      if let codebook, try project.instrument(.codebook)?.contentHash != codebook.contentHash {
        instrumentsChanged = true
        ruleEdit = try Self.ruleEdit(in: project, to: codebook.value)
      }
      if let interviewProtocol,
        try project.instrument(.protocol)?.contentHash != interviewProtocol.contentHash
      {
        instrumentsChanged = true
        protocolChanged = true
      }
      if let codebook {
        try project.saveInstrument(
          .codebook, file: codebook.file, source: codebook.source, contentHash: codebook.contentHash
        )
        try project.setCodingModel(.prior, codebook.prior)
        try project.setCodingModel(.valence, codebook.valence)
        let retired = try project.replaceCodebook(codebook.value)
        if !retired.isEmpty {
          summary.warnings.append(
            "codes no longer in the codebook but kept for their manual codings: "
              + retired.joined(separator: ", "))
        }
      }
      if let interviewProtocol {
        try project.saveInstrument(
          .protocol, file: interviewProtocol.file, source: interviewProtocol.source,
          contentHash: interviewProtocol.contentHash)
        try project.replaceProtocol(interviewProtocol.value)
      }
      if let attributes {
        try project.replaceParticipants(
          attributes: attributes.attributes, participants: attributes.participants)
      }
      var changed: [Int64] = []
      // Files are read on every core a batch at a time and stored as each batch is read, so
      // memory holds one batch of documents, not the corpus.
      try forEachBatch(of: files) { batch, batchStart in
        let read = readAll(batch, first: batchStart, of: files.count, options: request.options)
        for (offset, (file, result)) in zip(batch, read).enumerated() {
          environment.progress("storing \(batchStart + offset + 1)/\(files.count) \(file.key)")
          switch result {
          case .failure(let error):
            summary.skipped.append(String(describing: error))
          case .success(let document):
            summary.warnings += document.document.warnings
            let outcome = try project.saveDocument(
              document.document, passages: document.passages, speakers: document.speakers)
            switch outcome {
            case .added(let id):
              summary.added.append(file.key)
              changed.append(id)
            case .unchanged:
              summary.unchanged.append(file.key)
            case .replaced(let id, let kept, let lost):
              summary.replaced.append(file.key)
              changed.append(id)
              if kept > 0 {
                summary.notes.append(
                  "\(file.key): \(kept) manual coding\(kept == 1 ? "" : "s") moved to the new version"
                )
              }
              for coding in lost {
                summary.warnings.append(
                  "\(file.key): a manual coding (\(coding.codeID) by \(coding.coder)) was dropped: its text is no longer in the file"
                )
              }
            }
          }
        }
      }
      changed += try storeSurveys(surveys, in: project, summary: &summary)
      if attributes != nil {
        // The attributes file replaced every participant's values: put the respondents' back.
        for stored in try project.surveys()
        where !surveys.contains(where: { $0.survey.source == stored.source }) {
          try applyAttributes(
            of: stored, respondents: stored.counted(),
            key: (stored.source as NSString).lastPathComponent, in: project)
        }
      }
      // Participants named in the attributes file with no documents: kept, and said so
      // (survey respondents without open answers are not waiting for anything).
      let waiting = try project.participantsWithoutDocuments()
      if !waiting.isEmpty {
        summary.notes.append(
          "participants with no documents yet (kept): " + waiting.joined(separator: ", "))
      }
      let documentsToCode = instrumentsChanged ? try project.documentIDs() : changed
      let model = try storedCodebook.flatMap {
        try modelCoding(project, codebook: $0, notes: &summary.notes)
      }
      if model != nil { ruleEdit = nil }  // the model reads every rule as a feature: code again
      if let activeCodebook = storedCodebook, !protocolChanged, let ruleEdit {
        // New and replaced documents are coded whole; the others only for the changed rules.
        let activeProtocol =
          try interviewProtocol?.value
          ?? Instruments.storedProtocol(project, codebook: activeCodebook)
        try recode(project, documents: changed, codebook: activeCodebook, protocol: activeProtocol)
        let new = Set(changed)
        try recodeChangedRules(
          ruleEdit, in: project, path: path,
          documents: documentsToCode.filter { !new.contains($0) }, codebook: activeCodebook,
          protocol: activeProtocol, detect: !changed.isEmpty, summary: &summary)
      } else if let activeCodebook = storedCodebook {
        let activeProtocol =
          try interviewProtocol?.value
          ?? Instruments.storedProtocol(project, codebook: activeCodebook)
        try recode(
          project, documents: documentsToCode, codebook: activeCodebook, protocol: activeProtocol,
          model: model)
        // Detect again when something changed, or for a project that has never been read for
        // contradictions (one made before they were stored).
        if try !documentsToCode.isEmpty || !project.hasContradictions() {
          try redetect(project, path: path)
        }
      } else if let activeProtocol = try interviewProtocol?.value
        ?? Instruments.storedProtocol(project, codebook: nil)
      {
        try link(project, documents: documentsToCode, protocol: activeProtocol)
      }
      try summary.count(project)
      try project.log(
        command: command,
        summary:
          "added \(summary.added.count), replaced \(summary.replaced.count), unchanged \(summary.unchanged.count), skipped \(summary.skipped.count)",
        at: environment.now())
    }
  }

  /// Calls `body` with the items a batch at a time, in order, and where each batch starts.
  func forEachBatch<Item>(of items: [Item], _ body: (_ batch: [Item], _ start: Int) throws -> Void)
    rethrows
  {
    let size = max(1, batchSize)  // whatever `batchSize` was set to after `init`
    for start in stride(from: 0, to: items.count, by: size) {
      try body(Array(items[start..<min(items.count, start + size)]), start)
    }
  }

  /// Reads, decodes and parses files on all cores; each file succeeds or fails on its own.
  ///
  /// - Parameters: first, total: where the files sit among all the files read (for progress).
  func readAll(_ files: [InputFile], first: Int, of total: Int, options: ImportOptions) -> [Result<
    ImportedDocument, any Error
  >] {
    let progress = environment.progress
    let done = Counter(first)
    return concurrentMap(files.count) { index in
      let file = files[index]
      let result = Result {
        try DocumentImporter.importFile(at: file.path, key: file.key, options: options)
      }
      progress("reading \(done.increment())/\(total) \(file.key)")
      return result
    }
  }

  // MARK: - code

  /// Installs a codebook (or keeps the project's) and re-runs auto-coding on every document.
  ///
  /// - Parameter onlyChangedRules: when the new codebook differs from the project's only in
  ///   rules, re-run only the changed codes' rules (see `ruleEdit(in:to:)`).
  public func code(
    project path: String, codebook codebookPath: String?, onlyChangedRules: Bool = true
  ) throws -> RunSummary {
    let codebook = try codebookPath.map(Instruments.codebook(at:))
    let store = try ProjectStore(path: path, mustExist: true)
    var summary = RunSummary()
    try store.write { project in
      // Read before the new codebook is installed: when only rules changed, only their codes
      // are coded again.
      let ruleEdit = try codebook.flatMap {
        onlyChangedRules ? try Self.ruleEdit(in: project, to: $0.value) : nil
      }
      if let codebook {
        try project.saveInstrument(
          .codebook, file: codebook.file, source: codebook.source, contentHash: codebook.contentHash
        )
        try project.setCodingModel(.prior, codebook.prior)
        try project.setCodingModel(.valence, codebook.valence)
        let retired = try project.replaceCodebook(codebook.value)
        if !retired.isEmpty {
          summary.warnings.append(
            "codes no longer in the codebook but kept for their manual codings: "
              + retired.joined(separator: ", "))
        }
      }
      guard let active = try codebook?.value ?? Instruments.storedCodebook(project) else {
        throw PipelineError(
          .missingCodebook, "\(path) has no codebook yet; give one with --codebook")
      }
      let interviewProtocol = try Instruments.storedProtocol(project, codebook: active)
      let documents = try project.documentIDs()
      let model = try modelCoding(project, codebook: active, notes: &summary.notes)
      if let ruleEdit, model == nil {
        try recodeChangedRules(
          ruleEdit, in: project, path: path, documents: documents, codebook: active,
          protocol: interviewProtocol, detect: false,
          summary: &summary)
      } else {
        try recode(
          project, documents: documents, codebook: active, protocol: interviewProtocol, model: model
        )
        try redetect(project, path: path)
      }
      try summary.count(project)
      try project.log(
        command: "code", summary: "\(summary.autoCodings) automatic codings", at: environment.now())
    }
    return summary
  }

  /// Links passages to the protocol and replaces the automatic codings of some documents.
  ///
  /// Documents go in batches: each batch is read from the project, linked and coded on every
  /// core, then written, so memory holds one batch and the writes stay in one transaction.
  ///
  /// - Parameter edit: re-code only the codes whose rules changed (the codebook is otherwise
  ///   the one the project was coded with, and the protocol links are current): only the
  ///   documents and passages where the edit's terms occur are read and coded, only the changed
  ///   codes' rules run, and only codings that differ from the stored ones are deleted or added.
  /// - Returns: the documents whose automatic codings were written, and of those the ones whose
  ///   codings changed in what contradiction detection reads (`Coding.detectionKey`).
  @discardableResult
  func recode(
    _ project: Project, documents: [Int64], codebook: Codebook,
    protocol interviewProtocol: InterviewProtocol?,
    edit: RuleEdit? = nil, model: ModelCoding? = nil
  ) throws -> (written: [Int64], forDetection: [Int64]) {
    var rules = codebook
    if let edit {
      for index in rules.codes.indices where !edit.codes.contains(rules.codes[index].id) {
        rules.codes[index].rules = []
      }
    }
    let coder = AutoCoder(codebook: rules, protocol: interviewProtocol)
    let linker =
      edit == nil ? interviewProtocol.map { questionLinker(for: $0, encoder: model?.encoder) } : nil
    var written: [Int64] = []
    var changed: [Int64] = []
    /// `vectors`: for the learned coder, the vectors of the document's sentences and contexts.
    typealias Input = (
      id: Int64, document: Document, passages: [Passage], vectors: [String: [Float]]
    )
    /// `coded`: the passages coded, when only those a touched term occurs in were.
    typealias Output = (passages: [Passage], codings: [Coding], linked: Bool, coded: Set<Int64>?)
    let filter = edit.map(\.filter).flatMap { $0.codesEveryDocument ? nil : $0 }
    /// A batch's documents with their passages (SQLite, this thread); for an edit, only the
    /// passages where a touched term's letters occur, and only documents that have some.
    func read(_ batch: [Int64]) throws -> [Input] {
      let documents = try batch.compactMap { id in
        try project.document(id: id).map { (id: id, document: $0) }
      }
      guard let filter else {
        let read = try documents.map {
          (id: $0.id, document: $0.document, passages: try project.passages(documentID: $0.id))
        }
        guard let model else { return read.map { ($0.id, $0.document, $0.passages, [:]) } }
        // The learned coder codes interviews; survey answers keep the rules.
        let interviews = read.filter { $0.document.format != .survey }
        var texts = interviews.flatMap { item in
          CodingUnit.units(of: item.passages, document: item.document.key).flatMap(\.texts)
        }
        if let linker {
          texts += interviews.flatMap { Self.linkingTexts(of: $0.passages, linker: linker) }
        }
        let vectors = try vectors(for: texts, encoder: model.encoder, in: project)
        return read.map { ($0.id, $0.document, $0.passages, vectors) }
      }
      let found = concurrentMap(documents.count) {
        filter.occurrences(in: documents[$0].document.text)
      }
      return try zip(documents, found).compactMap { item, ranges in
        if ranges?.isEmpty == true { return nil }
        let passages =
          try ranges.map { try project.passages(documentID: item.id, overlapping: $0) }
          ?? project.passages(documentID: item.id)
        return (id: item.id, document: item.document, passages: passages, vectors: [:])
      }
    }
    /// A batch linked and coded on every core.
    @Sendable func code(_ inputs: [Input]) -> [Output] {
      concurrentMap(inputs.count) { index in
        var passages = inputs[index].passages
        // Survey answers are linked to their items already; the protocol is for interviews.
        let linked = linker != nil && inputs[index].document.format != .survey
        if linked, let linker { passages = linker.link(passages, vectors: inputs[index].vectors) }
        guard let filter else {
          let ruleCodings = coder.code(passages, documentText: inputs[index].document.text)
          guard let model, inputs[index].document.format != .survey else {
            return (passages, ruleCodings, linked, nil)
          }
          let units = CodingUnit.units(
            of: passages, document: inputs[index].document.key, ruleCodings: ruleCodings,
            codebook: codebook)
          let vectors = inputs[index].vectors
          let features = UnitFeatures.matrix(units, vector: { vectors[$0] })
          return (passages, model.coder.code(units, features: features), linked, nil)
        }
        // A coding lies inside one passage and reads its text alone: only the passages a
        // touched term occurs in can change.
        let candidates = passages.filter { filter.mayChange(text: $0.text) }
        let codings =
          candidates.isEmpty
          ? [] : coder.code(candidates, documentText: inputs[index].document.text)
        return (passages, codings, linked, Set(candidates.compactMap(\.id)))
      }
    }
    /// A coded batch's links and codings (SQLite, this thread).
    func write(_ inputs: [Input], _ results: [Output]) throws {
      for (input, result) in zip(inputs, results) {
        if result.linked {
          try project.setQuestions(
            result.passages.compactMap { passage in passage.id.map { ($0, passage.questionID) } })
        }
        if let edit {
          var stored = try project.autoCodings(documentID: input.id, codes: edit.codes)
          if let coded = result.coded { stored.removeAll { !coded.contains($0.passageID) } }
          let difference = Self.difference(from: stored, to: result.codings)
          guard
            !difference.removed.isEmpty || !difference.added.isEmpty || !difference.updated.isEmpty
          else { continue }
          // Updates keep what detection reads; what is left removed or added differs in it.
          if !difference.removed.isEmpty || !difference.added.isEmpty { changed.append(input.id) }
          try project.updateAutoCodings(
            documentID: input.id, removing: difference.removed.compactMap(\.id),
            adding: difference.added,
            updating: difference.updated, documentText: input.document.text)
        } else {
          changed.append(input.id)
          try project.replaceAutoCodings(
            documentID: input.id, with: result.codings, documentText: input.document.text)
        }
        written.append(input.id)
      }
    }
    // Three stages overlap: while one batch is coded on the other threads, this thread writes
    // the batch before it and reads the one after.
    var coding: (inputs: [Input], results: Background<[Output]>)?
    try forEachBatch(of: documents) { batch, start in
      let inputs = try read(batch)
      let previous = coding.map { ($0.inputs, $0.results.value()) }
      coding = (inputs, Background { code(inputs) })
      environment.progress("coding \(start + batch.count)/\(documents.count)")
      if let previous { try write(previous.0, previous.1) }
    }
    if let coding { try write(coding.inputs, coding.results.value()) }
    return (written, changed)
  }

  /// Re-codes the codes whose rules changed in `documents`, says what was rewritten, and reads
  /// contradictions again when a coding changed in what detection reads (or when `detect`).
  func recodeChangedRules(
    _ edit: RuleEdit, in project: Project, path: String, documents: [Int64], codebook: Codebook,
    protocol interviewProtocol: InterviewProtocol?, detect: Bool, summary: inout RunSummary
  ) throws {
    let recoded: (written: [Int64], forDetection: [Int64])
    if edit.codes.isEmpty {
      recoded = ([], [])
      summary.notes.append("no rule changed: codings kept")
    } else {
      recoded = try recode(
        project, documents: documents, codebook: codebook, protocol: interviewProtocol, edit: edit)
      summary.notes.append(
        "rules changed for \(edit.codes.sorted().joined(separator: ", ")): codings rewritten in \(recoded.written.count) of "
          + "\(documents.count) documents, \(recoded.forDetection.count) of them where contradictions are read"
      )
    }
    // Also for a project never read for contradictions (one made before they were stored).
    if try detect || !recoded.forDetection.isEmpty || !project.hasContradictions() {
      try redetect(project, path: path)
    }
  }

  /// What a new run changes in a document's stored codings, compared by everything the coder
  /// sets (`comparisonKey`): codings it no longer makes, codings new to it, and codings in the same
  /// place (passage, code, span, whether words matched) whose rules, matched words or negation
  /// changed, kept with their stored ids (an update leaves the indexes alone).
  static func difference(from stored: [Coding], to new: [Coding])
    -> (removed: [Coding], added: [Coding], updated: [Coding])
  {
    var unmatched: [String: [Coding]] = [:]
    for coding in stored { unmatched[coding.comparisonKey, default: []].append(coding) }
    var added: [Coding] = []
    for coding in new {
      let key = coding.comparisonKey
      if unmatched[key]?.popLast() == nil { added.append(coding) }
    }
    // Paired by what detection reads (`detectionKey`), which an update leaves as it was.
    var removedByPlace: [String: [Coding]] = [:]
    for coding in unmatched.values.joined() {
      removedByPlace[coding.detectionKey, default: []].append(coding)
    }
    var updated: [Coding] = []
    var inserted: [Coding] = []
    for coding in added {
      if let old = removedByPlace[coding.detectionKey]?.popLast() {
        var kept = coding
        kept.id = old.id
        updated.append(kept)
      } else {
        inserted.append(coding)
      }
    }
    return (Array(removedByPlace.values.joined()), inserted, updated)
  }

  /// The codes whose rules differ between the codebook a project was coded with and a new one,
  /// when nothing else that coding or contradiction detection reads has changed (the codes,
  /// their order, parents and elements; negation cues; tension settings), with the documents
  /// the edit can change. Nil means everything must be coded again, as for a project not yet
  /// coded. Names, definitions, examples and report settings do not count.
  static func ruleEdit(in project: Project, to new: Codebook) throws -> RuleEdit? {
    guard try project.codingCounts().automatic > 0,
      let old = try Instruments.storedCodebook(project)
    else { return nil }
    func shape(_ codebook: Codebook) -> [String] {
      codebook.codes.map { "\($0.id)|\($0.parentID ?? "")|\($0.element?.rawValue ?? "")" }
    }
    guard shape(old) == shape(new), old.negationCues == new.negationCues, old.tension == new.tension
    else { return nil }
    var changed: Set<String> = []
    for (before, after) in zip(old.codes, new.codes) where before.rules != after.rules {
      changed.insert(after.id)
    }
    return RuleEdit(codes: changed, filter: RecodeFilter(old: old, new: new, codes: changed))
  }

  func link(_ project: Project, documents: [Int64], protocol interviewProtocol: InterviewProtocol)
    throws
  {
    let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
    let linker = questionLinker(for: interviewProtocol, encoder: encoder)
    for documentID in documents {
      let read = try project.passages(documentID: documentID)
      let meaning = try encoder.map {
        try vectors(for: Self.linkingTexts(of: read, linker: linker), encoder: $0, in: project)
      }
      let passages = linker.link(read, vectors: meaning ?? [:])
      try project.setQuestions(
        passages.compactMap { passage in passage.id.map { ($0, passage.questionID) } })
    }
  }

  /// A protocol's linker: by words and, with the sentence model, by meaning.
  func questionLinker(for interviewProtocol: InterviewProtocol, encoder: SentenceEncoder?)
    -> QuestionLinker
  {
    let wordings = encoder.map { $0.encode(QuestionLinker.wordingTexts(of: interviewProtocol)) }
    return QuestionLinker(protocol: interviewProtocol, wordingVectors: wordings)
  }

  /// The texts of a document's interviewer turns the linker compares by meaning.
  static func linkingTexts(of passages: [Passage], linker: QuestionLinker) -> [String] {
    passages.filter { $0.role == .interviewer }.flatMap { linker.candidates(for: $0.text) }
  }

  // MARK: - Reading a project

  /// Everything the tables need, read in one transaction.
  ///
  /// - Parameter texts: false leaves the documents' and passages' texts out, to be read from
  ///   the project when asked (`CorpusSnapshot.text(of:)`): a large study's texts are most of
  ///   it, and the tables and the brief read few of them.
  public func snapshot(project path: String, texts: Bool = true) throws -> CorpusSnapshot {
    let store = try ProjectStore(path: path, mustExist: true)
    let source = texts ? nil : StoredPassageTexts(store: store, path: path)
    return try store.read { project in try snapshot(project, path: path, textSource: source) }
  }

  /// The project as the tables see it. Interview analyses (the brief's counts of principals,
  /// time, motivation, contradictions) read interviews only; `includeSurveys` adds the survey
  /// answers and their respondents (REFI-QDA export, full-text search).
  /// With a `textSource`, texts are left out and read from it.
  func snapshot(
    _ project: Project, path: String, includeSurveys: Bool = false,
    textSource: (any PassageTextSource)? = nil
  ) throws -> CorpusSnapshot {
    guard let codebook = try Instruments.storedCodebook(project) else {
      throw PipelineError(
        .missingCodebook, "\(path) has no codebook yet; run `qda code --codebook <file>`")
    }
    // Survey answers left out in SQLite: a large survey has far more of them than interviews.
    let documents = try project.documents(interviewsOnly: !includeSurveys, texts: textSource == nil)
    let passages = try project.passageColumns(
      interviewsOnly: !includeSurveys, texts: textSource == nil)
    let codings = try project.codingColumns(CodingFilter(interviewsOnly: !includeSurveys))
    var participants = try project.participants()
    if !includeSurveys {
      let respondents = try project.surveyRespondentIDs()
      if !respondents.isEmpty {
        let interviewed = Set(documents.map { $0.participantID.lowercased() })
        participants = participants.filter {
          !respondents.contains($0.id.lowercased()) || interviewed.contains($0.id.lowercased())
        }
      }
    }
    var attributes = try project.attributes()
    if !includeSurveys {
      // Attributes only respondents have (`survey`, `finished`) are not the interviews'.
      let used = Set(participants.flatMap { $0.attributes.keys.map { $0.lowercased() } })
      attributes = attributes.filter { used.contains($0.name.lowercased()) }
    }
    return CorpusSnapshot(
      codebook: codebook,
      interviewProtocol: try Instruments.storedProtocol(project, codebook: codebook),
      attributes: attributes, participants: participants, documents: documents,
      passageColumns: passages, codingColumns: codings, textSource: textSource)
  }

  /// Detects contradictions again, keeping researchers' decisions and additions.
  ///
  /// Detection reads each interview on its own, so documents are read and read for
  /// contradictions a batch at a time (in key order, as a whole snapshot would list them): memory
  /// holds one batch of documents, not the corpus.
  func redetect(_ project: Project, path: String) throws {
    guard let codebook = try Instruments.storedCodebook(project) else {
      throw PipelineError(
        .missingCodebook, "\(path) has no codebook yet; run `qda code --codebook <file>`")
    }
    let detector = ContradictionDetector(lexicon: .forCodebook(codebook))
    let ids = try project.documentIDs(interviewsOnly: true)
    let learned = try tensionDetection(project, codebook: codebook)
    var found: [Contradiction] = []
    try forEachBatch(of: ids) { batch, start in
      environment.progress("detecting contradictions \(start + batch.count)/\(ids.count)")
      let documents = try batch.compactMap { try project.document(id: $0) }
      if let learned {
        for document in documents {
          found += try learned.detect(
            document, passages: try project.passages(documentID: document.id ?? 0),
            detector: detector
          ) {
            try vectors(for: $0, encoder: learned.encoder, in: project)
          }
        }
        return
      }
      let passages = try batch.flatMap { try project.passages(documentID: $0) }
      let codings = try batch.flatMap { try project.codings(CodingFilter(documentID: $0)) }
      found += detector.detect(
        CorpusSnapshot(
          codebook: codebook, documents: documents, passages: passages, codings: codings))
    }
    try project.replaceAutoContradictions(found, key: ContradictionSummary.key)
  }

  /// The project's contradictions: detected, confirmed, rejected and added by hand.
  public func contradictions(project path: String) throws -> [Contradiction] {
    try ProjectStore(path: path, mustExist: true).read { try $0.contradictions() }
  }
}

extension Coding {
  /// Everything the coder decides about a coding, as one comparable string.
  var comparisonKey: String {
    "\(passageID) \(codeID) \(span.start) \(span.end) \(ruleID ?? "") \(negated) "
      + matched.joined(separator: "\u{1F}")
  }

  /// What contradiction detection reads of an automatic coding: where it lies, its code, and
  /// whether words matched (codings of whole answers carry none and are not evidence).
  var detectionKey: String {
    "\(passageID) \(codeID) \(span.start) \(span.end) \(matched.isEmpty)"
  }
}

/// A codebook edit that changed only some codes' rules: which codes, and which documents it can
/// change.
struct RuleEdit {
  var codes: Set<String>
  var filter: RecodeFilter
}

final class Counter: Sendable {
  private let value: Mutex<Int>

  init(_ start: Int = 0) { value = Mutex(start) }

  func increment() -> Int {
    value.withLock { value in
      value += 1
      return value
    }
  }
}

extension RunSummary {
  /// The project's passages and codings, counted in the database rather than read.
  mutating func count(_ project: Project) throws {
    passages = try project.passageCount()
    (autoCodings, manualCodings) = try project.codingCounts()
  }
}
