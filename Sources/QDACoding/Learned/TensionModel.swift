import Foundation
public import QDAModel
public import QDANumerics

/// Where an interview voices a tension between two CHAT elements, learned from a coder's
/// contradictions: one logistic regression scores each participant sentence for tension, seven
/// more (one per element) say which elements a tense sentence sets against each other, and four
/// (one per Engeström & Sannino manifestation) which manifestation it shows.
///
/// Its features (`TensionFeatures`) are the learned coder's (`UnitFeatures`), the element
/// probabilities the coder gives the sentence and the sentences beside it, and flags for
/// discourse markers of tension in the sentence and around it. Each interview gets its
/// `perDocument` most tense sentences (one per passage, each at least as likely tense as not) as
/// candidates, each with the pair of elements that are likeliest both as sides and as codes of
/// its words (`pair(sides:own:beside:)`). Detections are candidates for a researcher to confirm
/// or reject.
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
  /// One classifier per manifestation, in `Contradiction.Manifestation.allCases` order: which
  /// of Engeström & Sannino's four a tense sentence shows (nil when the training examples had
  /// fewer than two kinds; the cue words decide then).
  public var kinds: [LearnedModel.Label]?
  /// Per marker of `TensionFeatures.markers`: the share of training sentences holding it that
  /// lie in a contradiction, smoothed toward `baseRate` (nil in models made before markers were
  /// counted: their tension probability alone ranks).
  public var markerRates: [Float]?
  /// The share of all training sentences that lie in a contradiction.
  public var baseRate: Float?

  /// One training contradiction: where, and between which elements.
  public struct Example: Sendable {
    public var document: String
    public var span: TextSpan
    public var elements: (Element, Element)
    /// The manifestation the coder recorded, if any.
    public var kind: Contradiction.Manifestation?
    public init(
      document: String, span: TextSpan, elements: (Element, Element),
      kind: Contradiction.Manifestation? = nil
    ) {
      self.document = document
      self.span = span
      self.elements = elements
      self.kind = kind
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
    var sides = [[Bool]](
      repeating: [Bool](repeating: false, count: Element.allCases.count), count: set.units.count)
    var kinds = [Contradiction.Manifestation?](repeating: nil, count: set.units.count)
    var pairs: [String: Int] = [:]
    for example in contradictions {
      pairs[key(example.elements.0, example.elements.1), default: 0] += 1
      for (index, unit) in set.units.enumerated()
      where unit.document == example.document && unit.span.overlaps(example.span) {
        tense[index] = true
        if kinds[index] == nil { kinds[index] = example.kind }
        for (position, element) in Element.allCases.enumerated()
        where element == example.elements.0 || element == example.elements.1 {
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
      let model = LogisticRegression.fit(
        tenseFeatures, labels: labels, prior: nil, options: options)
      return LearnedModel.Label(
        label: Element.allCases[position].rawValue, model: model, threshold: 0.5,
        positives: labels.filter { $0 }.count)
    }
    // Which manifestation: one against the rest, over the tense sentences whose kind is known.
    let kindRows = rows.filter { kinds[$0] != nil }
    let kindModels: [LearnedModel.Label]? =
      Set(kindRows.compactMap { kinds[$0] }).count < 2
      ? nil
      : Contradiction.Manifestation.allCases.map { manifestation in
        let labels = kindRows.map { kinds[$0] == manifestation }
        let positives = labels.filter { $0 }.count
        // A kind nobody recorded is never chosen.
        let model =
          positives == 0
          ? LogisticRegression(weights: [Float](repeating: 0, count: features.columns), bias: -20)
          : LogisticRegression.fit(
            features.rows(kindRows), labels: labels, prior: nil, options: options)
        return LearnedModel.Label(
          label: manifestation.rawValue, model: model, threshold: 0.5, positives: positives)
      }
    let documents = max(1, set.documents.count)
    let (rates, base) = markerRates(set.units.map(\.text), tense: tense)
    return TensionModel(
      tension: LearnedModel.Label(
        label: "tension", model: tension, threshold: 0.5, positives: rows.count),
      sides: sideModels, pairs: pairs,
      perDocument: max(1, Int((Double(contradictions.count) / Double(documents)).rounded())),
      contradictions: contradictions.count, kinds: kindModels, markerRates: rates, baseRate: base)
  }

  /// How much a marker's presence is worth: each marker's share of tense sentences among the
  /// training sentences that hold it, pulled toward the share among all sentences as if
  /// `markerSmoothing` more sentences at that share held it (a marker seen twice says little).
  static func markerRates(_ texts: [String], tense: [Bool]) -> (rates: [Float], base: Float) {
    let markers = TensionFeatures.markers.count
    var held = [Int](repeating: 0, count: markers)
    var tenseHeld = [Int](repeating: 0, count: markers)
    for (text, isTense) in zip(texts, tense) {
      for (marker, flag) in TensionFeatures.flags(text).prefix(markers).enumerated() where flag > 0
      {
        held[marker] += 1
        if isTense { tenseHeld[marker] += 1 }
      }
    }
    let base = Float(tense.filter { $0 }.count) / Float(max(1, tense.count))
    let rates = (0..<markers).map {
      (Float(tenseHeld[$0]) + markerSmoothing * base) / (Float(held[$0]) + markerSmoothing)
    }
    return (rates, base)
  }

  static let markerSmoothing: Float = 5

  /// How far the markers move a sentence's tension, in log-odds per unit of log(rate / base).
  static let markerWeight: Float = 1.5

  /// Each unit's tension with the evidence of its markers: the classifier's log-odds plus
  /// `markerWeight` × log(rate / base) of its strongest marker (the one whose sentences were
  /// most often tense in training). The classifier reads the markers too, but beside hundreds
  /// of embedding features under one penalty their weights stay small, and the embeddings carry
  /// the topics the training interviews' tensions were about; what a marker like "on the other
  /// hand" is worth holds across topics and writers. Simulated on the per-sentence outputs of
  /// priors that each left one of five writers' groups out (122 contradictions), scored on the
  /// group left out: placed in the right turn 81 → 88, right pair 23 → 26 (weight 1: 80, 23;
  /// weight 2: 85, 25); development corpus end to end, placed 6 → 10, right pair 3 → 5 of 24.
  public func withMarkers(_ tension: [Float], texts: [String]) -> [Float] {
    guard let rates = markerRates, let base = baseRate, base > 0,
      rates.count == TensionFeatures.markers.count
    else {
      return tension
    }
    return zip(tension, texts).map { probability, text in
      let flags = TensionFeatures.flags(text)
      var strongest = base
      for marker in rates.indices where flags[marker] > 0 {
        strongest = max(strongest, rates[marker])
      }
      let p = min(max(probability, 1e-4), 1 - 1e-4)
      let odds = log(p / (1 - p)) + Self.markerWeight * log(strongest / base)
      return 1 / (1 + exp(-odds))
    }
  }

  /// The likeliest manifestation of each row (nil without kind classifiers).
  public func kinds(_ features: Matrix) -> [Contradiction.Manifestation?] {
    guard let kinds, kinds.count == Contradiction.Manifestation.allCases.count else {
      return [Contradiction.Manifestation?](repeating: nil, count: features.rows)
    }
    let probabilities = kinds.map { $0.model.probabilities(features) }
    return (0..<features.rows).map { row in
      let best = probabilities.indices.max { probabilities[$0][row] < probabilities[$1][row] } ?? 0
      return Contradiction.Manifestation.allCases[best]
    }
  }

  static func key(_ a: Element, _ b: Element) -> String {
    [a.rawValue, b.rawValue].sorted().joined(separator: "|")
  }

  /// Each row's tension probability, and each element's side probability.
  public func probabilities(_ features: Matrix) -> (tension: [Float], sides: [[Float]]) {
    let tension = self.tension.model.probabilities(features)
    var sides = [[Float]](
      repeating: [Float](repeating: 0, count: Element.allCases.count), count: features.rows)
    for (position, label) in self.sides.enumerated() where position < Element.allCases.count {
      for (row, probability) in label.model.probabilities(features).enumerated() {
        sides[row][position] = probability
      }
    }
    return (tension, sides)
  }

  /// The likeliest pair of a tense sentence: the two elements that are most likely sides
  /// (`sides`) and most likely coded on the sentence, or one on it and the other on a sentence
  /// beside it (`own`, `beside`: the learned coder's element probabilities). The sides of a
  /// tension are what its words are about, so the codes of its words weigh as much as the side
  /// classifiers, which learned from few examples. Each pair's score is multiplied by how often
  /// the training recorded that pair (Bayes' rule, with the pairs' frequencies as the prior):
  /// some pairs are far commoner than others (of the reference corpus's 288, rules against
  /// division of labor 45, five pairs three or fewer). Measured with priors that
  /// left out one of five authors' groups of eight interviews (122 contradictions in all) and
  /// scored on it: right pair 12 → 21; development corpus 1 → 2 of 24.
  public func pair(sides: [Float], own: [Float], beside: [Float]) -> (Element, Element) {
    let elements = Element.allCases
    // How often the training recorded each pair, add-one smoothed over the 21 pairs.
    let recorded = Float(pairs.values.reduce(0, +) + elements.count * (elements.count - 1) / 2)
    func frequency(_ a: Element, _ b: Element) -> Float {
      Float((pairs[Self.key(a, b)] ?? 0) + 1) / recorded
    }
    var best: (value: Float, pair: (Element, Element)) = (-1, (elements[0], elements[1]))
    for a in elements.indices {
      for b in (a + 1)..<elements.count {
        // (A little for every pair, so the sides decide where the coder sees no element.)
        let coded =
          own.count == elements.count && beside.count == elements.count
          ? max(own[a] * own[b], own[a] * beside[b], beside[a] * own[b]) + 0.01 : 1
        let value = sides[a] * sides[b] * coded * frequency(elements[a], elements[b])
        if value > best.value { best = (value, (elements[a], elements[b])) }
      }
    }
    return best.pair
  }

  /// A candidate's least tension probability: the classifier's own boundary (its classes are
  /// weighted equally), so an interview with no tense sentence gets no candidate.
  public static let floor: Float = 0.5

  /// The candidates of one interview: its `perDocument` best-ranked units (`ranking`) at or
  /// above `floor`, one per passage, best first, with their tension probability, pair and
  /// manifestation.
  ///
  /// - Parameter probabilities: the learned coder's element probabilities of each unit.
  public func candidates(_ units: [CodingUnit], features: Matrix, probabilities: [[Float]])
    -> [Candidate]
  {
    let (learned, sides) = self.probabilities(features)
    let tension = withMarkers(learned, texts: units.map(\.text))
    let kinds = kinds(features)
    let beside = TensionFeatures.beside(units, probabilities: probabilities)
    var chosen: [Candidate] = []
    var passages: Set<Int64> = []
    let rank = Self.ranking(units, tension: tension)
    for index in units.indices.sorted(by: { (rank[$0], $1) > (rank[$1], $0) }) {
      guard chosen.count < perDocument else { break }
      // (Ranked with its neighbour, a sentence may come early and still be below the floor itself.)
      guard tension[index] >= Self.floor else { continue }
      guard passages.insert(units[index].passageID).inserted else { continue }
      let pair = pair(
        sides: sides[index], own: probabilities.indices.contains(index) ? probabilities[index] : [],
        beside: beside[index])
      chosen.append(Candidate(unit: index, score: tension[index], pair: pair, kind: kinds[index]))
    }
    return chosen
  }

  /// What candidates are ranked by: a sentence's tension plus the larger of its neighbours' in
  /// the same passage. A tension is voiced over a sentence or two ("the sentence or two that say
  /// it"), so a tense sentence beside another outranks one alone that is barely more tense.
  /// Simulated on the per-sentence outputs of five held-out writers' groups (122 contradictions)
  /// and the development corpus (24): right pair 21 → 24 and 2 → 4. End to end (`qda analyze`):
  /// held-out groups right pair 21 → 24, placed in the right turn 82 → 85; development corpus
  /// 3 → 3 with the 96-interview prior.
  static func ranking(_ units: [CodingUnit], tension: [Float]) -> [Float] {
    units.indices.map { index in
      let neighbours = [index - 1, index + 1].filter {
        units.indices.contains($0) && units[$0].passageID == units[index].passageID
      }
      return tension[index] + (neighbours.map { tension[$0] }.max() ?? 0)
    }
  }

  /// A sentence the model takes for a tension: which unit, how likely, between which elements,
  /// and (with kind classifiers) which manifestation.
  public struct Candidate: Sendable {
    public var unit: Int
    public var score: Float
    public var pair: (Element, Element)
    public var kind: Contradiction.Manifestation?
  }
}

/// The tension model's features of a sentence: the learned coder's features, the element
/// probabilities it gives the sentence and (the larger of) the sentences beside it in the same
/// answer, where the other side of a tension is often said, and flags for discourse markers of
/// tension in the sentence and (the larger of) its neighbours.
public enum TensionFeatures {
  /// Markers of contrast, obstacle, obligation, feeling and choice, as ordinary English has
  /// them (a `*` ends a prefix). Each is one feature; the weights say what each is worth.
  static let markers: [String] = [
    "but", "however", "although", "though", "yet", "still", "instead", "whereas", "on the one hand",
    "on the other hand",
    "at the same time", "even though", "torn", "guilt*", "frustrat*", "problem*", "hard",
    "difficult", "wish", "honestly",
    "impossible", "can't", "couldn't", "cannot", "either", "supposed to", "have to", "had to",
    "push back", "disagree*",
    "ironic*", "irony", "never", "nobody", "no one", "too much", "not enough", "felt", "worr*",
    "stuck", "struggl*",
    "tension", "conflict*", "backwards", "opposite", "choose", "choice", "sacrific*", "give up",
    "gave up", "juggl*",
    "balanc*", "unfair", "pressure", "resent*", "afraid",
    // The features of Engeström & Sannino's (2011) four manifestations, in everyday words.
    // Dilemma: hedging between two evaluations.
    "i mean", "actually", "maybe", "i guess", "not sure", "part of me", "i don't know",
    "i understand",
    // Conflict: disagreement, criticism, refusal, pushing back.
    "no", "not true", "argu*", "complain*", "refus*", "critic*", "fight*", "told", "pushed back",
    "objected",
    // Critical conflict: a first-person emotional or moral account, told as a story.
    "feel", "ashamed", "embarrass*", "hurt", "cried", "tears", "heart", "stomach", "awful",
    "terrible", "worst",
    "fail*", "myself", "realiz*", "one day", "remember", "that day", "guilty",
    // Double bind: pressing, equally bad alternatives, spoken for a collective.
    "we have to", "we must", "we can't", "no way", "no choice", "helpless", "what can we",
    "what are we", "nothing we",
    "trapped", "either way", "damned",
  ]
  /// Per sentence: the markers, a question mark, length, and the shares of "I", "we" (with
  /// "us", "our") and "they" (with "them").
  static let sentenceCount = markers.count + 5
  public static let count = UnitFeatures.count + 2 * Element.allCases.count + 2 * sentenceCount

  /// The features of units, given their learned-coder features and element probabilities.
  ///
  /// - Parameter units: in document order (the sentences beside a unit are the units before and
  ///   after it in the same document that answer the same interviewer turn).
  public static func matrix(_ units: [CodingUnit], unitFeatures: Matrix, probabilities: [[Float]])
    -> Matrix
  {
    var matrix = Matrix(rows: units.count, columns: count)
    let elements = Element.allCases.count
    let beside = beside(units, probabilities: probabilities)
    for (row, unit) in units.enumerated() {
      let base = row * count
      for (k, value) in unitFeatures.row(row).enumerated() { matrix.values[base + k] = value }
      for k in 0..<elements { matrix.values[base + UnitFeatures.count + k] = probabilities[row][k] }
      for k in 0..<elements {
        matrix.values[base + UnitFeatures.count + elements + k] = beside[row][k]
      }
      let own = flags(unit.text)
      let around = [unit.previous, unit.next].compactMap { $0 }.map(flags).reduce(
        [Float](repeating: 0, count: sentenceCount)
      ) {
        zip($0, $1).map { max($0, $1) }
      }
      let start = base + UnitFeatures.count + 2 * elements
      for k in 0..<sentenceCount {
        matrix.values[start + k] = own[k]
        matrix.values[start + sentenceCount + k] = around[k]
      }
    }
    return matrix
  }

  /// Per unit, each element's larger probability on the sentences beside it: the units before
  /// and after it in the same document that answer the same interviewer turn (zeros where
  /// there is none).
  public static func beside(_ units: [CodingUnit], probabilities: [[Float]]) -> [[Float]] {
    let elements = Element.allCases.count
    return units.indices.map { row in
      var result = [Float](repeating: 0, count: elements)
      for other in [row - 1, row + 1]
      where units.indices.contains(other) && probabilities.indices.contains(other) {
        guard units[other].document == units[row].document,
          units[other].context == units[row].context
        else { continue }
        for k in 0..<min(elements, probabilities[other].count) {
          result[k] = max(result[k], probabilities[other][k])
        }
      }
      return result
    }
  }

  /// One sentence's marker flags, question mark, length (words / 60, at most 1) and the shares
  /// of "i", "we" and "they" among its words.
  static func flags(_ text: String) -> [Float] {
    var words: [String] = []
    var current = ""
    for character in text.lowercased() {
      let character: Character = character == "’" ? "'" : character
      if character.isLetter || character == "'" {
        current.append(character)
      } else if !current.isEmpty {
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
    flags.append(Float(words.filter { $0 == "we" || $0 == "us" || $0 == "our" }.count) / count)
    flags.append(Float(words.filter { $0 == "they" || $0 == "them" }.count) / count)
    return flags
  }
}
