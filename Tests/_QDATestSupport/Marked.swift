/// Text with spans marked inline, the way swift-format marks findings: `⟦` opens a span and `⟧`
/// closes it. The markers are removed and the spans returned in Unicode-scalar offsets.
///
/// ```swift
/// let marked = Marked("We ⟦collaborated⟧ a lot.")
/// marked.text   // "We collaborated a lot."
/// marked.spans  // [3..<15]
/// ```
public struct Marked {
  public let text: String
  public let spans: [Range<Int>]

  public init(_ source: String) {
    var scalars = String.UnicodeScalarView()
    var spans: [Range<Int>] = []
    var open: [Int] = []
    var offset = 0
    for scalar in source.unicodeScalars {
      switch scalar {
      case "⟦": open.append(offset)
      case "⟧":
        if let start = open.popLast() { spans.append(start..<offset) }
      default:
        scalars.append(scalar)
        offset += 1
      }
    }
    text = String(scalars)
    self.spans = spans.sorted { $0.lowerBound < $1.lowerBound }
  }
}
