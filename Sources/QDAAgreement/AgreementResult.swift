/// One reliability coefficient computed on one set of codings, with what it was computed from.
///
/// A result never holds NaN and never stands in 1 for a coefficient that cannot be computed:
/// when every value fell into one category, or no unit was coded twice, the estimate is
/// ``AgreementEstimate/undefined(_:)`` and the observed agreement is still reported in
/// ``basis``.
///
/// ```swift
/// let table = try data.contingencyTable(between: "alice", and: "bob")
/// let kappa = table.cohensKappa()
/// kappa.value    // ≈ 0.40
/// kappa.summary  // "Cohen's κ over 50 passages coded by both alice and bob"
/// ```
public struct AgreementResult: Hashable, Sendable, CustomStringConvertible {
  /// Which coefficient, and which variant of it.
  public var coefficient: AgreementCoefficient
  /// The coefficient's value, or why it has none.
  public var estimate: AgreementEstimate
  /// The observed and chance (or expected) quantities the coefficient was computed from.
  public var basis: AgreementBasis
  /// The units, values and coders behind the result.
  public var counts: AgreementCounts
  /// The observed agreement as an exact fraction, when it is one (two-coder and character-level
  /// percent agreement), so that a gate such as "at least 80%" can be checked without rounding.
  public var exactProportion: Proportion?
  /// One line of plain English saying what was compared.
  public var summary: String

  public init(
    coefficient: AgreementCoefficient, estimate: AgreementEstimate, basis: AgreementBasis,
    counts: AgreementCounts, exactProportion: Proportion? = nil, summary: String
  ) {
    self.coefficient = coefficient
    self.estimate = estimate
    self.basis = basis
    self.counts = counts
    self.exactProportion = exactProportion
    self.summary = summary
  }

  /// The coefficient's value; nil when it is undefined.
  public var value: Double? { estimate.value }

  /// Whether the coefficient has a value.
  public var isDefined: Bool { estimate.value != nil }

  /// The value to three decimals, or why there is none: `κ = 0.400: Cohen's κ over …`.
  public var description: String {
    switch estimate {
    case .value(let value): "\(coefficient.name) = \(Self.formatted(value)): \(summary)"
    case .undefined(let reason): "\(coefficient.name) undefined (\(reason.phrase)): \(summary)"
    }
  }

  /// `0.400`, `-0.048`: three decimals, the precision reliability is published with.
  static func formatted(_ value: Double) -> String {
    let thousandths = (value * 1000).rounded()
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = Int(abs(thousandths))
    let fraction = String(magnitude % 1000)
    return
      "\(sign)\(magnitude / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}

/// A coefficient's value, or the reason it has none.
public enum AgreementEstimate: Hashable, Sendable {
  case value(Double)
  case undefined(UndefinedReason)

  /// The value; nil when undefined.
  public var value: Double? {
    if case .value(let value) = self { value } else { nil }
  }
}

/// Why a coefficient could not be computed.
public enum UndefinedReason: String, Hashable, Sendable {
  /// Every value fell into one category, so chance agreement is 1 (or expected disagreement 0).
  case noVariation
  /// No unit has values from two coders, so there is nothing to compare.
  case noPairableUnits

  /// How a report says it: `no variation`, `no unit coded twice`.
  public var phrase: String {
    switch self {
    case .noVariation: "no variation"
    case .noPairableUnits: "no unit coded twice"
    }
  }
}

/// The quantities behind a coefficient.
public enum AgreementBasis: Hashable, Sendable {
  /// Observed agreement alone (percent agreement).
  case observed(Double)
  /// Observed agreement p_o and chance agreement p_e; the coefficient is (p_o − p_e)/(1 − p_e).
  case agreement(observed: Double, chance: Double)
  /// Observed disagreement D_o and expected disagreement D_e; the coefficient is 1 − D_o/D_e.
  case disagreement(observed: Double, expected: Double)
}

/// The units, values and coders a result rests on, including the units it had to leave out.
public struct AgreementCounts: Hashable, Sendable {
  /// Units the coefficient compared (coded by two or more coders).
  public var units: Int
  /// Units left out because only one coder coded them. They are reported, never compared.
  public var singleValueUnits: Int
  /// Units left out because no compared coder coded them.
  public var emptyUnits: Int
  /// Values (codings) in the compared units: the pairable values.
  public var values: Int
  /// Coders whose values were compared.
  public var coders: Int

  public init(units: Int, singleValueUnits: Int = 0, emptyUnits: Int = 0, values: Int, coders: Int)
  {
    self.units = units
    self.singleValueUnits = singleValueUnits
    self.emptyUnits = emptyUnits
    self.values = values
    self.coders = coders
  }
}

/// An exact fraction `numerator/denominator`, for comparing proportions with thresholds without
/// floating-point rounding.
public struct Proportion: Hashable, Sendable, CustomStringConvertible {
  /// The agreeing count.
  public var numerator: Int
  /// The compared count, positive.
  public var denominator: Int

  /// - Parameters:
  ///   - numerator: the count that agrees (or passes).
  ///   - denominator: the count compared; must be positive.
  public init(_ numerator: Int, _ denominator: Int) {
    precondition(denominator > 0, "a proportion needs a positive denominator")
    self.numerator = numerator
    self.denominator = denominator
  }

  /// The fraction as a floating-point number.
  public var value: Double { Double(numerator) / Double(denominator) }

  /// Whether this proportion is at least `other`, compared exactly.
  public func isAtLeast(_ other: Proportion) -> Bool {
    numerator.multipliedFullWidth(by: other.denominator)
      >= other.numerator.multipliedFullWidth(by: denominator)
  }

  public var description: String { "\(numerator)/\(denominator)" }
}
