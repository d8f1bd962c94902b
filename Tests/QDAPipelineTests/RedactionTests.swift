import Foundation
import QDAAnalysis
import QDAArchive
import QDAModel
import QDAPipeline
import QDARedaction
import QDAStore
import Testing
import _QDATestSupport

/// De-identification of the sample project: every name the transcripts, attributes and the
/// reviewed name list hold is gone from the redacted project's file, its reports and its exports,
/// while every passage, coding and table stays where it was.
@Suite struct RedactionTests {
  // The codebook's rules alone: these figures are the rules' (see LearnedCodingTests for the model).
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  /// Every real name in the sample corpus (speakers, interviewers, schools, districts and the
  /// short forms people use for them), written out by hand rather than taken from the key.
  static let originals = [
    "Renee", "Castillo", "Whitaker", "Brandt", "Delgado", "Hale", "Ortiz", "Jordan", "Prairie View", "Rock Creek",
    "Lincoln Heights", "Kaskaskia", "Sangamon", "Illini", "Maple Hollow", "Cedar Park", "Fox Bend", "Meadowbrook",
    "Oak Hill", "Riverside", "Sunnyside", "Three Rivers", "Willow Creek", "Prairie Trail",
  ]

  static func redactedSample() throws -> (temp: TemporaryFolder, original: String, redacted: String, key: String) {
    let (temp, project) = try MultipleCodersTests.sampleProject()
    _ = try pipeline.importCodings(project: project, csv: Fixtures.repository("Corpora/codings/ben.csv"))
    let key = temp.path("keys/key.csv")
    _ = try pipeline.redact(
      RedactionRequest(
        project: project, out: temp.path("deid.qda"), key: key, names: Fixtures.repository("Corpora/principals/redaction-names.csv")))
    return (temp, project, temp.path("deid.qda"), key)
  }

  /// Whether `text` holds `name` as words, in any case: "Hale" in "Ms. Hale's", not inside a
  /// longer word or a run of base64 (a stored model's weights once spelled "phALej").
  static func contains(_ text: String, _ name: String) -> Bool {
    var searched = text.startIndex
    while let found = text.range(of: name, options: [.caseInsensitive], range: searched..<text.endIndex) {
      let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
      let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
      if !(before.isLetter || before.isNumber || after.isLetter || after.isNumber) { return true }
      searched = text.index(after: found.lowerBound)
    }
    return false
  }

  @Test func reportsAndExportsFromARedactedProjectHoldNoOriginalName() throws {
    let (temp, original, redacted, key) = try Self.redactedSample()
    // The sample's names are really there to begin with (the brief itself names nobody: it
    // attributes by participant id and document kind; the export holds the transcripts).
    let originalReport = temp.path("original-report")
    _ = try Self.pipeline.writeReport(project: original, out: originalReport)
    let originalMarkdown = try String(contentsOfFile: originalReport + "/report.md", encoding: .utf8)
    #expect(!Self.contains(originalMarkdown, "castillo.txt") && !Self.contains(originalMarkdown, "Renee Castillo"))
    #expect(Self.contains(try Self.pipeline.exportJSON(project: original), "Castillo"))

    let report = temp.path("report")
    _ = try Self.pipeline.writeReport(project: redacted, out: report)
    let json = try Self.pipeline.exportJSON(project: redacted)
    let qdpx = temp.path("deid.qdpx")
    try Self.pipeline.exportQDPX(project: redacted, to: qdpx)
    let zip = try ZipReader(path: qdpx)
    var outputs: [(String, String)] = [("analysis export", json)]
    for name in zip.entryNames where !name.hasSuffix("/") {
      outputs.append(("qdpx " + name, String(decoding: try zip.read(name), as: UTF8.self)))
    }
    let files = FileManager.default.enumerator(atPath: report)!.compactMap { $0 as? String }
    #expect(files.count > 40)
    for file in files {
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: report + "/" + file, isDirectory: &isFolder)
      guard !isFolder.boolValue else { continue }
      if file.hasSuffix(".docx") {
        let word = try ZipReader(path: report + "/" + file)
        for name in word.entryNames { outputs.append((file + " " + name, String(decoding: try word.read(name), as: UTF8.self))) }
      } else {
        outputs.append((file, try String(contentsOfFile: report + "/" + file, encoding: .utf8)))
      }
    }
    // The project file itself, byte for byte (no page keeps an old text).
    outputs.append(("deid.qda", String(decoding: try Data(contentsOf: URL(fileURLWithPath: redacted)), as: UTF8.self)))
    for (label, text) in outputs {
      for name in Self.originals { #expect(!Self.contains(text, name), "\(label) holds \(name)") }
    }
    // The key holds them all, away from the project.
    let keyText = try String(contentsOfFile: key, encoding: .utf8)
    for name in ["Dr. Renee Castillo", "Sam Whitaker", "Prairie View CUSD 4", "Lincoln Heights North High School", "K. Brandt"] {
      #expect(keyText.contains(name))
    }
    #expect(try Self.pipeline.redactionCheck(project: redacted, key: key, names: Fixtures.repository("Corpora/principals/redaction-names.csv")).isEmpty)
    // The original project still has its names: redaction writes a copy.
    let castillo = try ProjectStore(path: original).read { try $0.document("castillo.txt") }
    #expect(castillo?.text.contains("Dr. Renee Castillo: That's fine.") == true)
  }

  @Test func everyPassageCodingAndTableStaysOnTheSameWords() throws {
    let (temp, original, redacted, _) = try Self.redactedSample()
    defer { withExtendedLifetime(temp) {} }
    func load(_ path: String) throws -> (documents: [Document], passages: [Passage], codings: [Coding]) {
      try ProjectStore(path: path).read { project in
        let documents = try project.documents()
        return (documents, try project.passages(), try project.codings(CodingFilter()))
      }
    }
    let before = try load(original)
    let after = try load(redacted)
    #expect(after.documents.count == before.documents.count)
    #expect(after.passages.count == before.passages.count)
    #expect(after.codings.count == before.codings.count)
    #expect(Set(after.codings.map(\.coder)) == ["auto", "ben"])
    func quotes(_ loaded: (documents: [Document], passages: [Passage], codings: [Coding])) -> [String] {
      let texts = Dictionary(uniqueKeysWithValues: loaded.documents.map { ($0.id!, ScalarSlicer($0.text)) })
      let passages = Dictionary(uniqueKeysWithValues: loaded.passages.map { ($0.id!, $0) })
      return loaded.codings.map { coding in
        let passage = passages[coding.passageID]!
        #expect(passage.span.start <= coding.span.start && coding.span.end <= passage.span.end)
        return texts[passage.documentID!]![coding.span]
      }
    }
    let texts = Dictionary(uniqueKeysWithValues: after.documents.map { ($0.id!, ScalarSlicer($0.text)) })
    for passage in after.passages {
      #expect(texts[passage.documentID!]![passage.span] == passage.text)
    }
    // Codings over words without names are unchanged, word for word; the others hold pseudonyms.
    let old = quotes(before)
    let new = quotes(after)
    let unchanged = old.filter { quote in !Self.originals.contains { quote.contains($0) } }
    #expect(unchanged.count > 400)
    #expect(Set(unchanged).isSubset(of: Set(new)))
    #expect(new.filter { $0.contains("[") }.count >= old.count - unchanged.count)
    // The Castillo transcript is now P11's, and its speakers are pseudonyms.
    let p11 = after.documents.first { $0.participantID == "P11" }!
    #expect(p11.key == "P11.txt")
    #expect(p11.text.contains("00:00:09 [P11]: That's fine."))
    #expect(p11.text.contains("I'm principal of [School "))
    #expect(Set(after.passages.filter { $0.documentID == p11.id }.compactMap(\.speaker)) == ["[P11]", "[Interviewer 3]"])

    // Every table but the district ones (relabelled) and the themes of the coded words (read
    // from the words, which now hold pseudonyms) reads the same.
    let tablesBefore = try Self.pipeline.tables(project: original)
    let tablesAfter = try Self.pipeline.tables(project: redacted)
    #expect(tablesBefore.map(\.id) == tablesAfter.map(\.id))
    for (old, new) in zip(tablesBefore, tablesAfter)
    where !old.id.contains("district") && old.id != "attribute_counts" && old.id != "code_themes" {
      #expect(old == new, "\(old.id)")
    }
    let districts = tablesAfter.first { $0.id == "crosstab_district" }!
    #expect(districts.columns.dropFirst().allSatisfy { $0.hasPrefix("[District ") })
    #expect(try Self.pipeline.contradictions(project: redacted).count == (try Self.pipeline.contradictions(project: original).count))
  }

  @Test func aSecondRunWithTheKeyGivesTheSamePseudonyms() throws {
    let (temp, original, redacted, key) = try Self.redactedSample()
    let first = try String(contentsOfFile: key, encoding: .utf8)
    let again = try Self.pipeline.redact(
      RedactionRequest(project: original, out: temp.path("again.qda"), key: key, names: Fixtures.repository("Corpora/principals/redaction-names.csv")))
    #expect(again.added == 0)
    #expect(try String(contentsOfFile: key, encoding: .utf8) == first)
    let a = try ProjectStore(path: redacted).read { try $0.documents().map(\.text) }
    let b = try ProjectStore(path: temp.path("again.qda")).read { try $0.documents().map(\.text) }
    #expect(a == b)
    // An existing output is refused, and nothing is written over it.
    #expect(throws: PipelineError.self) {
      try Self.pipeline.redact(RedactionRequest(project: original, out: redacted, key: key))
    }
  }

  @Test func detectionFindsTheSchoolsAndCheckFindsWhatWasNotRedacted() throws {
    let (temp, project) = try MultipleCodersTests.sampleProject()
    let candidates = try Self.pipeline.redactionCandidates(project: project)
    let schools = candidates.filter { $0.kind == .school }.map(\.text).sorted()
    #expect(schools.count == 11)
    #expect(schools.contains("Lincoln Heights North High School"))
    #expect(schools.contains("Three Rivers High School"))
    // Speaker names and districts from the attributes are known already, not candidates.
    #expect(!candidates.contains { ["Sam Whitaker", "Dr. Renee Castillo", "Rock Creek", "Prairie View"].contains($0.text) })

    // Without the reviewed list, the schools stay (or the part after a district's name: "[District 3]
    // North High School") and check names each of them.
    let key = temp.path("key.csv")
    _ = try Self.pipeline.redact(RedactionRequest(project: project, out: temp.path("partial.qda"), key: key))
    let findings = try Self.pipeline.redactionCheck(project: temp.path("partial.qda"), key: key, names: nil)
    let found = Set(findings.filter { $0.reason == .candidate }.map(\.text))
    #expect(found.isSuperset(of: ["Oak Hill Elementary", "Cedar Park Elementary", "North High School"]))
    #expect(!findings.contains { $0.reason == .keyName })
    // A project never de-identified fails the check outright, whatever its text.
    let leak = temp.path("leak.qda")
    try FileManager.default.copyItem(atPath: project, toPath: leak)
    #expect {
      try Self.pipeline.redactionCheck(project: leak, key: key, names: nil)
    } throws: { String(describing: $0).contains("was never de-identified") }
    // A name listed in the key but left in the text is a leak, found in any case (here a copy
    // whose history says it was redacted, though it was not).
    try ProjectStore(path: leak, mustExist: true).write { try $0.log(command: "redact", summary: "test", at: "2026-01-01T00:00:00Z") }
    let leaks = try Self.pipeline.redactionCheck(project: leak, key: key, names: nil).filter { $0.reason == .keyName }
    #expect(leaks.contains { $0.text == "Castillo" && $0.location.hasPrefix("castillo.txt") })
    #expect(leaks.contains { $0.text == "Castillo" && $0.location.contains("file name") })
  }

  @Test func aBadNameListIsRefusedWithItsLineAndNothingIsWritten() throws {
    let (temp, project) = try MultipleCodersTests.sampleProject()
    let names = try temp.write("names.csv", "original,kind\nOak Hill Elementary,school\nRock Creek,town\n")
    do {
      _ = try Self.pipeline.redact(RedactionRequest(project: project, out: temp.path("x.qda"), key: temp.path("k.csv"), names: names))
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".hasPrefix("\(names):3: 'town' is not a kind"))
    }
    #expect(!FileManager.default.fileExists(atPath: temp.path("x.qda")))
    #expect(!FileManager.default.fileExists(atPath: temp.path("k.csv")))
  }
}

/// Cuts a text by Unicode-scalar spans, as the project stores them.
struct ScalarSlicer {
  let scalars: [Unicode.Scalar]
  init(_ text: String) { scalars = Array(text.unicodeScalars) }
  subscript(span: TextSpan) -> String { String(String.UnicodeScalarView(scalars[span.start..<span.end])) }
}
