import QDAAnalysis
import QDAContradictions
import QDAModel
@testable import QDAReport
import Testing

/// The contradiction heatmap and the matrix table show the same number for every pair: the
/// participants with a contradiction between the two, whatever reasons its detections give.
@Suite struct ContradictionFigureTests {
  static func contradiction(_ participant: String, _ first: Element, _ second: Element, reason: String? = nil) -> Contradiction {
    Contradiction(
      level: first == second ? .primary : .secondary, first: first, second: second, manifestation: .dilemma,
      participant: participant, passageIDs: [], spans: [], evidence: reason.map { "opposed content: \($0)" } ?? "cue: but",
      confidence: 0.8)
  }

  static let summary = ContradictionSummary(
    [
      // One pair, two reasons (two groups in the brief's list), three participants in all.
      contradiction("P1", .rules, .divisionOfLabor, reason: "the hours against the job"),
      contradiction("P2", .divisionOfLabor, .rules, reason: "the deadline against staffing"),
      contradiction("P3", .rules, .divisionOfLabor, reason: "the deadline against staffing"),
      contradiction("P3", .rules, .divisionOfLabor),
      // The subject's identity against the programme.
      contradiction("P4", .subject, .object),
    ],
    corpus: CorpusSnapshot(codebook: Codebook(name: "t", version: "1", codes: [])))

  @Test func everyHeatmapCellIsItsTableCell() throws {
    let summary = Self.summary
    let table = summary.matrix
    let (elements, counts) = BriefCharts.contradictionCounts(summary)
    #expect(elements == [.subject, .object, .rules, .divisionOfLabor])
    let columns = Array(table.columns.dropFirst())
    for (r, row) in elements.enumerated() {
      for (c, column) in elements.enumerated() {
        let (low, high) = row <= column ? (row, column) : (column, row)
        let tableRow = try #require(table.rows.first { $0.first?.text == low.name })
        let index = try #require(columns.firstIndex(of: high.name))
        #expect(Int(tableRow[index + 1].value ?? -1) == counts[r][c], "\(row.name) × \(column.name)")
      }
    }
    let rules = try #require(elements.firstIndex(of: .rules)), labor = try #require(elements.firstIndex(of: .divisionOfLabor))
    #expect(counts[rules][labor] == 3)
    // Subject has its row in the table.
    #expect(table.rows.map { $0[0].text } == Element.allCases.map(\.name))
    let subjectRow = try #require(table.rows.first)
    #expect(subjectRow[1 + Element.allCases.firstIndex(of: .object)!].text == "1 (1)")
  }
}
