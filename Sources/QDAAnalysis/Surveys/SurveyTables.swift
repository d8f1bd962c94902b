import Foundation
public import QDAModel

/// Survey summaries as tables: Likert items with their top- and bottom-two-box shares, choice
/// items with their distributions, numeric items with mean, median and range, and the codes of
/// the open answers. Every count cell lists the respondents (or passages) it counts.
public enum SurveyTables {
  /// The tables of one survey, ids prefixed `survey_<file stem>_`.
  ///
  /// - Parameters:
  ///   - summary: the survey's figures.
  ///   - themes: the codes applied to its open answers: code id, name, respondents, passages.
  public static func tables(
    _ summary: SurveySummary,
    themes: [(code: String, name: String, respondents: [String], passages: [Int64])] = []
  )
    -> [DataTable]
  {
    let stem = ((summary.source as NSString).lastPathComponent as NSString).deletingPathExtension
    let prefix =
      "survey_"
      + stem.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined()
      + "_"
    let base =
      "n = \(summary.counted) respondents"
      + (summary.includesUnfinished ? " (unfinished responses included)" : "")
      + (summary.unfinished > 0 && !summary.includesUnfinished
        ? "; \(summary.unfinished) unfinished left out" : "")
      + (summary.excluded > 0 ? "; \(summary.excluded) previews or spam left out" : "")
    var tables: [DataTable] = []

    let likert = summary.items.filter { $0.item.type == .likert }
    if !likert.isEmpty {
      tables.append(
        DataTable(
          id: prefix + "likert", title: "\(stem): rating items",
          columns: ["Item", "n", "Top two", "% top two", "Bottom two", "% bottom two"],
          rows: likert.map { entry in
            [
              TableCell(entry.item.fullText),
              .count(entry.answered, respondents: answeredIDs(entry)),
              .count(entry.topTwo.count, respondents: entry.topTwo),
              TableCell(percent(entry.percentTopTwo), value: entry.percentTopTwo),
              .count(entry.bottomTwo.count, respondents: entry.bottomTwo),
              TableCell(percent(entry.percentBottomTwo), value: entry.percentBottomTwo),
            ]
          },
          notes: [
            base
              + ". Top two: the scale's two highest points (for example agree and strongly agree); bottom two: its two lowest. Shares are of the answers on the scale (N/A and don't know left out)."
          ],
          data: TableData(
            columns: [
              .text("item", "The rating item's wording (the question, then the statement)."),
              .integer("n", "Respondents who answered the item."),
              .integer("top_two", "Answers on the scale's two highest points."),
              .number(
                "percent_top_two",
                "top_two as a percentage of the answers on the scale (N/A and don't know left out)."
              ),
              .integer("bottom_two", "Answers on the scale's two lowest points."),
              .number(
                "percent_bottom_two", "bottom_two as a percentage of the answers on the scale."),
            ],
            rows: likert.map { entry in
              [
                .text(entry.item.fullText), .integer(entry.answered), .integer(entry.topTwo.count),
                .numberOrMissing(entry.percentTopTwo), .integer(entry.bottomTwo.count),
                .numberOrMissing(entry.percentBottomTwo),
              ]
            })))
    }

    let choices = summary.items.filter {
      $0.item.type == .singleChoice || $0.item.type == .multiSelect
    }
    if !choices.isEmpty {
      var rows: [[TableCell]] = []
      var data: [[DataValue]] = []
      for entry in choices {
        for (label, respondents) in entry.distribution {
          rows.append([
            TableCell(entry.item.fullText), TableCell(label),
            .count(respondents.count, respondents: respondents),
            TableCell(percent(entry.percent(label)), value: entry.percent(label)),
            .count(entry.answered, respondents: answeredIDs(entry)),
          ])
          data.append([
            .text(entry.item.fullText), .text(label), .integer(respondents.count),
            .numberOrMissing(entry.percent(label)),
            .integer(entry.answered),
          ])
        }
      }
      tables.append(
        DataTable(
          id: prefix + "choices", title: "\(stem): choice items",
          columns: ["Item", "Choice", "Respondents", "%", "n"],
          rows: rows,
          notes: [
            base
              + ". Percent of those who answered the item (n); for items allowing several choices, shares add up to more than 100."
          ],
          data: TableData(
            columns: [
              .text("item", "The question's wording."), .text("choice", "One of its choices."),
              .integer("respondents", "Respondents who chose it."),
              .number(
                "percent",
                "respondents as a percentage of n; for items allowing several choices, the item's percentages add up to more than 100."
              ),
              .integer("n", "Respondents who answered the item."),
            ],
            rows: data)))
    }

    let numeric = summary.items.filter { $0.item.type == .numeric && $0.mean != nil }
    if !numeric.isEmpty {
      tables.append(
        DataTable(
          id: prefix + "numeric", title: "\(stem): numeric items",
          columns: ["Item", "n", "Mean", "Median", "Range"],
          rows: numeric.map { entry in
            [
              TableCell(entry.item.fullText),
              .count(entry.answered, respondents: answeredIDs(entry)),
              TableCell(number(entry.mean), value: entry.mean),
              TableCell(number(entry.median), value: entry.median),
              TableCell("\(number(entry.minimum))–\(number(entry.maximum))"),
            ]
          },
          notes: [base + "."],
          data: TableData(
            columns: [
              .text("item", "The question's wording."),
              .integer("n", "Respondents who answered with a number."),
              .number("mean", "The mean of their numbers."), .number("median", "The median."),
              .number("min", "The smallest number given."),
              .number("max", "The largest number given."),
            ],
            rows: numeric.map { entry in
              [
                .text(entry.item.fullText), .integer(entry.answered), .numberOrMissing(entry.mean),
                .numberOrMissing(entry.median),
                .numberOrMissing(entry.minimum), .numberOrMissing(entry.maximum),
              ]
            })))
    }

    if !themes.isEmpty {
      let open = Set(themes.flatMap(\.respondents)).count
      tables.append(
        DataTable(
          id: prefix + "themes", title: "\(stem): codes in the open answers",
          columns: ["Code", "Respondents", "Passages"],
          rows: themes.map { theme in
            [
              TableCell(theme.name),
              .count(theme.respondents.count, respondents: theme.respondents),
              .count(theme.passages.count, passages: theme.passages),
            ]
          },
          notes: [
            "Open answers coded with the codebook's rules; \(open) respondents' answers carry a code."
          ],
          data: TableData(
            columns: [
              .text("code_id", "The code's id in the codebook."), .text("code", "The code's name."),
              .integer("respondents", "Respondents whose open answers carry the code."),
              .integer("passages", "Open-answer passages carrying the code."),
            ],
            rows: themes.map {
              [
                .text($0.code), .text($0.name), .integer($0.respondents.count),
                .integer($0.passages.count),
              ]
            })))
    }
    return tables
  }

  /// The respondents behind an item's n (for numeric items too, which have no distribution).
  static func answeredIDs(_ entry: SurveyItemSummary) -> [String] {
    entry.answeredBy.sorted()
  }

  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.0f%%", $0) } ?? "—"
  }

  static func number(_ value: Double?) -> String {
    guard let value else { return "—" }
    return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }
}

extension TableCell {
  /// A count cell over survey respondents.
  public static func count(_ count: Int, respondents: [String]) -> TableCell {
    TableCell(String(count), value: Double(count), respondents: respondents)
  }
}
