import Foundation
import QDAPipeline
import Testing
import _QDATestSupport

/// The default brief names no person: speakers' names, a header's interviewer and titled names
/// inside the quoted words are replaced (a participant's by their id), the methods appendix
/// says so, and `--keep-names` keeps them.
@Suite struct BriefNamesTests {
  static let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"), sentenceModel: .off)

  /// Two interviews written for this test, with names where people say them.
  static func study() throws -> (TemporaryFolder, IngestRequest) {
    let temp = try TemporaryFolder("brief-names")
    try temp.write(
      "interviews/P21.txt",
      """
      Title: Coaching credential interview
      Participant: P21
      Interviewer: Wendeline Marsh

      Interviewer: Thanks for making time. How many hours did the micro-credential take you?

      Annika Halvorsen: Honestly, around thirty hours over the semester. Ms. Marsh warned me it would be more than that, and Wendeline was right about the reflection, it ate two whole weekends. My husband kept asking whether Halvorsen the principal or Halvorsen the student was coming to dinner.

      Interviewer: Did the incentives, the stipend or the credit hours, play a role?

      Annika Halvorsen: The stipend mattered a little. Dr. Oyelaran in the district office made sure we were paid on time, which I appreciated, because the platform kept losing my uploads and I needed some reason to keep going.

      Interviewer: What would you recommend to the people who design it?

      Annika Halvorsen: I would recommend a cohort. I worked alone and I would have liked other principals to talk to, the way Annika from five years ago had her mentor teachers when she was new to leading a staff.
      """)
    try temp.write(
      "interviews/P22.txt",
      """
      Interviewer: How many hours did it take you, roughly?

      Bartholomew Achterberg: Maybe twenty hours, I never counted exactly. Mr. Achterberg, my own father, was a principal too, and he used to say the paperwork doubles whatever you plan, so I planned for ten and he was right.

      Interviewer: Did you collaborate with other principals while you worked on it?

      Bartholomew Achterberg: Not really. My assistant principal covered the building when I was at the sessions, and our coach, Mrs. Fairweather-Lang, answered e-mails within a day, which helped the collaboration we did have.
      """)
    try temp.write("participants.csv", "participant_id,completed\nP21,yes\nP22,no\n")
    let request = IngestRequest(
      inputs: [temp.path("interviews")], attributes: temp.path("participants.csv"),
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
    return (temp, request)
  }

  static let names = ["Halvorsen", "Annika", "Wendeline", "Marsh", "Oyelaran", "Achterberg", "Bartholomew", "Fairweather"]

  @Test func theDefaultBriefReplacesNamesInsideQuotedWords() throws {
    let (temp, request) = try Self.study()
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"))
    let markdown = try String(contentsOfFile: temp.path("out/report.md"), encoding: .utf8)
    let html = try String(contentsOfFile: temp.path("out/report.html"), encoding: .utf8)
    for name in Self.names {
      #expect(!markdown.contains(name), "\(name) in report.md")
      #expect(!html.contains(name), "\(name) in report.html")
    }
    // The words are there, with the names replaced: the participant's by their id.
    #expect(markdown.contains(#"whether \[P21\] the principal or \[P21\] the student"#))
    #expect(markdown.contains(#"semester. \[name\] warned me"#))
    #expect(html.contains("[name] in the district office"))
    let methods = try #require(markdown.components(separatedBy: "**Names.**").last)
    #expect(methods.contains("People's names inside quoted words are replaced"))
    #expect(methods.contains("names were replaced"), "a count of the names replaced")
    #expect(methods.contains("surname or first name alone"))
    // The project keeps the words as spoken.
    let analysis = try String(contentsOfFile: temp.path("out/analysis.json"), encoding: .utf8)
    #expect(analysis.contains("Halvorsen the principal"))
  }

  @Test func keepNamesQuotesTheWordsAsSpokenAndTheManifestRecordsIt() throws {
    let (temp, request) = try Self.study()
    _ = try Self.pipeline.analyze(request, project: temp.path("p.qda"), out: temp.path("out"), keepNames: true)
    let markdown = try String(contentsOfFile: temp.path("out/report.md"), encoding: .utf8)
    #expect(markdown.contains("whether Halvorsen the principal or Halvorsen the student"))
    #expect(markdown.contains("printed as spoken, people's names included"))
    let manifest = try String(contentsOfFile: temp.path("out/manifest.json"), encoding: .utf8)
    #expect(manifest.contains("--keep-names"))
    // verify re-runs it the same way: every output compares equal.
    let result = try Self.pipeline.verify(report: temp.path("out"))
    let differing = result.compared.filter { !$0.same }.map(\.path)
    #expect(!result.compared.isEmpty && differing.isEmpty, "\(differing)")
  }
}
