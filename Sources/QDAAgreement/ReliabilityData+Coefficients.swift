/// The multi-coder coefficients, computed on the data's ``CategoryCounts``, and the two-coder
/// table.
extension ReliabilityData {
  /// Two coders' values cross-tabulated over the units both coded, counting the units only one
  /// of them coded.
  ///
  /// The table's categories are those either coder used anywhere in the data, so that q for
  /// Brennan–Prediger and AC1 does not depend on which units both coded.
  ///
  /// - Parameters:
  ///   - first: the first coder (rows).
  ///   - second: the second coder (columns).
  /// - Throws: ``AgreementError/Reason/unknownCoder`` for a name the data does not have.
  public func contingencyTable(between first: String, and second: String) throws
    -> ContingencyTable<Category>
  {
    let a = try index(of: first)
    let b = try index(of: second)
    var categories: [Category] = []
    var seen: Set<Category> = []
    var pairs: [(Category, Category)] = []
    var single = 0
    var neither = 0
    for row in values {
      for case let value? in [row[a], row[b]] where seen.insert(value).inserted {
        categories.append(value)
      }
      switch (row[a], row[b]) {
      case (let x?, let y?): pairs.append((x, y))
      case (nil, nil): neither += 1
      default: single += 1
      }
    }
    var table = ContingencyTable(
      pairs: pairs, categories: categories, firstCoder: first, secondCoder: second,
      unitNoun: unitNoun)
    table.unitsCodedByOneCoder = single
    table.unitsCodedByNeither = neither
    table.setAside = setAside
    return table
  }

  /// The coincidence matrix of the units with values from two or more coders.
  public func coincidenceMatrix() -> CoincidenceMatrix<Category> {
    categoryCounts().coincidenceMatrix()
  }

  /// Krippendorff's α over every coder, missing values allowed; see
  /// ``CategoryCounts/krippendorffAlpha(_:)``.
  ///
  /// - Parameter metric: the difference function; nominal when not given.
  public func krippendorffAlpha(_ metric: AlphaMetric<Category> = .nominal) -> AgreementResult {
    categoryCounts().krippendorffAlpha(metric)
  }

  /// Percent agreement (a), unit-averaged pairs; see
  /// ``CategoryCounts/percentAgreementUnitAveraged()``.
  public func percentAgreementUnitAveraged() -> AgreementResult {
    categoryCounts().percentAgreementUnitAveraged()
  }

  /// Percent agreement (b), pairable values; see
  /// ``CategoryCounts/percentAgreementPairableWeighted()``.
  public func percentAgreementPairableWeighted() -> AgreementResult {
    categoryCounts().percentAgreementPairableWeighted()
  }

  /// Gwet's AC1 for any number of coders with missing ratings; see
  /// ``CategoryCounts/gwetAC1(categoryCount:)``.
  ///
  /// - Parameter categoryCount: q; the categories in the data when nil.
  public func gwetAC1(categoryCount: Int? = nil) -> AgreementResult {
    categoryCounts().gwetAC1(categoryCount: categoryCount)
  }

  /// Fleiss' κ in Gwet's missing-data form; see
  /// ``CategoryCounts/fleissKappaWithMissingRatings()``.
  public func fleissKappaWithMissingRatings() -> AgreementResult {
    categoryCounts().fleissKappaWithMissingRatings()
  }

  /// Fleiss' κ for complete data; see ``CategoryCounts/fleissKappa()``.
  ///
  /// - Throws: ``AgreementError/Reason/unequalRatingsPerUnit`` when some coder missed a unit.
  public func fleissKappa() throws -> AgreementResult { try categoryCounts().fleissKappa() }

  /// Brennan & Prediger's κₙ for any number of coders; see
  /// ``CategoryCounts/brennanPrediger(categoryCount:)``.
  ///
  /// - Parameter categoryCount: q; the categories in the data when nil.
  public func brennanPrediger(categoryCount: Int? = nil) -> AgreementResult {
    categoryCounts().brennanPrediger(categoryCount: categoryCount)
  }
}
