/// Reliability data: units × coders, each cell the category a coder gave a unit, or nothing.
///
/// This is Krippendorff's "reliability data matrix". A missing value means the coder did not
/// code the unit; coefficients drop units with fewer than two values and report how many they
/// dropped.
///
/// ```swift
/// let data = try ReliabilityData(ratings: [
///   (unit: "P1", coder: "alice", value: "rules"),
///   (unit: "P1", coder: "bob", value: "rules"),
///   (unit: "P2", coder: "alice", value: "tools"),
/// ])
/// data.krippendorffAlpha().summary
/// // "Krippendorff's α (nominal) over 1 unit with values from 2 or more of 2 coders (2 pairable
/// //  values); 1 unit coded by one coder only was left out"
/// ```
public struct ReliabilityData<Category: Hashable & Sendable>: Hashable, Sendable {
  /// The units' labels, in order.
  public private(set) var units: [String]
  /// The coders' names, in order.
  public private(set) var coders: [String]
  /// `values[unit][coder]`: the category, or nil when the coder did not code the unit.
  public private(set) var values: [[Category?]]
  /// How descriptions name the units.
  public var unitNoun: UnitNoun
  /// Units dropped before this data was built, mentioned in every description.
  public var setAside: SetAsideUnits?

  /// Data given unit by unit.
  ///
  /// - Parameters:
  ///   - coders: the coders' names.
  ///   - valuesByUnit: one row per unit, one entry per coder (nil when missing).
  ///   - units: the units' labels; `1`, `2`, … when nil.
  ///   - unitNoun: how descriptions name the units.
  public init(
    coders: [String], valuesByUnit: [[Category?]], units: [String]? = nil,
    unitNoun: UnitNoun = .unit
  ) {
    precondition(
      valuesByUnit.allSatisfy { $0.count == coders.count }, "every unit needs one entry per coder")
    precondition(units.map { $0.count == valuesByUnit.count } ?? true, "one label per unit")
    self.coders = coders
    self.values = valuesByUnit
    self.units = units ?? valuesByUnit.indices.map { String($0 + 1) }
    self.unitNoun = unitNoun
  }

  /// Data given coder by coder, the layout of Krippendorff's reliability data matrix.
  ///
  /// - Parameters:
  ///   - coders: the coders' names.
  ///   - valuesByCoder: one row per coder, one entry per unit (nil when missing).
  ///   - units: the units' labels; `1`, `2`, … when nil.
  ///   - unitNoun: how descriptions name the units.
  public init(
    coders: [String], valuesByCoder: [[Category?]], units: [String]? = nil,
    unitNoun: UnitNoun = .unit
  ) {
    precondition(valuesByCoder.count == coders.count, "one row per coder")
    let unitCount = valuesByCoder.first?.count ?? 0
    precondition(
      valuesByCoder.allSatisfy { $0.count == unitCount }, "every coder needs one entry per unit")
    let byUnit = (0..<unitCount).map { unit in valuesByCoder.map { $0[unit] } }
    self.init(coders: coders, valuesByUnit: byUnit, units: units, unitNoun: unitNoun)
  }

  /// Data built from (unit, coder, value) triples, units and coders in order of first
  /// appearance.
  ///
  /// - Parameters:
  ///   - ratings: the codings; a triple repeated with the same value counts once.
  ///   - coders: the coders to include, in this order, even if they coded nothing; every coder
  ///     in `ratings` when nil.
  ///   - unitNoun: how descriptions name the units.
  /// - Throws: ``AgreementError/Reason/conflictingValues`` when a coder gave a unit two
  ///   different values; ``AgreementError/Reason/unknownCoder`` when a rating's coder is not in
  ///   `coders`.
  public init(
    ratings: [(unit: String, coder: String, value: Category)], coders: [String]? = nil,
    unitNoun: UnitNoun = .unit
  ) throws {
    var coderNames = coders ?? []
    var coderIndex = Dictionary(
      coderNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var unitNames: [String] = []
    var unitIndex: [String: Int] = [:]
    var rows: [[Category?]] = []
    for rating in ratings {
      if coderIndex[rating.coder] == nil {
        guard coders == nil else {
          throw AgreementError(
            .unknownCoder,
            "\(rating.coder) coded \(rating.unit) but is not one of the coders compared")
        }
        coderIndex[rating.coder] = coderNames.count
        coderNames.append(rating.coder)
        for row in rows.indices { rows[row].append(nil) }
      }
      if unitIndex[rating.unit] == nil {
        unitIndex[rating.unit] = unitNames.count
        unitNames.append(rating.unit)
        rows.append(Array(repeating: nil, count: coderNames.count))
      }
      guard let unit = unitIndex[rating.unit], let coder = coderIndex[rating.coder] else {
        continue
      }
      if let existing = rows[unit][coder], existing != rating.value {
        throw AgreementError(
          .conflictingValues,
          "\(rating.coder) gave \(rating.unit) two different values: \(existing) and \(rating.value)"
        )
      }
      rows[unit][coder] = rating.value
    }
    self.init(coders: coderNames, valuesByUnit: rows, units: unitNames, unitNoun: unitNoun)
  }

  /// The value `coder` gave `unit`, or nil when missing or either is unknown.
  public func value(unit: String, coder: String) -> Category? {
    guard let u = units.firstIndex(of: unit), let c = coders.firstIndex(of: coder) else {
      return nil
    }
    return values[u][c]
  }

  /// The categories used anywhere in the data, in order of first appearance (unit by unit).
  public var categories: [Category] {
    var seen: Set<Category> = []
    var result: [Category] = []
    for row in values {
      for case let value? in row where seen.insert(value).inserted { result.append(value) }
    }
    return result
  }

  /// The same units with only some of the coders.
  ///
  /// - Parameter coders: the coders to keep, in the order wanted.
  /// - Throws: ``AgreementError/Reason/unknownCoder`` for a name the data does not have.
  public func restricted(to coders: [String]) throws -> ReliabilityData {
    let columns = try coders.map { try index(of: $0) }
    var result = ReliabilityData(
      coders: coders, valuesByUnit: values.map { row in columns.map { row[$0] } }, units: units,
      unitNoun: unitNoun)
    result.setAside = setAside
    return result
  }

  /// The number of times each category was given to each unit, the form the multi-coder
  /// coefficients work on.
  public func categoryCounts() -> CategoryCounts<Category> {
    let categories = self.categories
    let column = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    var counts = Array(repeating: Array(repeating: 0, count: categories.count), count: units.count)
    for (unit, row) in values.enumerated() {
      for case let value? in row {
        if let k = column[value] { counts[unit][k] += 1 }
      }
    }
    var result = CategoryCounts(
      categories: categories, counts: counts, units: units, unitNoun: unitNoun)
    result.coderCount = coders.count
    result.setAside = setAside
    return result
  }

  func index(of coder: String) throws -> Int {
    guard let index = coders.firstIndex(of: coder) else {
      throw AgreementError(
        .unknownCoder, "\(coder) is not one of the coders: \(coders.joinedAsList)")
    }
    return index
  }
}
