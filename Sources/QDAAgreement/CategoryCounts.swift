/// How many times each category was given to each unit: Fleiss' n_ij table, irrCAC's agreement
/// matrix. Every multi-coder coefficient depends on the data only through these counts.
///
/// ```swift
/// // Wikipedia's Fleiss example: 10 subjects, 14 raters, 5 categories.
/// let counts = CategoryCounts(categories: [1, 2, 3, 4, 5], counts: [[0, 0, 0, 0, 14], …])
/// try counts.fleissKappa().value  // 0.20993070442195522
/// ```
public struct CategoryCounts<Category: Hashable & Sendable>: Hashable, Sendable {
  /// The categories, one per column.
  public private(set) var categories: [Category]
  /// `counts[unit][category]`: how many coders gave the unit that category.
  public private(set) var counts: [[Int]]
  /// The units' labels.
  public private(set) var units: [String]
  /// How descriptions name the units.
  public var unitNoun: UnitNoun
  /// How many coders the counts come from, when known (descriptions mention it).
  public var coderCount: Int?
  /// Units dropped before the counts were made, mentioned in every description.
  public var setAside: SetAsideUnits?

  /// - Parameters:
  ///   - categories: the categories, one per column; categories no one used may be included.
  ///   - counts: one row per unit, one non-negative count per category.
  ///   - units: the units' labels; `1`, `2`, … when nil.
  ///   - unitNoun: how descriptions name the units.
  public init(
    categories: [Category], counts: [[Int]], units: [String]? = nil, unitNoun: UnitNoun = .unit
  ) {
    precondition(counts.allSatisfy { $0.count == categories.count }, "one count per category")
    precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
    precondition(units.map { $0.count == counts.count } ?? true, "one label per unit")
    self.categories = categories
    self.counts = counts
    self.units = units ?? counts.indices.map { String($0 + 1) }
    self.unitNoun = unitNoun
  }

  /// r_i: how many values each unit has.
  public var ratingsPerUnit: [Int] { counts.map { $0.reduce(0, +) } }

  /// Each unit's agreement, the proportion of its coder pairs that agree:
  /// Σ_k n_ik(n_ik − 1) / (r_i(r_i − 1)); nil for a unit with fewer than two values.
  public var unitAgreements: [Double?] {
    counts.map { row in
      let r = row.reduce(0, +)
      guard r >= 2 else { return nil }
      return Double(row.reduce(0) { $0 + $1 * ($1 - 1) }) / Double(r * (r - 1))
    }
  }

  // MARK: - Percent agreement

  /// Percent agreement (a), unit-averaged pairs: the mean of ``unitAgreements`` over units with
  /// two or more values (Fleiss' P̄, Gwet's p_a, irrCAC `pa.coeff.raw`).
  public func percentAgreementUnitAveraged() -> AgreementResult {
    .observedOnly(
      .percentAgreementUnitAveraged, observed: observedAgreement(), counts: agreementCounts,
      summary: "percent agreement, the mean share of agreeing coder pairs per unit, \(scope)")
  }

  /// Percent agreement (b), pairable values: Σ_c o_cc / n from the coincidence matrix, where
  /// a unit with m values weighs its pairs by 1/(m − 1) (Krippendorff's A_o = 1 − D_o nominal,
  /// DKPro `PercentageAgreement`).
  public func percentAgreementPairableWeighted() -> AgreementResult {
    let matrix = coincidenceMatrix()
    let agreeing = matrix.categories.indices.reduce(0.0) { $0 + matrix.coincidences[$1][$1] }
    let observed = matrix.pairableValues > 0 ? agreeing / matrix.pairableValues : 0
    return .observedOnly(
      .percentAgreementPairableWeighted, observed: observed, counts: agreementCounts,
      summary:
        "percent agreement, agreeing pairable values over all \(agreementCounts.values), \(scope)")
  }

  // MARK: - Chance-corrected, several coders, missing ratings allowed

  /// Gwet's AC1 for any number of coders with missing ratings, as irrCAC `gwet.ac1.raw`:
  /// p_a as in ``percentAgreementUnitAveraged()``; π_k the mean of r_ik/r_i over every unit
  /// with at least one value; p_e = Σ π_k(1 − π_k)/(q − 1).
  ///
  /// - Parameter categoryCount: q, the number of categories coders could choose from (a
  ///   codebook's size); the number of ``categories`` when nil.
  public func gwetAC1(categoryCount: Int? = nil) -> AgreementResult {
    let q = categoryCount ?? categories.count
    let pi = categoryProportions()
    let chance = q > 1 ? pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1) : 1
    return .chanceCorrected(
      .gwetAC1WithMissingRatings(categoryCount: q), observed: observedAgreement(), chance: chance,
      varies: categoriesUsed > 1, counts: agreementCounts,
      summary:
        "Gwet's AC1 \(scopeHead), chance from \(categoryPhrase(q))\(scopeTail(keptInProportions: true))"
    )
  }

  /// Fleiss' κ for missing ratings in Gwet's form, as irrCAC `fleiss.kappa.raw`: p_a as in
  /// ``percentAgreementUnitAveraged()``, p_e = Σ π_k² with π_k as in ``gwetAC1(categoryCount:)``.
  /// On complete data it equals ``fleissKappa()``.
  public func fleissKappaWithMissingRatings() -> AgreementResult {
    let chance = categoryProportions().reduce(0) { $0 + $1 * $1 }
    return .chanceCorrected(
      .fleissKappaWithMissingRatings, observed: observedAgreement(), chance: chance,
      varies: categoriesUsed > 1, counts: agreementCounts,
      summary:
        "Fleiss' κ in Gwet's missing-data form \(scopeHead)\(scopeTail(keptInProportions: true))")
  }

  /// Brennan & Prediger's κₙ (Bennett's S) for any number of coders: p_a as in
  /// ``percentAgreementUnitAveraged()``, p_e = 1/q.
  ///
  /// - Parameter categoryCount: q, the number of categories coders could choose from (a
  ///   codebook's size); the number of ``categories`` when nil.
  public func brennanPrediger(categoryCount: Int? = nil) -> AgreementResult {
    let q = categoryCount ?? categories.count
    return .chanceCorrected(
      .brennanPrediger(categoryCount: q), observed: observedAgreement(),
      chance: q > 0 ? 1 / Double(q) : 1, varies: categoriesUsed > 1, counts: agreementCounts,
      summary:
        "Brennan–Prediger κₙ \(scopeHead), chance 1/q with \(categoryPhrase(q))\(scopeTail())")
  }

  // MARK: - Shared pieces

  /// p_a: the mean agreement of the units with two or more values.
  func observedAgreement() -> Double {
    let agreements = unitAgreements.compactMap { $0 }
    return agreements.isEmpty ? 0 : agreements.reduce(0, +) / Double(agreements.count)
  }

  /// π_k for each of ``categories``: the mean, over units with at least one value, of the share
  /// of the unit's values in the category (Gwet 2014). On complete data these are Fleiss' p_j.
  public func categoryProportions() -> [Double] {
    let rated = counts.filter { $0.reduce(0, +) > 0 }
    guard !rated.isEmpty else { return categories.map { _ in 0 } }
    return categories.indices.map { k in
      rated.reduce(0.0) { $0 + Double($1[k]) / Double($1.reduce(0, +)) } / Double(rated.count)
    }
  }

  /// The number of categories some unit was given.
  var categoriesUsed: Int {
    categories.indices.filter { k in counts.contains { $0[k] > 0 } }.count
  }

  /// Units compared (two or more values), left out (one, none), and the values compared.
  var agreementCounts: AgreementCounts {
    let r = ratingsPerUnit
    return AgreementCounts(
      units: r.filter { $0 >= 2 }.count, singleValueUnits: r.filter { $0 == 1 }.count,
      emptyUnits: r.filter { $0 == 0 }.count, values: r.filter { $0 >= 2 }.reduce(0, +),
      coders: coderCount ?? (r.max() ?? 0))
  }

  /// "over 11 units with values from 2 or more of 4 coders; 1 unit coded by one coder only was
  /// left out".
  var scope: String { scopeHead + scopeTail() }

  /// "over 11 units with values from 2 or more of 4 coders".
  var scopeHead: String {
    let from = coderCount.map { "values from 2 or more of \($0) coders" } ?? "2 or more values"
    return "over \(unitNoun.counted(agreementCounts.units)) with \(from)"
  }

  /// The units left out, and whether single-value units still shape the category proportions.
  func scopeTail(keptInProportions: Bool = false) -> String {
    let counts = agreementCounts
    return unitNoun.leftOut(
      singleValue: counts.singleValueUnits, singleValueReason: "coded by one coder only",
      singleValueFate: keptInProportions
        ? "left out of the observed agreement but kept in the category proportions" : "left out",
      empty: counts.emptyUnits, emptyReason: "coded by no coder", setAside: setAside)
  }

  func categoryPhrase(_ q: Int) -> String {
    q == categories.count
      ? "q = \(q) categories (those in the data)" : "q = \(q) categories (as stated)"
  }
}
