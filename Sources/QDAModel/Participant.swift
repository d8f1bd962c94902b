/// A participant (a case): one person interviewed or surveyed, with typed attributes.
public struct Participant: Hashable, Sendable, Codable {
  /// The participant's identifier, such as `P04`.
  public var id: String
  /// Attribute values by attribute name; an attribute the participant has no value for is absent.
  public var attributes: [String: AttributeValue]

  public init(id: String, attributes: [String: AttributeValue] = [:]) {
    self.id = id
    self.attributes = attributes
  }
}

/// The type of a participant attribute, inferred from its column.
public enum AttributeType: String, Codable, Sendable, CaseIterable {
  /// Numbers such as years as administrator.
  case number
  /// Yes/no values such as `completed`.
  case yesNo = "yes_no"
  /// Free categories such as school level or district.
  case category
}

/// One attribute value of a participant.
public enum AttributeValue: Hashable, Sendable, Codable, CustomStringConvertible {
  case number(Double)
  case yesNo(Bool)
  case category(String)

  /// The value as a table or report writes it: `12`, `12.5`, `yes`, `high school`.
  public var description: String {
    switch self {
    case .number(let value): formatNumber(value)
    case .yesNo(let value): value ? "yes" : "no"
    case .category(let value): value
    }
  }

  /// The numeric value, if this is a number.
  public var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }
}

/// A named, typed attribute column.
public struct AttributeDefinition: Hashable, Sendable, Codable {
  public var name: String
  public var type: AttributeType

  public init(name: String, type: AttributeType) {
    self.name = name
    self.type = type
  }
}

/// Formats a number the way tables show it: integers without a decimal point, others with at
/// most two decimals (`18`, `17.5`, `0.33`).
public func formatNumber(_ value: Double) -> String {
  if value.isNaN { return "NaN" }
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  var text = String(format2: value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}

extension String {
  /// Two-decimal fixed formatting without Foundation.
  init(format2 value: Double) {
    let scaled = (value * 100).rounded()
    let negative = scaled < 0
    let magnitude = Int64(abs(scaled))
    let whole = magnitude / 100
    let fraction = magnitude % 100
    let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
    self = "\(negative ? "-" : "")\(whole).\(fractionText)"
  }
}
