import QDAText

/// Classifies short answers by cue phrases, aware of negation: "it wasn't too much" is not a
/// complaint about the time, "it didn't really matter" is not a reason.
///
/// Each label has phrases; a phrase found with a negation cue just before it (in the same
/// clause) counts for the label its `negatedLabel` names, or not at all. When an answer holds
/// cues for different labels, the last one wins: speakers end on their verdict ("It was a lot,
/// but for the topic it was about right").
public struct CueClassifier<Label: Hashable & Sendable>: Sendable {
  public struct Cue: Sendable {
    public var phrase: [String]
    public var label: Label
    /// The label a negated occurrence counts for, if any.
    public var negatedLabel: Label?

    public init(_ phrase: String, _ label: Label, negated: Label? = nil) {
      self.phrase = Tokenizer.tokens(in: phrase, punctuation: false).map(\.text)
      self.label = label
      negatedLabel = negated
    }
  }

  /// A label with the words that decided it.
  public struct Verdict: Hashable, Sendable {
    public var label: Label
    /// The cue as written in the text.
    public var evidence: String
    public var start: Int
    public var end: Int
  }

  public var cues: [Cue]
  public var negationWords: Set<String> = [
    "not", "n't", "never", "no", "hardly", "barely", "nothing",
  ]

  public init(cues: [Cue]) {
    // Longer phrases first, so "not too much" wins over "too much".
    self.cues = cues.sorted { $0.phrase.count > $1.phrase.count }
  }

  /// The answer's label, from its last cue.
  public func classify(_ text: String) -> Verdict? {
    verdicts(in: text).last
  }

  /// Every cue found, in order, each with the label it counts for.
  public func verdicts(in text: String) -> [Verdict] {
    let scalars = Array(scalarsOf: text)
    let tokens = Tokenizer.tokens(in: scalars, range: 0..<scalars.count)
    var words: [Token] = []
    var breaks: Set<Int> = []
    for token in tokens {
      if token.kind == .punctuation {
        if [",", ";", ".", "?", "!", ":", "\u{2014}"].contains(token.text) {
          breaks.insert(words.count)
        }
        continue
      }
      words.append(token)
    }
    var verdicts: [Verdict] = []
    var covered = Set<Int>()
    for cue in cues {
      guard !cue.phrase.isEmpty else { continue }
      var index = 0
      while index + cue.phrase.count <= words.count {
        let range = index..<(index + cue.phrase.count)
        let matches = zip(cue.phrase, words[range]).allSatisfy { $0 == $1.text }
        if matches, covered.isDisjoint(with: range) {
          covered.formUnion(range)
          let negated = isNegated(words, before: index, breaks: breaks)
          if let label = negated ? cue.negatedLabel : cue.label {
            let start = words[range.lowerBound].start
            let end = words[range.upperBound - 1].end
            verdicts.append(
              Verdict(
                label: label, evidence: String(scalars: scalars[start..<end]),
                start: start, end: end))
          }
          index = range.upperBound
          continue
        }
        index += 1
      }
    }
    return verdicts.sorted { $0.start < $1.start }
  }

  private func isNegated(_ words: [Token], before index: Int, breaks: Set<Int>) -> Bool {
    var cursor = index
    var distance = 0
    while cursor > 0, distance < 4, !breaks.contains(cursor) {
      cursor -= 1
      distance += 1
      if negationWords.contains(words[cursor].text) { return true }
    }
    return false
  }
}

/// Whether the time a programme took was too much, about right or too little.
public enum TimeJudgment: String, CaseIterable, Codable, Sendable, Comparable {
  case tooMuch = "too_much"
  case aboutRight = "about_right"
  case tooLittle = "too_little"

  /// The words a table heads its column with.
  public var label: String {
    switch self {
    case .tooMuch: "Too much"
    case .aboutRight: "About right"
    case .tooLittle: "Too little"
    }
  }

  public static func < (lhs: TimeJudgment, rhs: TimeJudgment) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }

  /// The default lexicon.
  public static let classifier = CueClassifier<TimeJudgment>(cues: [
    .init("too much", .tooMuch, negated: .aboutRight),
    .init("too long", .tooMuch, negated: .aboutRight),
    .init("too time consuming", .tooMuch, negated: .aboutRight),
    .init("too demanding", .tooMuch, negated: .aboutRight),
    .init("too many hours", .tooMuch, negated: .aboutRight),
    .init("way more than", .tooMuch),
    .init("more than i expected", .tooMuch, negated: .aboutRight),
    .init("more than it should", .tooMuch),
    .init("excessive", .tooMuch, negated: .aboutRight),
    .init("overwhelming", .tooMuch, negated: .aboutRight),
    .init("about right", .aboutRight),
    .init("just right", .aboutRight),
    .init("right amount", .aboutRight),
    .init("pretty fair", .aboutRight),
    .init("reasonable", .aboutRight, negated: .tooMuch),
    .init("appropriate", .aboutRight),
    .init("manageable", .aboutRight, negated: .tooMuch),
    .init("doable", .aboutRight, negated: .tooMuch),
    .init("worth the time", .aboutRight),
    .init("too bad", .tooMuch, negated: .aboutRight),
    .init("too little", .tooLittle, negated: .aboutRight),
    .init("too short", .tooLittle, negated: .aboutRight),
    .init("too quick", .tooLittle, negated: .aboutRight),
    .init("not enough", .tooLittle),
    .init("n't enough", .tooLittle),
    .init("was n't long enough", .tooLittle),
    .init("needed more time", .tooLittle),
    .init("could have used more", .tooLittle),
    .init("more than they said", .tooMuch),
    .init("more than advertised", .tooMuch),
    .init("more than we were told", .tooMuch),
    .init("felt fair", .aboutRight),
    .init("was fair", .aboutRight, negated: .tooMuch),
    .init("could have been longer", .tooLittle),
    .init("could have been more", .tooLittle),
  ])
}
