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
  /// Which passages a rule reads: its speaker scope and protocol questions (`applies`). What it
  /// matches is its `RuleShape`.
  struct CompiledRule: Sendable {
    var scope: RuleScope
    var codeID: String
    /// The rule's questions, `probing` taken out.
    var questions: Set<String>
    var probing: Bool
  }

  let rules: [CompiledRule]
  /// Each rule's id, in the order of `rules`.
  let ruleIDs: [String]
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
  /// For each term, the rules that need it to match (`unless` terms excepted), in rule order:
  /// term `t`'s are `termRules[termRulesStart[t]..<termRulesStart[t + 1]]`.
  let termRules: [Int]
  let termRulesStart: [Int]
  /// What matching reads of each rule (`rules[i]`'s is `shapes[i]`), with no reference to count.
  let shapes: [RuleShape]
  /// The rules' terms (indices into `terms`), which `RuleShape`'s ranges index.
  let ruleTerms: [Int]

  /// A rule as matching reads it: its code (its place in the codebook), and its terms as ranges
  /// of `ruleTerms`.
  struct RuleShape: Sendable {
    var codeIndex: Int32
    var codesNegated: Bool
    var isAnswer = false
    var within = 0
    var any = 0..<0
    var all = 0..<0
    var nearLeft = 0..<0
    var nearRight = 0..<0
    var unless = 0..<0
  }
  let negationStems: Set<String>
  /// The workspaces of finished coding calls, shared by copies of the coder and their threads.
  let workspaces = WorkspacePool()

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
    // Each rule's terms, as ranges of one array of term indices.
    var ruleTerms: [Int] = []
    func range(_ sources: [String]) -> Range<Int> {
      ruleTerms += ids(sources)
      return (ruleTerms.count - sources.count)..<ruleTerms.count
    }
    var rules: [CompiledRule] = []
    var shapes: [RuleShape] = []
    var ruleIDs: [String] = []
    for (codeIndex, code) in codebook.codes.enumerated() {
      for rule in code.rules {
        var shape = RuleShape(codeIndex: Int32(codeIndex), codesNegated: rule.codesNegated)
        switch rule.pattern {
        case .any(let terms): shape.any = range(terms)
        case .all(let terms): shape.all = range(terms)
        case .near(let left, let right, let within):
          shape.nearLeft = range(left)
          shape.nearRight = range(right)
          shape.within = within
        case .answers:
          shape.isAnswer = true
        }
        shape.unless = range(rule.unless)
        var questions = Set(rule.questions)
        let probing = questions.remove(Self.probing) != nil
        rules.append(
          CompiledRule(scope: rule.scope, codeID: code.id, questions: questions, probing: probing))
        shapes.append(shape)
        ruleIDs.append(rule.id)
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
          let number = stemIDs[stem] ?? Int32(stemIDs.count)
          stemIDs[stem] = number
          laterWords.append(TermWord(number: number, isPrefix: false))
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
    for (index, shape) in shapes.enumerated() {
      let needed = [shape.any, shape.all, shape.nearLeft, shape.nearRight].flatMap { ruleTerms[$0] }
      for id in Set(needed) { rulesByTerm[id].append(index) }
    }
    termRulesStart = rulesByTerm.reduce(into: [0]) { starts, rules in
      starts.append((starts.last ?? 0) + rules.count)
    }
    termRules = rulesByTerm.flatMap { $0 }
    self.shapes = shapes
    self.ruleTerms = ruleTerms
    self.terms = terms
    termsByFirstStem = byStem
    prefixTerms = startingWithPrefix
    self.rules = rules
    self.ruleIDs = ruleIDs
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
      var workspace = workspaces.take()
      defer { workspaces.giveBack(workspace) }
      var codings: [Coding] = []
      // Passages are read in place: a copy would retain each of their strings.
      for index in passages.indices {
        guard let passageID = passages[index].id else { continue }
        let key = Applicability.Key(
          role: passages[index].role, question: passages[index].questionID)
        let applicable: Applicability
        if let cached = workspace.applicability[key] {
          applicable = cached
        } else {
          applicable = Applicability(
            rules.indices.map { applies(rule: $0, to: passages[index]) }, shapes: shapes)
          workspace.applicability[key] = applicable
        }
        guard applicable.any else { continue }
        let span = passages[index].span
        workspace.text.analyze(
          scalars: scalars, buffer: buffer, span: span.start..<span.end,
          lexicon: &workspace.lexicon, coder: self)
        code(
          workspace.text, lexicon: workspace.lexicon, applicable: applicable, passageID: passageID,
          scalars: scalars,
          buffers: &workspace.buffers, into: &codings)
      }
      return codings
    }
  }

  /// What a coding call works with, kept from call to call (`WorkspacePool`): the words met so
  /// far, the rules that read each kind of passage, and storage for the passage and matching.
  struct Workspace {
    var lexicon = Lexicon()
    var text = AnalyzedText()
    var applicability: [Applicability.Key: Applicability] = [:]
    var buffers = Buffers()
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

    init(_ mask: [Bool], shapes: [RuleShape]) {
      self.mask = mask
      answerRules = shapes.indices.filter { mask[$0] && shapes[$0].isAnswer }
      any = mask.contains(true)
    }
  }

  /// Works out what matching needs to know about a word, once per distinct word.
  func makeLexeme(_ word: String) -> Lexeme {
    let stem = PorterStemmer.stem(word)
    var firstOf = (termsByFirstStem[stem] ?? []).map(Int32.init)
    for id in prefixTerms where terms[id].words[0].matches(text: word, stem: stem) {
      firstOf.append(Int32(id))
    }
    return Lexeme(
      stemID: stemIDs[stem] ?? -1, firstOf: firstOf,
      negates: negationStems.contains(stem) || negationStems.contains(word), isBut: word == "but")
  }

  /// Whether a rule (an index into `rules`) reads a passage: its speaker and its protocol question.
  func applies(rule index: Int, to passage: Passage) -> Bool {
    let compiled = rules[index]
    switch compiled.scope {
    case .participant where passage.role == .interviewer: return false
    case .interviewer where passage.role != .interviewer: return false
    default: break
    }
    // An answer rule needs questions to know what is an answer.
    if shapes[index].isAnswer, !hasProtocol || passage.questionID == nil { return false }
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

  /// Storage reused from sentence to sentence and passage to passage, so matching allocates
  /// nothing once it has grown to the largest sentence.
  struct Buffers {
    var found: [Occurrence] = []
    var candidates: [Int] = []
    /// The word ranges that made the current rule match (`match(rule:…)`).
    var matched: [Range<Int>] = []
    var left: [Range<Int>] = []
    var right: [Range<Int>] = []
    /// The passage's hits, and what each holds: the rules that fired and the words they
    /// matched, in the order found, tagged with the hit's `id`.
    var hits: [SentenceHit] = []
    var hitRules: [(hit: Int32, rule: Int32)] = []
    var hitWords: [(hit: Int32, words: Range<Int>)] = []
    /// One run's rules and words while its coding is made.
    var runRules: [Int32] = []
    var runWords: [Range<Int>] = []
    /// The passage's runs of hits (one coding each), to order by position then code.
    var runs: [(start: Int, codeIndex: Int32, hits: Range<Int>)] = []
  }

  /// A code found in a sentence; its rules and words are in `Buffers.hitRules` and `hitWords`.
  struct SentenceHit {
    var id: Int32
    var codeIndex: Int32
    var sentence: Int32
    var negated = false
    var affirmed = false
  }

  /// Codes one passage, appending its codings (ordered by position then code) to `codings`.
  func code(
    _ text: AnalyzedText, lexicon: Lexicon, applicable: Applicability, passageID: Int64,
    scalars: [Unicode.Scalar],
    buffers: inout Buffers, into codings: inout [Coding]
  ) {
    // One hit per code and sentence, in sentence order; a code's hits are found by scanning
    // back over the current sentence's (a sentence has few).
    buffers.hits.removeAll(keepingCapacity: true)
    buffers.hitRules.removeAll(keepingCapacity: true)
    buffers.hitWords.removeAll(keepingCapacity: true)
    for (sentence, wordRange) in text.sentenceWords.enumerated() where !wordRange.isEmpty {
      occurrences(in: text, lexicon: lexicon, words: wordRange, into: &buffers.found)
      if buffers.found.isEmpty && applicable.answerRules.isEmpty { continue }
      // Only the rules that use a term found here (or code whole answers) can match.
      buffers.candidates.removeAll(keepingCapacity: true)
      buffers.candidates += applicable.answerRules
      for occurrence in buffers.found {
        for slot in termRulesStart[occurrence.term]..<termRulesStart[occurrence.term + 1] {
          let rule = termRules[slot]
          if applicable.mask[rule] { buffers.candidates.append(rule) }
        }
      }
      buffers.candidates.sort()
      let sentenceStart = buffers.hits.count
      var previous = -1
      for candidate in buffers.candidates.indices {
        let index = buffers.candidates[candidate]
        if index == previous { continue }
        previous = index
        guard match(rule: index, buffers: &buffers) else { continue }
        var anyNegated = false
        var anyAffirmed = false
        for occurrence in buffers.matched {
          if isNegated(text, lexicon: lexicon, occurrence: occurrence, sentence: wordRange) {
            anyNegated = true
          } else {
            anyAffirmed = true
          }
        }
        let shape = shapes[index]
        if !anyAffirmed && !shape.codesNegated { continue }
        let codeIndex = shape.codeIndex
        let slot: Int
        if let known = buffers.hits[sentenceStart...].firstIndex(where: {
          $0.codeIndex == codeIndex
        }) {
          slot = known
        } else {
          slot = buffers.hits.count
          buffers.hits.append(
            SentenceHit(id: Int32(slot), codeIndex: codeIndex, sentence: Int32(sentence)))
        }
        buffers.hitRules.append((Int32(slot), Int32(index)))
        for words in buffers.matched { buffers.hitWords.append((Int32(slot), words)) }
        if anyNegated { buffers.hits[slot].negated = true }
        if anyAffirmed { buffers.hits[slot].affirmed = true }
      }
    }
    guard !buffers.hits.isEmpty else { return }
    // Each code's hits in sentence order; consecutive matching sentences become one coding.
    buffers.hits.sort { ($0.codeIndex, $0.sentence) < ($1.codeIndex, $1.sentence) }
    let hits = buffers.hits
    buffers.runs.removeAll(keepingCapacity: true)
    var runStart = 0
    while runStart < hits.count {
      var runEnd = runStart + 1
      while runEnd < hits.count, hits[runEnd].codeIndex == hits[runStart].codeIndex,
        hits[runEnd].sentence == hits[runEnd - 1].sentence + 1
      {
        runEnd += 1
      }
      buffers.runs.append(
        (
          text.sentences[Int(hits[runStart].sentence)].lowerBound, hits[runStart].codeIndex,
          runStart..<runEnd
        ))
      runStart = runEnd
    }
    if buffers.runs.count > 1 {
      buffers.runs.sort { ($0.start, $0.codeIndex) < ($1.start, $1.codeIndex) }
    }
    for run in buffers.runs {
      buffers.runRules.removeAll(keepingCapacity: true)
      buffers.runWords.removeAll(keepingCapacity: true)
      var negated = false
      var affirmed = false
      for hit in hits[run.hits] {
        for entry in buffers.hitRules where entry.hit == hit.id {
          buffers.runRules.append(entry.rule)
        }
        for entry in buffers.hitWords where entry.hit == hit.id {
          buffers.runWords.append(entry.words)
        }
        negated = negated || hit.negated
        affirmed = affirmed || hit.affirmed
      }
      // Rule ids in the order they first fired, each once.
      var ruleID = ""
      for (position, rule) in buffers.runRules.enumerated() {
        let id = ruleIDs[Int(rule)]
        if buffers.runRules[..<position].contains(where: { ruleIDs[Int($0)] == id }) { continue }
        if !ruleID.isEmpty { ruleID += " " }
        ruleID += id
      }
      var words: [String] = []
      if buffers.runWords.count > 1 { buffers.runWords.sort { $0.lowerBound < $1.lowerBound } }
      for range in buffers.runWords {
        let start = text.words[range.lowerBound].start
        let end = text.words[range.upperBound - 1].end
        let phrase = String(scalars: scalars[start..<end])
        if !words.contains(phrase) { words.append(phrase) }
      }
      let span = TextSpan(
        start: run.start,
        end: text.sentences[Int(hits[run.hits.upperBound - 1].sentence)].upperBound)
      codings.append(
        Coding(
          passageID: passageID, codeID: codeIDs[Int(run.codeIndex)], coder: Coding.autoCoder,
          span: span,
          ruleID: ruleID, matched: words, negated: negated && !affirmed))
    }
  }

  /// Every term occurring in a sentence, in word order (each term's occurrences in order).
  func occurrences(
    in text: AnalyzedText, lexicon: Lexicon, words range: Range<Int>, into found: inout [Occurrence]
  ) {
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

  /// Whether a rule matches a sentence, given the terms found in it (`buffers.found`); the
  /// occurrences that make it match are left in `buffers.matched` (none for an answer rule).
  func match(rule index: Int, buffers: inout Buffers) -> Bool {
    let shape = shapes[index]
    buffers.matched.removeAll(keepingCapacity: true)
    for slot in shape.unless where buffers.found.contains(where: { $0.term == ruleTerms[slot] }) {
      return false
    }
    if shape.isAnswer { return true }
    /// Appends the occurrences of a term, in word order.
    func append(_ id: Int, to ranges: inout [Range<Int>], from found: [Occurrence]) {
      for occurrence in found where occurrence.term == id { ranges.append(occurrence.words) }
    }
    if !shape.any.isEmpty {
      for slot in shape.any { append(ruleTerms[slot], to: &buffers.matched, from: buffers.found) }
      return !buffers.matched.isEmpty
    }
    if !shape.all.isEmpty {
      for slot in shape.all {
        let before = buffers.matched.count
        append(ruleTerms[slot], to: &buffers.matched, from: buffers.found)
        if buffers.matched.count == before { return false }
      }
      return true
    }
    buffers.left.removeAll(keepingCapacity: true)
    buffers.right.removeAll(keepingCapacity: true)
    for slot in shape.nearLeft { append(ruleTerms[slot], to: &buffers.left, from: buffers.found) }
    for slot in shape.nearRight { append(ruleTerms[slot], to: &buffers.right, from: buffers.found) }
    for a in buffers.left {
      for b in buffers.right where a != b {
        let gap =
          a.lowerBound < b.lowerBound ? b.lowerBound - a.upperBound : a.lowerBound - b.upperBound
        if gap <= shape.within {
          if !buffers.matched.contains(a) { buffers.matched.append(a) }
          if !buffers.matched.contains(b) { buffers.matched.append(b) }
        }
      }
    }
    return !buffers.matched.isEmpty
  }

  /// Whether a negation cue stands in the few words before an occurrence, in the same clause:
  /// "not at all collaborative", "I didn't really care about the incentive".
  func isNegated(
    _ text: AnalyzedText, lexicon: Lexicon, occurrence: Range<Int>, sentence: Range<Int>
  ) -> Bool {
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
