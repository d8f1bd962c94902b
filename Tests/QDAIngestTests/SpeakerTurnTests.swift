import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// Speaker turns and roles in every transcript form the toolkit reads: each passage gets the
/// speaker who said it and the right role, no label, time or header line lands in a passage's
/// words, and passages split where turns change. The fixtures in `Tests/Fixtures/transcripts/`
/// are invented interviews on programmes of their own (beekeeping, ferry crews, electricians,
/// orchards, glassblowing, libraries, bakeries, trail rangers).
@Suite struct SpeakerTurnTests {
  static func read(_ name: String, key: String? = nil) throws -> ImportedDocument {
    let path = Fixtures.repository("Tests/Fixtures/transcripts/" + name)
    return try DocumentImporter.importTranscript(
      bytes: try Fixtures.bytes(path), sourcePath: path, key: key ?? name)
  }

  static func read(text: String, name: String) throws -> ImportedDocument {
    try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: name, key: name)
  }

  /// `speaker|role|text` per passage.
  static func rows(_ imported: ImportedDocument) -> [String] {
    imported.passages.map { "\($0.speaker ?? "-")|\($0.role.rawValue)|\($0.text)" }
  }

  /// Every passage's span points at exactly its words in the document text.
  static func expectSpansMatch(
    _ imported: ImportedDocument, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let scalars = Array(imported.document.text.unicodeScalars)
    for passage in imported.passages {
      let words = String(String.UnicodeScalarView(scalars[passage.span.start..<passage.span.end]))
      #expect(words == passage.text, sourceLocation: sourceLocation)
    }
  }

  // MARK: - Headers

  @Test func aHeaderWithUnfamiliarKeysIsMetadataAndItsInterviewerIsThatSpeaker() throws {
    let imported = try Self.read("apiary_header_named.txt")
    #expect(imported.document.participantID == "B11")
    #expect(imported.document.metadata == [
      "title": "Queen-Rearing Certificate: Follow-up Study", "note": "Interview notes, second round",
      "date": "19 September 2025", "participant": "B11", "interviewer": "Dr. Sione Tuilagi",
      "consent form": "signed on paper", "call quality": "fair, some echo",
    ])
    // The participant asks more questions than the interviewer, who prompts with "Tell me…":
    // the header, not the question marks, says who interviews.
    #expect(imported.speakers.map(\.label) == ["Sione Tuilagi", "Maren Holt"])
    #expect(imported.speakers.map(\.role) == [.interviewer, .participant])
    #expect(imported.passages.count == 11)
    #expect(imported.passages.allSatisfy { $0.role != .unknown })
    #expect(imported.passages.first?.text == "Right, the recorder is on. Thank you for fitting this in before the evening feed.")
    // "[laughs]" opening a paragraph is part of the answer, not a speaker.
    #expect(imported.passages[6].speaker == "Maren Holt")
    #expect(imported.passages[6].text == "[laughs] My partner said I should breed my own or give up.")
    #expect(imported.passages[6].turn == imported.passages[5].turn)
    #expect(!imported.passages.contains { $0.text.contains("Date:") || $0.text.contains("----") })
    Self.expectSpansMatch(imported)
  }

  @Test func anInterviewerNamedInTheHeaderAboveRoleLabelledTurnsIsMetadata() throws {
    let text = """
      Interviewer: Dr. Amara Osei
      Participant: C-12

      Interviewer: What did the mentoring scheme ask of you?
      Participant: A visit a month, and a log.
      Interviewer: And was that enough?
      Participant: For me it was.
      """
    let imported = try Self.read(text: text, name: "c12.txt")
    #expect(imported.document.metadata == ["interviewer": "Dr. Amara Osei", "participant": "C-12"])
    #expect(Self.rows(imported) == [
      "Interviewer|interviewer|What did the mentoring scheme ask of you?",
      "Participant|participant|A visit a month, and a log.",
      "Interviewer|interviewer|And was that enough?", "Participant|participant|For me it was.",
    ])
    // "Interviewer: Okay" above more "Interviewer:" turns is speech: Okay is nobody's name.
    let speech = try Self.read(
      text: "Interviewer: Okay\nParticipant: Ready.\nInterviewer: Go on?\n", name: "c13.txt")
    #expect(speech.document.metadata == [:])
    #expect(speech.passages.map(\.text) == ["Okay", "Ready.", "Go on?"])
  }

  @Test func theInterviewersInitialsInTheHeaderNameTheirLabel() throws {
    let text = """
      Date: 2 June 2025
      Interviewer: Wiremu Tane

      KB: I was not sure what you needed. Is it the timetable?
      WT: Walk me through a normal week at the marae kitchen.
      KB: Mondays we prep for the kaumātua lunch. Do you mean the course weeks?
      WT: Any week you like.
      """
    let imported = try Self.read(text: text, name: "kitchen.txt")
    #expect(imported.speakers.map(\.label) == ["KB", "WT"])
    #expect(imported.speakers.map(\.role) == [.participant, .interviewer])
  }

  @Test func aWordHeadingAndNoteAboveTheFirstBoldLabelAreMetadata() throws {
    let imported = try Self.read("glass_heading_note.docx")
    #expect(imported.document.metadata == [
      "title": "Glass studio apprenticeship – interview G03",
      "note": "Recorded in the cold shop · notes typed up the same week",
    ])
    #expect(Self.rows(imported) == [
      "Interviewer|interviewer|Shall we begin with the furnace schedule? How early do you fire up?",
      "Apprentice|participant|Half past six. The glory hole takes a while, and Mr. Oduya likes the pieces annealing by noon.",
      "Apprentice|participant|We share the bench on Tuesdays, so those days I mostly gather for him.",
      "Interviewer|interviewer|And the portfolio you submitted for the apprenticeship, how long did it take?",
      "Apprentice|participant|Three weekends for the goblets, then a month of evenings for the written reflection. The “reflection” was the hard part.",
    ])
    #expect(imported.passages.map(\.turn) == [0, 1, 1, 2, 3])
    Self.expectSpansMatch(imported)
  }

  // MARK: - Caption cues

  @Test func subRipCuesWithoutALabelBelongToThePreviousSpeaker() throws {
    let imported = try Self.read("ferry_turn_start_labels.srt")
    #expect(Self.rows(imported) == [
      "RESEARCHER|interviewer|Thanks for joining from the terminal.",
      "K07|participant|No problem, the eleven o'clock sailing is cancelled so I have a gap before the afternoon crossing.",
      "RESEARCHER|interviewer|How did the deck safety endorsement fit around your shifts?",
      "K07|participant|Badly at first. The drills were booked on weekdays, and I work the weekday roster, so I swapped shifts with Petra for a month. That was the only way.",
      "RESEARCHER|interviewer|And the written part, the hazard log, was that useful?",
      "K07|participant|The log was the best part. I still fill it in after every crossing.",
    ])
    // A turn runs from its first cue's start to its last cue's end.
    #expect(imported.passages[3].startTime == 18.9)
    #expect(imported.passages[3].endTime == 33)
    Self.expectSpansMatch(imported)
  }

  @Test func zoomCuesLabelledOnlyAtATurnsStartContinueItsSpeaker() throws {
    let text = """
      WEBVTT

      1
      00:00:01.000 --> 00:00:03.000
      Lucia Ferrante: How did the night-shift rota work during the course?

      2
      00:00:03.500 --> 00:00:06.000
      Goran Petrov: We swapped weeks. My supervisor covered the first one,

      3
      00:00:06.100 --> 00:00:08.000
      and I covered hers in return.

      4
      00:00:08.500 --> 00:00:10.000
      Lucia Ferrante: Did that hold for all six weeks?

      5
      00:00:10.500 --> 00:00:12.000
      Goran Petrov: Five of them.

      6
      00:00:12.100 --> 00:00:14.000
      The last week I did on leave.
      """
    let imported = try Self.read(text: text, name: "rota.vtt")
    #expect(imported.passages.map(\.speaker) == ["Lucia Ferrante", "Goran Petrov", "Lucia Ferrante", "Goran Petrov"])
    #expect(imported.passages.map(\.role) == [.interviewer, .participant, .interviewer, .participant])
    #expect(imported.passages[3].text == "Five of them. The last week I did on leave.")
  }

  @Test func aZoomFileThatLabelsEveryCueKeepsAStrayCueUnattributed() throws {
    let text = """
      WEBVTT

      1
      00:00:01.000 --> 00:00:03.000
      Lucia Ferrante: How did the rota work?

      2
      00:00:03.500 --> 00:00:06.000
      Goran Petrov: We swapped weeks.

      3
      00:00:06.100 --> 00:00:08.000
      Goran Petrov: My supervisor covered one.

      4
      00:00:08.200 --> 00:00:08.900
      Mm.

      5
      00:00:09.000 --> 00:00:10.000
      Lucia Ferrante: And the rest?

      6
      00:00:10.500 --> 00:00:12.000
      Lucia Ferrante: All six weeks?
      """
    let imported = try Self.read(text: text, name: "rota2.vtt")
    #expect(imported.passages.map(\.speaker) == ["Lucia Ferrante", "Goran Petrov", nil, "Lucia Ferrante"])
    #expect(imported.passages[2].role == .unknown)
  }

  @Test func teamsVoiceTagsWithGUIDCueIdsMergeATurnSplitAcrossCues() throws {
    let imported = try Self.read("teams_cue_ids.vtt")
    #expect(Self.rows(imported) == [
      "Oona Laaksonen|interviewer|Hello, can everyone see my screen now?",
      "Rafael Quispe|participant|Yes, the map of the trail sections is showing.",
      "Oona Laaksonen|interviewer|Good. Which section did you maintain during the ranger course, and how many days did it take?",
      "Rafael Quispe|participant|The ridge section, between the two huts. About nine days with the drainage work.",
    ])
    #expect(!imported.document.text.contains("8d2c41f0"))
    Self.expectSpansMatch(imported)
  }

  // MARK: - Chat logs

  @Test func aChatLogPosterWhoPostsOnceIsASpeakerAndTheirPrefixStaysOutOfTheText() throws {
    let imported = try Self.read("electricians_chat_crlf.txt")
    #expect(Self.rows(imported) == [
      "Teodora Vasquez|participant|Welcome all, we start with the wiring module in five minutes",
      "Bjorn Aas|participant|Is the checklist the same as last week?",
      "Teodora Vasquez|participant|Yes, same checklist: page 4 has the new earthing step",
      "Liang Wen|participant|Reacted to \"Yes, same checklist:...\" with 👍",
      "Bjorn Aas|participant|Thanks",
      "Amira Haddad|participant|My camera is off because the site internet is slow: I am listening",
      "Teodora Vasquez|participant|No problem Amira",
    ])
    #expect(imported.passages.map(\.startTime) == [125, 160, 182, 195, 288, 330, 372])
    #expect(imported.passages.map(\.turn) == Array(0..<7))
  }

  @Test func theSharedZoomChatLogHasEveryPosterAsASpeaker() throws {
    let path = Fixtures.shared("formats/transcripts/zoom_chat_log_tabs_crlf.txt")
    let imported = try DocumentImporter.importTranscript(
      bytes: try Fixtures.bytes(path), sourcePath: path, key: "chat.txt")
    // 12 lines, each `time<TAB>Name:<TAB>message`, counted in the file.
    #expect(imported.passages.count == 12)
    #expect(imported.passages[6].speaker == "Khalilah Beal-Uribe")
    #expect(imported.passages[7].speaker == "Shreeharsh Kelkar")
    #expect(imported.passages[7].text.hasPrefix("One suggestion -- if you're not thinking of it already"))
    #expect(!imported.passages.contains { $0.text.contains("\t") || $0.text.contains("00:1") })
    // A meeting's chat has no interviewer.
    #expect(imported.passages.allSatisfy { $0.role == .participant })
  }

  // MARK: - Otter

  @Test func otterNotesFooterAndUnknownSpeakerStayOutOfTheParticipantsTurns() throws {
    let imported = try Self.read("orchard_otter.txt")
    #expect(imported.document.metadata == ["transcribed by": "https://otter.ai"])
    #expect(imported.passages.map(\.speaker) == [
      "Hana Dvorak", "Emeka Nwosu", "Hana Dvorak", "Emeka Nwosu", "Unknown Speaker", "Emeka Nwosu",
      "Hana Dvorak", "Emeka Nwosu",
    ])
    #expect(imported.passages.map(\.role) == [
      .interviewer, .participant, .interviewer, .participant, .unknown, .participant, .interviewer,
      .participant,
    ])
    #expect(imported.passages[3].text.hasPrefix("[laughs] Honestly, the old apple blocks"))
    #expect(imported.passages[5].text == "[pause] Sorry, one second. Okay, I am back.")
    #expect(imported.passages.last?.text == "Four of the six. The two in March fell in pruning season.")
    #expect(imported.passages.map(\.startTime) == [1, 5, 12, 17, 41, 44, 49, 53])
    Self.expectSpansMatch(imported)
  }

  // MARK: - Roles among named speakers

  @Test func twoLabelledInterviewersAreBothInterviewers() throws {
    let imported = try Self.read("library_two_interviewers.txt")
    #expect(imported.speakers.map(\.label) == ["Interviewer 1", "Librarian", "Interviewer 2"])
    #expect(imported.speakers.map(\.role) == [.interviewer, .participant, .interviewer])
  }

  @Test func theFileNameNamesTheParticipantWhenQuestionsPointTheOtherWay() throws {
    let imported = try Self.read("kowalczyk_interview.txt")
    #expect(imported.speakers.map(\.label) == ["Ines Barros", "Tomasz Kowalczyk"])
    #expect(imported.speakers.map(\.role) == [.interviewer, .participant])
    // Read under another name, the same text has only its questions to go by.
    let renamed = try DocumentImporter.importTranscript(
      bytes: try Fixtures.bytes(Fixtures.repository("Tests/Fixtures/transcripts/kowalczyk_interview.txt")),
      sourcePath: "bakery-07.txt", key: "bakery-07.txt")
    #expect(renamed.speakers.map(\.role) == [.participant, .interviewer])
  }

  @Test func aLabelThatIsTheParticipantIdIsTheParticipant() throws {
    let text = "H3: Where do you keep the spare nets?\nDana Rusu: In the loft.\nH3: For the count?\nDana Rusu: Then the loft?\n"
    let imported = try DocumentImporter.importTranscript(
      bytes: Array(text.utf8), sourcePath: "H3.txt", key: "H3.txt")
    #expect(imported.speakers.map(\.label) == ["H3", "Dana Rusu"])
    #expect(imported.speakers.map(\.role) == [.participant, .interviewer])
  }

  // MARK: - Plain text forms

  @Test func timestampedQAndAWithAByteOrderMarkAndCRLF() throws {
    let text = "\u{FEFF}[00:00:04] Q: What brought you to the co-op course?\r\n\r\n[00:00:09] A: The accounts.\r\nWe had none.\r\n\r\nNow we do.\r\n\r\n[00:00:20] Q: Good?\r\n"
    let imported = try Self.read(text: text, name: "coop.txt")
    #expect(Self.rows(imported) == [
      "Q|interviewer|What brought you to the co-op course?", "A|participant|The accounts.\nWe had none.",
      "A|participant|Now we do.", "Q|interviewer|Good?",
    ])
    #expect(imported.passages.map(\.startTime) == [4, 9, 9, 20])
    #expect(imported.passages.map(\.turn) == [0, 1, 1, 2])
  }

  @Test func aTimedLineWithoutASpeakerIsANewPassageOfTheTurnWithoutItsTime() throws {
    let text = """
      [00:00:01] Kofi Mensah: What did the pottery course ask of you?
      [00:00:05] Ruth Adeyemi: Three glaze tests.
      [00:00:09] Honestly: the kiln log was the hard part.
      [00:00:15] Kofi Mensah: Did anyone else join in?
      [00:00:19] Abena Owusu: Only me, for a minute.
      [00:00:22] Ruth Adeyemi: Yes, Abena joined.
      """
    let imported = try Self.read(text: text, name: "kiln.txt")
    #expect(imported.passages.map(\.speaker) == [
      "Kofi Mensah", "Ruth Adeyemi", "Ruth Adeyemi", "Kofi Mensah", "Abena Owusu", "Ruth Adeyemi",
    ])
    #expect(imported.passages[2].text == "Honestly: the kiln log was the hard part.")
    #expect(imported.passages[2].turn == imported.passages[1].turn)
  }

  @Test func aRuleAndAnEndMarkerAreNotSpeech() throws {
    let text = "Q: How long was the course?\nA: Ten weeks.\n\n* * *\n\nA: Then a break.\nQ: Thanks?\n\n[END OF INTERVIEW]\n"
    let imported = try Self.read(text: text, name: "w.txt")
    #expect(imported.passages.map(\.text) == ["How long was the course?", "Ten weeks.", "Then a break.", "Thanks?"])
    #expect(imported.document.metadata == ["end": "[END OF INTERVIEW]"])
  }

  // MARK: - Vocabulary

  @Test(arguments: [
    ("laughs", true), ("Laughter", true), ("CROSSTALK", true), ("inaudible", true), ("long pause", true),
    ("id1", false), ("SPEAKER_00", false), ("Interviewer", false), ("Maria", false), ("P4", false),
  ])
  func bracketedNotesAreNotSpeakers(text: String, isNote: Bool) {
    #expect(SpeakerVocabulary.isAnnotation(text) == isNote)
  }

  @Test(arguments: [
    ("Dr. Amara Osei", true), ("K. Brandt", true), ("Anna de Vries", true), ("Ms. Lee (P04)", true),
    ("Okay.", false), ("Hello there", false), ("Thanks", false), ("Brandt.", false),
    ("we had no time", false),
  ])
  func headerValuesThatNameSomeone(value: String, isName: Bool) {
    #expect(SpeakerVocabulary.looksLikePersonName(value) == isName)
  }
}
