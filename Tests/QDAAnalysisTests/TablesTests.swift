import Testing
import QDAAnalysis
import QDAModel

/// A small corpus built by hand: three participants answering a protocol.
struct TinyCorpus {
  var passages: [Passage] = []
  var codings: [Coding] = []
  var nextID: Int64 = 1

  /// Adds a passage; returns its id.
  @discardableResult
  mutating func say(
    _ document: Int64, _ role: SpeakerRole, _ text: String, question: String?, codes: [String] = [], coder: String = "auto"
  ) -> Int64 {
    let id = nextID
    nextID += 1
    passages.append(Passage(
      id: id, documentID: document, ordinal: passages.count, turn: passages.count, speaker: role == .interviewer ? "Q" : "A",
      role: role, span: TextSpan(start: 0, end: text.unicodeScalars.count), text: text, questionID: question))
    for code in codes {
      codings.append(Coding(passageID: id, codeID: code, coder: coder, span: TextSpan(start: 0, end: text.unicodeScalars.count)))
    }
    return id
  }

  static let codebook = Codebook(
    name: "t", version: "1",
    codes: [
      Code(id: "outcome", name: "Outcome", element: .outcome),
      Code(id: "outcome.motivation", name: "Motivation", element: .outcome, parentID: "outcome"),
      Code(id: "outcome.motivation.staff", name: "Staff", element: .outcome, parentID: "outcome.motivation"),
      Code(id: "outcome.motivation.passion", name: "Passion", element: .outcome, parentID: "outcome.motivation"),
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
      Code(id: "rules.time.advice", name: "Advice", element: .rules, parentID: "rules.time"),
      Code(id: "rules.incentives", name: "Incentives", element: .rules, parentID: "rules"),
      Code(id: "community", name: "Community", element: .community),
    ],
    tables: TableCodes(timeCommitment: "rules.time", timeAdvice: "rules.time.advice", motivation: "outcome.motivation", incentives: "rules.incentives"))

  static let interviewProtocol = InterviewProtocol(questions: [
    ProtocolQuestion(id: "Q2", text: "Why?", probes: ["outcome.motivation"]),
    ProtocolQuestion(id: "Q4", text: "Hours?", probes: ["rules.time"], measure: .hoursEstimate),
    ProtocolQuestion(id: "Q5", text: "Too much?", probes: ["rules.time"], measure: .timeJudgment),
    ProtocolQuestion(id: "Q6", text: "Advice?", probes: ["rules.time"], measure: .timeAdvice),
    ProtocolQuestion(id: "Q7", text: "Incentives?", probes: ["rules.incentives"], measure: .incentiveRole),
  ])

  static func build() -> CorpusSnapshot {
    var corpus = TinyCorpus()
    // A (document 1)
    corpus.say(1, .interviewer, "About how many hours?", question: "Q4")
    corpus.say(1, .participant, "Two hours a week for ten weeks.", question: "Q4", codes: ["rules.time"])
    corpus.say(1, .participant, "It was about right.", question: "Q5", codes: ["rules.time"])
    corpus.say(1, .participant, "Block it out on your calendar.", question: "Q6", codes: ["rules.time.advice"])
    corpus.say(1, .participant, "A nice bonus, not why I did it.", question: "Q7", codes: ["rules.incentives"])
    corpus.say(1, .participant, "To bring it back to my staff.", question: "Q2", codes: ["outcome.motivation.staff", "community"])
    // B (document 2)
    corpus.say(2, .participant, "Fifteen hours.", question: "Q4", codes: ["rules.time"])
    corpus.say(2, .participant, "Too much, honestly.", question: "Q5", codes: ["rules.time"])
    corpus.say(2, .participant, "Just go for it.", question: "Q6")
    corpus.say(2, .participant, "I am passionate about it. And my staff.", question: "Q2", codes: ["outcome.motivation.passion", "outcome.motivation.staff"])
    // C (document 3)
    corpus.say(3, .participant, "I couldn't say.", question: "Q4")
    corpus.say(3, .participant, "The hours mattered a lot to me, honestly a big factor.", question: "Q7", codes: ["rules.incentives"])
    // A person's coding of a theme the words alone do not show.
    corpus.say(3, .participant, "We had just lost three teachers to burnout.", question: "Q2", codes: ["outcome.motivation.staff"], coder: "ana")
    let documents = [("A", 1), ("B", 2), ("C", 3)].map { participant, id in
      Document(id: Int64(id), key: "\(participant).txt", sourcePath: "\(participant).txt", participantID: participant,
               format: .plainText, encoding: "utf-8", contentHash: "", text: "")
    }
    return CorpusSnapshot(
      codebook: codebook, interviewProtocol: interviewProtocol,
      attributes: [AttributeDefinition(name: "completed", type: .yesNo), AttributeDefinition(name: "years", type: .number),
                   AttributeDefinition(name: "level", type: .category)],
      participants: [
        Participant(id: "A", attributes: ["completed": .yesNo(true), "years": .number(10), "level": .category("elementary")]),
        Participant(id: "B", attributes: ["completed": .yesNo(true), "years": .number(13), "level": .category("elementary")]),
        Participant(id: "C", attributes: ["completed": .yesNo(false), "years": .number(18), "level": .category("high school")]),
        Participant(id: "D", attributes: ["completed": .yesNo(false), "years": .number(2), "level": .category("high school")]),
      ],
      documents: documents, passages: corpus.passages, codings: corpus.codings)
  }
}

@Suite struct TablesTests {
  let corpus = TinyCorpus.build()

  /// Passages are found by id whether their ids ascend (found by binary search) or not (a
  /// project edited out of order: found through a table).
  @Test func passagesAreFoundByIdInAnyOrder() {
    var shuffled = corpus
    shuffled.passages = PassageColumns(Array(corpus.passages).reversed(), keepingTexts: true)
    #expect(corpus.passages.idsAscend)
    #expect(!shuffled.passages.idsAscend)
    for snapshot in [corpus, shuffled] {
      for passage in corpus.passages {
        let id = passage.id!
        #expect(snapshot.passageIndex(id).map { snapshot.passages[$0] } == passage)
        #expect(snapshot.passage(id)?.text == passage.text)
      }
      #expect(snapshot.passageIndex(0) == nil)
      #expect(snapshot.passageIndex(999) == nil)
    }
    #expect(Analysis(shuffled).codes.rows.map(\.passageIDs.count) == Analysis(corpus).codes.rows.map(\.passageIDs.count))
  }

  @Test func timeCommitmentFromTheProtocolsMeasures() {
    let table = TimeCommitmentTable(corpus)
    #expect(table.estimates.map(\.participant) == ["A", "B"])
    #expect(table.estimates.map(\.hours) == [20, 15])
    #expect(table.meanHours == 17.5)
    #expect(table.noEstimate.map(\.participant) == ["C"])
    #expect(table.judgments.map(\.judgment) == [.aboutRight, .tooMuch])
    #expect(table.count(.aboutRight) == 1)
    #expect(table.count(.tooMuch) == 1)
    #expect(table.nJudgmentRespondents == 2)
    #expect(table.adviceRespondents.map(\.participant) == ["A", "B"])
    #expect(table.timeManagementAdvice.map(\.participant) == ["A"])
    #expect(table.summary.rows[0].map(\.text) == ["Mean hours estimated", "17.5", "2"])
    #expect(table.summary.rows[0][1].passages == [2, 7])
  }

  @Test func timeCommitmentWithoutAProtocolReadsTheTimeCode() {
    var plain = corpus
    plain.interviewProtocol = nil
    let table = TimeCommitmentTable(plain)
    #expect(table.estimates.map(\.hours) == [20, 15])
    #expect(table.noEstimate.isEmpty)
    #expect(table.judgments.map(\.judgment) == [.aboutRight, .tooMuch])
    #expect(table.timeManagementAdvice.map(\.participant) == ["A"])
    // No question asked for advice: everyone interviewed is the denominator.
    #expect(table.adviceRespondents.map(\.participant) == ["A", "B", "C"])
  }

  /// An amount said with a rising voice ("Maybe twelve, fifteen hours?") is an answer, not a
  /// question; a participant's real question ("What counts…?") is still not read as one.
  @Test func anEstimateSaidAsAQuestionIsAnAnswer() {
    var corpus = TinyCorpus()
    corpus.say(1, .interviewer, "How many hours would you say you spent on the modules?", question: nil)
    corpus.say(1, .participant, "Hmm. Maybe twelve, fifteen hours?", question: nil)
    corpus.say(2, .interviewer, "Roughly how much time did the course take?", question: nil)
    corpus.say(2, .participant, "Three hours a week for six weeks? Something like that.", question: nil)
    corpus.say(3, .interviewer, "How many hours did it take you?", question: nil)
    corpus.say(3, .participant, "Do you mean with the readings too? Then about twenty hours.", question: nil)
    let documents = ["A", "B", "C"].enumerated().map { index, participant in
      Document(id: Int64(index + 1), key: "\(participant).txt", sourcePath: "\(participant).txt", participantID: participant,
               format: .plainText, encoding: "utf-8", contentHash: "", text: "")
    }
    let snapshot = CorpusSnapshot(
      codebook: TinyCorpus.codebook, interviewProtocol: nil, attributes: [],
      participants: ["A", "B", "C"].map { Participant(id: $0, attributes: [:]) },
      documents: documents, passages: corpus.passages, codings: [])
    let table = TimeCommitmentTable(snapshot)
    #expect(table.estimates.map(\.participant) == ["A", "B", "C"])
    #expect(table.estimates.map(\.hours) == [13.5, 18, 20])
    #expect(table.noEstimate.isEmpty)
  }

  @Test func themesCountDistinctParticipants() throws {
    let table = try #require(ThemeTable(corpus, codeID: "outcome.motivation"))
    #expect(table.denominator == 3)
    #expect(table.total.participants == ["A", "B", "C"])
    // The codebook's two themes, then the recognised themes it has no sub-code for.
    #expect(table.themes.map(\.name) == [
      "Staff", "Passion", "Aligned with school or district priorities", "Link to a degree or credit",
      "Going deep on one topic independently", "A supervisor's request",
    ])
    #expect(table.themes.map(\.inCodebook) == [true, true, false, false, false, false])
    #expect(table.themes[2].codeID == "outcome.motivation.priorities")
    // Staff: A said it ("To bring it back to my staff."); C was coded by a person. B's rules
    // coding ("And my staff.") is not counted: the words do not voice the theme.
    #expect(table.themes.map(\.participants) == [["A", "C"], ["B"], [], [], [], []])
    #expect(table.themes[0].passageIDs == [6, 13])
    #expect(table.themes[0].evidence.map(\.quote) == ["To bring it back to my staff."])
    #expect(table.themes[1].evidence.map(\.quote) == ["I am passionate about it."])
  }

  @Test func themesOfAnotherCodeCountTheirCodings() throws {
    var plain = corpus
    plain.codebook.tables.motivation = nil
    let table = try #require(ThemeTable(plain, codeID: "outcome.motivation"))
    #expect(table.themes.map(\.name) == ["Staff", "Passion"])
    #expect(table.themes.map(\.participants) == [["A", "B", "C"], ["B"]])
  }

  @Test func incentivesReadStancesAndKeepTopicsApart() {
    let table = IncentivesTable(corpus)
    #expect(table.answers.map(\.participant) == ["A", "C"])
    #expect(table.answers.map(\.stance) == [.didNotMatter, .mattered])
    #expect(table.count(.didNotMatter) == 1)
  }

  @Test func experienceComparesCompletersAndLeavesOutParticipantsWithoutDocuments() {
    let table = ExperienceTable(corpus)
    #expect(table.participants == ["A", "B", "C"])
    #expect(table.withoutDocuments == ["D"])
    #expect(table.completionAttribute == "completed")
    #expect(table.mean("years", group: "All") == 41.0 / 3)
    #expect(table.mean("years", group: "completed = yes") == 11.5)
    #expect(table.mean("years", group: "completed = no") == 18)
    #expect(table.bins.map(\.label) == ["10–14", "15–19"])
    #expect(table.bins.map { $0.participants.count } == [2, 1])
    #expect(table.categories.filter { $0.attribute == "level" }.map(\.value) == ["elementary", "high school"])
    #expect(table.distinct["level"] == 2)
  }

  @Test func crosstabCountsParticipantsAndPassagesPerValue() throws {
    let crosstab = try #require(CodeAttributeCrosstab.all(corpus).first { $0.attribute == "level" })
    #expect(crosstab.values == ["elementary", "high school"])
    #expect(crosstab.columnTotals == [2, 1])
    let incentives = try #require(crosstab.cells["rules.incentives"])
    #expect(incentives.map(\.participants) == [["A"], ["C"]])
    let rules = try #require(crosstab.cells["rules"])
    #expect(rules.map { $0.passageIDs.count } == [6, 1])
    let years = try #require(CodeAttributeCrosstab.all(corpus).first { $0.attribute == "years" })
    #expect(years.values == ["10–14", "15–19"])
  }

  @Test func coOccurrencePairsCodesInOnePassageButNotParentAndChild() {
    let table = CoOccurrenceTable(corpus)
    // Equal counts keep codebook order.
    #expect(table.pairs.map { [$0.first, $0.second] } == [
      ["outcome.motivation.staff", "outcome.motivation.passion"], ["outcome.motivation.staff", "community"],
    ])
    #expect(table.pairs.map(\.passageIDs) == [[10], [6]])
  }

  @Test func codeSummaryRollsUpSubCodes() {
    let table = CodeSummaryTable(corpus)
    #expect(table.row("outcome.motivation")?.participants == ["A", "B", "C"])
    #expect(table.row("outcome.motivation")?.codings == 0)
    #expect(table.row("rules")?.passageIDs.count == 7)
  }
}
