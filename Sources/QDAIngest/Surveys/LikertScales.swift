/// The rating scales QDAKit recognises in survey answers, each from its lowest point to its
/// highest, and the matching that tolerates how exports spell them.
///
/// A column is Likert when every answer is a point of one scale (or a "no answer" label such as
/// `N/A` or `Don't know`, which is kept but left out of the scale). Labels are compared without
/// case, punctuation or extra spaces, and a label of five letters or more may differ by one or two
/// edits (one for labels under eight letters: SurveyMonkey's `Disgree`, `Aagree`). The scale order comes from this table, never from
/// the order answers appear in, so a form that lists points from high to low reads the same.
///
/// | scale | points, low → high |
/// |---|---|
/// | agreement | strongly disagree, disagree, somewhat disagree, neither agree nor disagree, somewhat agree, agree, strongly agree |
/// | motivation | not at all motivating, slightly motivating, somewhat motivating, very motivating, definitely motivating |
/// | extent | not at all, to a small extent, to some extent, to a moderate extent, to a great extent |
/// | change | no / not really, yes somewhat, yes a great deal |
/// | amount | none of it, some of it, most of it, all of it |
/// | frequency | never, rarely, sometimes, often, always |
/// | satisfaction | very dissatisfied, dissatisfied, neutral, satisfied, very satisfied |
/// | quality | poor, fair, good, very good, excellent |
/// | likelihood | very unlikely, unlikely, neutral, likely, very likely |
/// | importance | not at all important, slightly important, moderately important, very important, extremely important |
/// | usefulness | not at all useful, slightly useful, somewhat useful, very useful, extremely useful |
/// | clarity | not at all clearly, somewhat clearly, clearly, very clearly |
enum LikertScales {
  struct Scale {
    var name: String
    /// Points from lowest to highest; each point may be spelled several ways.
    var points: [[String]]
  }

  static let scales: [Scale] = [
    Scale(
      name: "agreement",
      points: [
        ["strongly disagree"], ["disagree"],
        ["somewhat disagree", "slightly disagree", "tend to disagree"],
        ["neither agree nor disagree", "neutral", "neither agree or disagree", "undecided"],
        ["somewhat agree", "slightly agree", "tend to agree"], ["agree"], ["strongly agree"],
      ]),
    Scale(
      name: "motivation",
      points: [
        ["not at all motivating", "not motivating"],
        ["slightly motivating", "a little motivating"],
        ["somewhat motivating", "moderately motivating"], ["very motivating"],
        ["definitely motivating", "extremely motivating"],
      ]),
    Scale(
      name: "extent",
      points: [
        ["not at all"], ["to a small extent", "a little", "to a little extent"],
        ["to some extent", "somewhat"],
        ["to a moderate extent", "moderately", "quite a bit"],
        ["to a great extent", "a great deal", "to a large extent"],
      ]),
    Scale(
      name: "change",
      points: [
        ["no", "not really", "not at all"], ["yes somewhat", "somewhat"],
        ["yes a great deal", "a great deal"],
      ]),
    Scale(
      name: "amount",
      points: [
        ["none of it", "none"], ["some of it", "a little of it"], ["most of it"], ["all of it"],
      ]),
    Scale(
      name: "frequency",
      points: [
        ["never"], ["rarely", "seldom"], ["sometimes", "occasionally"],
        ["often", "usually", "frequently"], ["always"],
      ]),
    Scale(
      name: "satisfaction",
      points: [
        ["very dissatisfied"], ["dissatisfied", "somewhat dissatisfied"],
        ["neutral", "neither satisfied nor dissatisfied"],
        ["satisfied", "somewhat satisfied"], ["very satisfied"],
      ]),
    Scale(
      name: "quality",
      points: [["poor", "very poor"], ["fair"], ["good"], ["very good"], ["excellent"]]),
    Scale(
      name: "likelihood",
      points: [
        ["very unlikely", "extremely unlikely"], ["unlikely", "somewhat unlikely"],
        ["neutral", "neither likely nor unlikely"],
        ["likely", "somewhat likely"], ["very likely", "extremely likely"],
      ]),
    Scale(
      name: "importance",
      points: [
        ["not at all important", "not important"], ["slightly important"],
        ["moderately important", "somewhat important"],
        ["very important"], ["extremely important"],
      ]),
    Scale(
      name: "usefulness",
      points: [
        ["not at all useful", "not useful"], ["slightly useful"],
        ["somewhat useful", "moderately useful"], ["very useful"],
        ["extremely useful"],
      ]),
    Scale(
      name: "clarity",
      points: [
        ["not at all clearly", "not clearly"], ["somewhat clearly"], ["clearly"], ["very clearly"],
      ]),
  ]

  /// Answers that are not a point of any scale: kept, counted as answered "no opinion", left out
  /// of top- and bottom-box shares.
  static let nonSubstantive: Set<String> = [
    "n a", "na", "not applicable", "don t know", "dont know", "do not know",
    "no basis for evaluation",
    "prefer not to say", "prefer not to answer", "unsure", "not sure", "no opinion",
  ]

  /// The scale every distinct answer belongs to: all its points from lowest to highest (as the
  /// answers spell them where they spell them right, else as this table does), and each answer's
  /// point label (`Disgree` → `Disagree`). Non-substantive answers map to themselves and are no
  /// point. Nil when some answer is no point of any one scale, or fewer than two points appear.
  static func match(_ answers: Set<String>) -> (scale: [String], labels: [String: String])? {
    let substantive = answers.filter { !nonSubstantive.contains(normalize($0)) }
    guard substantive.count >= 2 else { return nil }
    for scale in scales {
      var positions: [String: Int] = [:]
      for answer in substantive {
        guard let position = position(of: answer, in: scale) else { break }
        positions[answer] = position
      }
      guard positions.count == substantive.count, Set(positions.values).count >= 2 else { continue }
      // Each point's label: an answer that spells it exactly, else the table's spelling.
      let points = scale.points.enumerated().map { index, spellings -> String in
        let exact = positions.filter { $0.value == index && spellings.contains(normalize($0.key)) }
          .keys.sorted()
        if let spelled = exact.first { return spelled }
        return sentenceCase(spellings[0])
      }
      var labels: [String: String] = [:]
      for (answer, position) in positions { labels[answer] = points[position] }
      for answer in answers where labels[answer] == nil { labels[answer] = answer }
      return (points, labels)
    }
    return nil
  }

  /// `strongly agree` → `Strongly agree`.
  static func sentenceCase(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
  }

  /// The position of an answer on a scale, tolerating typos in longer labels.
  static func position(of answer: String, in scale: Scale) -> Int? {
    let text = normalize(answer)
    for (index, spellings) in scale.points.enumerated() where spellings.contains(text) {
      return index
    }
    guard text.count >= 5 else { return nil }
    var best: (index: Int, distance: Int)?
    for (index, spellings) in scale.points.enumerated() {
      for spelling in spellings where spelling.count >= 5 {
        // One slip in a short label (`Aagree`), two in a longer one (`Stongly disgree`).
        let allowed = min(text.count, spelling.count) >= 8 ? 2 : 1
        let distance = editDistance(text, spelling, limit: allowed)
        if distance <= allowed, distance < (best?.distance ?? .max) { best = (index, distance) }
      }
    }
    return best?.index
  }

  /// Lower case, letters and digits only, single spaces.
  static func normalize(_ text: String) -> String {
    String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ")
      .joined(separator: " ")
  }

  /// Levenshtein distance, stopping early past `limit`.
  static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
    let a = Array(a), b = Array(b)
    guard abs(a.count - b.count) <= limit else { return limit + 1 }
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      var rowMinimum = i
      for j in stride(from: 1, through: b.count, by: 1) {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      previous = current
    }
    return previous[b.count]
  }
}
