/// The coefficients QDAAgreement computes, each naming the variant it is (METHODS.md §3.1).
///
/// Two coefficients with the same family name can differ in what they count; the case names
/// say which: the two multi-coder percent agreements, and Gwet's AC1 and Fleiss' κ with and
/// without missing ratings.
public enum AgreementCoefficient: Hashable, Sendable {
  /// Two coders: the proportion of units both coded that they coded alike (p_o).
  case percentAgreement
  /// Holsti's index for unequal segmentation: 2A/(N₁+N₂).
  case holstiIndex
  /// Several coders: the mean, over units with two or more values, of the proportion of
  /// agreeing coder pairs in the unit (Fleiss' P̄, Gwet's p_a, irrCAC `pa.coeff.raw`).
  case percentAgreementUnitAveraged
  /// Several coders: agreeing pairable values over all pairable values, each unit's pairs
  /// weighted by 1/(m_u − 1) (Krippendorff's A_o = 1 − D_o, DKPro `PercentageAgreement`).
  case percentAgreementPairableWeighted
  /// Cohen's (1960) κ: each coder keeps their own marginals.
  case cohensKappa
  /// Cohen's weighted κ with the named disagreement weights.
  case weightedKappa(weights: String)
  /// Scott's (1955) π: marginals pooled over both coders.
  case scottsPi
  /// Bennett, Alpert & Goldstein's S, Brennan & Prediger's κₙ: chance agreement 1/q.
  case brennanPrediger(categoryCount: Int)
  /// Gwet's (2008) AC1 for two coders, over the units both coded.
  case gwetAC1(categoryCount: Int)
  /// Gwet's AC1 for any number of coders with missing ratings (Gwet 2014, irrCAC
  /// `gwet.ac1.raw`): category proportions over every unit with a rating.
  case gwetAC1WithMissingRatings(categoryCount: Int)
  /// Fleiss' (1971) κ: every unit rated the same number of times.
  case fleissKappa
  /// Fleiss' κ for missing ratings in Gwet's (2014) form (irrCAC `fleiss.kappa.raw`).
  case fleissKappaWithMissingRatings
  /// Fleiss' (1971) κ for one category against all others.
  case fleissCategoryKappa(category: String)
  /// Krippendorff's α with the named metric (`nominal`, `ordinal`, `interval`, `ratio`…).
  case krippendorffAlpha(metric: String)
  /// Krippendorff's unitizing uα (1995; 2004, §12.4) for one category, or overall when nil.
  case unitizingAlpha(category: String?)

  /// The coefficient's name as a report writes it.
  public var name: String {
    switch self {
    case .percentAgreement: "percent agreement"
    case .holstiIndex: "Holsti's index"
    case .percentAgreementUnitAveraged: "percent agreement (unit-averaged pairs)"
    case .percentAgreementPairableWeighted: "percent agreement (pairable values)"
    case .cohensKappa: "Cohen's κ"
    case .weightedKappa(let weights): "Cohen's weighted κ (\(weights))"
    case .scottsPi: "Scott's π"
    case .brennanPrediger(let q): "Brennan–Prediger κₙ (q = \(q))"
    case .gwetAC1(let q): "Gwet's AC1 (q = \(q))"
    case .gwetAC1WithMissingRatings(let q): "Gwet's AC1 (multi-rater, q = \(q))"
    case .fleissKappa: "Fleiss' κ"
    case .fleissKappaWithMissingRatings: "Fleiss' κ (Gwet's missing-data form)"
    case .fleissCategoryKappa(let category): "Fleiss' κ for \(category)"
    case .krippendorffAlpha(let metric): "Krippendorff's α (\(metric))"
    case .unitizingAlpha(let category?): "Krippendorff's uα for \(category)"
    case .unitizingAlpha(nil): "Krippendorff's uα"
    }
  }

  /// Whether the coefficient corrects for chance (and so can be undefined for lack of
  /// variation); percent agreement and Holsti's index do not.
  public var isChanceCorrected: Bool {
    switch self {
    case .percentAgreement, .holstiIndex, .percentAgreementUnitAveraged,
      .percentAgreementPairableWeighted:
      false
    default: true
    }
  }
}

// MARK: - Building results

extension AgreementResult {
  /// A chance-corrected result (p_o − p_e)/(1 − p_e), undefined when nothing was compared or
  /// there was no variation.
  static func chanceCorrected(
    _ coefficient: AgreementCoefficient, observed: Double, chance: Double, varies: Bool,
    counts: AgreementCounts, summary: String
  ) -> AgreementResult {
    let estimate: AgreementEstimate
    if counts.units == 0 {
      estimate = .undefined(.noPairableUnits)
    } else if !varies || chance >= 1 {
      estimate = .undefined(.noVariation)
    } else {
      estimate = .value((observed - chance) / (1 - chance))
    }
    return AgreementResult(
      coefficient: coefficient, estimate: estimate,
      basis: .agreement(observed: observed, chance: chance), counts: counts, summary: summary)
  }

  /// A disagreement-based result 1 − D_o/D_e, undefined when nothing was compared or D_e is 0.
  static func disagreementBased(
    _ coefficient: AgreementCoefficient, observed: Double, expected: Double,
    counts: AgreementCounts, summary: String
  ) -> AgreementResult {
    let estimate: AgreementEstimate
    if counts.units == 0 {
      estimate = .undefined(.noPairableUnits)
    } else if expected <= 0 {
      estimate = .undefined(.noVariation)
    } else {
      estimate = .value(1 - observed / expected)
    }
    return AgreementResult(
      coefficient: coefficient, estimate: estimate,
      basis: .disagreement(observed: observed, expected: expected), counts: counts,
      summary: summary)
  }

  /// An observed-agreement result, undefined only when nothing was compared.
  static func observedOnly(
    _ coefficient: AgreementCoefficient, observed: Double, exact: Proportion? = nil,
    counts: AgreementCounts, summary: String
  ) -> AgreementResult {
    AgreementResult(
      coefficient: coefficient,
      estimate: counts.units == 0 ? .undefined(.noPairableUnits) : .value(observed),
      basis: .observed(observed), counts: counts, exactProportion: exact, summary: summary)
  }
}
