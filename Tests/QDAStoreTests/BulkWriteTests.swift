import Foundation
import GRDB
import QDAModel
import Testing
@testable import QDAStore
import _QDATestSupport

/// The writes made for large imports: many rows to a statement, and a new project's first write
/// without the write-ahead log. They must store what the one-row-at-a-time paths stored.
@Suite struct BulkWriteTests {
  static func journalMode(_ project: Project) throws -> String? {
    try String.fetchOne(project.db, sql: "PRAGMA journal_mode")
  }

  @Test func aNewProjectsFirstWriteSkipsTheLogAndLaterOnesUseIt() throws {
    let folder = try TemporaryFolder("bulk")
    let path = folder.path("p.qda")
    let store = try ProjectStore(path: path)
    #expect(try store.write { try Self.journalMode($0) } == "delete")
    #expect(try store.write { try Self.journalMode($0) } == "wal")
    // Opened again, as every later command opens it.
    #expect(try ProjectStore(path: path).write { try Self.journalMode($0) } == "wal")
  }

  @Test func aFailedFirstWriteLeavesTheNewProjectEmpty() throws {
    struct Stop: Error {}
    let folder = try TemporaryFolder("bulk")
    let path = folder.path("p.qda")
    let store = try ProjectStore(path: path)
    #expect(throws: Stop.self) {
      try store.write { project in
        _ = try project.addDocuments([Self.answers(of: "R_1", "Too much time.")])
        try project.setAttributes([("R_1", AttributeDefinition(name: "survey", type: .category), .category("s"))])
        throw Stop()
      }
    }
    let reopened = try ProjectStore(path: path)
    #expect(try reopened.read { try $0.documentIDs() }.isEmpty)
    #expect(try reopened.read { try $0.participants() }.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
  }

  @Test func aCreationKilledBeforeTheFirstMigrationIsStartedAgain() throws {
    let folder = try TemporaryFolder("bulk")
    // Killed after the migrator made its table, before its first migration committed.
    let unstarted = folder.path("unstarted.qda")
    try DatabaseQueue(path: unstarted).write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
    let store = try ProjectStore(path: unstarted)
    _ = try store.write { try $0.addDocuments([Self.answers(of: "R_1", "Fine.")]) }
    #expect(try store.read { try $0.documentIDs() }.count == 1)
    // Another program's database, or one whose migrations started elsewhere, is refused.
    let foreign = folder.path("foreign.qda")
    try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
    #expect(throws: StoreError.self) { try ProjectStore(path: foreign) }
    let other = folder.path("other.qda")
    try DatabaseQueue(path: other).write { db in
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1')")
    }
    #expect(throws: StoreError.self) { try ProjectStore(path: other) }
  }

  static func answers(of respondent: String, _ answer: String, key: String? = nil) -> (document: Document, passages: [Passage], speakers: [String]) {
    let question = "What would you change?\n"
    let start = question.unicodeScalars.count
    let text = question + answer + "\n\n"
    let document = Document(
      key: key ?? "s.csv#\(respondent)", sourcePath: "exports/s.csv", participantID: respondent, format: .survey,
      encoding: "utf-8", contentHash: "h:\(respondent)", text: text, metadata: ["row": "4", "survey": "s.csv"],
      warnings: ["a \"quoted\" warning"])
    let passage = Passage(
      ordinal: 0, turn: 0, speaker: respondent, role: .participant,
      span: TextSpan(start: start, end: start + answer.unicodeScalars.count), text: answer, startTime: 1.5, questionID: "QID5")
    return (document, [passage], [])
  }

  @Test func documentsAddedTogetherReadBackAsSavedOnes() throws {
    let folder = try TemporaryFolder("bulk")
    let bulk = try ProjectStore(path: folder.path("bulk.qda"))
    let single = try ProjectStore(path: folder.path("single.qda"))
    let awkward = ["Too much time.", "said \"no\" \\ then\nleft", "é 🙂 \u{2028}", "Weekends\tonly"]
    let documents = (0..<2_500).map { Self.answers(of: "R_\($0)", awkward[$0 % awkward.count] + " \($0)") }
    for store in [bulk, single] {
      try store.write { project in
        // A participant the project spells otherwise: the documents take its spelling.
        try project.ensureParticipant("r_7")
      }
    }
    let ids = try bulk.write { try $0.addDocuments(documents) }
    #expect(ids.count == 2_500)
    #expect(ids == Array(ids.sorted()) && Set(ids).count == ids.count)
    try single.write { project in
      for document in documents { _ = try project.saveDocument(document.document, passages: document.passages, speakers: document.speakers) }
    }
    let (bulkDocuments, bulkPassages, bulkParticipants) = try bulk.read { (try $0.documents(), try $0.passages(), try $0.participants().map(\.id)) }
    let (singleDocuments, singlePassages, singleParticipants) = try single.read { (try $0.documents(), try $0.passages(), try $0.participants().map(\.id)) }
    #expect(bulkDocuments == singleDocuments)
    #expect(bulkPassages == singlePassages)
    #expect(bulkParticipants == singleParticipants)
    #expect(bulkDocuments.first(where: { $0.key == "s.csv#R_7" })?.participantID == "r_7")
    #expect(try bulk.read { try $0.document(id: ids[1])?.key } == "s.csv#R_1")
    // Indexed for full-text search like any passage.
    #expect(try bulk.read { try $0.search("\"then left\"", limit: 5000) }.count == 625)
  }

  @Test func aKeyTheProjectHasStopsTheWholeWrite() throws {
    let folder = try TemporaryFolder("bulk")
    let store = try ProjectStore(path: folder.path("p.qda"))
    try store.write { _ = try $0.addDocuments([Self.answers(of: "R_1", "First.")]) }
    #expect(try store.read { try $0.storedDocumentKeys(["s.csv#R_1", "s.csv#R_2"]) } == ["s.csv#R_1"])
    #expect(throws: (any Error).self) {
      try store.write { _ = try $0.addDocuments([Self.answers(of: "R_2", "Second."), Self.answers(of: "R_1", "Again.")]) }
    }
    #expect(try store.read { try $0.documents().map(\.key) } == ["s.csv#R_1"])
  }

  @Test func attributesSetTogetherKeepTheGivenOrderAndTheProjectsSpelling() throws {
    let folder = try TemporaryFolder("bulk")
    let store = try ProjectStore(path: folder.path("p.qda"))
    let level = AttributeDefinition(name: "school_level", type: .category)
    let years = AttributeDefinition(name: "years", type: .number)
    let finished = AttributeDefinition(name: "finished", type: .yesNo)
    try store.write { project in
      try project.replaceParticipants(
        attributes: [AttributeDefinition(name: "School_Level", type: .category)],
        participants: [Participant(id: "P01", attributes: ["School_Level": .category("elementary")])])
    }
    // Ids out of order, one in another case than stored, one named twice apart, a value given
    // twice (the later one stands), an attribute in another case than stored.
    var values: [(participant: String, attribute: AttributeDefinition, value: AttributeValue)] = [
      ("R_9", years, .number(2.5)), ("R_9", finished, .yesNo(true)),
      ("p01", level, .category("middle")),
      ("R_10", finished, .yesNo(false)), ("R_10", finished, .yesNo(true)),
      ("R_2", years, .number(11)),
      ("R_9", level, .category("high")),
    ]
    values += (0..<3_000).map { ("S_\(2_999 - $0)", years, .number(Double($0))) }
    try store.write { try $0.setAttributes(values) }
    let participants = try store.read { try $0.participants() }
    #expect(participants.prefix(5).map(\.id) == ["P01", "R_9", "R_10", "R_2", "S_2999"])
    #expect(participants.map(\.id).suffix(2) == ["S_1", "S_0"])
    let byID = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, $0.attributes) })
    #expect(byID["P01"] == ["School_Level": .category("middle")])
    #expect(byID["R_9"] == ["years": .number(2.5), "finished": .yesNo(true), "School_Level": .category("high")])
    #expect(byID["R_10"] == ["finished": .yesNo(true)])
    #expect(byID["S_0"] == ["years": .number(2_999)])
    #expect(try store.read { try $0.attributes().map(\.name) } == ["School_Level", "years", "finished"])
    #expect(try store.read { try $0.participantsWithoutDocuments() }.count == participants.count)
    try store.write { _ = try $0.addDocuments([Self.answers(of: "R_9", "Fine.")]) }
    #expect(try store.read { try $0.participantsWithoutDocuments() }.prefix(2) == ["P01", "R_10"])
  }
}

/// A whole study read as columns, with its passages' texts or without them (read by id when
/// asked).
@Suite struct ColumnReadTests {
  @Test func passagesAndCodingsReadAsColumnsAreTheValuesRead() throws {
    let folder = try TemporaryFolder("columns")
    let store = try ProjectStore(path: folder.path("p.qda"))
    try store.write { project in
      _ = try project.replaceCodebook(Codebook(name: "b", version: "1", codes: [Code(id: "rules", name: "Rules", element: .rules)]))
      let ids = try project.addDocuments([
        BulkWriteTests.answers(of: "R_2", "Too much time."), BulkWriteTests.answers(of: "R_1", "About right, I think."),
      ])
      let passages = try project.passages(documentID: ids[0])
      try project.replaceAutoCodings(documentID: ids[0], with: [
        Coding(passageID: passages[0].id!, codeID: "rules", coder: Coding.autoCoder, span: passages[0].span, ruleID: "r1", matched: ["time"])
      ])
    }
    try store.read { project in
      let passages = try project.passages()
      #expect(passages.count == 2)
      #expect(Array(try project.passageColumns()) == passages)
      let bare = try project.passageColumns(texts: false)
      #expect(!bare.keepsTexts)
      #expect(bare.map(\.text) == ["", ""])
      #expect(bare.map(\.span) == passages.map(\.span))
      let ids = passages.compactMap(\.id)
      #expect(try project.passageTexts(ids: ids.reversed() + [999_999]) == passages.map(\.text).reversed() + [nil])
      let codings = try project.codings()
      #expect(codings.count == 1)
      #expect(Array(try project.codingColumns()) == codings)
    }
  }
}
