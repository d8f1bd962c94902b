public import QDAModel
import QDAText

/// Applies a codebook's rules to passages, coding the sentences that carry the evidence.
///
/// For each passage a rule may read (its scope and protocol questions), every sentence is
/// checked; a code's matching sentences that follow each other become one coding. The coding
/// records which rules fired, the words that matched, and whether a match was negated
/// ("I didn't care about the incentive" is still coded Incentives, marked negated).
///
/// ```swift
/// let coder = AutoCoder(codebook: codebook)
/// let codings = coder.code(passages, documentText: document.text)
/// ```
public struct AutoCoder: Sendable {
  struct CompiledRule: Sendable {
    var rule: CodingRule
    var codeID: String
    var any: [CompiledTerm]
    var all: [CompiledTerm]
    var nearLeft: [CompiledTerm]
    var nearRight: [CompiledTerm]
    var within: Int
    var unless: [CompiledTerm]
    var isAnswer = false
    /// The same terms as indices into `AutoCoder.terms`.
    var anyIDs: [Int] = []
    var allIDs: [Int] = []
    var nearLeftIDs: [Int] = []
    var nearRightIDs: [Int] = []
    var unlessIDs: [Int] = []
    /// The rule's questions, `probing` taken out.
    var questions: Set<String> = []
    var probing = false
  }

  let rules: [CompiledRule]
  /// Every distinct term of every rule, found in a sentence in one pass over its words: terms
  /// starting with a stem are looked up by the word's stem, terms starting with a prefix are
  /// tried on every word.
  let terms: [CompiledTerm]
  let termsByFirstStem: [String: [Int]]
  let prefixTerms: [Int]
  let negationStems: Set<String>
  let codeOrder: [String: Int]
  /// For each code, the protocol questions that probe it or one of its ancestors.
  let probingQuestions: [String: Set<String>]

  /// The keyword a rule's `questions` list uses for "questions that probe this code".
  public static let probing = "probing"

  /// - Parameters:
  ///   - codebook: the codes and rules.
  ///   - interviewProtocol: the protocol, for rules limited to the questions probing their code;
  ///     without one, such rules read every passage.
  public init(codebook: Codebook, protocol interviewProtocol: InterviewProtocol? = nil) {
    var rules: [CompiledRule] = []
    for code in codebook.codes {
      for rule in code.rules {
        var compiled = CompiledRule(
          rule: rule, codeID: code.id, any: [], all: [], nearLeft: [], nearRight: [], within: 0,
          unless: rule.unless.map(CompiledTerm.init))
        switch rule.pattern {
        case .any(let terms): compiled.any = terms.map(CompiledTerm.init)
        case .all(let terms): compiled.all = terms.map(CompiledTerm.init)
        case .near(let left, let right, let within):
          compiled.nearLeft = left.map(CompiledTerm.init)
          compiled.nearRight = right.map(CompiledTerm.init)
          compiled.within = within
        case .answers:
          compiled.isAnswer = true
        }
        var questions = Set(rule.questions)
        compiled.probing = questions.remove(Self.probing) != nil
        compiled.questions = questions
        rules.append(compiled)
      }
    }
    var terms: [CompiledTerm] = []
    var ids: [CompiledTerm: Int] = [:]
    func id(_ term: CompiledTerm) -> Int {
      if let known = ids[term] { return known }
      ids[term] = terms.count
      terms.append(term)
      return terms.count - 1
    }
    for index in rules.indices {
      rules[index].anyIDs = rules[index].any.map(id)
      rules[index].allIDs = rules[index].all.map(id)
      rules[index].nearLeftIDs = rules[index].nearLeft.map(id)
      rules[index].nearRightIDs = rules[index].nearRight.map(id)
      rules[index].unlessIDs = rules[index].unless.map(id)
    }
    var byStem: [String: [Int]] = [:]
    var prefixes: [Int] = []
    for (index, term) in terms.enumerated() {
      switch term.words.first {
      case .stem(let stem): byStem[stem, default: []].append(index)
      case .prefix: prefixes.append(index)
      case nil: break
      }
    }
    self.terms = terms
    termsByFirstStem = byStem
    prefixTerms = prefixes
    self.rules = rules
    negationStems = Set(codebook.negationCues.map { PorterStemmer.stem($0) })
    codeOrder = Dictionary(uniqueKeysWithValues: codebook.codes.enumerated().map { ($1.id, $0) })
    var probing: [String: Set<String>] = [:]
    if let interviewProtocol {
      for code in codebook.codes {
        var lineage: Set<String> = [code.id]
        var parent = code.parentID
        while let id = parent {
          lineage.insert(id)
          parent = codebook.code(id)?.parentID
        }
        probing[code.id] = Set(
          interviewProtocol.questions.filter { !lineage.isDisjoint(with: $0.probes) }.map(\.id))
      }
    }
    probingQuestions = probing
    hasProtocol = interviewProtocol != nil
  }

  let hasProtocol: Bool

  /// Codes the passages of one document.
  ///
  /// - Parameters:
  ///   - passages: the document's passages, with ids.
  ///   - documentText: the document's text, which the passages' spans index.
  /// - Returns: automatic codings, ordered by passage then position then code.
  public func code(_ passages: [Passage], documentText: String) -> [Coding] {
    let scalars = Array(documentText.unicodeScalars)
    var stems: [String: String] = [:]
    var codings: [Coding] = []
    for passage in passages {
      guard let passageID = passage.id else { continue }
      let applicable = rules.filter { applies($0, to: passage) }
      guard !applicable.isEmpty else { continue }
      let analyzed = AnalyzedText(
        scalars: scalars, span: passage.span.start..<passage.span.end, stems: &stems)
      codings += code(analyzed, rules: applicable, passageID: passageID, scalars: scalars)
    }
    return codings
  }

  /// Whether a rule reads a passage: its speaker and its protocol question.
  func applies(_ compiled: CompiledRule, to passage: Passage) -> Bool {
    let rule = compiled.rule
    switch rule.scope {
    case .participant where passage.role == .interviewer: return false
    case .interviewer where passage.role != .interviewer: return false
    default: break
    }
    // An answer rule needs questions to know what is an answer.
    if compiled.isAnswer, !hasProtocol || passage.questionID == nil { return false }
    guard !rule.questions.isEmpty else { return true }
    // Without a protocol there is nothing to limit a `probing` rule by.
    if compiled.probing, !hasProtocol { return true }
    guard let question = passage.questionID else { return false }
    return compiled.questions.contains(question)
      || (compiled.probing && probingQuestions[compiled.codeID]?.contains(question) == true)
  }

  // MARK: - Matching

  struct SentenceHit {
    var ruleIDs: [String] = []
    var matched: [Range<Int>] = []
    var negated = false
    var affirmed = false
  }

  func code(
    _ text: AnalyzedText, rules: [CompiledRule], passageID: Int64, scalars: [Unicode.Scalar]
  ) -> [Coding] {
    // code id → sentence index → hit
    var hits: [String: [Int: SentenceHit]] = [:]
    for (sentence, wordRange) in text.sentenceWords.enumerated() where !wordRange.isEmpty {
      let found = occurrences(in: text, words: wordRange)
      for rule in rules {
        guard let found = match(rule, occurrences: found) else { continue }
        let negations = found.map { isNegated(text, occurrence: $0, sentence: wordRange) }
        let allNegated = negations.allSatisfy { $0 }
        if allNegated && !rule.rule.codesNegated { continue }
        var hit = hits[rule.codeID]?[sentence] ?? SentenceHit()
        if !hit.ruleIDs.contains(rule.rule.id) { hit.ruleIDs.append(rule.rule.id) }
        hit.matched += found
        if negations.contains(true) { hit.negated = true }
        if negations.contains(false) { hit.affirmed = true }
        hits[rule.codeID, default: [:]][sentence] = hit
      }
    }
    var codings: [Coding] = []
    for (codeID, bySentence) in hits {
      // Consecutive matching sentences become one coding.
      var run: [Int] = []
      func flush() {
        guard let first = run.first, let last = run.last else { return }
        var ruleIDs: [String] = []
        var matched: [Range<Int>] = []
        var negated = false
        var affirmed = false
        for sentence in run {
          guard let hit = bySentence[sentence] else { continue }
          for id in hit.ruleIDs where !ruleIDs.contains(id) { ruleIDs.append(id) }
          matched += hit.matched
          negated = negated || hit.negated
          affirmed = affirmed || hit.affirmed
        }
        var words: [String] = []
        for range in matched.sorted(by: { $0.lowerBound < $1.lowerBound }) {
          let start = text.words[range.lowerBound].start
          let end = text.words[range.upperBound - 1].end
          let phrase = String(String.UnicodeScalarView(scalars[start..<end]))
          if !words.contains(phrase) { words.append(phrase) }
        }
        codings.append(
          Coding(
            passageID: passageID, codeID: codeID, coder: Coding.autoCoder,
            span: TextSpan(start: text.sentences[first].lowerBound, end: text.sentences[last].upperBound),
            ruleID: ruleIDs.joined(separator: " "), matched: words, negated: negated && !affirmed))
        run = []
      }
      for sentence in bySentence.keys.sorted() {
        if let last = run.last, last + 1 != sentence { flush() }
        run.append(sentence)
      }
      flush()
    }
    return codings.sorted {
      ($0.span.start, codeOrder[$0.codeID] ?? 0) < ($1.span.start, codeOrder[$1.codeID] ?? 0)
    }
  }

  /// Where each term occurs in a sentence, by term index, each term's occurrences in order.
  func occurrences(in text: AnalyzedText, words range: Range<Int>) -> [Int: [Range<Int>]] {
    var found: [Int: [Range<Int>]] = [:]
    func tryTerm(_ id: Int, at index: Int) {
      let term = terms[id]
      guard index + term.words.count <= range.upperBound else { return }
      for offset in 1..<term.words.count where !term.words[offset].matches(text.words[index + offset]) { return }
      found[id, default: []].append(index..<(index + term.words.count))
    }
    for index in range {
      let word = text.words[index]
      if let candidates = termsByFirstStem[word.stem] {
        for id in candidates { tryTerm(id, at: index) }
      }
      for id in prefixTerms where terms[id].words[0].matches(word) { tryTerm(id, at: index) }
    }
    return found
  }

  /// The occurrences that make a rule match a sentence, or nil when it does not.
  func match(_ rule: CompiledRule, occurrences: [Int: [Range<Int>]]) -> [Range<Int>]? {
    for id in rule.unlessIDs where occurrences[id] != nil { return nil }
    if rule.isAnswer { return [] }
    var found: [Range<Int>] = []
    if !rule.anyIDs.isEmpty {
      for id in rule.anyIDs { found += occurrences[id] ?? [] }
      return found.isEmpty ? nil : found
    }
    if !rule.allIDs.isEmpty {
      for id in rule.allIDs {
        guard let occurrences = occurrences[id] else { return nil }
        found += occurrences
      }
      return found
    }
    let left = rule.nearLeftIDs.flatMap { occurrences[$0] ?? [] }
    let right = rule.nearRightIDs.flatMap { occurrences[$0] ?? [] }
    for a in left {
      for b in right where a != b {
        let gap = a.lowerBound < b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
        if gap <= rule.within {
          if !found.contains(a) { found.append(a) }
          if !found.contains(b) { found.append(b) }
        }
      }
    }
    return found.isEmpty ? nil : found
  }

  /// Whether a negation cue stands in the few words before an occurrence, in the same clause:
  /// "not at all collaborative", "I didn't really care about the incentive".
  func isNegated(_ text: AnalyzedText, occurrence: Range<Int>, sentence: Range<Int>) -> Bool {
    var index = occurrence.lowerBound
    var distance = 0
    while index > sentence.lowerBound, distance < 5 {
      if text.words[index].afterBreak { break }
      index -= 1
      distance += 1
      let word = text.words[index]
      if negationStems.contains(word.stem) || negationStems.contains(word.text) { return true }
      if word.text == "but" { break }
    }
    return false
  }
}
