public import QDAModel
import QDAText

/// A participant's sentence as the learned coder reads it: the sentence, the interviewer's turn
/// it answers, the sentences around it, and what the rules found in it.
public struct CodingUnit: Hashable, Sendable {
  public var passageID: Int64
  /// The document's key, for folds by document.
  public var document: String
  /// Where the sentence lies in the document.
  public var span: TextSpan
  public var text: String
  /// The last interviewer passage before the sentence's passage ("" at the start of an
  /// interview, or for a survey answer with no item text).
  public var context: String
  /// The sentences before and after it in the same passage, if any.
  public var previous: String?
  public var next: String?
  /// The elements and codes the rules coded on this sentence, and the rules that fired.
  public var ruleElements: Set<Element>
  public var ruleCodes: Set<String>
  public var rules: Set<String>

  public init(
    passageID: Int64, document: String, span: TextSpan, text: String, context: String = "",
    previous: String? = nil,
    next: String? = nil, ruleElements: Set<Element> = [], ruleCodes: Set<String> = [],
    rules: Set<String> = []
  ) {
    self.passageID = passageID
    self.document = document
    self.span = span
    self.text = text
    self.context = context
    self.previous = previous
    self.next = next
    self.ruleElements = ruleElements
    self.ruleCodes = ruleCodes
    self.rules = rules
  }

  /// Every text whose vector the unit's features read.
  public var texts: [String] {
    var texts = [text]
    if !context.isEmpty { texts.append(context) }
    if let previous { texts.append(previous) }
    if let next { texts.append(next) }
    return texts
  }

  /// The units of one document: every sentence of every passage not spoken by the interviewer,
  /// in order.
  ///
  /// - Parameters:
  ///   - passages: the document's passages, in order.
  ///   - document: the document's key.
  ///   - ruleCodings: the rules' codings of these passages (for the rule features).
  ///   - codebook: where the rules' codes sit among the elements.
  public static func units(
    of passages: [Passage], document: String, ruleCodings: [Coding] = [], codebook: Codebook? = nil
  ) -> [CodingUnit] {
    var byPassage: [Int64: [Coding]] = [:]
    for coding in ruleCodings { byPassage[coding.passageID, default: []].append(coding) }
    var elementOf: [String: Element] = [:]
    for code in codebook?.codes ?? [] {
      if let element = code.element { elementOf[code.id] = element }
    }
    var units: [CodingUnit] = []
    var context = ""
    for passage in passages.sorted(by: { $0.ordinal < $1.ordinal }) {
      if passage.role == .interviewer {
        context = passage.text
        continue
      }
      guard let passageID = passage.id else { continue }
      let scalars = Array(scalarsOf: passage.text)
      let ranges = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count)
      let texts = ranges.map { String(scalars: scalars[$0]) }
      let codings = byPassage[passageID] ?? []
      for (index, range) in ranges.enumerated() {
        let span = TextSpan(
          start: passage.span.start + range.lowerBound, end: passage.span.start + range.upperBound)
        var unit = CodingUnit(
          passageID: passageID, document: document, span: span, text: texts[index],
          context: context,
          previous: index > 0 ? texts[index - 1] : nil,
          next: index + 1 < texts.count ? texts[index + 1] : nil)
        for coding in codings where coding.span.overlaps(span) {
          unit.ruleCodes.insert(coding.codeID)
          if let rule = coding.ruleID { unit.rules.insert(rule) }
          if let element = elementOf[coding.codeID] { unit.ruleElements.insert(element) }
        }
        units.append(unit)
      }
    }
    return units
  }

  /// Whether a coded span labels this unit: they overlap by more than half of the shorter.
  public func isLabelled(by span: TextSpan) -> Bool {
    let overlap = min(self.span.end, span.end) - max(self.span.start, span.start)
    return overlap > 0 && 2 * overlap > min(self.span.length, span.length)
  }
}
