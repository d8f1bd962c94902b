import Foundation
import QDACodebook
import QDAModel
import Testing
import _QDATestSupport

@Suite struct CodebookWriterTests {
  @Test func theCHATCodebookSurvivesWritingAndReadingBack() throws {
    let path = Fixtures.repository("Codebooks/chat.yaml")
    let original = try CodebookReader().read(try Fixtures.text(path), file: path)
    let written = CodebookWriter.yaml(original)
    let reread = try CodebookReader().read(written, file: "written.yaml")
    #expect(reread == original)
    #expect(reread.codes.count == original.codes.count)
    #expect(reread.codes.flatMap(\.rules).count == original.codes.flatMap(\.rules).count)
  }

  @Test func codesOutsideTheElementsAndAwkwardTextRoundTrip() throws {
    var codebook = Codebook(name: "Food: \"diet\" study", version: "2", description: "yes\nno # not a comment", codes: [])
    codebook.codes = [
      Code(id: "coke", name: "Coke", element: nil, color: "#ff0000"),
      Code(id: "coke.diet", name: "diet: Coke", element: nil, parentID: "coke", definition: "true"),
      Code(id: "rules", name: "Rules", element: .rules),
      Code(
        id: "rules.time", name: "Time", element: .rules, parentID: "rules",
        rules: [
          CodingRule(id: "rules.time/1", pattern: .near(["time"], ["hours", "week*"], within: 3), unless: ["free time"], scope: .all),
          CodingRule(id: "rules.time/q", pattern: .answers, questions: ["Q7"]),
          CodingRule(id: "rules.time/3", pattern: .all(["no", "null"]), questions: ["Q1", "Q2"], codesNegated: false),
        ]),
    ]
    codebook.tension.cues = [.init(phrase: "but then", kind: "contrast")]
    codebook.tension.oppositions = [.init(reason: "solo against together", sideA: ["alone"], sideB: ["together"])]
    let reread = try CodebookReader().read(CodebookWriter.yaml(codebook), file: "w.yaml")
    #expect(reread == codebook)
  }

  @Test func elementNoneIsOnlyForTopLevelCodes() throws {
    let error = #expect(throws: CodebookError.self) {
      try CodebookReader().read(
        """
        codes:
          - name: Rules
            element: rules
            codes:
              - name: Loose
                element: none
        """, file: "b.yaml")
    }
    #expect(error?.description.hasPrefix("b.yaml:6:18: code 'rules.loose' is under 'rules' (Rules) and cannot be outside") == true)
    let missing = #expect(throws: CodebookError.self) {
      try CodebookReader().read("codes:\n  - name: Loose\n", file: "c.yaml")
    }
    #expect(missing?.description.contains("has no 'element'") == true)
  }
  @Test func anotherToolsGUIDIsKeptAndChecked() throws {
    let yaml = """
      codes:
        - id: time
          name: Time
          element: rules
          guid: "{9a1c47e2-03bd-4c5e-8f16-2b7d90e4a3c5}"
      """
    let codebook = try CodebookReader().read(yaml, file: "book.yaml")
    #expect(codebook.code("time")?.exchangeGUID == "9A1C47E2-03BD-4C5E-8F16-2B7D90E4A3C5")
    let written = CodebookWriter.yaml(codebook)
    #expect(written.contains("guid: \"9A1C47E2-03BD-4C5E-8F16-2B7D90E4A3C5\""))
    #expect(try CodebookReader().read(written, file: "written.yaml") == codebook)
    #expect {
      try CodebookReader().read(yaml.replacingOccurrences(of: "-2b7d90e4a3c5", with: "-2b7d90e4a3"), file: "book.yaml")
    } throws: { String(describing: $0).hasPrefix("book.yaml:5:") && String(describing: $0).contains("guid '") }
  }

  @Test func aCodeThatOnlyGroupsOthersStaysUncodable() throws {
    let yaml = """
      codes:
        - id: topics
          name: Topics
          element: none
          codable: false
          codes:
            - id: time
              name: Time
      """
    let codebook = try CodebookReader().read(yaml, file: "book.yaml")
    #expect(codebook.code("topics")?.isCodable == false)
    #expect(codebook.code("topics.time")?.isCodable == nil)
    let reread = try CodebookReader().read(CodebookWriter.yaml(codebook), file: "written.yaml")
    #expect(reread == codebook)
    #expect {
      try CodebookReader().read(yaml.replacingOccurrences(of: "codable: false", with: "codable: sometimes"), file: "book.yaml")
    } throws: { String(describing: $0).hasPrefix("book.yaml:5:") && String(describing: $0).contains("must be true or false") }
  }
}
