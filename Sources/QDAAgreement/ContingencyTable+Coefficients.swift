/// The two-coder coefficients (METHODS.md §3.1): p_o, then (p_o − p_e)/(1 − p_e) with the
/// chance term of each.
extension ContingencyTable {
  /// Percent agreement p_o: the share of units both coded that they coded alike, with the exact
  /// fraction in ``AgreementResult/exactProportion``.
  public func percentAgreement() -> AgreementResult {
    .observedOnly(
      .percentAgreement, observed: observedAgreement,
      exact: unitCount > 0 ? Proportion(agreeingUnits, unitCount) : nil, counts: agreementCounts,
      summary: "percent agreement \(scopeHead): \(agreeingUnits) agree\(scopeTail)")
  }

  /// Cohen's κ: p_e = Σ_k (n_Ak/N)(n_Bk/N), each coder keeping their own marginals.
  public func cohensKappa() -> AgreementResult {
    let n = Double(unitCount)
    let chance = zip(firstCoderTotals, secondCoderTotals).reduce(0.0) {
      $0 + (n > 0 ? Double($1.0) / n * Double($1.1) / n : 0)
    }
    return .chanceCorrected(
      .cohensKappa, observed: observedAgreement, chance: chance, varies: categoriesUsed > 1,
      counts: agreementCounts, summary: "Cohen's κ \(scope)")
  }

  /// Scott's π: p_e = Σ_k ((n_Ak + n_Bk)/2N)², the marginals pooled. Equals Fleiss' κ with two
  /// raters.
  public func scottsPi() -> AgreementResult {
    .chanceCorrected(
      .scottsPi, observed: observedAgreement, chance: pooledProportions.reduce(0) { $0 + $1 * $1 },
      varies: categoriesUsed > 1, counts: agreementCounts, summary: "Scott's π \(scope)")
  }

  /// Bennett's S, Brennan & Prediger's κₙ: p_e = 1/q.
  ///
  /// - Parameter categoryCount: q, the number of categories coders could choose from (a
  ///   codebook's size); the number of ``categories`` when nil.
  public func brennanPrediger(categoryCount: Int? = nil) -> AgreementResult {
    let q = categoryCount ?? categories.count
    return .chanceCorrected(
      .brennanPrediger(categoryCount: q), observed: observedAgreement,
      chance: q > 0 ? 1 / Double(q) : 1, varies: categoriesUsed > 1, counts: agreementCounts,
      summary: "Brennan–Prediger κₙ \(scopeHead), chance 1/q with \(categoryPhrase(q))\(scopeTail)")
  }

  /// Gwet's AC1: p_e = Σ_k π_k(1 − π_k)/(q − 1), π_k = (n_Ak + n_Bk)/2N.
  ///
  /// - Parameter categoryCount: q, the number of categories coders could choose from; the
  ///   number of ``categories`` when nil.
  public func gwetAC1(categoryCount: Int? = nil) -> AgreementResult {
    let q = categoryCount ?? categories.count
    let chance = q > 1 ? pooledProportions.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1) : 1
    return .chanceCorrected(
      .gwetAC1(categoryCount: q), observed: observedAgreement, chance: chance,
      varies: categoriesUsed > 1, counts: agreementCounts,
      summary: "Gwet's AC1 \(scopeHead), chance from \(categoryPhrase(q))\(scopeTail)")
  }

  /// Cohen's weighted κ: 1 − Σ w_ij p_ij / Σ w_ij p_i· p_·j, with the metric's δ² as the
  /// disagreement weights w_ij.
  ///
  /// - Parameter weights: the disagreement weights; nominal weights give Cohen's κ.
  public func weightedKappa(_ weights: AlphaMetric<Category>) -> AgreementResult {
    let n = Double(unitCount)
    let w = weights.squaredDistances(categories, coincidenceMatrix().totals)
    let rows = firstCoderTotals
    let columns = secondCoderTotals
    var observed = 0.0
    var expected = 0.0
    if n > 0 {
      for i in categories.indices {
        for j in categories.indices where w[i][j] != 0 {
          observed += w[i][j] * Double(counts[i][j]) / n
          expected += w[i][j] * Double(rows[i]) / n * Double(columns[j]) / n
        }
      }
    }
    return .disagreementBased(
      .weightedKappa(weights: weights.name), observed: observed, expected: expected,
      counts: agreementCounts, summary: "Cohen's weighted κ (\(weights.name) weights) \(scope)")
  }

  /// The coincidence matrix of the table: o_ck = n_ck + n_kc, each unit's two values a pair.
  public func coincidenceMatrix() -> CoincidenceMatrix<Category> {
    CoincidenceMatrix(
      categories: categories,
      coincidences: categories.indices.map { c in
        categories.indices.map { k in Double(counts[c][k] + counts[k][c]) }
      })
  }

  /// Krippendorff's α for two coders without missing values.
  ///
  /// - Parameter metric: the difference function; nominal when not given.
  public func krippendorffAlpha(_ metric: AlphaMetric<Category> = .nominal) -> AgreementResult {
    let (observed, expected) = coincidenceMatrix().disagreements(metric)
    return .disagreementBased(
      .krippendorffAlpha(metric: metric.name), observed: observed, expected: expected,
      counts: agreementCounts,
      summary:
        "Krippendorff's α (\(metric.name)) \(scopeHead) (\(2 * unitCount) pairable values)\(scopeTail)"
    )
  }
}

extension AgreementResult {
  /// Holsti's index for two coders who segmented the text themselves: 2A/(N₁ + N₂).
  ///
  /// - Parameters:
  ///   - agreements: A, the codings the two coders agree on.
  ///   - firstCount: N₁, the first coder's codings.
  ///   - secondCount: N₂, the second coder's codings.
  ///   - firstCoder: the first coder's name.
  ///   - secondCoder: the second coder's name.
  public static func holstiIndex(
    agreements: Int, firstCount: Int, secondCount: Int, firstCoder: String = "A",
    secondCoder: String = "B"
  ) -> AgreementResult {
    precondition(
      agreements >= 0 && 2 * agreements <= firstCount + secondCount, "more agreements than codings")
    let total = firstCount + secondCount
    return .observedOnly(
      .holstiIndex, observed: total > 0 ? Double(2 * agreements) / Double(total) : 0,
      exact: total > 0 ? Proportion(2 * agreements, total) : nil,
      counts: AgreementCounts(units: total, values: total, coders: 2),
      summary:
        "Holsti's index 2A/(N₁+N₂) over \(firstCount) codings by \(firstCoder) and \(secondCount) by "
        + "\(secondCoder), \(agreements) agreeing")
  }
}
