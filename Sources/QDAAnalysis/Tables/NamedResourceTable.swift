public import QDAModel

/// Resources, tools and programmes that many participants name: phrases they write with
/// capitals inside a sentence ("the Tennessee Leaders for Equity Playbook", "the Playbook"),
/// a shorter form counted with the one name it ends, by the participants who say any of them. A seed brief's
/// central resource finding ("the playbook named by most principals") is of this kind.
///
/// What is not a resource is left out by its form, not by a list of resources: words that
/// open a sentence, words the participants also write in lower case, titles and the name after
/// them, "I", months and days, numbers, languages and nationalities, acronyms alone, and names of
/// places (a phrase holding School, District, Elementary, County…). A group needs a name of two
/// words or more and at least three participants and a quarter of those interviewed.
public struct NamedResourceTable: Hashable, Sendable, Codable {
  public struct Resource: Hashable, Sendable, Codable {
    /// The form most participants used among those of two words or more.
    public var name: String
    /// Every form seen, most participants first.
    public var forms: [String]
    /// Who named it, in the order of the interviewed.
    public var participants: [String]
    /// Participant passages that name it.
    public var passageIDs: [Int64]
  }

  public var resources: [Resource]
  public var denominator: Int

  public init(_ corpus: CorpusSnapshot) {
    let interviewed = corpus.interviewed
    denominator = interviewed.count
    let rank = Dictionary(
      interviewed.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    // Participant passages of interviews, by document, texts read a document at a time.
    var positions: [Int64: [Int]] = [:]
    for position in corpus.passages.indices where corpus.passages.role(at: position) == .participant
    {
      if let document = corpus.passages.documentID(at: position) {
        positions[document, default: []].append(position)
      }
    }
    var lowerCase: Set<UInt64> = []
    // Phrase → participants and passages.
    var found: [String: (participants: Set<String>, passages: [Int64])] = [:]
    for document in corpus.documents where document.format != .survey {
      guard let id = document.id, let list = positions[id], rank[document.participantID] != nil
      else { continue }
      let passages = list.map { corpus.passages[$0] }
      for (passage, text) in zip(passages, corpus.texts(of: passages)) {
        for phrase in Self.phrases(in: text, lowerCase: &lowerCase) {
          found[phrase, default: ([], [])].participants.insert(document.participantID)
          if let passageID = passage.id, found[phrase]?.passages.last != passageID {
            found[phrase]?.passages.append(passageID)
          }
        }
      }
    }
    // Grouped by the last word.
    var groups: [String: [(phrase: String, participants: Set<String>, passages: [Int64])]] = [:]
    for (phrase, value) in found {
      let words = phrase.split(separator: " ")
      guard let last = words.last else { continue }
      if words.count == 1 && lowerCase.contains(Self.wordHash(phrase)) { continue }
      groups[last.lowercased(), default: []].append((phrase, value.participants, value.passages))
    }
    let least = max(3, (denominator + 3) / 4)
    var resources: [Resource] = []
    for (_, bucket) in groups {
      // Within a last word, each name that is not the end of a longer one stands alone ("Teacher
      // Leader Program" is not "Aspiring Principals Program"); a shorter form joins the one name
      // it ends ("the Playbook", "Equity Playbook"), and none when it ends several.
      let ordered = bucket.sorted {
        ($0.participants.count, $0.phrase.count, $1.phrase) > (
          $1.participants.count, $1.phrase.count, $0.phrase
        )
      }
      func words(_ phrase: String) -> [Substring] { phrase.split(separator: " ") }
      var clusters: [[(phrase: String, participants: Set<String>, passages: [Int64])]] = []
      for form in ordered.sorted(by: { words($0.phrase).count > words($1.phrase).count }) {
        let own = words(form.phrase)
        let ends = clusters.indices.filter { index in
          let name = words(clusters[index][0].phrase)
          return name.count > own.count && Array(name.suffix(own.count)) == own
        }
        if ends.count == 1 {
          clusters[ends[0]].append(form)
        } else if ends.isEmpty, own.count > 1 {
          clusters.append([form])
        }
      }
      for cluster in clusters {
        let who = cluster.reduce(into: Set<String>()) { $0.formUnion($1.participants) }
        guard who.count >= least else { continue }
        let forms = cluster.sorted {
          ($0.participants.count, $0.phrase.count, $1.phrase) > (
            $1.participants.count, $1.phrase.count, $0.phrase
          )
        }
        resources.append(
          Resource(
            name: cluster[0].phrase, forms: forms.map(\.phrase),
            participants: who.sorted { rank[$0] ?? 0 < rank[$1] ?? 0 },
            passageIDs: Array(Set(cluster.flatMap(\.passages))).sorted()))
      }
    }
    self.resources = resources.sorted {
      ($0.participants.count, $1.name) > ($1.participants.count, $0.name)
    }
  }

  public var table: DataTable {
    DataTable(
      id: "named_resources", title: "Resources and programmes named by many participants",
      columns: ["Resource", "Also written", "Participants (of \(denominator))", "Passages"],
      rows: resources.map {
        [
          TableCell($0.name),
          TableCell($0.forms.filter { [name = $0.name] in $0 != name }.joined(separator: "; ")),
          .count($0.participants.count, passages: $0.passageIDs),
          .count($0.passageIDs.count, passages: $0.passageIDs),
        ]
      },
      notes: [
        "Phrases participants write with capitals inside a sentence, grouped by their last word; named by at least three participants and a quarter of those interviewed."
      ],
      data: TableData(
        columns: [
          .text("resource", "The name most participants used (two words or more)."),
          .text("also_written", "Other forms counted with it, separated by “; ”."),
          .integer("participants", "Interviewed participants who named it in any form."),
          .integer("interviewed", "Interviewed participants in all: the denominator."),
          .integer("passages", "Participant passages that name it."),
        ],
        rows: resources.map {
          [
            .text($0.name),
            .text($0.forms.filter { [name = $0.name] in $0 != name }.joined(separator: "; ")),
            .integer($0.participants.count), .integer(denominator), .integer($0.passageIDs.count),
          ]
        }))
  }

  // MARK: - Reading phrases

  /// The capitalised phrases inside the sentences of a text; each word written in lower case is
  /// added to `lowerCase` by its hash (`wordHash`: no string is made for the many plain words).
  static func phrases(in text: String, lowerCase: inout Set<UInt64>) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var result: [String] = []
    // The sentence's words so far, as ranges of `scalars`.
    var words: [Range<Int>] = []
    func flush() {
      defer { words.removeAll(keepingCapacity: true) }
      guard words.count > 1 else { return }
      var index = 1  // the first word of a sentence is capitalised whatever it is
      while index < words.count {
        guard startsName(scalars, words, at: index) else {
          index += 1
          continue
        }
        var run = [words[index]]
        var next = index + 1
        while next < words.count {
          if continuesName(scalars, words[next]) {
            run.append(words[next])
            next += 1
          } else if next + 1 < words.count,
            connectors.contains(Self.text(scalars, words[next]).lowercased()),
            continuesName(scalars, words[next + 1])
          {
            run += [words[next], words[next + 1]]
            next += 2
          } else {
            break
          }
        }
        index = next
        if let phrase = kept(run.map { Self.text(scalars, $0) }) { result.append(phrase) }
      }
    }
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if isWordScalar(scalar) {
        var end = index + 1
        while end < scalars.count {
          if isWordScalar(scalars[end]) {
            end += 1
          } else if end + 1 < scalars.count, joiners.contains(scalars[end]),
            isWordScalar(scalars[end + 1])
          {
            end += 2
          } else {
            break
          }
        }
        if scalar.properties.isLowercase { lowerCase.insert(wordHash(scalars[index..<end])) }
        words.append(index..<end)
        index = end
        continue
      }
      let next = index + 1
      if scalar == "\n"
        || ((scalar == "." || scalar == "!" || scalar == "?")
          && (next == scalars.count || scalars[next] == " "))
      {
        flush()
      }
      index = next
    }
    flush()
    return result
  }

  /// A word's hash, lower-cased (FNV-1a over its scalars): how `lowerCase` holds words.
  static func wordHash(_ scalars: some Collection<Unicode.Scalar>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for scalar in scalars {
      let value =
        scalar.isASCII
        ? (scalar.value >= 65 && scalar.value <= 90 ? scalar.value + 32 : scalar.value)
        : (scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? scalar.value)
      hash = (hash ^ UInt64(value)) &* 0x100_0000_01b3
    }
    return hash
  }

  static func wordHash(_ word: String) -> UInt64 { wordHash(word.unicodeScalars) }

  private static let joiners: Set<Unicode.Scalar> = ["'", "\u{2019}", "-", "."]

  private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let value = scalar.value
      return (value >= 65 && value <= 90) || (value >= 97 && value <= 122)
        || (value >= 48 && value <= 57)
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }

  private static func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    String(String.UnicodeScalarView(scalars[range]))
  }

  private static func isCapitalised(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    scalars[range.lowerBound].properties.isUppercase
  }

  /// "I", "I'm", "I’ve": the pronoun, never a name.
  private static func isPronounI(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    scalars[range.lowerBound] == "I"
      && (range.count == 1 || scalars[range.lowerBound + 1] == "'"
        || scalars[range.lowerBound + 1] == "\u{2019}")
  }

  private static func startsName(_ scalars: [Unicode.Scalar], _ words: [Range<Int>], at index: Int)
    -> Bool
  {
    let word = words[index]
    guard isCapitalised(scalars, word), !isPronounI(scalars, word) else { return false }
    let lower = text(scalars, word).lowercased()
    if titles.contains(lower) || titles.contains(text(scalars, words[index - 1]).lowercased()) {
      return false
    }
    return !functionWords.contains(lower) && !calendar.contains(lower)
  }

  private static func continuesName(_ scalars: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
    guard isCapitalised(scalars, word), !isPronounI(scalars, word) else { return false }
    let lower = text(scalars, word).lowercased()
    return !titles.contains(lower) && !calendar.contains(lower)
  }

  /// A run as a phrase, or nil when its form says it is no resource.
  private static func kept(_ run: [String]) -> String? {
    let lower = run.map { $0.lowercased() }
    if lower.contains(where: places.contains) { return nil }
    if lower.allSatisfy({ $0.split(separator: "-").allSatisfy { numbers.contains(String($0)) } }) {
      return nil
    }
    if run.count == 1 {
      let word = run[0]
      if word.count < 3 || languages.contains(lower[0]) { return nil }
      if word.allSatisfy({ !$0.isLetter || $0.isUppercase }) { return nil }  // an acronym alone
    }
    return run.joined(separator: " ")
  }

  static let connectors: Set<String> = ["of", "for", "and", "the", "in", "on", "to", "&"]
  static let titles: Set<String> = [
    "dr", "mr", "mrs", "ms", "prof", "miss", "mister", "sr", "fr", "coach", "principal",
    "superintendent",
  ]
  static let calendar: Set<String> = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
  ]
  static let places: Set<String> = [
    "school", "schools", "district", "districts", "elementary", "middle", "high", "academy",
    "county", "city", "town",
    "university", "college", "street", "avenue", "road", "state", "usd", "isd", "cusd", "sd",
  ]
  static let numbers: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "thousand",
  ]
  static let languages: Set<String> = [
    "english", "spanish", "french", "german", "chinese", "mandarin", "cantonese", "arabic",
    "vietnamese", "korean",
    "japanese", "portuguese", "russian", "hmong", "somali", "haitian", "creole", "tagalog",
    "american", "african", "asian",
    "latino", "latina", "latinx", "hispanic", "native", "indigenous", "european", "mexican",
  ]
  /// Words that are capitalised inside a sentence only by accident or after a quote mark.
  static let functionWords: Set<String> = [
    "okay", "ok", "yeah", "yes", "no", "so", "and", "but", "the", "a", "an", "it", "that", "this",
    "we", "my", "our",
    "they", "you", "he", "she", "well", "oh", "um", "uh", "honestly", "really", "just", "then",
    "there", "if", "when",
    "what", "because", "like", "also", "not", "maybe", "actually", "right", "sure", "now", "which",
    "one", "some", "as",
    "at", "in", "on", "for", "or", "with", "all", "any", "do", "did", "let", "how", "who", "why",
    "where", "every",
  ]
}
