/// A dense row-major matrix of single-precision values: feature vectors, one row each.
public struct Matrix: Hashable, Sendable {
  public let rows: Int
  public let columns: Int
  /// `rows × columns` values, row after row.
  public var values: [Float]

  /// A matrix of zeros.
  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
    values = [Float](repeating: 0, count: rows * columns)
  }

  /// A matrix from its rows, which must all be `columns` long.
  public init(rows: [[Float]], columns: Int) {
    precondition(rows.allSatisfy { $0.count == columns }, "every row must have \(columns) values")
    self.rows = rows.count
    self.columns = columns
    values = rows.flatMap { $0 }
  }

  /// One row's values.
  public func row(_ index: Int) -> ArraySlice<Float> {
    values[(index * columns)..<((index + 1) * columns)]
  }

  /// The rows at some indexes, in their order.
  public func rows(_ indexes: [Int]) -> Matrix {
    var result = Matrix(rows: indexes.count, columns: columns)
    for (target, source) in indexes.enumerated() {
      result.values.replaceSubrange(
        (target * columns)..<((target + 1) * columns), with: row(source))
    }
    return result
  }

  /// `self · weights + bias` for each row: one score per row.
  public func scores(weights: [Float], bias: Float) -> [Float] {
    precondition(weights.count == columns, "weights must have \(columns) values")
    var result = [Float](repeating: bias, count: rows)
    guard rows > 0, columns > 0 else { return result }
    values.withUnsafeBufferPointer { a in
      weights.withUnsafeBufferPointer { x in
        result.withUnsafeMutableBufferPointer { y in
          guard let a = a.baseAddress, let x = x.baseAddress, let y = y.baseAddress else { return }
          MatrixProduct.multiply(
            rows: rows, columns: columns, a, lda: columns, transposed: false, vector: x, beta: 1,
            into: y)
        }
      }
    }
    return result
  }

  /// `selfᵀ · vector`: one value per column.
  public func transposedTimes(_ vector: [Float]) -> [Float] {
    precondition(vector.count == rows, "the vector must have \(rows) values")
    var result = [Float](repeating: 0, count: columns)
    guard rows > 0, columns > 0 else { return result }
    values.withUnsafeBufferPointer { a in
      vector.withUnsafeBufferPointer { x in
        result.withUnsafeMutableBufferPointer { y in
          guard let a = a.baseAddress, let x = x.baseAddress, let y = y.baseAddress else { return }
          MatrixProduct.multiply(
            rows: rows, columns: columns, a, lda: columns, transposed: true, vector: x, into: y)
        }
      }
    }
    return result
  }
}
