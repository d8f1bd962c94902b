import Foundation
import Testing
import _QDATestSupport

/// The `qda` binary as scripts see it: exit codes, messages naming file and line, output files.
@Suite("qda command line")
struct CommandLineTests {
  let codebook = Fixtures.repository("Codebooks/chat.yaml")
  let coaching = Fixtures.repository("Tests/Fixtures/coaching")

  func analyze(_ inputs: [String], project: String, out: String, extra: [String] = []) throws -> CommandResult {
    try CommandRunner.qda(
      ["analyze"] + inputs + [
        "--attributes", coaching + "/participants.csv", "--protocol", coaching + "/protocol.yaml",
        "--codebook", codebook, "--project", project, "--out", out,
      ] + extra)
  }

  @Test func helpListsTheCommandsAndExitCodes() throws {
    let result = try CommandRunner.qda(["--help"])
    #expect(result.status == 0)
    for command in ["analyze", "ingest", "code", "passages", "table", "report", "export"] {
      #expect(result.stdout.contains(command))
    }
    #expect(result.stdout.contains("64 bad arguments"))
  }

  @Test func analyzeWritesTheReportAndExitsZero() throws {
    let temp = try TemporaryFolder("cli")
    let result = try analyze([coaching], project: temp.path("p.qda"), out: temp.path("out"), extra: ["--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    for file in ["report.md", "report.html", "analysis.json", "tables/time_commitment.csv", "tables/time_commitment.json", "tables/time_commitment.md"] {
      #expect(FileManager.default.fileExists(atPath: temp.path("out/" + file)), "\(file)")
    }
    let table = try CommandRunner.qda(["table", "time_estimates", "--project", temp.path("p.qda"), "--format", "csv"])
    #expect(table.status == 0)
    #expect(table.stdout.hasPrefix(
      "participant,hours,words,rule\r\nT01,32.5,\"Thirty hours, maybe thirty-five\",30–35 (32.5) hours = 32.5\r\n"
        + "T02,24,Three hours a week over eight weeks,3 hours a week × 8 weeks = 24\r\n"))
  }

  @Test func aSkippedFileExitsThreeAndNamesTheFile() throws {
    let temp = try TemporaryFolder("cli")
    try FileManager.default.copyItem(atPath: coaching + "/T01.txt", toPath: temp.path("T01.txt"))
    try temp.write("T09.txt", bytes: [0x00, 0x00, 0x41, 0x00, 0x07])
    let result = try analyze([temp.path("T01.txt"), temp.path("T09.txt")], project: temp.path("p.qda"), out: temp.path("out"))
    #expect(result.status == 3)
    #expect(result.stderr.contains("T09.txt:1: not a text file"))
    #expect(FileManager.default.fileExists(atPath: temp.path("out/report.md")))
  }

  @Test func aBadCodebookExitsOneWithLineAndColumn() throws {
    let temp = try TemporaryFolder("cli")
    let bad = try temp.write("bad.yaml", """
      codebook: Broken
      version: "1"
      codes:
        - id: rules
          name: Rules
          element: rulez

      """)
    let result = try CommandRunner.qda([
      "analyze", coaching, "--codebook", bad, "--project", temp.path("p.qda"), "--out", temp.path("out"),
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("bad.yaml:6:"))
    #expect(result.stderr.contains("rulez"))
    // Nothing was created.
    #expect(!FileManager.default.fileExists(atPath: temp.path("p.qda")))
  }

  @Test func aSurveyAloneIsSomethingToIngest() throws {
    let temp = try TemporaryFolder("cli-survey")
    let survey = try CommandRunner.qda([
      "ingest", "--survey", Fixtures.repository("Corpora/survey/teachers_survey.csv"), "--project", temp.path("s.qda"),
    ])
    #expect(survey.status == 0, "\(survey.stderr)")
    #expect(survey.stdout.contains("documents: 1 added"))
    let nothing = try CommandRunner.qda(["ingest", "--project", temp.path("n.qda")])
    #expect(nothing.status == 64)
    #expect(nothing.stderr.contains("nothing to ingest: give transcripts, --survey,"))
  }

  @Test func badArgumentsExitSixtyFour() throws {
    let result = try CommandRunner.qda(["analyze", "--no-such-option"])
    #expect(result.status == 64)
    let missing = try CommandRunner.qda(["table", "time_commitment"])
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("--project"))
  }

  @Test func aMissingProjectIsAnErrorNotANewFile() throws {
    let temp = try TemporaryFolder("cli")
    let result = try CommandRunner.qda(["passages", "--project", temp.path("none.qda")])
    #expect(result.status == 1)
    #expect(result.stderr.contains("none.qda: no such project"))
    #expect(!FileManager.default.fileExists(atPath: temp.path("none.qda")))
  }

  @Test func codingsCanBeAddedListedAndRemovedByHand() throws {
    let temp = try TemporaryFolder("cli")
    let project = temp.path("p.qda")
    #expect(try analyze([coaching], project: project, out: temp.path("out"), extra: ["-q"]).status == 0)
    let added = try CommandRunner.qda([
      "code", "add", "--project", project, "--document", "T04.txt", "--quote", "Make it a full year.",
      "--code", "object.design", "--coder", "Ana Ruiz",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    let listed = try CommandRunner.qda(["code", "list", "--project", project, "--coder", "Ana Ruiz"])
    #expect(listed.stdout.contains("object.design"))
    #expect(listed.stdout.contains("Make it a full year."))
    let id = try #require(listed.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first)
    // An unknown code is refused with its name.
    let unknown = try CommandRunner.qda([
      "code", "add", "--project", project, "--passage", "1", "--code", "rules.nope", "--coder", "Ana",
    ])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("rules.nope"))
    let removed = try CommandRunner.qda(["code", "remove", "--project", project, "--id", String(id)])
    #expect(removed.status == 0, "\(removed.stderr)")
    let after = try CommandRunner.qda(["code", "list", "--project", project, "--coder", "Ana Ruiz"])
    #expect(!after.stdout.contains("Make it a full year."))
  }

  @Test func agreementPrintsJSONAndItsGateExitsTwoBelowTheMinimum() throws {
    let temp = try TemporaryFolder("cli")
    let project = temp.path("p.qda")
    #expect(try analyze([coaching], project: project, out: temp.path("out"), extra: ["--quiet"]).status == 0)
    let csv = try temp.write(
      "codings.csv",
      """
      document,quote,code,coder
      T01.txt,"Thirty hours, maybe thirty-five?",rules.time,ana
      T01.txt,"Thirty hours, maybe thirty-five?",rules.time,ben
      T01.txt,The video cycles took longer than I thought.,tools.content,ana
      T01.txt,I teach seventh-grade science,division_of_labor.experience,ben

      """)
    let imported = try CommandRunner.qda(["code", "import", "--project", project, csv])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout == "imported 4 codings in 1 documents (ana 2, ben 2); 0 already present\n")

    let json = try CommandRunner.qda(["agreement", "--project", project, "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["coders"] as? [String] == ["ana", "ben"])
    let codes = try #require(object["codes"] as? [[String: Any]])
    #expect(codes.map { $0["id"] as? String } == ["rules.time", "tools.content", "division_of_labor.experience"])
    let time = try #require(codes.first)
    #expect(time["krippendorff_alpha"] as? Double == 1)
    #expect(time["cohen_kappa"] as? Double == 1)
    #expect(time["percent_agreement"] as? Double == 1)
    #expect(time["units"] as? Int == (object["passages"] as? Int))
    for key in ["percent_agreement", "cohen_kappa", "krippendorff_alpha", "units"] {
      #expect(codes.allSatisfy { $0.keys.contains(key) }, "\(key)")
      #expect((object["overall"] as? [String: Any])?.keys.contains(key) == true, "\(key)")
    }

    let gate = try CommandRunner.qda(["agreement", "--project", project, "--min", "0.8"])
    #expect(gate.status == 2)
    #expect(gate.stdout.contains("Gate failed: 2 codes below Krippendorff's α 0.800: tools.content (0.000), division_of_labor.experience (0.000)"))
    let passing = try CommandRunner.qda(["agreement", "--project", project, "--coders", "ana,ben", "--min", "0.8", "--gate", "percent"])
    #expect(passing.status == 0)
    #expect(passing.stdout.contains("Gate passed"))
  }
}
