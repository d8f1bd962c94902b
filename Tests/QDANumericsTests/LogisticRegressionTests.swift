@testable import QDANumerics
import Testing

@Suite struct LogisticRegressionTests {
  /// 60 examples, 4 features (numpy's generator, seed 7): y = 1.5·x0 − 2·x1 + 0.5·x2 + 0.3 + noise > 0.
  static let features = Matrix(
    rows: [
      [0.001, 0.299, -0.274, -0.891],
      [-0.455, -0.992, 0.06, 1.34],
      [-0.492, -0.62, 0.49, 0.357],
      [0.105, -0.93, -0.029, 0.695],
      [-1.344, -0.458, -1.901, -1.29],
      [-1.842, -0.235, -1.267, 0.271],
      [0.157, -0.187, -2.517, -0.539],
      [-0.049, 0.113, -1.53, -0.478],
      [-0.979, -0.809, 1.061, -0.808],
      [-0.033, 0.884, -0.584, -0.112],
      [0.11, 0.064, -1.225, 0.076],
      [1.359, -1.547, 0.859, 0.119],
      [-0.641, 2.0, 0.762, -1.199],
      [0.075, 0.577, -0.189, 0.683],
      [-0.067, 0.667, 1.439, -0.676],
      [0.203, -0.463, 0.127, -1.187],
      [-0.579, -0.196, 0.899, 1.145],
      [-1.324, -0.795, 0.647, -1.992],
      [-0.463, -0.097, 1.257, 0.689],
      [-0.327, -0.369, -0.25, 1.524],
      [-0.428, -0.304, 0.353, -0.121],
      [-0.197, -1.114, -0.012, -0.444],
      [1.166, 0.653, -0.024, 0.668],
      [-0.34, 1.052, -0.005, 0.583],
      [-1.291, 0.347, -1.688, -2.035],
      [-0.304, -0.9, 0.164, 2.245],
      [-0.832, -0.624, 0.205, 0.493],
      [-0.176, -0.206, 0.702, 0.52],
      [-1.034, -0.079, 0.035, -1.054],
      [0.26, -0.858, 0.972, 0.193],
      [0.089, -0.591, -0.119, -1.998],
      [-1.131, 0.363, -2.129, 0.847],
      [-1.746, 0.757, -0.845, 0.779],
      [0.131, -1.537, 1.249, 1.442],
      [-0.066, -0.274, -0.16, -0.975],
      [1.099, -0.543, -0.051, -0.793],
      [-0.626, -1.278, 1.257, -0.154],
      [0.966, 0.013, -0.694, -0.327],
      [-0.56, 0.008, -0.375, -0.3],
      [-1.379, -0.807, 1.654, -0.671],
      [-1.054, 0.337, 1.407, -1.454],
      [-0.209, -0.632, -1.761, 0.735],
      [-0.023, 0.071, -0.752, 0.455],
      [-0.539, -0.143, -1.108, -1.216],
      [1.336, -0.507, 0.292, -0.034],
      [-0.441, -0.508, 0.63, -0.302],
      [-0.151, 0.022, 1.177, 0.681],
      [0.383, -0.564, -1.382, 0.95],
      [0.966, -0.141, 0.542, 0.781],
      [0.831, 0.921, -0.456, 1.515],
      [-1.247, 0.862, 0.494, 0.874],
      [1.879, 1.484, -1.145, -1.689],
      [0.817, -1.015, -0.012, 0.84],
      [-1.644, -2.11, 0.259, 0.044],
      [-0.246, 0.039, -0.861, -1.513],
      [-0.167, -0.972, -1.643, 0.506],
      [-0.061, 0.407, -0.989, -0.658],
      [-0.999, -0.887, 0.195, -0.783],
      [0.356, 0.34, 2.025, -1.393],
      [0.888, -0.089, -0.014, -1.45]
    ].map { $0.map(Float.init) }, columns: 4)
  static let labels: [Bool] = [false, true, true, true, false, false, false, false, true, false, false, true, false, false, false, true, true, true, true, true, true, true, true, false, false, true, false, true, false, true, true, false, false, true, true, true, true, false, false, true, false, false, false, false, true, true, true, true, true, false, false, true, true, true, false, true, false, true, true, true]

  /// scikit-learn 1.9 `LogisticRegression(C=1, class_weight="balanced", tol=1e-10)` on the same data:
  /// coef [1.43795, -2.15081, 1.21986, 0.08883], intercept 0.17598.
  @Test func matchesScikitLearnOnTheSameData() {
    let model = LogisticRegression.fit(Self.features, labels: Self.labels)
    let expected: [Float] = [1.43795, -2.15081, 1.21986, 0.08883]
    for (weight, want) in zip(model.weights, expected) { #expect(abs(weight - want) < 2e-3, "\(model.weights)") }
    #expect(abs(model.bias - 0.17598) < 2e-3)
  }

  @Test func theGradientVanishesAtTheFit() {
    let model = LogisticRegression.fit(Self.features, labels: Self.labels, options: .init(lambda: 0.1))
    let objective = LogisticRegression.Objective(
      features: Self.features, labels: Self.labels, weights: Self.balancedWeights, center: [0, 0, 0, 0], lambda: 0.1)
    let gradient = objective.evaluate(model.weights.map(Double.init) + [Double(model.bias)]).gradient
    #expect(gradient.map(abs).max() ?? 1 < 1e-3, "\(gradient)")
  }

  @Test func aStrongPenaltyKeepsThePriorsWeights() {
    let prior = LogisticRegression(weights: [3, 3, 3, 3], bias: 0)
    let model = LogisticRegression.fit(Self.features, labels: Self.labels, prior: prior, options: .init(lambda: 1e6))
    for weight in model.weights { #expect(abs(weight - 3) < 0.01) }
    let free = LogisticRegression.fit(Self.features, labels: Self.labels, prior: prior, options: .init(lambda: 1e-3))
    #expect(free.weights[1] < 0, "with a weak pull the data decide the sign")
  }

  @Test func oneClassOnlyGivesAConstantModel() {
    let model = LogisticRegression.fit(Self.features, labels: Array(repeating: false, count: 60))
    #expect(model.probability(Self.features.row(0)) < 1e-6)
  }

  static var balancedWeights: [Double] {
    let positives = Double(labels.filter { $0 }.count)
    let negatives = Double(labels.count) - positives
    return labels.map { $0 ? 60 / (2 * positives) : 60 / (2 * negatives) }
  }
}
