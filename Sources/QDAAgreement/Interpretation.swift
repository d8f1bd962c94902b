/// Landis & Koch's (1977) bands for κ-type coefficients, half-open [lower, upper) as irrCAC's
/// `landis.koch.csv` has them: 0.2 is fair, 0.1999 slight.
public enum LandisKochBand: String, CaseIterable, Sendable, Comparable {
  /// Below 0.
  case poor
  /// [0, 0.2).
  case slight
  /// [0.2, 0.4).
  case fair
  /// [0.4, 0.6).
  case moderate
  /// [0.6, 0.8).
  case substantial
  /// 0.8 and above.
  case almostPerfect

  /// The band a coefficient falls in.
  public init(_ coefficient: Double) {
    self =
      switch coefficient {
      case ..<0: .poor
      case ..<0.2: .slight
      case ..<0.4: .fair
      case ..<0.6: .moderate
      case ..<0.8: .substantial
      default: .almostPerfect
      }
  }

  /// The band's name as Landis & Koch wrote it: `Almost perfect`.
  public var label: String {
    switch self {
    case .poor: "Poor"
    case .slight: "Slight"
    case .fair: "Fair"
    case .moderate: "Moderate"
    case .substantial: "Substantial"
    case .almostPerfect: "Almost perfect"
    }
  }

  public static func < (lhs: LandisKochBand, rhs: LandisKochBand) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// Fleiss' (1981) bands, half-open as irrCAC's `fleiss.csv`: below 0.40 poor, [0.40, 0.75)
/// intermediate to good, 0.75 and above excellent. NVivo's help uses the same cut points.
public enum FleissBand: String, CaseIterable, Sendable, Comparable {
  case poor
  case intermediateToGood
  case excellent

  /// The band a coefficient falls in.
  public init(_ coefficient: Double) {
    self =
      switch coefficient {
      case ..<0.4: .poor
      case ..<0.75: .intermediateToGood
      default: .excellent
      }
  }

  /// The band's name as Fleiss wrote it: `Intermediate to good`.
  public var label: String {
    switch self {
    case .poor: "Poor"
    case .intermediateToGood: "Intermediate to good"
    case .excellent: "Excellent"
    }
  }

  public static func < (lhs: FleissBand, rhs: FleissBand) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// Krippendorff's (2004, p. 241) standard for α: rely on variables with α ≥ .800, draw only
/// tentative conclusions from .667 ≤ α < .800, and discard variables below .667.
public enum KrippendorffVerdict: String, CaseIterable, Sendable, Comparable {
  /// Below .667: discard the variable.
  case unreliable
  /// [.667, .800): tentative conclusions only.
  case tentative
  /// .800 and above.
  case reliable

  /// The verdict for an α value.
  public init(_ alpha: Double) {
    self =
      switch alpha {
      case 0.8...: .reliable
      case 0.667...: .tentative
      default: .unreliable
      }
  }

  /// What the verdict means for the analysis.
  public var advice: String {
    switch self {
    case .reliable: "reliable (α ≥ .800)"
    case .tentative: "tentative conclusions only (.667 ≤ α < .800)"
    case .unreliable: "unreliable, discard (α < .667)"
    }
  }

  public static func < (lhs: KrippendorffVerdict, rhs: KrippendorffVerdict) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

extension AgreementResult {
  /// The Landis & Koch band of the value; nil when undefined.
  public var landisKochBand: LandisKochBand? { value.map(LandisKochBand.init) }
  /// The Fleiss (1981) band of the value; nil when undefined.
  public var fleissBand: FleissBand? { value.map(FleissBand.init) }
  /// Krippendorff's verdict on the value; nil when undefined.
  public var krippendorffVerdict: KrippendorffVerdict? { value.map(KrippendorffVerdict.init) }
}

/// A minimum percent agreement, such as seed 001's rule that a rubric is valid "only if it has
/// at least 80 percent agreement between the two reviewers".
///
/// Compared exactly: 40 of 50 passes, 39 of 49 (0.7959…) fails.
///
/// ```swift
/// PercentAgreementGate.twoReviewers.passes(table.percentAgreement())
/// ```
public struct PercentAgreementGate: Hashable, Sendable {
  /// The smallest agreement that passes.
  public var minimum: Proportion

  public init(minimum: Proportion) { self.minimum = minimum }

  /// At least 80 percent agreement (seed 001).
  public static let twoReviewers = PercentAgreementGate(minimum: Proportion(4, 5))

  /// Whether an exact proportion passes.
  public func passes(_ agreement: Proportion) -> Bool { agreement.isAtLeast(minimum) }

  /// Whether a proportion given as a number passes.
  public func passes(_ agreement: Double) -> Bool { agreement >= minimum.value }

  /// Whether a percent-agreement result passes: exactly when it carries a fraction, by value
  /// otherwise; an undefined result fails.
  public func passes(_ result: AgreementResult) -> Bool {
    if let exact = result.exactProportion { return passes(exact) }
    return result.value.map { passes($0) } ?? false
  }
}
