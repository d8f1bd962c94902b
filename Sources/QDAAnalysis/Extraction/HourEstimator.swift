import QDAText

/// An estimate of hours found in an answer.
public struct HourEstimate: Hashable, Sendable, Codable {
  /// The total in hours.
  public var hours: Double
  /// The words that stated it, as written (`two hours a week for about ten weeks`).
  public var expression: String
  /// Where the words lie, in scalar offsets of the text read.
  public var start: Int
  public var end: Int
}

/// Reads estimates of time spent from what people say.
///
/// Understands digits and number words (`15`, `fifteen`, `twenty-five`, `a dozen`, `an hour`,
/// `one and a half`), ranges (`15 to 20`, `15–20`, `between 20 and 25`, `fifteen or twenty`:
/// the midpoint), minutes, and rates multiplied out (`two hours a week for ten weeks` → 20;
/// `an hour a night, four nights a week, for four weeks` → 16). A rate with no duration
/// ("two hours a week") is not a total and gives no estimate; nor does "I couldn't say".
///
/// ```swift
/// HourEstimator.estimate(in: "Maybe fifteen to twenty hours, all told.")?.hours  // 17.5
/// ```
public enum HourEstimator {
  /// The answer's estimate: the last total it states (people correct themselves: "maybe ten…
  /// no, more like fifteen hours").
  ///
  /// - Parameter bareNumbers: accept a number with no unit ("I'd say 25, give or take") when
  ///   the text answers a question about hours and states no other quantity.
  public static func estimate(in text: String, bareNumbers: Bool = false) -> HourEstimate? {
    let scalars = Array(scalarsOf: text)
    let quantities = Self.quantities(in: scalars)
    if let last = estimates(scalars, quantities).last { return last }
    return bareNumbers && quantities.isEmpty ? bareNumberEstimate(scalars) : nil
  }

  /// Every total the text states, in order.
  public static func estimates(in text: String) -> [HourEstimate] {
    let scalars = Array(scalarsOf: text)
    return estimates(scalars, quantities(in: scalars))
  }

  /// The totals stated by `quantities`, the quantities of `scalars`.
  static func estimates(_ scalars: [Unicode.Scalar], _ quantities: [Quantity]) -> [HourEstimate] {
    var results: [HourEstimate] = []
    var used = Set<Int>()
    for (index, quantity) in quantities.enumerated() where !used.contains(index) {
      guard quantity.unit == .hour || quantity.unit == .minute else { continue }
      var total = quantity.unit == .minute ? quantity.value / 60 : quantity.value
      var end = quantity.end
      var per = quantity.per
      var next = index + 1
      var complete = per == nil
      // Multiply a rate by the counts that follow: per night × nights per week × weeks.
      while let rate = per, next < quantities.count {
        let candidate = quantities[next]
        guard let factor = candidate.unit.count(of: rate) else { break }
        total *= candidate.value * factor
        end = candidate.end
        used.insert(next)
        per = candidate.per
        complete = per == nil
        next += 1
      }
      guard complete, total > 0 else { continue }
      results.append(
        HourEstimate(
          hours: (total * 100).rounded() / 100,
          expression: String(scalars: scalars[quantity.start..<end]),
          start: quantity.start, end: end))
    }
    return results
  }

  // MARK: - Quantities

  enum Unit: Equatable {
    case hour, minute, day, night, week, month, session, other

    init?(_ word: String) {
      switch word {
      case "hour", "hours", "hr", "hrs", "h": self = .hour
      case "minute", "minutes", "min", "mins": self = .minute
      case "day", "days", "weekday", "weekdays": self = .day
      case "night", "nights", "evening", "evenings": self = .night
      case "week", "weeks", "weekend", "weekends": self = .week
      case "month", "months": self = .month
      case "session", "sessions", "sitting", "sittings": self = .session
      case "year", "years", "percent", "people", "teachers", "staff", "students", "times", "pages",
        "modules", "tasks", "assignments", "districts", "schools":
        self = .other
      default: return nil
      }
    }

    /// How many `rate` units one of these units holds, when it can count them.
    func count(of rate: Unit) -> Double? {
      switch (self, rate) {
      case _ where self == rate: 1
      case (.week, .day), (.week, .night): 7
      case (.month, .week): 4
      case (.month, .day), (.month, .night): 30
      default: nil
      }
    }
  }

  struct Quantity {
    var value: Double
    var unit: Unit
    /// "a week" in "two hours a week".
    var per: Unit?
    var start: Int
    var end: Int
  }

  /// Number-unit pairs in order: "two hours a week", "ten weeks", "90 minutes".
  static func quantities(in scalars: [Unicode.Scalar]) -> [Quantity] {
    let tokens = Tokenizer.tokens(in: scalars, range: 0..<scalars.count)
      .filter { $0.kind != .punctuation || isRangeMark($0.text) || $0.text == "," || $0.text == "." }
    var result: [Quantity] = []
    var index = 0
    while index < tokens.count {
      guard let (value, afterNumber) = number(tokens, at: index) else {
        index += 1
        continue
      }
      // Skip hedges between the number and its unit: "20 or so hours", "16-ish".
      var unitIndex = afterNumber
      while unitIndex < tokens.count, ["or", "so", "ish", "odd", "plus", "some"].contains(tokens[unitIndex].text),
        unitIndex - afterNumber < 2
      {
        unitIndex += 1
      }
      guard unitIndex < tokens.count, let unit = Unit(tokens[unitIndex].text) else {
        index = afterNumber
        continue
      }
      var end = tokens[unitIndex].end
      var next = unitIndex + 1
      var per: Unit?
      // "a week", "per night", "each evening", "every week", "a night"
      if next + 1 < tokens.count, ["a", "an", "per", "each", "every"].contains(tokens[next].text),
        let rate = Unit(tokens[next + 1].text), rate != .other
      {
        per = rate
        end = tokens[next + 1].end
        next += 2
      }
      // A second thought as a bare number: "thirty hours, maybe thirty-five" is a range.
      var total = value
      if per == nil, let (revised, after) = revision(tokens, at: next), revised > value, revised <= value * 3,
        after >= tokens.count || Unit(tokens[after].text) == nil || Unit(tokens[after].text) == unit
      {
        total = (value + revised) / 2
        end = tokens[after - 1].end
        if after < tokens.count, Unit(tokens[after].text) == unit { end = tokens[after].end; next = after + 1 } else { next = after }
      }
      result.append(Quantity(value: total, unit: unit, per: per, start: tokens[index].start, end: end))
      index = next
    }
    return result
  }

  /// A number at `index` (digits or words, or a range of two), and the index after it.
  static func number(_ tokens: [Token], at index: Int) -> (Double, Int)? {
    var start = index
    var between = false
    if tokens[index].text == "between" {
      between = true
      start += 1
    }
    guard start < tokens.count, let (first, afterFirst) = single(tokens, at: start) else {
      return nil
    }
    // A range: 15-20, 15 to 20, fifteen or twenty, between 20 and 25.
    if afterFirst + 1 < tokens.count {
      let joiner = tokens[afterFirst].text
      let isJoiner = isRangeMark(joiner) || joiner == "to" || (joiner == "or" && !between)
        || (joiner == "and" && between)
      if isJoiner, let (second, afterSecond) = single(tokens, at: afterFirst + 1), second > first {
        return ((first + second) / 2, afterSecond)
      }
    }
    return between ? nil : (first, afterFirst)
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
    // Words, with hyphens between them dropped: "twenty - five".
    var words: [String] = []
    var positions: [Int] = []
    var cursor = index
    while cursor < tokens.count, words.count < 6 {
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
    while cursor < tokens.count, ["maybe", "or", "perhaps", "possibly", "probably", "more", "like", "closer", "to"].contains(tokens[cursor].text),
      cursor - index < 4
    {
      hedged = true
      cursor += 1
    }
    guard hedged, cursor < tokens.count, let (value, after) = single(tokens, at: cursor) else { return nil }
    return (value, after)
  }

  static func isRangeMark(_ text: String) -> Bool {
    text == "-" || text == "\u{2013}" || text == "\u{2014}" || text == "~"
  }

  /// "I'd say 25, give or take": one plausible bare number, in a text stating no other quantity.
  static func bareNumberEstimate(_ scalars: [Unicode.Scalar]) -> HourEstimate? {
    let tokens = Tokenizer.tokens(in: scalars, range: 0..<scalars.count)
    var found: [(Double, Int, Int)] = []
    var index = 0
    while index < tokens.count {
      if tokens[index].kind == .number || tokens[index].kind == .word,
        let (value, after) = number(tokens, at: index)
      {
        let isWordNumber = tokens[index].kind == .word
        // Number words are common in speech ("one of", "a few"); take only clear quantities.
        if (!isWordNumber || value >= 5), value >= 1, value <= 300 {
          found.append((value, tokens[index].start, tokens[after - 1].end))
        }
        index = after
      } else {
        index += 1
      }
    }
    guard found.count == 1, let (value, start, end) = found.first else { return nil }
    return HourEstimate(
      hours: value, expression: String(scalars: scalars[start..<end]), start: start,
      end: end)
  }
}
