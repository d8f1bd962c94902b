/// Krippendorff's coincidence matrix: how often each pair of values occurs together in a unit.
///
/// o_ck = Σ_u (number of ordered c–k value pairs in u)/(m_u − 1), over units with m_u ≥ 2
/// values; n_c = Σ_k o_ck is the number of pairable values of c, n = Σ_c n_c (Krippendorff
/// 2011, "Computing Krippendorff's Alpha-Reliability").
public struct CoincidenceMatrix<Category: Hashable & Sendable>: Hashable, Sendable {
  /// The categories, in the order of rows and columns.
  public var categories: [Category]
  /// `coincidences[c][k]`: o_ck.
  public var coincidences: [[Double]]

  /// n_c: the pairable values of each category.
  public var totals: [Double] { coincidences.map { $0.reduce(0, +) } }
  /// n: all pairable values.
  public var pairableValues: Double { totals.reduce(0, +) }

  /// D_o = (1/n) Σ o_ck δ²_ck and D_e = (1/(n(n − 1))) Σ n_c n_k δ²_ck.
  func disagreements(_ metric: AlphaMetric<Category>) -> (observed: Double, expected: Double) {
    let totals = self.totals
    let n = totals.reduce(0, +)
    let delta = metric.squaredDistances(categories, totals)
    var observed = 0.0
    var expected = 0.0
    for c in categories.indices {
      for k in categories.indices where delta[c][k] != 0 {
        observed += coincidences[c][k] * delta[c][k]
        expected += totals[c] * totals[k] * delta[c][k]
      }
    }
    guard n > 1 else { return (0, 0) }
    return (observed / n, expected / (n * (n - 1)))
  }

  /// o_ck for two categories; 0 for a category the matrix does not have.
  public func coincidence(_ c: Category, _ k: Category) -> Double {
    guard let row = categories.firstIndex(of: c), let column = categories.firstIndex(of: k) else {
      return 0
    }
    return coincidences[row][column]
  }
}

extension CategoryCounts {
  /// The coincidence matrix of the units with two or more values.
  public func coincidenceMatrix() -> CoincidenceMatrix<Category> {
    var o = Array(
      repeating: Array(repeating: 0.0, count: categories.count), count: categories.count)
    for row in counts {
      let m = row.reduce(0, +)
      guard m >= 2 else { continue }
      for c in row.indices where row[c] > 0 {
        for k in row.indices where row[k] > 0 {
          let pairs = c == k ? row[c] * (row[c] - 1) : row[c] * row[k]
          o[c][k] += Double(pairs) / Double(m - 1)
        }
      }
    }
    return CoincidenceMatrix(categories: categories, coincidences: o)
  }

  /// Krippendorff's α: 1 − D_o/D_e, with D_o = (1/n) Σ o_ck δ²_ck and
  /// D_e = (1/(n(n − 1))) Σ n_c n_k δ²_ck over the pairable values.
  ///
  /// Units with a single value are left out and counted. The result is undefined when D_e is 0
  /// (all pairable values alike) or no unit has two values.
  ///
  /// - Parameter metric: the difference function; nominal when not given.
  /// - Returns: α with D_o and D_e as its basis.
  public func krippendorffAlpha(_ metric: AlphaMetric<Category> = .nominal) -> AgreementResult {
    let (observed, expected) = coincidenceMatrix().disagreements(metric)
    return .disagreementBased(
      .krippendorffAlpha(metric: metric.name), observed: observed, expected: expected,
      counts: agreementCounts,
      summary:
        "Krippendorff's α (\(metric.name)) \(scopeHead) (\(agreementCounts.values) pairable values)\(scopeTail())"
    )
  }
}
