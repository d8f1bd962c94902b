import Foundation

/// A logistic regression for one yes/no label, fitted by L-BFGS on the weighted log loss with an
/// L2 pull toward prior weights (zero, or a model trained before):
///
///   Σᵢ sᵢ · logloss(yᵢ, xᵢ·w + b)  +  λ/2 · ‖w − w₀‖²
///
/// `sᵢ` is the example's weight times its class's weight; with `balanced`, each class weighs
/// n / (2 · its count), as scikit-learn's `class_weight="balanced"` does, so a code given to 1
/// sentence in 20 is not drowned. Deterministic: the same data give the same weights.
///
/// ```swift
/// let model = LogisticRegression.fit(features, labels: labels, options: .init(lambda: 1))
/// model.probability(features.row(0))
/// ```
public struct LogisticRegression: Hashable, Sendable, Codable {
  public var weights: [Float]
  public var bias: Float

  public init(weights: [Float], bias: Float) {
    self.weights = weights
    self.bias = bias
  }

  /// Fitting settings.
  public struct Options: Hashable, Sendable {
    /// The L2 penalty's strength (scikit-learn's 1/C).
    public var lambda: Double
    /// Weigh each class by n / (2 · its count).
    public var balanced: Bool
    /// The most L-BFGS iterations.
    public var iterations: Int
    /// Stop when the gradient's largest component falls below this (times the data's weight).
    public var tolerance: Double

    public init(
      lambda: Double = 1, balanced: Bool = true, iterations: Int = 300, tolerance: Double = 1e-5
    ) {
      self.lambda = lambda
      self.balanced = balanced
      self.iterations = iterations
      self.tolerance = tolerance
    }
  }

  /// The probability of the label for one feature vector.
  public func probability<Values: Collection>(_ features: Values) -> Float
  where Values.Element == Float {
    var sum = bias
    for (value, weight) in zip(features, weights) { sum += value * weight }
    return Self.sigmoid(sum)
  }

  /// The probability of the label for every row.
  public func probabilities(_ features: Matrix) -> [Float] {
    features.scores(weights: weights, bias: bias).map(Self.sigmoid)
  }

  static func sigmoid(_ z: Float) -> Float { 1 / (1 + Foundation.exp(-max(min(z, 40), -40))) }

  /// Fits a model.
  ///
  /// - Parameters:
  ///   - features: one row per example.
  ///   - labels: whether each example has the label.
  ///   - sampleWeights: each example's weight (1 when nil).
  ///   - prior: the weights the penalty pulls toward (zero when nil); its bias is the start.
  ///   - options: penalty, class balance, iterations.
  /// - Returns: the fitted model; with no positive or no negative example, the prior (or a
  ///   constant model of the one class seen).
  public static func fit(
    _ features: Matrix, labels: [Bool], sampleWeights: [Float]? = nil,
    prior: LogisticRegression? = nil,
    options: Options = Options()
  ) -> LogisticRegression {
    precondition(labels.count == features.rows, "one label per row")
    let d = features.columns
    let positives = labels.filter { $0 }.count
    let negatives = labels.count - positives
    let start = prior ?? LogisticRegression(weights: [Float](repeating: 0, count: d), bias: 0)
    guard positives > 0, negatives > 0 else {
      if prior != nil { return start }
      return LogisticRegression(
        weights: [Float](repeating: 0, count: d), bias: positives > 0 ? 40 : -40)
    }
    let n = Double(labels.count)
    let positiveWeight = options.balanced ? n / (2 * Double(positives)) : 1
    let negativeWeight = options.balanced ? n / (2 * Double(negatives)) : 1
    let weights: [Double] = labels.indices.map { index in
      (labels[index] ? positiveWeight : negativeWeight) * Double(sampleWeights?[index] ?? 1)
    }
    let center = start.weights.map(Double.init)
    let objective = Objective(
      features: features, labels: labels, weights: weights, center: center, lambda: options.lambda)
    var x = center + [Double(start.bias)]
    let total = weights.reduce(0, +)
    LBFGS.minimize(&x, iterations: options.iterations, tolerance: options.tolerance * max(total, 1))
    {
      objective.evaluate($0)
    }
    return LogisticRegression(weights: x[0..<d].map(Float.init), bias: Float(x[d]))
  }

  /// The loss and its gradient at a point (weights then bias).
  struct Objective {
    var features: Matrix
    var labels: [Bool]
    var weights: [Double]
    var center: [Double]
    var lambda: Double

    func evaluate(_ point: [Double]) -> (value: Double, gradient: [Double]) {
      let d = features.columns
      let w = point[0..<d].map(Float.init)
      let z = features.scores(weights: w, bias: Float(point[d]))
      var loss = 0.0
      var residual = [Float](repeating: 0, count: z.count)
      var biasGradient = 0.0
      for index in z.indices {
        let value = Double(z[index])
        let weight = weights[index]
        // log(1 + e^-z) for positives, log(1 + e^z) for negatives, computed stably.
        let signed = labels[index] ? -value : value
        loss +=
          weight
          * (signed > 0
            ? signed + Foundation.log1p(Foundation.exp(-signed))
            : Foundation.log1p(Foundation.exp(signed)))
        let p = 1 / (1 + Foundation.exp(-value))
        let g = weight * (p - (labels[index] ? 1 : 0))
        residual[index] = Float(g)
        biasGradient += g
      }
      var gradient = features.transposedTimes(residual).map(Double.init)
      for k in 0..<d {
        let offset = point[k] - center[k]
        loss += 0.5 * lambda * offset * offset
        gradient[k] += lambda * offset
      }
      gradient.append(biasGradient)
      return (loss, gradient)
    }
  }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search: enough for a smooth convex
/// objective such as the logistic loss.
enum LBFGS {
  static func minimize(
    _ x: inout [Double], iterations: Int, tolerance: Double, memory: Int = 10,
    _ evaluate: ([Double]) -> (value: Double, gradient: [Double])
  ) {
    var (value, gradient) = evaluate(x)
    var steps: [[Double]] = []
    var changes: [[Double]] = []
    var rhos: [Double] = []
    for _ in 0..<iterations {
      if gradient.map(abs).max() ?? 0 < tolerance { return }
      // Two-loop recursion: direction = −H·g.
      var q = gradient
      var alphas = [Double](repeating: 0, count: steps.count)
      for index in stride(from: steps.count - 1, through: 0, by: -1) {
        alphas[index] = rhos[index] * dot(steps[index], q)
        axpy(-alphas[index], changes[index], &q)
      }
      if let s = steps.last, let y = changes.last {
        let scale = dot(s, y) / max(dot(y, y), 1e-300)
        for index in q.indices { q[index] *= scale }
      } else {
        let norm = dot(gradient, gradient).squareRoot()
        for index in q.indices { q[index] /= max(norm, 1) }
      }
      for index in steps.indices {
        let beta = rhos[index] * dot(changes[index], q)
        axpy(alphas[index] - beta, steps[index], &q)
      }
      var direction = q.map { -$0 }
      var slope = dot(gradient, direction)
      if slope >= 0 {  // not a descent direction: restart from the gradient
        steps.removeAll()
        changes.removeAll()
        rhos.removeAll()
        direction = gradient.map { -$0 }
        slope = dot(gradient, direction)
      }
      var step = 1.0
      var accepted: (x: [Double], value: Double, gradient: [Double])?
      for _ in 0..<40 {
        var candidate = x
        axpy(step, direction, &candidate)
        let result = evaluate(candidate)
        if result.value <= value + 1e-4 * step * slope {
          accepted = (candidate, result.value, result.gradient)
          break
        }
        step *= 0.5
      }
      guard let accepted else { return }
      let s = zip(accepted.x, x).map { $0 - $1 }
      let y = zip(accepted.gradient, gradient).map { $0 - $1 }
      let sy = dot(s, y)
      let decrease = value - accepted.value
      x = accepted.x
      gradient = accepted.gradient
      value = accepted.value
      if sy > 1e-12 {
        steps.append(s)
        changes.append(y)
        rhos.append(1 / sy)
        if steps.count > memory {
          steps.removeFirst()
          changes.removeFirst()
          rhos.removeFirst()
        }
      }
      if decrease <= 1e-10 * max(abs(value), 1) { return }
    }
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for index in a.indices { sum += a[index] * b[index] }
    return sum
  }

  static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for index in y.indices { y[index] += alpha * x[index] }
  }
}
