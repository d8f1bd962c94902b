import Foundation
public import QDAAnalysis
import QDAReport
import QDAContradictions
import QDAModel
import QDAStore

extension Pipeline {
  /// Writes `report.md`, `report.html`, `analysis.json` and `tables/<id>.{md,csv,json}`.
  ///
  /// - Returns: the paths written.
  public func writeReport(project path: String, out: String) throws -> [String] {
    let corpus = try snapshot(project: path)
    let analysis = Analysis(corpus)
    let contradictions = ContradictionSummary(try self.contradictions(project: path), corpus: corpus)
    var report = BriefBuilder(corpus: corpus, analysis: analysis, contradictions: contradictions).build()
    let surveys = try surveyOutputs(project: path)
    if !surveys.isEmpty {
      report.insert(
        [.heading(level: 1, text: "Surveys", anchor: "surveys")] + surveys.flatMap { SurveySection.blocks($0.summary, tables: $0.tables) },
        beforeAnchor: "tables")
    }
    var written: [String] = []
    let fileManager = FileManager.default
    let tablesFolder = (out as NSString).appendingPathComponent("tables")
    try fileManager.createDirectory(atPath: tablesFolder, withIntermediateDirectories: true)
    func write(_ text: String, _ relative: String) throws {
      let target = (out as NSString).appendingPathComponent(relative)
      try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
      written.append(target)
    }
    try write(MarkdownRenderer().render(report), "report.md")
    try write(HTMLRenderer().render(report), "report.html")
    try write(
      try AnalysisExport(
        corpus: corpus, analysis: analysis, toolVersion: environment.toolVersion, contradictions: contradictions.contradictions,
        surveys: surveys.map { ($0.summary, $0.withUnfinished) }
      ).json(),
      "analysis.json")
    if !report.figures.isEmpty {
      try fileManager.createDirectory(atPath: (out as NSString).appendingPathComponent("figures"), withIntermediateDirectories: true)
      for figure in report.figures { try write(figure.svg, "figures/\(figure.id).svg") }
    }
    for table in analysis.tables + contradictions.tables + surveys.flatMap(\.tables) {
      try write(TableRenderer.markdown(table), "tables/\(table.id).md")
      try write(TableRenderer.csv(table), "tables/\(table.id).csv")
      try write(TableRenderer.json(table), "tables/\(table.id).json")
    }
    return written
  }

  /// The JSON export of a project.
  public func exportJSON(project path: String) throws -> String {
    let corpus = try snapshot(project: path)
    return try AnalysisExport(
      corpus: corpus, analysis: Analysis(corpus), toolVersion: environment.toolVersion,
      contradictions: try contradictions(project: path),
      surveys: try surveyOutputs(project: path).map { ($0.summary, $0.withUnfinished) }).json()
  }

  /// Every table of a project, the surveys' included.
  public func tables(project path: String) throws -> [DataTable] {
    Analysis(try snapshot(project: path)).tables + (try surveyOutputs(project: path).flatMap(\.tables))
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
      let documents = try project.documents().filter { $0.format == .survey }
      var results: [(SurveySummary, SurveySummary, [DataTable])] = []
      for survey in surveys {
        let summary = SurveySummary(survey, includeUnfinished: includeUnfinished)
        let mine = documents.filter { $0.sourcePath == survey.source }
        var byCode: [String: (respondents: Set<String>, passages: [Int64])] = [:]
        for document in mine {
          guard let id = document.id else { continue }
          for coding in try project.codings(CodingFilter(documentID: id)) where coding.isAutomatic || coding.coder != "" {
            var entry = byCode[coding.codeID] ?? ([], [])
            entry.respondents.insert(document.participantID)
            if !entry.passages.contains(coding.passageID) { entry.passages.append(coding.passageID) }
            byCode[coding.codeID] = entry
          }
        }
        let order = Dictionary((codebook?.codes ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let themes = byCode.keys.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }.map { code in
          (code: code, name: codebook?.code(code)?.name ?? code, respondents: (byCode[code]?.respondents ?? []).sorted(),
           passages: byCode[code]?.passages ?? [])
        }
        results.append((summary, SurveySummary(survey, includeUnfinished: true), SurveyTables.tables(summary, themes: themes)))
      }
      return results
    }
  }
}
