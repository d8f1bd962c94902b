public import QDAModel
public import QDANumerics

/// Where an interview voices a tension between two CHAT elements, learned from a coder's
/// contradictions: one logistic regression scores each participant sentence for tension, and
/// seven more (one per element) say which elements a tense sentence sets against each other.
///
/// Its features (`TensionFeatures`) are the learned coder's (`UnitFeatures`), the element
/// probabilities the coder gives the sentence, and flags for discourse markers of tension in
/// the sentence and around it. Each interview gets its `perDocument` most tense sentences (one
/// per passage, each at least as likely tense as not) as candidates, each with the pair of elements whose side probabilities, times how
/// often that pair occurred in training, are highest. Detections are candidates for a researcher
/// to confirm or reject.
public struct TensionModel: Hashable, Sendable, Codable {
  /// The tension classifier (label `tension`).
  public var tension: LearnedModel.Label
  /// One classifier per element, in `Element.allCases` order: is this element a side of the
  /// tension in a tense sentence?
  public var sides: [LearnedModel.Label]
  /// Unordered element pair (`rules|division_of_labor`, raw values sorted) → contradictions with
  /// that pair in training.
  public var pairs: [String: Int]
  /// Candidates per interview: the training contradictions per document, rounded (at least 1).
  public var perDocument: Int
  /// Contradictions learned from.
  public var contradictions: Int

  /// One training contradiction: where, and between which elements.
  public struct Example: Sendable {
    public var document: String
    public var span: TextSpan
    public var elements: (Element, Element)
    public init(document: String, span: TextSpan, elements: (Element, Element)) {
      self.document = document
      self.span = span
      self.elements = elements
    }
  }

  /// Learns from a coder's contradictions in the documents of a training set.
  ///
  /// - Parameters:
  ///   - features: `TensionFeatures.matrix` of the set's units.
  ///   - lambda: the pull toward zero (scikit-learn's 1/C); strong, as there are few examples.
  /// - Returns: nil when no unit lies in a contradiction.
  public static func train(
    _ set: TrainingSet, features: Matrix, contradictions: [Example], lambda: Double = 10
  ) -> TensionModel? {
    var tense = [Bool](repeating: false, count: set.units.count)
    var sides = [[Bool]](repeating: [Bool](repeating: false, count: Element.allCases.count), count: set.units.count)
    var pairs: [String: Int] = [:]
    for example in contradictions {
      pairs[key(example.elements.0, example.elements.1), default: 0] += 1
      for (index, unit) in set.units.enumerated() where unit.document == example.document && unit.span.overlaps(example.span) {
        tense[index] = true
        for (position, element) in Element.allCases.enumerated() where element == example.elements.0 || element == example.elements.1 {
          sides[index][position] = true
        }
      }
    }
    let rows = tense.indices.filter { tense[$0] }
    guard !rows.isEmpty, rows.count < tense.count else { return nil }
    let options = LogisticRegression.Options(lambda: lambda)
    let tension = LogisticRegression.fit(features, labels: tense, prior: nil, options: options)
    let tenseFeatures = features.rows(rows)
    let sideModels = Element.allCases.indices.map { position -> LearnedModel.Label in
      let labels = rows.map { sides[$0][position] }
      let model = LogisticRegression.fit(tenseFeatures, labels: labels, prior: nil, options: options)
      return LearnedModel.Label(
        label: Element.allCases[position].rawValue, model: model, threshold: 0.5, positives: labels.filter { $0 }.count)
    }
    let documents = max(1, set.documents.count)
    return TensionModel(
      tension: LearnedModel.Label(label: "tension", model: tension, threshold: 0.5, positives: rows.count),
      sides: sideModels, pairs: pairs,
      perDocument: max(1, Int((Double(contradictions.count) / Double(documents)).rounded())),
      contradictions: contradictions.count)
  }

  static func key(_ a: Element, _ b: Element) -> String { [a.rawValue, b.rawValue].sorted().joined(separator: "|") }

  /// Each row's tension probability, and each element's side probability.
  public func probabilities(_ features: Matrix) -> (tension: [Float], sides: [[Float]]) {
    let tension = self.tension.model.probabilities(features)
    var sides = [[Float]](repeating: [Float](repeating: 0, count: Element.allCases.count), count: features.rows)
    for (position, label) in self.sides.enumerated() where position < Element.allCases.count {
      for (row, probability) in label.model.probabilities(features).enumerated() { sides[row][position] = probability }
    }
    return (tension, sides)
  }

  /// The likeliest pair for a sentence's side probabilities: side × side × (pair count + 1).
  public func pair(_ sides: [Float]) -> (Element, Element) {
    let elements = Element.allCases
    var best: (value: Float, pair: (Element, Element)) = (-1, (elements[0], elements[1]))
    for a in elements.indices {
      for b in (a + 1)..<elements.count {
        let weight = Float((pairs[Self.key(elements[a], elements[b])] ?? 0) + 1)
        let value = sides[a] * sides[b] * weight
        if value > best.value { best = (value, (elements[a], elements[b])) }
      }
    }
    return best.pair
  }

  /// A candidate's least tension probability: the classifier's own boundary (its classes are
  /// weighted equally), so an interview with no tense sentence gets no candidate.
  public static let floor: Float = 0.5

  /// The candidates of one interview: its `perDocument` most tense units at or above `floor`,
  /// one per passage, best first, with their tension probability and pair.
  public func candidates(_ units: [CodingUnit], features: Matrix) -> [(unit: Int, score: Float, pair: (Element, Element))] {
    let (tension, sides) = probabilities(features)
    var chosen: [(Int, Float, (Element, Element))] = []
    var passages: Set<Int64> = []
    for index in units.indices.sorted(by: { (tension[$0], $1) > (tension[$1], $0) }) {
      guard chosen.count < perDocument, tension[index] >= Self.floor else { break }
      guard passages.insert(units[index].passageID).inserted else { continue }
      chosen.append((index, tension[index], pair(sides[index])))
    }
    return chosen
  }
}

/// The tension model's features of a sentence: the learned coder's features, the element
/// probabilities it gives the sentence, and flags for discourse markers of tension in the
/// sentence and (the larger of) its neighbours.
public enum TensionFeatures {
  /// Markers of contrast, obstacle, obligation, feeling and choice, as ordinary English has
  /// them (a `*` ends a prefix). Each is one feature; the weights say what each is worth.
  static let markers: [String] = [
    "but", "however", "although", "though", "yet", "still", "instead", "whereas", "on the one hand", "on the other hand",
    "at the same time", "even though", "torn", "guilt*", "frustrat*", "problem*", "hard", "difficult", "wish", "honestly",
    "impossible", "can't", "couldn't", "cannot", "either", "supposed to", "have to", "had to", "push back", "disagree*",
    "ironic*", "irony", "never", "nobody", "no one", "too much", "not enough", "felt", "worr*", "stuck", "struggl*",
    "tension", "conflict*", "backwards", "opposite", "choose", "choice", "sacrific*", "give up", "gave up", "juggl*",
    "balanc*", "unfair", "pressure", "resent*", "afraid",
  ]
  /// Per sentence: the markers, a question mark, length, and the shares of "I" and "we".
  static let sentenceCount = markers.count + 4
  public static let count = UnitFeatures.count + Element.allCases.count + 2 * sentenceCount

  /// The features of units, given their learned-coder features and element probabilities.
  public static func matrix(_ units: [CodingUnit], unitFeatures: Matrix, probabilities: [[Float]]) -> Matrix {
    var matrix = Matrix(rows: units.count, columns: count)
    let elements = Element.allCases.count
    for (row, unit) in units.enumerated() {
      let base = row * count
      for (k, value) in unitFeatures.row(row).enumerated() { matrix.values[base + k] = value }
      for k in 0..<elements { matrix.values[base + UnitFeatures.count + k] = probabilities[row][k] }
      let own = flags(unit.text)
      let around = [unit.previous, unit.next].compactMap { $0 }.map(flags).reduce([Float](repeating: 0, count: sentenceCount)) {
        zip($0, $1).map { max($0, $1) }
      }
      let start = base + UnitFeatures.count + elements
      for k in 0..<sentenceCount {
        matrix.values[start + k] = own[k]
        matrix.values[start + sentenceCount + k] = around[k]
      }
    }
    return matrix
  }

  /// One sentence's marker flags, question mark, length (words / 60, at most 1) and the shares
  /// of "i" and "we" among its words.
  static func flags(_ text: String) -> [Float] {
    var words: [String] = []
    var current = ""
    for character in text.lowercased() {
      let character: Character = character == "’" ? "'" : character
      if character.isLetter || character == "'" { current.append(character) } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    let set = Set(words)
    let joined = " " + words.joined(separator: " ") + " "
    var flags = markers.map { marker -> Float in
      if marker.contains(" ") { return joined.contains(" " + marker + " ") ? 1 : 0 }
      if marker.hasSuffix("*") {
        let prefix = String(marker.dropLast())
        return words.contains { $0.hasPrefix(prefix) } ? 1 : 0
      }
      return set.contains(marker) ? 1 : 0
    }
    let count = Float(max(1, words.count))
    flags.append(text.contains("?") ? 1 : 0)
    flags.append(min(Float(words.count), 60) / 60)
    flags.append(Float(words.filter { $0 == "i" }.count) / count)
    flags.append(Float(words.filter { $0 == "we" }.count) / count)
    return flags
  }
}
