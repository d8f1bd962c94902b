import Foundation
import QDAAnalysis
import QDAContradictions
import QDAModel
import QDAPipeline
import QDAReport
import Testing
import _QDATestSupport

/// Every number in the brief links to its evidence: a count of what was said to participant
/// passages coded for it (or showing the contradiction counted), never to an interviewer turn or
/// uncoded small talk; a count of people by their attributes to the people and their values.
@Suite struct BriefEvidenceTests {
  /// The sample corpus coded by its rules (and the prior model), its tables and contradictions,
  /// and its brief.
  static func sampleBrief(_ name: String) throws
    -> (temp: TemporaryFolder, corpus: CorpusSnapshot, analysis: Analysis, contradictions: [Contradiction], summary: ContradictionSummary, report: ReportDocument)
  {
    let temp = try TemporaryFolder(name)
    let path = temp.path("p.qda")
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    _ = try pipeline.ingest(.samplePrincipals, project: path)
    _ = try pipeline.code(project: path, codebook: nil)
    let corpus = try pipeline.snapshot(project: path)
    // As the report makes it: themes by meaning and feedback read for valence by the model.
    let analysis = try pipeline.analysis(corpus, project: path)
    let contradictions = try pipeline.contradictions(project: path)
    let summary = ContradictionSummary(contradictions, corpus: corpus)
    let report = BriefBuilder(corpus: corpus, analysis: analysis, contradictions: summary).build()
    return (temp, corpus, analysis, contradictions, summary, report)
  }

  @Test func everyCountLinksToCodedParticipantWordsOrToThePeopleCounted() throws {
    let (temp, corpus, _, contradictions, _, report) = try Self.sampleBrief("evidence")
    defer { withExtendedLifetime(temp) {} }

    let coded = Set(corpus.codings.indices.map { corpus.codings.passageID(at: $0) })
    let inTension = Set(contradictions.flatMap(\.passageIDs))
    var byPeople = 0
    var byPassages = 0
    for reference in report.references {
      if !reference.people.isEmpty {
        byPeople += 1
        #expect(reference.entries.isEmpty, "\(reference.title)")
        for person in reference.people {
          let participant = try #require(corpus.participant(person.participant), "\(reference.title): \(person.participant)")
          #expect(!participant.attributes.isEmpty)
        }
        continue
      }
      byPassages += 1
      for entry in reference.entries {
        let passage = try #require(corpus.passage(entry.passageID))
        #expect(passage.role != .interviewer, "\(reference.title): passage \(entry.passageID) is the interviewer's")
        #expect(
          coded.contains(entry.passageID) || inTension.contains(entry.passageID),
          "\(reference.title): passage \(entry.passageID) is neither coded nor a contradiction's: “\(entry.text)”")
      }
    }
    // The sample's brief counts people (completion, experience, school level) and passages.
    #expect(byPeople >= 4)
    #expect(byPassages >= 20)
  }
}

/// Issue 34, items 3 and 4: the summary on the first page states the figures the tables state,
/// each linked to the same evidence as the body's sentence about it.
@Suite struct BriefSummaryTests {
  @Test func theSummaryComesFirstAndAgreesWithTheTables() throws {
    let (temp, corpus, analysis, _, summary, report) = try BriefEvidenceTests.sampleBrief("summary")
    defer { withExtendedLifetime(temp) {} }

    // First after the overview line, before the approach.
    let headings = report.blocks.compactMap { block -> String? in
      if case .heading(let level, let text, _) = block, level == 1 { return text }
      return nil
    }
    #expect(headings.first == "Summary", "\(headings)")
    let index = try #require(report.blocks.firstIndex { if case .heading(_, "Summary", _) = $0 { return true } else { return false } })
    guard case .bullets(let items) = report.blocks[index + 1] else {
      Issue.record("the summary is not a list")
      return
    }
    func words(_ item: [Inline]) -> String {
      item.map { inline in
        switch inline {
        case .text(let text), .emphasis(let text), .strong(let text), .count(let text, _), .link(let text, _): text
        }
      }.joined()
    }
    func reference(_ item: [Inline], _ text: String) -> Reference? {
      for case .count(let shown, let id) in item where shown == text { return report.references.first { $0.id == id } }
      return nil
    }
    let lines = items.map(words)
    #expect(lines.count >= 5, "\(lines)")

    // Time: the table's mean, linked to the same estimates.
    let time = analysis.timeCommitment
    let mean = try #require(time.meanHours)
    let hours = "\(formatNumber((mean * 10).rounded() / 10)) hours"
    let timeItem = try #require(items.first { words($0).contains(hours) }, "\(lines)")
    #expect(Set(reference(timeItem, hours)?.entries.map(\.passageID) ?? []) == Set(time.estimates.map(\.passageID)))

    // The commonest contradiction: the matrix's largest pair count, in words.
    var largest = 0
    for a in Element.allCases { for b in Element.allCases where a <= b { largest = max(largest, summary.pair(a, b).participants) } }
    let tension = try #require(lines.first { $0.hasPrefix("The contradiction found most often") }, "\(lines)")
    #expect(tension.contains("\(CountWording.number(largest)) of \(CountWording.number(corpus.interviewed.count))"), "\(tension)")

    // Incentives: the table's count of those who said they did not matter.
    let notMattered = analysis.incentives.answers.filter { $0.stance == .didNotMatter }.count
    let incentives = try #require(lines.first { $0.hasPrefix("Incentives:") }, "\(lines)")
    #expect(incentives.contains(CountWording.number(notMattered)), "\(incentives)")

    // Every summary count links somewhere.
    for item in items {
      for case .count(let shown, let id) in item {
        let found = try #require(report.references.first { $0.id == id })
        #expect(!found.entries.isEmpty || !found.people.isEmpty, "\(shown)")
      }
    }
  }
}
