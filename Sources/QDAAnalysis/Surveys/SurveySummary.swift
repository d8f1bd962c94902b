import Foundation
public import QDAModel

/// The figures of one survey item: who answered, the distribution, and for Likert items the
/// top- and bottom-two-box shares; for numbers the mean, median and range. Every count keeps
/// the respondents behind it.
public struct SurveyItemSummary: Hashable, Sendable {
  public var item: SurveyItem
  /// Respondents counted (the survey's denominator).
  public var respondents: Int
  /// Respondents who answered the item: n.
  public var answered: Int
  /// Who they are (ids, in respondent order): the respondents behind n.
  public var answeredBy: [String] = []
  /// Answers per label, in scale or choice order, with the respondents who gave each. For a
  /// multi-select, respondents choosing each choice (they can choose several).
  public var distribution: [(label: String, respondents: [String])]
  /// For Likert items: answers that are a point of the scale (not `N/A`, `Don't know`), the
  /// denominator of the box shares.
  public var onScale: Int
  /// Respondents in the top two points, the bottom two points.
  public var topTwo: [String]
  public var bottomTwo: [String]
  /// Respondents who wrote in a text box belonging to the item ("Other (please specify)"),
  /// in respondent order.
  public var writtenIn: [String] = []
  /// For numeric items.
  public var mean: Double?
  public var median: Double?
  public var minimum: Double?
  public var maximum: Double?

  public static func == (lhs: SurveyItemSummary, rhs: SurveyItemSummary) -> Bool {
    lhs.item == rhs.item && lhs.answered == rhs.answered
      && lhs.distribution.map(\.label) == rhs.distribution.map(\.label)
      && lhs.distribution.map(\.respondents) == rhs.distribution.map(\.respondents)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(item)
    hasher.combine(answered)
  }

  /// Percent of the scale answers in the top two points; nil without scale answers.
  public var percentTopTwo: Double? {
    onScale > 0 ? 100 * Double(topTwo.count) / Double(onScale) : nil
  }
  /// Percent in the bottom two points.
  public var percentBottomTwo: Double? {
    onScale > 0 ? 100 * Double(bottomTwo.count) / Double(onScale) : nil
  }

  /// For Likert items: the mean point of the answers on the scale, the lowest point 1 and the
  /// highest the scale's length (1–5 for strongly disagree … strongly agree); nil without scale
  /// answers. N/A and don't know are left out, as for the box shares.
  public var scaleMean: Double? {
    guard item.type == .likert, onScale > 0 else { return nil }
    var total = 0
    for (label, respondents) in distribution {
      guard let point = item.scale.firstIndex(of: label) else { continue }
      total += (point + 1) * respondents.count
    }
    return Double(total) / Double(onScale)
  }

  /// Percent of those who answered giving a label (choosing it, for multi-select).
  public func percent(_ label: String) -> Double? {
    guard answered > 0, let entry = distribution.first(where: { $0.label == label }) else {
      return nil
    }
    return 100 * Double(entry.respondents.count) / Double(answered)
  }
}

/// A survey's summaries: respondents with and without unfinished responses, and one summary per
/// answer item (metadata and "other" boxes are left out).
///
/// ```swift
/// let summary = SurveySummary(survey)
/// summary.items[0].percentTopTwo  // 73.3
/// ```
public struct SurveySummary: Hashable, Sendable {
  public var source: String
  public var dialect: SurveyDialect
  /// Rows in the export.
  public var rows: Int
  /// Previews and spam, never counted.
  public var excluded: Int
  /// Unfinished responses (counted only when asked).
  public var unfinished: Int
  /// The respondents the figures count.
  public var counted: Int
  public var includesUnfinished: Bool
  public var items: [SurveyItemSummary]

  /// - Parameters:
  ///   - survey: the survey.
  ///   - includeUnfinished: count unfinished responses too.
  public init(_ survey: Survey, includeUnfinished: Bool = false) {
    let respondents = survey.counted(includeUnfinished: includeUnfinished)
    source = survey.source
    dialect = survey.dialect
    rows = survey.respondents.count
    excluded = survey.respondents.filter { $0.exclusion != nil }.count
    unfinished = survey.respondents.filter { $0.exclusion == nil && $0.finished == false }.count
    counted = respondents.count
    includesUnfinished = includeUnfinished
    let boxes = Dictionary(
      grouping: survey.items.filter { $0.parentID != nil && $0.type != .metadata },
      by: { $0.parentID ?? "" })
    items = survey.items.filter { $0.type != .metadata && $0.parentID == nil }.map { item in
      var summary = Self.summarize(item, respondents: respondents)
      if let boxes = boxes[item.id] {
        summary.writtenIn = respondents.filter { respondent in
          boxes.contains { respondent.answers[$0.id] != nil }
        }.map(\.id)
      }
      return summary
    }
  }

  static func summarize(_ item: SurveyItem, respondents: [SurveyRespondent]) -> SurveyItemSummary {
    let answers = respondents.compactMap { respondent in
      respondent.answers[item.id].map { (respondent.id, $0) }
    }
    var byLabel: [String: [String]] = [:]
    for (id, answer) in answers {
      for value in Set(answer.values) { byLabel[value, default: []].append(id) }
    }
    let order: [String]
    switch item.type {
    case .likert:
      order =
        item.scale.filter { byLabel[$0] != nil }
        + byLabel.keys.filter { !item.scale.contains($0) }.sorted()
    case .singleChoice, .multiSelect:
      let listed = item.choices.map(\.label).filter { byLabel[$0] != nil }
      order =
        listed
        + byLabel.keys.filter { !listed.contains($0) }.sorted {
          (byLabel[$0]?.count ?? 0, $1) > (byLabel[$1]?.count ?? 0, $0)
        }
    default: order = []
    }
    var summary = SurveyItemSummary(
      item: item, respondents: respondents.count, answered: answers.count,
      distribution: order.map { ($0, byLabel[$0] ?? []) }, onScale: 0, topTwo: [], bottomTwo: [])
    summary.answeredBy = answers.map(\.0)
    if item.type == .likert, item.scale.count >= 4 {
      let top = Set(item.scale.suffix(2))
      let bottom = Set(item.scale.prefix(2))
      let onScale = answers.filter { item.scale.contains($0.1.value) }
      summary.onScale = onScale.count
      summary.topTwo = onScale.filter { top.contains($0.1.value) }.map(\.0)
      summary.bottomTwo = onScale.filter { bottom.contains($0.1.value) }.map(\.0)
    } else if item.type == .likert {
      // Three-point scales: the top and bottom point alone.
      let onScale = answers.filter { item.scale.contains($0.1.value) }
      summary.onScale = onScale.count
      summary.topTwo = onScale.filter { $0.1.value == item.scale.last }.map(\.0)
      summary.bottomTwo = onScale.filter { $0.1.value == item.scale.first }.map(\.0)
    }
    if item.type == .numeric {
      let numbers = answers.compactMap {
        Double($0.1.value.replacingOccurrences(of: ",", with: "."))
      }.sorted()
      if !numbers.isEmpty {
        summary.mean = numbers.reduce(0, +) / Double(numbers.count)
        summary.median =
          numbers.count % 2 == 1
          ? numbers[numbers.count / 2]
          : (numbers[numbers.count / 2 - 1] + numbers[numbers.count / 2]) / 2
        summary.minimum = numbers.first
        summary.maximum = numbers.last
      }
    }
    return summary
  }
}
