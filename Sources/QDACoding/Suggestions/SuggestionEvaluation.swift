public import QDAModel

/// Precision and recall of one code's or one element's suggestions.
public struct SuggestionScore: Hashable, Sendable {
  /// The code id or element name.
  public var label: String
  /// Passages suggested and coded by the coder.
  public var truePositives = 0
  /// Passages suggested that the coder did not code so.
  public var falsePositives = 0
  /// Passages the coder coded so that were not suggested.
  public var falseNegatives = 0

  public init(label: String) { self.label = label }

  /// TP / (TP + FP); nil when nothing was suggested.
  public var precision: Double? {
    truePositives + falsePositives > 0
      ? Double(truePositives) / Double(truePositives + falsePositives) : nil
  }

  /// TP / (TP + FN); nil when the coder never applied it.
  public var recall: Double? {
    truePositives + falseNegatives > 0
      ? Double(truePositives) / Double(truePositives + falseNegatives) : nil
  }

  /// The harmonic mean of precision and recall; nil when either is.
  public var f1: Double? {
    guard let precision, let recall, precision + recall > 0 else { return nil }
    return 2 * precision * recall / (precision + recall)
  }

  mutating func count(suggested: Bool, coded: Bool) {
    switch (suggested, coded) {
    case (true, true): truePositives += 1
    case (true, false): falsePositives += 1
    case (false, true): falseNegatives += 1
    case (false, false): break
    }
  }
}

/// How well suggestions learned from a coder reproduce that coder's own codings, measured by
/// cross-validation: the coder's documents are split into folds; each fold is classified by a
/// model trained on the others, so no passage is scored by a model that saw it (nor any passage
/// of its document).
public struct SuggestionEvaluation: Sendable {
  public var folds: Int
  public var passages: Int
  public var documents: Int
  /// The lowest score that counts as a suggestion.
  public var threshold: Double
  /// Micro-averaged over every code.
  public var overall: SuggestionScore
  public var elements: [SuggestionScore]
  public var codes: [SuggestionScore]

  /// Cross-validates suggestions on a coder's passages.
  ///
  /// - Parameters:
  ///   - passages: the passages the coder reviewed, with their codes and documents.
  ///   - codebook: each code's element.
  ///   - folds: how many folds (at most the number of documents).
  ///   - threshold: the lowest score that counts as a suggestion.
  ///   - options: training settings.
  public init(
    passages: [ClassifiedPassage], codebook: Codebook, folds: Int = 5, threshold: Double = 0.5,
    options: CodeClassifier.Options = .init()
  ) {
    let documents = Array(Set(passages.map(\.document))).sorted()
    let k = max(2, min(folds, documents.count))
    var fold: [String: Int] = [:]
    for (index, document) in documents.enumerated() { fold[document] = index % k }
    let allCodes = Set(passages.flatMap(\.codes)).sorted()
    var codeScores = Dictionary(
      uniqueKeysWithValues: allCodes.map { ($0, SuggestionScore(label: $0)) })
    let elementOf = Dictionary(
      codebook.codes.compactMap { code in code.element.map { (code.id, $0) } },
      uniquingKeysWith: { a, _ in a })
    var elementScores: [Element: SuggestionScore] = [:]

    for held in 0..<k {
      let training = passages.filter { fold[$0.document] != held }
      let testing = passages.filter { fold[$0.document] == held }
      guard !testing.isEmpty else { continue }
      let classifier = CodeClassifier(training: training, options: options)
      for passage in testing {
        let suggested = Set(
          classifier.scores(for: passage).filter { $0.score >= threshold }.map(\.code))
        for code in allCodes {
          codeScores[code]?.count(
            suggested: suggested.contains(code), coded: passage.codes.contains(code))
        }
        let suggestedElements = Set(suggested.compactMap { elementOf[$0] })
        let codedElements = Set(passage.codes.compactMap { elementOf[$0] })
        for element in suggestedElements.union(codedElements) {
          elementScores[element, default: SuggestionScore(label: element.rawValue)].count(
            suggested: suggestedElements.contains(element), coded: codedElements.contains(element))
        }
      }
    }
    var overall = SuggestionScore(label: "all codes")
    for score in codeScores.values {
      overall.truePositives += score.truePositives
      overall.falsePositives += score.falsePositives
      overall.falseNegatives += score.falseNegatives
    }
    let order = Dictionary(
      codebook.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.folds = k
    self.passages = passages.count
    self.documents = documents.count
    self.threshold = threshold
    self.overall = overall
    elements = Element.allCases.compactMap { elementScores[$0] }
    codes = allCodes.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }.compactMap {
      codeScores[$0]
    }
  }
}
