import Foundation
public import QDAModel
import QDAText
import QDANumerics

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

  /// The sentence vectors of every wording (unit length, in `wordingTexts(of:)` order), when
  /// turns are compared by meaning too.
  let wordingVectors: [[Float]]?
  /// The mean of the wordings' vectors, taken from every vector compared.
  let meanVector: [Float]?

  /// Every question's wordings, in the order `wordingVectors` are given.
  public static func wordingTexts(of interviewProtocol: InterviewProtocol) -> [String] {
    interviewProtocol.questions.flatMap { [$0.text] + $0.alternatives }
  }

  /// - Parameter wordingVectors: the sentence vectors of `wordingTexts(of:)`, to compare turns
  ///   by meaning as well as by words; `link(_:vectors:)` then needs the vectors of every
  ///   text `candidates(for:)` names.
  public init(
    protocol interviewProtocol: InterviewProtocol, threshold: Double = 0.3,
    wordingVectors: [[Float]]? = nil
  ) {
    questions = interviewProtocol.questions
    self.threshold = threshold
    // What every wording shares (the programme's name, "did you") says nothing about which
    // question a turn asks: vectors are compared with their mean taken away.
    if let wordingVectors, !wordingVectors.isEmpty {
      let mean = UnitVectors.mean(wordingVectors)
      self.meanVector = mean
      self.wordingVectors = wordingVectors.map { UnitVectors.centred($0, mean) }
    } else {
      self.meanVector = nil
      self.wordingVectors = nil
    }
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
    for concepts in questionSets.values {
      for concept in concepts { frequency[concept, default: 0] += 1 }
    }
    let count = Double(max(1, questionSets.count))
    var idf: [String: Double] = [:]
    for (concept, seen) in frequency { idf[concept] = log1p(count / Double(seen)) }
    self.idf = idf
    wordings = documents.map { index, concepts in
      (index, Dictionary(uniqueKeysWithValues: concepts.map { ($0, idf[$0] ?? 0) }))
    }
    wordingNorms = wordings.map { $0.concepts.values.reduce(0.0) { $0 + $1 * $1 }.squareRoot() }
  }

  /// The texts of an interviewer's turn that are compared with the questions: each sentence
  /// that asks something, a topic announced rather than asked in the turn's last sentence
  /// ("Okay, the website now."), and the turn without its opening acknowledgements ("That's
  /// fair. Last one, what would you change?"). Empty for a turn that asks nothing.
  public func candidates(for text: String) -> [String] {
    let sentences = Self.sentences(of: text)
    // Consent and closing questions ("is it all right if I record?", "anything else?") are
    // outside the protocol, whatever words they share with it.
    var candidates = sentences.filter { Self.asks($0) && !Self.isSmallTalk($0) }
    for topic in Self.announcedTopics(sentences) where !candidates.contains(topic) {
      candidates.append(topic)
    }
    guard !candidates.isEmpty else { return [] }
    let opening = sentences.prefix {
      !Self.asks($0) && Tokenizer.tokens(in: $0, punctuation: false).count <= 3
    }
    if opening.count < sentences.count {
      let rest = sentences.dropFirst(opening.count).joined(separator: " ")
      if !candidates.contains(rest) { candidates.append(rest) }
    }
    return candidates
  }

  /// Each question's score for an interviewer's words (the best of its wordings against the
  /// best of the turn's candidates), or nil when the turn asks nothing.
  ///
  /// By words, a score is the cosine similarity of idf-weighted concept sets: shared concepts
  /// count, and so do the concepts either side has that the other lacks, so a one-word wording
  /// cannot match every turn that happens to contain its word. By meaning (when the linker has
  /// wording vectors and `vectors` holds the candidates'), the cosine similarity of sentence
  /// vectors is added, so a question asked in words the protocol never uses still scores.
  public func scores(for text: String, vectors: [String: [Float]] = [:]) -> [Double]? {
    let candidates = candidates(for: text)
    guard !candidates.isEmpty else { return nil }
    var best = [Double](repeating: 0, count: questions.count)
    var scored = false
    for candidate in candidates {
      let concepts = Set(Self.concepts(candidate))
      let turnNorm = concepts.reduce(0.0) { $0 + pow(idf[$1] ?? Self.unseenWeight, 2) }.squareRoot()
      let vector = meanVector.flatMap { mean in
        vectors[candidate].map { UnitVectors.centred($0, mean) }
      }
      guard turnNorm > 0 || vector != nil else { continue }
      scored = true
      var candidateScores = [Double](repeating: 0, count: questions.count)
      for (number, (question, weights)) in wordings.enumerated() {
        var score = 0.0
        let questionNorm = wordingNorms[number]
        if turnNorm > 0, questionNorm > 0 {
          var shared = 0.0
          for concept in concepts { if let weight = weights[concept] { shared += weight * weight } }
          score = shared / (questionNorm * turnNorm)
        }
        if let vector, let wordingVectors {
          score += Self.meaningWeight * Double(UnitVectors.dot(vector, wordingVectors[number]))
        }
        candidateScores[question] = max(candidateScores[question], score)
      }
      for index in best.indices { best[index] = max(best[index], candidateScores[index]) }
    }
    return scored ? best : nil
  }

  /// How much a wording's sentence-vector similarity adds to its score by words. Chosen on the
  /// linking fixtures (`Tests/Fixtures/linking`), written for that purpose: meaning finds a
  /// question asked in other words, but at full weight it pulls follow-ups to far questions.
  static let meaningWeight = 0.5

  /// The score a question needs to be linked: the linker's threshold by words, a higher one
  /// when meaning adds to the score.
  var requiredScore: Double { wordingVectors == nil ? threshold : 0.5 }

  /// Below this score a turn that asks something new ends the current question; between it and
  /// `requiredScore` the turn is too unlike any question to start one and too near one to end
  /// the current topic, so the current question stays. By words alone there is no such band.
  var keepScore: Double { wordingVectors == nil ? threshold : 0.35 }

  /// How much better than the current question another must score to take over from it: a
  /// follow-up ("Why do you think that was?") shares words and meaning with many questions.
  var switchMargin: Double { wordingVectors == nil ? 0 : 0.1 }

  /// The best question for an interviewer's words, if any scores above the threshold.
  public func bestQuestion(
    for text: String, after previous: Int? = nil, vectors: [String: [Float]] = [:]
  ) -> Match? {
    guard let scores = scores(for: text, vectors: vectors) else { return nil }
    guard let (index, score) = Self.best(scores, after: previous), score >= requiredScore else {
      return nil
    }
    return Match(questionID: questions[index].id, score: score)
  }

  /// The best-scoring question; interviews follow the protocol's order, so the question after
  /// `previous` is likelier than a far one.
  static func best(_ scores: [Double], after previous: Int?) -> (Int, Double)? {
    var best: (Int, Double)?
    for (question, score) in scores.enumerated() {
      let ordered = score + (previous.map { question == $0 + 1 } == true ? 0.04 : 0)
      if ordered > (best?.1 ?? 0) { best = (question, ordered) }
    }
    return best
  }

  /// Sets `questionID` on the passages of one document, in order.
  ///
  /// - Parameter vectors: the sentence vectors of the interviewer turns' `candidates(for:)`,
  ///   when the linker compares by meaning.
  public func link(_ passages: [Passage], vectors: [String: [Float]] = [:]) -> [Passage] {
    var result = passages
    var current: String?
    var currentIndex: Int?
    for index in result.indices {
      let passage = result[index]
      if passage.role == .interviewer {
        let scores = scores(for: passage.text, vectors: vectors)
        let best = scores.flatMap { Self.best($0, after: currentIndex) }
        if let scores, let (best, score) = best, score >= requiredScore {
          if currentIndex.map({ best == $0 || score - scores[$0] >= switchMargin }) ?? true {
            current = questions[best].id
            currentIndex = best
          }
        } else if (Self.endsTopic(passage.text) && (best?.1 ?? 0) < keepScore)
          || Self.closes(passage.text)
          || Self.announcesTopic(passage.text)
        {
          // (A topic announced that is no protocol question's is a new topic outside it.)
          current = nil
          currentIndex = nil
        }
      }
      result[index].questionID = current
    }
    return result
  }

  /// Whether a turn asks only what is outside the protocol: recording, consent, anything else.
  static func closes(_ text: String) -> Bool {
    let asking = sentences(of: text).filter(asks)
    return !asking.isEmpty && asking.allSatisfy(isSmallTalk)
  }

  /// Whether a turn's last sentence announces a topic instead of asking: short, and opened by
  /// a word that moves the conversation on ("So, the hours.", "Okay, let's turn to the website.").
  static func announces(_ sentence: String) -> Bool {
    let words = Tokenizer.tokens(in: sentence, punctuation: false).map(\.text)
    guard let first = words.first, words.count <= 16, words.count >= 2 else { return false }
    guard
      [
        "so", "okay", "ok", "alright", "now", "next", "and", "let's", "lets", "let", "moving",
        "turning", "switching",
        "shifting", "then", "onto", "on",
      ].contains(first)
    else { return false }
    // "So, the hours." names a topic; "So it fit what you were doing." echoes the answer.
    guard let named = words.first(where: { !Self.discourseMarkers.contains($0) }) else {
      return false
    }
    return ![
      "i", "you", "it", "we", "they", "he", "she", "that", "that's", "it's", "you're", "i'm",
      "we're", "they're",
      "there", "there's", "this",
    ].contains(named)
  }

  /// A text's sentences.
  static func sentences(of text: String) -> [String] {
    let scalars = Array(scalarsOf: text)
    return SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count).map {
      String(scalars: scalars[$0])
    }
  }

  /// The sentences of a turn that announce a topic instead of asking: a last sentence that moves
  /// on to one ("Okay, the website now."), and a topic named on its own first or after a word
  /// that moves on ("Okay. Time.", "Okay. Incentives. There's a stipend…").
  static func announcedTopics(_ sentences: [String]) -> [String] {
    var topics: [String] = []
    if let last = sentences.last, !asks(last), announces(last) { topics.append(last) }
    for index in sentences.indices
    where (index == 0 || movesOn(sentences[index - 1])) && !asks(sentences[index])
      && names(sentences[index])
      && !topics.contains(sentences[index])
    {
      topics.append(sentences[index])
    }
    return topics
  }

  /// Whether a turn announces a topic and asks nothing ("Okay. The family night.").
  static func announcesTopic(_ text: String) -> Bool {
    let sentences = sentences(of: text)
    return !sentences.contains(where: asks) && !announcedTopics(sentences).isEmpty
  }

  /// Whether a sentence only moves the conversation on: "Okay.", "Alright, so.", "Next."
  static func movesOn(_ sentence: String) -> Bool {
    let words = Tokenizer.tokens(in: sentence, punctuation: false).map(\.text)
    return !words.isEmpty && words.allSatisfy { discourseMarkers.contains($0) || $0 == "next" }
  }

  /// Whether a sentence names a topic and nothing else: one to three words, none a pronoun, a
  /// verb or a reaction ("Time.", "The website.", "Incentives now.").
  static func names(_ sentence: String) -> Bool {
    let words = Tokenizer.tokens(in: sentence, punctuation: false).map(\.text)
    guard (1...3).contains(words.count) else { return false }
    return !words.contains(where: pointingWords.contains)
      && !words.contains(where: backchannelWords.contains)
      && !words.contains(where: clauseWords.contains)
      && words.contains { !stopWords.contains($0) && !discourseMarkers.contains($0) }
  }

  /// Pronouns and answers, which point at what was said rather than name a topic.
  static let pointingWords: Set<String> = [
    "i", "you", "it", "we", "they", "that", "this", "yes", "yeah", "no", "sure", "good", "great",
    "fine", "wow",
  ]

  /// Words that react to an answer rather than name a topic ("Interesting.", "Fair enough.").
  static let backchannelWords: Set<String> = [
    "interesting", "fair", "enough", "noted", "understood", "gotcha", "congratulations", "congrats",
    "thanks", "sorry",
    "ouch", "yikes", "oof", "gosh", "absolutely", "totally", "exactly", "definitely", "amazing",
    "wonderful", "awesome",
    "lovely", "brilliant", "incredible", "perfect", "nice", "cool", "wild", "true", "mhm", "mm",
    "hmm", "huh", "ha",
    "haha", "laughs", "oh", "ah", "wonder", "love", "agreed", "indeed", "fascinating", "bummer",
    "ugh", "whoa",
  ]

  // MARK: - Concepts

  /// A question about the interview itself: recording, consent, anything else to add.
  static func isSmallTalk(_ sentence: String) -> Bool {
    let tokens = Tokenizer.tokens(in: sentence, punctuation: false).map(\.text)
    let words = " " + tokens.joined(separator: " ") + " "
    // "Anything you want to add?", "Is there anything I missed?" close the interview; a bare
    // "Anything else?" is a probe of the current question.
    if tokens.contains("anything"), tokens.contains(where: closingWords.contains) { return true }
    return smallTalk.contains { Self.bytes(of: $0, occurIn: words) }
  }

  /// Words that, with "anything", ask what the interview left out.
  static let closingWords: Set<String> = [
    "add", "missed", "miss", "cover", "covered", "forgot", "forget", "wrap",
  ]

  /// What questions about the interview itself say, as the tokenizer gives their words
  /// ("didn't" is "did n't"), each with a space either side.
  static let smallTalk: [String] = [
    "record", "recording", "recorded", "anything else you", "anything else i", "anything else we",
    "anything else before", "anything else on your mind", "anything else to", "can you hear",
    "hear me", "okay if", "all right if",
    "all right with you", "okay with you", "consent", "anything i missed", "anything we missed",
    "anything we didn't",
    "anything i didn't", "anything you'd like to add", "anything to add", "add anything", "levels",
    "sound check", "mic",
    "microphone",
  ].map {
    " " + Tokenizer.tokens(in: $0, punctuation: false).map(\.text).joined(separator: " ") + " "
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
    // Prompts and wh-questions transcribed without their question mark, after any words that
    // only move the conversation on ("So tell me about…", "Okay, now walk me through…").
    let tokens = Tokenizer.tokens(in: sentence, punctuation: true)
    let words = tokens.filter { $0.kind != .punctuation }.map(\.text)
    // ("Maybe start with what made you sign up.": a hedge before the prompt.)
    guard
      let first = words.first(where: {
        !Self.discourseMarkers.contains($0) && !["maybe", "perhaps", "just"].contains($0)
      })
    else { return false }
    if [
      "tell", "describe", "talk", "walk", "share", "explain", "give", "what", "how", "why", "when",
      "where",
      "which", "let's", "lets", "let", "start", "begin",
    ].contains(first) {
      return true
    }
    // A prompt after a clause: "So, just so I have it, tell me your role", "Before we get into
    // it, just tell me about you."
    let texts = tokens.map(\.text)
    return texts.indices.dropFirst().contains { index in
      ["tell", "walk", "talk"].contains(texts[index]) && index + 1 < texts.count
        && ["me", "us"].contains(texts[index + 1])
        && [",", "just", "please", "first", "quickly"].contains(texts[index - 1])
    }
  }

  /// Words that open a turn without saying anything: "so", "okay", "and now".
  static let discourseMarkers: Set<String> = [
    "so", "okay", "ok", "alright", "and", "now", "well", "then", "great", "right", "um", "uh",
  ]

  /// Whether an unmatched interviewer turn moves on to something outside the protocol: a long
  /// question that is not a follow-up probe.
  static func endsTopic(_ text: String) -> Bool {
    guard text.utf8.contains(UInt8(ascii: "?")) else { return false }
    let words = Tokenizer.tokens(in: text, punctuation: false).map(\.text)
    let lowered = words.joined(separator: " ")
    for probe in [
      "say more", "tell me more", "what do you mean", "for example", "an example", "anything else",
      "why is that", "how so", "like what", "in what way", "go on", "elaborate", "expand on",
    ]
    where lowered.contains(probe) {
      return false
    }
    // "Even a rough number?", "Overlapping, so both at once?": a question without a verb
    // leans on the one before it.
    if isFragment(words) { return false }
    return words.filter { !stopWords.contains($0) }.count >= 3
  }

  /// Whether a question's words make no clause: at most seven words besides the ones that move
  /// on, none of them an auxiliary, a question word or a common verb.
  static func isFragment(_ words: [String]) -> Bool {
    let content = words.drop { discourseMarkers.contains($0) }
    return content.count <= 7 && !content.contains(where: clauseWords.contains)
  }

  /// Auxiliaries, question words and common verbs: a question with none of them is a fragment;
  /// a sentence with one does not merely name a topic.
  static let clauseWords: Set<String> = [
    "do", "did", "does", "is", "was", "are", "were", "'s", "'re", "have", "has", "had", "'ve",
    "can", "could", "would",
    "will", "should", "'d", "'ll", "what", "how", "why", "when", "where", "who", "which", "tell",
    "describe", "talk",
    "walk", "think", "feel", "felt", "go", "went", "get", "got", "make", "made", "say", "said",
    "mean", "take", "took",
  ]

  /// The stems of a text's content words, mapped to shared concepts where interviewers use
  /// them interchangeably.
  static func concepts(_ text: String) -> [String] {
    let tokens = Tokenizer.tokens(in: text, punctuation: false)
    var result: [String] = []
    var index = 0
    while index < tokens.count {
      let word = tokens[index].text
      if index + 2 < tokens.count,
        let phrase = phraseConcepts[
          word + " " + tokens[index + 1].text + " " + tokens[index + 2].text]
      {
        if !phrase.isEmpty { result.append(phrase) }
        index += 3
        continue
      }
      if index + 1 < tokens.count, let phrase = phraseConcepts[word + " " + tokens[index + 1].text]
      {
        // An empty concept drops an idiom: "tell me" prompts, it does not ask for advice.
        if !phrase.isEmpty { result.append(phrase) }
        index += 2
        continue
      }
      index += 1
      if stopWords.contains(word) { continue }
      // "What feedback do you have on the platform?", "your thoughts about…": the noun asks
      // for an opinion; the topic is what follows.
      if opinionNouns.contains(word), index < tokens.count,
        opinionFollowers.contains(tokens[index].text)
      {
        continue
      }
      // "How many years have you been…" asks about a career; "How's the year going?" does not.
      if word == "year" {
        result.append(word)
        continue
      }
      let stem = PorterStemmer.stem(word)
      // "What would you change?" asks for a recommendation; "Did anything change?" asks what
      // came of it.
      if wishedStems.contains(stem) {
        let before = tokens[..<(index - 1)].map(\.text)
        if !before.contains(where: wishingWords.contains) {
          result.append(stem)
          continue
        }
      }
      result.append(synonyms[stem] ?? stem)
    }
    return result
  }

  /// Nouns that ask for an opinion when "on", "about", "of" or "do you have" follows them.
  static let opinionNouns: Set<String> = [
    "feedback", "thoughts", "thought", "impressions", "impression", "opinion", "opinions",
    "reactions", "reaction",
    "comments", "views",
  ]
  static let opinionFollowers: Set<String> = [
    "on", "about", "of", "regarding", "do", "did", "would", "you",
  ]

  /// Stems that ask for a recommendation only when wished for ("if you could change…").
  static let wishedStems: Set<String> = ["chang", "improv"]
  /// Words that make a change wished for rather than observed, anywhere before it.
  static let wishingWords: Set<String> = [
    "would", "could", "should", "if", "'d", "wish", "want", "like",
  ]

  private static let phraseConcepts: [String: String] = [
    "too much": "#judgment", "about right": "#judgment", "too little": "#judgment",
    "just right": "#judgment", "work with": "#together", "pd hours": "#incentive",
    "got in": "#obstacle", "in the way": "#obstacle", "first place": "#motive",
    // "What made you sign up?", "What led you to it?": asking for a cause is asking for a motive.
    "made you": "#motive", "got you to": "#motive", "led you": "#motive", "prompted you": "#motive",
    "brought you": "#motive",
    "tell me": "", "tell us": "", "take part": "", "took part": "", "taking part": "",
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
    "get", "got", "go", "going", "let", "lets", "let's", "'s", "n't", "'re", "'ve", "'ll", "'d",
    "'m",
    "little", "bit", "more", "most", "much", "many", "very", "also", "now", "next", "first", "mean",
    "think", "want", "wanted", "ask", "asking", "question", "questions", "micro",
    "credential", "credentials", "microcredential", "one", "all", "into", "up", "out", "no", "not",
    "say", "said", "talk", "talked", "moving", "move", "back", "again", "sure", "lot",
    "thing", "things", "maybe", "start", "started", "starting", "finish", "finished", "complete",
    "completed", "completing", "whole",
    "them", "they", "their", "theirs", "else", "before", "after", "make", "makes", "made", "sense",
    "piece", "part", "other", "others",
  ]
}
