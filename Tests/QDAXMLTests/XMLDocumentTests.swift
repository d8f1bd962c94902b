import Testing
import QDAXML
import _QDATestSupport

@Suite struct XMLDocumentTests {
  @Test func readsElementsAttributesAndText() throws {
    let document = try XMLDocument(
      string: """
        <?xml version="1.0" encoding="utf-8"?>
        <Project xmlns="urn:QDA-XML:project:1.0" name="Study &amp; more">
          <Users><User guid="A" name="Ana"/></Users>
          <Description>Line one
        line two &#x1F600;</Description>
        </Project>
        """, file: "p.qde")
    let root = try #require(document.root)
    #expect(root.name == "Project")
    #expect(root.namespace == "urn:QDA-XML:project:1.0")
    #expect(root.attribute("name") == "Study & more")
    #expect(root.attribute("missing") == nil)
    #expect(root.children.map(\.name) == ["Users", "Description"])
    #expect(root.child(named: "Description")?.text == "Line one\nline two 😀")
    #expect(root.child(named: "Description")?.line == 4)
    let user = try #require(root.child(named: "Users")?.children.first)
    #expect(user.attributes.map(\.name) == ["guid", "name"])
    #expect(user.attributes.map(\.value) == ["A", "Ana"])
  }

  @Test func xpathWithNamespaces() throws {
    let document = try XMLDocument(
      string: """
        <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
          <Code guid="1" name="Rules" isCodable="true"><Code guid="2" name="Time" isCodable="true"/></Code>
          <Code guid="3" name="Tools" isCodable="false"/>
        </Codes></CodeBook>
        """, file: "c.qdc")
    let ns = ["c": "urn:QDA-XML:codebook:1.0"]
    #expect(try document.select("//c:Code", namespaces: ns).map { $0.attribute("name") } == ["Rules", "Time", "Tools"])
    let rules = try #require(try document.select("//c:Code[@guid='1']", namespaces: ns).first)
    #expect(try document.select("c:Code", namespaces: ns, from: rules).map { $0.attribute("guid") } == ["2"])
    #expect(try document.select("//Code").isEmpty)  // unprefixed names are in no namespace
    #expect(throws: XMLError.self) { try document.select("//c:Code[", namespaces: ns) }
  }

  @Test func malformedXMLNamesTheLine() {
    let error = #expect(throws: XMLError.self) {
      try XMLDocument(string: "<a>\n<b>\n</a>\n", file: "broken.xml")
    }
    #expect(error?.reason == .malformed)
    #expect(error?.line == 3)
    #expect(error?.description.hasPrefix("broken.xml:3: ") == true)
    #expect(error?.description.contains("mismatch") == true)
  }

  @Test func emptyAndBinaryInputAreErrorsNotCrashes() {
    #expect(throws: XMLError.self) { try XMLDocument(bytes: [], file: "empty.xml") }
    #expect(throws: XMLError.self) { try XMLDocument(bytes: [0, 0xFF, 0x13, 0x37], file: "bin.xml") }
    #expect(throws: XMLError.self) { try XMLDocument(string: "<a>", file: "truncated.xml") }
  }

  @Test func billionLaughsIsRefusedBeforeParsing() {
    var lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    lol += (1...9).map { level in
      " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
    }.joined(separator: "\n")
    lol += "\n]>\n<lolz>&lol9;</lolz>\n"
    let error = #expect(throws: XMLError.self) { try XMLDocument(string: lol, file: "lol.xml") }
    #expect(error?.reason == .forbidden)
    #expect(error?.line == 2)
  }

  @Test func externalEntitiesAreRefused() {
    let xxe = """
      <?xml version="1.0"?>
      <!-- a comment first -->
      <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <r>&x;</r>
      """
    let error = #expect(throws: XMLError.self) { try XMLDocument(string: xxe, file: "xxe.xml") }
    #expect(error?.reason == .forbidden)
    #expect(error?.line == 3)
    // A DOCTYPE hidden behind a UTF-16 encoding is caught after parsing, still without expansion.
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>".utf16 {
      utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    #expect(throws: XMLError.self) { try XMLDocument(bytes: utf16, file: "xxe16.xml") }
  }

  @Test func doctypeMentionedInTextIsFine() throws {
    let document = try XMLDocument(string: "<p>&lt;!DOCTYPE html&gt; is how HTML starts</p>", file: "t.xml")
    #expect(document.root?.text == "<!DOCTYPE html> is how HTML starts")
  }

  @Test func writerEscapesAndTheResultParses() throws {
    var xml = XMLWriter()
    xml.open("Root", ["name": "a \"quoted\" <name> & more", "skipped": nil])
    xml.element("Text", text: "tab\there\nline <b> & \u{1}control")
    xml.element("Empty", ["note": "two\nlines"])
    xml.close()
    let document = try XMLDocument(string: xml.output, file: "written.xml")
    let root = try #require(document.root)
    #expect(root.attribute("name") == "a \"quoted\" <name> & more")
    #expect(root.attribute("skipped") == nil)
    #expect(root.child(named: "Text")?.text == "tab\there\nline <b> & \u{FFFD}control")
    #expect(root.child(named: "Empty")?.attribute("note") == "two\nlines")
  }
}
