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
    var ruleID: String
    var codesNegated: Bool
    var scope: RuleScope
    var codeID: String
    /// The code's place in the codebook.
    var codeIndex: Int
    var within = 0
    var isAnswer = false
    /// The rule's terms, as indices into `AutoCoder.terms`.
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
  /// Each term's words after its first, with stems as numbers (`stemIDs`), compared with a
  /// word's lexeme: term `t`'s are `laterWords[laterStart[t]..<laterStart[t + 1]]`. Flat, so
  /// the inner loop reads no array of arrays.
  let laterWords: [TermWord]
  let laterStart: [Int]
  /// The prefixes a `TermWord` with `isPrefix` numbers.
  let prefixes: [String]
  /// The stems of the terms' words after their first, numbered (first words are found through
  /// `termsByFirstStem`).
  let stemIDs: [String: Int32]
  /// For each term, the rules that need it to match (`unless` terms excepted), in rule order.
  let rulesByTerm: [[Int]]
  let negationStems: Set<String>
  /// The lexemes of the words met so far, shared by copies of the coder and their threads.
  let lexemes = LexemeCache()

  /// A word of a term: a stem's number, or a prefix's (in `prefixes`) when `isPrefix`.
  struct TermWord: Sendable {
    var number: Int32
    var isPrefix: Bool
  }
  let codeIDs: [String]
  /// For each code, the protocol questions that probe it or one of its ancestors.
  let probingQuestions: [String: Set<String>]

  /// The keyword a rule's `questions` list uses for "questions that probe this code".
  public static let probing = "probing"

  /// - Parameters:
  ///   - codebook: the codes and rules.
  ///   - interviewProtocol: the protocol, for rules limited to the questions probing their code;
  ///     without one, such rules read every passage.
  public init(codebook: Codebook, protocol interviewProtocol: InterviewProtocol? = nil) {
    // Every distinct term once; rules refer to terms by index.
    var terms: [CompiledTerm] = []
    var numbers: [CompiledTerm: Int] = [:]
    func ids(_ sources: [String]) -> [Int] {
      sources.map { source in
        let term = CompiledTerm(source)
        if let known = numbers[term] { return known }
        numbers[term] = terms.count
        terms.append(term)
        return terms.count - 1
      }
    }
    var rules: [CompiledRule] = []
    for (codeIndex, code) in codebook.codes.enumerated() {
      for rule in code.rules {
        var compiled = CompiledRule(
          ruleID: rule.id, codesNegated: rule.codesNegated, scope: rule.scope, codeID: code.id, codeIndex: codeIndex)
        switch rule.pattern {
        case .any(let terms): compiled.anyIDs = ids(terms)
        case .all(let terms): compiled.allIDs = ids(terms)
        case .near(let left, let right, let within):
          compiled.nearLeftIDs = ids(left)
          compiled.nearRightIDs = ids(right)
          compiled.within = within
        case .answers:
          compiled.isAnswer = true
        }
        compiled.unlessIDs = ids(rule.unless)
        var questions = Set(rule.questions)
        compiled.probing = questions.remove(Self.probing) != nil
        compiled.questions = questions
        rules.append(compiled)
      }
    }
    var byStem: [String: [Int]] = [:]
    var startingWithPrefix: [Int] = []
    for (index, term) in terms.enumerated() {
      switch term.words.first {
      case .stem(let stem): byStem[stem, default: []].append(index)
      case .prefix: startingWithPrefix.append(index)
      case nil: break
      }
    }
    var stemIDs: [String: Int32] = [:]
    var laterWords: [TermWord] = []
    var laterStart: [Int] = []
    var prefixes: [String] = []
    for term in terms {
      laterStart.append(laterWords.count)
      for word in term.words.dropFirst() {
        switch word {
        case .stem(let stem):
          if stemIDs[stem] == nil { stemIDs[stem] = Int32(stemIDs.count) }
          laterWords.append(TermWord(number: stemIDs[stem]!, isPrefix: false))
        case .prefix(let prefix):
          laterWords.append(TermWord(number: Int32(prefixes.count), isPrefix: true))
          prefixes.append(prefix)
        }
      }
    }
    laterStart.append(laterWords.count)
    self.laterWords = laterWords
    self.laterStart = laterStart
    self.prefixes = prefixes
    self.stemIDs = stemIDs
    var rulesByTerm = Array(repeating: [Int](), count: terms.count)
    for (index, rule) in rules.enumerated() {
      for id in Set(rule.anyIDs + rule.allIDs + rule.nearLeftIDs + rule.nearRightIDs) { rulesByTerm[id].append(index) }
    }
    self.rulesByTerm = rulesByTerm
    self.terms = terms
    termsByFirstStem = byStem
    prefixTerms = startingWithPrefix
    self.rules = rules
    negationStems = Set(codebook.negationCues.map { PorterStemmer.stem($0) })
    codeIDs = codebook.codes.map(\.id)
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
    let scalars = Array(scalarsOf: documentText)
    return scalars.withUnsafeBufferPointer { buffer in
      var lexicon = Lexicon()
      var buffers = Buffers()
      var applicability: [Applicability.Key: Applicability] = [:]
      var codings: [Coding] = []
      for passage in passages {
        guard let passageID = passage.id else { continue }
        let key = Applicability.Key(role: passage.role, question: passage.questionID)
        let applicable: Applicability
        if let cached = applicability[key] {
          applicable = cached
        } else {
          applicable = Applicability(rules.map { applies($0, to: passage) }, rules: rules)
          applicability[key] = applicable
        }
        guard applicable.any else { continue }
        let analyzed = AnalyzedText(
          scalars: scalars, buffer: buffer, span: passage.span.start..<passage.span.end, lexicon: &lexicon, coder: self)
        code(analyzed, lexicon: lexicon, applicable: applicable, passageID: passageID, scalars: scalars, buffers: &buffers, into: &codings)
      }
      return codings
    }
  }

  /// Which rules read passages of one speaker role and question.
  struct Applicability {
    struct Key: Hashable {
      var role: SpeakerRole
      var question: String?
    }
    var mask: [Bool]
    /// The applicable rules that code every sentence of an answer.
    var answerRules: [Int]
    var any: Bool

    init(_ mask: [Bool], rules: [CompiledRule]) {
      self.mask = mask
      answerRules = rules.indices.filter { mask[$0] && rules[$0].isAnswer }
      any = mask.contains(true)
    }
  }

  /// Works out what matching needs to know about a word, once per distinct word.
  func makeLexeme(_ word: String) -> Lexeme {
    let stem = PorterStemmer.stem(word)
    var firstOf = (termsByFirstStem[stem] ?? []).map(Int32.init)
    for id in prefixTerms where terms[id].words[0].matches(text: word, stem: stem) { firstOf.append(Int32(id)) }
    return Lexeme(
      stemID: stemIDs[stem] ?? -1, firstOf: firstOf,
      negates: negationStems.contains(stem) || negationStems.contains(word), isBut: word == "but")
  }

  /// Whether a rule reads a passage: its speaker and its protocol question.
  func applies(_ compiled: CompiledRule, to passage: Passage) -> Bool {
    switch compiled.scope {
    case .participant where passage.role == .interviewer: return false
    case .interviewer where passage.role != .interviewer: return false
    default: break
    }
    // An answer rule needs questions to know what is an answer.
    if compiled.isAnswer, !hasProtocol || passage.questionID == nil { return false }
    guard !compiled.questions.isEmpty || compiled.probing else { return true }
    // Without a protocol there is nothing to limit a `probing` rule by.
    if compiled.probing, !hasProtocol { return true }
    guard let question = passage.questionID else { return false }
    return compiled.questions.contains(question)
      || (compiled.probing && probingQuestions[compiled.codeID]?.contains(question) == true)
  }

  // MARK: - Matching

  /// A term found in a sentence: the term's index and the words it covers.
  struct Occurrence {
    var term: Int
    var words: Range<Int>
  }

  /// Storage reused from sentence to sentence.
  struct Buffers {
    var found: [Occurrence] = []
    var candidates: [Int] = []
  }

  /// A code found in a sentence: the rules that fired and the words they matched.
  struct SentenceHit {
    var codeIndex: Int
    var sentence: Int
    var ruleIDs: [String] = []
    var matched: [Range<Int>] = []
    var negated = false
    var affirmed = false
  }

  /// Codes one passage, appending its codings (ordered by position then code) to `codings`.
  func code(
    _ text: AnalyzedText, lexicon: Lexicon, applicable: Applicability, passageID: Int64, scalars: [Unicode.Scalar],
    buffers: inout Buffers, into codings: inout [Coding]
  ) {
    // One hit per code and sentence, in sentence order; a code's hits are found by scanning
    // back over the current sentence's (a sentence has few).
    var hits: [SentenceHit] = []
    for (sentence, wordRange) in text.sentenceWords.enumerated() where !wordRange.isEmpty {
      occurrences(in: text, lexicon: lexicon, words: wordRange, into: &buffers.found)
      if buffers.found.isEmpty && applicable.answerRules.isEmpty { continue }
      // Only the rules that use a term found here (or code whole answers) can match.
      buffers.candidates.removeAll(keepingCapacity: true)
      buffers.candidates += applicable.answerRules
      for occurrence in buffers.found {
        for rule in rulesByTerm[occurrence.term] where applicable.mask[rule] { buffers.candidates.append(rule) }
      }
      buffers.candidates.sort()
      let sentenceStart = hits.count
      var previous = -1
      for index in buffers.candidates where index != previous {
        previous = index
        guard let found = match(rule: index, occurrences: buffers.found) else { continue }
        var anyNegated = false
        var anyAffirmed = false
        for occurrence in found {
          if isNegated(text, lexicon: lexicon, occurrence: occurrence, sentence: wordRange) {
            anyNegated = true
          } else {
            anyAffirmed = true
          }
        }
        if !anyAffirmed && !rules[index].codesNegated { continue }
        let codeIndex = rules[index].codeIndex
        let slot: Int
        if let known = hits[sentenceStart...].firstIndex(where: { $0.codeIndex == codeIndex }) {
          slot = known
        } else {
          slot = hits.count
          hits.append(SentenceHit(codeIndex: codeIndex, sentence: sentence))
        }
        let ruleID = rules[index].ruleID
        if !hits[slot].ruleIDs.contains(ruleID) { hits[slot].ruleIDs.append(ruleID) }
        hits[slot].matched += found
        if anyNegated { hits[slot].negated = true }
        if anyAffirmed { hits[slot].affirmed = true }
      }
    }
    guard !hits.isEmpty else { return }
    // Each code's hits in sentence order; consecutive matching sentences become one coding.
    hits.sort { ($0.codeIndex, $0.sentence) < ($1.codeIndex, $1.sentence) }
    var made: [(codeIndex: Int, coding: Coding)] = []
    var runStart = 0
    while runStart < hits.count {
      var runEnd = runStart + 1
      while runEnd < hits.count, hits[runEnd].codeIndex == hits[runStart].codeIndex,
        hits[runEnd].sentence == hits[runEnd - 1].sentence + 1
      {
        runEnd += 1
      }
      var ruleIDs: [String] = []
      var matched: [Range<Int>] = []
      var negated = false
      var affirmed = false
      for hit in hits[runStart..<runEnd] {
        for id in hit.ruleIDs where !ruleIDs.contains(id) { ruleIDs.append(id) }
        matched += hit.matched
        negated = negated || hit.negated
        affirmed = affirmed || hit.affirmed
      }
      var words: [String] = []
      for range in matched.sorted(by: { $0.lowerBound < $1.lowerBound }) {
        let start = text.words[range.lowerBound].start
        let end = text.words[range.upperBound - 1].end
        let phrase = String(scalars: scalars[start..<end])
        if !words.contains(phrase) { words.append(phrase) }
      }
      let codeIndex = hits[runStart].codeIndex
      let span = TextSpan(
        start: text.sentences[hits[runStart].sentence].lowerBound,
        end: text.sentences[hits[runEnd - 1].sentence].upperBound)
      made.append(
        (
          codeIndex,
          Coding(
            passageID: passageID, codeID: codeIDs[codeIndex], coder: Coding.autoCoder, span: span,
            ruleID: ruleIDs.joined(separator: " "), matched: words, negated: negated && !affirmed)
        ))
      runStart = runEnd
    }
    made.sort { ($0.coding.span.start, $0.codeIndex) < ($1.coding.span.start, $1.codeIndex) }
    for item in made { codings.append(item.coding) }
  }

  /// Every term occurring in a sentence, in word order (each term's occurrences in order).
  func occurrences(in text: AnalyzedText, lexicon: Lexicon, words range: Range<Int>, into found: inout [Occurrence]) {
    found.removeAll(keepingCapacity: true)
    for index in range {
      let first = lexicon.firstOf[Int(text.words[index].lexeme)]
      candidates: for slot in first {
        let id = Int(lexicon.pool[slot])
        let later = laterStart[id]..<laterStart[id + 1]
        guard index + later.count < range.upperBound else { continue }
        var next = index + 1
        for word in laterWords[later] {
          let lexeme = Int(text.words[next].lexeme)
          if word.isPrefix {
            if !lexicon.texts[lexeme].hasPrefix(prefixes[Int(word.number)]) { continue candidates }
          } else if lexicon.stemIDs[lexeme] != word.number {
            continue candidates
          }
          next += 1
        }
        found.append(Occurrence(term: id, words: index..<next))
      }
    }
  }

  /// The occurrences that make a rule match a sentence, or nil when it does not.
  /// The rule is read in place (`rules[index]`): a copy would retain each of its arrays.
  func match(rule index: Int, occurrences: [Occurrence]) -> [Range<Int>]? {
    for id in rules[index].unlessIDs where occurrences.contains(where: { $0.term == id }) { return nil }
    if rules[index].isAnswer { return [] }
    /// Appends the occurrences of a term, in word order.
    func append(_ id: Int, to ranges: inout [Range<Int>]) {
      for occurrence in occurrences where occurrence.term == id { ranges.append(occurrence.words) }
    }
    var found: [Range<Int>] = []
    if !rules[index].anyIDs.isEmpty {
      for id in rules[index].anyIDs { append(id, to: &found) }
      return found.isEmpty ? nil : found
    }
    if !rules[index].allIDs.isEmpty {
      for id in rules[index].allIDs {
        let before = found.count
        append(id, to: &found)
        if found.count == before { return nil }
      }
      return found
    }
    var left: [Range<Int>] = []
    var right: [Range<Int>] = []
    for id in rules[index].nearLeftIDs { append(id, to: &left) }
    for id in rules[index].nearRightIDs { append(id, to: &right) }
    let within = rules[index].within
    for a in left {
      for b in right where a != b {
        let gap = a.lowerBound < b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
        if gap <= within {
          if !found.contains(a) { found.append(a) }
          if !found.contains(b) { found.append(b) }
        }
      }
    }
    return found.isEmpty ? nil : found
  }

  /// Whether a negation cue stands in the few words before an occurrence, in the same clause:
  /// "not at all collaborative", "I didn't really care about the incentive".
  func isNegated(_ text: AnalyzedText, lexicon: Lexicon, occurrence: Range<Int>, sentence: Range<Int>) -> Bool {
    var index = occurrence.lowerBound
    var distance = 0
    while index > sentence.lowerBound, distance < 5 {
      if text.words[index].afterBreak { break }
      index -= 1
      distance += 1
      let word = text.words[index]
      let flags = lexicon.flags[Int(word.lexeme)]
      if flags & Lexicon.negates != 0 { return true }
      if flags & Lexicon.isBut != 0 { break }
    }
    return false
  }
}
