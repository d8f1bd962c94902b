import QDAModel

/// Two coders' coded spans compared character by character, per code and per document, as
/// NVivo's Coding Comparison query does; also the documents as continua for unitizing α.
///
/// A document is compared when both coders reviewed it. Unless told which documents each coder
/// reviewed, a coder reviewed a document when they coded something in it. Overlapping spans of
/// one coder and code count each character once.
///
/// ```swift
/// let comparison = try CharacterComparison(
///   spans: spans, documentLengths: ["P04": 5120], firstCoder: "alice", secondCoder: "bob")
/// comparison.table(for: "rules.time").cohensKappa()
/// ```
public struct CharacterComparison: Sendable {
  /// The first coder's name.
  public let firstCoder: String
  /// The second coder's name.
  public let secondCoder: String
  /// The documents compared, sorted, with their lengths in Unicode scalars.
  public let documents: [(document: String, length: Int)]
  /// `coded[document][code]`: each coder's coded stretches, merged and sorted.
  let coded: [String: [String: (first: [Range<Int>], second: [Range<Int>])]]

  /// - Parameters:
  ///   - spans: the coded spans; spans by other coders are ignored.
  ///   - documentLengths: every compared document's length in Unicode scalars.
  ///   - firstCoder: the first coder.
  ///   - secondCoder: the second coder.
  ///   - reviewedDocuments: the documents each coder reviewed; when nil, those in which the
  ///     coder coded something.
  /// - Throws: ``AgreementError/Reason/unknownDocument`` for a compared document with no
  ///   length; ``AgreementError/Reason/invalidSpan`` for a span past its document's end.
  public init(
    spans: [CodedSpan], documentLengths: [String: Int], firstCoder: String, secondCoder: String,
    reviewedDocuments: [String: Set<String>]? = nil
  ) throws {
    let spans = spans.filter { $0.coder == firstCoder || $0.coder == secondCoder }
    var reviewed = reviewedDocuments ?? [:]
    if reviewedDocuments == nil {
      for span in spans { reviewed[span.coder, default: []].insert(span.document) }
    }
    let both = (reviewed[firstCoder] ?? []).intersection(reviewed[secondCoder] ?? []).sorted()
    var documents: [(document: String, length: Int)] = []
    for document in both {
      guard let length = documentLengths[document] else {
        throw AgreementError(.unknownDocument, "no length given for document \(document)")
      }
      documents.append((document, length))
    }
    let lengths = Dictionary(uniqueKeysWithValues: documents.map { ($0.document, $0.length) })
    var stretches: [String: [String: (first: [Range<Int>], second: [Range<Int>])]] = [:]
    for span in spans {
      guard let length = lengths[span.document] else { continue }
      guard span.span.end <= length else {
        throw AgreementError(
          .invalidSpan,
          "\(span.coder)'s \(span.code) span \(span.span) runs past the end of \(span.document) (\(length))"
        )
      }
      var pair = stretches[span.document, default: [:]][span.code, default: ([], [])]
      if span.coder == firstCoder { pair.first.append(span.span.start..<span.span.end) }
      if span.coder == secondCoder { pair.second.append(span.span.start..<span.span.end) }
      stretches[span.document, default: [:]][span.code] = pair
    }
    self.firstCoder = firstCoder
    self.secondCoder = secondCoder
    self.documents = documents
    coded = stretches.mapValues { codes in
      codes.mapValues { (Self.merged($0.first), Self.merged($0.second)) }
    }
  }

  /// Every code either coder applied in a compared document, sorted.
  public var codes: [String] { Set(coded.values.flatMap(\.keys)).sorted() }

  /// The 2×2 character table of one code in one document.
  public func table(for code: String, in document: String) -> CharacterAgreementTable {
    let length = documents.first { $0.document == document }?.length ?? 0
    let pair = coded[document]?[code] ?? ([], [])
    let first = Self.covered(pair.first)
    let second = Self.covered(pair.second)
    let both = Self.covered(Self.intersection(pair.first, pair.second))
    return CharacterAgreementTable(
      codedByBoth: both, codedByFirstOnly: first - both, codedBySecondOnly: second - both,
      codedByNeither: length - first - second + both, firstCoder: firstCoder,
      secondCoder: secondCoder,
      code: code)
  }

  /// One code's tables, one per compared document, in document order.
  public func tablesBySource(for code: String) -> [(
    document: String, table: CharacterAgreementTable
  )] {
    documents.map { ($0.document, table(for: code, in: $0.document)) }
  }

  /// One code's table pooled over every compared document (counts added, not κ averaged).
  public func table(for code: String) -> CharacterAgreementTable {
    CharacterAgreementTable(
      pooling: tablesBySource(for: code).map(\.table), firstCoder: firstCoder,
      secondCoder: secondCoder,
      code: code)
  }

  /// One document as a continuum of its characters, the coders' stretches of each code as
  /// segments, for ``UnitizingStudy/alpha(for:)``. Overlapping spans of one coder and code are
  /// merged; touching ones stay two segments.
  public func unitizingStudy(of document: String) throws -> UnitizingStudy {
    guard let length = documents.first(where: { $0.document == document })?.length, length > 0
    else {
      throw AgreementError(.unknownDocument, "document \(document) is not compared or is empty")
    }
    var study = UnitizingStudy(length: length, coders: [firstCoder, secondCoder])
    for (code, pair) in (coded[document] ?? [:]).sorted(by: { $0.key < $1.key }) {
      for range in pair.first {
        try study.add(
          begin: range.lowerBound, length: range.count, coder: firstCoder, category: code)
      }
      for range in pair.second {
        try study.add(
          begin: range.lowerBound, length: range.count, coder: secondCoder, category: code)
      }
    }
    return study
  }

  // MARK: - Stretches

  /// Ranges sorted, empty ones dropped, overlapping ones merged (touching ones kept apart).
  static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = result.last, range.lowerBound < last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  /// The positions both sorted, merged lists of ranges cover.
  static func intersection(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let low = max(a[i].lowerBound, b[j].lowerBound)
      let high = min(a[i].upperBound, b[j].upperBound)
      if low < high { result.append(low..<high) }
      if a[i].upperBound <= b[j].upperBound { i += 1 } else { j += 1 }
    }
    return result
  }

  /// The number of positions covered by disjoint ranges.
  static func covered(_ ranges: [Range<Int>]) -> Int { ranges.reduce(0) { $0 + $1.count } }
}
