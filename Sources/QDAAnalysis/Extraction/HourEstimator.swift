import QDAText

/// How an estimate of hours was read from what someone said.
public enum HourRule: String, CaseIterable, Codable, Sendable {
  /// A total as stated: "25 hours", "about a dozen hours".
  case stated
  /// The middle of a range: "30, 35 hours", "between forty and fifty hours", "15–20 hrs".
  case rangeMidpoint = "range_midpoint"
  /// The middle of a decade said loosely: "twenty-some hours" (21 to 29) is 25.
  case approximate
  /// A rate multiplied by a duration: "two hours a week for ten weeks".
  case rateTimesDuration = "rate_times_duration"
  /// A total and blocks stated apart, added: "sixty hours… then ten more on the last video".
  case sum
}

/// One amount of time stated, and how it bears on the total.
public struct HourStatement: Hashable, Sendable, Codable {
  /// How the statement bears on the total.
  public enum Role: String, Hashable, Sendable, Codable {
    /// A total: the first one stated counts; a later different one does not replace it.
    case total
    /// A block stated apart and marked as extra ("another ten hours", "on top of that").
    case addition
    /// A second thought that replaces the total ("no, more like fifteen", "say thirty-five").
    case correction
    /// A total that sums up what came before ("so about 25 all told").
    case summary
  }

  public var hours: Double
  public var rule: HourRule
  public var role: Role
  /// The words that state it, as written.
  public var expression: String
  /// How the figure was worked out, in words ("2–3 hours a week (2.5) × 12 weeks = 30").
  public var working: String
  /// Which of the texts read it is in (0 for a single text), and where, in scalar offsets.
  public var source: Int
  public var start: Int
  public var end: Int
}

/// An estimate of hours found in what someone said.
public struct HourEstimate: Hashable, Sendable, Codable {
  /// The total in hours.
  public var hours: Double
  /// The words that stated it, as written (`two hours a week for about ten weeks`); for a sum,
  /// each part's words joined by " + ".
  public var expression: String
  /// The rule that gave the total.
  public var rule: HourRule
  /// How the total was worked out, in words.
  public var working: String
  /// The statements added up (one unless the rule is `sum`).
  public var parts: [HourStatement]
  /// Where the first part's words lie, in scalar offsets of the text it came from.
  public var start: Int
  public var end: Int
}

/// What an answer about time spent says: an estimate, a refusal to give one, a vague amount, or
/// nothing on the point.
public enum HourReading: Hashable, Sendable {
  case estimate(HourEstimate)
  /// "I have no idea", "I never counted": the words that declined, and in which text.
  case refusal(evidence: String, source: Int)
  /// "A few hours here and there": an amount too vague to count.
  case vague(evidence: String, source: Int)
  case nothing
}

/// Reads estimates of time spent from what people say.
///
/// Understands digits and number words (`15`, `fifteen`, `twenty-five`, `a dozen`, `an hour`,
/// `one and a half`); ranges at their midpoint (`15 to 20`, `15–20`, `between 20 and 25`,
/// `fifteen or twenty`, `30, 35`, `thirty, maybe thirty-five`); a decade said loosely
/// (`twenty-some`: 25); rates multiplied by durations (`two hours a week for ten weeks` → 20;
/// `an hour a night, four nights a week, for four weeks` → 16), across a sentence break; and
/// blocks marked as extra, added (`…and another ten hours on the last video`).
///
/// Only time spent counts: a rate with no duration ("two hours a week") is not a total; nor is a
/// duration that describes something else, a length given in minutes alone ("a seventy-minute
/// block", "forty-five minutes in a meeting"), a duration used as a description ("a two-hour
/// meeting"), a relative time ("two hours later"), or one said in a negated clause ("it was never
/// a case of blocking out three hours"). Vague amounts ("a few hours", "hours and hours") give no
/// estimate, nor do refusals ("I never counted").
///
/// ```swift
/// HourEstimator.estimate(in: "Maybe fifteen to twenty hours, all told.")?.hours  // 17.5
/// ```
public enum HourEstimator {
  /// The text's estimate.
  ///
  /// - Parameter bareNumbers: accept a number with no unit ("I'd say 25, give or take") when
  ///   the text answers a question about hours and states no other quantity.
  public static func estimate(in text: String, bareNumbers: Bool = false) -> HourEstimate? {
    if case .estimate(let estimate) = read([text], bareNumbers: bareNumbers) { return estimate }
    return nil
  }

  /// Every statement of time spent in the text, in order.
  public static func statements(in text: String) -> [HourStatement] {
    statements(in: Array(scalarsOf: text), range: nil, source: 0)
  }

  /// What texts answering one question about time say, read in order (an answer and the answers
  /// to follow-up questions): the statements of all of them combined, else a refusal, else a
  /// bare number (when `bareNumbers`), else a vague amount.
  ///
  /// - Parameter ranges: the part of each text to read (the answer, without a question asked
  ///   in it); the whole text when nil.
  public static func read(
    _ texts: [String], ranges: [Range<Int>?]? = nil, bareNumbers: Bool = false
  ) -> HourReading {
    read(
      texts.enumerated().map { source, text in
        let scalars = Array(scalarsOf: text)
        return (scalars, ranges?[source] ?? 0..<scalars.count)
      }, bareNumbers: bareNumbers)
  }

  /// `read(_:ranges:bareNumbers:)` over texts as scalars, each with the range to read.
  public static func read(
    _ texts: [(scalars: [Unicode.Scalar], range: Range<Int>)], bareNumbers: Bool = false
  ) -> HourReading {
    var all: [HourStatement] = []
    var vague: (String, Int)?
    for (source, (scalars, range)) in texts.enumerated() {
      all += statements(in: scalars, range: range, source: source, earlier: all.last)
      if vague == nil, let words = vagueAmount(in: scalars, range: range) {
        vague = (words, source)
      }
    }
    if let estimate = combine(all) { return .estimate(estimate) }
    // "I don't know exactly. I'd guess around twenty. Twenty, twenty-five.": a figure given
    // after a hedge is still the answer.
    if bareNumbers {
      for (source, (scalars, range)) in texts.enumerated() {
        if quantities(in: scalars, range: range).isEmpty,
          var estimate = bareNumberEstimate(scalars, range: range)
        {
          estimate.parts = estimate.parts.map {
            var part = $0; part.source = source; return part
          }
          return .estimate(estimate)
        }
      }
    }
    for (source, (scalars, range)) in texts.enumerated() {
      let text = CueText(scalars, range: range)
      if let match = refusals.firstMatch(in: text) {
        return .refusal(evidence: text.quote(match.words), source: source)
      }
    }
    if let (words, source) = vague { return .vague(evidence: words, source: source) }
    return .nothing
  }

  /// The total of statements read in order: the first total, replaced by a correction or a
  /// summing-up, with additions added; a later total that differs is taken as a detail of the
  /// first ("the video alone took eight hours") and left out.
  public static func combine(_ statements: [HourStatement]) -> HourEstimate? {
    var parts: [HourStatement] = []
    for statement in statements {
      switch statement.role {
      case .summary:
        parts = [statement]
      case .correction:
        if parts.isEmpty { parts = [statement] } else { parts[parts.count - 1] = statement }
      case .addition:
        parts.append(statement)
      case .total:
        if parts.isEmpty { parts = [statement] }
      }
    }
    guard let first = parts.first else { return nil }
    let total = rounded(parts.map(\.hours).reduce(0, +))
    guard total > 0 else { return nil }
    if parts.count == 1 {
      return HourEstimate(
        hours: total, expression: first.expression, rule: first.rule, working: first.working,
        parts: parts,
        start: first.start, end: first.end)
    }
    let working =
      parts.map { formatHours($0.hours) }.joined(separator: " + ") + " = " + formatHours(total)
    return HourEstimate(
      hours: total, expression: parts.map(\.expression).joined(separator: " + "), rule: .sum,
      working: working,
      parts: parts, start: first.start, end: first.end)
  }

  // MARK: - Statements

  /// - Parameter earlier: the last statement of the texts read before, which a bare number can
  ///   restate or add to ("Plus another four.").
  static func statements(
    in scalars: [Unicode.Scalar], range: Range<Int>?, source: Int, earlier: HourStatement? = nil
  ) -> [HourStatement] {
    let range = range ?? 0..<scalars.count
    let tokens = readingTokens(scalars, range: range)
    let found = quantities(tokens)
    var results: [HourStatement] = []
    var used = Set<Int>()
    for (index, quantity) in found.enumerated() where !used.contains(index) {
      // "four three-hour workshops", "two 90-minute calls": items of the programme counted, each
      // of a length.
      if quantity.isAdjectival, let counted = countedLengths(tokens, quantity) {
        let hours = rounded(counted.hours)
        results.append(
          HourStatement(
            hours: hours, rule: .rateTimesDuration, role: role(tokens, quantity),
            expression: String(scalars: scalars[counted.start..<counted.end]),
            working:
              "\(formatHours(counted.count)) \(counted.items) × \(describe(quantity)) = \(formatHours(hours))",
            source: source,
            start: counted.start, end: counted.end))
        continue
      }
      guard quantity.unit == .hour || quantity.unit == .minute, !quantity.isAdjectival,
        !quantity.isVague
      else { continue }
      guard !describesSomethingElse(tokens, quantity) else { continue }
      var total = quantity.unit == .minute ? quantity.value / 60 : quantity.value
      var end = quantity.end
      var per = quantity.per
      var working = describe(quantity)
      var rule: HourRule = quantity.rule
      if per != nil {
        // Multiply a rate by the counts that follow: per night × nights per week × weeks.
        var next = index + 1
        while let rate = per, next < found.count, !used.contains(next) {
          let candidate = found[next]
          guard candidate.firstToken - tokenIndex(tokens, at: end) <= 24, !candidate.isAdjectival,
            let factor = candidate.unit.count(of: rate)
          else { break }
          total *= candidate.value * factor
          working += " × " + describe(candidate)
          end = candidate.end
          used.insert(next)
          per = candidate.per
          next += 1
        }
        // Or by a duration said before it in the sentence: "over twelve weeks, two hours a week".
        if let rate = per, index > 0, !used.contains(index - 1) {
          let before = found[index - 1]
          if before.per == nil, !before.isAdjectival, let factor = before.unit.count(of: rate),
            !tokens[before.lastToken..<quantity.firstToken].contains(where: {
              $0.text == "." || $0.text == "?"
            })
              || statesTheLength(tokens, of: before, beforeSentenceOf: quantity)
          {
            total *= before.value * factor
            working = describe(before) + " × " + working
            used.insert(index - 1)
            per = nil
          }
        }
        guard per == nil else { continue }
        rule = .rateTimesDuration
      } else if quantity.isPerItem {
        // "four training days, and those were seven hours apiece": the items counted before it.
        guard let (count, words) = itemCount(tokens, before: quantity.firstToken) else { continue }
        total *= count
        working = "\(formatHours(count)) \(words) × " + working
        rule = .rateTimesDuration
      } else if quantity.unit == .minute {
        // A length in minutes alone is the length of something (a class, a meeting, a video),
        // not the time a programme took.
        continue
      }
      guard total > 0 else { continue }
      let hours = rounded(total)
      if rule != .stated || working != formatHours(hours) + " hours" {
        working += " = " + formatHours(hours)
      }
      let expressionStart = quantity.start
      results.append(
        HourStatement(
          hours: hours, rule: rule, role: role(tokens, quantity),
          expression: String(scalars: scalars[expressionStart..<end]),
          working: working, source: source, start: expressionStart, end: end))
    }
    results += restatements(
      tokens, found, after: results, earlier: earlier, scalars: scalars, source: source)
    return results.sorted { $0.start < $1.start }
  }

  /// "Thirty-odd hours. Say thirty-five.", "…plus another four": a bare number after a
  /// stated total, put as a correction or an addition in the total's unit.
  static func restatements(
    _ tokens: [Token], _ found: [Quantity], after totals: [HourStatement], earlier: HourStatement?,
    scalars: [Unicode.Scalar],
    source: Int
  ) -> [HourStatement] {
    guard !totals.isEmpty || earlier != nil else { return [] }
    var results: [HourStatement] = []
    let quantityTokens = Set(found.flatMap { Array($0.firstToken..<$0.nextToken) })
    var index = 0
    while index < tokens.count {
      let role: HourStatement.Role
      let cueEnd: Int
      if let end = correctionCue(tokens, at: index) {
        (role, cueEnd) = (.correction, end)
      } else if let end = additionCue(tokens, at: index) {
        (role, cueEnd) = (.addition, end)
      } else {
        index += 1
        continue
      }
      let numberIndex = cueEnd
      // "plus a couple for the second": a vague count, not hours to add.
      guard numberIndex < tokens.count, !quantityTokens.contains(numberIndex),
        tokens[numberIndex].text != "one",
        !["a", "couple", "few", "several"].contains(tokens[numberIndex].text),
        let (value, after) = number(tokens, at: numberIndex),
        after >= tokens.count || (Unit(tokens[after].text) == nil && tokens[after].text != "of")
      else {
        index += 1
        continue
      }
      // "…and the fourth module was closer to six": one item's length, not the total restated.
      if role == .correction, singlesOut(tokens, around: index) {
        index = after
        continue
      }
      let start = tokens[numberIndex].start
      guard let previous = totals.last(where: { $0.end <= start }) ?? earlier, value > 0,
        value < previous.hours * 3
      else {
        index = after
        continue
      }
      let end = tokens[after - 1].end
      let working =
        role == .correction
        ? "\(formatHours(value)) hours (restating \(formatHours(previous.hours)))"
        : "\(formatHours(value)) hours"
      results.append(
        HourStatement(
          hours: rounded(value), rule: .stated, role: role,
          expression: String(scalars: scalars[tokens[index].start..<end]),
          working: working, source: source, start: start, end: end))
      index = after
    }
    return results
  }

  /// The end of a cue that adds a bare number to a total ("plus another four", "an extra
  /// six"), when one starts at `index`.
  static func additionCue(_ tokens: [Token], at index: Int) -> Int? {
    let cues: [[String]] = [
      ["plus", "another"], ["plus", "an", "extra"], ["and", "another"], ["another"], ["plus"],
      ["an", "extra"], ["an", "additional"], ["add", "another"], ["add"],
    ]
    for cue in cues where index + cue.count <= tokens.count {
      if zip(cue, tokens[index..<(index + cue.count)]).allSatisfy({ $0 == $1.text }) {
        return index + cue.count
      }
    }
    return nil
  }

  /// The end of a correction cue at `index` ("call it", "make it", "more like", "closer to",
  /// "actually", "or rather"), when one starts there.
  static func correctionCue(_ tokens: [Token], at index: Int) -> Int? {
    let cues: [[String]] = [
      ["call", "it"], ["make", "it"], ["more", "like"], ["closer", "to"], ["or", "rather"],
      ["let", "'s", "say"],
    ]
    for cue in cues where index + cue.count <= tokens.count {
      if zip(cue, tokens[index..<(index + cue.count)]).allSatisfy({ $0 == $1.text }) {
        return index + cue.count
      }
    }
    return nil
  }

  /// Things of a programme that a per-item amount multiplies: "four training days", "eight
  /// sessions", "three Saturdays".
  static let countedItems: Set<String> = [
    "days", "sessions", "saturdays", "sundays", "weekends", "workshops", "modules", "meetings",
    "visits", "trainings",
    "calls", "seminars", "institutes", "webinars", "retreats", "simulations", "cycles",
  ]

  /// The count of programme items said shortly before a per-item amount, in its sentence or the
  /// one before: "four (training) days", "all eight sessions".
  static func itemCount(_ tokens: [Token], before index: Int) -> (Double, String)? {
    let sentence = sentenceBounds(tokens, around: index)
    let from =
      sentence.lowerBound > 0
      ? sentenceBounds(tokens, around: sentence.lowerBound - 1).lowerBound : sentence.lowerBound
    var cursor = index - 1
    while cursor >= max(from, index - 30) {
      // "there were five of them, an hour each"
      if ["them", "those", "these"].contains(tokens[cursor].text), cursor >= from + 2,
        tokens[cursor - 1].text == "of",
        let (value, after) = number(tokens, at: cursor - 2), after == cursor - 1, value >= 2,
        value <= 60
      {
        return (value, "of " + tokens[cursor].text)
      }
      if countedItems.contains(tokens[cursor].text) {
        // The number a few words before the noun ("four days", "four in-person training days"),
        // with no clause break between.
        for gap in 1...4 where cursor - gap >= from {
          let between = tokens[(cursor - gap + 1)..<cursor]
          guard !between.contains(where: { $0.kind == .punctuation && $0.text != "-" }) else {
            break
          }
          if let (value, after) = number(tokens, at: cursor - gap), after == cursor - gap + 1,
            value >= 2, value <= 60
          {
            return (
              value,
              between.filter { $0.kind != .punctuation }.map(\.text).joined(separator: " ")
                + (between.isEmpty ? "" : " ") + tokens[cursor].text
            )
          }
        }
      }
      cursor -= 1
    }
    return nil
  }

  /// A count of programme items each of a stated length, around a duration used as an
  /// adjective: "four three-hour workshops" (12 hours), "two 90-minute calls" (3). Nil for a
  /// single item ("a two-hour meeting") or an item that is not the programme's.
  static func countedLengths(_ tokens: [Token], _ quantity: Quantity)
    -> (hours: Double, count: Double, items: String, start: Int, end: Int)?
  {
    guard quantity.unit == .hour || quantity.unit == .minute, quantity.per == nil,
      quantity.firstToken > 0,
      quantity.nextToken < tokens.count
    else { return nil }
    // The item right after the length, or one word later ("three-hour tabletop sessions").
    var itemIndex = quantity.nextToken
    if !countedItems.contains(tokens[itemIndex].text), itemIndex + 1 < tokens.count,
      tokens[itemIndex].kind == .word
    {
      itemIndex += 1
    }
    guard countedItems.contains(tokens[itemIndex].text) else { return nil }
    // The count right before the length: "four", "4", "all four".
    var countStart = quantity.firstToken - 1
    while countStart > 0, tokens[countStart].kind != .word && tokens[countStart].kind != .number {
      countStart -= 1
    }
    guard let (count, after) = number(tokens, at: countStart),
      after == quantity.firstToken || after == countStart + 1,
      count >= 2, count <= 60
    else { return nil }
    let length = quantity.unit == .minute ? quantity.value / 60 : quantity.value
    return (
      count * length, count, tokens[itemIndex].text, tokens[countStart].start, tokens[itemIndex].end
    )
  }

  /// Words at the start of a sentence that set what it says apart from what came before:
  /// "Then separately…", "And then the plan was its own thing."
  static let apartMarkers: Set<String> = ["then", "separately", "plus", "also", "additionally"]

  /// Whether a sentence before `start` (with no time stated since) opens a part set apart: "And
  /// then the plan was its own thing. I did it over a weekend, twelve hours."
  static func startsApart(_ tokens: [Token], before start: Int) -> Bool {
    // The sentences before, back to an amount of time or the start of the answer: "That was on
    // top. Planning it, running it. Call it ten hours."
    var end = start
    while end > 0 {
      let previous = sentenceBounds(tokens, around: end - 1)
      let words = tokens[previous].map(\.text)
      if words.contains(where: { Unit($0) == .hour || Unit($0) == .minute }) { return false }
      if words.prefix(3).contains(where: apartMarkers.contains)
        || words.contains(where: ["separately", "separate", "extra"].contains)
        || zip(words, words.dropFirst()).contains(where: { $0 == "on" && $1 == "top" })
      {
        return true
      }
      end = previous.lowerBound
      // (Past the sentence mark before it.)
      if end > 0 { end -= 1 }
    }
    return false
  }

  /// How a statement bears on the total, from the words around it.
  static func role(_ tokens: [Token], _ quantity: Quantity) -> HourStatement.Role {
    if quantity.isMarkedExtra { return .addition }
    let sentence = sentenceBounds(tokens, around: quantity.firstToken)
    let before = tokens[sentence.lowerBound..<quantity.firstToken].map(\.text)
    let after = tokens[quantity.nextToken..<sentence.upperBound].map(\.text)
    func has(_ words: [String], in list: [String]) -> Bool {
      guard words.count <= list.count else { return false }
      return (0...(list.count - words.count)).contains {
        Array(list[$0..<($0 + words.count)]) == words
      }
    }
    let near = Array(before.suffix(6))
    // "So call it forty hours.": a sentence that opens by naming the whole sums up, even after
    // a part set apart ("and the notes, another four or so").
    let opening = before.filter { $0 != "," }
    let approximate: Set<String> = [
      "about", "maybe", "probably", "roughly", "around", "like", "um", "uh", "yeah",
    ]
    if opening.first == "so", has(["call", "it"], in: opening),
      opening.dropFirst().allSatisfy({ approximate.contains($0) || $0 == "call" || $0 == "it" })
    {
      return .summary
    }
    if has(["on", "top"], in: after) || has(["on", "top"], in: near)
      || has(["on", "top", "of"], in: before)
      || has(["in", "addition"], in: before) || has(["beyond", "that"], in: before)
      || after.contains("besides") || has(["as", "well"], in: after)
      || near.contains(where: {
        ["plus", "another", "additional", "extra", "besides"].contains($0)
      })
      || has(["then", "another"], in: before) || before.contains("separately")
      || before.prefix(3).contains(where: apartMarkers.contains)
      || has(["its", "own"], in: before) || has(["a", "separate"], in: before)
      || startsApart(tokens, before: sentence.lowerBound)
    {
      return .addition
    }
    if has(["more", "like"], in: near) || has(["closer", "to"], in: near)
      || has(["call", "it"], in: near)
      || has(["make", "it"], in: near) || has(["or", "rather"], in: near)
      || near.first == "no" && near.contains("actually")
      || has(["no", ","], in: near) || near.contains("actually")
    {
      // "The fourth module was closer to six hours": one item's length, a detail of the total,
      // not a correction of it.
      return singlesOut(tokens, around: quantity.firstToken) ? .total : .correction
    }
    // "So, thirty hours or so?", "So maybe thirty hours.": a sentence that opens by summing up.
    let sumsUp =
      opening.first == "so" && opening.count <= 3
      && opening.dropFirst().allSatisfy(approximate.contains)
    if has(["all", "told"], in: before + after) || has(["in", "total"], in: before + after)
      || has(["all", "in"], in: before)
      || has(["in", "all"], in: after) || (before + after).contains("altogether")
      || (before + after).contains("total")
      || has(["all", "together"], in: after) || sumsUp
    {
      return .summary
    }
    return .total
  }

  /// Whether the words around a quantity show it measures something other than time spent on
  /// the work: a relative time, another activity, a negated clause.
  static func describesSomethingElse(_ tokens: [Token], _ quantity: Quantity) -> Bool {
    // Relative times: "two hours later", "an hour early", "an hour away".
    if quantity.nextToken < tokens.count, relativeWords.contains(tokens[quantity.nextToken].text) {
      return true
    }
    // Pieces, not a total: "a half hour here, twenty minutes there".
    if quantity.nextToken < tokens.count,
      ["here", "there"].contains(tokens[quantity.nextToken].text)
    {
      return true
    }
    // A way travelled: "an hour each way", "forty minutes one way", "two hours round trip".
    let following = tokens[quantity.nextToken..<min(tokens.count, quantity.nextToken + 3)].map(
      \.text)
    if following.starts(with: ["each", "way"]) || following.starts(with: ["one", "way"])
      || following.starts(with: ["round", "trip"])
      || following.first == "roundtrip"
    {
      return true
    }
    let clause = clauseBounds(tokens, around: quantity.firstToken)
    let words = tokens[clause].filter { $0.kind != .punctuation }.map(\.text)
    // An activity taken out of the figure ("call it six hours once you take out lunch and the
    // drive") is not what it measures.
    let described = words.indices.contains { position in
      otherActivities.contains(words[position])
        && !words[max(0, position - 6)..<position].contains { exclusionWords.contains($0) }
    }
    if described { return true }
    // A relative clause describes the noun before it: "not counting the drive, which is an hour".
    if let first = words.first, first == "which" || first == "that", clause.lowerBound >= 2 {
      let previous = clauseBounds(tokens, around: clause.lowerBound - 2)
      if tokens[previous].contains(where: { otherActivities.contains($0.text) }) { return true }
    }
    // A negation in the clause before the number, unless it is about knowing ("I don't think
    // it was more than 20 hours") or bounds the figure ("not even ten hours").
    var cursor = quantity.firstToken - 1
    var distance = 0
    var aboutKnowing = false
    while cursor >= clause.lowerBound, distance < 7 {
      let word = tokens[cursor].text
      if knowingWords.contains(word) { aboutKnowing = true }
      if CueText.negations.contains(word) {
        let next = cursor + 1 < tokens.count ? tokens[cursor + 1].text : ""
        if aboutKnowing || ["even", "more", "less", "quite", "over", "under"].contains(next) {
          return false
        }
        return true
      }
      cursor -= 1
      distance += 1
    }
    return false
  }

  static let relativeWords: Set<String> = [
    "ago", "later", "earlier", "early", "late", "away", "left", "behind", "apart", "before",
    "after",
  ]
  /// Words in a clause that show a duration belongs to something else: a meeting, a commute,
  /// a game, a call.
  static let otherActivities: Set<String> = [
    "meeting", "meetings", "commute", "commuting", "drive", "driving", "drove", "ride", "bus",
    "buses", "lunch",
    "recess", "game", "games", "flight", "shift", "shifts", "nap", "sleep", "vacation",
    "appointment", "appointments",
    "assembly", "duty", "conference", "conferences", "phone", "traffic",
  ]
  /// Words that take an activity out of a figure: "minus the drive", "not counting lunch",
  /// "between meetings".
  static let exclusionWords: Set<String> = [
    "out", "minus", "excluding", "without", "counting", "subtract", "subtracting", "less", "except",
    "deduct", "deducting",
    // "another ten hours between meetings": time outside them.
    "between",
  ]
  static let knowingWords: Set<String> = [
    "know", "sure", "remember", "think", "say", "count", "counted", "track", "tracked", "guess",
  ]

  /// Token indices of the clause (between `,` `;` `.` `?` `!` `—` or `(`) around a token.
  static func clauseBounds(_ tokens: [Token], around index: Int) -> Range<Int> {
    bounds(tokens, around: index, marks: [",", ";", ".", "?", "!", "\u{2014}", "(", ")", ":"])
  }

  /// Words that single out one item of several ("the fourth module", "the last one").
  static let ordinals: Set<String> = [
    "first", "second", "third", "fourth", "fifth", "sixth", "last", "final",
  ]

  /// Whether the clause around a token is about one item of several: an ordinal ("the fourth
  /// module") or "one of".
  static func singlesOut(_ tokens: [Token], around index: Int) -> Bool {
    let clause = tokens[clauseBounds(tokens, around: index)].map(\.text)
    return clause.contains(where: ordinals.contains)
      || zip(clause, clause.dropFirst()).contains { $0 == "one" && $1 == "of" }
  }

  static func sentenceBounds(_ tokens: [Token], around index: Int) -> Range<Int> {
    bounds(tokens, around: index, marks: [".", "?", "!"])
  }

  private static func bounds(_ tokens: [Token], around index: Int, marks: Set<String>) -> Range<Int>
  {
    var lower = index
    while lower > 0,
      !(tokens[lower - 1].kind == .punctuation && marks.contains(tokens[lower - 1].text))
    { lower -= 1 }
    var upper = index
    while upper < tokens.count,
      !(tokens[upper].kind == .punctuation && marks.contains(tokens[upper].text))
    { upper += 1 }
    return lower..<upper
  }

  private static func tokenIndex(_ tokens: [Token], at offset: Int) -> Int {
    tokens.firstIndex { $0.start >= offset } ?? tokens.count
  }

  // MARK: - Quantities

  enum Unit: Equatable {
    case hour, minute, day, night, week, weekend, month, session, other

    init?(_ word: String) {
      switch word {
      case "hour", "hours", "hr", "hrs", "h": self = .hour
      case "minute", "minutes", "min", "mins": self = .minute
      case "day", "days", "weekday", "weekdays", "morning", "mornings", "afternoon", "afternoons":
        self = .day
      case "night", "nights", "evening", "evenings": self = .night
      case "week", "weeks": self = .week
      case "weekend", "weekends", "saturday", "saturdays", "sunday", "sundays", "monday", "mondays",
        "tuesday",
        "tuesdays", "wednesday", "wednesdays", "thursday", "thursdays", "friday", "fridays":
        self = .weekend
      case "month", "months": self = .month
      case "session", "sessions", "sitting", "sittings": self = .session
      case "year", "years", "percent", "people", "teachers", "staff", "students", "kids", "times",
        "pages",
        "modules", "tasks", "assignments", "districts", "schools", "words", "dollars", "credits",
        "units",
        "semesters", "o'clock", "am", "pm", "families", "principals":
        self = .other
      default: return nil
      }
    }

    /// How many `rate` units one of these units holds, when it can count them.
    func count(of rate: Unit) -> Double? {
      switch (self, rate) {
      case _ where self == rate: 1
      case (.week, .day), (.week, .night): 7
      case (.week, .weekend), (.month, .weekend): self == .week ? 1 : 4
      case (.month, .week): 4
      case (.month, .day), (.month, .night): 30
      default: nil
      }
    }
  }

  struct Quantity {
    var value: Double
    /// The range the value is the middle of, when one was said.
    var range: (low: Double, high: Double)?
    var unit: Unit
    /// "a week" in "two hours a week".
    var per: Unit?
    var start: Int
    var end: Int
    /// Token indices: the first token, the last number token, and the one after the quantity.
    var firstToken: Int
    var lastToken: Int
    var nextToken: Int
    /// "a two-hour meeting": a duration describing something.
    var isAdjectival = false
    /// "a few hours".
    var isVague = false
    /// "twenty-some hours".
    var isApproximate = false
    /// "ten more hours".
    var isMarkedExtra = false
    /// "seven hours apiece", "three hours each": an amount per item counted before it.
    var isPerItem = false

    var rule: HourRule { isApproximate ? .approximate : range != nil ? .rangeMidpoint : .stated }
  }

  static func describe(_ quantity: Quantity) -> String {
    var figure = formatHours(quantity.value)
    if let range = quantity.range {
      figure = "\(formatHours(range.low))–\(formatHours(range.high)) (\(figure))"
    } else if quantity.isApproximate {
      figure = "\(formatHours(quantity.value - 5))-some (\(figure))"
    }
    var text = "\(figure) \(name(of: quantity.unit, plural: true))"
    if let per = quantity.per { text += " a " + name(of: per, plural: false) }
    if quantity.isPerItem { text += " each" }
    return text
  }

  static func name(of unit: Unit, plural: Bool) -> String {
    let singular: String
    switch unit {
    case .hour: singular = "hour"
    case .minute: singular = "minute"
    case .day: singular = "day"
    case .night: singular = "night"
    case .week: singular = "week"
    case .weekend: singular = "weekend"
    case .month: singular = "month"
    case .session: singular = "session"
    case .other: return ""
    }
    return plural ? singular + "s" : singular
  }

  /// Tokens the quantities are read from: words, numbers, and the punctuation that matters
  /// (range marks, clause and sentence breaks, `+`).
  static func readingTokens(_ scalars: [Unicode.Scalar], range: Range<Int>) -> [Token] {
    Tokenizer.tokens(in: scalars, range: range).filter {
      $0.kind != .punctuation || isRangeMark($0.text)
        || [",", ".", "?", "!", ";", ":", "+", "(", ")", "/"].contains($0.text)
    }
  }

  /// Number-unit pairs in order: "two hours a week", "ten weeks", "90 minutes".
  static func quantities(in scalars: [Unicode.Scalar], range: Range<Int>? = nil) -> [Quantity] {
    quantities(readingTokens(scalars, range: range ?? 0..<scalars.count))
  }

  static func quantities(_ tokens: [Token]) -> [Quantity] {
    var result: [Quantity] = []
    var index = 0
    while index < tokens.count {
      if let vague = vagueQuantity(tokens, at: index) {
        result.append(vague)
        index = vague.nextToken
        continue
      }
      guard let (value, afterNumber, range) = numberOrRange(tokens, at: index) else {
        index += 1
        continue
      }
      var unitIndex = afterNumber
      var approximate = false
      var extra = false
      var hyphenated = false
      // Hedges and marks between the number and its unit: "20 or so hours", "twenty-some
      // hours", "ten more hours", "20+ hours", "a two-hour meeting".
      while unitIndex < tokens.count, unitIndex - afterNumber < 3 {
        let word = tokens[unitIndex].text
        if ["some", "odd", "something"].contains(word), range == nil, value >= 20, value < 100,
          value.truncatingRemainder(dividingBy: 10) == 0
        {
          approximate = true
        } else if word == "more" || word == "extra" || word == "additional" {
          extra = true
        } else if isRangeMark(word), unitIndex + 1 < tokens.count,
          Unit(tokens[unitIndex + 1].text) != nil
        {
          hyphenated = true
        } else if ![
          "or", "so", "ish", "plus", "+", "-", "odd", "some", "solid", "full", "straight", "total",
        ].contains(word) {
          break
        }
        unitIndex += 1
      }
      guard unitIndex < tokens.count, let unit = Unit(tokens[unitIndex].text) else {
        index = afterNumber
        continue
      }
      var end = tokens[unitIndex].end
      var next = unitIndex + 1
      var total = approximate ? value + 5 : value
      var spokenRange = range
      // "an hour and a half"
      if next + 2 < tokens.count, tokens[next].text == "and", tokens[next + 1].text == "a",
        tokens[next + 2].text == "half"
      {
        total += 0.5
        end = tokens[next + 2].end
        next += 3
      }
      // A description, not an amount: "a two-hour meeting", "a 70 minute block".
      let unitWord = tokens[unitIndex].text
      let isSingularUnit = unitWord == "hour" || unitWord == "minute"
      var adjectival = hyphenated
      if isSingularUnit, value != 1 || hyphenated, next < tokens.count, tokens[next].kind == .word,
        !followingWords.contains(tokens[next].text), Unit(tokens[next].text) == nil
      {
        adjectival = true
      }
      // A second thought as a bare number: "thirty hours, maybe thirty-five", "an hour or two"
      // are ranges.
      if !approximate, let (revised, after) = revision(tokens, at: next), revised > value,
        revised <= value * 3,
        after >= tokens.count || Unit(tokens[after].text) == nil || Unit(tokens[after].text) == unit
      {
        spokenRange = (value, revised)
        total = (value + revised) / 2
        end = tokens[after - 1].end
        if after < tokens.count, Unit(tokens[after].text) == unit {
          end = tokens[after].end
          next = after + 1
        } else {
          next = after
        }
      }
      var per: Unit?
      // "a week", "per night", "each evening", "every week", "every Saturday", "a night"
      if next < tokens.count {
        let word = tokens[next].text
        if ["a", "an", "per", "each", "every", "/"].contains(word), next + 1 < tokens.count,
          let rate = Unit(tokens[next + 1].text), rate != .other
        {
          per = rate
          end = tokens[next + 1].end
          next += 2
        } else if rateQualifiers.contains(word), next + 1 < tokens.count,
          let rate = Unit(tokens[next + 1].text), rate != .other
        {
          // "two hours most weeks", "three hours some nights": a rate, not a total.
          per = rate
          end = tokens[next + 1].end
          next += 2
        } else if word == "weekly" || word == "nightly" || word == "daily" {
          per = word == "weekly" ? .week : word == "nightly" ? .night : .day
          end = tokens[next].end
          next += 1
        }
      }
      // "A typical week was maybe two hours", "each night, about forty minutes": the rate said
      // before the amount.
      if per == nil, !adjectival, unit == .hour || unit == .minute,
        let rate = rateBefore(tokens, index)
      {
        per = rate
      }
      // "six hours, once you take out lunch, once a month": a length repeated at a rate said
      // later in the sentence, with no other number between.
      if per == nil, !adjectival, unit == .hour || unit == .minute {
        var look = next
        while look < min(tokens.count, next + 14), ![".", "?", "!"].contains(tokens[look].text),
          tokens[look].kind != .number,
          numberOrRange(tokens, at: look) == nil || tokens[look].text == "once"
        {
          if tokens[look].text == "once", look + 2 < tokens.count,
            ["a", "an", "per", "every"].contains(tokens[look + 1].text),
            let rate = Unit(tokens[look + 2].text), rate != .other
          {
            per = rate
            next = look + 3
            break
          }
          look += 1
        }
      }
      // "seven hours apiece", "three hours each" (not "each week", a rate above).
      var perItem = false
      if per == nil, next < tokens.count,
        tokens[next].text == "apiece" || tokens[next].text == "each"
      {
        perItem = true
        end = tokens[next].end
        next += 1
      }
      var quantity = Quantity(
        value: total, range: spokenRange, unit: unit, per: per, start: tokens[index].start,
        end: end, firstToken: index,
        lastToken: unitIndex, nextToken: next)
      quantity.isAdjectival = adjectival
      quantity.isApproximate = approximate
      quantity.isMarkedExtra = extra
      quantity.isPerItem = perItem
      result.append(quantity)
      index = next
    }
    return result
  }

  /// Whether a duration is the length of the programme, said in the short sentence just before
  /// the one with a rate: "It ran twelve weeks. A typical week was two hours."
  static func statesTheLength(
    _ tokens: [Token], of duration: Quantity, beforeSentenceOf rate: Quantity
  ) -> Bool {
    let sentence = sentenceBounds(tokens, around: duration.firstToken)
    let next = sentenceBounds(tokens, around: rate.firstToken)
    guard next.lowerBound == sentence.upperBound + 1,
      tokens[sentence].filter({ $0.kind == .word }).count <= 10
    else { return false }
    let words = Set(tokens[sentence].map(\.text))
    return !words.isDisjoint(with: [
      "ran", "runs", "lasted", "lasts", "long", "spanned", "was", "is",
    ])
      && !words.isDisjoint(with: [
        "it", "course", "program", "programme", "credential", "thing", "whole", "module", "modules",
      ])
  }

  /// The rate a period names just before an amount: "a (typical) week was (maybe)", "each
  /// night, about", "per session it was"; nil when anything else comes between.
  static func rateBefore(_ tokens: [Token], _ index: Int) -> Unit? {
    var look = index - 1
    while look >= 0, look >= index - 6, linkingWords.contains(tokens[look].text) { look -= 1 }
    // (One period, not several: "a week", not "the weeks".)
    guard look >= 1, let rate = Unit(tokens[look].text),
      ![.other, .hour, .minute, .session, .weekend].contains(rate),
      !tokens[look].text.hasSuffix("s")
    else { return nil }
    var opener = look - 1
    while opener >= 0, opener >= look - 3, periodAdjectives.contains(tokens[opener].text) {
      opener -= 1
    }
    guard opener >= 0, ["a", "an", "each", "every", "per"].contains(tokens[opener].text) else {
      return nil
    }
    // "In a week it was…" and "a week was…" are rates; "for a week, two hours" is a duration.
    if opener > 0, ["for", "over", "within", "after"].contains(tokens[opener - 1].text) {
      return nil
    }
    return rate
  }

  /// Words between a period and its amount: "was maybe", "it 's about", ", roughly".
  static let linkingWords: Set<String> = [
    "was", "is", "'s", "were", "it", "that", "be", "would", "'d", "about", "around", "maybe",
    "probably", "roughly",
    "like", "usually", "typically", "say", "i", "um", "uh", ",", "-", "—", "–", "or", "so", "just",
    "under", "over",
    "ran", "runs", "took", "takes", "came", "comes", "to",
  ]
  /// Words that describe which period: "a typical week", "a pretty normal week".
  static let periodAdjectives: Set<String> = [
    "typical", "normal", "usual", "average", "regular", "ordinary", "standard", "pretty", "good",
    "bad", "busy", "slow",
    "given", "single",
  ]

  /// Words before a unit that make a duration a rate: "most weeks", "some nights".
  static let rateQualifiers: Set<String> = [
    "most", "many", "some", "those", "these", "other", "alternate", "good", "busy", "slow",
  ]

  /// Words that can follow a duration that is an amount ("an hour a night", "one hour total"),
  /// as opposed to a noun it describes ("a two-hour meeting").
  static let followingWords: Set<String> = [
    "a", "an", "per", "each", "every", "of", "on", "for", "over", "in", "to", "at", "and", "or",
    "total", "tops",
    "max", "maybe", "so", "long", "here", "there", "after", "before", "that", "this", "the", "into",
    "with", "just",
    "i", "it", "probably", "easy", "easily", "roughly", "about", "give", "plus", "more", "less",
    "minimum",
    "maximum", "is", "was", "were", "'s", "altogether", "all", "then", "but", "which", "because",
    "when", "if",
    "ago", "later", "away", "left", "early", "late", "straight", "like", "around", "from", "by",
    "until", "till",
    "we", "you", "he", "she", "they", "my", "our", "your", "weekly", "nightly", "daily", "too",
    "outside", "last",
    "next", "off", "up", "down", "out", "back", "worth", "apiece", "not",
  ]

  /// "a few hours", "several hours", "hours and hours": an amount of hours with no figure.
  static func vagueQuantity(_ tokens: [Token], at index: Int) -> Quantity? {
    let word = tokens[index].text
    var after = index
    if word == "a", index + 1 < tokens.count,
      ["few", "bunch", "lot", "ton", "couple"].contains(tokens[index + 1].text)
    {
      guard tokens[index + 1].text != "couple" else { return nil }
      after = index + 2
      if after < tokens.count, tokens[after].text == "of" { after += 1 }
    } else if [
      "several", "many", "some", "countless", "lots", "hundreds", "dozens", "endless", "few",
    ].contains(word) {
      after = index + 1
      if after < tokens.count, tokens[after].text == "of" { after += 1 }
    } else {
      return nil
    }
    guard after < tokens.count, ["hours", "hour"].contains(tokens[after].text) else { return nil }
    var quantity = Quantity(
      value: 0, unit: .hour, start: tokens[index].start, end: tokens[after].end, firstToken: index,
      lastToken: after,
      nextToken: after + 1)
    quantity.isVague = true
    return quantity
  }

  /// The words of the first vague amount of hours in a text ("a few hours"), if it has one and
  /// no figure of hours.
  static func vagueAmount(in scalars: [Unicode.Scalar], range: Range<Int>) -> String? {
    let tokens = readingTokens(scalars, range: range)
    for index in tokens.indices {
      if let vague = vagueQuantity(tokens, at: index) {
        return String(scalars: scalars[vague.start..<vague.end])
      }
      if tokens[index].text == "hours", index + 2 < tokens.count, tokens[index + 1].text == "and",
        tokens[index + 2].text == "hours"
      {
        return String(scalars: scalars[tokens[index].start..<tokens[index + 2].end])
      }
    }
    return nil
  }

  /// A number at `index` (digits or words), or a range of two and its middle, and the index
  /// after it.
  ///
  /// - Parameter bare: a comma joins a range even with no unit after it ("Twenty, twenty-five.").
  static func numberOrRange(_ tokens: [Token], at index: Int, bare: Bool = false) -> (
    Double, Int, (low: Double, high: Double)?
  )? {
    var start = index
    var between = false
    if tokens[index].text == "between" {
      between = true
      start += 1
    }
    guard start < tokens.count, let (first, afterFirst) = single(tokens, at: start) else {
      return nil
    }
    // A range: 15-20, 15 to 20, fifteen or twenty, between 20 and 25, "30, 35", "two, three".
    if afterFirst + 1 < tokens.count {
      let joiner = tokens[afterFirst].text
      let isJoiner =
        isRangeMark(joiner) || joiner == "to" || (joiner == "or" && !between)
        || (joiner == "and" && between)
        || (joiner == "," && !between)
      var secondIndex = afterFirst + 1
      // "30, maybe 35", "fifteen or maybe twenty"
      if isJoiner, secondIndex < tokens.count,
        ["maybe", "perhaps", "possibly", "probably"].contains(tokens[secondIndex].text)
      {
        secondIndex += 1
      }
      if isJoiner, secondIndex < tokens.count,
        let (second, afterSecond) = single(tokens, at: secondIndex), second > first,
        second <= max(first * 3, first + 10)
      {
        // A comma joins a range only when the unit comes straight after: "30, 35 hours".
        let unitFollows =
          afterSecond < tokens.count && Unit(tokens[afterSecond].text) != nil
          || (afterSecond + 1 < tokens.count && ["or", "so"].contains(tokens[afterSecond].text))
        if joiner != "," || unitFollows || bare {
          return ((first + second) / 2, afterSecond, (first, second))
        }
      }
    }
    return between ? nil : (first, afterFirst, nil)
  }

  /// A number at `index` and the index after it (for callers that do not need ranges).
  static func number(_ tokens: [Token], at index: Int) -> (Double, Int)? {
    numberOrRange(tokens, at: index).map { ($0.0, $0.1) }
  }

  /// One number: digits, number words (`twenty-five`), `a dozen`, `an hour`'s `an`.
  static func single(_ tokens: [Token], at index: Int) -> (Double, Int)? {
    let token = tokens[index]
    if token.kind == .number { return Double(token.text).map { ($0, index + 1) } }
    guard token.kind == .word else { return nil }
    // "an hour", "for a month" → one ("a week" after a number is a rate, read with it)
    if token.text == "an" || token.text == "a", index + 1 < tokens.count,
      let unit = Unit(tokens[index + 1].text), unit != .other
    {
      return (1, index + 1)
    }
    // "a few" is vague, not three.
    if token.text == "a", index + 1 < tokens.count, tokens[index + 1].text == "few" { return nil }
    // Words, with hyphens between them dropped: "twenty - five".
    var words: [String] = []
    var positions: [Int] = []
    var cursor = index
    while cursor < tokens.count, words.count < 7 {
      if tokens[cursor].kind == .punctuation {
        if isRangeMark(tokens[cursor].text), !words.isEmpty, cursor + 1 < tokens.count,
          NumberWords.simple(tokens[cursor + 1].text).map({ $0 < 10 }) == true,
          NumberWords.simple(words.last ?? "").map({ $0 >= 20 }) == true
        {
          cursor += 1
          continue
        }
        break
      }
      words.append(tokens[cursor].text)
      positions.append(cursor)
      cursor += 1
    }
    guard let (value, length) = NumberWords.value(of: words), length > 0 else { return nil }
    return (value, positions[length - 1] + 1)
  }

  /// ", maybe thirty-five", "or maybe 35", "perhaps forty": a revised upper figure.
  static func revision(_ tokens: [Token], at index: Int) -> (Double, Int)? {
    var cursor = index
    if cursor < tokens.count, tokens[cursor].text == "," { cursor += 1 }
    var hedged = false
    while cursor < tokens.count,
      ["maybe", "or", "perhaps", "possibly", "probably"].contains(tokens[cursor].text),
      cursor - index < 4
    {
      hedged = true
      cursor += 1
    }
    guard hedged, cursor < tokens.count, let (value, after) = single(tokens, at: cursor) else {
      return nil
    }
    return (value, after)
  }

  static func isRangeMark(_ text: String) -> Bool {
    text == "-" || text == "\u{2013}" || text == "\u{2014}" || text == "~"
  }

  // MARK: - Refusals and bare numbers

  /// Ways of declining to give a figure.
  static let refusals = CueLexicon([
    "no idea", "no clue", "do n't know", "did n't know", "could n't say|tell|guess",
    "can n't|not say|tell|guess",
    "can n't|not really say", "could n't really say", "never counted|tracked|logged|timed",
    "never kept track",
    "did n't count|track|log|time", "did n't keep track", "do n't count|track|log",
    "stopped|quit counting|tracking|logging", "lost track", "make|making up a number", "made up",
    "out of thin air", "out of the air", "pull a number", "just guessing", "hard to say",
    "impossible to say", "no way to know", "would n't want to guess",
    "not going to guess", "wo n't guess", "rather not say", "pass on that", "not sure",
    "have no sense", "no number",
    "put a number on", "give you a number", "rather not guess",
  ])

  /// "I'd say 25, give or take": a bare number (or range) given for hours, in a text stating no
  /// other quantity. Several figures count when each refines the one before ("around twenty.
  /// Twenty, twenty-five."): the last one.
  static func bareNumberEstimate(_ scalars: [Unicode.Scalar], range: Range<Int>) -> HourEstimate? {
    let tokens = readingTokens(scalars, range: range)
    var found: [(value: Double, range: (low: Double, high: Double)?, start: Int, end: Int)] = []
    var index = 0
    while index < tokens.count {
      if tokens[index].kind == .number || tokens[index].kind == .word,
        let (value, after, spoken) = numberOrRange(tokens, at: index, bare: true)
      {
        let isWordNumber = tokens[index].kind == .word
        // Number words are common in speech ("one of", "a few"); take only clear quantities.
        // A time of day ("at eleven") or a year is not one.
        let previous = index > 0 ? tokens[index - 1].text : ""
        // Nor is the tail of a larger spoken figure ("two thousand twelve", a year).
        if !isWordNumber || value >= 5, value >= 1, value <= 300,
          !["at", "in", "since", "by", "til", "until"].contains(previous),
          !["thousand", "hundred"].contains(previous),
          after >= tokens.count || tokens[after].text != ":"
        {
          found.append((value, spoken, tokens[index].start, tokens[after - 1].end))
        }
        index = after
      } else {
        index += 1
      }
    }
    guard let last = found.last else { return nil }
    let (low, high) = last.range ?? (last.value, last.value)
    guard found.dropLast().allSatisfy({ $0.value >= low && $0.value <= high }) else { return nil }
    let expression = String(scalars: scalars[last.start..<last.end])
    let rule: HourRule = last.range == nil ? .stated : .rangeMidpoint
    let figure =
      last.range.map {
        "\(formatHours($0.low))–\(formatHours($0.high)) (\(formatHours(last.value)))"
      } ?? formatHours(last.value)
    let part = HourStatement(
      hours: last.value, rule: rule, role: .total, expression: expression,
      working: "\(figure), a number given for hours", source: 0, start: last.start, end: last.end)
    return HourEstimate(
      hours: last.value, expression: expression, rule: rule, working: part.working, parts: [part],
      start: last.start, end: last.end)
  }

  // MARK: - Formatting

  static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

  /// "2.5", "30": a figure without a needless decimal part.
  static func formatHours(_ value: Double) -> String {
    let rounded = rounded(value)
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(rounded)
  }
}
