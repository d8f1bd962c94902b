import Foundation
import Testing
import QDAModel
import QDAStore
import _QDATestSupport

/// Searches filter through facets (sets of passage ids) the project keeps between commands:
/// these tests check that a kept facet never answers for passages or codings changed since.
@Suite struct SearchFacetTests {
  let folder: TemporaryFolder
  let path: String

  init() throws {
    folder = try TemporaryFolder("facets")
    path = folder.path("p.qda")
    let store = try ProjectStore(path: path)
    try store.write { project in
      try project.replaceCodebook(Codebook(name: "b", version: "1", codes: [
        Code(id: "rules", name: "Rules", element: .rules),
        Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
        Code(id: "community", name: "Community", element: .community),
      ]))
      try project.replaceParticipants(attributes: [], participants: [Participant(id: "P01"), Participant(id: "P02")])
    }
    try save(key: "P01.txt", participant: "P01", answers: ["Ten hours a week of modules.", "The community helped."])
    try save(key: "P02.txt", participant: "P02", answers: ["Too many hours.", "Hours and hours alone."])
  }

  /// A document of interviewer questions and participant answers, one passage each.
  func save(key: String, participant: String, answers: [String]) throws {
    var text = ""
    var passages: [Passage] = []
    for (index, answer) in answers.enumerated() {
      let question = "Question \(index + 1)?"
      for (role, line) in [(SpeakerRole.interviewer, question), (.participant, answer)] {
        let start = text.unicodeScalars.count + 3
        text += (role == .interviewer ? "Q: " : "A: ") + line + "\n"
        passages.append(
          Passage(
            ordinal: passages.count, turn: passages.count, speaker: role == .interviewer ? "Q" : "A", role: role,
            span: TextSpan(start: start, end: start + line.unicodeScalars.count), text: line,
            questionID: role == .participant ? "Q\(index + 1)" : nil))
      }
    }
    let document = Document(
      key: key, sourcePath: key, participantID: participant, format: .plainText, encoding: "utf-8", contentHash: text, text: text)
    _ = try ProjectStore(path: path).write { try $0.saveDocument(document, passages: passages, speakers: [String]()) }
  }

  /// Vectors kept for a search by meaning are a cache: storing them leaves the revision (and
  /// the facets and pages kept under it) as it was; a change to the project moves it.
  @Test func keepingSentenceVectorsDoesNotMoveTheRevision() throws {
    let store = try ProjectStore(path: path)
    let before = try store.read { try $0.revision() }
    try store.write { try $0.storeSentenceVectors([(key: 42, vector: [0.5, 0.25])], model: "m") }
    #expect(try store.read { try $0.revision() } == before)
    #expect(try store.read { try $0.sentenceVectors(keys: [42], model: "m") }[42] == [0.5, 0.25])
    // Vectors and a coding in one write: the coding moves it.
    try store.write { project in
      try project.storeSentenceVectors([(key: 43, vector: [1])], model: "m")
      try project.replaceParticipants(attributes: [], participants: [Participant(id: "P01"), Participant(id: "P03")])
    }
    #expect(try store.read { try $0.revision() } > before)
  }

  func find(_ configure: (inout PassageSearch) -> Void) throws -> (texts: [String], total: Int) {
    var search = PassageSearch()
    search.limit = 20
    configure(&search)
    let found = try ProjectStore(path: path).read { try $0.search(search) }
    return (found.hits.map(\.passage.text), found.total)
  }

  func code(_ text: String, _ codeID: String, coder: String = "Ana") throws {
    try ProjectStore(path: path).write { project in
      let passage = try project.search(text, limit: 1)[0]
      _ = try project.addCoding(
        Coding(passageID: passage.id!, codeID: codeID, coder: coder, span: passage.span), createdAt: nil)
    }
  }

  @Test func filtersAgreeWithThePassagesAndAreKept() throws {
    try code("\"Ten hours\"", "rules.time")
    try code("\"Too many hours\"", "rules.time", coder: "Ben")
    let byCode = try find { $0.codeIDs = ["rules.time"] }
    #expect(byCode.texts == ["Ten hours a week of modules.", "Too many hours."])
    #expect(byCode.total == 2)
    #expect(try find { $0.codeIDs = ["rules.time"]; $0.coder = "Ben" }.texts == ["Too many hours."])
    #expect(try find { $0.text = "hours"; $0.role = "participant"; $0.participants = ["P02"] }.texts
      == ["Too many hours.", "Hours and hours alone."])
    #expect(try find { $0.role = "interviewer"; $0.documentKey = "P01.txt" }.texts == ["Question 1?", "Question 2?"])
    #expect(try find { $0.questionID = "Q2"; $0.text = "hours" }.texts == ["Hours and hours alone."])
    #expect(try find { $0.text = "hours"; $0.limit = 1 } == (["Ten hours a week of modules."], 3))
    #expect(try find { $0.text = "hours"; $0.codeIDs = ["community"] }.total == 0)
    // The facets those searches built are in the project for the next command.
    let kept = try ProjectStore(path: path).read { try $0.searchFacetNames() }
    #expect(kept.contains { $0.hasPrefix("code\u{1F}rules.time") })
    #expect(kept.contains("role\u{1F}participant"))
    #expect(kept.contains("documents"))
  }

  @Test func aChangedCodingIsSeenByTheNextSearch() throws {
    try code("\"Ten hours\"", "rules.time")
    #expect(try find { $0.codeIDs = ["rules.time"] }.total == 1)
    try code("\"Too many hours\"", "rules.time")
    #expect(try find { $0.codeIDs = ["rules.time"] }.texts == ["Ten hours a week of modules.", "Too many hours."])
    // A command that changes anything drops the facets kept; one that changes nothing keeps them.
    #expect(try find { $0.role = "participant" }.total == 4)
    try ProjectStore(path: path).write { _ in }
    #expect(try ProjectStore(path: path).read { try $0.searchFacetNames() }.contains("role\u{1F}participant"))
    try code("community", "community")
    #expect(try ProjectStore(path: path).read { try $0.searchFacetNames() }.isEmpty)
    #expect(try find { $0.role = "participant"; $0.codeIDs = ["community"] }.texts == ["The community helped."])
  }

  @Test func aRemovedDocumentTakesItsPassagesAndCodingsOutOfEveryFacet() throws {
    try code("\"Too many hours\"", "rules.time")
    #expect(try find { $0.codeIDs = ["rules.time"]; $0.role = "participant" }.total == 1)
    #expect(try find { $0.participants = ["P02"] }.total == 4)
    // The document's codings go by the foreign key's cascade, not a statement on `coding`.
    #expect(try ProjectStore(path: path).write { try $0.removeDocument(key: "P02.txt") })
    #expect(try find { $0.codeIDs = ["rules.time"]; $0.role = "participant" }.total == 0)
    #expect(try find { $0.participants = ["P02"] }.total == 0)
    try save(key: "P03.txt", participant: "P02", answers: ["Hours again."])
    #expect(try find { $0.participants = ["P02"]; $0.role = "participant" }.texts == ["Hours again."])
  }

  @Test func aFacetKeptBeforeAnotherCommandWroteIsNotUsed() throws {
    try code("\"Ten hours\"", "rules.time")
    // Two stores on one file, as two processes: the second changes the codings after the
    // first's search kept its facet.
    let first = try ProjectStore(path: path)
    let second = try ProjectStore(path: path)
    var search = PassageSearch()
    search.codeIDs = ["rules.time"]
    #expect(try first.read { try $0.search(search) }.total == 1)
    try second.write { project in
      let passage = try project.search("\"Too many hours\"", limit: 1)[0]
      _ = try project.addCoding(Coding(passageID: passage.id!, codeID: "rules.time", coder: "Ana", span: passage.span), createdAt: nil)
    }
    #expect(try first.read { try $0.search(search) }.total == 2)
  }
}
