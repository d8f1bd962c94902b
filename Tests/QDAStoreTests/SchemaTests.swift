import Foundation
import GRDB
import QDAIngest
import QDAModel
@testable import QDAStore
import Testing
import _QDATestSupport

/// The project file's migrations are append-only: each shipped migration's SQL is pinned here by
/// its SHA-256, so editing one fails the tests (v9 was edited after it shipped, and the projects
/// made by the first build silently never kept a search facet). A change is a new migration.
@Suite struct SchemaTests {
  /// The SHA-256 of each migration's SQL, in order. A new migration adds its line; a line that
  /// changes is a shipped migration edited.
  static let pinned: [(String, String)] = [
    ("v1", "28aa993d60a38df0fd7bf14b385c735e51f8eb2544123facbb31439623170920"),
    ("v2", "80025dd84806e3009fa7444b5f83d5404b68457da0f8f4ffd2d02df5ca68c677"),
    ("v3-consensus", "bcc9ba28e872f2ce956d9cc025dd44798d315089e43f932b20d6991ff523a68d"),
    ("v4-suggestions", "fe55142df9294dbc7873322ef9ef1c3e0bf92bcdf64ce84511b71c17d89de723"),
    ("v5-surveys", "3b11afce5e651d71f0421d2cb54d9069475646e2b691f6934537a7d28b977769"),
    ("v6-participant-position", "3831bfc1182f9d585488e4dc6bcecbc20c8abaf5b4bb2f7ba1590f16ae16a8ac"),
    ("v7-survey-respondents", "648721f3cfa266ec34dbc75c24a83a3cc8979e0fa991be71f6c6ae1df93f4acf"),
    ("v8-coding-search-indexes", "f6898ad183877d60ff2a82b88c6296172502d5ae6d4011845af810bda4d40178"),
    ("v9-search-facets", "aaba08d27c9d8076241f21e05644ab641678ae752b01ff98b7880da3dd5430dc"),
    ("v10-sentence-vectors", "e9517fd3b9226f6333df7fd9d9fa48db5453ec906b7fbe8e86807e6eff8273d6"),
    ("v11-repair-search-facets", "d08a5376c56eaa91269400c62ad4293eff8bb63e596cf779fcc1993220724e0d"),
  ]

  @Test func noShippedMigrationIsEdited() {
    let actual = Schema.migrations.map { ($0.identifier, SHA256.hex(of: Array($0.sql.utf8))) }
    #expect(actual.map(\.0) == Self.pinned.map(\.0), "migrations are only ever added, at the end")
    for ((identifier, hash), (_, pin)) in zip(actual, Self.pinned) {
      #expect(hash == pin, "migration \(identifier) was edited: its SQL now hashes to \(hash)")
    }
  }

  /// A project made by the first build of v9 (an index on passage(role), and a `search_facet`
  /// with a `kind` column the facet writes leave out) is repaired when it is opened: searches
  /// keep their facets again, and the index is gone.
  @Test func aProjectMadeByTheFirstV9KeepsItsFacetsOnceOpened() throws {
    let folder = try TemporaryFolder("v9")
    let path = folder.path("old.qda")
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v8-coding-search-indexes")
    try queue.write { db in
      // v9 as it first shipped (9187488).
      try db.execute(
        sql: """
          CREATE INDEX passage_role ON passage(role);
          CREATE INDEX participant_value_attribute ON participant_value(attribute);
          CREATE TABLE search_facet (
            name TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('passage', 'code')),
            stamp TEXT NOT NULL,
            data BLOB NOT NULL
          );
          INSERT INTO grdb_migrations(identifier) VALUES ('v9-search-facets');
          """)
    }
    try queue.close()

    let store = try ProjectStore(path: path)
    try store.write { project in
      try project.replaceParticipants(attributes: [], participants: [Participant(id: "P01")])
      let text = "Q: Why?\nA: Ten hours a week.\n"
      let passages = [
        Passage(ordinal: 0, turn: 0, speaker: "Q", role: .interviewer, span: TextSpan(start: 3, end: 7), text: "Why?"),
        Passage(ordinal: 1, turn: 1, speaker: "A", role: .participant, span: TextSpan(start: 11, end: 29), text: "Ten hours a week."),
      ]
      let document = Document(
        key: "P01.txt", sourcePath: "P01.txt", participantID: "P01", format: .plainText, encoding: "utf-8", contentHash: text,
        text: text)
      _ = try project.saveDocument(document, passages: passages, speakers: [String]())
    }
    var search = PassageSearch()
    search.role = "participant"
    #expect(try store.read { try $0.search(search) }.total == 1)
    #expect(try ProjectStore(path: path).read { try $0.searchFacetNames() }.contains("role\u{1F}participant"))
    let indexes = try DatabaseQueue(path: path).read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'passage'")
    }
    #expect(!indexes.contains("passage_role"))
  }
}
