/// A REFI-QDA project (the content of a `.qdpx`) as plain values, in the standard's own terms.
///
/// The reader fills one from another tool's export; the writer turns one into `project.qde`.
/// Text positions are always Unicode-scalar offsets into `REFITextSource.text` (LF line breaks,
/// no byte-order mark), half-open: the reader converts each vendor's unit into these.
public struct REFIProject: Sendable, Hashable {
  public var name: String
  public var origin: String?
  public var creationDateTime: String?
  public var users: [REFIUser] = []
  /// Codes in depth-first order; a code's parent comes before it.
  public var codes: [REFICode] = []
  public var variables: [REFIVariable] = []
  public var cases: [REFICase] = []
  public var sources: [REFITextSource] = []
  public var notes: [REFINote] = []
  public var description: String?

  public init(name: String, origin: String? = nil, creationDateTime: String? = nil) {
    self.name = name
    self.origin = origin
    self.creationDateTime = creationDateTime
  }
}

public struct REFIUser: Sendable, Hashable {
  public var guid: String
  public var name: String
  public init(guid: String, name: String) { self.guid = guid; self.name = name }
}

public struct REFICode: Sendable, Hashable {
  public var guid: String
  public var name: String
  public var isCodable: Bool
  /// `#rrggbb`, lower case.
  public var color: String?
  public var description: String?
  public var parentGUID: String?

  public init(
    guid: String, name: String, isCodable: Bool = true, color: String? = nil,
    description: String? = nil, parentGUID: String? = nil
  ) {
    self.guid = guid
    self.name = name
    self.isCodable = isCodable
    self.color = color
    self.description = description
    self.parentGUID = parentGUID
  }
}

public struct REFIVariable: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case text = "Text", boolean = "Boolean", integer = "Integer", float = "Float", date = "Date",
      dateTime = "DateTime"
  }
  public var guid: String
  public var name: String
  public var kind: Kind
  public init(guid: String, name: String, kind: Kind) {
    self.guid = guid; self.name = name; self.kind = kind
  }
}

/// A variable's value as written (`TextValue`, `BooleanValue`…): the kind says which element.
public struct REFIValue: Sendable, Hashable {
  public var variableGUID: String
  public var kind: REFIVariable.Kind
  public var text: String
  public init(variableGUID: String, kind: REFIVariable.Kind, text: String) {
    self.variableGUID = variableGUID
    self.kind = kind
    self.text = text
  }
}

public struct REFICase: Sendable, Hashable {
  public var guid: String
  public var name: String?
  public var description: String?
  public var values: [REFIValue] = []
  public var sourceGUIDs: [String] = []
  public init(guid: String, name: String?) { self.guid = guid; self.name = name }
}

public struct REFICoding: Sendable, Hashable {
  public var guid: String
  public var codeGUID: String
  public var creatingUser: String?
  public var creationDateTime: String?
  public var noteGUIDs: [String] = []
  public init(
    guid: String, codeGUID: String, creatingUser: String? = nil, creationDateTime: String? = nil
  ) {
    self.guid = guid
    self.codeGUID = codeGUID
    self.creatingUser = creatingUser
    self.creationDateTime = creationDateTime
  }
}

public struct REFISelection: Sendable, Hashable {
  public var guid: String
  public var name: String?
  /// Unicode-scalar offsets into the source's text, half-open.
  public var start: Int
  public var end: Int
  public var description: String?
  public var creatingUser: String?
  public var creationDateTime: String?
  public var codings: [REFICoding] = []
  public var noteGUIDs: [String] = []
  public init(guid: String, name: String? = nil, start: Int, end: Int) {
    self.guid = guid
    self.name = name
    self.start = start
    self.end = end
  }
}

public struct REFITextSource: Sendable, Hashable {
  public var guid: String
  public var name: String
  /// The plain text (LF line breaks, no BOM).
  public var text: String
  /// The internal file the text is kept in (`<guid>.txt`), when it is not inline.
  public var plainTextFile: String?
  public var description: String?
  public var creatingUser: String?
  public var creationDateTime: String?
  public var selections: [REFISelection] = []
  /// Codings of the whole source.
  public var codings: [REFICoding] = []
  public var noteGUIDs: [String] = []
  public var values: [REFIValue] = []
  public init(guid: String, name: String, text: String, plainTextFile: String? = nil) {
    self.guid = guid
    self.name = name
    self.text = text
    self.plainTextFile = plainTextFile
  }
}

/// A note (memo): in the standard a note is a text source of its own.
public struct REFINote: Sendable, Hashable {
  public var guid: String
  public var name: String?
  public var text: String
  public var creatingUser: String?
  public var creationDateTime: String?
  public init(
    guid: String, name: String?, text: String, creatingUser: String? = nil,
    creationDateTime: String? = nil
  ) {
    self.guid = guid
    self.name = name
    self.text = text
    self.creatingUser = creatingUser
    self.creationDateTime = creationDateTime
  }
}
