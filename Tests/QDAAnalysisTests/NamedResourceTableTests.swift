import Foundation
import Testing
import QDAAnalysis
import QDAModel

/// Resources many participants name, found by how they are written (issue 34, item 1), on
/// interviews written for this test about a mentoring course for new department heads.
@Suite struct NamedResourceTableTests {
  static let interviews: [String: [String]] = [
    "H1": [
      "I: Which materials did you use?",
      "P: Mostly the Harbor Mentoring Casebook. I read it cover to cover in October.",
      "P: Ms. Okafor ran the sessions at Lakeview High School, and Dr. Lindqvist visited twice.",
    ],
    "H2": [
      "I: Which materials did you use?",
      "P: Honestly the Casebook was the heart of it. My English learners came up a lot too.",
    ],
    "H3": [
      "I: Which materials did you use?",
      "P: We leaned on the Harbor Mentoring Casebook and some PD slides. Forty-two pages, I think.",
      "P: I also liked the casebook's short scenarios, and Padlet for sharing notes.",
    ],
    "H4": [
      "I: Which materials did you use?",
      "P: Padlet, mostly. On Tuesdays we met in the library of Lakeview High School.",
    ],
    "H5": ["I: Anything else?", "P: No. It was fine."],
  ]

  @Test func aResourceManyNameIsFoundInItsFormsAndCountedByParticipant() throws {
    let corpus = InterviewFindingsTests.snapshot(Self.interviews)
    let table = NamedResourceTable(corpus)
    let casebook = try #require(table.resources.first)
    #expect(casebook.name == "Harbor Mentoring Casebook")
    #expect(casebook.forms.contains("Casebook"))
    #expect(casebook.participants == ["H1", "H2", "H3"])
    #expect(casebook.passageIDs.count == 3)
    // Not resources: a school, people after titles, a language, an acronym, a month, a day, a
    // number, and a one-word name never written with a longer one (Padlet).
    let names = table.resources.flatMap(\.forms)
    for word in ["Lakeview", "Okafor", "Lindqvist", "English", "PD", "October", "Tuesdays", "Forty-two", "Padlet"] {
      #expect(!names.contains { $0.contains(word) }, "\(word) in \(names)")
    }
    #expect(table.resources.count == 1)
    #expect(table.table.data?.rows.first == [.text("Harbor Mentoring Casebook"), .text("Casebook"), .integer(3), .integer(5), .integer(3)])
  }

  @Test func fewerThanAQuarterOfThoseInterviewedIsNotMany() {
    var interviews = Self.interviews
    for number in 6...14 { interviews["H\(number)"] = ["I: Anything else?", "P: No, that covers it."] }
    #expect(NamedResourceTable(InterviewFindingsTests.snapshot(interviews)).resources.isEmpty)
  }

  /// Two programmes ending in the same word are two; a short form ending both joins neither.
  @Test func namesSharingTheirLastWordAreNotOneResource() throws {
    var interviews: [String: [String]] = [:]
    for number in 1...4 { interviews["A\(number)"] = ["I: Which programme?", "P: I did the Aspiring Principals Program last spring."] }
    for number in 1...3 { interviews["B\(number)"] = ["I: Which programme?", "P: Mine was the Teacher Leader Program, then the Program ended."] }
    let table = NamedResourceTable(InterviewFindingsTests.snapshot(interviews))
    #expect(table.resources.map(\.name) == ["Aspiring Principals Program", "Teacher Leader Program"])
    #expect(table.resources.map(\.participants.count) == [4, 3])
    #expect(table.resources.allSatisfy { !$0.forms.contains("Program") })
  }
}
