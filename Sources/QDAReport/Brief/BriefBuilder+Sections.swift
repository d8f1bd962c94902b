import QDAModel
import QDAText
import QDAAnalysis
import QDAContradictions

extension BriefBuilder {
  // MARK: - Subject

  mutating func subjectSection() {
    heading(1, "Subject", anchor: "subject")
    var text =
      "The subjects of analysis are the \(CountWording.number(interviewed.count)) \(noun.form(interviewed.count)) who participated in the interviews"
    if let period = study.period { text += " (\(period))" }
    text += "."
    var inlines: [Inline] = [.text(text)]
    let experience = analysis.experience
    if let groups = completionGroups() {
      let who =
        CountWording.sentenceStart(CountWording.number(groups.done.count))
        + " \(groups.done.count == 1 ? "interviewee" : "interviewees")"
      inlines.append(.text(" "))
      // "Nine interviewees completed the badge and two did not", where the label reads as what
      // they did; else "One interviewee had pilot = yes and two had pilot = no".
      let (label, attributes) = (groups.label, [groups.attribute])
      inlines.append(
        countPeople(
          who + (groups.verb.map { " " + $0 } ?? " had \(label) = yes"), title: "\(label): yes",
          participants: groups.done, attributes: attributes))
      inlines.append(.text(" and "))
      inlines.append(
        countPeople(
          CountWording.number(groups.notDone.count), title: "\(label): no",
          participants: groups.notDone, attributes: attributes))
      inlines.append(.text(groups.verb == nil ? " had \(label) = no." : " did not."))
    }
    paragraph(inlines)
    if !experience.withoutDocuments.isEmpty {
      paragraph([
        .emphasis(
          "The project also lists \(CountWording.number(experience.withoutDocuments.count)) \(noun.form(experience.withoutDocuments.count)) with no transcript yet (\(experience.withoutDocuments.joined(separator: ", "))); they are not counted."
        )
      ])
    }
    for code in corpus.codebook.codes
    where code.parentID != nil && code.element == .subject
      && (code.reportSection ?? code.element) == .subject
    {
      codeSection(code, level: 2)
    }
  }

  /// The interviewed split by the completion attribute, with its label and the verb it reads as
  /// ("completed the micro-credential"), for the Subject section and the summary.
  func completionGroups() -> (
    attribute: String, label: String, verb: String?, done: [String], notDone: [String]
  )? {
    guard let completion = analysis.experience.completionAttribute else { return nil }
    return (
      completion, study.label(forAttribute: completion), study.verbPhrase(forAttribute: completion),
      interviewed.filter { corpus.participant($0)?.attributes[completion] == .yesNo(true) },
      interviewed.filter { corpus.participant($0)?.attributes[completion] == .yesNo(false) }
    )
  }

  /// A count of people by their attributes, linked to the people and the values counted (the
  /// participant attributes). It linked to each one's first passage, which was small talk
  /// ("Nine interviewees completed" → "Yeah, go ahead.").
  /// (Values pass through the brief's name mask, as quoted words do; at most `Reference.listed`
  /// people are listed.)
  mutating func countPeople(
    _ text: String, title: String, participants: [String], attributes: [String]
  ) -> Inline {
    let id = "ref-\(references.count + 1)"
    var people: [Reference.Person] = []
    for participant in participants.prefix(Reference.listed) {
      let values = attributes.map { name in
        "\(name) = \(corpus.participant(participant)?.attributes[name]?.description ?? "(none)")"
      }
      people.append(
        Reference.Person(participant: participant, values: masked(values.joined(separator: ", "))))
    }
    // The rest are counted, not listed.
    for participant in participants.dropFirst(Reference.listed) {
      people.append(Reference.Person(participant: participant, values: ""))
    }
    references.append(Reference(id: id, title: title, entries: [], total: 0, people: people))
    return .count(text, reference: id)
  }

  // MARK: - Division of labor

  mutating func divisionOfLaborSection() {
    heading(1, "Division of Labor", anchor: "division-of-labor")
    let experience = analysis.experience
    if let element = corpus.codebook.elementCode(.divisionOfLabor), !element.definition.isEmpty {
      paragraph([.text(firstSentence(element.definition))])
    }
    for attribute in corpus.attributes where attribute.type == .number {
      let label = study.label(forAttribute: attribute.name)
      var inlines: [Inline] = []
      let bins = experience.bins.filter { $0.attribute == attribute.name }
      if let mode = bins.max(by: { $0.participants.count < $1.participants.count }),
        mode.participants.count * 2 > interviewed.count
      {
        inlines.append(
          countPeople(
            "Most interviewees (\(CountWording.number(mode.participants.count)) of \(CountWording.number(interviewed.count)))",
            title: "\(label): \(mode.label)", participants: mode.participants,
            attributes: [attribute.name]))
        inlines.append(.text(" had \(mode.label) \(label)."))
      }
      if let completion = experience.completionAttribute {
        let yes = experience.numbers.first {
          $0.attribute == attribute.name && $0.group == "\(completion) = yes"
        }
        let no = experience.numbers.first {
          $0.attribute == attribute.name && $0.group == "\(completion) = no"
        }
        if let yes, let mean = yes.mean {
          let verb = study.verbPhrase(forAttribute: completion)
          let completionLabel = study.label(forAttribute: completion)
          inlines.append(
            .text(
              " On average, those " + (verb.map { "who \($0)" } ?? "with \(completionLabel) = yes")
                + " had "))
          inlines.append(
            countPeople(
              rounded(mean), title: "Mean \(label), \(completion) = yes (n = \(yes.n))",
              participants: yes.participants, attributes: [attribute.name, completion]))
          inlines.append(.text(" \(label)"))
          if let no, let noMean = no.mean {
            let group = verb == nil ? "with \(completionLabel) = no" : "who did not"
            let who =
              no.n == 1
              ? "the one \(group) had "
              : "the \(CountWording.number(no.n)) \(group) had an average of "
            inlines.append(.text("; " + who))
            inlines.append(
              countPeople(
                rounded(noMean), title: "Mean \(label), \(completion) = no (n = \(no.n))",
                participants: no.participants, attributes: [attribute.name, completion]))
            inlines.append(.text(" \(label)"))
          }
          inlines.append(.text("."))
        }
      } else if let all = experience.numbers.first(where: { $0.attribute == attribute.name }),
        let mean = all.mean
      {
        inlines.append(.text(" On average, interviewees had \(rounded(mean)) \(label)."))
      }
      if !inlines.isEmpty { paragraph(trimLeadingSpace(inlines)) }
    }
    for attribute in corpus.attributes where attribute.type == .category {
      let label = study.label(forAttribute: attribute.name)
      let counts = experience.categories.filter { $0.attribute == attribute.name }
      guard let top = counts.first else { continue }
      let distinct = experience.distinct[attribute.name] ?? counts.count
      if distinct <= 4 {
        var inlines: [Inline] = [.text("By \(label), ")]
        let phrase = CountWording.share(
          top.participants.count, of: interviewed.count,
          noun: CountWording.Noun(singular: "interviewee", plural: "interviewees"))
        inlines.append(
          countPeople(
            phrase, title: "\(label): \(top.value)", participants: top.participants,
            attributes: [attribute.name]))
        inlines.append(.text(" were \(top.value)"))
        for other in counts.dropFirst() {
          inlines.append(.text(other == counts.last && counts.count > 1 ? " and " : ", "))
          inlines.append(
            countPeople(
              CountWording.number(other.participants.count), title: "\(label): \(other.value)",
              participants: other.participants, attributes: [attribute.name]))
          inlines.append(.text(" \(other.value)"))
        }
        inlines.append(.text("."))
        paragraph(inlines)
      } else {
        let all = counts.flatMap(\.participants)
        paragraph([
          // (The people without their values: many distinct values, each naming a few people.)
          countPeople(
            CountWording.sentenceStart(CountWording.number(distinct))
              + " distinct \(pluralize(label))", title: "Distinct \(label) values",
            participants: all, attributes: []),
          .text(" were represented."),
        ])
      }
    }
    if let svg = BriefCharts.experience(experience, label: { study.label(forAttribute: $0) }) {
      figure(
        "experience", svg, caption: "Figure \(figureCount + 1). Experience by completion status.")
    }
    for code in corpus.codebook.codes
    where code.parentID != nil && code.element == .divisionOfLabor
      && (code.reportSection ?? code.element) == .divisionOfLabor
    {
      codeSection(code, level: 2)
    }
  }

  // MARK: - Findings by element

  mutating func elementSection(_ element: Element) {
    let sectionCodes = corpus.codebook.codes.filter { code in
      guard let parent = code.parentID, let parentCode = corpus.codebook.code(parent) else {
        return false
      }
      // Direct children of an element code, or codes moved here from another section.
      let section = code.reportSection ?? code.element
      let parentSection = parentCode.reportSection ?? parentCode.element
      return section == element && (parentCode.parentID == nil || parentSection != section)
    }
    let withData = sectionCodes.filter { (analysis.codes.row($0.id)?.participants.count ?? 0) > 0 }
    guard !withData.isEmpty else { return }
    heading(2, element.name, anchor: element.rawValue)
    if let elementCode = corpus.codebook.elementCode(element), !elementCode.definition.isEmpty {
      paragraph([.text(firstSentence(elementCode.definition))])
    }
    for code in withData { codeSection(code, level: 3) }
    if element == .toolsAndSigns, let named = namedResources() { paragraph(named) }
  }

  /// "Resources named by many principals: the Tennessee Leaders for Equity Playbook (ten of 11
  /// principals)." The named-resources table's first three rows, each linked to the passages
  /// naming it. (Names the quote mask would change are dropped from the table before the brief.)
  mutating func namedResources() -> [Inline]? {
    let kept = analysis.namedResources.resources.prefix(3)
    guard !kept.isEmpty else { return nil }
    return [
      .text(
        kept.count == 1
          ? "The resource named by the most \(noun.plural): "
          : "Resources named by many \(noun.plural): ")
    ]
      + namedCounts(
        kept.map {
          ("the \($0.name)", "Named: \($0.name)", $0.participants.count, $0.passageIDs, [:])
        })
      + [.text(".")]
  }

  /// A code's sub-section: a count sentence, an exemplar, and its themes; the standard tables
  /// where the codebook points them at this code.
  mutating func codeSection(_ code: Code, level: Int) {
    guard let row = analysis.codes.row(code.id), !row.participants.isEmpty else { return }
    heading(level, code.name, anchor: code.id)
    let tables = corpus.codebook.tables
    if code.id == tables.timeCommitment {
      timeCommitment(code)
      return
    }
    if code.id == tables.incentives {
      incentives(code)
      return
    }
    paragraph([
      codeCount(row, capitalized: true),
      .text(" \(code.summary ?? "discussed " + code.name.lowercased())."),
    ])
    valence(code.id)
    if code.id == tables.motivation, let motivation = analysis.motivation,
      motivation.themes.contains(where: { !$0.evidence.isEmpty })
    {
      motivationThemes(motivation)
      return
    }
    let children = corpus.codebook.children(of: code.id)
    if children.isEmpty {
      themesOrExemplar(code.id)
      return
    }
    for child in children {
      guard let childRow = analysis.codes.row(child.id), !childRow.participants.isEmpty else {
        continue
      }
      paragraph([
        codeCount(childRow, capitalized: true),
        .text(" \(child.summary ?? "mentioned " + child.name.lowercased())."),
      ])
      themesOrExemplar(child.id)
    }
  }

  /// "As the sentence model reads their words, five spoke well of it and six spoke both well
  /// and poorly of it": the feedback valence table's counts for a code, each linked to the
  /// sentences that decided it.
  mutating func valence(_ codeID: String) {
    guard let feedback = analysis.feedbackValence.feedback(codeID) else { return }
    paragraph(
      [.text("As the sentence model reads their words, ")] + valenceCounts(feedback)
        + [.text(" (a reading by a model, each linked to the words that decided it).")])
  }

  /// "six spoke well of it and five spoke both well and poorly of it", each count linked to the
  /// sentences that decided it (titled "<code>: <phrase> — <count>").
  mutating func valenceCounts(_ feedback: FeedbackValenceTable.CodeFeedback) -> [Inline] {
    let phrases: [Valence: String] = [
      .positive: "spoke well of it", .negative: "spoke poorly of it",
      .mixed: "spoke both well and poorly of it",
      .none: "judged it neither way",
    ]
    let shown = Valence.allCases.filter { !feedback.readings($0).isEmpty }
    var inlines: [Inline] = []
    for (index, valence) in shown.enumerated() {
      if index > 0 { inlines.append(.text(index == shown.count - 1 ? " and " : ", ")) }
      let readings = feedback.readings(valence)
      var spans: [Int64: [TextSpan]] = [:]
      for sentence in FeedbackValenceTable.evidence(readings, of: feedback) {
        spans[sentence.passageID, default: []].append(
          TextSpan(start: sentence.start, end: sentence.end))
      }
      let number =
        readings.count == feedback.readings.count && readings.count > 1
        ? "all \(CountWording.number(readings.count))" : CountWording.number(readings.count)
      inlines.append(
        count(
          number, title: "\(feedback.name): \(phrases[valence] ?? "") — \(number)",
          passages: spans.keys.sorted(), spans: spans))
      inlines.append(.text(" " + (phrases[valence] ?? "")))
    }
    return inlines
  }

  /// What participants said under a code, in the themes their coded words fall into (at most
  /// `themesShown`, each with its participants linked to their words and the words that state it
  /// best); one exemplar when the code has no theme two participants share.
  mutating func themesOrExemplar(_ codeID: String) {
    guard let found = analysis.codeThemes.themes(of: codeID), !found.themes.isEmpty else {
      exemplar(codeID)
      return
    }
    let shown = found.themes.prefix(Self.themesShown)
    let how = found.grouping == .meaning ? "by meaning" : "by the words they share"
    let lead =
      found.themes.count == 1
      ? "What two or more of them said in the same vein (grouped \(how)):"
      : "What they said falls into \(CountWording.number(found.themes.count)) themes shared by two or more (grouped \(how)); the largest:"
    paragraph([.text(lead)])
    var items: [[Inline]] = []
    for theme in shown {
      var spans: [Int64: [TextSpan]] = [:]
      for index in theme.members {
        let item = found.items[index]
        spans[item.passageID, default: []].append(TextSpan(start: item.start, end: item.end))
      }
      let who = CountWording.phrase(
        theme.participants.count, of: interviewed.count, total: interviewed.count, noun: noun)
      let quote = found.items[theme.quote]
      items.append([
        .strong("“\(theme.label)”"), .text(" ("),
        count(
          who, title: "\(theme.label) — \(who)",
          passages: theme.members.map { found.items[$0].passageID }, spans: spans),
        .text(
          "): “\(masked(leadingSentences(quote.text, words: Self.themeQuoteWords)))” (\(quote.participant))"
        ),
      ])
    }
    blocks.append(.bullets(items))
  }

  /// How many themes of a code the brief states.
  static let themesShown = 3
  /// A theme's quote: its first sentences up to this many words (the first sentence whatever
  /// its length), so three themes of a dozen codes keep the main brief under 15 pages.
  static let themeQuoteWords = 30

  /// The motivation themes as the theme table counts them: from what participants said, for
  /// the themes QDAKit recognises, so the brief and the table agree.
  mutating func motivationThemes(_ table: ThemeTable) {
    for theme in table.themes where !theme.participants.isEmpty {
      let phrase = CountWording.phrase(
        theme.participants.count, of: interviewed.count, total: interviewed.count, noun: noun)
      let summary =
        corpus.codebook.code(theme.codeID)?.summary
        ?? MotivationTheme(codeID: theme.codeID)?.summary ?? "mentioned " + theme.name.lowercased()
      paragraph([
        count(
          CountWording.sentenceStart(phrase), title: "\(theme.name) — \(phrase)",
          passages: theme.passageIDs), .text(" \(summary)."),
      ])
      if theme.evidence.isEmpty {
        exemplar(theme.codeID)
      } else {
        // The sentence that voices the theme, as a coding's span would give it.
        exemplar(
          candidates: theme.evidence.compactMap { evidence in
            corpus.passage(evidence.passageID).map { passage in
              (
                passageID: evidence.passageID,
                span: TextSpan(
                  start: passage.span.start + evidence.start, end: passage.span.start + evidence.end
                )
              )
            }
          })
      }
    }
  }

  // MARK: - Time commitment and incentives

  mutating func timeCommitment(_ code: Code) {
    let table = analysis.timeCommitment
    let proto = corpus.interviewProtocol
    if let mean = table.meanHours {
      var inlines: [Inline] = [
        .text(
          "On average, the responding \(noun.plural) estimated that completing \(study.programme) took "
        )
      ]
      inlines.append(
        count(
          "\(rounded(mean)) hours", title: "Mean hours estimated (n = \(table.nEstimates))",
          passages: table.estimates.map(\.passageID)))
      let hours = table.estimates.map(\.hours)
      inlines.append(
        .text(
          " (\(CountWording.number(table.nEstimates)) estimate\(table.nEstimates == 1 ? "" : "s")"))
      if let low = hours.min(), let high = hours.max(), low != high {
        inlines.append(.text(", from \(rounded(low)) to \(rounded(high)) hours"))
      }
      inlines.append(.text(")."))
      if !table.noEstimate.isEmpty {
        inlines.append(.text(" "))
        inlines.append(
          count(
            CountWording.sentenceStart(CountWording.number(table.noEstimate.count))
              + " \(noun.form(table.noEstimate.count))",
            title: "Answered without an estimate", passages: table.noEstimate.flatMap(\.passageIDs))
        )
        inlines.append(
          .text(
            table.noEstimate.count == 1
              ? " could not give an estimate." : " could not give an estimate."))
      }
      paragraph(inlines)
      if let svg = BriefCharts.timeEstimates(table, noun: noun.plural) {
        figure(
          "time-estimates", svg,
          caption: "Figure \(figureCount + 1). Hours the \(noun.plural) estimated they spent.")
      }
    }
    if table.nJudgmentRespondents > 0 {
      let respondents = table.nJudgmentRespondents
      let asked = proto?.question(measuring: .timeJudgment)
      var inlines: [Inline] = []
      if let asked {
        inlines.append(
          .text(
            "\(CountWording.sentenceStart(study.participantsNoun)) were asked whether the amount of time required was too much, about right, or too little (\(asked.id)). Of the "
          ))
      } else {
        inlines.append(.text("Of the "))
      }
      inlines.append(
        count(
          "\(CountWording.number(respondents)) \(noun.form(respondents)) who answered this question",
          title: "Answered the time-judgment question",
          passages: table.judgments.map(\.passageID) + table.unclearJudgments.flatMap(\.passageIDs))
      )
      inlines.append(.text(", "))
      let parts = TimeJudgment.allCases.filter { table.count($0) > 0 }
      for (index, judgment) in parts.enumerated() {
        if index > 0 { inlines.append(.text(index == parts.count - 1 ? " and " : ", ")) }
        let matching = table.judgments.filter { $0.judgment == judgment }
        inlines.append(
          count(
            CountWording.number(matching.count),
            title: "Judged the time \(judgment.label.lowercased())",
            passages: matching.map(\.passageID)))
        let verb = matching.count == 1 ? "said" : "said"
        switch judgment {
        case .tooMuch: inlines.append(.text(" \(verb) that it was too much time"))
        case .aboutRight: inlines.append(.text(" \(verb) the time commitment was about right"))
        case .tooLittle: inlines.append(.text(" \(verb) it was too little"))
        }
      }
      if !table.unclearJudgments.isEmpty {
        inlines.append(.text(parts.isEmpty ? "" : ", and "))
        inlines.append(
          count(
            CountWording.number(table.unclearJudgments.count),
            title: "Answered without a clear judgment",
            passages: table.unclearJudgments.flatMap(\.passageIDs)))
        inlines.append(.text(" gave no clear judgment"))
      }
      inlines.append(.text("."))
      paragraph(inlines)
      if let tooMuch = table.judgments.first(where: { $0.judgment == .tooMuch }) {
        exemplar(passages: [tooMuch.passageID])
      }
    }
    if corpus.interviewProtocol?.question(measuring: .timeAdvice) != nil,
      !table.adviceRespondents.isEmpty
    {
      let responders = table.adviceRespondents.count
      let advisors = table.timeManagementAdvice.count
      var inlines: [Inline] = [
        .text("Asked what advice they would give others about the time commitment, ")
      ]
      let phrase = CountWording.phrase(
        advisors, of: responders, total: interviewed.count, noun: noun,
        subset: "who responded to this question")
      inlines.append(
        count(
          phrase, title: "Advised managing time — \(phrase)",
          passages: table.timeManagementAdvice.flatMap(\.passageIDs)))
      inlines.append(.text(" encouraged others to manage their time well to complete it."))
      paragraph(inlines)
      if let advice = corpus.codebook.tables.timeAdvice {
        exemplar(advice, participants: Set(table.timeManagementAdvice.map(\.participant)))
      }
    } else if let advice = corpus.codebook.tables.timeAdvice, let row = analysis.codes.row(advice),
      !row.participants.isEmpty
    {
      paragraph([
        codeCount(row, capitalized: true),
        .text(
          " \(corpus.codebook.code(advice)?.summary ?? "advised others to manage their time")."),
      ])
      exemplar(advice)
    }
  }

  mutating func incentives(_ code: Code) {
    let table = analysis.incentives
    guard table.respondents > 0 else {
      if let row = analysis.codes.row(code.id) {
        paragraph([
          codeCount(row, capitalized: true),
          .text(" \(code.summary ?? "discussed the incentives")."),
        ])
        exemplar(code.id)
      }
      return
    }
    let notMattered = table.answers.filter { $0.stance == .didNotMatter }
    let mattered = table.answers.filter { $0.stance == .mattered }
    let subset = "who responded to this question"
    var inlines: [Inline] = []
    if notMattered.count == table.respondents {
      let phrase =
        table.respondents == 1
        ? "The one \(noun.singular) \(subset)"
        : "The \(CountWording.number(table.respondents)) \(noun.plural) \(subset)"
      inlines.append(
        count(
          phrase, title: "Incentives did not matter much — all \(table.respondents) respondents",
          passages: notMattered.flatMap(\.passageIDs)))
      inlines.append(
        .text(
          " reported that, in general, incentives did not play much of a role in their choice to complete \(study.programme)."
        ))
    } else {
      let phrase = CountWording.phrase(
        notMattered.count, of: table.respondents, total: interviewed.count, noun: noun,
        subset: subset)
      inlines.append(
        count(
          CountWording.sentenceStart(phrase), title: "Incentives did not matter much — \(phrase)",
          passages: notMattered.flatMap(\.passageIDs)))
      inlines.append(.text(" said incentives did not play much of a role in their decision"))
      if !mattered.isEmpty {
        inlines.append(.text("; "))
        inlines.append(
          count(
            CountWording.number(mattered.count), title: "Incentives mattered",
            passages: mattered.flatMap(\.passageIDs)))
        inlines.append(.text(" said they mattered"))
      }
      inlines.append(.text("."))
    }
    paragraph(inlines)
    exemplar(
      passages: notMattered.count >= mattered.count
        ? notMattered.flatMap(\.passageIDs) : mattered.flatMap(\.passageIDs))
  }

  // MARK: - Tables and appendix

  mutating func tablesSection() {
    heading(1, "Tables", anchor: "tables")
    for table in analysis.tables + (contradictions?.tables ?? []) {
      heading(3, table.title, anchor: "table-\(table.id)")
      blocks.append(.table(table))
    }
  }

  mutating func appendix() {
    heading(1, "Appendix: the passages behind each count", anchor: "appendix")
    paragraph([
      .text(
        "Each entry lists the passages a count in the report rests on: participant, document, speaker, place (the time in the recording, or the speaker turn), passage number and the coded words. A count of people by their attributes lists the people and the values counted, from the participant attributes."
      )
    ])
    for reference in references {
      blocks.append(.passages(reference: reference))
    }
  }

  // MARK: - Helpers

  func firstSentence(_ text: String) -> String {
    let scalars = Array(scalarsOf: text)
    guard let first = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).first else {
      return text
    }
    return String(scalars: scalars[first])
  }

  func rounded(_ value: Double) -> String { formatNumber((value * 10).rounded() / 10) }

  func pluralize(_ word: String) -> String {
    if word.hasSuffix("y") { return String(word.dropLast()) + "ies" }
    if word.hasSuffix("s") { return word }
    return word + "s"
  }

  func trimLeadingSpace(_ inlines: [Inline]) -> [Inline] {
    guard case .text(let first)? = inlines.first, first.hasPrefix(" ") else { return inlines }
    return [.text(String(first.dropFirst()))] + inlines.dropFirst()
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    var result = Substring(self)
    while let first = result.first, set.contains(first) { result.removeFirst() }
    while let last = result.last, set.contains(last) { result.removeLast() }
    return String(result)
  }
}
