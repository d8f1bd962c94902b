import Foundation
import Testing
import QDAAnalysis
import QDAModel
import QDAReport
import _QDATestSupport

/// `Schemas/analysis.schema.json`: the schema itself, a document of the export's shape, broken
/// documents, and what `AnalysisExport` really writes.
@Suite("JSON schema")
struct JSONSchemaTests {
  // MARK: - (a) The schema file

  @Test func schemaParsesAndUsesOnlySupportedKeywords() throws {
    let schema = try Self.schema()
    #expect(JSONSchemaValidator.schemaProblems(in: schema) == [])
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["$id"] as? String == AnalysisExport.schemaID)
    let properties = try #require(schema["properties"] as? [String: Any])
    let version = try #require(properties["schema_version"] as? [String: Any])
    #expect(version["const"] as? String == AnalysisExport.schemaVersion)
    let schemaKey = try #require(properties["schema"] as? [String: Any])
    #expect(schemaKey["const"] as? String == AnalysisExport.schemaID)
    let description = try #require(schema["description"] as? String)
    #expect(description.contains("\"1.1\""))
    #expect(description.contains("major"))
  }

  @Test func everyPropertyIsDescribedAndEveryFixedObjectIsClosed() throws {
    var undescribed: [String] = []
    var open: [String] = []
    func walk(_ value: Any, _ pointer: String) {
      if let object = value as? [String: Any] {
        if let properties = object["properties"] as? [String: Any] {
          for (name, property) in properties {
            let text = (property as? [String: Any])?["description"] as? String ?? ""
            if text.trimmingCharacters(in: .whitespaces).isEmpty { undescribed.append(pointer + "/properties/" + name) }
          }
          let additional = object["additionalProperties"]
          if additional.map({ JSONSchemaValidator.jsonType(of: $0) == .boolean && ($0 as? NSNumber)?.boolValue == false }) != true {
            open.append(pointer)
          }
        }
        for (key, child) in object { walk(child, pointer + "/" + key) }
      } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() { walk(child, pointer + "/\(index)") }
      }
    }
    walk(try Self.schema(), "")
    #expect(undescribed.sorted() == [])
    #expect(open.sorted() == [])
  }

  /// The schema's enumerations are the Swift enums' raw values, so a new case shows up here.
  @Test func enumerationsMatchTheModel() throws {
    let schema = try Self.schema()
    func values(_ pointer: String) throws -> [String] {
      let node = try #require(JSONSchemaValidator.resolve(pointer, in: schema) as? [String: Any], "\(pointer)")
      let list = try #require(node["enum"] as? [Any], "\(pointer)/enum")
      return list.compactMap { $0 as? String }
    }
    #expect(try values("#/$defs/element") == Element.allCases.map(\.rawValue) + ["none"])
    #expect(try values("#/$defs/codingElement") == Element.allCases.map(\.rawValue) + ["none", "retired"])
    #expect(try values("#/$defs/measure") == Measure.allCases.map(\.rawValue))
    #expect(try values("#/$defs/attributeType") == AttributeType.allCases.map(\.rawValue))
    #expect(try values("#/$defs/documentFormat") == DocumentFormat.allCases.map(\.rawValue))
    #expect(try values("#/$defs/speakerRole") == SpeakerRole.allCases.map(\.rawValue))
    #expect(try values("#/$defs/timeJudgment") == TimeJudgment.allCases.map(\.rawValue))
    #expect(
      try Set(values("#/$defs/incentives/properties/answers/items/properties/stance"))
        == Set(IncentiveStance.allCases.map(\.rawValue)))
    let judgments = try #require(
      JSONSchemaValidator.resolve("#/$defs/timeCommitment/properties/judgments", in: schema) as? [String: Any])
    #expect(Set((judgments["required"] as? [String]) ?? []) == Set(TimeJudgment.allCases.map(\.rawValue)))
  }

  // MARK: - (b) A document of the export's shape

  @Test func exampleDocumentValidates() throws {
    #expect(try Self.validate(Self.example()) == [])
  }

  // MARK: - (c) Broken documents fail where they break

  @Test func passageWithoutTextFails() throws {
    let document = Self.setting(nil, at: ["passages", 0, "text"], in: try Self.example())
    #expect(try Self.validate(document) == [#"/passages/0: missing required property "text""#])
  }

  @Test func startAsStringFails() throws {
    let document = Self.setting("98", at: ["passages", 0, "start"], in: try Self.example())
    #expect(try Self.validate(document) == ["/passages/0/start: expected integer, got string"])
  }

  @Test func unknownTopLevelKeyFails() throws {
    let document = Self.setting("surprise", at: ["comments"], in: try Self.example())
    #expect(try Self.validate(document) == ["/comments: unexpected property (additionalProperties is false)"])
  }

  @Test func codingWithNullCoderFails() throws {
    let document = Self.setting(NSNull(), at: ["passages", 1, "codings", 0, "coder"], in: try Self.example())
    #expect(try Self.validate(document) == ["/passages/1/codings/0/coder: expected string, got null"])
  }

  @Test func meanHoursAsStringFails() throws {
    let document = Self.setting("18.5", at: ["tables", "time_commitment", "mean_hours"], in: try Self.example())
    #expect(try Self.validate(document) == ["/tables/time_commitment/mean_hours: expected number or null, got string"])
  }

  @Test func otherMutationsFail() throws {
    let example = try Self.example()
    #expect(
      try Self.validate(Self.setting(true, at: ["passages", 0, "start"], in: example))
        == ["/passages/0/start: expected integer, got boolean"])
    #expect(
      try Self.validate(Self.setting(1.5, at: ["passages", 0, "end"], in: example))
        == ["/passages/0/end: expected integer, got number"])
    #expect(
      try Self.validate(Self.setting(-1, at: ["passages", 0, "start"], in: example))
        == ["/passages/0/start: -1 is less than the minimum 0"])
    #expect(
      try Self.validate(Self.setting("ABC", at: ["documents", 0, "content_hash"], in: example))
        == [#"/documents/0/content_hash: "ABC" does not match the pattern ^[0-9a-f]{64}$"#])
    #expect(
      try Self.validate(Self.setting("narrator", at: ["passages", 0, "role"], in: example))
        == [#"/passages/0/role: "narrator" is not one of ["interviewer","participant","unknown"]"#])
    #expect(
      try Self.validate(Self.setting("2.0", at: ["schema_version"], in: example))
        == [#"/schema_version: expected "1.1", got "2.0""#])
    #expect(
      try Self.validate(Self.setting(["rules.time"], at: ["tables", "cooccurrence", 0, "codes"], in: example))
        == ["/tables/cooccurrence/0/codes: expected at least 2 items, got 1"])
    #expect(
      try Self.validate(Self.setting(nil, at: ["tables", "motivation"], in: example)) == [],
      "motivation is optional")
    #expect(
      try Self.validate(Self.setting(NSNull(), at: ["tables", "motivation"], in: example))
        == ["/tables/motivation: expected object, got null"],
      "an optional key is left out, never null")
    #expect(
      try Self.validate(Self.setting(["x": 1], at: ["participants", 0, "attributes", "notes"], in: example))
        == ["/participants/0/attributes/notes: expected number or boolean or string, got object"])
  }

  // MARK: - What AnalysisExport really writes

  @Test func exportOfARichCorpusValidates() throws {
    let corpus = Self.richCorpus()
    let json = try AnalysisExport(corpus: corpus, analysis: Analysis(corpus), toolVersion: "0.0.0-test").json()
    let document = try JSONSerialization.jsonObject(with: Data(json.utf8))
    #expect(try Self.validate(document) == [])
    // The corpus exercises the optional and nullable keys both ways.
    #expect(json.contains(#""speaker" : null"#))
    #expect(json.contains(#""protocol_question" : null"#))
    #expect(json.contains(#""start_time" : "#))
    #expect(json.contains(#""element" : "retired""#))
    #expect(json.contains(#""stance" : null"#))
    #expect(json.contains(#""motivation" : {"#))
    #expect(json.contains(#""completion_attribute" : "completed""#))
  }

  @Test func theExportWrittenInChunksIsTheWholeEncoding() throws {
    let corpus = Self.richCorpus()
    let export = AnalysisExport(corpus: corpus, analysis: Analysis(corpus), toolVersion: "0.0.0-test")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let whole = String(decoding: try encoder.encode(export), as: UTF8.self) + "\n"
    #expect(corpus.passages.count >= 3)
    for chunkSize in [1, 2, 1_000] { #expect(try export.json(chunkSize: chunkSize) == whole) }
    // Handed to the sink a piece at a time (the pipeline streams them to the file).
    var pieces: [Data] = []
    try export.write(chunkSize: 2) { pieces.append($0) }
    #expect(pieces.count > 1)
    #expect(String(decoding: pieces.reduce(Data(), +), as: UTF8.self) == whole)
  }

  @Test func passagesWrittenByHandAreWhatTheEncoderWrites() throws {
    // Every control character, quotes, backslashes, slashes, non-ASCII and separators.
    let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
    let text = "He said \"no\" \\ / é 🙂 \u{2028}\u{2029}\u{7F} end" + controls
    let scalars = text.unicodeScalars.count
    let corpus = CorpusSnapshot(
      codebook: Codebook(name: "c", version: "1", codes: [Code(id: "community", name: "Community", element: .community)]),
      participants: [Participant(id: "P1")],
      documents: [
        Document(
          id: 1, key: "p1.txt", sourcePath: "p1.txt", participantID: "P1", format: .plainText, encoding: "utf-8",
          contentHash: String(repeating: "0", count: 64), text: text + "\n" + text)
      ],
      passages: [
        Passage(id: 1, documentID: 1, ordinal: 0, turn: 0, speaker: "Dr. \"Q\"", role: .interviewer,
                span: TextSpan(start: 0, end: scalars), text: text, questionID: "Q1"),
        Passage(id: 2, documentID: 1, ordinal: 1, turn: 1, speaker: nil, role: .unknown,
                span: TextSpan(start: scalars + 1, end: 2 * scalars + 1), text: text),
      ] + [0, 4.5, 1234.567, 1e-7, 0.1 + 0.2, 3_600, 86_399.999, 1e21].enumerated().map { index, time in
        // Times, as caption files give them: the encoder writes numbers its own way.
        Passage(id: Int64(3 + index), documentID: 1, ordinal: 2 + index, turn: 2 + index, speaker: "A", role: .participant,
                span: TextSpan(start: 0, end: 1), text: "x", startTime: time, endTime: index.isMultiple(of: 3) ? nil : time * 2)
      },
      codings: [
        Coding(id: 7, passageID: 2, codeID: "community", coder: "auto", span: TextSpan(start: scalars + 1, end: scalars + 5),
               ruleID: "r1 r2", matched: ["said", "\"no\"\t"], negated: true),
        Coding(id: 8, passageID: 2, codeID: "gone", coder: "ann", span: TextSpan(start: scalars + 2, end: scalars + 3)),
      ])
    let export = AnalysisExport(corpus: corpus, analysis: Analysis(corpus), toolVersion: "0.0.0-test")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let whole = String(decoding: try encoder.encode(export), as: UTF8.self) + "\n"
    #expect(try export.json(chunkSize: 1) == whole)
  }

  @Test func exportOfAMinimalCorpusValidates() throws {
    let corpus = CorpusSnapshot(
      codebook: Codebook(name: "empty", version: "0", codes: [Code(id: "community", name: "Community", element: .community)]),
      participants: [Participant(id: "P1")],
      documents: [
        Document(
          id: 1, key: "p1.txt", sourcePath: "p1.txt", participantID: "P1", format: .plainText, encoding: "utf-8",
          contentHash: String(repeating: "0", count: 64), text: "Hello.")
      ],
      passages: [Passage(id: 1, documentID: 1, ordinal: 0, turn: 0, speaker: nil, role: .unknown, span: TextSpan(start: 0, end: 6), text: "Hello.")])
    let json = try AnalysisExport(corpus: corpus, analysis: Analysis(corpus), toolVersion: "0.0.0-test").json()
    let document = try JSONSerialization.jsonObject(with: Data(json.utf8))
    #expect(try Self.validate(document) == [])
    #expect(json.contains(#""mean_hours" : null"#))
    #expect(!json.contains(#""motivation""#))
    #expect(!json.contains(#""completion_attribute""#))
  }

  // MARK: - The validator

  @Test func validatorTellsBooleansFromNumbers() throws {
    let parsed = try #require(
      JSONSerialization.jsonObject(with: Data(#"{"t": true, "f": false, "one": 1, "zero": 0, "half": 0.5, "whole": 2.0}"#.utf8))
        as? [String: Any])
    #expect(JSONSchemaValidator.jsonType(of: parsed["t"]!) == .boolean)
    #expect(JSONSchemaValidator.jsonType(of: parsed["f"]!) == .boolean)
    #expect(JSONSchemaValidator.jsonType(of: parsed["one"]!) == .integer)
    #expect(JSONSchemaValidator.jsonType(of: parsed["zero"]!) == .integer)
    #expect(JSONSchemaValidator.jsonType(of: parsed["half"]!) == .number)
    #expect(JSONSchemaValidator.jsonType(of: parsed["whole"]!) == .integer)
    #expect(JSONSchemaValidator.jsonType(of: true) == .boolean)
    #expect(JSONSchemaValidator.jsonType(of: 1) == .integer)
    #expect(JSONSchemaValidator.jsonType(of: NSNull()) == .null)
    #expect(!JSONSchemaValidator.jsonEqual(parsed["t"]!, parsed["one"]!))
    #expect(JSONSchemaValidator.jsonEqual(parsed["one"]!, 1.0))

    let boolean: [String: Any] = ["type": "boolean"]
    #expect(JSONSchemaValidator.validate(parsed["t"]!, against: boolean) == [])
    #expect(JSONSchemaValidator.validate(parsed["one"]!, against: boolean) == [": expected boolean, got integer"])
    let number: [String: Any] = ["type": "number"]
    #expect(JSONSchemaValidator.validate(parsed["whole"]!, against: number) == [])
    #expect(JSONSchemaValidator.validate(parsed["f"]!, against: number) == [": expected number, got boolean"])
    let integer: [String: Any] = ["type": "integer"]
    #expect(JSONSchemaValidator.validate(parsed["half"]!, against: integer) == [": expected integer, got number"])
    #expect(JSONSchemaValidator.validate(parsed["zero"]!, against: ["enum": [false]]) == [": 0 is not one of [false]"])
  }

  @Test func validatorFollowsReferencesAndEscapesPointers() {
    let schema: [String: Any] = [
      "$defs": ["positive": ["type": "integer", "minimum": 1]],
      "type": "object",
      "additionalProperties": ["$ref": "#/$defs/positive"],
    ]
    #expect(JSONSchemaValidator.schemaProblems(in: schema) == [])
    #expect(JSONSchemaValidator.validate(["a/b": 0, "c~d": 2], against: schema) == ["/a~1b: 0 is less than the minimum 1"])
    let broken: [String: Any] = ["items": ["$ref": "#/$defs/missing"], "maxLength": 3, "type": "strange"]
    #expect(
      JSONSchemaValidator.schemaProblems(in: broken) == [
        "/items/$ref: cannot resolve #/$defs/missing", "/maxLength: unsupported keyword",
        "/type: must be a type name or an array of type names",
      ])
    #expect(JSONSchemaValidator.validate("abcd", against: ["maxLength": 3]) == [#": unsupported schema keyword "maxLength""#])
  }

  // MARK: - Helpers

  static func schema() throws -> [String: Any] {
    let bytes = try Fixtures.bytes(Fixtures.repository("Schemas/analysis.schema.json"))
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  static func validate(_ document: Any) throws -> [String] {
    JSONSchemaValidator.validate(document, against: try schema())
  }

  static func example() throws -> Any {
    try JSONSerialization.jsonObject(with: Data(exampleJSON.utf8))
  }

  /// `document` with the value at `path` replaced (nil removes the key).
  static func setting(_ value: Any?, at path: [Any], in document: Any) -> Any {
    guard let first = path.first else { return value ?? NSNull() }
    let rest = Array(path.dropFirst())
    if let key = first as? String, var object = document as? [String: Any] {
      if rest.isEmpty {
        object[key] = value
      } else {
        object[key] = setting(value, at: rest, in: object[key] ?? [String: Any]())
      }
      return object
    }
    if let index = first as? Int, var array = document as? [Any], array.indices.contains(index) {
      array[index] = setting(value, at: rest, in: array[index])
      return array
    }
    Issue.record("no value at \(path) in the document")
    return document
  }

  /// A document of the export's shape, written by hand from the schema: every table, every
  /// optional key present somewhere, every nullable key both null and not.
  static let exampleJSON = #"""
    {
      "schema": "https://qdakit.org/schemas/analysis-1.0.json",
      "schema_version": "1.1",
      "generator": { "name": "QDAKit", "version": "0.1.0" },
      "study": {
        "title": "Leadership for Equity — Principal Interviews",
        "participant_noun": "principal",
        "participants_noun": "principals",
        "period": "August and September 2020",
        "programme": "the micro-credential",
        "protocol_questions": [
          { "id": "Q2", "text": "What motivated you?", "probes": ["outcome.motivation"] },
          { "id": "Q4", "text": "About how many hours?", "probes": ["rules.time"], "measure": "hours_estimate" }
        ]
      },
      "codebook": {
        "name": "CHAT",
        "version": "1.0",
        "codes": [
          { "id": "rules", "name": "Rules", "element": "rules", "definition": "Norms and conventions." },
          { "id": "rules.time", "name": "Time commitment", "element": "rules", "parent": "rules", "definition": "" }
        ]
      },
      "attributes": [
        { "name": "completed", "type": "yes_no" },
        { "name": "years_as_admin", "type": "number" },
        { "name": "district", "type": "category" }
      ],
      "participants": [
        {
          "id": "P01",
          "interviewed": true,
          "attributes": { "completed": true, "years_as_admin": 12, "district": "Prairie View", "ratio": 0.5 },
          "documents": [1]
        },
        { "id": "P02", "interviewed": false, "attributes": {}, "documents": [] }
      ],
      "documents": [
        {
          "id": 1,
          "key": "P01.vtt",
          "source_path": "/corpus/P01.vtt",
          "participant": "P01",
          "format": "webvtt",
          "encoding": "utf-8",
          "content_hash": "66c79dcf9490bc4e798188262dbac5f2fad93b733f283a5ae22683e5ea431208",
          "characters": 925,
          "metadata": { "title": "Principal interview" },
          "warnings": ["encoding guessed"]
        }
      ],
      "passages": [
        {
          "id": 1,
          "document": 1,
          "ordinal": 0,
          "turn": 0,
          "speaker": null,
          "role": "unknown",
          "start": 98,
          "end": 191,
          "text": "Thanks for joining.",
          "protocol_question": null,
          "codings": []
        },
        {
          "id": 2,
          "document": 1,
          "ordinal": 1,
          "turn": 1,
          "speaker": "Principal",
          "role": "participant",
          "start": 204,
          "end": 282,
          "text": "Two hours a week for about ten weeks.",
          "start_time": 12.5,
          "end_time": 20,
          "protocol_question": "Q4",
          "codings": [
            {
              "id": 1,
              "code": "rules.time",
              "element": "rules",
              "coder": "auto",
              "rule": "rules.time/1",
              "start": 204,
              "end": 240,
              "matched": ["hours", "week"],
              "negated": false
            },
            {
              "id": 2,
              "code": "old.code",
              "element": "retired",
              "coder": "Ana",
              "start": 204,
              "end": 282,
              "matched": [],
              "negated": false
            }
          ]
        }
      ],
      "contradictions": [
        {
          "level": "secondary", "elements": ["rules", "tools_and_signs"], "manifestation": "dilemma",
          "participant": "P04", "passages": [5],
          "spans": [{ "start": 120, "end": 180, "text": "and then the tasks have to be done alone." }],
          "evidence": "opposed content: community-building content against working alone", "confidence": 0.8,
          "status": "proposed", "coder": "auto"
        }
      ],
      "survey": [
        {
          "source": "teachers.csv", "tool": "qualtrics", "rows": 5, "respondents": 3, "respondents_with_unfinished": 4,
          "excluded": 1,
          "items": [
            {
              "id": "QID2_1", "text": "How much do you agree? — I can explain micro-credentials.", "type": "likert", "n": 3,
              "distribution": [{ "label": "Disagree", "count": 1 }, { "label": "Agree", "count": 2 }],
              "percent_top2": 66.7, "percent_bottom2": 33.3
            },
            {
              "id": "QID3", "text": "Top supports", "type": "multi_select", "n": 3, "distribution": [],
              "choice_counts": [{ "label": "Planning time", "count": 2 }]
            },
            { "id": "QID5", "text": "Hours", "type": "numeric", "n": 2, "distribution": [], "mean": 20, "median": 20, "minimum": 15, "maximum": 25 }
          ]
        }
      ],
      "tables": {
        "time_commitment": {
          "mean_hours": 18.333,
          "n_estimates": 1,
          "hours": [
            {
              "participant": "P01", "hours": 20, "expression": "two hours a week for about ten weeks", "passage": 2,
              "rule": "rate_times_duration", "working": "2 hours a week × 10 weeks = 20",
              "evidence": "I did about two hours a week for about ten weeks.", "passages": [2], "source": "question"
            }
          ],
          "no_estimate": ["P03"],
          "no_estimate_evidence": [{ "participant": "P03", "evidence": null, "passages": [] }],
          "judgments": { "too_much": 0, "about_right": 1, "too_little": 0 },
          "n_judgments": 1,
          "participant_judgments": [
            { "participant": "P01", "judgment": "about_right", "evidence": "about right", "quote": "It was about right.", "passage": 2 }
          ],
          "unclear_judgments": [],
          "advice": {
            "respondents": 1, "time_management": 1, "respondent_ids": ["P01"], "time_management_ids": ["P01"],
            "evidence": [{ "participant": "P01", "evidence": "Block it out on your calendar.", "passages": [2] }],
            "declined": []
          },
          "sources": ["hours_estimate: answers to Q4 (About how many hours?)"]
        },
        "motivation": {
          "code": "outcome.motivation",
          "name": "Motivation",
          "denominator": 1,
          "participants": ["P01"],
          "n_participants": 1,
          "themes": [
            {
              "code": "outcome.motivation.staff", "name": "Staff", "participants": ["P01"], "n_participants": 1, "passages": [2],
              "in_codebook": true, "counted_from": "what participants said, and people's codings",
              "evidence": [{ "participant": "P01", "evidence": "I wanted to bring it back to my staff.", "passages": [2] }]
            }
          ]
        },
        "incentives": {
          "respondents": 2,
          "did_not_matter": 1,
          "mattered": 0,
          "unclear": 1,
          "answers": [
            {
              "participant": "P01", "stance": "did_not_matter", "evidence": "A nice bonus, not why I did it.", "cue": "bonus",
              "incentives": [], "passages": [2], "source": "question"
            },
            { "participant": "P03", "stance": null, "evidence": null, "cue": null, "incentives": ["money"], "passages": [], "source": "protocol_question" }
          ],
          "source": "answers to Q7 (Incentives?)"
        },
        "experience": {
          "completion_attribute": "completed",
          "participants": ["P01"],
          "numbers": [
            { "attribute": "years_as_admin", "group": "All", "n": 1, "mean": 12.5, "min": 12, "max": 13, "participants": ["P01"] },
            { "attribute": "years_as_admin", "group": "completed = no", "n": 0, "participants": [] }
          ],
          "bins": [{ "attribute": "years_as_admin", "label": "10–14", "lower": 10, "upper": 14, "participants": ["P01"] }],
          "categories": [{ "attribute": "district", "value": "Prairie View", "participants": ["P01"] }],
          "distinct": { "completed": 1, "district": 1 },
          "without_documents": ["P02"]
        },
        "codes": [
          { "code": "rules", "element": "rules", "participants": ["P01"], "n_participants": 1, "passages": 1, "codings": 0 },
          { "code": "rules.time", "element": "rules", "participants": ["P01"], "n_participants": 1, "passages": 1, "codings": 1 }
        ],
        "crosstabs": [
          {
            "attribute": "district",
            "values": ["Prairie View"],
            "column_totals": [1],
            "rows": [{ "code": "rules", "cells": [{ "participants": 1, "passages": 1 }] }]
          }
        ],
        "cooccurrence": [
          { "codes": ["rules.time", "outcome.motivation"], "passages": 1, "participants": 1, "passage_ids": [2] }
        ]
      }
    }
    """#

  /// A corpus that exercises the export's optional and nullable keys: a protocol, a
  /// completion attribute, timed and unattributed passages, a manual coding, a retired code,
  /// an answer with no clear stance, a participant without documents.
  static func richCorpus() -> CorpusSnapshot {
    let codebook = Codebook(
      name: "t", version: "1",
      codes: [
        Code(id: "outcome", name: "Outcome", element: .outcome, definition: "What it yields."),
        Code(id: "outcome.motivation", name: "Motivation", element: .outcome, parentID: "outcome"),
        Code(id: "outcome.motivation.staff", name: "Staff", element: .outcome, parentID: "outcome.motivation"),
        Code(id: "rules", name: "Rules", element: .rules),
        Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
        Code(id: "rules.time.advice", name: "Advice", element: .rules, parentID: "rules.time"),
        Code(id: "rules.incentives", name: "Incentives", element: .rules, parentID: "rules"),
        Code(id: "community", name: "Community", element: .community),
      ],
      tables: TableCodes(
        timeCommitment: "rules.time", timeAdvice: "rules.time.advice", motivation: "outcome.motivation",
        incentives: "rules.incentives"))
    let interviewProtocol = InterviewProtocol(
      study: Study(title: "A study", participantNoun: "principal", period: "Spring 2024", programme: "the course"),
      questions: [
        ProtocolQuestion(id: "Q2", text: "Why?", probes: ["outcome.motivation"]),
        ProtocolQuestion(id: "Q4", text: "Hours?", probes: ["rules.time"], measure: .hoursEstimate),
        ProtocolQuestion(id: "Q5", text: "Too much?", probes: ["rules.time"], measure: .timeJudgment),
        ProtocolQuestion(id: "Q6", text: "Advice?", probes: ["rules.time"], measure: .timeAdvice),
        ProtocolQuestion(id: "Q7", text: "Incentives?", probes: ["rules.incentives"], measure: .incentiveRole),
      ])
    var passages: [Passage] = []
    var codings: [Coding] = []
    var offset = 0
    func say(
      _ document: Int64, _ role: SpeakerRole, _ text: String, question: String?, codes: [String] = [],
      speaker: String? = "A", time: Double? = nil, coder: String = Coding.autoCoder
    ) {
      let id = Int64(passages.count + 1)
      let span = TextSpan(start: offset, end: offset + text.unicodeScalars.count)
      offset = span.end + 1
      passages.append(Passage(
        id: id, documentID: document, ordinal: passages.count, turn: passages.count, speaker: speaker, role: role,
        span: span, text: text, startTime: time, endTime: time.map { $0 + 4.5 }, questionID: question))
      for code in codes {
        codings.append(Coding(
          id: Int64(codings.count + 1), passageID: id, codeID: code, coder: coder, span: span,
          ruleID: coder == Coding.autoCoder ? code + "/1" : nil, matched: coder == Coding.autoCoder ? ["word"] : []))
      }
    }
    say(1, .interviewer, "About how many hours?", question: "Q4", speaker: "Interviewer", time: 0)
    say(1, .participant, "Two hours a week for ten weeks.", question: "Q4", codes: ["rules.time"], time: 5)
    say(1, .participant, "It was about right.", question: "Q5", codes: ["rules.time"])
    say(1, .participant, "Block it out on your calendar.", question: "Q6", codes: ["rules.time.advice"])
    say(1, .participant, "A nice bonus, not why I did it.", question: "Q7", codes: ["rules.incentives"])
    say(1, .participant, "To bring it back to my staff.", question: "Q2", codes: ["outcome.motivation.staff", "community"])
    say(1, .unknown, "[crosstalk]", question: nil, speaker: nil)
    say(2, .participant, "I could not say how long.", question: "Q4", codes: ["rules.time"])
    say(2, .participant, "Hard to judge.", question: "Q5")
    say(2, .participant, "I liked the readings.", question: "Q7", codes: ["old.retired"], coder: "Ana")
    say(2, .participant, "My staff needed it.", question: "Q2", codes: ["outcome.motivation.staff"], coder: "Ana")
    func document(_ id: Int64, _ participant: String) -> Document {
      Document(
        id: id, key: "\(participant).vtt", sourcePath: "corpus/\(participant).vtt", participantID: participant,
        format: .webVTT, encoding: "utf-8", contentHash: String(repeating: "ab", count: 32), text: "",
        metadata: ["title": "Interview"], warnings: id == 2 ? ["encoding guessed"] : [])
    }
    return CorpusSnapshot(
      codebook: codebook, interviewProtocol: interviewProtocol,
      attributes: [
        AttributeDefinition(name: "completed", type: .yesNo),
        AttributeDefinition(name: "years", type: .number),
        AttributeDefinition(name: "district", type: .category),
      ],
      participants: [
        Participant(id: "P1", attributes: ["completed": .yesNo(true), "years": .number(12), "district": .category("North")]),
        Participant(id: "P2", attributes: ["completed": .yesNo(false), "years": .number(3.5)]),
        Participant(id: "P3", attributes: ["district": .category("South")]),
      ],
      documents: [document(1, "P1"), document(2, "P2")],
      passages: passages, codings: codings)
  }
}
