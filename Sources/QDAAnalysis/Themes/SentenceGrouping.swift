import Foundation
import QDAText

/// Groups sentences that say the same thing: average-linkage agglomerative clustering of their
/// vectors by cosine similarity (until a number of groups, or a least similarity), with a short
/// label and a representative sentence per group.
///
/// The vectors are the sentence encoder's when the model is installed (meaning), or TF-IDF
/// vectors of their content words (`lexicalVectors`) when it is not. Either way they are
/// centred on their mean before they are compared: sentences gathered for one purpose (all of
/// them recommendations about one programme) share a direction that says nothing about which
/// of them belong together.
///
/// Deterministic: ties go to the earlier pair, and groups come back largest first (then by their
/// first sentence).
///
/// ```swift
/// let groups = SentenceGrouping.groups(vectors: vectors, stop: SentenceGrouping.encoderStop(count: vectors.count))
/// ```
public enum SentenceGrouping {
  /// Above this many sentences, sentences are first gathered around leaders (a sentence joins the
  /// first leader it is at least `threshold` alike to) and the leaders are clustered: average
  /// linkage keeps a matrix of every pair; a leader stands for those at least `floor` + 0.5 alike.
  public static let directLimit = 800

  /// When merging stops.
  public enum Stop: Sendable, Hashable {
    /// When no two groups are at least this alike on average.
    case similarity(Float)
    /// When this many groups are left, or no two are more than `floor` alike.
    case groups(Int, floor: Float)

    /// The least similarity a merge needs.
    var floor: Float {
      switch self {
      case .similarity(let value), .groups(_, let value): value
      }
    }
  }

  /// The stop for sentences compared by the encoder: about four sentences a group on average,
  /// and only groups positively alike (centred) merge. Measured on fresh interviews with labelled
  /// recommendations (Benchmarks/recommendations): pairwise F1 0.52 against the labels' groups,
  /// against at most 0.41 for any fixed similarity.
  public static func encoderStop(count: Int) -> Stop { .groups(max(1, (count + 3) / 4), floor: 0) }

  /// The stop for TF-IDF vectors of content words (pairwise F1 0.38 on the same interviews).
  public static let lexicalStop = Stop.similarity(0.05)

  /// Groups of indices into `vectors`, largest first.
  ///
  /// - Parameters:
  ///   - vectors: one per sentence, any length (all the same).
  ///   - stop: when merging stops.
  public static func groups(vectors: [[Float]], stop: Stop) -> [[Int]] {
    guard !vectors.isEmpty else { return [] }
    let centred = prepared(vectors)
    // Leaders for a large set; each leader stands for its members.
    var members: [[Int]]
    var points: [[Float]]
    if centred.count > directLimit {
      var leaders: [Int] = []
      members = []
      for index in centred.indices {
        if let found = leaders.indices.first(where: { dot(centred[leaders[$0]], centred[index]) >= stop.floor + 0.5 }) {
          members[found].append(index)
        } else {
          leaders.append(index)
          members.append([index])
        }
      }
      points = members.map { group in normalised([mean(group.map { centred[$0] })])[0] }
    } else {
      members = centred.indices.map { [$0] }
      points = centred
    }
    let clusters = averageLinkage(points, sizes: members.map(\.count), stop: stop)
    let result = clusters.map { cluster in cluster.flatMap { members[$0] }.sorted() }
    return result.sorted { ($0.count, -$0[0]) > ($1.count, -$1[0]) }
  }

  /// Average-linkage clustering of unit vectors: clusters of indices into `points`.
  static func averageLinkage(_ points: [[Float]], sizes: [Int], stop: Stop) -> [[Int]] {
    let n = points.count
    let floor = stop.floor
    // By count, groups merge only when more than `floor` alike; by similarity, at it too.
    let strict: Bool
    if case .groups = stop { strict = true } else { strict = false }
    var similarity = [Float](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        let value = dot(points[i], points[j])
        similarity[i * n + j] = value
        similarity[j * n + i] = value
      }
    }
    var clusters: [[Int]?] = (0..<n).map { [$0] }
    var size = sizes.map(Float.init)
    while true {
      var best: (value: Float, i: Int, j: Int)?
      for i in 0..<n where clusters[i] != nil {
        for j in (i + 1)..<max(i + 1, n) where clusters[j] != nil {
          let value = similarity[i * n + j]
          if value > best?.value ?? -.infinity, value > floor || (value == floor && !strict) { best = (value, i, j) }
        }
      }
      if case .groups(let count, _) = stop, clusters.lazy.compactMap({ $0 }).count <= count { break }
      guard let (_, i, j) = best else { break }
      // Lance–Williams for average linkage: the merged group's similarity to each other is the
      // size-weighted mean of its parts'.
      for k in 0..<n where k != i && k != j && clusters[k] != nil {
        let merged = (size[i] * similarity[i * n + k] + size[j] * similarity[j * n + k]) / (size[i] + size[j])
        similarity[i * n + k] = merged
        similarity[k * n + i] = merged
      }
      clusters[i]! += clusters[j]!
      clusters[j] = nil
      size[i] += size[j]
    }
    return clusters.compactMap { $0 }
  }

  /// The member most like the rest of its group (the highest mean similarity; the first on a
  /// tie), among members `eligible` allows when any does.
  public static func representative(of group: [Int], vectors: [[Float]], eligible: (Int) -> Bool = { _ in true }) -> Int? {
    let candidates = group.filter(eligible).isEmpty ? group : group.filter(eligible)
    let centred = prepared(vectors)
    var best: (score: Float, index: Int)?
    for index in candidates {
      let score = group.reduce(Float(0)) { $0 + ($1 == index ? 0 : dot(centred[index], centred[$1])) }
      if score > best?.score ?? -.infinity { best = (score, index) }
    }
    return best?.index
  }

  // MARK: - Words

  /// TF-IDF vectors of sentences' content words (lower-cased, a plural's "s" dropped), over the
  /// vocabulary of these sentences; a word in one sentence only carries nothing to compare.
  public static func lexicalVectors(_ texts: [String]) -> [[Float]] {
    let bags = texts.map(contentWords)
    var documentFrequency: [String: Int] = [:]
    for bag in bags { for word in Set(bag) { documentFrequency[word, default: 0] += 1 } }
    let vocabulary = documentFrequency.filter { $0.value >= 2 }.keys.sorted()
    let column = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    let count = Float(texts.count)
    return bags.map { bag in
      var vector = [Float](repeating: 0, count: max(1, vocabulary.count))
      for word in bag {
        guard let k = column[word], let df = documentFrequency[word] else { continue }
        vector[k] += log(1 + count / Float(df))
      }
      return vector
    }
  }

  /// A short label for a group: the phrase of one or two content words that most of its
  /// speakers used and the other sentences did not, as written in lower case.
  ///
  /// A phrase scores its speakers in the group times the share of its uses that lie in the
  /// group ("online" said by three of the group and nowhere else beats "participants" said by
  /// three of the group and twice outside it); a phrase of two words said by at least two of them
  /// wins when it scores at least 0.6 of the best single word ("online community" over "online").
  ///
  /// - Parameters:
  ///   - group: indices into `texts`.
  ///   - speakers: who said each text (a phrase counts once per speaker).
  public static func label(of group: [Int], texts: [String], speakers: [String]) -> String? {
    /// Phrases by their stems, each with its words as written (lower case).
    func phrases(_ text: String) -> [String: String] {
      let words = contentWordsInOrder(text)
      var result: [String: String] = [:]
      for word in words { result[word.1] = word.2 }
      for (a, b) in zip(words, words.dropFirst()) where b.0 == a.0 + 1 { result[a.1 + " " + b.1] = a.2 + " " + b.2 }
      return result
    }
    let members = Set(group)
    // The form the group wrote most (the first in order on a tie).
    var written: [String: [String: Int]] = [:]
    for index in group.sorted() { for (stem, form) in phrases(texts[index]) { written[stem, default: [:]][form, default: 0] += 1 } }
    func form(_ stem: String) -> String {
      (written[stem] ?? [:]).max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? stem
    }
    var uses: [String: (inside: Int, all: Int)] = [:]
    var bySpeakers: [String: Set<String>] = [:]
    for (index, text) in texts.enumerated() {
      for phrase in phrases(text).keys {
        uses[phrase, default: (0, 0)].all += 1
        if members.contains(index) {
          uses[phrase, default: (0, 0)].inside += 1
          bySpeakers[phrase, default: []].insert(speakers[index])
        }
      }
    }
    let scored = bySpeakers.map { phrase, who -> (phrase: String, score: Double, speakers: Int, words: Int) in
      let use = uses[phrase] ?? (1, 1)
      return (phrase, Double(who.count) * Double(use.inside) / Double(max(1, use.all)), who.count, phrase.split(separator: " ").count)
    }
    func better(_ a: (phrase: String, score: Double, speakers: Int, words: Int), _ b: (phrase: String, score: Double, speakers: Int, words: Int)) -> Bool {
      if a.score != b.score { return a.score > b.score }
      return a.phrase < b.phrase
    }
    guard let word = scored.filter({ $0.words == 1 }).sorted(by: better).first else { return nil }
    if let pair = scored.filter({ $0.words == 2 && $0.speakers >= 2 }).sorted(by: better).first, pair.score >= 0.6 * word.score {
      return form(pair.phrase)
    }
    return form(word.phrase)
  }

  static func contentWords(_ text: String) -> [String] { contentWordsInOrder(text).map(\.1) }

  /// Content words with their positions among all the text's words (for adjacency), their
  /// stems (a plural's "s" dropped) and the words as written, in lower case.
  static func contentWordsInOrder(_ text: String) -> [(Int, String, String)] {
    let words = CueText(text).words.map(\.text)
    var result: [(Int, String, String)] = []
    for (position, word) in words.enumerated() {
      guard word.count > 2, word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }), !stopWords.contains(word) else { continue }
      var stem = word
      if stem.hasSuffix("s"), !stem.hasSuffix("ss"), stem.count > 3 { stem.removeLast() }
      result.append((position, stem, word))
    }
    return result
  }

  /// Words that say nothing about what a recommendation is about.
  static let stopWords: Set<String> = [
    "the", "and", "but", "for", "with", "that", "this", "these", "those", "they", "them", "their", "there", "then",
    "than", "what", "when", "where", "which", "who", "whom", "why", "how", "would", "could", "should", "might",
    "must", "will", "shall", "can", "have", "has", "had", "having", "was", "were", "are", "been", "being", "not",
    "n't", "you", "your", "yours", "our", "ours", "his", "her", "hers", "its", "it's", "just", "really", "very",
    "more", "less", "much", "many", "some", "any", "all", "each", "every", "one", "two", "also", "even", "still",
    "maybe", "perhaps", "like", "about", "into", "onto", "from", "over", "under", "out", "off", "again", "too",
    "only", "own", "same", "such", "so", "because", "while", "if", "or", "nor", "yes", "yeah", "okay", "well",
    "think", "thing", "things", "know", "mean", "say", "said", "get", "got", "make", "made", "want", "wanted",
    "need", "needed", "needs", "wish", "suggest", "suggestion", "recommend", "recommendation", "help", "helped",
    "helpful", "nice", "great", "good", "better", "best", "way", "lot", "kind", "sort", "people", "someone", "somebody",
    "something", "anything", "everything", "nothing", "actually", "honestly", "probably", "definitely", "whole",
    "would've", "i'd", "i'm", "don't", "didn't", "let", "give", "take", "put", "use", "see", "look", "going",
    "able", "sure", "least", "first", "next", "last", "other", "another", "instead", "rather", "though", "thought",
    "her", "him", "she", "he", "we", "us", "me", "my", "mine", "myself", "who", "whoever", "ought", "if", "be",
    "'d", "'ll", "'re", "'ve", "'m", "'s", "did", "does", "doing", "done", "now", "here", "ever", "never", "always",
  ]

  // MARK: - Vectors

  static func dot(_ a: [Float], _ b: [Float]) -> Float {
    var sum: Float = 0
    for k in 0..<min(a.count, b.count) { sum += a[k] * b[k] }
    return sum
  }

  static func mean(_ vectors: [[Float]]) -> [Float] {
    guard let first = vectors.first else { return [] }
    var sum = [Float](repeating: 0, count: first.count)
    for vector in vectors { for k in 0..<min(sum.count, vector.count) { sum[k] += vector[k] } }
    return sum.map { $0 / Float(vectors.count) }
  }

  /// The sentences gathered for one purpose share a direction (`centred`) once there are
  /// enough of them to say what it is; a handful are compared as they are.
  static let centringMinimum = 20

  /// Vectors as compared: centred on their mean (from `centringMinimum` of them), unit length.
  static func prepared(_ vectors: [[Float]]) -> [[Float]] {
    normalised(vectors.count >= centringMinimum ? centred(vectors) : vectors)
  }

  static func centred(_ vectors: [[Float]]) -> [[Float]] {
    let centre = mean(vectors)
    return vectors.map { vector in zip(vector, centre).map { $0 - $1 } }
  }

  static func normalised(_ vectors: [[Float]]) -> [[Float]] {
    vectors.map { vector in
      let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
      return norm > 0 ? vector.map { $0 / norm } : vector
    }
  }
}
