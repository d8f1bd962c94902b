import Foundation
public import QDAModel
import QDAText

/// Links passages to the protocol questions they ask or answer.
///
/// Each interviewer turn is compared with every question's wording (and its `also` wordings) by
/// meaning: shared word stems weighted by how well they tell questions apart, with the words
/// interviewers swap for each other (`hours` and `time`, `website` and `platform`, `materials`
/// and `resources`) counted as the same concept. A turn that matches a question starts it; the
/// participant's passages that follow answer it until the next question. Backchannels
/// ("Mm-hmm.") and short follow-up probes ("Can you say more?") keep the current question, so
/// an answer interrupted by the interviewer stays one answer; a long question that matches
/// nothing in the protocol ends it.
public struct QuestionLinker: Sendable {
  /// A question's match to an interviewer turn.
  public struct Match: Hashable, Sendable {
    public var questionID: String
    public var score: Double
  }

  let questions: [ProtocolQuestion]
  let wordings: [(question: Int, concepts: [String: Double])]
  /// Each wording's norm (the square root of its weights' squares).
  let wordingNorms: [Double]
  let idf: [String: Double]
  /// The score a turn needs to count as asking a question.
  public var threshold: Double

  /// The weight of a word no protocol question uses: as rare as a word can be.
  static let unseenWeight = 1.0

  public init(protocol interviewProtocol: InterviewProtocol, threshold: Double = 0.3) {
    questions = interviewProtocol.questions
    self.threshold = threshold
    var documents: [(Int, Set<String>)] = []
    for (index, question) in interviewProtocol.questions.enumerated() {
      for wording in [question.text] + question.alternatives {
        documents.append((index, Set(Self.concepts(wording))))
      }
    }
    // Inverse document frequency over questions (not wordings), so a word shared by every
    // question ("micro-credential") weighs little.
    var questionSets: [Int: Set<String>] = [:]
    for (index, concepts) in documents { questionSets[index, default: []].formUnion(concepts) }
    var frequency: [String: Int] = [:]
    for concepts in questionSets.values { for concept in concepts { frequency[concept, default: 0] += 1 } }
    let count = Double(max(1, questionSets.count))
    var idf: [String: Double] = [:]
    for (concept, seen) in frequency { idf[concept] = log1p(count / Double(seen)) }
    self.idf = idf
    wordings = documents.map { index, concepts in
      (index, Dictionary(uniqueKeysWithValues: concepts.map { ($0, idf[$0] ?? 0) }))
    }
    wordingNorms = wordings.map { $0.concepts.values.reduce(0.0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// The best question for an interviewer's words, if any scores above the threshold.
  public func bestQuestion(for text: String, after previous: Int? = nil) -> Match? {
    var best: (Int, Double)?
    // Score each sentence that asks something, and the turn without its opening
    // acknowledgements ("That's fair. Last one, what would you change?"); keep the best.
    let scalars = Array(scalarsOf: text)
    let sentences = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).map { String(scalars: scalars[$0]) }
    // Consent and closing questions ("is it all right if I record?", "anything else?") are
    // outside the protocol, whatever words they share with it.
    var candidates = sentences.filter { Self.asks($0) && !Self.isSmallTalk($0) }
    // A turn that asks nothing ("Thank you, that's very helpful.") starts no question.
    guard !candidates.isEmpty else { return nil }
    let opening = sentences.prefix { !Self.asks($0) && Tokenizer.tokens(in: $0, punctuation: false).count <= 3 }
    if opening.count < sentences.count {
      candidates.append(sentences.dropFirst(opening.count).joined(separator: " "))
    }
    for candidate in candidates {
      let concepts = Set(Self.concepts(candidate))
      guard !concepts.isEmpty else { continue }
      // Cosine similarity of idf-weighted concept sets: shared concepts count, and so do the
      // concepts either side has that the other lacks, so a one-word wording cannot match
      // every turn that happens to contain its word.
      let turnNorm = concepts.reduce(0.0) { $0 + pow(idf[$1] ?? Self.unseenWeight, 2) }.squareRoot()
      guard turnNorm > 0 else { continue }
      for (number, (question, weights)) in wordings.enumerated() {
        let questionNorm = wordingNorms[number]
        guard questionNorm > 0 else { continue }
        var shared = 0.0
        for concept in concepts { if let weight = weights[concept] { shared += weight * weight } }
        var score = shared / (questionNorm * turnNorm)
        // Interviews follow the protocol's order: the next question is likelier than a far one.
        if let previous, question == previous + 1 { score += 0.04 }
        if score > (best?.1 ?? 0) { best = (question, score) }
      }
    }
    guard let (index, score) = best, score >= threshold else { return nil }
    return Match(questionID: questions[index].id, score: score)
  }

  /// Sets `questionID` on the passages of one document, in order.
  public func link(_ passages: [Passage]) -> [Passage] {
    var result = passages
    var current: String?
    var currentIndex: Int?
    for index in result.indices {
      let passage = result[index]
      if passage.role == .interviewer {
        if let match = bestQuestion(for: passage.text, after: currentIndex) {
          current = match.questionID
          currentIndex = questions.firstIndex { $0.id == match.questionID }
        } else if Self.endsTopic(passage.text) {
          current = nil
        }
      }
      result[index].questionID = current
    }
    return result
  }

  // MARK: - Concepts

  /// A question about the interview itself: recording, consent, anything else to add.
  static func isSmallTalk(_ sentence: String) -> Bool {
    let words = " " + Tokenizer.tokens(in: sentence, punctuation: false).map(\.text).joined(separator: " ") + " "
    return [" record ", " recording ", " recorded ", " anything else ", " can you hear ", " hear me ", " okay if ", " all right if ",
            " all right with you ", " okay with you ", " consent "].contains { Self.bytes(of: $0, occurIn: words) }
  }

  /// Whether `needle`'s UTF-8 occurs in `haystack`'s, byte for byte (a plain scan: Foundation's
  /// search and the standard library's generic one were most of linking's time).
  static func bytes(of needle: String, occurIn haystack: String) -> Bool {
    var needle = needle
    var haystack = haystack
    return needle.withUTF8 { n in
      haystack.withUTF8 { h in
        guard !n.isEmpty else { return true }
        guard n.count <= h.count else { return false }
        var start = 0
        while start <= h.count - n.count {
          if h[start] == n[0] {
            var offset = 1
            while offset < n.count, h[start + offset] == n[offset] { offset += 1 }
            if offset == n.count { return true }
          }
          start += 1
        }
        return false
      }
    }
  }

  /// Whether a sentence asks something: a question mark, or a prompt ("Tell me about…").
  static func asks(_ sentence: String) -> Bool {
    if sentence.utf8.contains(UInt8(ascii: "?")) { return true }
    guard let first = Tokenizer.tokens(in: sentence, punctuation: false).first?.text else { return false }
    // Prompts and wh-questions transcribed without their question mark.
    return ["tell", "describe", "talk", "walk", "share", "explain", "give", "what", "how", "why", "when", "where",
            "which", "let's", "lets"]
      .contains(first)
  }

  /// Whether an unmatched interviewer turn moves on to something outside the protocol: a long
  /// question that is not a follow-up probe.
  static func endsTopic(_ text: String) -> Bool {
    guard text.utf8.contains(UInt8(ascii: "?")) else { return false }
    let words = Tokenizer.tokens(in: text, punctuation: false).map(\.text)
    let lowered = words.joined(separator: " ")
    for probe in ["say more", "tell me more", "what do you mean", "for example", "an example", "anything else", "why is that", "how so", "like what", "in what way", "go on", "elaborate", "expand on"]
    where lowered.contains(probe) {
      return false
    }
    return words.filter { !stopWords.contains($0) }.count >= 3
  }

  /// The stems of a text's content words, mapped to shared concepts where interviewers use
  /// them interchangeably.
  static func concepts(_ text: String) -> [String] {
    let tokens = Tokenizer.tokens(in: text, punctuation: false)
    var result: [String] = []
    var index = 0
    while index < tokens.count {
      let word = tokens[index].text
      if index + 1 < tokens.count, let phrase = phraseConcepts[word + " " + tokens[index + 1].text] {
        // An empty concept drops an idiom: "tell me" prompts, it does not ask for advice.
        if !phrase.isEmpty { result.append(phrase) }
        index += 2
        continue
      }
      index += 1
      if stopWords.contains(word) { continue }
      let stem = PorterStemmer.stem(word)
      result.append(synonyms[stem] ?? stem)
    }
    return result
  }

  private static let phraseConcepts: [String: String] = [
    "too much": "#judgment", "about right": "#judgment", "too little": "#judgment",
    "just right": "#judgment", "work with": "#together", "pd hours": "#incentive",
    "got in": "#obstacle", "in the way": "#obstacle", "first place": "#motive",
    "tell me": "", "tell us": "",
  ]

  private static let synonyms: [String: String] = [
    "hour": "#time", "time": "#time", "long": "#time", "spend": "#time", "spent": "#time",
    "minut": "#time", "week": "#time",
    "platform": "#platform", "websit": "#platform", "site": "#platform", "system": "#platform",
    "interfac": "#platform", "onlin": "#platform", "technolog": "#platform", "navig": "#platform",
    "resourc": "#resource", "materi": "#resource", "content": "#resource", "read": "#resource",
    "modul": "#resource", "playbook": "#resource",
    "collabor": "#together", "togeth": "#together", "team": "#together", "cohort": "#together",
    "peer": "#together", "solo": "#together", "alon": "#together", "isol": "#together",
    "incent": "#incentive", "licens": "#incentive", "endors": "#incentive", "design": "#design",
    "credit": "#incentive", "reward": "#incentive",
    "advic": "#advice", "advis": "#advice", "tell": "#advice", "recommend": "#recommend",
    "suggest": "#recommend", "chang": "#recommend", "improv": "#recommend",
    "motiv": "#motive", "decid": "#motive", "drew": "#motive", "draw": "#motive",
    "reason": "#motive", "interest": "#motive", "why": "#motive", "chose": "#motive",
    "choos": "#motive",
    "appeal": "#appeal", "attract": "#appeal", "approach": "#appeal", "format": "#appeal",
    "challeng": "#obstacle", "tension": "#obstacle", "difficult": "#obstacle",
    "hard": "#obstacle", "obstacl": "#obstacle", "barrier": "#obstacle", "struggl": "#obstacle",
    "reasonabl": "#judgment", "fair": "#judgment", "manag": "#judgment",
    "relev": "#useful", "use": "#useful", "help": "#useful", "valuabl": "#useful",
    "administr": "#career", "principal": "#career", "role": "#career", "year": "#career",
    "posit": "#career", "career": "#career", "background": "#career", "yourself": "#career",
  ]

  static let stopWords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from",
    "about", "as", "is", "are", "was", "were", "be", "been", "being", "do", "did", "does", "done",
    "have", "has", "had", "you", "your", "yours", "i", "me", "my", "we", "us", "our", "it", "its",
    "that", "this", "these", "those", "there", "here", "what", "which", "who", "whom", "how",
    "when", "where", "any", "anything", "some", "so", "if", "then", "than", "just", "really",
    "kind", "sort", "like", "um", "uh", "okay", "ok", "well", "yeah", "yes", "right", "great",
    "thanks", "thank", "can", "could", "would", "should", "will", "shall", "may", "might", "must",
    "get", "got", "go", "going", "let", "lets", "let's", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m",
    "little", "bit", "more", "most", "much", "many", "very", "also", "now", "next", "first", "mean",
    "think", "want", "wanted", "ask", "asking", "question", "questions", "micro",
    "credential", "credentials", "microcredential", "one", "all", "into", "up", "out", "no", "not",
    "say", "said", "talk", "talked", "moving", "move", "back", "again", "sure", "lot",
    "thing", "things", "maybe", "start", "started", "starting", "finish", "finished", "complete", "completed", "completing", "whole",
    "them", "they", "their", "theirs", "else", "before", "after", "make", "makes", "made", "sense", "piece", "part", "other", "others",
  ]
}

