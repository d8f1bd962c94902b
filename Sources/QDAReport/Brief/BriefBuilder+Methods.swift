import Foundation
public import QDAAgreement
import QDAModel
import QDAText
import QDAAnalysis

/// What the methods appendix needs beyond the corpus: where the codebook came from and how far
/// the coders agreed.
public struct MethodsContext: Sendable {
  /// The codebook file as given, and the SHA-256 of its bytes.
  public var codebookFile: String?
  public var codebookHash: String?
  /// Agreement between every coder of the project (the rules included), when there are two.
  public var agreement: ReliabilityReport?
  public var toolVersion: String
  /// Survey exports in the project, with their respondents counted.
  public var surveys: [(file: String, tool: String, respondents: Int)]

  public init(
    codebookFile: String? = nil, codebookHash: String? = nil, agreement: ReliabilityReport? = nil,
    toolVersion: String,
    surveys: [(file: String, tool: String, respondents: Int)] = []
  ) {
    self.codebookFile = codebookFile
    self.codebookHash = codebookHash
    self.agreement = agreement
    self.toolVersion = toolVersion
    self.surveys = surveys
  }
}

extension BriefBuilder {
  // MARK: - Analytical approach

  /// The CHAT elements, defined from the codebook, as the seed brief's "Analytical Approach".
  mutating func approachSection() {
    heading(1, "Analytical approach", anchor: "approach")
    paragraph([
      .text(
        "The interviews were analyzed with cultural-historical activity theory (CHAT), in which the actions of an individual are seen as embedded in an activity system: "
          + "the subject, the object of the activity and the community engaged in it, mediated by tools and signs, rules and a division of labor (Engeström 1987; Beatty & Feldman 2012). "
          + "Each passage of the \(noun.plural)' answers was coded to the elements below and their codes, by the codebook's rules"
          + (corpus.codings.countsByCoder.keys.contains { !Coding.isMachine($0) }
            ? " and by hand" : "")
          + "; the tensions between elements are reported as contradictions.")
    ])
    var items: [[Inline]] = []
    for element in Element.allCases {
      guard let code = corpus.codebook.elementCode(element), !code.definition.isEmpty else {
        continue
      }
      let subCodes = corpus.codebook.children(of: code.id).map(\.name)
      var inlines: [Inline] = [
        .strong(element.name + "."), .text(" " + firstSentence(code.definition)),
      ]
      if !subCodes.isEmpty {
        inlines.append(.text(" Codes: " + subCodes.joined(separator: ", ") + "."))
      }
      items.append(inlines)
    }
    if !items.isEmpty { blocks.append(.bullets(items)) }
  }

  // MARK: - Considerations

  /// What the participants recommended, gathered from the whole interview and grouped by what
  /// they propose (`RecommendationTable`): each group with its label, the participants behind it
  /// (linked to their sentences) and the sentence that states it best; then the suggestions no
  /// other participant made in the same vein.
  mutating func considerationsSection() {
    let table = analysis.recommendations
    guard !table.suggestions.isEmpty else { return }
    heading(1, "Considerations", anchor: "considerations")
    let spans = suggestionSpans
    let everyone = table.participants
    let all = Array(table.suggestions.indices)
    let phrase = CountWording.phrase(
      everyone.count, of: interviewed.count, total: interviewed.count, noun: noun)
    var inlines: [Inline] = [
      .text(
        "Asked what they would recommend to the people who design and run \(study.programme), and in passing elsewhere in the interviews, "
      )
    ]
    inlines.append(
      count(
        phrase, title: "Recommendations — \(phrase)", passages: table.passageIDs(all),
        spans: spans(all)))
    inlines.append(.text(" proposed changes"))
    if table.groups.isEmpty {
      inlines.append(.text("; no two proposed the same kind of change."))
    } else {
      let how =
        table.grouping == .meaning ? "by what they propose (by meaning)" : "by the words they share"
      inlines.append(.text(". Grouped \(how), the recommendations most made were:"))
    }
    paragraph(inlines)
    var items: [[Inline]] = []
    for group in table.groups {
      let who = CountWording.phrase(
        group.participants.count, of: interviewed.count, total: interviewed.count, noun: noun)
      let quote = table.suggestions[group.quote]
      let label = group.label.prefix(1).uppercased() + group.label.dropFirst()
      items.append([
        .strong(label), .text(" ("),
        count(
          who, title: "\(label) — \(who)", passages: table.passageIDs(group.members),
          spans: spans(group.members)),
        .text("): “\(masked(quote.text))” (\(quote.participant))"),
      ])
    }
    if !items.isEmpty { blocks.append(.bullets(items)) }
    guard !table.others.isEmpty else { return }
    let who = Set(table.others.map { table.suggestions[$0].participant }).count
    let counted = CountWording.phrase(
      who, of: interviewed.count, total: interviewed.count, noun: noun)
    paragraph([
      .text(
        table.groups.isEmpty
          ? "What they proposed ("
          : "Other suggestions, each in a vein no other \(noun.singular) took ("),
      count(
        counted, title: "Other suggestions — \(counted)", passages: table.passageIDs(table.others),
        spans: spans(table.others)),
      .text("):"),
    ])
    blocks.append(
      .bullets(
        table.others.prefix(Self.otherSuggestionsListed).map { index in
          let suggestion = table.suggestions[index]
          return [.text("“\(masked(suggestion.text))” (\(suggestion.participant))")]
        }))
    if table.others.count > Self.otherSuggestionsListed {
      paragraph([
        .text(
          "The other \(table.others.count - Self.otherSuggestionsListed) are in the recommendations table."
        )
      ])
    }
  }

  /// Some recommendations' sentences (indices into the table's suggestions), by passage, as
  /// document spans: what their counts link to.
  func suggestionSpans(_ members: [Int]) -> [Int64: [TextSpan]] {
    let table = analysis.recommendations
    var result: [Int64: [TextSpan]] = [:]
    for index in members {
      let suggestion = table.suggestions[index]
      guard let passage = corpus.passage(suggestion.passageID) else { continue }
      result[suggestion.passageID, default: []].append(
        TextSpan(
          start: passage.span.start + suggestion.start, end: passage.span.start + suggestion.end))
    }
    return result
  }

  /// How many one-off suggestions the brief quotes (the rest are in the table).
  static let otherSuggestionsListed = 8

  /// The first sentences of a text up to about `words` words, with an ellipsis where cut.
  func leadingSentences(_ text: String, words: Int) -> String {
    let scalars = Array(scalarsOf: text)
    let sentences = SentenceSplitter.sentences(in: scalars, range: 0..<scalars.count)
    var end = sentences.first?.upperBound ?? scalars.count
    for sentence in sentences.dropFirst() {
      let count = scalars[0..<sentence.upperBound].split(whereSeparator: { $0 == " " || $0 == "\n" }
      ).count
      guard count <= words else { break }
      end = sentence.upperBound
    }
    var result = String(scalars: scalars[0..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
    if end < scalars.count { result += " …" }
    return result
  }

  // MARK: - Methods appendix

  /// How the brief was made: data, codebook, coders and agreement, and how each kind of number
  /// was computed.
  mutating func methodsSection() {
    heading(1, "Methods", anchor: "methods")
    let documents = corpus.documents
    let formats = Dictionary(grouping: documents, by: \.format).map {
      "\($0.value.count) \(Self.formatName($0.key))"
    }.sorted()
    let participantPassages = corpus.passages.count(role: { $0 == .participant })
    var data =
      "Data: \(documents.count) transcript\(documents.count == 1 ? "" : "s") (\(formats.joined(separator: ", "))) of interviews with \(interviewed.count) \(noun.form(interviewed.count))"
    if let period = study.period { data += ", \(period)" }
    data +=
      "; \(corpus.passages.count) passages, \(participantPassages) of them the \(noun.plural)' own."
    for survey in methods?.surveys ?? [] {
      data +=
        " The survey \(survey.file) (\(survey.tool)) adds \(survey.respondents) counted respondents."
    }
    paragraph([.text(data)])

    let codebook = corpus.codebook
    var coding = "Codebook: \(codebook.name) v\(codebook.version)"
    if let file = methods?.codebookFile {
      coding +=
        " (\(file)" + (methods?.codebookHash.map { ", SHA-256 \($0.prefix(12))…" } ?? "") + ")"
    }
    let elements = codebook.codes.filter { $0.parentID == nil }.count
    coding +=
      ": \(codebook.codes.count) codes under \(elements) CHAT elements, \(codebook.codes.reduce(0) { $0 + $1.rules.count }) coding rules."
    let byCoder = corpus.codings.countsByCoder
    let coders = byCoder.keys.sorted {
      (Coding.isMachine($0) ? 0 : 1, $0) < (Coding.isMachine($1) ? 0 : 1, $1)
    }
    coding +=
      " Codings: "
      + coders.map { "\(byCoder[$0] ?? 0) by \(Self.coderName($0))" }.joined(separator: ", ") + "."
    paragraph([.text(coding)])

    if let agreement = methods?.agreement {
      let overall = agreement.overall.figures
      var text =
        "Agreement between \(agreement.coders.map(Self.coderName).joined(separator: " and ")) "
      text += "over \(agreement.passages) passages (every code, passage by passage): "
      text +=
        "percent agreement \(Self.percent(overall.percentAgreement.value)), Krippendorff's α \(Self.decimal(overall.krippendorffAlpha.value))"
      if let kappa = overall.cohensKappa?.value { text += ", Cohen's κ \(Self.decimal(kappa))" }
      text +=
        ". By element, α: "
        + agreement.elements.map {
          "\($0.name) \(Self.decimal($0.figures.krippendorffAlpha.value))"
        }.joined(separator: ", ") + "."
      paragraph([.text(text)])
    } else {
      paragraph([
        .text(
          "Agreement: one coder only, so no inter-rater agreement is reported; `qda code import` brings in a second coder's work and `qda agreement` measures it."
        )
      ])
    }
    blocks.append(
      .bullets([
        [
          .strong("Counting participants."),
          .text(
            " A participant counts toward a code when at least one passage they spoke (not the interviewer's) carries a coding of that code or one of its sub-codes, by any coder; each participant counts once per code."
          ),
        ],
        [
          .strong("Denominators."),
          .text(
            " All \(interviewed.count) interviewed \(noun.plural), unless a sentence names a smaller group (those who answered a question). Participants listed without a transcript are not counted."
          ),
        ],
        [
          .strong("Counts in words."),
          .text(
            " Numbers under ten in words, 10 and over in digits; a sentence never starts with digits; \"most\" means more than half."
          ),
        ],
        [
          .strong("Time estimates."),
          .text(
            " Read from the answer to the question about hours, wherever the interviewer asks it (then from answers linked to the protocol's hours question, then from a total said elsewhere): digits and number words, ranges at their midpoint, rates multiplied by their duration (two hours a week for ten weeks is 20), blocks stated apart added; only time spent on the program counts (not a class period, a commute or a meeting), and a refusal or a vague amount gives no estimate. The mean is over those who gave one; each estimate keeps its words and the rule that gave it."
          ),
        ],
        [
          .strong("Judgments, advice, incentives and themes."),
          .text(
            " Read by cue phrases, aware of negation (\"it wasn't too much\" is not a complaint), from the answers to the questions that ask for them and, framed as such, from what is said elsewhere in the interview. For a mixed answer about incentives, the stance on the incentive asked about; when different incentives get different stances, they mattered. Motivation themes are read from the participants' words, not from the rules' codings."
          ),
        ],
        [
          .strong("Contradictions."),
          .text(
            " Detected from discursive cues of dilemma, conflict, critical conflict and double bind (Engeström & Sannino 2011) and from content coded to two elements that pull against each other; each is proposed until a researcher confirms or rejects it."
          ),
        ],
        [
          .strong("Quotes."),
          .text(
            " The participants' own words, 18 to 95 words, trimmed at sentence boundaries (… marks a cut), spread across participants, never the same passage twice; each links to the whole passage in the appendix. Quotes and the passages behind counts are attributed by participant id, document kind and passage number, never by a file name, which often holds a person's name."
          ),
        ],
        [.strong("Names."), .text(namesNote)],
        [
          .strong("Reproducibility."),
          .text(
            " Made by QDAKit \(methods?.toolVersion ?? ""); manifest.json lists the inputs with their SHA-256 and the command, and `qda verify` re-runs it and compares every table and count."
          ),
        ],
      ]))
    let rows: [[TableCell]] = codebook.codes.map { code in
      let depth = depth(of: code)
      return [
        TableCell(code.element?.name ?? ""),
        TableCell(String(repeating: "  ", count: depth) + code.name), TableCell(code.id),
        TableCell(firstSentence(code.definition)),
      ]
    }
    blocks.append(
      .table(
        DataTable(
          id: "codebook", title: "The codebook", columns: ["Element", "Code", "Id", "Definition"],
          rows: rows)))
  }

  /// What the brief did with people's names inside quoted words.
  var namesNote: String {
    guard names != nil else {
      return
        " Quoted words are printed as spoken, people's names included (`--keep-names`); check the brief before sharing it."
    }
    let count =
      namesReplaced == 0
      ? "no name was"
      : namesReplaced == 1 ? "one name was" : "\(CountWording.number(namesReplaced)) names were"
    return
      " People's names inside quoted words are replaced: a participant's by their id (\"[P03]\"), anyone else's by \"[name]\". "
      + "The names replaced are the speakers' names in the transcripts' labels and headers, in any case, with or without accents, "
      + "surname or first name alone, and any name after a title (Mr, Ms, Mrs, Dr); other names (a colleague called by first name only) are not recognized. "
      + "In this brief \(count) replaced; `--keep-names` keeps them, and `qda redact` de-identifies the project itself."
  }

  func depth(of code: Code) -> Int {
    var depth = 0
    var current = code
    while let parent = current.parentID.flatMap(corpus.codebook.code) {
      depth += 1
      current = parent
    }
    return depth
  }

  /// How the brief names a coder: the machines by what they are, people by name.
  static func coderName(_ coder: String) -> String {
    switch coder {
    case Coding.autoCoder: "the rules"
    case Coding.modelCoder: "the learned coder"
    default: coder
    }
  }

  static func formatName(_ format: DocumentFormat) -> String {
    switch format {
    case .plainText: "plain text"
    case .webVTT: "WebVTT"
    case .srt: "SubRip"
    case .docx: "Word"
    case .oTranscribe: "oTranscribe"
    case .survey: "survey open-answer sets"
    }
  }

  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.1f%%", $0 * 100) } ?? "undefined"
  }

  static func decimal(_ value: Double?) -> String {
    value.map { String(format: "%.3f", $0) } ?? "undefined"
  }
}
