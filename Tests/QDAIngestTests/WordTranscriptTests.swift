import Foundation
import QDAArchive
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

@Suite struct WordTranscriptTests {
  @Test func qualCoderSampleIsThreeUnattributedParagraphs() throws {
    let path = Fixtures.shared("formats/transcripts/qualcoder_interview_response.docx")
    let imported = try DocumentImporter.importTranscript(
      bytes: try Fixtures.bytes(path), sourcePath: path, key: "response.docx")
    #expect(imported.document.format == .docx)
    #expect(imported.document.participantID == "qualcoder_interview_response")
    #expect(imported.passages.count == 3)
    #expect(imported.passages.allSatisfy { $0.speaker == nil })
    // Words split across runs (proofing marks between them) come out whole.
    #expect(imported.passages[0].text.hasSuffix("web links have been really good."))
    #expect(imported.passages[1].text.contains("but its like a duck to water for me - no problem at all."))
    #expect(imported.passages[2].text.hasSuffix("I'm happy to pay €200."))
    #expect(imported.document.text.unicodeScalars.count == 204 + 2 + 159 + 2 + 262)
  }

  @Test func boldLabelsTrackedChangesAndHeaderParagraphs() throws {
    let body = """
      <w:p><w:r><w:t>Participant: P21</w:t></w:r></w:p>
      <w:p><w:r><w:t>Date: 3 March 2026</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer:</w:t></w:r><w:r><w:t xml:space="preserve"> How many hours </w:t></w:r><w:r><w:t>did it take?</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Ms. Okafor</w:t></w:r><w:r><w:t xml:space="preserve">: About </w:t></w:r><w:del><w:r><w:delText>ten</w:delText></w:r></w:del><w:ins><w:r><w:t>twenty</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> hours,</w:t></w:r><w:r><w:br/><w:t>maybe more.</w:t></w:r></w:p>
      <w:p><w:r><w:t>It was worth it.</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>So: not bold, not a label.</w:t></w:r></w:p>
      """
    let imported = try DocumentImporter.importTranscript(
      bytes: try Self.docx(body), sourcePath: "/tmp/P21.docx", key: "P21.docx")
    #expect(imported.document.participantID == "P21")
    #expect(imported.document.metadata["date"] == "3 March 2026")
    #expect(imported.passages.map(\.speaker) == ["Interviewer", "Ms. Okafor", "Ms. Okafor", "Ms. Okafor"])
    #expect(imported.passages.map(\.text) == [
      "How many hours did it take?", "About twenty hours,\nmaybe more.", "It was worth it.",
      "So: not bold, not a label.",
    ])
    #expect(imported.passages.map(\.role) == [.interviewer, .participant, .participant, .participant])
    #expect(!imported.document.text.contains("ten"))
  }

  @Test func boldNamesAloneAndSpeakerTables() throws {
    let body = """
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>FACILITATOR</w:t></w:r></w:p>
      <w:p><w:r><w:t>Tell me about the platform.</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>DR. LEE</w:t></w:r></w:p>
      <w:p><w:r><w:t>The platform was clunky.</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>FACILITATOR</w:t></w:r></w:p>
      <w:p><w:r><w:t>And the content?</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>DR. LEE</w:t></w:r></w:p>
      <w:p><w:r><w:t>Useful.</w:t></w:r></w:p>
      <w:tbl>
        <w:tr><w:tc><w:p><w:r><w:t>Speaker</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Text</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>Facilitator</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Anything else?</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>Dr. Lee</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>The </w:t></w:r><w:hyperlink><w:r><w:t>forum</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve">	helped.</w:t></w:r></w:p></w:tc></w:tr>
      </w:tbl>
      """
    let transcript = try WordTranscript.parse(bytes: try Self.docx(body), file: "focus.docx")
    let texts = transcript.segments.map { String(String.UnicodeScalarView(Array(transcript.text.unicodeScalars)[$0.span.start..<$0.span.end])) }
    #expect(transcript.segments.map(\.speaker) == ["FACILITATOR", "DR. LEE", "FACILITATOR", "DR. LEE", "Facilitator", "Dr. Lee"])
    #expect(texts == [
      "Tell me about the platform.", "The platform was clunky.", "And the content?", "Useful.",
      "Anything else?", "The forum\thelped.",
    ])
  }

  @Test func otherTablesAreFlattenedRowByRow() throws {
    let body = """
      <w:p><w:r><w:t>Notes from the site visit.</w:t></w:r></w:p>
      <w:tbl>
        <w:tr><w:tc><w:p><w:r><w:t>School</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Level</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Hours</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>Oak</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Elementary</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>
      </w:tbl>
      """
    let transcript = try WordTranscript.parse(bytes: try Self.docx(body), file: "notes.docx")
    #expect(transcript.text == "Notes from the site visit.\n\nSchool\tLevel\tHours\n\nOak\tElementary\t12")
    #expect(transcript.segments.count == 3)
  }

  @Test func brokenWordFilesAreClearErrors() throws {
    let notZip = #expect(throws: IngestError.self) {
      try DocumentImporter.importTranscript(bytes: Array("hello".utf8), sourcePath: "a.docx", key: "a")
    }
    #expect(notZip?.description == "a.docx: not a ZIP file, or a damaged one")

    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("b.docx").path
    let writer = try ZipWriter(path: path)
    try writer.add("word/other.xml", bytes: Array("<x/>".utf8))
    try writer.finish()
    let noDocument = #expect(throws: IngestError.self) {
      try DocumentImporter.importTranscript(bytes: try Fixtures.bytes(path), sourcePath: "b.docx", key: "b")
    }
    #expect(noDocument?.description == "b.docx: not a Word document: the package has no word/document.xml")

    let malformed = #expect(throws: IngestError.self) {
      try WordTranscript.parse(bytes: try Self.docx("<w:p><w:r><w:t>open</w:r></w:p>"), file: "c.docx")
    }
    #expect(malformed?.description.hasPrefix("c.docx#word/document.xml:3: ") == true)

    let entity = """
      <?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <w:document xmlns:w="\(Self.w)"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>
      """
    let refused = #expect(throws: IngestError.self) {
      try WordTranscript.parse(bytes: try Self.zip(entity), file: "d.docx")
    }
    #expect(refused?.message.contains("document type declarations are not accepted") == true)

    let empty = #expect(throws: IngestError.self) {
      try WordTranscript.parse(bytes: try Self.docx("<w:p/>"), file: "e.docx")
    }
    #expect(empty?.description == "e.docx: no text found in the Word document")
  }

  // MARK: - Building Word files

  static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

  /// A minimal .docx whose body holds `body`.
  static func docx(_ body: String) throws -> [UInt8] {
    try zip("""
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <w:document xmlns:w="\(w)"><w:body>
      \(body)
      <w:sectPr/></w:body></w:document>
      """)
  }

  static func zip(_ documentXML: String) throws -> [UInt8] {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("t.docx").path
    let writer = try ZipWriter(path: path)
    try writer.add("[Content_Types].xml", bytes: Array("<Types/>".utf8))
    try writer.add("word/document.xml", bytes: Array(documentXML.utf8))
    try writer.finish()
    return try Fixtures.bytes(path)
  }
}
