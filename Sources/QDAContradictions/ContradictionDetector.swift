public import QDAModel
public import QDAAnalysis
import QDAText
import QDAConcurrency

/// Finds contradictions in participant speech: element codes meeting in one answer (the
/// consecutive passages of one participant under one interviewer question) together with
/// evidence of tension — a cue (typed by Engeström & Sannino's manifestations), or content that
/// pulls against itself (working alone set against community-building content), with no cue
/// word at all.
///
/// Detections are candidates for a researcher to confirm or reject: cues are a first pass, not a
/// classifier (Engeström & Sannino 2011).
public struct ContradictionDetector: Sendable {
  public let lexicon: TensionLexicon
  /// A candidate needs at least this much evidence (0…1).
  public var threshold: Double
  /// The lexicon's phrases indexed once, for every document and candidate read.
  let phrases: TensionLexicon.PreparedPhrases

  public init(lexicon: TensionLexicon = .standard, threshold: Double = 0.5) {
    self.lexicon = lexicon
    self.threshold = threshold
    phrases = TensionLexicon.PreparedPhrases(lexicon)
  }

  /// The elements tensions are read between, most telling first: where an answer touches more
  /// than two, the pair reported is the first two on this list. Subject (who the speaker is) is
  /// the point of view, not a side of a tension.
  static let priority: [Element] = [
    .toolsAndSigns, .rules, .object, .community, .divisionOfLabor, .outcome,
  ]

  struct Sentence {
    var passageID: Int64
    var span: TextSpan
    var words: [String]
    var wordStarts: [Int]
    /// Element → code ids coded in the sentence by words (not by "answers" rules).
    var codes: [Element: Set<String>]
  }

  public func detect(_ corpus: CorpusSnapshot) -> [Contradiction] {
    let elementOf = Dictionary(
      uniqueKeysWithValues: corpus.codebook.codes.compactMap { code in
        code.element.map { (code.id, $0) }
      })
    var codingsByPassage: [Int64: [Coding]] = [:]
    // Evidence: codings by people, by the learned coder, and by rules whose words matched (a rule that
    // codes a whole answer is no evidence of what its sentences say).
    for coding in corpus.codings where !coding.matched.isEmpty || coding.coder != Coding.autoCoder {
      codingsByPassage[coding.passageID, default: []].append(coding)
    }
    var passagesByDocument: [Int64: [Passage]] = [:]
    for passage in corpus.passages {
      if let id = passage.documentID { passagesByDocument[id, default: []].append(passage) }
    }
    // Documents are independent: read them on every core, keep the results in document order.
    let documents = corpus.documents
    let codings = codingsByPassage
    let byDocument = passagesByDocument
    let phrases = self.phrases
    return concurrentMap(documents.count) { index in
      let document = documents[index]
      let scalars = Array(scalarsOf: document.text)
      let passages = (document.id.flatMap { byDocument[$0] } ?? []).sorted {
        $0.ordinal < $1.ordinal
      }
      var found: [Contradiction] = []
      for unit in answers(passages) {
        var sentences: [Sentence] = []
        for passage in unit {
          guard let id = passage.id else { continue }
          for range in SentenceSplitter.sentences(
            in: scalars, range: passage.span.start..<passage.span.end)
          {
            let tokens = Tokenizer.tokens(in: scalars, range: range, punctuation: false)
            var codes: [Element: Set<String>] = [:]
            for coding in codings[id] ?? []
            where coding.span.overlaps(TextSpan(start: range.lowerBound, end: range.upperBound)) {
              if let element = elementOf[coding.codeID], element != .subject {
                codes[element, default: []].insert(coding.codeID)
              }
            }
            sentences.append(
              Sentence(
                passageID: id, span: TextSpan(start: range.lowerBound, end: range.upperBound),
                words: tokens.map(\.text), wordStarts: tokens.map(\.start), codes: codes))
          }
        }
        found += detect(in: sentences, participant: document.participantID, phrases: phrases)
      }
      return found
    }.flatMap { $0 }
  }

  /// Participant passages grouped into answers: consecutive ones under one question (an
  /// interviewer's backchannel does not end an answer); passages outside any question stand alone.
  func answers(_ passages: [Passage]) -> [[Passage]] {
    var units: [[Passage]] = []
    var current: [Passage] = []
    var question: String?
    for passage in passages {
      if passage.role == .interviewer {
        if passage.questionID != question || passage.questionID == nil {
          if !current.isEmpty { units.append(current) }; current = []
        }
        question = passage.questionID
        continue
      }
      if passage.questionID == nil || passage.questionID != question {
        if !current.isEmpty { units.append(current) }
        current = []
        question = passage.questionID
      }
      current.append(passage)
    }
    if !current.isEmpty { units.append(current) }
    return units
  }

  struct Evidence {
    var score = 0.0
    var cues: [String] = []
    var kinds: Set<TensionLexicon.Kind> = []
    var pair: (Element, Element)?
    var sentences: Set<Int> = []
  }

  func detect(
    in sentences: [Sentence], participant: String, phrases: TensionLexicon.PreparedPhrases
  ) -> [Contradiction] {
    // pair key → best evidence
    var found: [String: Evidence] = [:]
    // Evidence with no element pair of its own ("I felt torn, honestly."): it joins a nearby
    // detection in the same answer, as more of the same account.
    var unpaired: [Evidence] = []
    // Each sentence masked once, with its words as a set to rule phrases out before scanning.
    let maskedAll = sentences.map { mask($0.words, notCues: phrases.notCues) }
    let wordSets = maskedAll.map { Set($0) }
    // Whether each opposition phrase occurs in each sentence, worked out once per sentence
    // rather than once per window that holds it.
    let inSentence = sentences.indices.map { index in
      var occurs = [Bool](repeating: false, count: phrases.list.count)
      for number in phrases.oppositions.candidates(in: wordSets[index]) {
        occurs[number] = !TensionLexicon.occurrences(of: phrases.list[number], in: maskedAll[index])
          .isEmpty
      }
      return occurs
    }
    for (index, sentence) in sentences.enumerated() {
      let masked = maskedAll[index]
      let maskedSet = wordSets[index]
      let window = max(0, index - 1)...min(sentences.count - 1, index + 1)
      var evidence = Evidence()
      evidence.sentences = [index]

      for cue in phrases.cues.candidates(in: maskedSet).map({ lexicon.cues[$0] }) {
        for occurrence in TensionLexicon.occurrences(of: cue.words, in: masked) {
          if cue.kind == .contrast {
            // A contrast sets what comes before against what follows: each side needs an element.
            let before = elements(sentences, window.lowerBound..<index).union(
              elements(in: sentence, words: 0..<occurrence.lowerBound))
            let after = elements(in: sentence, words: occurrence.upperBound..<sentence.words.count)
              .union(
                index + 1 < sentences.count ? elements(sentences, (index + 1)..<(index + 2)) : [])
            // Each side needs an element; the same element on both sides may be a primary
            // contradiction (two rules pulling apart).
            guard !before.isEmpty, !after.isEmpty else { continue }
            if let pair = contrastPair(before, after) { evidence.pair = evidence.pair ?? pair }
            // A bare "but" between two elements is common and weak; it needs company.
            evidence.score += cue.isEngestromSannino ? 0.55 : 0.4
          } else {
            evidence.score += cue.kind == .obligation ? 0.3 : (cue.isEngestromSannino ? 0.55 : 0.5)
          }
          evidence.kinds.insert(cue.kind)
          evidence.cues.append(
            cue.isEngestromSannino
              ? "“\(cue.phrase)” (Engeström & Sannino)" : "“\(cue.phrase)” (project heuristic)")
          break
        }
      }
      // Content that pulls against itself, with or without a cue.
      // A phrase is in the window when it is in one of its sentences, or (a phrase of several
      // words) runs across their boundary: the window's words are joined only for that.
      var windowWords: [String]?
      func occursInWindow(_ id: Int) -> Bool {
        if window.contains(where: { inSentence[$0][id] }) { return true }
        let phrase = phrases.list[id]
        guard phrase.count > 1, window.count > 1 else { return false }
        for part in phrase
        where !part.hasSuffix("*") && !window.contains(where: { wordSets[$0].contains(part) }) {
          return false
        }
        if windowWords == nil { windowWords = window.flatMap { maskedAll[$0] } }
        return !TensionLexicon.occurrences(of: phrase, in: windowWords ?? []).isEmpty
      }
      for (number, opposition) in lexicon.oppositions.enumerated() {
        // One side in this sentence and the other in the window around it. The window is
        // searched only when the sentence holds a side: most sentences hold neither.
        let sides = phrases.sides[number]
        let a = sides.a.contains { inSentence[index][$0] }
        let b = sides.b.contains { inSentence[index][$0] }
        if (a && sides.b.contains(where: occursInWindow))
          || (b && sides.a.contains(where: occursInWindow))
        {
          evidence.score += 0.5
          evidence.cues.append("opposed content: \(opposition.reason)")
          for other in window { evidence.sentences.insert(other) }
        }
      }
      guard evidence.score >= threshold, !evidence.cues.isEmpty else { continue }
      let near = elements(sentences, window)
      let pair = evidence.pair ?? Self.priority.filter(near.contains).prefix(2).pairIfTwo
      if let pair {
        let ordered = pair.0 <= pair.1 ? pair : (pair.1, pair.0)
        let key = "\(ordered.0.rawValue)|\(ordered.1.rawValue)"
        merge(evidence, pair: pair, into: &found, key: key, sentences: sentences)
      } else if let only = Self.priority.first(where: near.contains),
        Set(window.flatMap { sentences[$0].codes[only] ?? [] }).count >= 2,
        evidence.kinds.contains(.contrast) || evidence.kinds.contains(.doubleBind)
      {
        // Two codes of one element pulling apart: a primary contradiction.
        merge(
          evidence, pair: (only, only), into: &found, key: "\(only.rawValue)|primary",
          sentences: sentences)
      } else {
        unpaired.append(evidence)
      }
    }
    for evidence in unpaired {
      func distance(_ other: Evidence) -> Int {
        other.sentences.map { s in evidence.sentences.map { abs($0 - s) }.min() ?? .max }.min()
          ?? .max
      }
      guard
        let key = found.sorted(by: { $0.key < $1.key }).min(by: {
          distance($0.value) < distance($1.value)
        })?.key,
        var target = found[key], distance(target) <= 3
      else { continue }
      for cue in evidence.cues where !target.cues.contains(cue) { target.cues.append(cue) }
      target.kinds.formUnion(evidence.kinds)
      target.sentences.formUnion(evidence.sentences)
      target.score = min(0.95, target.score + 0.1)
      found[key] = target
    }
    return found.values.compactMap { evidence in
      guard let pair = evidence.pair else { return nil }
      let ordered = evidence.sentences.sorted()
      // The quote: the evidence sentences with an element code.
      let quoted = ordered.filter { !sentences[$0].codes.isEmpty }
      let chosen = quoted.isEmpty ? ordered : quoted
      return Contradiction(
        level: pair.0 == pair.1 ? .primary : .secondary, first: pair.0, second: pair.1,
        manifestation: manifestation(evidence.kinds), participant: participant,
        passageIDs: Array(Set(chosen.map { sentences[$0].passageID })).sorted(),
        spans: chosen.map { sentences[$0].span }, evidence: evidence.cues.joined(separator: "; "),
        confidence: min(0.95, (evidence.score * 100).rounded() / 100))
    }.sorted {
      ($0.spans.first?.start ?? 0, $0.first, $0.second) < (
        $1.spans.first?.start ?? 0, $1.first, $1.second
      )
    }
  }

  func merge(
    _ evidence: Evidence, pair: (Element, Element), into found: inout [String: Evidence],
    key: String, sentences: [Sentence]
  ) {
    var evidence = evidence
    evidence.pair = pair.0 <= pair.1 ? pair : (pair.1, pair.0)
    if var existing = found[key] {
      existing.score = max(existing.score, evidence.score)
      for cue in evidence.cues where !existing.cues.contains(cue) { existing.cues.append(cue) }
      existing.kinds.formUnion(evidence.kinds)
      existing.sentences.formUnion(evidence.sentences)
      found[key] = existing
    } else {
      found[key] = evidence
    }
  }

  /// A tension found some other way (the learned tension model) as a contradiction: its
  /// evidence read from the cues in its sentence, as detections by cue are, and its
  /// manifestation too unless the finder says which.
  ///
  /// - Parameters:
  ///   - kind: the manifestation the finder read, if it reads them.
  ///   - reason: what found it, first in the evidence.
  public func contradiction(
    sentence text: String, passageID: Int64, span: TextSpan, pair: (Element, Element),
    kind: Contradiction.Manifestation? = nil, participant: String, reason: String,
    confidence: Double
  ) -> Contradiction {
    let words = mask(
      Tokenizer.tokens(in: text, punctuation: false).map(\.text), notCues: phrases.notCues)
    var kinds: Set<TensionLexicon.Kind> = []
    var cues: [String] = []
    for cue in phrases.cues.candidates(in: Set(words)).map({ lexicon.cues[$0] })
    where !TensionLexicon.occurrences(of: cue.words, in: words).isEmpty {
      kinds.insert(cue.kind)
      cues.append(
        cue.isEngestromSannino
          ? "“\(cue.phrase)” (Engeström & Sannino)" : "“\(cue.phrase)” (project heuristic)")
    }
    let ordered = pair.0 <= pair.1 ? pair : (pair.1, pair.0)
    return Contradiction(
      level: .secondary, first: ordered.0, second: ordered.1,
      manifestation: kind ?? manifestation(kinds), participant: participant,
      passageIDs: [passageID], spans: [span], evidence: ([reason] + cues).joined(separator: "; "),
      confidence: min(0.95, (confidence * 100).rounded() / 100))
  }

  /// The manifestation the strongest cue shows: critical conflict, double bind, conflict, else dilemma.
  func manifestation(_ kinds: Set<TensionLexicon.Kind>) -> Contradiction.Manifestation {
    if kinds.contains(.criticalConflict) { return .criticalConflict }
    if kinds.contains(.doubleBind) { return .doubleBind }
    if kinds.contains(.conflict) { return .conflict }
    return .dilemma
  }

  /// Words with the look-alike phrases ("all but one", "no problem") blanked out.
  func mask(_ words: [String], notCues: TensionLexicon.PhraseIndex) -> [String] {
    var words = words
    for number in notCues.candidates(in: Set(words)) {
      for occurrence in TensionLexicon.occurrences(of: notCues.phrases[number], in: words) {
        for index in occurrence { words[index] = "" }
      }
    }
    return words
  }

  func elements(_ sentences: [Sentence], _ range: some Sequence<Int>) -> Set<Element> {
    Set(range.flatMap { sentences[$0].codes.keys })
  }

  /// The elements coded on words in part of a sentence: a coding covers a whole sentence, so
  /// within one, each side is read from the codes' matched terms' position… approximated by
  /// the sentence's codes when the side has content words.
  func elements(in sentence: Sentence, words: Range<Int>) -> Set<Element> {
    guard words.count >= 3 else { return [] }
    return Set(sentence.codes.keys)
  }

  func contrastPair(_ before: Set<Element>, _ after: Set<Element>) -> (Element, Element)? {
    for a in Self.priority where before.contains(a) {
      for b in Self.priority where after.contains(b) && b != a { return (a, b) }
    }
    return nil
  }
}

extension Collection where Element == QDAModel.Element {
  var pairIfTwo: (QDAModel.Element, QDAModel.Element)? {
    guard count >= 2 else { return nil }
    let items = Array(self)
    return (items[0], items[1])
  }
}
