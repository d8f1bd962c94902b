/// One of the seven elements of a CHAT activity system (Engeström 1987).
///
/// Every code in a codebook belongs to exactly one element; the element is what contradiction
/// detection and the report's sections are organised by.
///
/// ```swift
/// Element(identifier: "tools_and_signs")?.name  // "Tools and signs"
/// ```
public enum Element: String, CaseIterable, Codable, Sendable, Comparable {
  case subject
  case object
  case outcome
  case rules
  case toolsAndSigns = "tools_and_signs"
  case community
  case divisionOfLabor = "division_of_labor"

  /// The element's name as the CHAT literature and the report write it.
  public var name: String {
    switch self {
    case .subject: "Subject"
    case .object: "Object"
    case .outcome: "Outcome"
    case .rules: "Rules"
    case .toolsAndSigns: "Tools and signs"
    case .community: "Community"
    case .divisionOfLabor: "Division of labor"
    }
  }

  /// Reads an element from its identifier or its name, ignoring case, spaces and `&`.
  ///
  /// - Parameter identifier: `tools_and_signs`, `Tools and signs`, `tools & signs`, `tools`…
  public init?(identifier: String) {
    var spelled = ""
    for character in identifier.lowercased() {
      if character == "&" { spelled += " and " } else { spelled.append(character) }
    }
    let key = spelled.split(whereSeparator: { !$0.isLetter }).joined(separator: "_")
    switch key {
    case "subject": self = .subject
    case "object": self = .object
    case "outcome", "outcomes": self = .outcome
    case "rules", "rule": self = .rules
    case "tools_and_signs", "tools", "tool", "signs", "tools_signs", "instruments",
      "mediating_artifacts":
      self = .toolsAndSigns
    case "community": self = .community
    case "division_of_labor", "division_of_labour", "division": self = .divisionOfLabor
    default: return nil
    }
  }

  private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: Element, rhs: Element) -> Bool { lhs.order < rhs.order }
}
