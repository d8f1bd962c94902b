/// The difference function δ² Krippendorff's α weighs disagreements with.
///
/// The metric a type supports follows from what its values can do: any category can be
/// nominal; comparable ones can also be ordinal; numbers can also be interval and ratio.
///
/// ```swift
/// data.krippendorffAlpha(.interval)  // data: ReliabilityData<Int>
/// ```
public struct AlphaMetric<Category: Hashable & Sendable>: Sendable {
  /// The metric's name as reports write it: `nominal`, `ordinal`, `interval`, `ratio`.
  public var name: String
  /// δ² for every pair of categories, given the categories and their pairable-value totals n_c.
  let squaredDistances: @Sendable (_ categories: [Category], _ totals: [Double]) -> [[Double]]

  /// A metric with its own difference function, such as partial credit for near-misses.
  ///
  /// - Parameters:
  ///   - name: how reports name the metric.
  ///   - distance: δ² for two categories: 0 for equal ones, positive otherwise, symmetric.
  public init(name: String, distance: @escaping @Sendable (Category, Category) -> Double) {
    self.name = name
    squaredDistances = { categories, _ in
      categories.map { c in categories.map { k in c == k ? 0 : distance(c, k) } }
    }
  }

  init(name: String, squaredDistances: @escaping @Sendable ([Category], [Double]) -> [[Double]]) {
    self.name = name
    self.squaredDistances = squaredDistances
  }

  /// Nominal: δ² is 0 for equal categories and 1 otherwise.
  public static var nominal: AlphaMetric {
    AlphaMetric(name: "nominal") { categories, _ in
      categories.map { c in categories.map { k in c == k ? 0 : 1 } }
    }
  }

  /// Ordinal over the given order of ranks:
  /// δ²_ck = (Σ_{g from c to k} n_g − (n_c + n_k)/2)², n_g the pairable values of rank g.
  static func ordinal(by areInIncreasingOrder: @escaping @Sendable (Category, Category) -> Bool)
    -> AlphaMetric
  {
    AlphaMetric(name: "ordinal") { categories, totals in
      let order = categories.indices.sorted { areInIncreasingOrder(categories[$0], categories[$1]) }
      var rank = Array(repeating: 0, count: categories.count)
      for (position, index) in order.enumerated() { rank[index] = position }
      // cumulative[r] = Σ of totals of ranks below r.
      var cumulative = [0.0]
      for index in order { cumulative.append((cumulative.last ?? 0) + totals[index]) }
      return categories.indices.map { c in
        categories.indices.map { k in
          guard c != k else { return 0 }
          let low = min(rank[c], rank[k])
          let high = max(rank[c], rank[k])
          let between = cumulative[high + 1] - cumulative[low]
          let difference = between - (totals[c] + totals[k]) / 2
          return difference * difference
        }
      }
    }
  }

  /// Interval over numeric values: δ² = (c − k)².
  static func interval(_ number: @escaping @Sendable (Category) -> Double) -> AlphaMetric {
    AlphaMetric(name: "interval") { categories, _ in
      categories.map { c in
        categories.map { k in
          let difference = number(c) - number(k)
          return difference * difference
        }
      }
    }
  }

  /// Ratio over numeric values: δ² = ((c − k)/(c + k))², 0 when both are 0.
  static func ratio(_ number: @escaping @Sendable (Category) -> Double) -> AlphaMetric {
    AlphaMetric(name: "ratio") { categories, _ in
      categories.map { c in
        categories.map { k in
          let sum = number(c) + number(k)
          guard sum != 0 else { return 0 }
          let quotient = (number(c) - number(k)) / sum
          return quotient * quotient
        }
      }
    }
  }
}

extension AlphaMetric where Category: Comparable {
  /// Ordinal: categories ranked by `<`; only the rank order matters, not the distances.
  public static var ordinal: AlphaMetric { ordinal { $0 < $1 } }
}

extension AlphaMetric where Category: BinaryInteger {
  /// Interval: δ² = (c − k)².
  public static var interval: AlphaMetric { interval { Double($0) } }
  /// Ratio: δ² = ((c − k)/(c + k))².
  public static var ratio: AlphaMetric { ratio { Double($0) } }
}

extension AlphaMetric where Category: BinaryFloatingPoint {
  /// Interval: δ² = (c − k)².
  public static var interval: AlphaMetric { interval { Double($0) } }
  /// Ratio: δ² = ((c − k)/(c + k))².
  public static var ratio: AlphaMetric { ratio { Double($0) } }
}
