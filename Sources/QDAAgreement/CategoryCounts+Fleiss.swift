/// Fleiss' (1971) κ for complete data: every unit rated the same number of times.
extension CategoryCounts {
  /// Fleiss' κ: P_i = (Σ_j n_ij² − n)/(n(n − 1)), P̄ their mean, p_j = Σ_i n_ij/(N·n),
  /// P̄e = Σ_j p_j², κ = (P̄ − P̄e)/(1 − P̄e).
  ///
  /// - Returns: κ with P̄ and P̄e as its basis.
  /// - Throws: ``AgreementError/Reason/unequalRatingsPerUnit`` when units were rated different
  ///   numbers of times; use ``fleissKappaWithMissingRatings()`` for such data.
  public func fleissKappa() throws -> AgreementResult {
    let n = try ratingsPerCompleteUnit()
    let ratings = Double(counts.count * n)
    let proportions = categoryTotals().map { ratings > 0 ? Double($0) / ratings : 0 }
    let chance = proportions.reduce(0) { $0 + $1 * $1 }
    return .chanceCorrected(
      .fleissKappa, observed: observedAgreement(), chance: chance, varies: categoriesUsed > 1,
      counts: completeCounts(n), summary: "Fleiss' κ \(completeScope(n))")
  }

  /// Fleiss' κ for one category against all the others (Fleiss 1971, eq. 12):
  /// κ_j = (P_j − p_j)/(1 − p_j), where P_j = (Σ_i n_ij² − N·n·p_j)/(N·n(n − 1)·p_j).
  ///
  /// - Parameter category: the category; one no unit was given, or every unit was given
  ///   every time, gives an undefined result.
  /// - Throws: ``AgreementError/Reason/unequalRatingsPerUnit`` when units were rated different
  ///   numbers of times.
  public func fleissCategoryKappa(for category: Category) throws -> AgreementResult {
    let n = try ratingsPerCompleteUnit()
    let name = String(describing: category)
    let k = categories.firstIndex(of: category)
    let column = counts.map { row in k.map { row[$0] } ?? 0 }
    let totalRatings = Double(counts.count * n)
    let share = totalRatings > 0 ? Double(column.reduce(0, +)) / totalRatings : 0
    let squares = Double(column.reduce(0) { $0 + $1 * $1 })
    let within =
      share > 0 && n > 1
      ? (squares - totalRatings * share) / (totalRatings * Double(n - 1) * share) : 0
    return .chanceCorrected(
      .fleissCategoryKappa(category: name), observed: within, chance: share,
      varies: share > 0 && share < 1, counts: completeCounts(n),
      summary: "Fleiss' κ for \(name) against all other categories \(completeScope(n))")
  }

  // MARK: - Complete data

  /// n, the number of ratings every unit has.
  func ratingsPerCompleteUnit() throws -> Int {
    let r = ratingsPerUnit
    guard let n = r.first else { return 0 }
    guard r.allSatisfy({ $0 == n }) else {
      throw AgreementError(
        .unequalRatingsPerUnit,
        "Fleiss' κ needs every \(unitNoun.singular) rated the same number of times; these have "
          + "\(Set(r).sorted().map(String.init).joinedAsList) ratings (use the missing-data form)")
    }
    return n
  }

  /// Σ_i n_ij for each category.
  func categoryTotals() -> [Int] {
    categories.indices.map { k in counts.reduce(0) { $0 + $1[k] } }
  }

  func completeCounts(_ n: Int) -> AgreementCounts {
    AgreementCounts(
      units: n >= 2 ? counts.count : 0, singleValueUnits: n == 1 ? counts.count : 0,
      emptyUnits: n == 0 ? counts.count : 0, values: n >= 2 ? counts.count * n : 0,
      coders: coderCount ?? n)
  }

  /// "over 10 units rated 14 times each".
  func completeScope(_ n: Int) -> String {
    "over \(unitNoun.counted(counts.count)) rated \(n) times each"
      + unitNoun.leftOut(singleValue: 0, singleValueReason: "", setAside: setAside)
  }
}
