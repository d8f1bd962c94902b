import Testing
import QDACoding
import QDAModel
import QDAConcurrency
import _QDATestSupport

@Suite struct AutoCoderTests {
  /// One code with the given rules.
  func codebook(_ rules: [CodingRule], id: String = "rules.time") -> Codebook {
    Codebook(name: "t", version: "1", codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: id, name: "Code", element: .rules, parentID: "rules", rules: rules),
    ])
  }

  /// Codes one participant passage holding the whole marked text; returns the coded spans.
  func codedSpans(_ marked: Marked, _ rules: [CodingRule], role: SpeakerRole = .participant, question: String? = nil,
                  interviewProtocol: InterviewProtocol? = nil) -> [Range<Int>] {
    codings(marked.text, rules, role: role, question: question, interviewProtocol: interviewProtocol).map { $0.span.start..<$0.span.end }
  }

  func codings(_ text: String, _ rules: [CodingRule], role: SpeakerRole = .participant, question: String? = nil,
               interviewProtocol: InterviewProtocol? = nil) -> [Coding] {
    let passage = Passage(id: 1, documentID: 1, ordinal: 0, turn: 0, speaker: "A", role: role,
                          span: TextSpan(start: 0, end: text.unicodeScalars.count), text: text, questionID: question)
    return AutoCoder(codebook: codebook(rules), protocol: interviewProtocol).code([passage], documentText: text)
  }

  @Test func codesTheSentenceThatCarriesTheEvidence() {
    let marked = Marked("We talked a lot. ⟦It took me twenty hours, mostly weekends.⟧ The content was great.")
    #expect(codedSpans(marked, [CodingRule(id: "r", pattern: .any(["hour*", "weekends"]))]) == marked.spans)
  }

  @Test func mergesConsecutiveSentencesAndSeparatesDistantOnes() {
    let marked = Marked("⟦It took hours. Hours and hours.⟧ The readings were good. ⟦Evenings, mostly.⟧")
    #expect(codedSpans(marked, [CodingRule(id: "r", pattern: .any(["hours", "evenings"]))]) == marked.spans)
  }

  @Test func stemsTermsAndPhrases() {
    let rule = CodingRule(id: "r", pattern: .any(["collaborate", "time commitment"]))
    #expect(codedSpans(Marked("⟦We were collaborating daily.⟧"), [rule]).count == 1)
    #expect(codedSpans(Marked("⟦The time commitments were heavy.⟧"), [rule]).count == 1)
    #expect(codedSpans(Marked("The commitment took time."), [rule]).isEmpty)
  }

  @Test func matchesPrefixes() {
    let rule = CodingRule(id: "r", pattern: .any(["collab*"]))
    #expect(codings("Very collaborative people.", [rule]).first?.matched == ["collaborative"])
  }

  @Test func allNeedsEveryTerm() {
    let rule = CodingRule(id: "r", pattern: .all(["time", "job"]))
    #expect(codedSpans(Marked("⟦My job eats my time.⟧"), [rule]).count == 1)
    #expect(codedSpans(Marked("My job is great."), [rule]).isEmpty)
  }

  @Test func nearCountsTheWordsBetween() {
    let rule = CodingRule(id: "r", pattern: .near(["time"], ["job", "role"], within: 3))
    #expect(codings("Time is the job.", [rule]).first?.matched == ["Time", "job"])
    #expect(codings("Time, it seems to me, is part of the job.", [rule]).isEmpty)
  }

  @Test func unlessCancelsTheSentence() {
    let rule = CodingRule(id: "r", pattern: .any(["time"]), unless: ["first time"])
    #expect(codings("It was my first time.", [rule]).isEmpty)
    #expect(codings("It took time.", [rule]).count == 1)
  }

  @Test func negationStillCodesAndIsMarked() {
    let rule = CodingRule(id: "r", pattern: .any(["incentive*", "collaborative"]))
    let negated = codings("I didn't really care about the incentive.", [rule])
    #expect(negated.count == 1)
    #expect(negated.first?.negated == true)
    #expect(codings("It was not at all collaborative.", [rule]).first?.negated == true)
    #expect(codings("The incentive was nice.", [rule]).first?.negated == false)
    // A clause break ends the look-back: "No, the incentive mattered."
    #expect(codings("No, the incentive mattered.", [rule]).first?.negated == false)
  }

  @Test func negatedMatchesCanBeSkipped() {
    let rule = CodingRule(id: "r", pattern: .any(["time"]), codesNegated: false)
    #expect(codings("There was no time.", [rule]).isEmpty)
    #expect(codings("There was time.", [rule]).count == 1)
  }

  @Test func scopeChoosesWhoseSpeechIsRead() {
    let participantOnly = CodingRule(id: "r", pattern: .any(["hours"]))
    let interviewerOnly = CodingRule(id: "r", pattern: .any(["hours"]), scope: .interviewer)
    #expect(codings("How many hours?", [participantOnly], role: .interviewer).isEmpty)
    #expect(codings("How many hours?", [interviewerOnly], role: .interviewer).count == 1)
    #expect(codings("Ten hours.", [interviewerOnly]).isEmpty)
  }

  @Test func questionsLimitWhichAnswersARuleReads() {
    let rule = CodingRule(id: "r", pattern: .any(["staff"]), questions: ["Q2"])
    #expect(codings("For my staff.", [rule], question: "Q2").count == 1)
    #expect(codings("For my staff.", [rule], question: "Q9").isEmpty)
    #expect(codings("For my staff.", [rule]).isEmpty)
  }

  @Test func probingLimitsARuleToQuestionsThatProbeItsCode() {
    let rule = CodingRule(id: "r", pattern: .any(["staff"]), questions: ["probing"])
    let proto = InterviewProtocol(questions: [
      ProtocolQuestion(id: "Q2", text: "Why?", probes: ["rules"]), ProtocolQuestion(id: "Q9", text: "Content?", probes: []),
    ])
    #expect(codings("For my staff.", [rule], question: "Q2", interviewProtocol: proto).count == 1)
    #expect(codings("For my staff.", [rule], question: "Q9", interviewProtocol: proto).isEmpty)
    // Without a protocol, nothing limits it.
    #expect(codings("For my staff.", [rule], question: nil).count == 1)
  }

  @Test func recordsProvenance() {
    let codings = codings("Two hours a week, mostly evenings.", [
      CodingRule(id: "rules.time/1", pattern: .any(["hours"])), CodingRule(id: "rules.time/2", pattern: .any(["evenings"])),
    ])
    #expect(codings.count == 1)
    #expect(codings[0].ruleID == "rules.time/1 rules.time/2")
    #expect(codings[0].matched == ["hours", "evenings"])
    #expect(codings[0].coder == "auto")
  }

  @Test func codesSeveralCodesInOneTurnWhereEachBelongs() {
    let book = Codebook(name: "t", version: "1", codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules", rules: [CodingRule(id: "t", pattern: .any(["hours"]))]),
      Code(id: "community", name: "Community", element: .community),
      Code(id: "community.collaboration", name: "Collaboration", element: .community, parentID: "community",
           rules: [CodingRule(id: "c", pattern: .any(["collaborat*"]))]),
    ])
    let marked = Marked("⟦It took twenty hours.⟧ ⟦I wish we could have collaborated.⟧")
    let passage = Passage(id: 7, documentID: 1, ordinal: 0, turn: 0, speaker: "A", role: .participant,
                          span: TextSpan(start: 0, end: marked.text.unicodeScalars.count), text: marked.text)
    let codings = AutoCoder(codebook: book).code([passage], documentText: marked.text)
    #expect(codings.map(\.codeID) == ["rules.time", "community.collaboration"])
    #expect(codings.map { $0.span.start..<$0.span.end } == marked.spans)
  }

  @Test func answerRulesCodeEveryAnswerToTheirQuestions() {
    let rule = CodingRule(id: "r", pattern: .answers, questions: ["probing"])
    let proto = InterviewProtocol(questions: [
      ProtocolQuestion(id: "Q7", text: "Did the incentives matter?", probes: ["rules.time"]),
      ProtocolQuestion(id: "Q9", text: "Content?", probes: []),
    ])
    // "Not really" names no incentive, but it answers the question about them.
    let text = "Not really. It didn't matter to me."
    let coded = codings(text, [rule], question: "Q7", interviewProtocol: proto)
    #expect(coded.map(\.span) == [TextSpan(start: 0, end: text.unicodeScalars.count)])
    #expect(coded.first?.matched == [])
    #expect(coded.first?.negated == false)
    #expect(codings(text, [rule], question: "Q9", interviewProtocol: proto).isEmpty)
    #expect(codings(text, [rule], question: nil, interviewProtocol: proto).isEmpty)
    // The interviewer's question is not an answer; nor is anything without a protocol.
    #expect(codings(text, [rule], role: .interviewer, question: "Q7", interviewProtocol: proto).isEmpty)
    #expect(codings(text, [rule], question: "Q7").isEmpty)
  }

  /// A coder keeps what it learnt of words and passages between documents (and threads): the
  /// codings must be those of a fresh coder for each document, whatever came before.
  @Test func aCoderReusedAcrossDocumentsAndThreadsCodesAsAFreshOne() {
    let book = Codebook(name: "t", version: "1", codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules", rules: [
        CodingRule(id: "t1", pattern: .any(["hour*", "didn't have time", "café"])),
        CodingRule(id: "t2", pattern: .answers, questions: ["Q1"]),
      ]),
      Code(id: "community", name: "Community", element: .community, rules: [
        CodingRule(id: "c1", pattern: .near(["work*"], ["alone"], within: 2), scope: .all),
      ]),
    ])
    let proto = InterviewProtocol(questions: [ProtocolQuestion(id: "Q1", text: "Time?", probes: ["rules.time"])])
    let texts = [
      "I didn't have time. Hours, on weekends.",
      "We didn't! Honestly. I worked alone, at the café, for hours.",
      "Not really. Didn't have TIME for it; I'd work alone.",
      "Nothing to code here at all.",
      "Hours and hours, didn't we? I worked mostly alone.",
    ]
    let documents: [[Passage]] = texts.enumerated().map { index, text in
      let length = text.unicodeScalars.count
      let split = text.unicodeScalars.firstIndex(of: ".").map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) + 1 } ?? length
      return [
        Passage(id: Int64(index * 2 + 1), documentID: Int64(index + 1), ordinal: 0, turn: 0, speaker: "I", role: .interviewer,
                span: TextSpan(start: 0, end: split), text: "", questionID: index % 2 == 0 ? "Q1" : nil),
        Passage(id: Int64(index * 2 + 2), documentID: Int64(index + 1), ordinal: 1, turn: 1, speaker: "A", role: .participant,
                span: TextSpan(start: split, end: length), text: "", questionID: index % 2 == 0 ? "Q1" : nil),
      ]
    }
    let fresh = documents.indices.map { AutoCoder(codebook: book, protocol: proto).code(documents[$0], documentText: texts[$0]) }
    #expect(fresh.map { $0.map { "\($0.passageID) \($0.codeID) \($0.ruleID ?? "") \($0.matched.joined(separator: "+"))" } } == [
      ["2 rules.time t1 t2 Hours"],
      ["4 rules.time t1 café+hours", "4 community c1 worked+alone"],
      ["6 rules.time t1 t2 Didn't have TIME", "6 community c1 work+alone"],
      [],
      ["9 community c1 worked+alone"],
    ])
    let coder = AutoCoder(codebook: book, protocol: proto)
    for _ in 0..<2 {
      #expect(documents.indices.map { coder.code(documents[$0], documentText: texts[$0]) } == fresh)
      #expect(concurrentMap(documents.count) { coder.code(documents[$0], documentText: texts[$0]) } == fresh)
    }
  }
}
