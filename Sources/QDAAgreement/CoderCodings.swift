public import QDAModel

/// A passage codings can fall in: its document, its identity, and where it lies.
public struct PassageLocation: Hashable, Sendable {
  /// The document's key.
  public var document: String
  /// The passage's identity within the project (its row id, as text).
  public var passage: String
  /// Where the passage lies in the document, for placing codings given as spans.
  public var span: TextSpan?

  public init(document: String, passage: String, span: TextSpan? = nil) {
    self.document = document
    self.passage = passage
    self.span = span
  }

  /// The location of a passage of a document.
  ///
  /// - Parameters:
  ///   - passage: the passage; identified by its row id, or by its ordinal when not stored.
  ///   - document: the document's key.
  public init(_ passage: Passage, document: String) {
    self.init(
      document: document, passage: String(passage.id ?? Int64(passage.ordinal)), span: passage.span)
  }

  /// `document#passage`, the unit label reliability data uses.
  public var label: String { "\(document)#\(passage)" }
}

/// A coder's code on a whole passage.
public struct PassageCoding: Hashable, Sendable {
  /// The document's key.
  public var document: String
  /// The passage's identity, as in ``PassageLocation/passage``.
  public var passage: String
  /// The code applied.
  public var code: String
  /// Who applied it.
  public var coder: String

  public init(document: String, passage: String, code: String, coder: String) {
    self.document = document
    self.passage = passage
    self.code = code
    self.coder = coder
  }

  /// A stored coding, placed by its passage.
  ///
  /// - Parameters:
  ///   - coding: the coding.
  ///   - document: the key of the document its passage belongs to.
  public init(_ coding: Coding, document: String) {
    self.init(
      document: document, passage: String(coding.passageID), code: coding.codeID,
      coder: coding.coder)
  }
}

/// A coder's code on a span of a document's text, in Unicode-scalar offsets.
public struct CodedSpan: Hashable, Sendable {
  /// The document's key.
  public var document: String
  /// The coded characters, half-open, in Unicode-scalar offsets into the document's text.
  public var span: TextSpan
  /// The code applied.
  public var code: String
  /// Who applied it.
  public var coder: String

  public init(document: String, span: TextSpan, code: String, coder: String) {
    self.document = document
    self.span = span
    self.code = code
    self.coder = coder
  }

  /// A stored coding, placed by its span.
  ///
  /// - Parameters:
  ///   - coding: the coding.
  ///   - document: the key of the document it lies in.
  public init(_ coding: Coding, document: String) {
    self.init(document: document, span: coding.span, code: coding.codeID, coder: coding.coder)
  }
}

/// The codes of one CHAT element a coder applied to a passage, the category of a per-element
/// nominal unit: `none`, `rules.time`, or `rules.time+rules.incentives` when a coder applied two
/// codes of the element (a category of its own).
public struct CodeSet: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The codes, sorted.
  public private(set) var codes: [String]

  /// The set of the given codes.
  public init(_ codes: some Sequence<String>) { self.codes = Set(codes).sorted() }

  /// No code of the element.
  public static let none = CodeSet([])

  public var description: String { codes.isEmpty ? "none" : codes.joined(separator: "+") }

  public static func < (lhs: CodeSet, rhs: CodeSet) -> Bool {
    lhs.codes.lexicographicallyPrecedes(rhs.codes)
  }
}
