import QDAText

/// Whether incentives mattered to a participant's decision.
public enum IncentiveStance: String, CaseIterable, Codable, Sendable, Comparable {
  case mattered
  case didNotMatter = "did_not_matter"

  public var label: String {
    switch self {
    case .mattered: "Mattered"
    case .didNotMatter: "Did not matter much"
    }
  }

  public static func < (lhs: IncentiveStance, rhs: IncentiveStance) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// A kind of incentive a programme offers.
public enum IncentiveKind: String, CaseIterable, Codable, Sendable, Hashable {
  /// A stipend, pay, money.
  case money
  /// Academic credit.
  case credit
  /// Hours or units for licence renewal: clock hours, PD hours, CEUs.
  case hours
  /// A licence, an endorsement, a designation, a certificate or badge.
  case license
}

/// A stance found in a sentence, and what it is about.
public struct IncentiveVerdict: Hashable, Sendable {
  public var stance: IncentiveStance
  /// The incentives it is about; empty when the sentence names none (it is about the ones
  /// asked about).
  public var kinds: Set<IncentiveKind>
  /// The words that decided it.
  public var cue: String
  /// The sentence, as written.
  public var evidence: String
}

/// Reads whether incentives mattered from answers, sentence by sentence.
///
/// A sentence gives a stance by a short answer at the start of an answer ("No.", "Not really.",
/// "Absolutely."), by an incentive followed by a yes or no ("The CEUs, no. The stipend, yes."), or
/// by cue phrases aware of negation ("it didn't figure into it", "a nice bonus", "that got me to
/// sign up", "I wouldn't have done it without the credit"). Each stance is tied to the
/// incentives its clause or sentence names.
///
/// An answer's stance (`decide`): when the question asked about one incentive, the stance on
/// that one; when the answer gives different incentives different stances, the incentives
/// mattered (one of them played a role); otherwise the last stance (speakers end on their
/// verdict).
///
/// ```swift
/// let verdicts = IncentiveReader.verdicts(in: CueText("The credits, yes. The clock hours, no."), opensAnswer: true)
/// IncentiveReader.decide(verdicts, asked: [])?.stance  // .mattered
/// ```
public enum IncentiveReader {
  /// The incentives a text names.
  public static func kinds(in text: CueText) -> Set<IncentiveKind> {
    Set(kindLexicon.matches(in: text).map(\.value))
  }

  /// Whether a text names an incentive.
  public static func namesIncentive(_ text: CueText) -> Bool {
    !kinds(in: text).isEmpty || text.contains(anyOf: ["incentive", "incentives"])
  }

  /// The stances a sentence gives.
  ///
  /// - Parameters:
  ///   - opensAnswer: the sentence is the first of an answer to a question about incentives, where
  ///     "No." or "Absolutely." is a stance.
  ///   - inherited: the incentives the sentence before named, for a sentence that names none
  ///     ("I've got plenty of those").
  ///   - doingWithout: the question asked whether they would have done it without the incentive
  ///     (`asksAboutDoingWithout`): a short "No." then says it mattered, "Yes." that it did not.
  public static func verdicts(
    in text: CueText, opensAnswer: Bool = false, inherited: Set<IncentiveKind> = [],
    doingWithout: Bool = false
  ) -> [IncentiveVerdict] {
    guard !text.isQuestion else { return [] }
    let sentenceKinds = Self.kinds(in: text)
    // "But seven-fifty is a new set of tires": a contrast starts a new topic.
    let contrast =
      text.words.first.map { ["but", "although", "though", "whereas", "except"].contains($0.text) }
      ?? false
    let fallback = sentenceKinds.isEmpty ? (contrast ? [] : inherited) : sentenceKinds
    var result: [IncentiveVerdict] = []
    // Clauses, as word ranges.
    var clauseStart = 0
    var clauses: [Range<Int>] = []
    for index in text.words.indices.dropFirst() where text.startsClause(index) {
      clauses.append(clauseStart..<index)
      clauseStart = index
    }
    if !text.words.isEmpty { clauses.append(clauseStart..<text.words.count) }
    func kinds(of clause: Range<Int>) -> Set<IncentiveKind> {
      guard !clause.isEmpty else { return [] }
      return Self.kinds(
        in: CueText(
          text.scalars,
          range: text.words[clause.lowerBound].start..<text.words[clause.upperBound - 1].end))
    }
    if opensAnswer, let stance = shortAnswer(text, firstClause: clauses.first ?? 0..<0) {
      let flipped: IncentiveStance = stance.0 == .mattered ? .didNotMatter : .mattered
      result.append(
        IncentiveVerdict(
          stance: doingWithout ? flipped : stance.0, kinds: [], cue: stance.1, evidence: text.text))
    }
    // "The CEUs, no." — an incentive, then yes or no; "…, not the stipend."
    for (position, clause) in clauses.enumerated() {
      let words = text.words[clause].map(\.text)
      if words.first == "not", words.count <= 4, !kinds(of: clause).isEmpty, position > 0 {
        result.append(
          IncentiveVerdict(
            stance: .didNotMatter, kinds: kinds(of: clause), cue: text.quote(clause),
            evidence: text.text))
      }
    }
    for (position, clause) in clauses.enumerated() where position > 0 {
      let words = text.words[clause].map(\.text)
      let stance: IncentiveStance? =
        ["no", "nope", "nah"].contains(words.first ?? "") && words.count <= 2
          || words == ["not", "really"]
          || words == ["not", "so", "much"] || words == ["not", "much"]
        ? .didNotMatter
        : ["yes", "yeah", "absolutely", "definitely"].contains(words.first ?? "")
          && words.count <= 2 ? .mattered : nil
      guard let stance else { continue }
      let named = kinds(of: clauses[position - 1])
      guard !named.isEmpty else { continue }
      result.append(
        IncentiveVerdict(
          stance: stance, kinds: named,
          cue: text.quote(clauses[position - 1].lowerBound..<clause.upperBound), evidence: text.text
        ))
    }
    for match in cues.matches(in: text) {
      let negated = text.isNegated(before: match.words.lowerBound, window: 4)
      // "It didn't matter enough to make me…": a degree, not a stance.
      if negated, match.words.upperBound < text.words.count,
        text.words[match.words.upperBound].text == "enough"
      {
        continue
      }
      guard var stance = negated ? match.value.negated : match.value.stance else { continue }
      // "I'd be less than candid if I said it meant nothing": a denial the speaker disowns.
      if stance == .didNotMatter, !negated, text.isDisavowed(match.words.lowerBound) {
        stance = .mattered
      }
      let clause = clauses.first { $0.contains(match.words.lowerBound) } ?? 0..<0
      // Kinds in the cue's own clause, else in the sentence, else the sentence before's.
      let clauseKinds = kinds(of: clause)
      // "What motivated me was the coaching, not the stipend" does not say the stipend
      // mattered: a stance of mattering needs its clause (or a sentence of one clause) to name
      // an incentive or point back to one.
      if stance == .mattered {
        if clauseKinds.isEmpty, !text.words[clause].contains(where: { pointers.contains($0.text) })
        {
          continue
        }
      }
      result.append(
        IncentiveVerdict(
          stance: stance, kinds: clauseKinds.isEmpty ? fallback : clauseKinds,
          cue: text.quote(match.words), evidence: text.text))
    }
    return result
  }

  static let pointers: Set<String> = [
    "it", "that", "they", "those", "them", "this", "these", "incentive", "incentives",
  ]

  /// The stance of an answer from its verdicts, in order.
  ///
  /// - Parameter asked: the incentives the question named.
  public static func decide(_ verdicts: [IncentiveVerdict], asked: Set<IncentiveKind>)
    -> IncentiveVerdict?
  {
    guard let last = verdicts.last else { return nil }
    // Verdicts that name nothing are about what was asked.
    let resolved = verdicts.map { verdict -> IncentiveVerdict in
      var verdict = verdict
      if verdict.kinds.isEmpty { verdict.kinds = asked }
      return verdict
    }
    // "It mattered, I won't pretend otherwise. But it wasn't the reason I signed up": said to
    // matter, and denied only as the reason (a mixed answer), it mattered.
    func mixed(_ verdicts: [IncentiveVerdict]) -> IncentiveVerdict? {
      let denied = verdicts.filter { $0.stance == .didNotMatter }
      guard !denied.isEmpty, denied.allSatisfy({ deniesOnlyTheReason($0.cue) }) else { return nil }
      // ("It mattered a little, but I'd have done it anyway" says it hardly mattered.)
      return verdicts.first { verdict in
        verdict.stance == .mattered && saysMattered(verdict.cue)
          && !littleWords.matchesAny(CueText(verdict.evidence))
      }
    }
    if asked.count == 1, let kind = asked.first {
      let onAsked = resolved.filter { $0.kinds.contains(kind) }
      if let verdict = mixed(onAsked) ?? onAsked.last { return verdict }
    }
    if let verdict = mixed(resolved) { return verdict }
    // Different stances on different incentives: one of them played a role.
    let mattered = resolved.filter { $0.stance == .mattered }
    let notMattered = resolved.filter { $0.stance == .didNotMatter }
    if let first = mattered.first, !notMattered.isEmpty {
      let matteredKinds = Set(mattered.flatMap(\.kinds))
      let otherKinds = Set(notMattered.flatMap(\.kinds))
      if matteredKinds != otherKinds { return first }
    }
    return last
  }

  /// Whether a cue says outright that the incentive mattered ("mattered", "it did", a disowned
  /// "meant nothing").
  static func saysMattered(_ cue: String) -> Bool {
    let words = CueText(cue).words.map(\.text)
    return words.contains { $0.hasPrefix("matter") || $0 == "meant" || $0 == "means" }
      || words == ["it", "did"]
      || words == ["they", "did"]
  }

  /// A degree that makes mattering slight: "a little", "a bit", "somewhat".
  static let littleWords = CueLexicon([
    "a little", "a bit", "a tad", "somewhat", "slightly", "kind|sort of", "marginally",
  ])

  /// Whether a cue denies only that the incentive was the reason, or that it changed what the
  /// speaker did ("not the reason", "anyway", "regardless"), not that it mattered.
  static func deniesOnlyTheReason(_ cue: String) -> Bool {
    let words = Set(CueText(cue).words.map(\.text))
    return !words.isDisjoint(with: ["reason", "why", "anyway", "regardless", "either"])
  }

  /// "No." "Not really." "Absolutely.": a short answer that is a stance by itself.
  static func shortAnswer(_ text: CueText, firstClause: Range<Int>) -> (IncentiveStance, String)? {
    // The sentence, or its first clause when the rest is an aside: "Not one bit, to be honest."
    let whole = text.words.map(\.text)
    if let found = shortAnswer(whole, text) { return found }
    return firstClause.count < whole.count ? shortAnswer(Array(whole[firstClause]), text) : nil
  }

  private static func shortAnswer(_ all: [String], _ text: CueText) -> (IncentiveStance, String)? {
    var words = all
    while let first = words.first,
      [
        "honestly", "oh", "um", "uh", "well", "so", "i", "mean", "to", "be", "honest", "frankly",
        "candidly",
      ].contains(first)
    {
      words.removeFirst()
    }
    guard !words.isEmpty, words.count <= 5 else { return nil }
    let phrase = words.joined(separator: " ")
    let negative = [
      "no", "nope", "nah", "not really", "not at all", "none", "not much", "not a big one",
      "no not really",
      "not so much", "not particularly", "no not at all", "not a bit", "no none", "not one bit",
      "none at all",
      "no it did n't", "it did n't", "they did n't", "not a lot", "no they did n't", "not for me",
      "not one bit",
      "not in the least", "not a factor", "no not really no", "nah not really", "probably not",
      "i doubt it", "doubt it",
    ]
    let positive = [
      "yes", "yeah", "yep", "absolutely", "definitely", "oh yes", "oh yeah", "yes definitely",
      "a lot", "big time",
      "very much", "for sure", "of course", "totally", "yes absolutely", "yes it did", "it did",
      "they did", "huge",
      "hugely", "a big one", "yes they did",
    ]
    if negative.contains(phrase) { return (.didNotMatter, text.text) }
    if positive.contains(phrase) { return (.mattered, text.text) }
    // A bare no or yes opening a short answer that does not turn ("None that I can identify.",
    // "No, never crossed my mind.", "Yes, for me it did."): its stance.
    guard let first = words.first,
      !words.contains(where: { ["but", "though", "although", "except"].contains($0) })
    else { return nil }
    if ["no", "none", "nope", "nah", "never"].contains(first) { return (.didNotMatter, text.text) }
    if ["yes", "yeah", "yep", "absolutely", "definitely"].contains(first),
      !words.contains(where: { ["not", "n't", "no", "never"].contains($0) })
    {
      return (.mattered, text.text)
    }
    return nil
  }

  /// Words naming incentives.
  static let kindLexicon = CueLexicon<IncentiveKind>([
    ("stipend*", .money), ("money", .money), ("pay", .money), ("paid", .money), ("salary", .money),
    ("dollars", .money), ("compensation", .money), ("bonus", .money), ("reimburse*", .money),
    ("raise", .money),
    ("credit|credits", .credit), ("graduate credit|credits", .credit),
    ("college credit|credits", .credit),
    ("credit hours", .credit), ("units", .credit), ("transcript", .credit),
    ("clock hours", .hours), ("pd hours", .hours), ("professional development hours", .hours),
    ("ceu|ceus", .hours),
    ("cpdu|cpdus", .hours), ("continuing education", .hours), ("contact hours", .hours),
    ("renewal hours", .hours),
    ("the hours", .hours), ("those hours", .hours), ("pd points", .hours),
    ("license|licence|licensure", .license), ("endorsement", .license), ("designation", .license),
    ("certificate*", .license), ("certification", .license), ("badge*", .license),
  ])

  struct Cue: Sendable {
    var stance: IncentiveStance?
    var negated: IncentiveStance?
  }

  static let mattered = Cue(stance: .mattered, negated: .didNotMatter)
  static let notMattered = Cue(stance: .didNotMatter, negated: nil)

  /// Cue phrases; a negated cue of mattering counts as not mattering.
  static let cues = CueLexicon<Cue>([
    ("matter|mattered|matters", mattered), ("a factor", mattered),
    ("factor|factored|factors", mattered),
    ("a role", mattered), ("much of a role", mattered), ("big part", mattered),
    ("part of why|it", mattered),
    ("motivat*", mattered), ("important", mattered), ("care|cared", mattered),
    ("influenc*", mattered),
    ("figure|figured into", mattered), ("got|get me to", mattered),
    ("made me sign|do|enroll|take|apply|finish", mattered),
    ("drew me", mattered), ("sold me", mattered), ("swayed me", mattered),
    ("the reason|a reason", mattered),
    ("main|big|real|huge|whole|only reason", mattered), ("why i", mattered),
    ("needed|need the|those|them|it", mattered),
    ("big draw", mattered), ("sway|swayed|sways me", mattered), ("helped", mattered),
    ("would|could never have .. without", mattered), ("nothing to do with", notMattered),
    ("barely|hardly noticed", notMattered),
    ("not one bit", notMattered), ("regardless", notMattered), ("either way", notMattered),
    ("no matter what", notMattered), ("did n't even know|realize", notMattered),
    ("for free", notMattered),
    ("needed|need the .. hours|credits|credit", mattered), ("appeal*", mattered),
    ("made it .. easier|worth", mattered),
    ("worth it", mattered), ("big deal", mattered), ("a draw", mattered), ("played into", mattered),
    ("would|could n't have .. without", mattered), ("would|could not have .. without", mattered),
    ("would n't have .. if", mattered), ("counts|count|counted toward|towards", mattered),
    ("transfer*", mattered),
    // "It was a nice bonus", "just a bonus", "as an added bonus" (a bonus paid is an incentive, not a stance).
    ("was|is|'s|were|as|just|more .. bonus", notMattered), ("bonus points", notMattered),
    ("icing", notMattered), ("perk", notMattered), ("nice extra", notMattered),
    ("nice to have", notMattered), ("secondary", notMattered), ("afterthought", notMattered),
    ("anyway", notMattered),
    ("more than enough", notMattered), ("more than i .. ever|need", notMattered),
    ("more .. than i know what to do with", notMattered), ("plenty", notMattered),
    ("not so much", notMattered),
    ("not much", notMattered), ("n't think about", notMattered),
    ("never thought about", notMattered),
    ("not why", notMattered), ("n't why", notMattered), ("not the reason", notMattered),
    ("n't the reason", notMattered),
    ("not really", notMattered),
    ("did it for the staff|kids|students|school|building", notMattered),
    // "It meant nothing to me"; "I won't pretend they meant nothing" (a denial denied).
    ("meant|means nothing", Cue(stance: .didNotMatter, negated: .mattered)),
    // "If it had been the only reason, I wouldn't have signed up": a reason only in a supposition.
    ("if .. had|'d been the|my only|main|whole reason", notMattered),
  ])

  /// Whether a question asks if the participant would have done it without the incentive
  /// ("Would you have finished without the stipend?", a participant's own "Would I have done it
  /// without the credits?"), where a short "No." says the incentive mattered.
  public static func asksAboutDoingWithout(_ question: CueText) -> Bool {
    question.isQuestion && doingWithout.matchesAny(question)
  }

  /// Asking whether one would have done it without the incentive.
  static let doingWithout = CueLexicon([
    "would|could|'d i|you have .. .. without", "would|could|'d i|you still have",
    "without .. would|could i|you have",
    "would|could|'d i|you have .. .. anyway|regardless",
  ])
}
