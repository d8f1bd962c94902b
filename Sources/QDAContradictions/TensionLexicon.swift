public import QDAModel
import QDAText

/// The words that show tension, typed by Engeström & Sannino's (2011) discursive manifestations,
/// plus the project's own heuristics (labelled as such in every detection's evidence), the
/// phrases that look like cues but are not ("all but one", "no problem"), and the oppositions of
/// content that show tension with no cue word at all ("the content is all about building
/// community … the tasks have to be done alone").
public struct TensionLexicon: Sendable {
  /// What a cue says about the tension.
  public enum Kind: String, Sendable, Hashable {
    /// "but", "although", "on the other hand": two evaluations meet (dilemma).
    case contrast
    /// "we have to", "there was no way", "what can we do": pressing, equally bad alternatives.
    case doubleBind
    /// "I felt torn", "I felt guilty": a personal, emotional or moral account.
    case criticalConflict
    /// "I disagree", "that's not fair", "backwards": criticism and resistance.
    case conflict
    /// "wasn't allowed", "had to", "supposed to": a rule or demand, not tension by itself.
    case obligation
  }

  public struct Cue: Sendable, Hashable {
    public var phrase: String
    public var kind: Kind
    /// From Engeström & Sannino's Table I, or a project heuristic.
    public var isEngestromSannino: Bool
    let words: [String]

    public init(_ phrase: String, _ kind: Kind, engestromSannino: Bool) {
      self.phrase = phrase
      self.kind = kind
      self.isEngestromSannino = engestromSannino
      words = TensionLexicon.words(phrase)
    }
  }

  /// Two kinds of content that pull against each other.
  public struct Opposition: Sendable, Hashable {
    public var reason: String
    let sideA: [[String]]
    let sideB: [[String]]

    public init(_ reason: String, _ a: [String], _ b: [String]) {
      self.reason = reason
      sideA = a.map(TensionLexicon.words)
      sideB = b.map(TensionLexicon.words)
    }
  }

  public var cues: [Cue]
  public var notCues: [[String]]
  public var oppositions: [Opposition]

  public init(cues: [Cue], notCues: [String], oppositions: [Opposition]) {
    self.cues = cues
    self.notCues = notCues.map(Self.words)
    self.oppositions = oppositions
  }

  static func words(_ phrase: String) -> [String] {
    var words = Tokenizer.tokens(in: phrase, punctuation: false).map(\.text)
    if phrase.hasSuffix("*"), let last = words.popLast() { words.append(last + "*") }
    return words
  }

  /// The starting lexicon: Engeström & Sannino's cues (`../shared/methods/METHODS.md` §1.2) and
  /// the project's heuristics.
  public static let standard = TensionLexicon(
    cues: [
      // Dilemma (E&S): "on the one hand … on the other hand", "yes, but".
      .init("on the one hand", .contrast, engestromSannino: true),
      .init("on the other hand", .contrast, engestromSannino: true),
      .init("yes but", .contrast, engestromSannino: true),
      // Double bind (E&S): collective obligation, helplessness.
      .init("we have to", .doubleBind, engestromSannino: true),
      .init("we must", .doubleBind, engestromSannino: true),
      .init("what can we do", .doubleBind, engestromSannino: true),
      .init("what can you do", .doubleBind, engestromSannino: true),
      // Conflict (E&S): disagreement.
      .init("i disagree", .conflict, engestromSannino: true),
      .init("this is not true", .conflict, engestromSannino: true),
      .init("that's not true", .conflict, engestromSannino: true),
      // Critical conflict: the form is a first-person emotional or moral account; these are the
      // phrases that open one.
      .init("i felt torn", .criticalConflict, engestromSannino: false),
      .init("torn between", .criticalConflict, engestromSannino: false),
      .init("i feel bad", .criticalConflict, engestromSannino: false),
      .init("i felt bad", .criticalConflict, engestromSannino: false),
      .init("i felt guilty", .criticalConflict, engestromSannino: false),
      .init("guilt", .criticalConflict, engestromSannino: false),
      // Project heuristics.
      .init("but", .contrast, engestromSannino: false),
      .init("however", .contrast, engestromSannino: false),
      .init("although", .contrast, engestromSannino: false),
      .init("and yet", .contrast, engestromSannino: false),
      .init("at the same time", .contrast, engestromSannino: false),
      .init("the opposite of", .conflict, engestromSannino: false),
      .init("backwards", .conflict, engestromSannino: false),
      .init("point in different directions", .conflict, engestromSannino: false),
      .init("fighting each other", .conflict, engestromSannino: false),
      .init("ironic", .conflict, engestromSannino: false),
      .init("that pull", .criticalConflict, engestromSannino: false),
      .init("no way to do both", .doubleBind, engestromSannino: false),
      .init("there was no way", .doubleBind, engestromSannino: false),
      .init("enough hours for both", .doubleBind, engestromSannino: false),
      .init("couldn't do both", .doubleBind, engestromSannino: false),
      .init("can't do both", .doubleBind, engestromSannino: false),
      .init("not allowed", .obligation, engestromSannino: false),
      .init("wasn't allowed", .obligation, engestromSannino: false),
      .init("weren't allowed", .obligation, engestromSannino: false),
      .init("have to be done", .obligation, engestromSannino: false),
      .init("supposed to", .obligation, engestromSannino: false),
      .init("had to", .obligation, engestromSannino: false),
      .init("pulls you away", .obligation, engestromSannino: false),
      .init("away from", .obligation, engestromSannino: false),
    ],
    notCues: [
      "all but", "but also", "nothing but", "couldn't help but", "can't help but",
      "cannot help but", "no problem",
      "not a problem", "not at all a problem", "but i came back", "but i finished",
      "but i caught up",
    ],
    oppositions: [
      .init(
        "the collaborative, community-building work the content asks for against working alone",
        [
          "collaborat*", "community", "together", "team", "shared leadership", "bring people in",
          "bringing people in",
          "everyone's voice", "with others", "whole team", "needs a team", "as a solo act",
        ],
        [
          "alone", "by myself", "by yourself", "solo", "independently", "on my own", "own time",
          "self-paced",
          "individually", "by ourselves", "not doing things independently",
        ]),
      .init(
        "being a present, responsive leader against the hours the programme takes",
        [
          "responsive", "responsiveness", "present for", "being present", "there for",
          "being there",
        ],
        ["hours", "time", "at night", "laptop", "takes", "ate"]),
    ])

  /// The lexicon a codebook asks for: the standard one extended by its `contradictions:`
  /// section, or replaced by it.
  public static func forCodebook(_ codebook: Codebook) -> TensionLexicon {
    let settings = codebook.tension
    var lexicon =
      settings.replacesStandard ? TensionLexicon(cues: [], notCues: [], oppositions: []) : standard
    let kinds: [String: Kind] = [
      "contrast": .contrast, "double_bind": .doubleBind, "critical_conflict": .criticalConflict,
      "conflict": .conflict,
      "obligation": .obligation,
    ]
    lexicon.cues += settings.cues.compactMap { cue in
      kinds[cue.kind].map { Cue(cue.phrase, $0, engestromSannino: false) }
    }
    lexicon.notCues += settings.notCues.map(words)
    lexicon.oppositions += settings.oppositions.map { Opposition($0.reason, $0.sideA, $0.sideB) }
    return lexicon
  }

  /// The phrases of every opposition, each once, and per opposition the numbers of its two
  /// sides' phrases in that list: a sentence is checked for each phrase once.
  /// The lexicon's phrases made ready for detection: opposition phrases numbered once (one
  /// phrase may stand on several oppositions' sides), and every list indexed by a word each
  /// phrase needs.
  struct PreparedPhrases: Sendable {
    var list: [[String]] = []
    var sides: [(a: [Int], b: [Int])] = []
    /// Indexes of `list`, the lexicon's cues and its look-alike phrases.
    var oppositions = PhraseIndex([])
    var cues = PhraseIndex([])
    var notCues = PhraseIndex([])

    init(_ lexicon: TensionLexicon) {
      var numbers: [[String]: Int] = [:]
      func number(_ phrase: [String]) -> Int {
        if let known = numbers[phrase] { return known }
        numbers[phrase] = list.count
        list.append(phrase)
        return list.count - 1
      }
      sides = lexicon.oppositions.map { (a: $0.sideA.map(number), b: $0.sideB.map(number)) }
      oppositions = PhraseIndex(list)
      cues = PhraseIndex(lexicon.cues.map(\.words))
      notCues = PhraseIndex(lexicon.notCues)
    }
  }

  /// Which phrases of a list may occur among a sentence's words (`mayOccur`), found from the
  /// words: each phrase is filed under the first word it needs whole, so a sentence looks up its
  /// own few words instead of testing every phrase.
  struct PhraseIndex: Sendable {
    let phrases: [[String]]
    private var byWord: [String: [Int]] = [:]
    /// Phrases needing no whole word (prefixes only): tried on every sentence.
    private var everywhere: [Int] = []

    init(_ phrases: [[String]]) {
      self.phrases = phrases
      for (number, phrase) in phrases.enumerated() {
        if let word = phrase.first(where: { !$0.hasSuffix("*") }) {
          byWord[word, default: []].append(number)
        } else if !phrase.isEmpty {
          everywhere.append(number)
        }
      }
    }

    /// The numbers of the phrases that may occur among `words`, in list order.
    func candidates(in words: Set<String>) -> [Int] {
      var found = everywhere
      for word in words { if let numbers = byWord[word] { found += numbers } }
      if found.count > 1 { found.sort() }
      return found.filter { TensionLexicon.mayOccur(phrases[$0], in: words) }
    }
  }

  /// Whether every whole word of `phrase` is among `words` (a cheap test before scanning).
  static func mayOccur(_ phrase: [String], in words: Set<String>) -> Bool {
    for part in phrase where !part.hasSuffix("*") && !words.contains(part) { return false }
    return !phrase.isEmpty
  }

  /// Positions (token indices) where `phrase` occurs; `*` ends a prefix.
  static func occurrences(of phrase: [String], in words: [String]) -> [Range<Int>] {
    guard !phrase.isEmpty, phrase.count <= words.count else { return [] }
    var result: [Range<Int>] = []
    for start in 0...(words.count - phrase.count) {
      var ok = true
      for (offset, part) in phrase.enumerated() {
        let word = words[start + offset]
        if part.hasSuffix("*") {
          if !word.hasPrefix(part.dropLast()) { ok = false; break }
        } else if word != part {
          ok = false; break
        }
      }
      if ok { result.append(start..<(start + phrase.count)) }
    }
    return result
  }
}
