/// Codings that cannot be compared as given: a coder with two values for one unit, a coder the
/// data does not have, a span outside its document.
///
/// Messages name coders, units, codes and offsets, never the coded text.
public struct AgreementError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What is wrong, for tests and callers to match.
  public enum Reason: String, Sendable, Equatable {
    /// One coder gave one unit two different values.
    case conflictingValues
    /// A coder named in a request is not in the data.
    case unknownCoder
    /// A coding names a passage the comparison was not given, or its span lies in no passage.
    case unknownPassage
    /// A coding names a document whose length the comparison was not given.
    case unknownDocument
    /// A coefficient for complete data was asked of units rated different numbers of times.
    case unequalRatingsPerUnit
    /// A span or segment lies outside its document or continuum, or has no length.
    case invalidSpan
    /// Two segments of one coder and one category overlap on a continuum.
    case overlappingSegments
  }

  /// What is wrong.
  public var reason: Reason
  /// What is wrong, for people: names coders, units and codes, never coded text.
  public var message: String

  public init(_ reason: Reason, _ message: String) {
    self.reason = reason
    self.message = message
  }

  public var description: String { message }
}
