/// Segments that coders marked on a continuum (a document's characters, a recording's seconds),
/// each with a category, for Krippendorff's unitizing α.
///
/// Each coder's segments of one category split the continuum into units and gaps. A coder's
/// segments of one category may touch but not overlap; segments of different categories may.
///
/// ```swift
/// // Krippendorff (2004, p. 254): continuum 150..<450, two coders.
/// var study = UnitizingStudy(begin: 150, length: 300, coders: ["i", "j"])
/// try study.add(begin: 225, length: 70, coder: "i", category: "c")
/// try study.add(begin: 220, length: 80, coder: "j", category: "c")
/// study.alpha(for: "c").value
/// ```
public struct UnitizingStudy: Hashable, Sendable {
  /// One coder's segment of one category.
  public struct Segment: Hashable, Sendable {
    /// The segment's first position.
    public var begin: Int
    /// The number of positions it covers.
    public var length: Int
    /// The coder who marked it.
    public var coder: String
    /// Its category (a code).
    public var category: String

    /// The first position after the segment.
    public var end: Int { begin + length }
  }

  /// The continuum's first position.
  public private(set) var begin: Int
  /// The continuum's length L.
  public private(set) var length: Int
  /// The coders, R of them, whether or not they marked anything.
  public private(set) var coders: [String]
  /// The segments, in the order added.
  public private(set) var segments: [Segment] = []

  /// An empty study.
  ///
  /// - Parameters:
  ///   - begin: the continuum's first position.
  ///   - length: the continuum's length; must be positive.
  ///   - coders: the coders; a coder who marks nothing still counts.
  public init(begin: Int = 0, length: Int, coders: [String]) {
    precondition(length > 0, "a continuum needs a length")
    self.begin = begin
    self.length = length
    self.coders = coders
  }

  /// Adds one coder's segment.
  ///
  /// - Throws: ``AgreementError/Reason/invalidSpan`` for a segment with no length or outside
  ///   the continuum; ``AgreementError/Reason/unknownCoder`` for a coder the study does not
  ///   have; ``AgreementError/Reason/overlappingSegments`` when it overlaps a segment of the
  ///   same coder and category.
  public mutating func add(begin: Int, length: Int, coder: String, category: String) throws {
    let segment = Segment(begin: begin, length: length, coder: coder, category: category)
    guard length > 0, begin >= self.begin, segment.end <= self.begin + self.length else {
      throw AgreementError(
        .invalidSpan,
        "\(coder)'s \(category) segment \(begin)..<\(segment.end) lies outside the continuum "
          + "\(self.begin)..<\(self.begin + self.length) or is empty")
    }
    guard coders.contains(coder) else {
      throw AgreementError(
        .unknownCoder, "\(coder) is not one of the coders: \(coders.joinedAsList)")
    }
    if let other = segments.first(where: {
      $0.coder == coder && $0.category == category && $0.begin < segment.end
        && segment.begin < $0.end
    }) {
      throw AgreementError(
        .overlappingSegments,
        "\(coder)'s \(category) segments \(other.begin)..<\(other.end) and \(begin)..<\(segment.end) overlap"
      )
    }
    segments.append(segment)
  }

  /// The categories, in order of first appearance.
  public var categories: [String] {
    var seen: Set<String> = []
    return segments.map(\.category).filter { seen.insert($0).inserted }
  }

  /// One coder's segments of one category, in order along the continuum.
  func segments(of coder: String, in category: String) -> [Segment] {
    segments.filter { $0.coder == coder && $0.category == category }.sorted { $0.begin < $1.begin }
  }

  /// The continuum cut into a coder's units and gaps for one category, in order.
  func sections(of coder: String, in category: String) -> [Section] {
    var sections: [Section] = []
    var position = begin
    for segment in segments(of: coder, in: category) {
      if segment.begin > position {
        sections.append(Section(begin: position, length: segment.begin - position, isUnit: false))
      }
      sections.append(Section(begin: segment.begin, length: segment.length, isUnit: true))
      position = segment.end
    }
    if position < begin + length {
      sections.append(Section(begin: position, length: begin + length - position, isUnit: false))
    }
    return sections
  }

  /// A stretch of the continuum: one of a coder's units, or a gap between them.
  struct Section {
    var begin: Int
    var length: Int
    var isUnit: Bool
    var end: Int { begin + length }
  }
}
