/// How descriptions name the units compared: "unit", "passage", "character".
public struct UnitNoun: Hashable, Sendable {
  /// `passage`.
  public var singular: String
  /// `passages`.
  public var plural: String

  public init(singular: String, plural: String) {
    self.singular = singular
    self.plural = plural
  }

  /// Generic units of reliability data.
  public static let unit = UnitNoun(singular: "unit", plural: "units")
  /// Passages of a transcript.
  public static let passage = UnitNoun(singular: "passage", plural: "passages")
  /// Characters (Unicode scalars) of a document.
  public static let character = UnitNoun(singular: "character", plural: "characters")

  /// `1 passage`, `42 passages`.
  public func counted(_ count: Int) -> String { "\(count) \(count == 1 ? singular : plural)" }
}

/// Units dropped before reliability data was built, so that descriptions can still say so.
public struct SetAsideUnits: Hashable, Sendable {
  /// How many units were dropped.
  public var count: Int
  /// Why, as a phrase completing "N passages …": `seen by only some of the coders`.
  public var reason: String

  public init(count: Int, reason: String) {
    self.count = count
    self.reason = reason
  }
}

// MARK: - Description helpers

extension Array where Element == String {
  /// `alice`, `alice and bob`, `alice, bob and carol`.
  var joinedAsList: String {
    switch count {
    case 0: ""
    case 1: self[0]
    default: dropLast().joined(separator: ", ") + " and " + self[count - 1]
    }
  }
}

extension UnitNoun {
  /// The clauses that say which units were left out and why, each starting with "; ":
  /// "; 3 passages coded by one coder only were left out".
  func leftOut(
    singleValue: Int, singleValueReason: String, singleValueFate: String = "left out",
    empty: Int = 0,
    emptyReason: String = "", setAside: SetAsideUnits?
  ) -> String {
    var text = ""
    if singleValue > 0 {
      text +=
        "; \(counted(singleValue)) \(singleValueReason) \(singleValue == 1 ? "was" : "were") \(singleValueFate)"
    }
    if empty > 0 {
      text += "; \(counted(empty)) \(emptyReason) \(empty == 1 ? "was" : "were") left out"
    }
    if let setAside, setAside.count > 0 {
      text +=
        "; \(counted(setAside.count)) \(setAside.reason) \(setAside.count == 1 ? "was" : "were") set aside"
    }
    return text
  }
}
