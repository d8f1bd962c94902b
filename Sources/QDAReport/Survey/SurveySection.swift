import Foundation
public import QDAAnalysis
import QDAModel

/// The report's survey section, in the style of the seed brief's Figure 2: who answered, a
/// sentence per rating item with its percent and n ("73 percent (60 of 82) agreed or strongly
/// agreed that …"), the most chosen options of multi-select items, numeric items, and a stacked
/// bar chart per block of rating items. The survey's tables go with the brief's other tables
/// (`tableBlocks`): in the findings their item wording, one word a line in a narrow column, took
/// two pages the sentences above already state.
public enum SurveySection {
  /// The section's blocks for one survey.
  public static func blocks(_ summary: SurveySummary) -> [Block] {
    let stem = ((summary.source as NSString).lastPathComponent as NSString).deletingPathExtension
    var blocks: [Block] = [.heading(level: 2, text: "Survey: \(stem)", anchor: "survey-" + stem)]
    var intro =
      "\(summary.dialect.name) export, \(summary.rows) responses: \(summary.counted) counted"
    if summary.unfinished > 0, summary.dialect == .surveyMonkey {
      // SurveyMonkey writes no completion flag: the reader found who stopped early.
      intro += ", \(summary.unfinished) who stopped early (their last questions blank) left out"
    } else if summary.unfinished > 0 {
      intro += ", \(summary.unfinished) unfinished left out"
    }
    if summary.excluded > 0 { intro += ", \(summary.excluded) previews or spam left out" }
    blocks.append(
      .paragraph([.text(intro + ". Each percent is of the respondents who answered the item (n).")])
    )

    // Rating items, block by block (items sharing a question).
    let likert = summary.items.filter { $0.item.type == .likert }
    var groups: [(question: String, items: [SurveyItemSummary])] = []
    for entry in likert {
      if let last = groups.last, last.question == entry.item.text,
        last.items.first?.item.scale == entry.item.scale
      {
        groups[groups.count - 1].items.append(entry)
      } else {
        groups.append((entry.item.text, [entry]))
      }
    }
    for (index, group) in groups.enumerated() {
      blocks.append(.heading(level: 3, text: group.question, anchor: nil))
      blocks.append(.bullets(group.items.compactMap(statement)))
      blocks.append(
        .figure(
          id: "survey-\(stem)-ratings-\(index + 1)",
          svg: SurveyChart.likertBlock(title: group.question, items: group.items),
          caption: "\(group.question) Shares of the answers on the scale; n at the end of each bar."
        ))
    }

    for entry in summary.items where entry.item.type == .multiSelect && entry.answered > 0 {
      blocks.append(.heading(level: 3, text: entry.item.fullText, anchor: nil))
      blocks.append(.bullets(choiceLines(entry)))
    }

    for entry in summary.items where entry.item.type == .numeric {
      guard let mean = entry.mean, let median = entry.median, let low = entry.minimum,
        let high = entry.maximum
      else { continue }
      blocks.append(
        .paragraph([
          .text(
            "\(entry.item.fullText) Mean \(number(mean)), median \(number(median)), range \(number(low))–\(number(high)) (n = \(entry.answered))."
          )
        ]))
    }
    return blocks
  }

  /// A survey's tables for the brief's Tables section, each under its title.
  public static func tableBlocks(_ tables: [DataTable]) -> [Block] {
    tables.flatMap { table in
      [Block.heading(level: 3, text: table.title, anchor: "table-\(table.id)"), .table(table)]
    }
  }

  /// A multi-select's most chosen choices, each with its share of those who answered: the top
  /// four and any tied with the fourth; choices tied at the top are named together; and how many
  /// wrote in the item's "other" box.
  static func choiceLines(_ entry: SurveyItemSummary) -> [[Inline]] {
    let ranked = entry.distribution.filter { !$0.respondents.isEmpty }
      .sorted { ($0.respondents.count, $1.label) > ($1.respondents.count, $0.label) }
    guard let top = ranked.first?.respondents.count else { return [] }
    func share(_ count: Int) -> String {
      "\(percentWord(100 * Double(count) / Double(entry.answered))) (\(count) of \(entry.answered))"
    }
    let leaders = ranked.prefix { $0.respondents.count == top }
    var shown = max(4, leaders.count)
    if ranked.count > shown {
      let fourth = ranked[shown - 1].respondents.count
      while shown < ranked.count, ranked[shown].respondents.count == fourth { shown += 1 }
    }
    var lines: [[Inline]]
    if leaders.count == 1 {
      lines = [[.text("\(ranked[0].label) was the top choice, \(share(top)).")]]
    } else {
      let names = leaders.map(\.label)
      let listed = names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
      lines = [[.text("\(listed) were the top choices, \(share(top)) each.")]]
    }
    for choice in ranked.prefix(shown).dropFirst(leaders.count) {
      lines.append([.text("\(choice.label): \(share(choice.respondents.count))")])
    }
    if !entry.writtenIn.isEmpty {
      let count = entry.writtenIn.count
      lines.append([
        .text("\(count) respondent\(count == 1 ? "" : "s") wrote in the question's text box.")
      ])
    }
    return lines
  }

  /// "73 percent (60 of 82) agreed or strongly agreed: I can clearly articulate …".
  static func statement(_ entry: SurveyItemSummary) -> [Inline]? {
    guard let share = entry.percentTopTwo else { return nil }
    let top = Array(entry.item.scale.suffix(2))
    let what: String
    if top.map({ $0.lowercased() }) == ["agree", "strongly agree"] {
      what = "agreed or strongly agreed"
    } else if top.count == 2 {
      what = "answered “\(top[1])” or “\(top[0])”"
    } else {
      what = "answered “\(top.last ?? "")”"
    }
    let item = entry.item.subItem ?? entry.item.text
    return [
      .text("\(percentWord(share)) (\(entry.topTwo.count) of \(entry.onScale)) \(what): \(item)")
    ]
  }

  /// `73 percent`, as the brief writes percentages.
  static func percentWord(_ value: Double) -> String { "\(Int(value.rounded())) percent" }

  static func number(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }
}
