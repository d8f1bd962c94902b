import QDAQuery
import Testing

/// What a designer types is read as a question in plain words unless it carries expert marks.
@Suite struct SearchTextTests {
  @Test(arguments: [
    ("What about the rubric for teachers?", ["rubric", "teachers"]),
    ("How did the coordinator's week change?", ["coordinator", "week", "change"]),
    ("Non-attenders and parking fees?", ["non", "attenders", "parking", "fees"]),
    ("Was the app easy, or confusing?", ["app", "easy", "confusing"]),
    ("time?", ["time"]),
    ("hours, hours and HOURS", ["hours"]),
  ])
  func questionsInPlainWordsAreNeverSyntax(typed: String, words: [String]) throws {
    guard case .plain(_, let found, let phrases) = try SearchText(typed) else {
      Issue.record("\(typed) was read as expert syntax")
      return
    }
    #expect(found == words)
    #expect(phrases.isEmpty)
  }

  @Test(arguments: [
    ("What did the night-shift nurses say about parking?", "What did say about parking?"),
    ("Why did volunteers in the north region decide to leave?", "Why did decide to leave?"),
    ("Which fees did parents mention?", "Which fees did mention?"),
    // The subject of another verb is the topic.
    ("Did the fees matter to parents?", "Did the fees matter to parents?"),
    ("What did the app lack?", "What did the app lack?"),
    ("How long was the course?", "How long was the course?"),
  ])
  func aQuestionsFocusLeavesOutThePeopleItAsksAbout(question: String, focus: String) throws {
    #expect(SearchText.focus(of: question) == focus)
  }

  @Test func thePeopleAskedAboutAreNotSearchWords() throws {
    guard case .plain(_, let words, _) = try SearchText("What did the night-shift nurses say about parking?") else {
      Issue.record("not a question")
      return
    }
    #expect(words == ["parking"])
  }

  @Test func aQuotedPhraseInAQuestionStaysAPhrase() throws {
    let text = try SearchText("Who mentioned \"seat time\" or the clock?")
    #expect(text == .plain(question: "Who mentioned \"seat time\" or the clock?", words: ["clock"], phrases: ["seat time"]))
    // Every word quoted, joined by OR: FTS5 reads it whatever the words are.
    #expect(text.fullText == "\"seat time\" OR \"clock\"")
  }

  @Test(arguments: [
    "stipend* OR bonus*", "time AND alone", "NEAR(time alone, 5)", "text:time", "time NOT hours", "collab*", "time",
    "stipend bonus",
  ])
  func expertSyntaxAndKeywordsAreSearchedAsBefore(typed: String) throws {
    #expect(try SearchText(typed) == .expert(typed))
  }

  @Test func malformedExpertSyntaxStillSaysWhatToFix() {
    #expect(throws: QueryError("the query ends with OR: put a word after it (for example time OR alone)")) {
      try SearchText("time OR")
    }
  }

  @Test func onlyStopWordsLeaveNothingToSearch() throws {
    #expect(try SearchText("What did they say about it?") == .plain(question: "What did they say about it?", words: [], phrases: []))
    #expect(try SearchText("   ") == .empty)
  }
}

/// The ranking's three parts, each on vectors made to show it.
@Suite struct MeaningRankingTests {
  /// A unit vector along axis `axis` of 4, tilted a little towards axis 3.
  static func vector(_ axis: Int, tilt: Float = 0) -> [Float] {
    var values: [Float] = [0, 0, 0, 0]
    values[axis] = 1
    values[3] += tilt
    let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return values.map { $0 / norm }
  }

  @Test func theSentenceClosestInMeaningComesFirst() {
    let ranking = MeaningRanking(question: Self.vector(0), words: [])
    let ranked = ranking.ranked([
      .init(sentence: Self.vector(1), context: nil, neighbours: [], text: "far"),
      .init(sentence: Self.vector(0, tilt: 0.2), context: nil, neighbours: [], text: "near"),
      .init(sentence: Self.vector(2), context: nil, neighbours: [], text: "far too"),
    ])
    #expect(ranked.first?.index == 1)
    #expect(ranked[0].score > ranked[1].score)
  }

  @Test func aCodeCloseToTheQuestionLiftsTheSentencesCodedWithIt() {
    // Two sentences equally far from the question; one carries the code the question is about.
    let codes = ["workload": Self.vector(0), "weather": Self.vector(1), "food": Self.vector(2)]
    let ranking = MeaningRanking(question: Self.vector(0), words: [], codes: codes)
    let ranked = ranking.ranked([
      .init(sentence: Self.vector(2), context: nil, neighbours: [], text: "a", codes: ["weather"]),
      .init(sentence: Self.vector(2), context: nil, neighbours: [], text: "b", codes: ["workload"]),
    ])
    #expect(ranked.first?.index == 1)
    #expect(ranked[0].score > ranked[1].score)
  }

  @Test func aRareQuestionWordCountsMoreThanACommonOne() {
    // Same vectors: only the words differ. "stipend" is in one sentence, "program" in all.
    let same = Self.vector(1)
    let texts = ["The program was long.", "The program paid a stipend.", "The program was online.", "The program again."]
    let ranking = MeaningRanking(question: Self.vector(0), words: ["program", "stipend"])
    let ranked = ranking.ranked(texts.map { .init(sentence: same, context: nil, neighbours: [], text: $0) })
    #expect(ranked.first?.index == 1)
    // The common word alone does not separate the others.
    #expect(Set(ranked.dropFirst().map(\.score)).count == 1)
  }
}

/// Themes on vectors made in three clear groups.
@Suite struct ThemeGroupingTests {
  static func unit(_ values: [Float]) -> [Float] {
    let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return values.map { $0 / norm }
  }

  @Test func sentencesCloseInMeaningShareATheme() {
    let vectors = [
      Self.unit([1, 0.1, 0]), Self.unit([0, 1, 0.1]), Self.unit([1, 0, 0.1]), Self.unit([0.1, 0, 1]),
      Self.unit([0, 1, 0]), Self.unit([0.9, 0.1, 0.1]), Self.unit([0, 0.1, 1]),
    ]
    let texts = [
      "The parking fees were steep.", "The shuttle was late again.", "Parking fees went up twice.", "Childcare was hard to find.",
      "The shuttle never came.", "Fees for parking, every single day.", "Nobody offered childcare.",
    ]
    let themes = ThemeGrouping.group(vectors: vectors, texts: texts, count: 3)
    #expect(themes.map(\.members) == [[0, 2, 5], [1, 4], [3, 6]])
    #expect(themes[0].label.hasPrefix("parking, fees") || themes[0].label.hasPrefix("fees, parking"))
    #expect(themes[1].label.contains("shuttle"))
    #expect(themes[2].label.contains("childcare"))
    #expect(themes.allSatisfy { $0.members.contains($0.representative) })
    // The question's own words do not label.
    #expect(!ThemeGrouping.group(vectors: vectors, texts: texts, count: 3, exclude: ["parking"])[0].label.contains("parking"))
    // Never more themes than asked, nor than sentences.
    #expect(ThemeGrouping.group(vectors: vectors, texts: texts, count: 10).count <= 7)
    #expect(ThemeGrouping.group(vectors: [], texts: [], count: 3).isEmpty)
  }
}
