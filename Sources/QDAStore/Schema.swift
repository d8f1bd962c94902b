internal import GRDB

/// The project file's schema, as append-only migrations: a migration that has shipped is never
/// edited; a change is a new migration (`SchemaTests` pins each one's SQL by its SHA-256, so an
/// edit fails the tests). Migrations name tables as strings, never app types.
enum Schema {
  /// One migration: its identifier, recorded in the project once applied, and its SQL.
  struct Migration: Sendable {
    var identifier: String
    var sql: String
    init(_ identifier: String, sql: String) {
      self.identifier = identifier
      self.sql = sql
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for migration in migrations {
      migrator.registerMigration(migration.identifier) { db in try db.execute(sql: migration.sql) }
    }
    return migrator
  }

  /// Every migration, in the order they run.
  static let migrations: [Migration] = [
    Migration(
      "v1",
      sql: """
        CREATE TABLE meta (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        CREATE TABLE instrument (
          kind TEXT PRIMARY KEY CHECK (kind IN ('codebook', 'protocol')),
          file TEXT NOT NULL,
          source TEXT NOT NULL,
          content_hash TEXT NOT NULL
        );
        CREATE TABLE attribute (
          name TEXT PRIMARY KEY COLLATE NOCASE,
          type TEXT NOT NULL CHECK (type IN ('number', 'yes_no', 'category')),
          position INTEGER NOT NULL
        );
        CREATE TABLE participant (
          id TEXT PRIMARY KEY COLLATE NOCASE,
          position INTEGER NOT NULL
        );
        CREATE TABLE participant_value (
          participant_id TEXT NOT NULL REFERENCES participant(id) ON DELETE CASCADE ON UPDATE CASCADE,
          attribute TEXT NOT NULL REFERENCES attribute(name) ON DELETE CASCADE ON UPDATE CASCADE,
          number REAL,
          text TEXT,
          PRIMARY KEY (participant_id, attribute)
        );
        CREATE TABLE document (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL UNIQUE,
          source_path TEXT NOT NULL,
          participant_id TEXT NOT NULL REFERENCES participant(id) ON UPDATE CASCADE,
          format TEXT NOT NULL,
          encoding TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          text TEXT NOT NULL,
          metadata TEXT NOT NULL DEFAULT '{}',
          warnings TEXT NOT NULL DEFAULT '[]',
          speakers TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX document_participant ON document(participant_id);
        CREATE TABLE passage (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          turn INTEGER NOT NULL,
          speaker TEXT,
          role TEXT NOT NULL CHECK (role IN ('interviewer', 'participant', 'unknown')),
          start INTEGER NOT NULL,
          "end" INTEGER NOT NULL CHECK ("end" >= start),
          text TEXT NOT NULL,
          start_time REAL,
          end_time REAL,
          question_id TEXT,
          UNIQUE (document_id, ordinal)
        );
        CREATE INDEX passage_question ON passage(question_id);
        CREATE VIRTUAL TABLE passage_fts USING fts5(
          text, content='passage', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER passage_fts_insert AFTER INSERT ON passage BEGIN
          INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN
          INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER passage_fts_update AFTER UPDATE OF text ON passage BEGIN
          INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
          INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TABLE code (
          id TEXT PRIMARY KEY,
          parent_id TEXT,
          element TEXT NOT NULL,
          name TEXT NOT NULL,
          position INTEGER NOT NULL,
          definition TEXT NOT NULL DEFAULT '',
          color TEXT,
          retired INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE coding (
          id INTEGER PRIMARY KEY,
          passage_id INTEGER NOT NULL REFERENCES passage(id) ON DELETE CASCADE,
          code_id TEXT NOT NULL REFERENCES code(id) ON UPDATE CASCADE,
          coder TEXT NOT NULL,
          start INTEGER NOT NULL,
          "end" INTEGER NOT NULL CHECK ("end" >= start),
          rule_id TEXT,
          matched TEXT NOT NULL DEFAULT '[]',
          negated INTEGER NOT NULL DEFAULT 0,
          memo TEXT,
          quote TEXT NOT NULL,
          created_at TEXT
        );
        CREATE INDEX coding_passage ON coding(passage_id);
        CREATE INDEX coding_code ON coding(code_id);
        CREATE INDEX coding_coder ON coding(coder);
        CREATE TABLE question (
          id TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          text TEXT NOT NULL,
          measure TEXT,
          probes TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE event (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          command TEXT NOT NULL,
          summary TEXT NOT NULL
        );
        INSERT INTO meta(key, value) VALUES ('format', 'qdakit-project');
        """),
    // v2: contradictions, with researchers' decisions that survive re-detection. A detection's
    // `key` (participant, elements, first quoted words) identifies it across runs and across
    // re-ingested documents, whose passage ids change.
    Migration(
      "v2",
      sql: """
        CREATE TABLE contradiction (
          id INTEGER PRIMARY KEY,
          participant_id TEXT NOT NULL,
          level TEXT NOT NULL CHECK (level IN ('primary', 'secondary')),
          first_element TEXT NOT NULL,
          second_element TEXT NOT NULL,
          manifestation TEXT NOT NULL CHECK (manifestation IN ('dilemma', 'conflict', 'critical_conflict', 'double_bind')),
          passage_ids TEXT NOT NULL DEFAULT '[]',
          spans TEXT NOT NULL DEFAULT '[]',
          evidence TEXT NOT NULL,
          confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
          status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'rejected')),
          coder TEXT NOT NULL,
          decided_by TEXT,
          key TEXT NOT NULL
        );
        CREATE INDEX contradiction_key ON contradiction(key);
        """),
    // v3: consensus decisions after disagreement review. An agreed coding is stored as a coding
    // by the coder `consensus`; a decision that a code does not apply has no coding, so every
    // decision is kept here, and the coders' own codings are never touched.
    Migration(
      "v3-consensus",
      sql: """
        CREATE TABLE consensus_decision (
          passage_id INTEGER NOT NULL REFERENCES passage(id) ON DELETE CASCADE,
          code_id TEXT NOT NULL REFERENCES code(id) ON UPDATE CASCADE,
          applies INTEGER NOT NULL CHECK (applies IN (0, 1)),
          coders TEXT NOT NULL DEFAULT '[]',
          note TEXT,
          decided_at TEXT NOT NULL,
          PRIMARY KEY (passage_id, code_id)
        );
        """),
    // v4: code suggestions learned from a coder's own codings, with the coder's answers.
    // Rejected suggestions are kept so they are not suggested again.
    Migration(
      "v4-suggestions",
      sql: """
        CREATE TABLE suggestion (
          id INTEGER PRIMARY KEY,
          passage_id INTEGER NOT NULL REFERENCES passage(id) ON DELETE CASCADE,
          code_id TEXT NOT NULL REFERENCES code(id) ON UPDATE CASCADE,
          coder TEXT NOT NULL,
          score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
          status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
          created_at TEXT NOT NULL,
          decided_at TEXT,
          UNIQUE (passage_id, code_id, coder)
        );
        CREATE INDEX suggestion_coder ON suggestion(coder, status);
        """),
    // v5: survey exports, kept whole as read (items, respondents, answers with provenance) so
    // summaries can be recomputed; respondents are participants and open answers passages.
    Migration(
      "v5-surveys",
      sql: """
        CREATE TABLE survey (
          key TEXT PRIMARY KEY,
          source_path TEXT NOT NULL,
          dialect TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          data TEXT NOT NULL
        );
        """),
    // v6: participants are appended by position; with survey respondents there can be
    // hundreds of thousands, so `max(position)` needs an index.
    Migration(
      "v6-participant-position", sql: "CREATE INDEX participant_position ON participant(position)"),
    // v7: respondents as rows, answers in a column each (see `SurveyAnswersColumn`): a survey
    // stored whole as one JSON text took longer to encode and decode than to read from its
    // export, and a million respondents would not fit SQLite's limit on one value.
    Migration(
      "v7-survey-respondents",
      sql: """
        CREATE TABLE survey_respondent (
          survey_key TEXT NOT NULL REFERENCES survey(key) ON DELETE CASCADE ON UPDATE CASCADE,
          ordinal INTEGER NOT NULL,
          id TEXT NOT NULL,
          line INTEGER NOT NULL,
          finished INTEGER,
          exclusion TEXT,
          answers TEXT NOT NULL,
          PRIMARY KEY (survey_key, ordinal)
        ) WITHOUT ROWID;
        INSERT INTO survey_respondent(survey_key, ordinal, id, line, finished, exclusion, answers)
          SELECT s.key, r.key, json_extract(r.value, '$.id'), json_extract(r.value, '$.line'),
            json_extract(r.value, '$.finished'), json_extract(r.value, '$.exclusion'),
            coalesce(json_extract(r.value, '$.answers'), '{}')
          FROM survey s, json_each(s.data, '$.respondents') r;
        UPDATE survey SET data = json_set(data, '$.respondents', json('[]'));
        """),
    // v8: a search by code reads the (code, passage) index alone, in passage order, and a
    // search by words tests a match's codes in the (passage, code) index, neither reading a
    // coding's row (on 10,000 interviews a code has hundreds of thousands of codings).
    Migration(
      "v8-coding-search-indexes",
      sql: """
        DROP INDEX coding_code;
        CREATE INDEX coding_code ON coding(code_id, passage_id);
        DROP INDEX coding_passage;
        CREATE INDEX coding_passage ON coding(passage_id, code_id);
        """),
    // v9: search facets (a code's, a role's, a question's passages, the documents' runs of
    // passage ids) as sets of ids, built by the first search that needs them and stamped with
    // the project's revision (see `Project+Facets`).
    // An attribute's values have an index (`--where`), rather than every participant's every
    // value read. The speaker role has none: an index on it made importing 1,000 interviews
    // 3.8-6.4 s slower in three alternated pairs (partial indexes by role, 1.8-2.9 s), so a
    // role's facet is built by reading every passage's row once per revision.
    Migration(
      "v9-search-facets",
      sql: """
        CREATE INDEX participant_value_attribute ON participant_value(attribute);
        CREATE TABLE search_facet (
          name TEXT PRIMARY KEY,
          stamp TEXT NOT NULL,
          data BLOB NOT NULL
        );
        """),
    // v10: sentence vectors from the sentence encoder, one per distinct sentence text (keyed by
    // a 64-bit hash of its UTF-8 bytes) and model, so a sentence said twice, or a document
    // ingested again unchanged, is embedded once; float16, 768 bytes a vector. Codings made by a
    // model carry its score and its reason (the model, the coder it learned from, the nearest
    // training passages).
    Migration(
      "v10-sentence-vectors",
      sql: """
        CREATE TABLE sentence_vector (
          key INTEGER NOT NULL,
          model TEXT NOT NULL,
          vector BLOB NOT NULL,
          PRIMARY KEY (key, model)
        ) WITHOUT ROWID;
        ALTER TABLE coding ADD COLUMN score REAL;
        ALTER TABLE coding ADD COLUMN reason TEXT;
        """),
    // v11: v9 was edited after it shipped (9187488, then 1ac587e): projects made by the first
    // build have an index on passage(role), which slows every import, and a `search_facet` with a
    // `kind NOT NULL` column the facet writes leave out, so their searches never kept a facet
    // (the write fails, and keeping facets is best effort). Facets are a cache: the table is
    // made anew, and the index dropped where there is one.
    Migration(
      "v11-repair-search-facets",
      sql: """
        DROP INDEX IF EXISTS passage_role;
        DROP TABLE search_facet;
        CREATE TABLE search_facet (
          name TEXT PRIMARY KEY,
          stamp TEXT NOT NULL,
          data BLOB NOT NULL
        );
        """),
  ]
}
