import QDAModel
import QDAAnalysis
import QDAContradictions

extension BriefBuilder {
  /// The summary on the first page: who was interviewed, the themes most of them raised, why they
  /// took part, the time it took, the incentives, and the commonest contradiction. Each sentence
  /// states a figure the body and the tables state (the same row, cell or pair count) and links it
  /// to the passages or people behind it. Nothing is said of a table the study does not have.
  mutating func summarySection() {
    var items: [[Inline]] = []
    if let who = summaryOfPeople() { items.append(who) }
    if let themes = summaryOfThemes() { items.append(themes) }
    if let named = namedResources() { items.append(named) }
    if let feedback = summaryOfFeedback() { items.append(feedback) }
    if let motivation = summaryOfMotivation() { items.append(motivation) }
    if let time = summaryOfTime() { items.append(time) }
    if let incentives = summaryOfIncentives() { items.append(incentives) }
    if let tension = summaryOfContradictions() { items.append(tension) }
    if let recommendations = summaryOfRecommendations() { items.append(recommendations) }
    guard items.count > 1 else { return }
    heading(1, "Summary", anchor: "summary")
    blocks.append(.bullets(items))
  }

  /// "Eleven principals were interviewed; nine completed the micro-credential and two did not."
  private mutating func summaryOfPeople() -> [Inline]? {
    guard !interviewed.isEmpty else { return nil }
    var inlines: [Inline] = [
      .text(
        CountWording.sentenceStart(CountWording.number(interviewed.count))
          + " \(noun.form(interviewed.count)) \(interviewed.count == 1 ? "was" : "were") interviewed"
      )
    ]
    if let groups = completionGroups() {
      inlines.append(.text("; "))
      inlines.append(
        countPeople(
          CountWording.number(groups.done.count), title: "\(groups.label): yes",
          participants: groups.done, attributes: [groups.attribute]))
      inlines.append(.text(groups.verb.map { " \($0) and " } ?? " had \(groups.label) = yes and "))
      inlines.append(
        countPeople(
          CountWording.number(groups.notDone.count), title: "\(groups.label): no",
          participants: groups.notDone, attributes: [groups.attribute]))
      inlines.append(.text(groups.verb == nil ? " had \(groups.label) = no" : " did not"))
    }
    inlines.append(.text("."))
    return inlines
  }

  /// The three codes (below the elements) the most participants' answers carry, as the codes
  /// table counts them.
  private mutating func summaryOfThemes() -> [Inline]? {
    let rows = analysis.codes.rows.enumerated()
      .filter { $0.element.depth > 0 && !$0.element.participants.isEmpty }
      .sorted {
        ($0.element.participants.count, -$0.offset) > ($1.element.participants.count, -$1.offset)
      }
      .prefix(3).map(\.element)
    guard !rows.isEmpty else { return nil }
    return [.text("The themes the most \(noun.plural) raised: ")]
      + namedCounts(
        rows.map {
          (
            Self.lowercasedFirst($0.name), $0.name, $0.participants.count, Array($0.passageIDs),
            codedSpans($0.codeID)
          )
        })
      + [.text(".")]
  }

  /// "Read by the sentence model, of the platform six of 11 principals spoke well and five both
  /// well and poorly; of the content and resources all 11 spoke well": the feedback valence
  /// table's counts, linked as the body links them.
  private mutating func summaryOfFeedback() -> [Inline]? {
    let read = analysis.feedbackValence.codes.filter { !$0.readings.isEmpty }
    guard !read.isEmpty else { return nil }
    var inlines: [Inline] = [.text("As the sentence model reads the feedback, ")]
    for (index, feedback) in read.enumerated() {
      if index > 0 { inlines.append(.text("; ")) }
      inlines.append(
        .text(
          "on the \(Self.lowercasedFirst(feedback.name)) (\(CountWording.number(feedback.readings.count)) \(noun.form(feedback.readings.count))) "
        ))
      inlines += valenceCounts(feedback)
    }
    inlines.append(.text("."))
    return inlines
  }

  /// The motivation themes the most participants gave, as the theme table counts them.
  private mutating func summaryOfMotivation() -> [Inline]? {
    guard let table = analysis.motivation else { return nil }
    let themes = table.themes.enumerated().filter { !$0.element.participants.isEmpty }
      .sorted {
        ($0.element.participants.count, -$0.offset) > ($1.element.participants.count, -$1.offset)
      }
    guard let most = themes.first?.element.participants.count else { return nil }
    let top = themes.map(\.element).filter { $0.participants.count == most }.prefix(3)
    return [
      .text(
        top.count == 1
          ? "The reason for taking part given most often: "
          : "The reasons for taking part given most often: ")
    ]
      + namedCounts(
        top.map {
          (Self.lowercasedFirst($0.name), $0.name, $0.participants.count, $0.passageIDs, [:])
        })
      + [.text(".")]
  }

  /// "a (four of 11 principals), b (…) and c (…)": each name with its count of participants,
  /// linked to its passages (titled "<title> — <count>").
  mutating func namedCounts(
    _ items: [(
      shown: String, title: String, participants: Int, passages: [Int64], spans: [Int64: [TextSpan]]
    )]
  ) -> [Inline] {
    var inlines: [Inline] = []
    for (index, item) in items.enumerated() {
      if index > 0 { inlines.append(.text(index == items.count - 1 ? " and " : ", ")) }
      let phrase = CountWording.phrase(
        item.participants, of: interviewed.count, total: interviewed.count, noun: noun)
      inlines.append(.text(item.shown + " ("))
      inlines.append(
        count(
          phrase, title: "\(item.title) — \(phrase)", passages: item.passages, spans: item.spans))
      inlines.append(.text(")"))
    }
    return inlines
  }

  /// The mean hours estimated and the commonest judgment of the time, as the time table states.
  private mutating func summaryOfTime() -> [Inline]? {
    let table = analysis.timeCommitment
    var inlines: [Inline] = []
    if let mean = table.meanHours {
      inlines.append(.text("Completing \(study.programme) took "))
      inlines.append(
        count(
          "\(rounded(mean)) hours", title: "Mean hours estimated (n = \(table.nEstimates))",
          passages: table.estimates.map(\.passageID)))
      let whose =
        table.nEstimates == 1
        ? "one \(noun.singular)'s estimate"
        : "\(CountWording.number(table.nEstimates)) \(noun.plural)' estimates"
      inlines.append(.text(" on average, by \(whose)"))
    }
    let answered = table.nJudgmentRespondents
    if answered > 0,
      let judgment = TimeJudgment.allCases.max(by: { table.count($0) < table.count($1) }),
      table.count(judgment) > 0
    {
      let matching = table.judgments.filter { $0.judgment == judgment }
      let phrase = CountWording.phrase(
        matching.count, of: answered, total: interviewed.count, noun: noun, subset: "who judged it")
      let first = inlines.isEmpty
      if !first { inlines.append(.text("; ")) }
      inlines.append(
        count(
          first ? CountWording.sentenceStart(phrase) : phrase,
          title: "Judged the time \(judgment.label.lowercased())",
          passages: matching.map(\.passageID)))
      inlines.append(.text(" found the time \(judgment.label.lowercased())"))
    }
    guard !inlines.isEmpty else { return nil }
    inlines.append(.text("."))
    return inlines
  }

  /// How many of those asked said the incentives did or did not matter, as the incentives table counts.
  private mutating func summaryOfIncentives() -> [Inline]? {
    let table = analysis.incentives
    guard table.respondents > 0 else { return nil }
    let notMattered = table.answers.filter { $0.stance == .didNotMatter }
    let mattered = table.answers.filter { $0.stance == .mattered }
    guard !notMattered.isEmpty || !mattered.isEmpty else { return nil }
    // The larger stance first, the other after it.
    let stances = [
      (
        answers: notMattered, title: "Incentives did not matter much",
        said: " said they did not matter much to their decision", also: " that they did not"
      ),
      (
        answers: mattered, title: "Incentives mattered",
        said: " said they mattered to their decision", also: " that they did"
      ),
    ]
    let (major, minor) =
      notMattered.count >= mattered.count ? (stances[0], stances[1]) : (stances[1], stances[0])
    let phrase = CountWording.phrase(
      major.answers.count, of: table.respondents, total: interviewed.count, noun: noun,
      subset: "who spoke of them")
    var inlines: [Inline] = [.text("Incentives: ")]
    inlines.append(
      count(
        phrase, title: "\(major.title) — \(phrase)", passages: major.answers.flatMap(\.passageIDs)))
    inlines.append(.text(major.said))
    if !minor.answers.isEmpty {
      inlines.append(.text(", "))
      inlines.append(
        count(
          CountWording.number(minor.answers.count), title: minor.title,
          passages: minor.answers.flatMap(\.passageIDs)))
      inlines.append(.text(minor.also))
    }
    inlines.append(.text("."))
    return inlines
  }

  /// The pair of elements most participants' answers set against each other, as the matrix and
  /// the heatmap count it, and how many pairs recur.
  private mutating func summaryOfContradictions() -> [Inline]? {
    guard let summary = contradictions, !summary.contradictions.isEmpty else { return nil }
    var best: (Element, Element, ContradictionSummary.PairCount)?
    var recurring = 0
    for a in Element.allCases {
      for b in Element.allCases where a <= b {
        let pair = summary.pair(a, b)
        if pair.participants >= 2 { recurring += 1 }
        if pair.participants > (best?.2.participants ?? 0) { best = (a, b, pair) }
      }
    }
    guard let (a, b, pair) = best else { return nil }
    let phrase = CountWording.phrase(
      pair.participants, of: interviewed.count, total: interviewed.count, noun: noun)
    let between =
      a == b
      ? "\(elementPhrase(a)) pulling two ways" : "\(elementPhrase(a)) and \(elementPhrase(b))"
    var inlines: [Inline] = [.text("The contradiction found most often: between \(between), for ")]
    inlines.append(
      count(
        phrase, title: "Contradiction — \(a == b ? a.name : "\(a.name) × \(b.name)"): \(phrase)",
        passages: pair.passages))
    inlines.append(
      .text(
        recurring > 1
          ? "; \(CountWording.number(recurring)) pairs of elements were in tension for two \(noun.plural) or more."
          : "."))
    return inlines
  }

  /// The three groups of recommendations the most participants made, as the recommendations
  /// table counts them.
  private mutating func summaryOfRecommendations() -> [Inline]? {
    let table = analysis.recommendations
    let top = table.groups.prefix(3)
    guard !top.isEmpty else { return nil }
    return [.text("The recommendations most made: ")]
      + namedCounts(
        top.map { group in
          (
            "“\(group.label)”", "Recommendations, “\(group.label)”", group.participants.count,
            table.passageIDs(group.members),
            suggestionSpans(group.members)
          )
        })
      + [.text(" (see Considerations).")]
  }

  /// "Design and appeal" → "design and appeal"; an acronym ("PD hours") keeps its capitals.
  static func lowercasedFirst(_ text: String) -> String {
    guard let first = text.first, first.isUppercase else { return text }
    let second = text.dropFirst().first
    if let second, second.isUppercase { return text }
    return first.lowercased() + text.dropFirst()
  }
}
