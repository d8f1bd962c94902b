import Foundation
public import QDAAnalysis
import QDAArchive
import QDAIngest
import QDAReport
import QDAContradictions
import QDAModel
import QDAStore
import QDARedaction
import QDAEncoder
import QDAText
import QDAConcurrency

extension Pipeline {
  /// Writes the brief (`report.md`, `report.html`, `report.docx`, `figures/`), the tables
  /// (`tables/<id>.{md,csv,json}`, each CSV with its data dictionary `<id>.dictionary.csv`), `analysis.json` and `manifest.json` (inputs and outputs with
  /// their SHA-256, and the run that made them, for `qda verify`).
  ///
  /// - Parameters:
  ///   - template: a brief template (Mustache over Markdown); the default when nil.
  ///   - keepNames: quote participants' words with people's names as spoken; by default the
  ///     brief replaces them (`QuoteNameMask`).
  ///   - request: the analyze run that filled the project, recorded in the manifest so that
  ///     `qda verify` can run it again; nil for a report made from a project as it stands.
  /// - Returns: the paths written.
  public func writeReport(
    project path: String, out: String, template: String? = nil, keepNames: Bool = false,
    request: IngestRequest? = nil
  ) throws -> [String] {
    var made: [String] = []
    // The project's snapshot, tables and contradictions are let go once analysis.json and the
    // tables are written, before the brief is rendered in its three formats: for a large study
    // each is hundreds of megabytes.
    let (report, manifest, knownHashes) = try writeAnalysis(
      project: path, out: out, template: template, keepNames: keepNames, request: request,
      written: &made)
    environment.progress("writing the brief")
    let md = try Self.write(Data(MarkdownRenderer().render(report).utf8), "report.md", in: out)
    let html = try Self.write(Data(HTMLRenderer().render(report).utf8), "report.html", in: out)
    let docx = (out as NSString).appendingPathComponent("report.docx")
    try writeDocx(report, to: docx)
    // Listed brief first, as the console shows them.
    var written = [md, html, docx] + made
    environment.progress("writing the manifest")
    let recorded = manifest.recording(outputs: written, in: out, knownHashes: knownHashes.value())
    written.append(try Self.write(Data(try recorded.json().utf8), ReportManifest.fileName, in: out))
    return written
  }

  /// The people whose names the brief replaces in quoted words: speakers whose labels are
  /// names (a participant's becomes their id), interviewers named in headers, and participants'
  /// name attributes (`name`, `full_name`, …).
  static func quoteNameMask(_ corpus: CorpusSnapshot) -> QuoteNameMask {
    var people: [QuoteNameMask.Person] = []
    var seen = Set<String>()
    func add(_ name: String, participant: String?) {
      if seen.insert(name + "\u{0}" + (participant ?? "")).inserted {
        people.append(.init(name: name, participant: participant))
      }
    }
    for participant in corpus.participants {
      for (attribute, value) in participant.attributes.sorted(by: { $0.key < $1.key })
      where identifyingAttributeNames[attribute.lowercased()] == .participant {
        if case .category(let name) = value, !name.isEmpty, !name.contains("@") {
          add(name, participant: participant.id)
        }
      }
    }
    for document in corpus.documents {
      if let interviewer = document.metadata["interviewer"],
        QuoteNameMask.isName(interviewer, participant: document.participantID)
      {
        add(interviewer, participant: nil)
      }
    }
    var labels = Set<String>()
    for passage in corpus.passages {
      guard let label = passage.speaker, let document = corpus.document(passage.documentID),
        labels.insert(label + "\u{0}" + document.participantID).inserted,
        QuoteNameMask.isName(label, participant: document.participantID)
      else { continue }
      add(label, participant: passage.role == .participant ? document.participantID : nil)
    }
    return QuoteNameMask(people: people)
  }

  /// Writes a file of a report folder in one go (atomically); returns its path.
  private static func write(_ data: Data, _ relative: String, in out: String) throws -> String {
    let target = (out as NSString).appendingPathComponent(relative)
    try data.write(to: URL(fileURLWithPath: target), options: .atomic)
    return target
  }

  /// Reads the project, builds the brief, and writes what is made from the project itself:
  /// `analysis.json` (hashed on another core while the rest are written), the figures and the
  /// tables. Returns the brief, the manifest without its outputs, and the outputs already hashed.
  private func writeAnalysis(
    project path: String, out: String, template: String?, keepNames: Bool, request: IngestRequest?,
    written: inout [String]
  ) throws -> (ReportDocument, ReportManifest, Background<[String: String]>) {
    let brief = try template.map(Self.loadTemplate) ?? BriefTemplate.standard
    environment.progress("reading the project for the report")
    let corpus = try snapshot(project: path, texts: false)
    environment.progress("tables")
    var analysis = try analysis(corpus, project: path)
    let mask = keepNames ? nil : Self.quoteNameMask(corpus)
    if let mask {
      // A "resource" that is a person's name (a colleague many named) goes in no table or brief.
      analysis.namedResources.resources.removeAll { resource in
        ([resource.name] + resource.forms).contains { mask.mask($0).replaced > 0 }
      }
    }
    let contradictions = ContradictionSummary(
      try self.contradictions(project: path), corpus: corpus)
    let surveys = try surveyOutputs(project: path)
    let methods = try methodsContext(project: path, corpus: corpus, surveys: surveys.map(\.summary))
    environment.progress("writing the brief")
    var report = BriefBuilder(
      corpus: corpus, analysis: analysis, contradictions: contradictions, methods: methods,
      names: mask
    ).build()
    if !surveys.isEmpty {
      report.insert(
        [.heading(level: 1, text: "Surveys", anchor: "surveys")]
          + surveys.flatMap { SurveySection.blocks($0.summary) },
        beforeAnchor: "tables")
      // At the end of the Tables section, with the interviews' tables.
      report.insert(SurveySection.tableBlocks(surveys.flatMap(\.tables)), beforeAnchor: "methods")
    }
    let study = corpus.interviewProtocol?.study
    let values: [String: Any] = [
      "participants": corpus.interviewed.count,
      "participants_in_words": CountWording.number(corpus.interviewed.count),
      "documents": corpus.documents.count,
      "codebook": "\(corpus.codebook.name) v\(corpus.codebook.version)",
      "study": [
        "title": study?.title ?? report.title,
        "participant": study?.participantNoun ?? "participant",
        "participants": study?.participantsNoun ?? "participants", "period": study?.period ?? "",
        "programme": study?.programme ?? "",
      ] as [String: Any],
    ]
    do {
      report = try brief.render(report, values: values)
    } catch let error as ReportTemplateError {
      throw PipelineError(.invalidOption, error.description)
    }
    // Nothing is written from a passage text the project could not give.
    try corpus.checkTexts()
    let fileManager = FileManager.default
    try fileManager.createDirectory(atPath: out, withIntermediateDirectories: true)
    environment.progress("writing analysis.json")
    // Written before the other files once the brief is ready (nothing is written when its
    // template fails) and streamed to its file: for a large study it is the biggest output by
    // far. It is hashed for the manifest on another core while the rest are written.
    let analysisFile = (out as NSString).appendingPathComponent("analysis.json")
    let export = try AnalysisExport(
      corpus: corpus, analysis: analysis, toolVersion: environment.toolVersion,
      contradictions: contradictions.contradictions,
      surveys: surveys.map { ($0.summary, $0.withUnfinished) },
      documentText: try documentTexts(project: path))
    try StreamedFile.write(toFile: analysisFile) { sink in try export.write(sink) }
    do {
      try corpus.checkTexts()
    } catch {
      try? fileManager.removeItem(atPath: analysisFile)
      throw error
    }
    let analysisHash = Background {
      SHA256.hex(ofFileAt: analysisFile).map { [analysisFile: $0] } ?? [:]
    }
    written.append(analysisFile)
    let tablesFolder = (out as NSString).appendingPathComponent("tables")
    try fileManager.createDirectory(atPath: tablesFolder, withIntermediateDirectories: true)
    if !report.figures.isEmpty {
      try fileManager.createDirectory(
        atPath: (out as NSString).appendingPathComponent("figures"),
        withIntermediateDirectories: true)
      for figure in report.figures {
        written.append(try Self.write(Data(figure.svg.utf8), "figures/\(figure.id).svg", in: out))
      }
    }
    for table in analysis.tables + contradictions.tables + surveys.flatMap(\.tables) {
      // Each written a megabyte or so at a time: a large study's tables run to a hundred.
      let file = (out as NSString).appendingPathComponent("tables/\(table.id)")
      try StreamedFile.write(toFile: file + ".md") { sink in
        try TableRenderer.writeMarkdown(table) { try sink(Data($0.utf8)) }
      }
      try StreamedFile.write(toFile: file + ".csv") { sink in
        try TableRenderer.writeCSV(table) { try sink(Data($0.utf8)) }
      }
      try StreamedFile.write(toFile: file + ".json") { try TableRenderer.writeJSON(table, to: $0) }
      written.append(
        try Self.write(
          Data(TableRenderer.dictionaryCSV(table).utf8), "tables/\(table.id).dictionary.csv",
          in: out))
      written += [file + ".md", file + ".csv", file + ".json"]
    }
    let manifest = try ReportManifest(
      project: path, out: out, request: request, template: template, keepNames: keepNames,
      corpus: corpus, pipeline: self)
    return (report, manifest, analysisHash)
  }

  /// Every table of a snapshot, the recommendations and the code themes grouped by meaning
  /// when the model is installed and the project keeps the sentences' vectors (by words when
  /// not), and the platform and content feedback read for valence when the project also keeps a
  /// valence model: what the report, the JSON export and `qda tables` all state.
  public func analysis(_ corpus: CorpusSnapshot, project path: String) throws -> Analysis {
    var analysis = Analysis(corpus, groupingThemes: false)
    let recommendations = analysis.recommendations
    let themes = analysis.codeThemes
    let feedback = analysis.feedbackValence
    let feedbackSentences = feedback.codes.flatMap { $0.sentences.map(\.text) }
    guard
      !recommendations.suggestions.isEmpty || !themes.codes.isEmpty || !feedbackSentences.isEmpty
    else { return analysis }
    // A coded span's sentences, split once: its vector is the mean of theirs.
    let sentencesOf: [[[String]]] = themes.codes.map { code in
      code.items.map { item in
        let scalars = Array(item.text.unicodeScalars)
        return SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).map {
          String(String.UnicodeScalarView(scalars[$0]))
        }
      }
    }
    // The vectors of all three, and the valence model, read from the project in one go.
    let read = try storedVectors(
      for: [
        recommendations.suggestions.map(\.text),
        Array(Set(sentencesOf.flatMap { $0.flatMap { $0 } })).sorted(), feedbackSentences,
      ],
      project: path, slot: .valence)
    let lookups = read?.vectors
    if !recommendations.suggestions.isEmpty, let vectors = lookups?[0] {
      let ordered = recommendations.suggestions.compactMap { vectors[$0.text] }
      if ordered.count == recommendations.suggestions.count {
        analysis.recommendations = recommendations.regrouped(
          vectors: ordered, interviewed: corpus.interviewed)
      }
    }
    if let vectors = lookups?[2], let data = read?.model, let fingerprint = read?.fingerprint {
      let model = try ValenceModel.decode(data, file: "the project's valence model")
      // Vectors of another sentence model mean nothing to the model's weights.
      if model.encoder == fingerprint {
        analysis.feedbackValence = feedback.read(vector: { vectors[$0] }, model: model)
      }
    }
    guard !themes.codes.isEmpty else { return analysis }
    guard let vectors = lookups?[1] else {
      analysis.codeThemes = themes.groupedByWords(interviewed: corpus.interviewed)
      return analysis
    }
    var itemVectors: [CodeThemeTable.Item: [Float]] = [:]
    for (code, sentences) in zip(themes.codes, sentencesOf) {
      for (item, parts) in zip(code.items, sentences) {
        let found = parts.compactMap { vectors[$0] }
        guard let first = found.first else { continue }
        var sum = [Float](repeating: 0, count: first.count)
        for vector in found { for k in sum.indices where k < vector.count { sum[k] += vector[k] } }
        itemVectors[item] = sum
      }
    }
    analysis.codeThemes = themes.regrouped(
      vector: { [itemVectors] in itemVectors[$0] }, interviewed: corpus.interviewed)
    return analysis
  }

  /// For each list of texts, text → vector from the project's store (one read for all the
  /// lists, and for the model kept in `slot`), for grouping and reading by meaning; the few texts
  /// a list lacks (sentences split differently from the coder's) are embedded now and not
  /// stored, a report only reads the project. Nil when the model is not installed; a list's
  /// entry is nil when the project lacks more than `embeddedAtMost` of its texts and more than
  /// one in 20 (it was coded without the model: the report does not embed a study).
  func storedVectors(
    for lists: [[String]], project path: String, slot: Project.CodingModelSlot
  ) throws -> (vectors: [[String: [Float]]?], model: Data?, fingerprint: String)? {
    guard
      let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
    else { return nil }
    let keyed = lists.map { texts in
      Dictionary(texts.map { (TextKey.of($0), $0) }, uniquingKeysWith: { first, _ in first })
    }
    let keys = Array(Set(keyed.flatMap(\.keys)))
    let (stored, model) = try ProjectStore(path: path, mustExist: true).read {
      (try $0.sentenceVectors(keys: keys, model: encoder.fingerprint), try $0.codingModel(slot))
    }
    let vectors = keyed.map { keyed -> [String: [Float]]? in
      let missing = keyed.filter { stored[$0.key] == nil }.map(\.value).sorted()
      guard missing.count <= max(Self.embeddedAtMost, keyed.count / 20) else { return nil }
      var result: [String: [Float]] = [:]
      for (key, text) in keyed { if let vector = stored[key] { result[text] = vector } }
      for (text, vector) in zip(missing, encoder.encode(missing)) { result[text] = vector }
      return result
    }
    return (vectors, model, encoder.fingerprint)
  }

  /// The most texts a report embeds itself when the project lacks their vectors.
  static let embeddedAtMost = 200

  /// Writes the brief as a Word document. Its body is written to a file beside it first, then
  /// zipped from there: for a large study it runs to hundreds of megabytes.
  func writeDocx(_ report: ReportDocument, to docx: String) throws {
    let body = docx + ".body-\(ProcessInfo.processInfo.processIdentifier)"
    defer { try? FileManager.default.removeItem(atPath: body) }
    var parts: [(path: String, bytes: [UInt8]?)] = []
    try StreamedFile.write(toFile: body) { sink in
      parts = try DocxRenderer().render(report) { try sink(Data($0)) }
    }
    let zip = try ZipWriter(path: docx, fixedDates: true)
    do {
      for part in parts {
        if let bytes = part.bytes {
          try zip.add(part.path, bytes: bytes)
        } else {
          try zip.add(part.path, contentsOfFile: body)
        }
      }
      try zip.finish()
    } catch {
      zip.abandon()
      throw error
    }
  }

  static func loadTemplate(_ path: String) throws -> BriefTemplate {
    let text: String
    do {
      text = try TextDecoder.decode(try InputReader.bytes(atPath: path), file: path).text
    } catch {
      throw PipelineError(.missingInput, "\(path): cannot read the template (\(error))")
    }
    do {
      return try BriefTemplate(text: text, file: path)
    } catch let error as ReportTemplateError {
      throw PipelineError(.invalidOption, error.description)
    }
  }

  /// What the methods appendix reports beyond the corpus.
  func methodsContext(project path: String, corpus: CorpusSnapshot, surveys: [SurveySummary]) throws
    -> MethodsContext
  {
    let store = try ProjectStore(path: path, mustExist: true)
    let instrument = try store.read { try $0.instrument(.codebook) }
    let coders = Set(corpus.codings.countsByCoder.keys).subtracting([Pipeline.consensusCoder])
      .sorted()
    let agreement = coders.count >= 2 ? try? self.agreement(project: path, coders: coders) : nil
    return MethodsContext(
      codebookFile: instrument?.file, codebookHash: instrument?.contentHash, agreement: agreement,
      toolVersion: environment.toolVersion,
      surveys: surveys.map { ($0.source, $0.dialect.name, $0.counted) })
  }

  /// The JSON export of a project.
  public func exportJSON(project path: String) throws -> String {
    let corpus = try snapshot(project: path, texts: false)
    let json = try AnalysisExport(
      corpus: corpus, analysis: try analysis(corpus, project: path),
      toolVersion: environment.toolVersion,
      contradictions: try contradictions(project: path),
      surveys: try surveyOutputs(project: path).map { ($0.summary, $0.withUnfinished) },
      documentText: try documentTexts(project: path)
    ).json()
    try corpus.checkTexts()
    return json
  }

  /// Reads a document's text from the project when asked: for a snapshot read without them.
  func documentTexts(project path: String) throws -> (Document) throws -> String {
    let store = try ProjectStore(path: path, mustExist: true)
    return { document in
      guard let id = document.id, let stored = try store.read({ try $0.document(id: id) }) else {
        throw PipelineError(
          .notFound, "\(path): document \(document.key) is no longer in the project")
      }
      return stored.text
    }
  }

  /// Every table of a project, the surveys' included.
  public func tables(project path: String) throws -> [DataTable] {
    let corpus = try snapshot(project: path, texts: false)
    let tables = try analysis(corpus, project: path).tables
    try corpus.checkTexts()
    return tables + (try surveyOutputs(project: path).flatMap(\.tables))
  }

  /// Each stored survey's summaries (without and with unfinished responses) and tables, the
  /// codes of its open answers included.
  public func surveyOutputs(project path: String, includeUnfinished: Bool = false) throws
    -> [(summary: SurveySummary, withUnfinished: SurveySummary, tables: [DataTable])]
  {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      let surveys = try project.surveys()
      guard !surveys.isEmpty else { return [] }
      let codebook = try Instruments.storedCodebook(project)
      let documents = try project.documents(texts: false).filter { $0.format == .survey }
      var results: [(SurveySummary, SurveySummary, [DataTable])] = []
      for survey in surveys {
        let summary = SurveySummary(survey, includeUnfinished: includeUnfinished)
        let mine = documents.filter { $0.sourcePath == survey.source }
        var byCode: [String: (respondents: Set<String>, passages: [Int64], listed: Set<Int64>)] =
          [:]
        for document in mine {
          guard let id = document.id else { continue }
          for coding in try project.codings(CodingFilter(documentID: id))
          where coding.isAutomatic || coding.coder != "" {
            // Changed in place: a copy taken out and put back would copy the lists every time.
            byCode[coding.codeID, default: ([], [], [])].respondents.insert(document.participantID)
            if byCode[coding.codeID, default: ([], [], [])].listed.insert(coding.passageID).inserted
            {
              byCode[coding.codeID, default: ([], [], [])].passages.append(coding.passageID)
            }
          }
        }
        let order = Dictionary(
          (codebook?.codes ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let themes = byCode.keys.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }.map {
          code in
          (
            code: code, name: codebook?.code(code)?.name ?? code,
            respondents: (byCode[code]?.respondents ?? []).sorted(),
            passages: byCode[code]?.passages ?? []
          )
        }
        results.append(
          (
            summary, SurveySummary(survey, includeUnfinished: true),
            SurveyTables.tables(summary, themes: themes)
          ))
      }
      return results
    }
  }
}
