import Foundation
import QDAModel
import QDAAnalysis
import QDAContradictions

extension BriefBuilder {
  /// The Contradictions section: each recurring contradiction with its elements named, counted
  /// in words, with an exemplar; single instances in one paragraph; the matrix in the tables.
  mutating func contradictionsSection() {
    guard let summary = contradictions, !summary.contradictions.isEmpty else { return }
    heading(1, "Contradictions", anchor: "contradictions")
    paragraph([
      .text(
        "In a CHAT analysis, tensions between elements of the activity system show where it pulls against itself. "
          + "They are not necessarily negative: resolving them can lead to development and innovation. "
          + "The contradictions below were detected in the \(noun.plural)' answers, from cues of tension and from content that pulls two ways, and are listed with the passages that show them."
      )
    ])
    if let svg = BriefCharts.contradictions(summary) {
      figure(
        "contradictions", svg,
        caption:
          "Figure \(figureCount + 1). Participants whose answers show each pair of elements in tension."
      )
    }
    for group in summary.recurring {
      let phrase = CountWording.phrase(
        group.participants.count, of: interviewed.count, total: interviewed.count, noun: noun)
      var spans: [Int64: [TextSpan]] = [:]
      for instance in group.instances {
        for span in instance.spans {
          if let id = instance.passageIDs.first(where: {
            corpus.passage($0)?.span.contains(span) == true
          }) {
            spans[id, default: []].append(span)
          }
        }
      }
      let title = "Contradiction — \(group.name): \(phrase)"
      var inlines: [Inline] = [.emphasis(group.name + "."), .text(" ")]
      inlines.append(
        count(
          CountWording.sentenceStart(phrase), title: title,
          passages: group.instances.flatMap(\.passageIDs), spans: spans))
      if group.isPrimary {
        inlines.append(.text(" described \(group.first.name.lowercased()) pulling two ways"))
      } else if let range = group.reason.range(of: " against ") {
        let a = group.reason[..<range.lowerBound]
        let b = group.reason[range.upperBound...]
        inlines.append(
          .text(
            " described a tension between \(a) and \(b): \(elementPhrase(group.second)) against \(elementPhrase(group.first))"
          ))
      } else {
        inlines.append(
          .text(
            " described a tension between \(elementPhrase(group.first)) and \(elementPhrase(group.second))"
          ))
      }
      let kinds = Dictionary(grouping: group.instances, by: \.manifestation).mapValues(\.count)
      if let top = kinds.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }) {
        inlines.append(.text(", most often voiced as a \(top.key.name)"))
      }
      inlines.append(.text("."))
      paragraph(inlines)
      let candidates: [(passageID: Int64, span: TextSpan)] = spans.keys.sorted().flatMap { id in
        (spans[id] ?? []).map { (passageID: id, span: $0) }
      }
      exemplar(candidates: candidates)
    }
    let single = summary.groups.filter { $0.participants.count == 1 }
    if !single.isEmpty {
      var inlines: [Inline] = [.text("Single instances: ")]
      for (index, group) in single.enumerated() {
        if index > 0 { inlines.append(.text(index == single.count - 1 ? " and " : ", ")) }
        inlines.append(
          count(
            group.name, title: "Contradiction — \(group.name): one \(noun.singular)",
            passages: group.instances.flatMap(\.passageIDs)))
        inlines.append(.text(" (\(group.participants.joined(separator: ", ")))"))
      }
      inlines.append(.text("."))
      paragraph(inlines)
    }
  }

  /// How the brief names an element in a contradiction: the content is a sign, the time a rule.
  func elementPhrase(_ element: Element) -> String {
    switch element {
    case .toolsAndSigns: "tools and signs (the content)"
    case .rules: "the rules"
    case .object: "the object (the program's design)"
    case .community: "the community"
    case .divisionOfLabor: "the division of labor"
    case .outcome: "the outcome"
    case .subject: "the subject"
    }
  }
}
