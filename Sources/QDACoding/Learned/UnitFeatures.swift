public import QDAModel
public import QDANumerics

/// The learned coder's features of a sentence: its vector, the vector of the interviewer's turn
/// it answers, the mean of its neighbours' vectors (zero when a part is missing), and one flag
/// per CHAT element the rules coded on it.
///
/// Measured on the development corpus (leave one interview out, logistic regression per
/// element): the sentence alone gives element F1 0.50; with the interviewer's turn 0.61; with
/// the neighbours and the rules 0.61–0.65 (see Docs/learned-coding.md).
public enum UnitFeatures {
  /// The sentence vectors' length.
  public static let vectorLength = 384
  /// Features per unit: three vectors and seven element flags.
  public static let count = 3 * vectorLength + Element.allCases.count
  /// The layout's name, recorded in a model so one made for another layout is refused.
  public static let layout = "sentence+context+neighbours+rule-elements/\(count)"

  /// The feature matrix of units, one row each.
  ///
  /// - Parameters:
  ///   - units: the sentences.
  ///   - vector: a text's vector, or nil when it has none (read as zeros).
  public static func matrix(_ units: [CodingUnit], vector: (String) -> [Float]?) -> Matrix {
    var matrix = Matrix(rows: units.count, columns: count)
    let n = vectorLength
    matrix.values.withUnsafeMutableBufferPointer { values in
      for (row, unit) in units.enumerated() {
        let base = row * count
        if let sentence = vector(unit.text) { for k in 0..<n { values[base + k] = sentence[k] } }
        if !unit.context.isEmpty, let context = vector(unit.context) {
          for k in 0..<n { values[base + n + k] = context[k] }
        }
        let neighbours = [unit.previous, unit.next].compactMap { $0.flatMap(vector) }
        if !neighbours.isEmpty {
          let scale = 1 / Float(neighbours.count)
          for neighbour in neighbours {
            for k in 0..<n { values[base + 2 * n + k] += neighbour[k] * scale }
          }
        }
        for (index, element) in Element.allCases.enumerated()
        where unit.ruleElements.contains(element) {
          values[base + 3 * n + index] = 1
        }
      }
    }
    return matrix
  }
}
