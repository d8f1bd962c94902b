/// Arithmetic on sentence vectors (unit length, so a dot product is a cosine), shared by the
/// meaning ranking, the theme grouping and the question linker.
public enum UnitVectors {
  public static func dot(_ a: [Float], _ b: [Float]) -> Float {
    var sum: Float = 0
    for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
    return sum
  }

  /// The mean of vectors of one length (others skipped); empty for none.
  public static func mean(_ vectors: [[Float]]) -> [Float] {
    guard let length = vectors.first?.count else { return [] }
    var sum = [Float](repeating: 0, count: length)
    var count: Float = 0
    for vector in vectors where vector.count == length {
      for index in 0..<length { sum[index] += vector[index] }
      count += 1
    }
    return count > 0 ? sum.map { $0 / count } : sum
  }

  /// The vector scaled to unit length (as it is when zero).
  public static func normalised(_ vector: [Float]) -> [Float] {
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 ? vector.map { $0 / norm } : vector
  }

  /// `vector − mean`, unit length again.
  public static func centred(_ vector: [Float], _ mean: [Float]) -> [Float] {
    guard vector.count == mean.count else { return vector }
    return normalised(zip(vector, mean).map { $0 - $1 })
  }
}
