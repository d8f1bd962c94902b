import QDAAgreement
import Testing

/// The multi-coder coefficients on G1, G9 and G10 of METHODS.md §4.
@Suite("Multi-coder coefficients")
struct CategoryCountsTests {
  /// G1 as irrCAC and DKPro report it.
  @Test func g1PercentAgreementBothDefinitions() {
    let unitAveraged = GoldenData.g1.percentAgreementUnitAveraged()
    expectValue(unitAveraged, 0.8181818, within: Tolerance.package)
    #expect(unitAveraged.coefficient == .percentAgreementUnitAveraged)
    let pairable = GoldenData.g1.percentAgreementPairableWeighted()
    expectValue(pairable, 0.800, within: Tolerance.published)
    expectValue(
      pairable, 1 - GoldenData.g1.krippendorffAlpha().observedDisagreement!, within: 1e-12)
    #expect(
      pairable.summary
        == "percent agreement, agreeing pairable values over all 40, over 11 units with values from 2 or more of 4 coders; 1 unit coded by one coder only was left out"
    )
  }

  @Test func g1GwetFleissAndBrennanPredigerWithMissingRatings() {
    let ac1 = GoldenData.g1.gwetAC1()
    expectValue(ac1, 0.77544, within: Tolerance.fiveDecimals)
    expectClose(ac1.chanceAgreement, 0.1903212, within: Tolerance.package, "p_e")
    expectClose(ac1.observedAgreement, 0.8181818, within: Tolerance.package, "p_a")
    #expect(ac1.coefficient == .gwetAC1WithMissingRatings(categoryCount: 5))
    let fleiss = GoldenData.g1.fleissKappaWithMissingRatings()
    expectValue(fleiss, 0.76117, within: Tolerance.fiveDecimals)
    expectClose(fleiss.chanceAgreement, 0.2387153, within: Tolerance.package, "p_e")
    expectValue(
      GoldenData.g1.brennanPrediger(categoryCount: 5), 0.77273, within: Tolerance.fiveDecimals)
    expectValue(GoldenData.g1.brennanPrediger(), 0.77273, within: Tolerance.fiveDecimals)
    #expect(throws: AgreementError.self) { try GoldenData.g1.fleissKappa() }
  }

  /// G9: Wikipedia's Fleiss example, 10 subjects × 5 categories, 14 raters each.
  @Test func g9WikipediaFleiss() throws {
    let counts = CategoryCounts(
      categories: [1, 2, 3, 4, 5],
      counts: [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
      ])
    let kappa = try counts.fleissKappa()
    expectValue(kappa, 0.20993070442195522, within: 1e-12)
    expectValue(kappa, 0.210, within: Tolerance.published)
    expectClose(kappa.observedAgreement, 0.378022, within: Tolerance.package, "P̄")
    expectClose(kappa.chanceAgreement, 0.212755, within: Tolerance.package, "P̄e")
    let shares = [0.143, 0.200, 0.279, 0.150, 0.229]
    for (k, share) in shares.enumerated() {
      expectClose(counts.categoryProportions()[k], share, within: Tolerance.published, "p_\(k + 1)")
    }
    #expect(kappa.summary == "Fleiss' κ over 10 units rated 14 times each")
    expectValue(counts.fleissKappaWithMissingRatings(), 0.20993070442195522, within: 1e-12)
  }

  /// G10: Fleiss (1971, p. 379), raw ratings of 30 subjects by 6 raters.
  @Test func g10FleissRawRatings() throws {
    let counts = GoldenData.g10.categoryCounts()
    let kappa = try counts.fleissKappa()
    expectValue(kappa, 0.4302445, within: Tolerance.package)
    expectValue(kappa, 0.430, within: Tolerance.published)
    expectClose(kappa.observedAgreement, 0.5556, within: Tolerance.fourDecimals, "P_o")
    // Fleiss squared proportions rounded to three decimals (0.144² + 0.144² + 0.167² + 0.306² +
    // 0.239² = 0.2201); exactly, P̄e = 0.219938, which is 0.220 to the published precision.
    expectClose(kappa.chanceAgreement, 0.220, within: Tolerance.published, "P_e")
    let categoryKappas = [1: 0.248, 2: 0.248, 3: 0.517, 4: 0.470, 5: 0.565]
    for (category, expected) in categoryKappas {
      expectValue(try counts.fleissCategoryKappa(for: category), expected, within: 0.005)
    }
    // Per-item agreement, all 30 as DKPro's Fleiss1971Test lists them (METHODS.md gives the first six).
    let items = [
      1.000, 0.400, 0.400, 1.000, 0.400, 0.467, 0.467, 0.267, 0.467, 1.000,
      0.667, 0.400, 0.400, 0.667, 0.267, 0.667, 0.267, 0.667, 0.467, 0.267,
      1.000, 0.667, 0.267, 0.467, 0.400, 0.667, 0.467, 0.467, 0.667, 1.000,
    ]
    #expect(counts.unitAgreements.count == 30)
    for (unit, expected) in items.enumerated() {
      expectClose(
        counts.unitAgreements[unit], expected, within: Tolerance.published, "item \(unit + 1)")
    }
  }

  @Test func fleissCategoryKappaOfAnUnusedCategoryIsUndefined() throws {
    var counts = GoldenData.g10.categoryCounts()
    counts = CategoryCounts(
      categories: counts.categories + [6], counts: counts.counts.map { $0 + [0] })
    #expect(try counts.fleissCategoryKappa(for: 6).estimate == .undefined(.noVariation))
  }
}
