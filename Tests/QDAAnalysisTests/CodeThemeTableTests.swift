import Foundation
import Testing
@testable import QDAAnalysis
import QDAModel

/// What participants said under a code, in themes (issue 34, item 1), on interviews written for
/// this test about a coaching certificate for department heads.
@Suite struct CodeThemeTableTests {
  /// Each line a participant passage, all coded `rules.incentives` by a person (the code stands
  /// for any leaf code here).
  static let said: [String: [String]] = [
    "K1": ["My coach visited every other week.", "The video library was thin, though."],
    "K2": ["The coach visited my classroom twice a month.", "Honestly the video library felt dated."],
    "K3": ["Visits from my coach kept me going.", "I never opened the video library."],
    "K4": ["We met on Zoom mostly, no visits.", "The readings were fine."],
    "K5": ["Nobody came."],
  ]

  static func corpus(_ said: [String: [String]] = said, coded: (String) -> Bool = { _ in true }) -> CorpusSnapshot {
    var documents: [Document] = []
    var passages: [Passage] = []
    var codings: [Coding] = []
    var id: Int64 = 1
    for (number, participant) in said.keys.sorted().enumerated() {
      let document = Int64(number + 1)
      documents.append(
        Document(
          id: document, key: "\(participant).txt", sourcePath: "\(participant).txt", participantID: participant,
          format: .plainText, encoding: "utf-8", contentHash: "", text: ""))
      var offset = 0
      for (ordinal, text) in (said[participant] ?? []).enumerated() {
        let span = TextSpan(start: offset, end: offset + text.unicodeScalars.count)
        passages.append(
          Passage(id: id, documentID: document, ordinal: ordinal, turn: ordinal, speaker: "P", role: .participant, span: span, text: text))
        if coded(text) { codings.append(Coding(passageID: id, codeID: "rules.incentives", coder: "ana", span: span)) }
        offset = span.end + 1
        id += 1
      }
    }
    return CorpusSnapshot(
      codebook: TinyCorpus.codebook, interviewProtocol: nil, participants: said.keys.sorted().map { Participant(id: $0) },
      documents: documents, passages: passages, codings: codings)
  }

  @Test func codedWordsFallIntoThemesSharedByTwoOrMore() throws {
    let corpus = Self.corpus()
    let table = CodeThemeTable(corpus)
    let coach = try #require(table.themes(of: "rules.incentives"))
    #expect(coach.grouping == .words)
    // Visits and the video library are themes; "Nobody came" and the Zoom meetings are alone.
    let labels = coach.themes.map(\.label)
    #expect(labels.contains("video library"), "\(labels)")
    let library = try #require(coach.themes.first { $0.label == "video library" })
    #expect(library.participants == ["K1", "K2", "K3"])
    #expect(library.members.allSatisfy { coach.items[$0].text.contains("video library") })
    #expect(coach.themes.allSatisfy { $0.participants.count >= 2 })
    // Each item keeps the coded words and where they lie.
    for item in coach.items {
      let passage = try #require(corpus.passage(item.passageID))
      let text = Array(corpus.text(of: passage).unicodeScalars)
      #expect(String(String.UnicodeScalarView(text[(item.start - passage.span.start)..<(item.end - passage.span.start)])) == item.text)
    }
  }

  @Test func aCodeFewParticipantsWereCodedWithHasNoThemes() {
    let few = Self.said.filter { ["K3", "K4", "K5"].contains($0.key) }
    #expect(CodeThemeTable(Self.corpus(few)).themes(of: "rules.incentives") == nil)
  }

  @Test func theEncodersVectorsRegroupAndALargeCodeIsSampledThenJoined() throws {
    let corpus = Self.corpus()
    let table = CodeThemeTable(corpus)
    // "Visits" one way, the library another, the rest a third.
    let regrouped = table.regrouped(
      vector: { $0.text.contains("isit") ? [1, 0, 0] : $0.text.contains("library") ? [0, 1, 0] : [0, 0, 1] },
      interviewed: corpus.interviewed)
    let coach = try #require(regrouped.themes(of: "rules.incentives"))
    #expect(coach.grouping == .meaning)
    #expect(Set(coach.themes.map { Set($0.participants) }).contains(["K1", "K2", "K3", "K4"]))
    // A code past `SentenceGrouping.directLimit` items: a sample is grouped, the rest join their theme.
    let count = SentenceGrouping.directLimit * 2 + 1
    let items = (0..<count).map { (index: Int) -> CodeThemeTable.Item in
      CodeThemeTable.Item(participant: "P\(index % 7)", passageID: Int64(index), start: 0, end: 1, text: index % 2 == 0 ? "visits" : "library")
    }
    let large = CodeThemeTable.grouped(
      "x", name: "X", items: items, vectors: items.map { $0.text == "visits" ? [1, 0] : [0, 1] }, interviewed: (0..<7).map { "P\($0)" })
    #expect(large.themes.map { $0.members.count }.reduce(0, +) == items.count)
    #expect(large.themes.allSatisfy { theme in Set(theme.members.map { items[$0].text }).count == 1 })
    #expect(large.themes.count == 2)
    // The table: a row per theme, each count linked to its passages.
    let data = CodeThemeTable(codes: [large]).table(denominator: 7)
    #expect(data.data?.rows.count == 2)
    #expect(data.rows.allSatisfy { !$0[2].passages.isEmpty })
  }
}
