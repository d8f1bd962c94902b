import Foundation
import Testing
import QDAModel
import QDAStore
import _QDATestSupport

@Suite struct ProjectStoreTests {
  let folder: TemporaryFolder
  let store: ProjectStore

  init() throws {
    folder = try TemporaryFolder("store")
    store = try ProjectStore(path: folder.path("p.qda"))
    try store.write { project in
      try project.replaceCodebook(Codebook(name: "b", version: "1", codes: [
        Code(id: "rules", name: "Rules", element: .rules),
        Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
        Code(id: "community", name: "Community", element: .community),
      ]))
    }
  }

  /// A two-passage document whose participant passage is `answer`.
  func document(_ answer: String, hash: String, key: String = "P01.txt") -> (Document, [Passage]) {
    let question = "What about time?"
    let text = "Q: \(question)\nA: \(answer)\n"
    let questionSpan = TextSpan(start: 3, end: 3 + question.unicodeScalars.count)
    let answerStart = questionSpan.end + 4
    let passages = [
      Passage(ordinal: 0, turn: 0, speaker: "Q", role: .interviewer, span: questionSpan, text: question),
      Passage(ordinal: 1, turn: 1, speaker: "A", role: .participant,
              span: TextSpan(start: answerStart, end: answerStart + answer.unicodeScalars.count), text: answer),
    ]
    return (Document(key: key, sourcePath: key, participantID: "P01", format: .plainText, encoding: "utf-8",
                     contentHash: hash, text: text), passages)
  }

  func save(_ answer: String, hash: String) throws -> DocumentSaveResult {
    let (document, passages) = document(answer, hash: hash)
    return try store.write { try $0.saveDocument(document, passages: passages, speakers: [String]()) }
  }

  @Test func usesWALAndForeignKeys() throws {
    let file = folder.path("p.qda")
    #expect(FileManager.default.fileExists(atPath: file))
    // WAL leaves a -wal file beside the project while it is open.
    _ = try save("Ten hours.", hash: "a")
    #expect(FileManager.default.fileExists(atPath: file + "-wal"))
  }

  @Test func searchesWithPorterStemming() throws {
    _ = try save("We collaborated on lessons and it took hours.", hash: "a")
    let hits = try store.read { try $0.search("collaborate") }
    #expect(hits.map(\.text) == ["We collaborated on lessons and it took hours."])
    #expect(try store.read { try $0.search("\"took hours\"") }.count == 1)
    #expect(try store.read { try $0.search("lessons NOT hours") }.isEmpty)
  }

  @Test func reingestingTheSameBytesChangesNothing() throws {
    let first = try save("Ten hours.", hash: "a")
    let again = try save("Ten hours.", hash: "a")
    #expect(again == .unchanged(documentID: first.documentID))
  }

  @Test func aChangedFileKeepsManualCodingsWhoseWordsRemain() throws {
    let first = try save("It took ten hours. We never collaborated.", hash: "a")
    let passages = try store.read { try $0.passages(documentID: first.documentID) }
    let answer = passages[1]
    let scalars = Array(answer.text.unicodeScalars)
    func span(_ words: String) -> TextSpan {
      let needle = Array(words.unicodeScalars)
      let start = (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle } ?? 0
      return TextSpan(start: answer.span.start + start, end: answer.span.start + start + needle.count)
    }
    try store.write { project in
      _ = try project.addCoding(Coding(passageID: answer.id!, codeID: "rules.time", coder: "Ana", span: span("It took ten hours.")), createdAt: "2026-01-01T00:00:00Z")
      _ = try project.addCoding(Coding(passageID: answer.id!, codeID: "community", coder: "Ana", span: span("We never collaborated.")), createdAt: nil)
      try project.replaceAutoCodings(documentID: first.documentID, with: [
        Coding(passageID: answer.id!, codeID: "rules.time", coder: "auto", span: span("It took ten hours.")),
      ])
    }
    // The new version keeps the first sentence, moved, and drops the second.
    let second = try save("Well. It took ten hours. We worked alone.", hash: "b")
    guard case .replaced(let id, let kept, let lost) = second else {
      Issue.record("expected a replacement, got \(second)")
      return
    }
    #expect(kept == 1)
    #expect(lost == [LostCoding(codeID: "community", coder: "Ana", quote: "We never collaborated.")])
    let codings = try store.read { try $0.codings() }
    #expect(codings.count == 1)
    #expect(codings[0].coder == "Ana")
    let document = try #require(try store.read { try $0.document(String(id)) })
    let text = Array(document.text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(text[codings[0].span.start..<codings[0].span.end])) == "It took ten hours.")
  }

  @Test func autoCodingNeverTouchesManualCodings() throws {
    let saved = try save("Ten hours.", hash: "a")
    let answer = try store.read { try $0.passages(documentID: saved.documentID) }[1]
    try store.write { project in
      _ = try project.addCoding(Coding(passageID: answer.id!, codeID: "rules.time", coder: "Ana", span: answer.span), createdAt: nil)
      try project.replaceAutoCodings(documentID: saved.documentID, with: [Coding(passageID: answer.id!, codeID: "rules.time", coder: "auto", span: answer.span)])
      try project.replaceAutoCodings(documentID: saved.documentID, with: [])
    }
    #expect(try store.read { try $0.codings() }.map(\.coder) == ["Ana"])
  }

  @Test func manualCodingsAreChecked() throws {
    let saved = try save("Ten hours.", hash: "a")
    let answer = try store.read { try $0.passages(documentID: saved.documentID) }[1]
    #expect(throws: StoreError(.notFound, "the codebook has no code 'rules.tim'")) {
      try store.write { try $0.addCoding(Coding(passageID: answer.id!, codeID: "rules.tim", coder: "Ana", span: answer.span), createdAt: nil) }
    }
    let outside = TextSpan(start: 0, end: answer.span.end)
    #expect(throws: StoreError(.invalid, "span \(outside) is not inside passage \(answer.id!) (\(answer.span))")) {
      try store.write { try $0.addCoding(Coding(passageID: answer.id!, codeID: "rules.time", coder: "Ana", span: outside), createdAt: nil) }
    }
    #expect(throws: StoreError.self) {
      try store.write { try $0.addCoding(Coding(passageID: answer.id!, codeID: "rules.time", coder: "auto", span: answer.span), createdAt: nil) }
    }
  }

  @Test func anErrorRollsTheWholeCommandBack() throws {
    _ = try save("Ten hours.", hash: "a")
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try store.write { project in
        _ = try project.removeDocument(key: "P01.txt")
        try project.ensureParticipant("P99")
        throw Boom()
      }
    }
    #expect(try store.read { try $0.documents() }.map(\.key) == ["P01.txt"])
    #expect(try store.read { try $0.participants() }.map(\.id) == ["P01"])
  }

  @Test func droppedCodesWithManualCodingsAreRetiredNotDeleted() throws {
    let saved = try save("Ten hours.", hash: "a")
    let answer = try store.read { try $0.passages(documentID: saved.documentID) }[1]
    try store.write { _ = try $0.addCoding(Coding(passageID: answer.id!, codeID: "community", coder: "Ana", span: answer.span), createdAt: nil) }
    let retired = try store.write { project in
      try project.replaceCodebook(Codebook(name: "b", version: "2", codes: [Code(id: "rules", name: "Rules", element: .rules)]))
    }
    #expect(retired == ["community"])
    #expect(try store.read { try $0.retiredCodes() } == ["community"])
    #expect(try store.read { try $0.codings() }.map(\.codeID) == ["community"])
  }

  @Test func participantsKeepTheirTypedAttributes() throws {
    try store.write { project in
      try project.replaceParticipants(
        attributes: [AttributeDefinition(name: "completed", type: .yesNo), AttributeDefinition(name: "years", type: .number),
                     AttributeDefinition(name: "district", type: .category)],
        participants: [Participant(id: "P01", attributes: ["completed": .yesNo(false), "years": .number(17.5), "district": .category("D9")]),
                       Participant(id: "P02")])
    }
    let participants = try store.read { try $0.participants() }
    #expect(participants == [
      Participant(id: "P01", attributes: ["completed": .yesNo(false), "years": .number(17.5), "district": .category("D9")]),
      Participant(id: "P02"),
    ])
    // Ids match regardless of case.
    #expect(try store.read { try $0.canonicalParticipantID("p01") } == "P01")
  }

  @Test func refusesFilesThatAreNotProjects() throws {
    let path = try folder.write("notes.qda", "just text, not SQLite")
    #expect(throws: StoreError.self) { try ProjectStore(path: path) }
  }

  @Test func reopensWithItsData() throws {
    _ = try save("We collaborated.", hash: "a")
    let reopened = try ProjectStore(path: folder.path("p.qda"))
    #expect(try reopened.read { try $0.search("collaborating") }.count == 1)
  }
}
