import Foundation
import QDAModel
import QDANumerics
import Testing
@testable import QDAAnalysis

/// Whether feedback on the platform and the content spoke well or poorly of it (issue 34,
/// item 1): the model's rule, its learning, its file, the labelled files it learns from, and
/// the table that reads participants' coded sentences with it. Vectors here are made up (three
/// directions: praise, complaint, description), so the logic is checked without the sentence
/// model; `ValenceLearningTests` checks the shipped model with it.
@Suite struct FeedbackValenceTests {
  /// A made-up vector: praise along the first axis, complaint along the second, description
  /// along the third, with a little of the others so no two are equal.
  static func vector(_ text: String) -> [Float] {
    let lower = text.lowercased()
    let salt = Float(text.unicodeScalars.count % 7) / 70
    if lower.contains("loved") || lower.contains("handy") { return [1, salt, 0.1] }
    if lower.contains("froze") || lower.contains("clunky") { return [salt, 1, 0.1] }
    return [0.1, salt, 1]
  }

  /// A model that reads the made-up vectors: well when the first axis is high, poorly when the
  /// second is.
  static let model = ValenceModel(
    positive: LogisticRegression(weights: [10, -2, 0], bias: -5), negative: LogisticRegression(weights: [-2, 10, 0], bias: -5),
    threshold: 0.5, encoder: "test", examples: [:], source: "made up")

  @Test func aSentenceSpeaksOneWayAndAnAnswerIsMixedOnlyWhenBothAreSaid() {
    // Likelier than the threshold both ways: the likelier way only.
    #expect(Self.model.polarity((positive: 0.73, negative: 0.6)) == .positive)
    #expect(Self.model.polarity((positive: 0.58, negative: 0.72)) == .negative)
    #expect(Self.model.polarity((positive: 0.4, negative: 0.3)) == .neutral)
    #expect(Self.model.valence([(0.9, 0.1), (0.2, 0.1)]) == .positive)
    #expect(Self.model.valence([(0.9, 0.1), (0.1, 0.8)]) == .mixed)
    #expect(Self.model.valence([(0.1, 0.8)]) == .negative)
    #expect(Self.model.valence([(0.2, 0.3)]) == Valence.none)
    #expect(Self.model.valence(of: ["I loved the forum.", "It froze daily."].map(Self.vector)) == .mixed)
  }

  @Test func learningFindsBothDirectionsAndChoosesAThresholdByCrossValidation() throws {
    var examples: [ValenceModel.Example] = []
    let said = [
      ["I loved the videos."], ["The site froze twice."], ["We met on Tuesdays.", "The app was handy."],
      ["Clunky menus.", "I used it at night."], ["I loved the cases.", "The upload froze."], ["I used my laptop."],
    ]
    for round in 0..<4 {
      for sentences in said {
        let texts = sentences.map { $0 + String(repeating: " ", count: round) }
        examples.append(
          ValenceModel.Example(
            vectors: texts.map(Self.vector),
            polarities: texts.map { text in
              let vector = Self.vector(text)
              return vector[0] == 1 ? .positive : vector[1] == 1 ? .negative : .neutral
            }))
      }
    }
    let model = ValenceModel.train(examples, encoder: "test", source: "made up")
    #expect(ValenceModel.thresholds.contains(model.threshold))
    #expect(model.examples == ["positive": 12, "negative": 12, "neutral": 12])
    #expect(model.valence(of: [Self.vector("I loved it.")]) == .positive)
    #expect(model.valence(of: [Self.vector("It froze.")]) == .negative)
    #expect(model.valence(of: [Self.vector("I loved it."), Self.vector("Clunky.")]) == .mixed)
    #expect(model.valence(of: [Self.vector("We met on Mondays.")]) == Valence.none)
    // The same examples give the same file.
    #expect(ValenceModel.train(examples, encoder: "test", source: "made up").encoded() == model.encoded())
    #expect(try ValenceModel.decode(model.encoded(), file: "v.json") == model)
  }

  @Test func aFileThatIsNotAValenceModelIsRefusedByName() throws {
    #expect(throws: ValenceModelError.self) { try ValenceModel.decode(Data("{}".utf8), file: "x.json") }
    var other = Self.model
    other.format = "something-else"
    let error = try #require(throws: ValenceModelError.self) { try ValenceModel.decode(other.encoded(), file: "chat.valence.json") }
    #expect(error.description.hasPrefix("chat.valence.json: "))
    var short = Self.model
    short.negative.weights = [1]
    let mismatch = try #require(throws: ValenceModelError.self) { try ValenceModel.decode(short.encoded(), file: "v.json") }
    #expect(mismatch.description.contains("differ in length"))
  }

  // MARK: - Labelled files

  @Test func labelledFilesAreReadBySentenceOrWholeAnswer() throws {
    let text = """
      {"id": "S1", "sentences": [{"text": "The readings were long.", "polarity": "neutral"}, {"text": "I kept every one.", "polarity": "positive"}]}

      {"id": "W1", "text": "It froze. Then it lost my draft.", "valence": "negative"}
      {"id": "W2", "text": "We did it in August.", "valence": "neither"}
      """
    let items = try LabelledFeedback.parse(text, file: "set.jsonl")
    #expect(items.map(\.id) == ["S1", "W1", "W2"])
    #expect(items[0].polarities == [.neutral, .positive])
    #expect(items[0].valence == .positive)
    #expect(items[1].sentences == ["It froze.", "Then it lost my draft."])
    #expect(items[1].line == 3)
    #expect(items[2].valence == Valence.none)
  }

  @Test(arguments: [
    ("not json", "set.jsonl:1: not a JSON object"),
    (#"{"id": "a", "text": "x", "valence": "good"}"#, "set.jsonl:1: 'valence' must be positive, negative, mixed or none, not 'good'"),
    (#"{"id": "a", "sentences": [{"text": "x", "polarity": "meh"}]}"#, "set.jsonl:1: sentence 1's 'polarity' must be positive, negative or neutral, not 'meh'"),
    (#"{"id": "a", "sentences": [{"text": "x", "polarity": "positive"}], "valence": "mixed"}"#, "set.jsonl:1: 'valence' is 'mixed' but its sentences' polarities make it positive"),
    (#"{"id": "a"}"#, "set.jsonl:1: neither 'sentences' nor 'text'"),
  ])
  func aBadLineIsNamedWithWhatIsWrong(line: String, message: String) throws {
    let error = try #require(throws: LabelledFeedbackError.self) { try LabelledFeedback.parse(line, file: "set.jsonl") }
    #expect(error.description == message)
  }

  @Test func aRepeatedIdIsNamedOnItsSecondLine() throws {
    let text = #"{"id": "a", "text": "x", "valence": "positive"}"# + "\n" + #"{"id": "a", "text": "y", "valence": "negative"}"#
    let error = try #require(throws: LabelledFeedbackError.self) { try LabelledFeedback.parse(text, file: "f.jsonl") }
    #expect(error.description == "f.jsonl:2: the id 'a' was given before")
  }

  // MARK: - The table

  /// Participants' words about a coaching app, each passage coded with the feedback code.
  static let said: [String: [String]] = [
    "K1": ["I loved the coaching clips. We watched them at lunch."],
    "K2": ["The app froze whenever I uploaded. I loved the checklists, though."],
    "K3": ["Clunky, all of it."],
    "K4": ["I did it on Sundays."],
  ]

  static func corpus() -> CorpusSnapshot {
    var corpus = CodeThemeTableTests.corpus(Self.said)
    corpus.codebook.tables.feedback = ["rules.incentives"]
    return corpus
  }

  @Test func eachParticipantsCodedSentencesAreReadAndTheDecidingWordsKept() throws {
    let corpus = Self.corpus()
    let unread = FeedbackValenceTable(corpus)
    #expect(!unread.isRead)
    #expect(unread.tables(interviewed: 4).isEmpty)
    let code = try #require(unread.codes.first)
    #expect(code.sentences.map(\.text) == [
      "I loved the coaching clips.", "We watched them at lunch.", "The app froze whenever I uploaded.", "I loved the checklists, though.",
      "Clunky, all of it.", "I did it on Sundays.",
    ])
    // Each sentence lies where its words are.
    for sentence in code.sentences {
      let passage = try #require(corpus.passage(sentence.passageID))
      let text = Array(corpus.text(of: passage).unicodeScalars)
      let words = String(String.UnicodeScalarView(text[(sentence.start - passage.span.start)..<(sentence.end - passage.span.start)]))
      #expect(words.trimmingCharacters(in: .whitespaces) == sentence.text)
    }
    let read = unread.read(vector: Self.vector, model: Self.model)
    let feedback = try #require(read.feedback("rules.incentives"))
    #expect(feedback.readings.map(\.valence) == [.positive, .mixed, .negative, Valence.none])
    let mixed = feedback.readings[1]
    #expect(mixed.praise?.text == "I loved the checklists, though.")
    #expect(mixed.criticism?.text == "The app froze whenever I uploaded.")
    #expect(feedback.readings[3].praise == nil && feedback.readings[3].criticism == nil)
    // A count links to the sentences that decided it; "neither" to all the participant's.
    #expect(FeedbackValenceTable.evidence(feedback.readings(.mixed), of: feedback).map(\.text) == [
      "I loved the checklists, though.", "The app froze whenever I uploaded.",
    ])
    #expect(FeedbackValenceTable.evidence(feedback.readings(Valence.none), of: feedback).map(\.text) == ["I did it on Sundays."])

    let summary = read.summaryTable(interviewed: 4)
    #expect(summary.rows.count == 1)
    #expect(summary.rows[0].map(\.text) == ["Incentives", "4", "1", "1", "1", "1"])
    let data = try #require(summary.data)
    #expect(data.rows[0] == [.text("rules.incentives"), .text("Incentives"), .integer(4), .integer(1), .integer(1), .integer(1), .integer(1), .integer(4)])
    #expect(read.participantTable.rows.map { $0[2].text } == ["Positive", "Mixed", "Negative", "Neither"])
  }

  @Test func aCodeWithASentenceWithoutAVectorIsLeftUnread() {
    let read = FeedbackValenceTable(Self.corpus()).read(vector: { $0.contains("Clunky") ? nil : Self.vector($0) }, model: Self.model)
    #expect(!read.isRead)
  }
}
