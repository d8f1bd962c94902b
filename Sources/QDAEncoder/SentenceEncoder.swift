import Foundation
import QDAConcurrency
import QDANumerics

/// all-MiniLM-L6-v2 in Swift: a sentence's WordPiece ids through six BERT layers, mean-pooled
/// over its tokens and scaled to unit length, so the dot product of two vectors is their cosine.
///
/// Sentences of a batch are not padded: their tokens are stacked into one matrix for the dense
/// layers (one matrix product per layer and weight, through OpenBLAS), and attention runs per
/// sentence and head over its own tokens only.
///
/// ```swift
/// let encoder = try SentenceEncoder(weights: safetensorsBytes, vocabulary: vocabText)
/// let vectors = encoder.encode(["The coach was great.", "I spent twenty hours."])
/// vectors[0].count  // 384
/// ```
public struct SentenceEncoder: Sendable {
  /// The length of every vector.
  public static let dimension = 384
  static let heads = 12
  static let headSize = 32
  static let hidden = 1536
  static let layerCount = 6
  static let positions = 512

  /// The tokenizer the encoder reads its sentences with.
  public let tokenizer: WordPieceTokenizer
  /// A digest of the weights (FNV-1a over the file's bytes), so stored vectors can say which
  /// model made them.
  public let fingerprint: String

  private let wordEmbeddings: [Float]
  private let positionEmbeddings: [Float]
  private let typeEmbedding: [Float]
  private let embeddingNorm: Norm
  private let layers: [Layer]

  struct Norm: Sendable {
    var weight: [Float]
    var bias: [Float]
  }

  struct Layer: Sendable {
    /// Query, key and value weights stacked: 1152 × 384.
    var qkv: [Float]
    var qkvBias: [Float]
    var output: [Float]
    var outputBias: [Float]
    var attentionNorm: Norm
    var up: [Float]
    var upBias: [Float]
    var down: [Float]
    var downBias: [Float]
    var outputNorm: Norm
  }

  /// Loads the model from the bytes of its files.
  ///
  /// - Parameters:
  ///   - weights: the bytes of `model.safetensors`.
  ///   - vocabulary: the text of `vocab.txt`.
  ///   - maximumLength: the most tokens read from one sentence, `[CLS]` and `[SEP]` included
  ///     (256, as sentence-transformers reads this model).
  /// - Throws: `EncoderError` naming the file and the tensor or token that is wrong.
  public init(weights: [UInt8], vocabulary: String, maximumLength: Int = 256) throws {
    let tensors = try SafeTensors(weights)
    let d = Self.dimension
    tokenizer = try WordPieceTokenizer(
      vocabulary: vocabulary, maximumLength: min(maximumLength, Self.positions))
    wordEmbeddings = try tensors.floats(
      "embeddings.word_embeddings.weight", shape: [tokenizer.count, d])
    positionEmbeddings = try tensors.floats(
      "embeddings.position_embeddings.weight", shape: [Self.positions, d])
    typeEmbedding = Array(
      try tensors.floats("embeddings.token_type_embeddings.weight", shape: [2, d])[0..<d])
    embeddingNorm = Norm(
      weight: try tensors.floats("embeddings.LayerNorm.weight", shape: [d]),
      bias: try tensors.floats("embeddings.LayerNorm.bias", shape: [d]))
    layers = try (0..<Self.layerCount).map { index in
      let p = "encoder.layer.\(index)."
      func matrix(_ name: String, _ rows: Int, _ columns: Int) throws -> [Float] {
        try tensors.floats(p + name + ".weight", shape: [rows, columns])
      }
      func vector(_ name: String, _ count: Int) throws -> [Float] {
        try tensors.floats(p + name, shape: [count])
      }
      return Layer(
        qkv: try matrix("attention.self.query", d, d) + matrix("attention.self.key", d, d)
          + matrix("attention.self.value", d, d),
        qkvBias: try vector("attention.self.query.bias", d) + vector("attention.self.key.bias", d)
          + vector("attention.self.value.bias", d),
        output: try matrix("attention.output.dense", d, d),
        outputBias: try vector("attention.output.dense.bias", d),
        attentionNorm: Norm(
          weight: try vector("attention.output.LayerNorm.weight", d),
          bias: try vector("attention.output.LayerNorm.bias", d)),
        up: try matrix("intermediate.dense", Self.hidden, d),
        upBias: try vector("intermediate.dense.bias", Self.hidden),
        down: try matrix("output.dense", d, Self.hidden),
        downBias: try vector("output.dense.bias", d),
        outputNorm: Norm(
          weight: try vector("output.LayerNorm.weight", d),
          bias: try vector("output.LayerNorm.bias", d)))
    }
    fingerprint = Self.fnv1a(weights)
  }

  /// Unit-length vectors for sentences, in order.
  ///
  /// - Parameter texts: the sentences; an empty one gets the vector of `[CLS] [SEP]`.
  /// - Returns: one vector of ``dimension`` floats per sentence.
  public func encode(_ texts: [String]) -> [[Float]] {
    encode(ids: texts.map { tokenizer.ids(for: $0) })
  }

  /// Unit-length vectors for sentences given as token ids (each starting with `[CLS]` and ending
  /// with `[SEP]`, as ``WordPieceTokenizer/ids(for:)`` makes them).
  ///
  /// - Parameter ids: the sentences' ids, each at most 512 long.
  /// - Returns: one vector per sentence.
  public func encode(ids: [[Int32]]) -> [[Float]] {
    var batches: [Range<Int>] = []
    var start = 0
    var tokens = 0
    for (index, sentence) in ids.enumerated() {
      let length = min(sentence.count, Self.positions)
      if tokens + length > Self.batchTokens, index > start {
        batches.append(start..<index)
        start = index
        tokens = 0
      }
      tokens += length
    }
    if start < ids.count { batches.append(start..<ids.count) }
    // Batches run on every core, each through single-threaded BLAS: on 2 cores that is 1.4x
    // OpenBLAS's own threads over one batch at a time, which spend a fifth of their time yielding
    // between the small per-head products.
    let ranges = batches
    return concurrentMap(ranges.count) { batch in
      forward(
        ids[ranges[batch]].map { $0.count > Self.positions ? Array($0.prefix(Self.positions)) : $0 }
      )
    }.flatMap { $0 }
  }

  /// Tokens stacked into one forward pass: big enough that the matrix products dominate, small
  /// enough that a worker's workspace (about 13 KB a token) stays near 25 MB.
  static let batchTokens = 2048

  // MARK: - Forward pass

  private func forward(_ batch: [[Int32]]) -> [[Float]] {
    let d = Self.dimension
    let total = batch.reduce(0) { $0 + $1.count }
    guard total > 0 else { return batch.map { _ in [Float](repeating: 0, count: d) } }
    var x = [Float](repeating: 0, count: total * d)
    var qkv = [Float](repeating: 0, count: total * 3 * d)
    var context = [Float](repeating: 0, count: total * d)
    var scratch = [Float](repeating: 0, count: total * d)
    var hidden = [Float](repeating: 0, count: total * Self.hidden)
    let longest = batch.map(\.count).max() ?? 0
    var scores = [Float](repeating: 0, count: longest * longest)

    // Embeddings: word + position + token type 0, then layer norm.
    x.withUnsafeMutableBufferPointer { x in
      var row = 0
      for sentence in batch {
        for (position, id) in sentence.enumerated() {
          let word = Int(id) * d
          let place = position * d
          for k in 0..<d {
            x[row * d + k] =
              wordEmbeddings[word + k] + positionEmbeddings[place + k] + typeEmbedding[k]
          }
          row += 1
        }
      }
    }
    Self.layerNorm(&x, rows: total, embeddingNorm)

    for layer in layers {
      Self.linear(
        x, rows: total, inputs: d, weights: layer.qkv, bias: layer.qkvBias, outputs: 3 * d,
        into: &qkv)
      attention(qkv, batch: batch, scores: &scores, into: &context)
      Self.linear(
        context, rows: total, inputs: d, weights: layer.output, bias: layer.outputBias, outputs: d,
        into: &scratch)
      Self.addNorm(&x, scratch, rows: total, layer.attentionNorm)
      Self.linear(
        x, rows: total, inputs: d, weights: layer.up, bias: layer.upBias, outputs: Self.hidden,
        into: &hidden)
      Self.gelu(&hidden)
      Self.linear(
        hidden, rows: total, inputs: Self.hidden, weights: layer.down, bias: layer.downBias,
        outputs: d, into: &scratch)
      Self.addNorm(&x, scratch, rows: total, layer.outputNorm)
    }

    // Mean over each sentence's tokens, then unit length.
    var vectors: [[Float]] = []
    vectors.reserveCapacity(batch.count)
    var row = 0
    for sentence in batch {
      var sum = [Float](repeating: 0, count: d)
      for r in row..<(row + sentence.count) {
        for k in 0..<d { sum[k] += x[r * d + k] }
      }
      row += sentence.count
      let count = Float(max(sentence.count, 1))
      var norm: Float = 0
      for k in 0..<d {
        sum[k] /= count
        norm += sum[k] * sum[k]
      }
      let scale = norm > 0 ? 1 / norm.squareRoot() : 0
      for k in 0..<d { sum[k] *= scale }
      vectors.append(sum)
    }
    return vectors
  }

  /// Scaled dot-product attention of each sentence's tokens among themselves, head by head.
  private func attention(
    _ qkv: [Float], batch: [[Int32]], scores: inout [Float], into context: inout [Float]
  ) {
    let d = Self.dimension
    let stride = 3 * d
    let scale = 1 / Float(Self.headSize).squareRoot()
    qkv.withUnsafeBufferPointer { qkv in
      context.withUnsafeMutableBufferPointer { context in
        scores.withUnsafeMutableBufferPointer { scores in
          guard let base = qkv.baseAddress, let out = context.baseAddress,
            let s = scores.baseAddress
          else { return }
          var row = 0
          for sentence in batch {
            let n = sentence.count
            for head in 0..<Self.heads {
              let q = base + row * stride + head * Self.headSize
              let k = q + d
              let v = q + 2 * d
              MatrixProduct.multiply(
                m: n, n: n, k: Self.headSize, alpha: scale, q, lda: stride, k, ldb: stride,
                transposeB: true, into: s, ldc: n)
              for i in 0..<n {
                let line = s + i * n
                var largest = -Float.infinity
                for j in 0..<n where line[j] > largest { largest = line[j] }
                var sum: Float = 0
                for j in 0..<n {
                  let e = Foundation.expf(line[j] - largest)
                  line[j] = e
                  sum += e
                }
                let inverse = 1 / sum
                for j in 0..<n { line[j] *= inverse }
              }
              MatrixProduct.multiply(
                m: n, n: Self.headSize, k: n, s, lda: n, v, ldb: stride, transposeB: false,
                into: out + row * d + head * Self.headSize, ldc: d)
            }
            row += n
          }
        }
      }
    }
  }

  /// `output = input · weightsᵀ + bias`, with weights stored as PyTorch does (outputs × inputs).
  private static func linear(
    _ input: [Float], rows: Int, inputs: Int, weights: [Float], bias: [Float], outputs: Int,
    into output: inout [Float]
  ) {
    output.withUnsafeMutableBufferPointer { out in
      guard let c = out.baseAddress else { return }
      for r in 0..<rows {
        let line = c + r * outputs
        for k in 0..<outputs { line[k] = bias[k] }
      }
      input.withUnsafeBufferPointer { a in
        weights.withUnsafeBufferPointer { b in
          guard let a = a.baseAddress, let b = b.baseAddress else { return }
          MatrixProduct.multiply(
            m: rows, n: outputs, k: inputs, a, lda: inputs, b, ldb: inputs, transposeB: true,
            beta: 1, into: c, ldc: outputs)
        }
      }
    }
  }

  /// `x = norm(x + residual)`, row by row.
  private static func addNorm(_ x: inout [Float], _ residual: [Float], rows: Int, _ norm: Norm) {
    x.withUnsafeMutableBufferPointer { x in
      residual.withUnsafeBufferPointer { r in
        for i in 0..<(rows * dimension) { x[i] += r[i] }
      }
    }
    layerNorm(&x, rows: rows, norm)
  }

  private static func layerNorm(_ x: inout [Float], rows: Int, _ norm: Norm) {
    let d = dimension
    x.withUnsafeMutableBufferPointer { x in
      norm.weight.withUnsafeBufferPointer { w in
        norm.bias.withUnsafeBufferPointer { b in
          for r in 0..<rows {
            let line = r * d
            var mean: Float = 0
            for k in 0..<d { mean += x[line + k] }
            mean /= Float(d)
            var variance: Float = 0
            for k in 0..<d {
              let centred = x[line + k] - mean
              variance += centred * centred
            }
            variance /= Float(d)
            let inverse = 1 / (variance + 1e-12).squareRoot()
            for k in 0..<d { x[line + k] = (x[line + k] - mean) * inverse * w[k] + b[k] }
          }
        }
      }
    }
  }

  /// BERT's GELU with the error function, `x/2 · (1 + erf(x/√2))`, eight values at a time.
  ///
  /// erf is Abramowitz and Stegun's 7.1.26 (absolute error below 1.5e-7, under float32's
  /// resolution at these magnitudes) over a polynomial `exp`, so the loop vectorises instead of
  /// calling libm's `erff` per value (a tenth of the encoder's time before).
  static func gelu(_ x: inout [Float]) {
    typealias V = SIMD8<Float>
    x.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let count = buffer.count
      var index = 0
      while index + 8 <= count {
        let raw = UnsafeMutableRawPointer(base + index)
        let value = raw.loadUnaligned(as: V.self)
        raw.storeBytes(of: geluVector(value), as: V.self)
        index += 8
      }
      if index < count {
        var tail = V(repeating: 0)
        for k in 0..<(count - index) { tail[k] = base[index + k] }
        let result = geluVector(tail)
        for k in 0..<(count - index) { base[index + k] = result[k] }
      }
    }
  }

  @inline(__always)
  private static func geluVector(_ value: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Float>
    let z = value * 0.707_106_77
    let a = z.replacing(with: -z, where: z .< 0)
    let t = 1 / (1 + 0.327_591_1 * a)
    var poly = V(repeating: 1.061_405_429)
    poly = poly * t - 1.453_152_027
    poly = poly * t + 1.421_413_741
    poly = poly * t - 0.284_496_736
    poly = poly * t + 0.254_829_592
    poly = poly * t
    let magnitude = 1 - poly * exp(-(a * a))
    let erf = magnitude.replacing(with: -magnitude, where: z .< 0)
    return 0.5 * value * (1 + erf)
  }

  /// e^y for y ≤ 0: 2^k · e^r with |r| ≤ ln 2 / 2, e^r by its degree-6 Taylor polynomial
  /// (relative error about 2e-8), values below -87 flushed to 0.
  @inline(__always)
  private static func exp(_ y: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Float>
    let clamped = y.replacing(with: V(repeating: -87), where: y .< -87)
    // Round to the nearest integer by adding 1.5·2²³: the sum's low mantissa bits are k itself.
    let shifted = clamped * 1.442_695_04 + 12_582_912
    let k = shifted - 12_582_912
    let r = clamped - k * 0.693_147_18
    var p = V(repeating: 1.0 / 720)
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((integer &+ 127) &<< 23, to: V.self)
    return (p * scale).replacing(with: 0, where: y .< -87)
  }

  /// FNV-1a over the bytes taken eight at a time (and the tail one at a time).
  private static func fnv1a(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBytes { raw in
      let words = raw.count / 8
      for index in 0..<words {
        hash ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        hash = hash &* 0x100_0000_01b3
      }
      for index in (words * 8)..<raw.count {
        hash ^= UInt64(raw[index])
        hash = hash &* 0x100_0000_01b3
      }
    }
    return String(hash, radix: 16)
  }
}
