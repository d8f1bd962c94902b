internal import CBLAS

/// Single-precision matrix products through OpenBLAS (`cblas_sgemm`, `cblas_sgemv`), row-major,
/// on one thread per call: callers run independent products on separate cores themselves,
/// which on two cores beats OpenBLAS's own threads for the many small products an encoder or a
/// trainer makes.
///
/// ```swift
/// // c (m × n) = a (m × k) · bᵀ, with b stored n × k
/// MatrixProduct.multiply(m: 2, n: 3, k: 4, a, lda: 4, b, ldb: 4, transposeB: true, into: c, ldc: 3)
/// ```
public enum MatrixProduct {
  /// `c = alpha · a · op(b) + beta · c`, row-major, where op(b) is b or bᵀ.
  ///
  /// - Parameters:
  ///   - m, n, k: c is m × n; a is m × k; op(b) is k × n.
  ///   - lda, ldb, ldc: the row strides (elements) of a, b and c.
  ///   - transposeB: b is stored n × k and read transposed.
  public static func multiply(
    m: Int, n: Int, k: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int,
    transposeB: Bool, beta: Float = 0, into c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    singleThreaded
    cblas_sgemm(
      CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n),
      Int32(k), alpha, a,
      Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// `y = alpha · op(a) · x + beta · y` for a row-major m × n matrix a, where op(a) is a or aᵀ.
  public static func multiply(
    rows m: Int, columns n: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
    transposed: Bool,
    vector x: UnsafePointer<Float>, beta: Float = 0, into y: UnsafeMutablePointer<Float>
  ) {
    singleThreaded
    cblas_sgemv(
      CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a,
      Int32(lda), x, 1, beta, y, 1)
  }

  /// OpenBLAS told once to use one thread per product.
  private static let singleThreaded: Void = qdakit_blasSetThreads(1)
}
