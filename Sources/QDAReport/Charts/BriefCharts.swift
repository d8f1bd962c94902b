import Foundation
public import QDAAnalysis
import QDAModel
public import QDAContradictions

/// The brief's charts as SVG: themes by participants, the distribution of time estimates,
/// experience by completion status, and the contradiction matrix as a heatmap. Each has a title,
/// axis labels and n; bars are grey with black outlines and values printed on them, so a chart
/// reads in greyscale, in print and to a screen reader (`<title>` on every mark).
public enum BriefCharts {
  /// One bar of a horizontal bar chart.
  public struct Bar: Sendable, Hashable {
    public var label: String
    public var value: Double
    /// What is printed at the bar's end ("7 of 11").
    public var valueLabel: String
    /// Indented under a parent (a sub-code).
    public var indent: Int

    public init(label: String, value: Double, valueLabel: String, indent: Int = 0) {
      self.label = label
      self.value = value
      self.valueLabel = valueLabel
      self.indent = indent
    }
  }

  /// Horizontal bars on a scale from 0 to `maximum`, with a labelled axis.
  public static func bars(title: String, axis: String, bars: [Bar], maximum: Double, note: String)
    -> String
  {
    let labelWidth = 300.0
    let plotWidth = 380.0
    let rowHeight = 22.0
    let top = 44.0
    let height = top + Double(bars.count) * rowHeight + 66
    let width = labelWidth + plotWidth + 90
    let scale = maximum > 0 ? plotWidth / maximum : 0
    var svg = header(width: width, height: height, title: title)
    // Grid and axis: about five ticks at round values.
    let step = niceStep(maximum)
    var tick = 0.0
    let axisY = top + Double(bars.count) * rowHeight + 4
    while tick <= maximum + 1e-9 {
      let x = labelWidth + tick * scale
      svg +=
        "<line x1=\"\(fmt(x))\" y1=\"\(fmt(top - 4))\" x2=\"\(fmt(x))\" y2=\"\(fmt(axisY))\" stroke=\"#ccc\" stroke-width=\"0.6\"/>\n"
      svg +=
        "<text x=\"\(fmt(x))\" y=\"\(fmt(axisY + 14))\" text-anchor=\"middle\" font-size=\"11\">\(formatNumber(tick))</text>\n"
      tick += step
    }
    svg +=
      "<line x1=\"\(fmt(labelWidth))\" y1=\"\(fmt(axisY))\" x2=\"\(fmt(labelWidth + maximum * scale))\" y2=\"\(fmt(axisY))\" stroke=\"#000\"/>\n"
    svg +=
      "<text x=\"\(fmt(labelWidth + plotWidth / 2))\" y=\"\(fmt(axisY + 32))\" text-anchor=\"middle\" font-size=\"12\">\(escape(axis))</text>\n"
    for (row, bar) in bars.enumerated() {
      let y = top + Double(row) * rowHeight
      let indent = Double(bar.indent) * 14
      let weight = bar.indent == 0 ? " font-weight=\"bold\"" : ""
      svg +=
        "<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\"\(weight)>\(escape(clip(bar.label, Int((labelWidth - indent) / 6.6))))</text>\n"
      let w = max(0, bar.value * scale)
      let fill = bar.indent == 0 ? "#555555" : "#b0b0b0"
      svg +=
        "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight - 6))\" fill=\"\(fill)\" stroke=\"#000\" stroke-width=\"0.5\"><title>\(escape(bar.label)): \(escape(bar.valueLabel))</title></rect>\n"
      svg +=
        "<text x=\"\(fmt(labelWidth + w + 5))\" y=\"\(fmt(y + 15))\" font-size=\"11\">\(escape(bar.valueLabel))</text>\n"
    }
    svg +=
      "<text x=\"0\" y=\"\(fmt(height - 6))\" font-size=\"11\" fill=\"#333\">\(escape(note))</text>\n</svg>"
    return svg
  }

  /// A grid of counts shaded from white (0) to dark grey (the largest), each cell printed.
  public static func heatmap(
    title: String, rows: [String], columns: [String], counts: [[Int]], note: String
  ) -> String {
    let labelWidth = 150.0
    let cell = 64.0
    let top = 110.0
    let width = labelWidth + Double(columns.count) * cell + 20
    let height = top + Double(rows.count) * cell + 40
    let largest = max(1, counts.flatMap { $0 }.max() ?? 1)
    var svg = header(width: max(width, 420, Double(note.count) * 6.2), height: height, title: title)
    for (index, column) in columns.enumerated() {
      let x = labelWidth + Double(index) * cell + cell / 2
      svg +=
        "<text transform=\"translate(\(fmt(x)),\(fmt(top - 8))) rotate(-40)\" font-size=\"11\">\(escape(clip(column, 22)))</text>\n"
    }
    for (r, row) in rows.enumerated() {
      let y = top + Double(r) * cell
      svg +=
        "<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + cell / 2 + 4))\" text-anchor=\"end\" font-size=\"11\">\(escape(clip(row, 22)))</text>\n"
      for c in columns.indices {
        let count = r < counts.count && c < counts[r].count ? counts[r][c] : 0
        let level = Int(255 - Double(count) / Double(largest) * 200)
        let hex = String(format: "%02x", level)
        let x = labelWidth + Double(c) * cell
        svg +=
          "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cell))\" height=\"\(fmt(cell))\" fill=\"#\(hex)\(hex)\(hex)\" stroke=\"#000\" stroke-width=\"0.5\"><title>\(escape(row)) × \(escape(columns[c])): \(count)</title></rect>\n"
        svg +=
          "<text x=\"\(fmt(x + cell / 2))\" y=\"\(fmt(y + cell / 2 + 5))\" text-anchor=\"middle\" font-size=\"13\" fill=\"\(level < 140 ? "#fff" : "#000")\">\(count)</text>\n"
      }
    }
    svg +=
      "<text x=\"0\" y=\"\(fmt(height - 8))\" font-size=\"11\" fill=\"#333\">\(escape(note))</text>\n</svg>"
    return svg
  }

  // MARK: - The brief's charts

  /// Codes by the number of participants whose speech carries them.
  static func themes(_ codes: CodeSummaryTable, noun: String, title: String) -> String? {
    let rows = codes.rows.filter { $0.depth <= 1 && $0.element != nil }
    guard !rows.isEmpty, codes.denominator > 0 else { return nil }
    let bars = rows.map { row in
      Bar(
        label: row.name, value: Double(row.participants.count),
        valueLabel: "\(row.participants.count) of \(codes.denominator)", indent: row.depth)
    }
    return Self.bars(
      title: title, axis: "Number of \(noun) (of \(codes.denominator))", bars: bars,
      maximum: Double(codes.denominator),
      note:
        "n = \(codes.denominator) \(noun). Dark bars: CHAT elements; light bars: their codes. A participant counts once per code."
    )
  }

  /// How many estimates fall in each band of hours.
  static func timeEstimates(_ table: TimeCommitmentTable, noun: String) -> String? {
    guard table.estimates.count >= 2, let largest = table.estimates.map(\.hours).max() else {
      return nil
    }
    let width = max(5.0, niceStep(largest * 1.25))
    var bars: [Bar] = []
    var lower = 0.0
    while lower <= largest {
      let upper = lower + width
      let inBand = table.estimates.filter { $0.hours >= lower && $0.hours < upper }
      bars.append(
        Bar(
          label:
            "\(formatNumber(lower))–\(formatNumber(upper - 1 < lower ? upper : upper - 1)) hours",
          value: Double(inBand.count), valueLabel: "\(inBand.count)"))
      lower = upper
    }
    let mean =
      table.meanHours.map { ", mean \(formatNumber(($0 * 10).rounded() / 10)) hours" } ?? ""
    return Self.bars(
      title: "Hours spent on the program, as estimated", axis: "Number of \(noun)", bars: bars,
      maximum: Double(max(1, bars.map(\.value).max().map(Int.init) ?? 1)),
      note:
        "n = \(table.estimates.count) \(noun) who gave an estimate\(mean). Ranges count at their midpoint."
    )
  }

  /// Mean of each numeric attribute by completion status.
  static func experience(_ table: ExperienceTable, label: (String) -> String) -> String? {
    guard let completion = table.completionAttribute else { return nil }
    var bars: [Bar] = []
    var largest = 0.0
    for number in table.numbers where number.group.hasPrefix(completion + " = ") {
      guard let mean = number.mean else { continue }
      let group =
        number.group.hasSuffix("= yes")
        ? "Completed" : number.group.hasSuffix("= no") ? "Did not complete" : number.group
      bars.append(
        Bar(
          label: "\(label(number.attribute)): \(group)", value: mean,
          valueLabel: "\(formatNumber((mean * 10).rounded() / 10)) (n = \(number.n))"))
      largest = max(largest, mean)
    }
    guard bars.count >= 2 else { return nil }
    return Self.bars(
      title: "Experience by completion status", axis: "Mean", bars: bars,
      maximum: max(1, niceStep(largest) * ceil(largest / niceStep(largest))),
      note: "Means over the participants of each group with a value; n per bar.")
  }

  /// Participants showing each pair of elements in tension.
  static func contradictions(_ summary: ContradictionSummary) -> String? {
    guard !summary.groups.isEmpty else { return nil }
    let (elements, counts) = contradictionCounts(summary)
    return heatmap(
      title: "Contradictions between CHAT elements", rows: elements.map(\.name),
      columns: elements.map(\.name), counts: counts,
      note:
        "Participants (of \(summary.interviewed.count)) whose answers show each pair in tension; the diagonal: within one element."
    )
  }

  /// The heatmap's elements (those in some tension) and its counts: the participants of the
  /// matrix table's cell for each pair (`ContradictionSummary.pair`), whatever reasons its
  /// detections give. (It took one reason's participants, and showed 4 where the table said 7.)
  static func contradictionCounts(_ summary: ContradictionSummary) -> (
    elements: [Element], counts: [[Int]]
  ) {
    let elements = summary.elementsInTension
    return (
      elements,
      elements.map { row in elements.map { column in summary.pair(row, column).participants } }
    )
  }

  // MARK: - Drawing helpers

  static func header(width: Double, height: Double, title: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(escape(title))" font-family="Helvetica, Arial, sans-serif" font-size="12">
    <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#fff"/>
    <text x="0" y="18" font-size="14" font-weight="bold">\(escape(clip(title, 95)))</text>

    """
  }

  /// A round step giving four to eight ticks up to `maximum`.
  static func niceStep(_ maximum: Double) -> Double {
    guard maximum > 0 else { return 1 }
    let raw = maximum / 5
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2.0, 5.0, 10.0] where raw <= factor * magnitude {
      return max(1, factor * magnitude)
    }
    return max(1, 10 * magnitude)
  }

  static func fmt(_ value: Double) -> String { SurveyChart.fmt(value) }
  static func clip(_ text: String, _ length: Int) -> String {
    SurveyChart.clip(text, max(4, length))
  }
  static func escape(_ text: String) -> String { SurveyChart.escape(text) }
}
