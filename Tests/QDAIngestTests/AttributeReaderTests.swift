import Testing
import QDAIngest
import QDAModel
import _QDATestSupport

@Suite struct AttributeReaderTests {
  func read(_ text: String) throws -> ParticipantTable {
    try AttributeReader.read(Array(text.utf8), file: "participants.csv")
  }

  @Test func typesTheSampleCorpusColumns() throws {
    let path = Fixtures.repository("Corpora/principals/participants.csv")
    let table = try AttributeReader.read(try Fixtures.bytes(path), file: path)
    #expect(table.attributes == [
      AttributeDefinition(name: "completed", type: .yesNo), AttributeDefinition(name: "years_as_admin", type: .number),
      AttributeDefinition(name: "school_level", type: .category), AttributeDefinition(name: "district", type: .category),
    ])
    #expect(table.participants.count == 12)
    #expect(table.participants[2] == Participant(id: "P03", attributes: [
      "completed": .yesNo(true), "years_as_admin": .number(14), "school_level": .category("high school"),
      "district": .category("Lincoln Heights CHSD 201"),
    ]))
  }

  @Test func honoursTypesNamedInTheHeaderAndLeavesEmptyCellsMissing() throws {
    let table = try read("id,grade:category,score:number\nA,9,\nB,10,3.5\n")
    #expect(table.attributes.map(\.type) == [.category, .number])
    #expect(table.participants[0].attributes == ["grade": .category("9")])
    #expect(table.participants[1].attributes["score"] == .number(3.5))
  }

  @Test func namesTheRowWithTheWrongNumberOfCells() {
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 3), .attributes, "row 3 has 2 cells but the header has 3")) {
      try read("id,completed,years\nP1,yes,10\nP2,no\n")
    }
  }

  @Test func namesTheBadNumber() {
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 4), .attributes,
      "row 4, column 'years': 'twelve' is not a number (the column's other values are)")) {
      try read("id,years\nP1,10\nP2,11\nP3,twelve\nP4,14\n")
    }
  }

  @Test func namesTheBadValueOfADeclaredType() {
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 3, column: 2), .attributes,
      "row 3, column 'completed': 'maybe' is not yes or no")) {
      try read("id,completed:yesno\nP1,yes\nP2,maybe\n")
    }
  }

  @Test func rejectsRepeatedAndEmptyIds() {
    #expect(throws: IngestError.self) { try read("id,x\nP1,a\np1,b\n") }
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 2, column: 1), .attributes, "row 2 has no participant id")) {
      try read("id,x\n,a\n")
    }
  }

  @Test func rejectsBlankAndRepeatedHeaders() {
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 1, column: 2), .attributes, "column 2 of the header has no name")) {
      try read("id,,x\n1,2,3\n")
    }
    #expect(throws: IngestError(InputLocation(file: "participants.csv", line: 1, column: 3), .attributes, "column 3 repeats the name 'X'")) {
      try read("id,x,X\n1,2,3\n")
    }
  }
}
