import Testing
import QDAModel

@Suite("Model")
struct ModelTests {
  @Test(arguments: [
    ("tools_and_signs", Element.toolsAndSigns), ("Tools and signs", .toolsAndSigns), ("tools & signs", .toolsAndSigns),
    ("Division of Labour", .divisionOfLabor), ("division-of-labor", .divisionOfLabor), ("OUTCOMES", .outcome),
    ("subject", .subject), ("Object", .object), ("rules", .rules), ("Community", .community),
  ])
  func elementsReadFromIdentifiersAndNames(spelling: String, element: Element) {
    #expect(Element(identifier: spelling) == element)
  }

  @Test func unknownElementIsNil() {
    #expect(Element(identifier: "mediation") == nil)
    #expect(Element(identifier: "") == nil)
  }

  @Test func elementsSortInActivitySystemOrder() {
    #expect([Element.divisionOfLabor, .subject, .rules].sorted() == [.subject, .rules, .divisionOfLabor])
    #expect(Element.allCases.map(\.name) == [
      "Subject", "Object", "Outcome", "Rules", "Tools and signs", "Community", "Division of labor",
    ])
  }

  @Test(arguments: [(18.0, "18"), (17.5, "17.5"), (1.0 / 3.0, "0.33"), (-2.25, "-2.25"), (0.0, "0"), (2.005, "2.01"), (12.10, "12.1")])
  func numbersFormatLikeTables(value: Double, text: String) {
    #expect(formatNumber(value) == text)
  }

  @Test func spansCompareAndContain() {
    let outer = TextSpan(start: 10, end: 50)
    #expect(outer.length == 40)
    #expect(outer.contains(TextSpan(start: 10, end: 50)))
    #expect(!outer.contains(TextSpan(start: 9, end: 20)))
    #expect(outer.overlaps(TextSpan(start: 49, end: 60)))
    // End is exclusive: touching spans do not overlap.
    #expect(!outer.overlaps(TextSpan(start: 50, end: 60)))
    #expect(TextSpan(start: 1, end: 5) < TextSpan(start: 2, end: 3))
    #expect(outer.description == "10..<50")
  }

  @Test func codebookHierarchy() {
    let codebook = Codebook(
      name: "t", version: "1",
      codes: [
        Code(id: "rules", name: "Rules", element: .rules),
        Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
        Code(id: "rules.time.advice", name: "Advice", element: .rules, parentID: "rules.time"),
        Code(id: "community", name: "Community", element: .community),
      ])
    #expect(codebook.isDescendant("rules.time.advice", of: "rules"))
    #expect(!codebook.isDescendant("rules", of: "rules.time"))
    #expect(codebook.subtree("rules.time").map(\.id) == ["rules.time", "rules.time.advice"])
    #expect(codebook.children(of: "rules").map(\.id) == ["rules.time"])
    #expect(codebook.elementCode(.community)?.id == "community")
    #expect(codebook.elementCode(.object) == nil)
  }

  @Test func locationsPrintAsFileLineColumn() {
    #expect(InputLocation(file: "a.csv", line: 3).description == "a.csv:3")
    #expect(InputLocation(file: "c.yaml", line: 12, column: 7).description == "c.yaml:12:7")
    #expect(InputLocation(file: "x.txt").description == "x.txt")
  }
}
