import Testing
import QDAIngest
import QDAModel
import _QDATestSupport

@Suite struct PlainTextTranscriptTests {
  /// Parses a transcript and returns (speaker, role, text) per passage.
  func passages(_ text: String, interviewer: String? = nil) throws -> [(String?, SpeakerRole, String)] {
    let imported = try DocumentImporter.importTranscript(
      bytes: Array(text.utf8), sourcePath: "T01.txt", key: "T01.txt", options: ImportOptions(interviewer: interviewer))
    return imported.passages.map { ($0.speaker, $0.role, $0.text) }
  }

  func flat(_ rows: [(String?, SpeakerRole, String)]) -> [String] {
    rows.map { "\($0.0 ?? "-")|\($0.1.rawValue)|\($0.2)" }
  }

  @Test func readsInterviewerAndPrincipalLabels() throws {
    let rows = try passages("Interviewer: How long have you been a principal?\nPrincipal: Twelve years.\n")
    #expect(flat(rows) == ["Interviewer|interviewer|How long have you been a principal?", "Principal|participant|Twelve years."])
  }

  @Test func readsQAndALabels() throws {
    let rows = try passages("Q: Why did you sign up?\n\nA: Our district asked.\nQ: Anything else?\nA: No.")
    #expect(flat(rows) == ["Q|interviewer|Why did you sign up?", "A|participant|Our district asked.", "Q|interviewer|Anything else?", "A|participant|No."])
  }

  @Test func readsNamedSpeakersAndDetectsTheInterviewerFromQuestions() throws {
    let text = """
      Dr. Ortiz: Thanks for making time. What drew you to it?
      Ms. Hale: Honestly, equity is close to my heart. I have been at this school nine years.
      Dr. Ortiz: And the time it took?
      Ms. Hale: About a dozen hours.
      """
    let rows = try passages(text)
    #expect(rows.map(\.1) == [.interviewer, .participant, .interviewer, .participant])
    #expect(rows.map(\.0) == ["Dr. Ortiz", "Ms. Hale", "Dr. Ortiz", "Ms. Hale"])
  }

  @Test func honoursAnInterviewerOverride() throws {
    let rows = try passages("Sam: Hi.\nRenee: What is this for?\nSam: A study.\nRenee: Why?\n", interviewer: "Sam")
    #expect(rows.map(\.1) == [.interviewer, .participant, .interviewer, .participant])
  }

  @Test func readsTimestampsBeforeAndAfterLabels() throws {
    let text = """
      [00:04:12] Dr. Ortiz: What motivated you?
      [00:04:20] Ms. Hale: The topic.
      00:05:01 Dr. Ortiz: Anything else?
      Ms. Hale [00:05:09]: No.
      """
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "t.txt", key: "t.txt")
    #expect(imported.passages.map(\.startTime) == [252, 260, 301, 309])
    #expect(imported.passages.map(\.endTime) == [260, 301, 309, nil])
    #expect(imported.passages.map(\.text) == ["What motivated you?", "The topic.", "Anything else?", "No."])
  }

  @Test func splitsLongTurnsAtParagraphBreaks() throws {
    let text = "Q: Tell me about it?\n\nA: First paragraph,\nstill first.\n\nSecond paragraph.\n\nQ: Thanks?\n"
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "t.txt", key: "t.txt")
    #expect(imported.passages.map(\.text) == ["Tell me about it?", "First paragraph,\nstill first.", "Second paragraph.", "Thanks?"])
    #expect(imported.passages.map(\.turn) == [0, 1, 1, 2])
    #expect(imported.passages.map(\.speaker) == ["Q", "A", "A", "Q"])
  }

  @Test func offsetsPointAtTheExactWords() throws {
    let text = "Title: Interview\nParticipant: P09\n\nQ: Café? 👍🏻\nA: Oui — très bien.\n"
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "x.txt", key: "x.txt")
    let scalars = Array(imported.document.text.unicodeScalars)
    for passage in imported.passages {
      #expect(String(String.UnicodeScalarView(scalars[passage.span.start..<passage.span.end])) == passage.text)
    }
    #expect(imported.passages.map(\.span) == [TextSpan(start: 38, end: 46), TextSpan(start: 50, end: 66)])
  }

  @Test func readsTheHeaderBlockAndTakesTheParticipantFromIt() throws {
    let text = """
      Principal Interview 4
      Date: 2020-08-14
      Participant: Ms. Lee (P04)
      Interviewer: K. Brandt

      Interviewer: Can you hear me?
      Principal: Yes.
      """
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "lee.txt", key: "lee.txt")
    #expect(imported.document.participantID == "P04")
    #expect(imported.document.metadata == [
      "title": "Principal Interview 4", "date": "2020-08-14", "participant": "Ms. Lee (P04)", "interviewer": "K. Brandt",
    ])
    #expect(imported.passages.count == 2)
  }

  @Test func takesTheParticipantFromTheFileStemWhenNoHeaderNamesOne() throws {
    let imported = try DocumentImporter.importTranscript(
      bytes: Array("Q: Hi?\nA: Hello.\n".utf8), sourcePath: "Corpora/x/P07.txt", key: "P07.txt")
    #expect(imported.document.participantID == "P07")
  }

  @Test func aLoneParticipantIdLineIsAHeader() throws {
    let imported = try DocumentImporter.importTranscript(
      bytes: Array("Participant: T03\n\nQ: How long have you taught?\nA: Four years.\n".utf8), sourcePath: "x/notes.txt", key: "notes.txt")
    #expect(imported.document.participantID == "T03")
    #expect(imported.passages.map(\.speaker) == ["Q", "A"])
    // …while a lone role label followed by speech is a turn.
    let speech = try DocumentImporter.importTranscript(
      bytes: Array("Interviewer: Hello there\n\nPrincipal: Hi.\nInterviewer: How long?\n".utf8), sourcePath: "x/P02.txt", key: "P02.txt")
    #expect(speech.passages.map(\.speaker) == ["Interviewer", "Principal", "Interviewer"])
  }

  @Test func aSpeechColonIsNotASpeaker() throws {
    let text = "Interviewer: And then?\nPrincipal: Well, here's the thing:\nSo here is the deal: we had no time.\nInterviewer: I see?\n"
    let rows = try passages(text)
    #expect(rows.count == 3)
    #expect(rows[1].2 == "Well, here's the thing:\nSo here is the deal: we had no time.")
  }

  @Test func readsQualCodersBracketedIdsAsAFocusGroupWithNoInterviewer() throws {
    let path = Fixtures.shared("formats/transcripts/qualcoder_bracket_speaker_ids.txt")
    let imported = try DocumentImporter.importTranscript(bytes: try Fixtures.bytes(path), sourcePath: path, key: "transcript.txt")
    #expect(imported.passages.map(\.speaker) == ["id1", "id2", "id3", "id1", "id3", "id1", "id2"])
    #expect(imported.passages.allSatisfy { $0.role == .participant })
    #expect(imported.speakers.map(\.label) == ["id1", "id2", "id3"])
    #expect(imported.passages[1].text == "I am struggling with the lecture slides. I felt that they were too busy and I switched off.")
  }

  @Test func readsOtterStyleNameAndTimeLines() throws {
    let text = "Jamie Lee  0:04\nSo what did you think?\n\nPat Doe  0:09\nIt was fine.\n\nJamie Lee  0:15\nAnd the time?\n"
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "o.txt", key: "o.txt")
    #expect(imported.passages.map(\.speaker) == ["Jamie Lee", "Pat Doe", "Jamie Lee"])
    #expect(imported.passages.map(\.startTime) == [4, 9, 15])
    #expect(imported.passages.map(\.role) == [.interviewer, .participant, .interviewer])
  }

  @Test func unlabelledTextIsOneUnattributedTurnWithAWarning() throws {
    let path = "answers.txt"
    let imported = try DocumentImporter.importTranscript(bytes: Array("I liked it.\n\nIt was long.\n".utf8), sourcePath: path, key: path)
    #expect(imported.passages.map(\.role) == [.unknown, .unknown])
    #expect(imported.document.warnings == ["answers.txt: no speaker labels found; every paragraph is unattributed"])
  }

  @Test func rejectsAFileWithNoSpeech() {
    #expect(throws: IngestError(InputLocation(file: "empty.txt"), .transcript, "no speech found in the transcript")) {
      try DocumentImporter.importTranscript(bytes: Array("\n\n".utf8), sourcePath: "empty.txt", key: "empty.txt")
    }
  }
}
