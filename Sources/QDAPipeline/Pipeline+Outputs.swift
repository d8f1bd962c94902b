import Foundation
public import QDAAnalysis
import QDAReport
import QDAContradictions

extension Pipeline {
  /// Writes `report.md`, `report.html`, `analysis.json` and `tables/<id>.{md,csv,json}`.
  ///
  /// - Returns: the paths written.
  public func writeReport(project path: String, out: String) throws -> [String] {
    let corpus = try snapshot(project: path)
    let analysis = Analysis(corpus)
    let contradictions = ContradictionSummary(try self.contradictions(project: path), corpus: corpus)
    let report = BriefBuilder(corpus: corpus, analysis: analysis, contradictions: contradictions).build()
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
      try AnalysisExport(corpus: corpus, analysis: analysis, toolVersion: environment.toolVersion, contradictions: contradictions.contradictions).json(),
      "analysis.json")
    for table in analysis.tables + contradictions.tables {
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
      contradictions: try contradictions(project: path)).json()
  }

  /// Every table of a project.
  public func tables(project path: String) throws -> [DataTable] {
    Analysis(try snapshot(project: path)).tables
  }
}
