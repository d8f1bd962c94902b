public import QDAModel

/// Coders' codings of the same passages, turned into reliability data: per code, was the passage
/// coded with it (yes/no); per CHAT element, which of its codes was applied.
///
/// A passage is compared when every compared coder reviewed its document. Unless told which
/// documents each coder reviewed, a coder reviewed a document when they coded something in it.
/// Passages of documents only some coders reviewed are set aside and counted in every
/// description. Passages nobody coded still count: "neither coded it" is agreement.
///
/// ```swift
/// let comparison = try PassageComparison(
///   passages: passages, codings: codings, coders: ["alice", "bob"])
/// let table = try comparison.binaryUnits(for: "rules.time").contingencyTable(between: "alice", and: "bob")
/// table.cohensKappa().summary  // "Cohen's κ over 42 passages coded by both alice and bob; …"
/// ```
public struct PassageComparison: Sendable {
  /// The coders compared.
  public let coders: [String]
  /// The passages compared: those whose document every coder reviewed, in the order given.
  public let passages: [PassageLocation]
  /// Passages of documents only some of the coders reviewed.
  public let setAside: SetAsideUnits?
  /// `applied[passage][coder]`: the codes the coder applied to the passage.
  let applied: [[Set<String>]]

  /// - Parameters:
  ///   - passages: every passage of the documents, coded or not.
  ///   - codings: codings placed by passage.
  ///   - spans: codings placed by span; each counts for every passage of its document it
  ///     overlaps, so the passages need spans.
  ///   - coders: the coders to compare; codings by anyone else (such as `auto`) are ignored.
  ///   - reviewedDocuments: the documents each coder reviewed; when nil, those in which the
  ///     coder coded something.
  /// - Throws: ``AgreementError/Reason/unknownPassage`` for a coding of a compared coder that
  ///   names a passage not in `passages`, or a span that overlaps none of its document's.
  public init(
    passages: [PassageLocation], codings: [PassageCoding], spans: [CodedSpan] = [],
    coders: [String], reviewedDocuments: [String: Set<String>]? = nil
  ) throws {
    let compared = Set(coders)
    let codings = codings.filter { compared.contains($0.coder) }
    let spans = spans.filter { compared.contains($0.coder) }
    var reviewed = reviewedDocuments ?? [:]
    if reviewedDocuments == nil {
      for coding in codings { reviewed[coding.coder, default: []].insert(coding.document) }
      for span in spans { reviewed[span.coder, default: []].insert(span.document) }
    }
    let seenByAll = passages.filter { passage in
      coders.allSatisfy { reviewed[$0]?.contains(passage.document) ?? false }
    }
    let seenBySome = passages.filter { passage in
      coders.contains { reviewed[$0]?.contains(passage.document) ?? false }
    }

    let index = Dictionary(
      passages.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { first, _ in first })
    let byDocument = Dictionary(grouping: passages.indices, by: { passages[$0].document })
    var codes = Array(repeating: [String: Set<String>](), count: passages.count)
    for coding in codings {
      let label = PassageLocation(document: coding.document, passage: coding.passage).label
      guard let passage = index[label] else {
        throw AgreementError(
          .unknownPassage,
          "\(coding.coder) coded \(coding.code) on passage \(label), which is not among the passages"
        )
      }
      codes[passage][coding.coder, default: []].insert(coding.code)
    }
    for span in spans {
      let hits = (byDocument[span.document] ?? []).filter {
        passages[$0].span.map { $0.overlaps(span.span) } ?? false
      }
      guard !hits.isEmpty else {
        throw AgreementError(
          .unknownPassage,
          "\(span.coder)'s \(span.code) span \(span.span) in \(span.document) lies in no passage")
      }
      for passage in hits { codes[passage][span.coder, default: []].insert(span.code) }
    }
    let keep = Set(seenByAll.map(\.label))
    self.coders = coders
    self.passages = seenByAll
    self.applied = passages.indices.filter { keep.contains(passages[$0].label) }.map { passage in
      coders.map { codes[passage][$0] ?? [] }
    }
    let aside = seenBySome.count - seenByAll.count
    setAside =
      aside > 0 ? SetAsideUnits(count: aside, reason: "seen by only some of the coders") : nil
  }

  /// Every code a compared coder applied to a compared passage, sorted.
  public var codes: [String] { Set(applied.joined().joined()).sorted() }

  /// Per-code binary units: for each compared passage and coder, whether the coder applied the
  /// code (`true`) or not (`false`). No value is missing.
  ///
  /// - Parameter code: the code.
  public func binaryUnits(for code: String) -> ReliabilityData<Bool> {
    var data = ReliabilityData(
      coders: coders, valuesByUnit: applied.map { row in row.map { $0.contains(code) } },
      units: passages.map(\.label), unitNoun: .passage)
    data.setAside = setAside
    return data
  }

  /// Per-element nominal units: for each compared passage and coder, which codes of the element
  /// the coder applied (``CodeSet/none`` when none).
  ///
  /// - Parameters:
  ///   - element: the CHAT element.
  ///   - codeElements: each code's element; codes it does not list belong to no element.
  ///   - uncodedAsMissing: when true, a coder who applied no code of the element to a passage
  ///     has no value there, so the units compare only *which* code coders chose where they
  ///     both coded the element (as ATLAS.ti's cu-α does); when false, `none` is a category.
  public func elementUnits(
    for element: Element, codeElements: [String: Element], uncodedAsMissing: Bool = false
  ) -> ReliabilityData<CodeSet> {
    let values: [[CodeSet?]] = applied.map { row in
      row.map { codes in
        let set = CodeSet(codes.filter { codeElements[$0] == element })
        return uncodedAsMissing && set == .none ? nil : set
      }
    }
    var data = ReliabilityData(
      coders: coders, valuesByUnit: values, units: passages.map(\.label), unitNoun: .passage)
    data.setAside = setAside
    return data
  }

  /// Per-element nominal units with each code's element taken from a codebook.
  ///
  /// - Parameters:
  ///   - element: the CHAT element.
  ///   - codebook: the codebook the codes come from.
  ///   - uncodedAsMissing: see ``elementUnits(for:codeElements:uncodedAsMissing:)``.
  public func elementUnits(for element: Element, codebook: Codebook, uncodedAsMissing: Bool = false)
    -> ReliabilityData<CodeSet>
  {
    let elements = Dictionary(
      codebook.codes.compactMap { code in code.element.map { (code.id, $0) } },
      uniquingKeysWith: { first, _ in first })
    return elementUnits(for: element, codeElements: elements, uncodedAsMissing: uncodedAsMissing)
  }
}
