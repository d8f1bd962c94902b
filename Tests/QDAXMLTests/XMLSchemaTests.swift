import Testing
import QDAXML
import _QDATestSupport

@Suite struct XMLSchemaTests {
  static let projectXSD = Fixtures.shared("refi-qda/schema/Project.xsd")
  static let codebookXSD = Fixtures.shared("refi-qda/schema/Codebook.xsd")

  @Test func theREFIQDASchemasCompile() throws {
    _ = try XMLSchema(bytes: try Fixtures.bytes(Self.projectXSD), file: Self.projectXSD)
    _ = try XMLSchema(bytes: try Fixtures.bytes(Self.codebookXSD), file: Self.codebookXSD)
  }

  @Test func publishedSamplesValidate() throws {
    let project = try XMLSchema(bytes: try Fixtures.bytes(Self.projectXSD), file: Self.projectXSD)
    for sample in ["atlasti-8.4-mac-standard-project.qde", "qdpx-toolkit-hand-authored/project.qde"] {
      let path = Fixtures.shared("refi-qda/samples/" + sample)
      let document = try XMLDocument(bytes: try Fixtures.bytes(path), file: path)
      #expect(project.validate(document) == [], "\(sample)")
    }
    let codebook = try XMLSchema(bytes: try Fixtures.bytes(Self.codebookXSD), file: Self.codebookXSD)
    let path = Fixtures.shared("refi-qda/samples/spec-annexA1-codebook.qdc")
    #expect(codebook.validate(try XMLDocument(bytes: try Fixtures.bytes(path), file: path)) == [])
  }

  @Test func everyViolationIsReportedWithItsLine() throws {
    let codebook = try XMLSchema(bytes: try Fixtures.bytes(Self.codebookXSD), file: Self.codebookXSD)
    let document = try XMLDocument(
      string: """
        <?xml version="1.0" encoding="utf-8"?>
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
          <Codes>
            <Code guid="not-a-guid" name="Rules" isCodable="true"/>
            <Code guid="6B1B4A4C-2B43-4E6C-9E0A-8E5A4E7B3C11" isCodable="maybe"/>
          </Codes>
          <Sets/>
        </CodeBook>
        """, file: "bad.qdc")
    let issues = codebook.validate(document)
    #expect(issues.count >= 3)
    #expect(issues.allSatisfy { $0.reason == .invalid && $0.file == "bad.qdc" })
    let lines = Set(issues.compactMap(\.line))
    #expect(lines.isSuperset(of: [4, 5, 7]))
    #expect(issues.contains { $0.description.hasPrefix("bad.qdc:4: ") && $0.message.contains("guid") })
    #expect(issues.contains { $0.line == 5 && $0.message.contains("name") })
  }

  @Test func bytesThatAreNotASchemaAreAClearError() throws {
    let notXML = try #require(throws: XMLError.self) { try XMLSchema(bytes: Array("not xml at all".utf8), file: "Project.xsd") }
    #expect(notXML.description.hasPrefix("Project.xsd"))
    let notSchema = try #require(throws: XMLError.self) {
      try XMLSchema(bytes: Array("<?xml version=\"1.0\"?><note>hi</note>".utf8), file: "note.xsd")
    }
    #expect(notSchema.description.hasPrefix("note.xsd"))
  }
}
