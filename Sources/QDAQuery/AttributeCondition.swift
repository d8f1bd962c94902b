import Foundation
public import QDAModel

/// A filter on a participant attribute, as `--where` writes it: `completed=no`,
/// `years_as_admin>=15`, `district!=Rock Creek SD 118`.
///
/// Numbers compare as numbers; yes/no attributes accept yes, no, true, false, y, n; categories
/// compare without regard to case. A participant without the attribute never matches (except
/// `!=`, which it satisfies).
///
/// ```swift
/// let condition = try AttributeCondition("years_as_admin>=15")
/// condition.matches(participant)  // true for 17 years
/// ```
public struct AttributeCondition: Hashable, Sendable, CustomStringConvertible {
  public enum Operator: String, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", atLeast = ">=", atMost = "<=", greater = ">", less = "<"
  }

  public var attribute: String
  public var op: Operator
  public var value: String

  /// Parses `name<op>value`.
  ///
  /// - Throws: ``QueryError`` when there is no operator, no name or no value.
  public init(_ text: String) throws {
    // Two-character operators first, so `>=` is not read as `>` then `=`.
    let operators: [Operator] = [.notEqual, .atLeast, .atMost, .equal, .greater, .less]
    for candidate in operators {
      if let range = text.range(of: candidate.rawValue) {
        let name = text[..<range.lowerBound].trimmingSpaces
        let value = text[range.upperBound...].trimmingSpaces
        guard !name.isEmpty else {
          throw QueryError("--where \(text): name the attribute before \(candidate.rawValue)")
        }
        guard !value.isEmpty else {
          throw QueryError("--where \(text): give a value after \(candidate.rawValue)")
        }
        attribute = name
        op = candidate
        self.value = value
        return
      }
    }
    throw QueryError(
      "--where \(text): write attribute=value, or use !=, >=, <=, > or < (for example completed=no, years_as_admin>=15)"
    )
  }

  public var description: String { "\(attribute)\(op.rawValue)\(value)" }

  /// Whether a participant satisfies the condition.
  public func matches(_ participant: Participant?) -> Bool {
    let stored = participant?.attributes.first { $0.key.lowercased() == attribute.lowercased() }?
      .value
    guard let stored else { return op == .notEqual }
    switch stored {
    case .number(let number):
      guard let wanted = Double(value) else { return op == .notEqual }
      return compare(number, wanted)
    case .yesNo(let flag):
      guard let wanted = Self.yesNo(value) else { return op == .notEqual }
      switch op {
      case .equal: return flag == wanted
      case .notEqual: return flag != wanted
      default: return false
      }
    case .category(let text):
      let order = Self.folded(text).ordering(Self.folded(value))
      switch op {
      case .equal: return order == .orderedSame
      case .notEqual: return order != .orderedSame
      case .atLeast: return order != .orderedAscending
      case .atMost: return order != .orderedDescending
      case .greater: return order == .orderedDescending
      case .less: return order == .orderedAscending
      }
    }
  }

  func compare(_ number: Double, _ wanted: Double) -> Bool {
    switch op {
    case .equal: number == wanted
    case .notEqual: number != wanted
    case .atLeast: number >= wanted
    case .atMost: number <= wanted
    case .greater: number > wanted
    case .less: number < wanted
    }
  }

  /// A category as compared: lower case, runs of spaces, underscores and hyphens as one space
  /// (`High_School`, `high  school` and `high-school` are `high school`).
  static func folded(_ text: String) -> String {
    var result = ""
    var pendingSpace = false
    for character in text.lowercased() {
      if character == " " || character == "_" || character == "-" || character == "\t" {
        pendingSpace = !result.isEmpty
        continue
      }
      if pendingSpace { result.append(" ") }
      pendingSpace = false
      result.append(character)
    }
    return result
  }

  /// Why no participant satisfies this condition, when none does: the values the attribute
  /// has (categories listed, numbers as a range, yes/no as such).
  public func explanation(_ participants: [Participant]) -> String? {
    guard !participants.contains(where: matches) else { return nil }
    let values = participants.compactMap {
      $0.attributes.first { $0.key.lowercased() == attribute.lowercased() }?.value
    }
    guard !values.isEmpty else { return "no participant has a value for \(attribute)" }
    var categories = Set<String>()
    var numbers: [Double] = []
    var flags = Set<String>()
    for value in values {
      switch value {
      case .category(let text): categories.insert(text)
      case .number(let number): numbers.append(number)
      case .yesNo(let flag): flags.insert(flag ? "yes" : "no")
      }
    }
    var parts: [String] = []
    if !categories.isEmpty { parts.append(categories.sorted().joined(separator: ", ")) }
    if let low = numbers.min(), let high = numbers.max() {
      func show(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
      }
      parts.append(low == high ? show(low) : "\(show(low)) to \(show(high))")
    }
    if !flags.isEmpty { parts.append(flags.sorted().reversed().joined(separator: ", ")) }
    return "no participant has \(description); \(attribute) has: \(parts.joined(separator: "; "))"
  }

  static func yesNo(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "yes", "y", "true", "1": true
    case "no", "n", "false", "0": false
    default: nil
    }
  }
}

/// A query the user can fix: what is wrong and how to write it.
public struct QueryError: Error, CustomStringConvertible, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension Substring {
  var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

extension String {
  func ordering(_ other: String) -> ComparisonOrder {
    self == other ? .orderedSame : (self < other ? .orderedAscending : .orderedDescending)
  }

  func trimmingCharacters(inSet characters: String) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}

enum ComparisonOrder { case orderedAscending, orderedSame, orderedDescending }
