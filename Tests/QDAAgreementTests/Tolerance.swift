import QDAAgreement
import Testing

/// The tolerances of METHODS.md §4: values published to three decimals are checked to ±0.0005,
/// package values printed to six or more decimals to ±1e-6. Values printed to four or five
/// decimals are checked to half a unit of their last decimal.
enum Tolerance {
  static let published = 0.0005
  static let package = 1e-6
  static let fourDecimals = 0.00005
  static let fiveDecimals = 0.000005
}

/// Expects a result to have a value within `tolerance` of `expected`.
func expectValue(
  _ result: AgreementResult, _ expected: Double, within tolerance: Double,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let value = result.value else {
    Issue.record("\(result) has no value; expected \(expected)", sourceLocation: sourceLocation)
    return
  }
  #expect(
    abs(value - expected) <= tolerance,
    "\(result.coefficient.name) = \(value), expected \(expected) ± \(tolerance)",
    sourceLocation: sourceLocation)
}

/// Expects a number within `tolerance` of `expected`.
func expectClose(
  _ value: Double?, _ expected: Double, within tolerance: Double, _ what: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let value else {
    Issue.record("\(what) is missing; expected \(expected)", sourceLocation: sourceLocation)
    return
  }
  #expect(
    abs(value - expected) <= tolerance, "\(what) = \(value), expected \(expected) ± \(tolerance)",
    sourceLocation: sourceLocation)
}

extension AgreementResult {
  /// p_o, P̄ or p_a: the observed agreement of a κ-type or percent-agreement result.
  var observedAgreement: Double? {
    switch basis {
    case .observed(let observed), .agreement(let observed, _): observed
    case .disagreement: nil
    }
  }

  /// p_e: the chance agreement of a κ-type result.
  var chanceAgreement: Double? {
    if case .agreement(_, let chance) = basis { chance } else { nil }
  }

  /// D_o of an α-type result.
  var observedDisagreement: Double? {
    if case .disagreement(let observed, _) = basis { observed } else { nil }
  }

  /// D_e of an α-type result.
  var expectedDisagreement: Double? {
    if case .disagreement(_, let expected) = basis { expected } else { nil }
  }
}
