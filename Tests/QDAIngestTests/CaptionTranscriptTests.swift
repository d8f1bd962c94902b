import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// WebVTT, SubRip and oTranscribe files read into passages. Expected figures were counted in the
/// files themselves (cues, speakers, times), independently of the readers.
@Suite struct CaptionTranscriptTests {
  static func read(_ name: String) throws -> ImportedDocument {
    let path = Fixtures.shared("formats/transcripts/" + name)
    return try DocumentImporter.importTranscript(bytes: try Fixtures.bytes(path), sourcePath: name, key: name)
  }

  @Test func zoomCloudTranscriptMergesEachSpeakersCuesIntoTurns() throws {
    let imported = try Self.read("zoom_cloud_transcript_speakers.vtt")
    #expect(imported.document.format == .webVTT)
    let passages = imported.passages
    // 102 cues; 26 runs of one speaker.
    #expect(passages.count == 26)
    #expect(passages.prefix(6).map(\.speaker) == [
      "Srijani Ghosh", "Conor Healy", "Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko", "Conor Healy",
    ])
    #expect(Set(passages.compactMap(\.speaker)) == [
      "Srijani Ghosh", "Conor Healy", "Dr. Melissa Ko", "Shreeharsh Kelkar", "Ryan Sloan",
    ])
    #expect(passages[0].text == "Hi!")
    // Cues 5–12, Conor's first long turn: from the start of cue 5 to the end of cue 12.
    #expect(passages[3].startTime == 12.16)
    #expect(passages[3].endTime == 32.39)
    #expect(passages[3].text.hasPrefix("let's see. Student engagement. Okay?"))
    // Cue 48, "Hmm.", names no one.
    let unattributed = passages.filter { $0.speaker == nil }
    #expect(unattributed.map(\.text) == ["Hmm."])
    #expect(unattributed.first?.startTime == 307.3)
    #expect(passages.last?.startTime == 695.35)
    #expect(passages.last?.endTime == 735.62)
    // The document reads like a transcript, and every span points at its words.
    #expect(imported.document.text.hasPrefix("00:00:00 Srijani Ghosh: Hi!\n00:00:02 Conor Healy: Get this party started.\n"))
    let scalars = Array(imported.document.text.unicodeScalars)
    for passage in passages {
      #expect(String(String.UnicodeScalarView(scalars[passage.span.start..<passage.span.end])) == passage.text)
    }
  }

  @Test func zoomLiveCaptionsWithoutSpeakersBecomePassagesOfAFewSentences() throws {
    let passages = try Self.read("zoom_live_cc_no_speakers_crlf.vtt").passages
    // 100 cues; merged while under 2 s apart and within 30 s.
    #expect(passages.count == 26)
    #expect(passages.allSatisfy { $0.speaker == nil && $0.role == .unknown })
    #expect(passages[0].startTime == 68)
    #expect(passages[0].endTime == 95)
    #expect(passages[0].text.hasPrefix("This doesn't. This as a nerd, it's the window that we use to write our code. Yeah."))
    #expect(passages.allSatisfy { ($0.endTime ?? 0) - ($0.startTime ?? 0) <= 30 })
    #expect(passages.last?.text.hasSuffix("ahead and stop the Zoom Meeting and everybody can come join.") == true)
  }

  @Test func teamsVoiceTagsAndUnpaddedTimes() throws {
    let passages = try Self.read("teams_voice_tags_unpadded_times.vtt").passages
    #expect(passages.map(\.speaker) == ["Yuri Bakulin", "Adrian Petrescu"])
    #expect(passages.map(\.text) == ["There you go.", "Why hello there, Yuri."])
    #expect(passages.map(\.startTime) == [0, 0.21])
    #expect(passages.map(\.endTime) == [0.57, 1.13])
  }

  @Test func karaokeTimestampsAndClassTagsAreDroppedFromTheText() throws {
    let passages = try Self.read("webvtt_cue_timestamp_class_tags.vtt").passages
    #expect(passages.map(\.text) == ["When the moon hits your eye Like a big-a pizza pie That's amore"])
    #expect(passages[0].startTime == 16.5)
    #expect(passages[0].endTime == 21.5)
  }

  @Test func aByteOrderMarkBeforeWEBVTTIsFine() throws {
    let imported = try Self.read("webvtt_with_bom.vtt")
    #expect(imported.passages.map(\.text) == ["Caption text #1 Caption text #2 Caption text #3 Caption text #4"])
    #expect(imported.passages[0].startTime == 0.5)
    #expect(imported.passages[0].endTime == 21.58)
  }

  @Test func subRipWithCommaMilliseconds() throws {
    let imported = try Self.read("srt_basic.srt")
    #expect(imported.document.format == .srt)
    #expect(imported.passages.map(\.text) == [
      "Caption text #1 Caption text #2 Caption text #3 Caption text #4 Caption text #5"
    ])
    #expect(imported.passages[0].startTime == 0.5)
    #expect(imported.passages[0].endTime == 23.88)
  }

  @Test func speakerPrefixesInSubRipAndEntitiesAndTagsInCues() throws {
    let text = """
      1
      00:00:01,000 --> 00:00:03,500
      <i>Interviewer:</i> How long did it take?

      2
      00:00:04,000 --> 00:00:06,000
      {\\an8}Principal: About 20 hours &amp; then some.
      3
      00:00:06,200 --> 00:00:09,000
      Principal: Mostly on weekends.
      """
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "P09.srt", key: "P09.srt")
    #expect(imported.passages.map(\.speaker) == ["Interviewer", "Principal"])
    #expect(imported.passages.map(\.role) == [.interviewer, .participant])
    #expect(imported.passages.map(\.text) == ["How long did it take?", "About 20 hours & then some. Mostly on weekends."])
    #expect(imported.passages[1].startTime == 4)
    #expect(imported.passages[1].endTime == 9)
  }

  @Test func noteAndStyleBlocksCueIdsAndSettingsAreSkipped() throws {
    let text = """
      WEBVTT - interview 3
      Kind: captions
      Language: en

      NOTE recorded on Zoom,
      trimmed by hand

      STYLE
      ::cue { color: yellow }

      intro
      00:00:01.000 --> 00:00:02.000 align:start position:10%
      <v.loud Q>Ready?</v>

      00:00:02.500 --> 00:00:04.000
      <v A>Yes &#8212; go&#x21;
      """
    let imported = try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: "i3.vtt", key: "i3.vtt")
    #expect(imported.document.metadata == ["title": "- interview 3", "kind": "captions", "language": "en"])
    #expect(imported.passages.map(\.text) == ["Ready?", "Yes — go!"])
    #expect(imported.passages.map(\.speaker) == ["Q", "A"])
  }

  @Test(arguments: [
    ("no.vtt", "Interviewer: hi\n", "no.vtt:1: not a WebVTT file: the first line must be WEBVTT"),
    (
      "bad.vtt", "WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHello\n",
      "bad.vtt:3: cannot read the cue times '00:00:01.000 --> 00:0x:02.000' (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)"
    ),
    ("empty.vtt", "WEBVTT\n\n", "empty.vtt: the file holds no captions"),
    // Hours that overflow a clock (they crashed the reader) are a time it cannot read.
    (
      "huge.vtt", "WEBVTT\n\n9223372036854775807:00:01.000 --> 9223372036854775807:00:02.000\nHello\n",
      "huge.vtt:3: cannot read the cue times '9223372036854775807:00:01.000 --> 9223372036854775807:00:02.' (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)"
    ),
    (
      "huge.srt", "1\n1000000000000000:00:01,000 --> 1000000000000000:00:02,000\nHi\n",
      "huge.srt:2: cannot read the cue times '1000000000000000:00:01,000 --> 1000000000000000:00:02,000' (expected hh:mm:ss.mmm --> hh:mm:ss.mmm)"
    ),
    (
      "bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n\nnot a cue\n",
      "bad.srt:5: expected a cue number or 'hh:mm:ss,mmm --> hh:mm:ss,mmm', found 'not a cue'"
    ),
    ("bad.otr", "{\"media\": \"a.mp3\"}", "bad.otr:1: not an oTranscribe file: no \"text\" string"),
    ("bad2.otr", "<p>hello</p>", "bad2.otr:1: not an oTranscribe file: expected a JSON object"),
  ])
  func brokenCaptionFilesNameTheLine(name: String, text: String, expected: String) {
    #expect {
      try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: name, key: name)
    } throws: { error in
      String(describing: error) == expected
    }
  }

  @Test func oTranscribeParagraphsTimestampsAndBoldSpeakers() throws {
    let path = Fixtures.repository("Tests/Fixtures/transcripts/principal_interview.otr")
    let imported = try DocumentImporter.importTranscript(
      bytes: try Fixtures.bytes(path), sourcePath: path, key: "principal_interview.otr")
    #expect(imported.document.format == .oTranscribe)
    #expect(imported.document.metadata["media"] == "alvarez-2026-03-02.m4a")
    let passages = imported.passages
    // A `<br>` breaks a line inside a paragraph; a new `<p>` without a name continues the turn.
    #expect(passages.map(\.speaker) == ["Interviewer", "Ms. Alvarez", "Interviewer", "Ms. Alvarez", "Ms. Alvarez"])
    #expect(passages.map(\.text) == [
      "Thanks for joining. How long have you been an administrator?",
      "Fourteen years & counting — the last six at Lincoln High.\nBefore that I taught chemistry.",
      "About how many hours did the micro-credential take?",
      "Maybe 20 hours. The ‘collaboration’ tasks were hard to do alone.",
      "I did most of it on Sunday nights.",
    ])
    #expect(passages.map(\.role) == [.interviewer, .participant, .interviewer, .participant, .participant])
    #expect(passages.map(\.turn) == [0, 1, 2, 3, 3])
    #expect(passages[0].startTime == 3)
    #expect(passages[1].startTime == 9)
    #expect(passages[3].startTime == 38)
  }
  // MARK: - Rolling captions, dialogue dashes, bracketed names (issue 32 item 14)

  static func passages(_ text: String, file: String) throws -> [Passage] {
    try DocumentImporter.importTranscript(bytes: Array(text.utf8), sourcePath: file, key: file).passages
  }

  /// YouTube's automatic captions roll: each cue shows the line before again, and a cue of 10 ms
  /// holds only that line. The words are read once.
  @Test func rollingAutomaticCaptionsAreReadOnce() throws {
    let text = """
      WEBVTT
      Kind: captions
      Language: en

      00:00:00.000 --> 00:00:02.500 align:start position:0%
      \u{20}
      we<00:00:00.400><c> started</c><00:00:00.800><c> the</c><00:00:01.100><c> pilot</c><00:00:01.500><c> in</c><00:00:01.900><c> March</c>

      00:00:02.500 --> 00:00:02.510 align:start position:0%
      we started the pilot in March
      \u{20}

      00:00:02.510 --> 00:00:05.000 align:start position:0%
      we started the pilot in March
      and<00:00:02.900><c> the</c><00:00:03.200><c> teachers</c><00:00:03.600><c> liked</c><00:00:04.000><c> it</c>

      00:00:05.000 --> 00:00:05.010 align:start position:0%
      and the teachers liked it
      \u{20}

      """
    let passages = try Self.passages(text, file: "auto.vtt")
    #expect(passages.map(\.text) == ["we started the pilot in March and the teachers liked it"])
  }

  /// A one-line cue that says what the cue before said is kept: people repeat themselves.
  @Test func aRepeatedOneLineCueIsKept() throws {
    let text = "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,500 --> 00:00:03,000\nNo.\n"
    #expect(try Self.passages(text, file: "no.srt").map(\.text) == ["No. No."])
  }

  /// Broadcast captions put two speakers in one cue, each line opened by a dash: two turns.
  @Test func dialogueDashesInOneCueAreTwoTurns() throws {
    let text = """
      1
      00:00:01,000 --> 00:00:03,000
      - Did the stipend arrive on time?
      - It came in June, two months late.

      2
      00:00:03,200 --> 00:00:04,000
      - So you paid for the books yourself?

      """
    let passages = try Self.passages(text, file: "news.srt")
    #expect(passages.map(\.text) == [
      "Did the stipend arrive on time?", "It came in June, two months late.", "So you paid for the books yourself?",
    ])
    #expect(Set(passages.map(\.turn)).count == 3)
    // A double dash is an interruption inside one speaker's words, not a new speaker.
    let interrupted = "1\n00:00:01,000 --> 00:00:03,000\nI was going to say\n-- well, never mind.\n"
    #expect(try Self.passages(interrupted, file: "cut.srt").count == 1)
  }

  /// Subtitles for the deaf put the speaker's name in brackets; sounds in brackets are not
  /// speakers.
  @Test func bracketedNamesAreSpeakersAndBracketedSoundsAreNot() throws {
    let text = """
      WEBVTT

      00:00:01.000 --> 00:00:03.000
      [ODETTE] How many hours did the modules take?
      [RAFAEL] Around six a week.

      00:00:03.500 --> 00:00:05.000
      [ODETTE] Every week?

      00:00:05.500 --> 00:00:06.000
      [MUSIC PLAYING]

      00:00:06.500 --> 00:00:08.000
      [RAFAEL] Most weeks. [laughs] Not in May.

      """
    let passages = try Self.passages(text, file: "sdh.vtt")
    #expect(passages.map(\.speaker) == ["ODETTE", "RAFAEL", "ODETTE", "RAFAEL"])
    #expect(passages.map(\.text) == [
      "How many hours did the modules take?", "Around six a week.", "Every week?", "Most weeks. [laughs] Not in May.",
    ])
  }
}
