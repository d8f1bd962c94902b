import Foundation
import QDANumerics
import QDAText

/// Groups sentences that say the same thing: average-linkage agglomerative clustering of their
/// vectors by cosine similarity (until a number of groups, or a least similarity), with a short
/// label and a representative sentence per group.
///
/// The vectors are the sentence encoder's when the model is installed (meaning), or TF-IDF
/// vectors of their content words (`lexicalVectors`) when it is not. Either way, from
/// `centringMinimum` sentences on, they are centred on their mean before they are compared:
/// sentences gathered for one purpose (all of them recommendations about one programme) share a
/// direction that says nothing about which of them belong together. (`ThemeGrouping` in
/// QDAQuery groups a search's hits into a fixed number of themes by k-means; this groups a
/// table's sentences into as many as they fall into.)
///
/// Deterministic: ties go to the earlier pair, and groups come back largest first (then by their
/// first sentence).
///
/// ```swift
/// let groups = SentenceGrouping.groups(vectors: vectors, stop: SentenceGrouping.encoderStop(count: vectors.count))
/// ```
public enum SentenceGrouping {
  /// Above this many sentences, an even sample of this many is grouped and every other sentence
  /// joins the group whose centre it is most like (a group of its own when it is like none):
  /// average linkage keeps a matrix of every pair and takes time in the cube of their number.
  public static let directLimit = 400

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

  /// Groups at least this alike (centred encoder vectors) merge whatever the count.
  static let alwaysMerged: Float = 0.6

  /// The stop for TF-IDF vectors of content words (pairwise F1 0.43 on the same interviews, set
  /// 1; 0.07 on the held-out set 3, against 0.30 by meaning).
  public static let lexicalStop = Stop.similarity(0.05)

  /// How a table's sentences were grouped.
  public enum Grouping: String, Hashable, Sendable, Codable {
    case meaning
    case words
  }

  /// Sentences of one kind, from at least two speakers.
  public struct Theme: Hashable, Sendable, Codable {
    /// A short label from their words (`label(of:index:speakers:)`).
    public var label: String
    /// Who said them, in the order given.
    public var participants: [String]
    /// The sentences (indices into the input), in order.
    public var members: [Int]
    /// The sentence that states the theme best (`representative`).
    public var quote: Int
  }

  /// Sentences grouped (by `vectors`, the encoder's, or by their words without them) into the
  /// themes two speakers or more share, most speakers first (then most sentences), and the
  /// sentences in no such theme.
  ///
  /// - Parameters:
  ///   - speakers: who said each sentence.
  ///   - order: the speakers in the order themes list them.
  ///   - quoteWords: the length, in words, a theme's quote should have when a member has it.
  ///   - unlabelled: the label of a theme with no content word.
  public static func themes(
    texts: [String], speakers: [String], vectors: [[Float]]?, order: [String],
    quoteWords: ClosedRange<Int>,
    unlabelled: String = ""
  ) -> (themes: [Theme], alone: [Int], grouping: Grouping) {
    let usable = vectors.flatMap { $0.count == texts.count ? $0 : nil }
    let phrases = PhraseIndex(texts)
    let points = prepared(usable ?? lexicalVectors(phrases))
    let stop = usable == nil ? lexicalStop : encoderStop(count: texts.count)
    let rank = Dictionary(
      order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let lengths = texts.map { $0.split(separator: " ").count }
    var themes: [Theme] = []
    var alone: [Int] = []
    for cluster in groups(prepared: points, stop: stop) {
      let who = Set(cluster.map { speakers[$0] })
      guard who.count >= 2 else {
        alone += cluster
        continue
      }
      themes.append(
        Theme(
          label: label(of: cluster, index: phrases, speakers: speakers) ?? unlabelled,
          participants: who.sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) },
          members: cluster,
          quote: representative(
            of: cluster, prepared: points, eligible: { quoteWords.contains(lengths[$0]) })
            ?? cluster[0]))
    }
    themes.sort {
      ($0.participants.count, $0.members.count, -$0.members[0]) > (
        $1.participants.count, $1.members.count, -$1.members[0]
      )
    }
    return (themes, alone.sorted(), usable == nil ? .words : .meaning)
  }

  /// Groups of indices into `vectors`, largest first.
  ///
  /// - Parameters:
  ///   - vectors: one per sentence, any length (all the same).
  ///   - stop: when merging stops.
  public static func groups(vectors: [[Float]], stop: Stop) -> [[Int]] {
    groups(prepared: prepared(vectors), stop: stop)
  }

  /// `groups(vectors:stop:)` of vectors already `prepared`.
  static func groups(prepared points: [[Float]], stop: Stop) -> [[Int]] {
    guard !points.isEmpty else { return [] }
    let n = points.count
    guard n > directLimit else {
      return sortedLargestFirst(
        averageLinkage(points, sizes: Array(repeating: 1, count: n), stop: stop).map { $0.sorted() }
      )
    }
    let step = (n + directLimit - 1) / directLimit
    let sample = Array(stride(from: 0, to: n, by: step))
    let sampleStop: Stop
    switch stop {
    case .similarity: sampleStop = stop
    case .groups(let count, let floor):
      sampleStop = .groups(max(1, count * sample.count / n), floor: floor)
    }
    var clusters = averageLinkage(
      sample.map { points[$0] }, sizes: Array(repeating: 1, count: sample.count), stop: sampleStop
    )
    .map { $0.map { sample[$0] } }
    let centres = clusters.map { UnitVectors.normalised(UnitVectors.mean($0.map { points[$0] })) }
    let sampled = Set(sample)
    let rest = (0..<n).filter { !sampled.contains($0) }
    let similarities = products(rest.map { points[$0] }, centres)
    for (row, index) in rest.enumerated() {
      var best: (similarity: Float, group: Int)?
      for group in centres.indices {
        let similarity = similarities[row * centres.count + group]
        if similarity > best?.similarity ?? -.infinity { best = (similarity, group) }
      }
      if let best,
        best.similarity > stop.floor || (best.similarity == stop.floor && !isStrict(stop))
      {
        clusters[best.group].append(index)
      } else {
        clusters.append([index])
      }
    }
    return sortedLargestFirst(clusters.map { $0.sorted() })
  }

  static func isStrict(_ stop: Stop) -> Bool {
    if case .groups = stop { return true }
    return false
  }

  static func sortedLargestFirst(_ groups: [[Int]]) -> [[Int]] {
    groups.sorted { ($0.count, -$0[0]) > ($1.count, -$1[0]) }
  }

  /// Average-linkage clustering of unit vectors: clusters of indices into `points`.
  static func averageLinkage(_ points: [[Float]], sizes: [Int], stop: Stop) -> [[Int]] {
    let n = points.count
    let floor = stop.floor
    // By count, groups merge only when more than `floor` alike; by similarity, at it too.
    let strict = isStrict(stop)
    var similarity = products(points, points)
    var clusters: [[Int]?] = (0..<n).map { [$0] }
    var size = sizes.map(Float.init)
    while true {
      var best: (value: Float, i: Int, j: Int)?
      for i in 0..<n where clusters[i] != nil {
        for j in (i + 1)..<max(i + 1, n) where clusters[j] != nil {
          let value = similarity[i * n + j]
          if value > best?.value ?? -.infinity, value > floor || (value == floor && !strict) {
            best = (value, i, j)
          }
        }
      }
      // Past the count, only groups that say the same thing still merge: a theme many
      // sentences share is not split to make the count.
      if case .groups(let count, _) = stop, clusters.lazy.compactMap({ $0 }).count <= count,
        (best?.value ?? -.infinity) < Self.alwaysMerged
      {
        break
      }
      guard let (_, i, j) = best else { break }
      // Lance–Williams for average linkage: the merged group's similarity to each other is the
      // size-weighted mean of its parts'.
      for k in 0..<n where k != i && k != j && clusters[k] != nil {
        let merged = steady(
          (size[i] * similarity[i * n + k] + size[j] * similarity[j * n + k]) / (size[i] + size[j]))
        similarity[i * n + k] = merged
        similarity[k * n + i] = merged
      }
      let merged = clusters[j] ?? []
      clusters[i]?.append(contentsOf: merged)
      clusters[j] = nil
      size[i] += size[j]
    }
    return clusters.compactMap { $0 }
  }

  /// The member most like the rest of its group (the highest mean similarity; the first on a
  /// tie), among members `eligible` allows when any does.
  ///
  /// - Parameter prepared: the vectors as compared (`prepared(_:)` of all the sentences).
  public static func representative(
    of group: [Int], prepared: [[Float]], eligible: (Int) -> Bool = { _ in true }
  ) -> Int? {
    let allowed = group.filter(eligible)
    let candidates = allowed.isEmpty ? group : allowed
    // Most like the rest: most like their mean (the vectors are unit length).
    let centre = UnitVectors.mean(group.map { prepared[$0] })
    var best: (score: Float, index: Int)?
    for index in candidates {
      let score = steady(UnitVectors.dot(prepared[index], centre))
      if score > best?.score ?? -.infinity { best = (score, index) }
    }
    return best?.index
  }

  // MARK: - Words

  /// The most words a TF-IDF vector has (a large code's coded words run to thousands).
  static let vocabularyLimit = 500

  /// TF-IDF vectors of sentences' content words (lower-cased, a plural's "s" dropped), over the
  /// vocabulary of these sentences; a word in one sentence only carries nothing to compare.
  public static func lexicalVectors(_ texts: [String]) -> [[Float]] {
    lexicalVectors(PhraseIndex(texts))
  }

  /// TF-IDF vectors from phrases already read (their single words).
  public static func lexicalVectors(_ index: PhraseIndex) -> [[Float]] {
    let bags = index.phrases.map { $0.keys.filter { !$0.contains(" ") } }
    var documentFrequency: [String: Int] = [:]
    for bag in bags { for word in Set(bag) { documentFrequency[word, default: 0] += 1 } }
    // The commonest words shared by two sentences or more (at most `vocabularyLimit`).
    let vocabulary = documentFrequency.filter { $0.value >= 2 }.sorted {
      ($0.value, $1.key) > ($1.value, $0.key)
    }
    .prefix(vocabularyLimit).map(\.key).sorted()
    let column = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    let count = Float(bags.count)
    return bags.map { bag in
      var vector = [Float](repeating: 0, count: max(1, vocabulary.count))
      for word in bag {
        guard let k = column[word], let df = documentFrequency[word] else { continue }
        vector[k] += log(1 + count / Float(df))
      }
      return vector
    }
  }

  /// The phrases of one or two content words in some sentences, read once for labelling any
  /// number of their groups.
  public struct PhraseIndex: Sendable {
    /// Per sentence, its phrases by their stems, each with its words as written (lower case).
    let phrases: [[String: String]]
    /// How many sentences hold each phrase.
    let uses: [String: Int]

    public init(_ texts: [String]) {
      phrases = texts.map { text in
        let words = SentenceGrouping.contentWordsInOrder(text)
        var result: [String: String] = [:]
        for word in words { result[word.1] = word.2 }
        for (a, b) in zip(words, words.dropFirst()) where b.0 == a.0 + 1 {
          result[a.1 + " " + b.1] = a.2 + " " + b.2
        }
        return result
      }
      var uses: [String: Int] = [:]
      for found in phrases { for phrase in found.keys { uses[phrase, default: 0] += 1 } }
      self.uses = uses
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
  ///   - group: indices into the sentences `index` was made from.
  ///   - speakers: who said each sentence (a phrase counts once per speaker).
  public static func label(of group: [Int], index: PhraseIndex, speakers: [String]) -> String? {
    var inside: [String: Int] = [:]
    var bySpeakers: [String: Set<String>] = [:]
    var written: [String: [String: Int]] = [:]
    for member in group.sorted() {
      for (phrase, form) in index.phrases[member] {
        inside[phrase, default: 0] += 1
        bySpeakers[phrase, default: []].insert(speakers[member])
        written[phrase, default: [:]][form, default: 0] += 1
      }
    }
    // The form the group wrote most (the first alphabetically on a tie).
    func form(_ stem: String) -> String {
      (written[stem] ?? [:]).max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? stem
    }
    typealias Scored = (phrase: String, score: Double, speakers: Int, words: Int)
    let scored: [Scored] = bySpeakers.map { phrase, who in
      (
        phrase,
        Double(who.count) * Double(inside[phrase] ?? 0) / Double(max(1, index.uses[phrase] ?? 1)),
        who.count,
        phrase.split(separator: " ").count
      )
    }
    func better(_ a: Scored, _ b: Scored) -> Bool {
      a.score != b.score ? a.score > b.score : a.phrase < b.phrase
    }
    guard let word = scored.filter({ $0.words == 1 }).min(by: better) else { return nil }
    if let pair = scored.filter({ $0.words == 2 && $0.speakers >= 2 }).min(by: better),
      pair.score >= 0.6 * word.score
    {
      return form(pair.phrase)
    }
    return form(word.phrase)
  }

  /// Content words with their positions among all the text's words (for adjacency), their
  /// stems (a plural's "s" dropped) and the words as written, in lower case.
  static func contentWordsInOrder(_ text: String) -> [(Int, String, String)] {
    let words = CueText(text).words.map(\.text)
    var result: [(Int, String, String)] = []
    for (position, word) in words.enumerated() {
      // Letters only (ASCII letters decided without Unicode's tables).
      guard word.utf8.count > 2,
        word.unicodeScalars.allSatisfy({
          ($0.value >= 97 && $0.value <= 122) || ($0.value > 127 && $0.properties.isAlphabetic)
        }),
        !stopWords.contains(word)
      else { continue }
      var stem = word
      if stem.hasSuffix("s"), !stem.hasSuffix("ss"), stem.count > 3 { stem.removeLast() }
      result.append((position, stem, word))
    }
    return result
  }

  /// Words that say nothing about what a recommendation is about.
  static let stopWords: Set<String> = [
    "the", "and", "but", "for", "with", "that", "this", "these", "those", "they", "them", "their",
    "there", "then",
    "than", "what", "when", "where", "which", "who", "whom", "why", "how", "would", "could",
    "should", "might",
    "must", "will", "shall", "can", "have", "has", "had", "having", "was", "were", "are", "been",
    "being", "not",
    "n't", "you", "your", "yours", "our", "ours", "his", "her", "hers", "its", "it's", "just",
    "really", "very",
    "more", "less", "much", "many", "some", "any", "all", "each", "every", "one", "two", "also",
    "even", "still",
    "maybe", "perhaps", "like", "about", "into", "onto", "from", "over", "under", "out", "off",
    "again", "too",
    "only", "own", "same", "such", "so", "because", "while", "if", "or", "nor", "yes", "yeah",
    "okay", "well",
    "think", "thing", "things", "know", "mean", "say", "said", "get", "got", "make", "made", "want",
    "wanted",
    "need", "needed", "needs", "wish", "suggest", "suggestion", "recommend", "recommendation",
    "help", "helped",
    "helpful", "nice", "great", "good", "better", "best", "way", "lot", "kind", "sort", "people",
    "someone", "somebody",
    "something", "anything", "everything", "nothing", "actually", "honestly", "probably",
    "definitely", "whole",
    "would've", "i'd", "i'm", "don't", "didn't", "let", "give", "take", "put", "use", "see", "look",
    "going",
    "able", "sure", "least", "first", "next", "last", "other", "another", "instead", "rather",
    "though", "thought",
    "him", "she", "he", "we", "us", "me", "my", "mine", "myself", "whoever", "ought", "be",
    "'d", "'ll", "'re", "'ve", "'m", "'s", "did", "does", "doing", "done", "now", "here", "ever",
    "never", "always",
    // Words of judgment or manner that say how, not what about.
    "bad", "hard", "easy", "fine", "back", "add", "felt", "feel", "feels", "part", "stuff", "big",
    "little", "real",
    "bit", "pretty", "quite", "enough", "else", "come", "came", "went", "go", "goes", "told",
    "tell", "guess",
  ]

  // MARK: - Vectors

  /// Every row of `a` against every row of `b` (all of one length): a.count × b.count dot
  /// products, row-major, through BLAS.
  static func products(_ a: [[Float]], _ b: [[Float]]) -> [Float] {
    guard let length = a.first?.count ?? b.first?.count, !a.isEmpty, !b.isEmpty, length > 0 else {
      return [Float](repeating: 0, count: a.count * b.count)
    }
    let left = a.flatMap { $0 }
    let right = b.flatMap { $0 }
    var result = [Float](repeating: 0, count: a.count * b.count)
    left.withUnsafeBufferPointer { l in
      right.withUnsafeBufferPointer { r in
        result.withUnsafeMutableBufferPointer { c in
          guard let left = l.baseAddress, let right = r.baseAddress, let into = c.baseAddress else {
            return
          }
          MatrixProduct.multiply(
            m: a.count, n: b.count, k: length, left, lda: length, right, ldb: length,
            transposeB: true, into: into, ldc: b.count)
        }
      }
    }
    return result.map(steady)
  }

  /// A similarity rounded to a thousandth: vectors of the same sentences embedded in other
  /// batches differ in their last bits, and an exact tie (the two members of a pair are equally
  /// like its centre) must not be decided by them.
  static func steady(_ value: Float) -> Float { (value * 1000).rounded() / 1000 }

  /// The sentences gathered for one purpose share a direction (`centred`) once there are
  /// enough of them to say what it is; a handful are compared as they are.
  static let centringMinimum = 20

  /// Vectors as compared: centred on their mean (from `centringMinimum` of them), unit length.
  public static func prepared(_ vectors: [[Float]]) -> [[Float]] {
    guard vectors.count >= centringMinimum else { return vectors.map(UnitVectors.normalised) }
    let centre = UnitVectors.mean(vectors)
    return vectors.map { UnitVectors.centred($0, centre) }
  }
}
