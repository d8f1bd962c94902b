import Foundation
public import QDAAnalysis
import QDAModel

/// Horizontal stacked bars for a block of Likert items, as the seed brief's Figure 2 draws
/// them: one bar per item, one segment per scale point from lowest to highest, each segment
/// labelled with its percent when wide enough, n at the end of each bar. Grey shades from light
/// (lowest) to dark (highest), with a legend, so it reads in greyscale and without colour; text
/// is escaped; every bar has a `<title>` for screen readers.
public enum SurveyChart {
  /// The chart's SVG.
  ///
  /// - Parameters:
  ///   - title: the block's question.
  ///   - items: the block's items (same scale).
  public static func likertBlock(title: String, items: [SurveyItemSummary]) -> String {
    let scale = items.first?.item.scale ?? []
    let used = scale.filter { point in
      items.contains { $0.distribution.contains { $0.label == point && !$0.respondents.isEmpty } }
    }
    let labelWidth = 330.0
    let barWidth = 420.0
    let rowHeight = 34.0
    let top = 40.0
    let legendHeight = 30.0
    let height = top + Double(items.count) * rowHeight + legendHeight + 38
    let width = labelWidth + barWidth + 70
    let shades = Self.shades(used.count)
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(escape(title))" font-family="Helvetica, Arial, sans-serif" font-size="12">
      <text x="0" y="18" font-size="14" font-weight="bold">\(escape(clip(title, 95)))</text>

      """
    for (row, entry) in items.enumerated() {
      let y = top + Double(row) * rowHeight
      let onScale = max(
        1,
        used.reduce(0) { total, point in
          total + (entry.distribution.first { $0.label == point }?.respondents.count ?? 0)
        })
      svg +=
        "<text x=\"\(Int(labelWidth - 8))\" y=\"\(fmt(y + 17))\" text-anchor=\"end\">\(escape(clip(entry.item.subItem ?? entry.item.text, 52)))</text>\n"
      var x = labelWidth
      for (index, point) in used.enumerated() {
        let count = entry.distribution.first { $0.label == point }?.respondents.count ?? 0
        guard count > 0 else { continue }
        let share = Double(count) / Double(onScale)
        let w = share * barWidth
        svg +=
          "<rect x=\"\(fmt(x))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight - 10))\" fill=\"\(shades[index])\" stroke=\"#000\" stroke-width=\"0.5\"><title>\(escape(point)): \(count) of \(onScale) (\(Int((share * 100).rounded()))%)</title></rect>\n"
        if w >= 28 {
          let textColor = index >= used.count / 2 ? "#fff" : "#000"
          svg +=
            "<text x=\"\(fmt(x + w / 2))\" y=\"\(fmt(y + 18))\" text-anchor=\"middle\" fill=\"\(textColor)\">\(Int((share * 100).rounded()))%</text>\n"
        }
        x += w
      }
      svg +=
        "<text x=\"\(fmt(labelWidth + barWidth + 6))\" y=\"\(fmt(y + 18))\">n = \(onScale)</text>\n"
    }
    // Legend, in rows that fit the width.
    var lx = 0.0
    var ly = top + Double(items.count) * rowHeight + 12
    for (index, point) in used.enumerated() {
      let itemWidth = 24 + Double(point.count) * 6.5
      if lx > 0, lx + itemWidth > width {
        lx = 0
        ly += 18
      }
      svg +=
        "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly))\" width=\"12\" height=\"12\" fill=\"\(shades[index])\" stroke=\"#000\" stroke-width=\"0.5\"/>"
      svg +=
        "<text x=\"\(fmt(lx + 16))\" y=\"\(fmt(ly + 10))\" font-size=\"11\">\(escape(point))</text>\n"
      lx += itemWidth
    }
    svg += "</svg>"
    return svg
  }

  /// Grey fills from light to dark.
  static func shades(_ count: Int) -> [String] {
    guard count > 1 else { return ["#666666"] }
    return (0..<count).map { index in
      let level = Int(230 - Double(index) / Double(count - 1) * 190)
      let hex = String(format: "%02x", level)
      return "#\(hex)\(hex)\(hex)"
    }
  }

  static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

  static func clip(_ text: String, _ length: Int) -> String {
    text.count > length ? String(text.prefix(length - 1)) + "…" : text
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
