/// Two coders' values cross-tabulated over the units both coded: rows are the first coder's
/// categories, columns the second's.
///
/// Every two-coder coefficient is computed from this table. Built from
/// ``ReliabilityData/contingencyTable(between:and:)``, it also knows how many units only one of
/// the two coded, and says so in every description.
///
/// ```swift
/// // Wikipedia's 50 grant proposals.
/// let table = ContingencyTable(categories: ["yes", "no"], counts: [[20, 5], [10, 15]])
/// table.cohensKappa().value  // ≈ 0.40
/// ```
public struct ContingencyTable<Category: Hashable & Sendable>: Hashable, Sendable {
  /// The categories, in the order of rows and columns.
  public private(set) var categories: [Category]
  /// `counts[i][j]`: units the first coder gave category i and the second category j.
  public private(set) var counts: [[Int]]
  /// The first coder's name (rows).
  public var firstCoder: String
  /// The second coder's name (columns).
  public var secondCoder: String
  /// How descriptions name the units.
  public var unitNoun: UnitNoun
  /// Units only one of the two coded: left out of every coefficient, and reported.
  public var unitsCodedByOneCoder: Int = 0
  /// Units neither of the two coded.
  public var unitsCodedByNeither: Int = 0
  /// Units dropped before the table was made, mentioned in every description.
  public var setAside: SetAsideUnits?

  /// - Parameters:
  ///   - categories: the categories, in the order of `counts`' rows and columns.
  ///   - counts: a square table of non-negative counts, first coder by row.
  ///   - firstCoder: the first coder's name.
  ///   - secondCoder: the second coder's name.
  ///   - unitNoun: how descriptions name the units.
  public init(
    categories: [Category], counts: [[Int]], firstCoder: String = "A", secondCoder: String = "B",
    unitNoun: UnitNoun = .unit
  ) {
    precondition(counts.count == categories.count, "one row per category")
    precondition(counts.allSatisfy { $0.count == categories.count }, "one column per category")
    precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
    self.categories = categories
    self.counts = counts
    self.firstCoder = firstCoder
    self.secondCoder = secondCoder
    self.unitNoun = unitNoun
  }

  /// A table from (first coder's value, second coder's value) pairs, one per unit.
  ///
  /// - Parameters:
  ///   - pairs: the two values of each unit both coders coded.
  ///   - categories: the categories in order; those in `pairs` in order of appearance when nil.
  ///   - firstCoder: the first coder's name.
  ///   - secondCoder: the second coder's name.
  ///   - unitNoun: how descriptions name the units.
  public init(
    pairs: [(Category, Category)], categories: [Category]? = nil, firstCoder: String = "A",
    secondCoder: String = "B", unitNoun: UnitNoun = .unit
  ) {
    var order = categories ?? []
    var index = Dictionary(
      order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    for (first, second) in pairs {
      for value in [first, second] where index[value] == nil {
        index[value] = order.count
        order.append(value)
      }
    }
    var counts = Array(repeating: Array(repeating: 0, count: order.count), count: order.count)
    for (first, second) in pairs {
      if let row = index[first], let column = index[second] { counts[row][column] += 1 }
    }
    self.init(
      categories: order, counts: counts, firstCoder: firstCoder, secondCoder: secondCoder,
      unitNoun: unitNoun)
  }

  /// N: the units both coders coded.
  public var unitCount: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// The units on which the two coders agree (the diagonal).
  public var agreeingUnits: Int { categories.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// The first coder's marginal counts n_Ak.
  public var firstCoderTotals: [Int] { counts.map { $0.reduce(0, +) } }

  /// The second coder's marginal counts n_Bk.
  public var secondCoderTotals: [Int] {
    categories.indices.map { k in counts.reduce(0) { $0 + $1[k] } }
  }

  /// The categories either coder used in the table.
  var categoriesUsed: Int {
    zip(firstCoderTotals, secondCoderTotals).filter { $0 + $1 > 0 }.count
  }

  /// p_o.
  var observedAgreement: Double { unitCount > 0 ? Double(agreeingUnits) / Double(unitCount) : 0 }

  /// π_k = (n_Ak + n_Bk)/2N, the pooled category proportions.
  var pooledProportions: [Double] {
    let n = Double(2 * unitCount)
    return zip(firstCoderTotals, secondCoderTotals).map { n > 0 ? Double($0 + $1) / n : 0 }
  }

  var agreementCounts: AgreementCounts {
    AgreementCounts(
      units: unitCount, singleValueUnits: unitsCodedByOneCoder, emptyUnits: unitsCodedByNeither,
      values: 2 * unitCount, coders: 2)
  }

  /// "over 42 passages coded by both alice and bob; 3 passages coded by one coder only were left
  /// out".
  var scope: String { scopeHead + scopeTail }

  /// "over 42 passages coded by both alice and bob".
  var scopeHead: String {
    "over \(unitNoun.counted(unitCount)) coded by both \(firstCoder) and \(secondCoder)"
  }

  /// The units left out, each clause starting with "; ".
  var scopeTail: String {
    unitNoun.leftOut(
      singleValue: unitsCodedByOneCoder, singleValueReason: "coded by one coder only",
      empty: unitsCodedByNeither, emptyReason: "coded by neither", setAside: setAside)
  }

  func categoryPhrase(_ q: Int) -> String {
    q == categories.count
      ? "q = \(q) categories (those in the data)" : "q = \(q) categories (as stated)"
  }
}
