import Foundation
import QDAIngest
public import QDAModel
import QDAStore

/// A survey file read before the project is touched.
struct ReadSurvey {
  var file: InputFile
  var survey: Survey
  var contentHash: String
}

extension Pipeline {
  /// Reads survey exports (with a REDCap dictionary when given); a file that cannot be read is
  /// skipped with its reason, like a transcript.
  func readSurveys(_ files: [InputFile], dictionary: String?, summary: inout RunSummary) throws
    -> [ReadSurvey]
  {
    let dictionaryBytes = try dictionary.map { try InputReader.bytes(atPath: $0) }
    var surveys: [ReadSurvey] = []
    for file in files {
      do {
        let bytes = try InputReader.bytes(atPath: file.path)
        let survey = try SurveyReader.read(
          bytes: bytes, file: file.path, dictionary: dictionaryBytes, dictionaryFile: dictionary)
        surveys.append(ReadSurvey(file: file, survey: survey, contentHash: SHA256.hex(of: bytes)))
      } catch {
        summary.skipped.append(String(describing: error))
      }
    }
    return surveys
  }

  /// Stores surveys: the survey itself, its counted respondents as participants with the
  /// attributes `survey`, `finished` and any closed item named like an existing attribute
  /// (`school_level`), and one document per respondent holding their open answers, one passage
  /// each (speaker: the respondent; question: the item), for the codebook to code.
  ///
  /// - Returns: the ids of documents added or replaced, to code.
  func storeSurveys(_ surveys: [ReadSurvey], in project: Project, summary: inout RunSummary) throws
    -> [Int64]
  {
    var changed: [Int64] = []
    for read in surveys {
      let survey = read.survey
      summary.warnings += survey.warnings
      let isNew = try project.saveSurvey(survey, key: read.file.key, contentHash: read.contentHash)
      guard isNew else {
        summary.unchanged.append(read.file.key)
        continue
      }
      summary.added.append(read.file.key)
      let respondents = survey.counted()
      try applyAttributes(of: survey, respondents: respondents, key: read.file.key, in: project)
      let questions = Self.openQuestions(survey)
      var open = 0
      // A thousand respondents at a time: their answer documents are made, those the project
      // does not have are added together, and one it has (a changed export) is saved as a
      // transcript would be, keeping its manual codings.
      for start in stride(from: 0, to: respondents.count, by: 1_000) {
        environment.progress("storing survey answers \(start + 1)/\(respondents.count)")
        let documents = respondents[start..<min(respondents.count, start + 1_000)].compactMap {
          respondent in
          Self.answerDocument(
            survey, respondent: respondent, questions: questions, key: read.file.key,
            hash: read.contentHash)
        }
        open += documents.count
        let stored = try project.storedDocumentKeys(documents.map(\.document.key))
        changed += try project.addDocuments(
          documents.filter { !stored.contains($0.document.key) }.map {
            ($0.document, $0.passages, [])
          })
        for document in documents where stored.contains(document.document.key) {
          switch try project.saveDocument(
            document.document, passages: document.passages, speakers: [String]())
          {
          case .added(let id), .replaced(let id, _, _): changed.append(id)
          case .unchanged: break
          }
        }
      }
      summary.notes.append(
        "\(read.file.key): \(survey.dialect.name), \(survey.respondents.count) rows, \(respondents.count) respondents counted, \(open) with open answers"
      )
    }
    return changed
  }

  /// Respondents' attributes: `survey`, `finished`, and closed items named like an attribute the
  /// project already has (so code × attribute tables cover interviews and surveys alike).
  ///
  /// - Parameter respondents: the survey's counted respondents (`survey.counted()`).
  func applyAttributes(
    of survey: Survey, respondents: [SurveyRespondent], key: String, in project: Project
  ) throws {
    let existing = Dictionary(
      try project.attributes().map { ($0.name.lowercased(), $0) },
      uniquingKeysWith: { first, _ in first })
    let surveyAttribute = AttributeDefinition(name: "survey", type: .category)
    let finishedAttribute = AttributeDefinition(name: "finished", type: .yesNo)
    var shared: [(item: SurveyItem, attribute: AttributeDefinition)] = []
    for item in survey.items where [.singleChoice, .likert, .numeric].contains(item.type) {
      let names = [item.id] + item.headers + [item.text]
      if let attribute = names.lazy.compactMap({
        existing[$0.lowercased().replacingOccurrences(of: " ", with: "_")]
      }).first {
        shared.append((item, attribute))
      }
    }
    var values: [(participant: String, attribute: AttributeDefinition, value: AttributeValue)] = []
    let surveyValue = AttributeValue.category(DocumentImporter.fileStem(key))
    for respondent in respondents {
      values.append((respondent.id, surveyAttribute, surveyValue))
      if let finished = respondent.finished {
        values.append((respondent.id, finishedAttribute, .yesNo(finished)))
      }
      for (item, attribute) in shared {
        guard let answer = respondent.answers[item.id]?.value,
          let value = AttributeReader.parse(
            attribute.type == .category ? answer.lowercased() : answer, as: attribute.type)
        else { continue }
        values.append((respondent.id, attribute, value))
      }
    }
    try project.setAttributes(values)
  }

  /// The open items with the line their answers are headed by in a respondent's document, and
  /// its length in scalars.
  static func openQuestions(_ survey: Survey) -> [(
    item: SurveyItem, line: String.UnicodeScalarView, length: Int
  )] {
    survey.items.filter { $0.type == .openText }.map { item in
      let line = (item.fullText.replacingOccurrences(of: "\n", with: " ") + "\n").unicodeScalars
      return (item, line, line.count)
    }
  }

  /// A respondent's open answers as a document: `Question?\nAnswer\n\n` per answer, each answer
  /// a passage. Nil when the respondent left every open item blank.
  static func answerDocument(
    _ survey: Survey, respondent: SurveyRespondent,
    questions: [(item: SurveyItem, line: String.UnicodeScalarView, length: Int)],
    key: String, hash: String
  ) -> (document: Document, passages: [Passage])? {
    var text = String.UnicodeScalarView()
    var offset = 0
    var passages: [Passage] = []
    for (item, question, length) in questions {
      guard let answer = respondent.answers[item.id]?.value, !answer.isEmpty else { continue }
      text.append(contentsOf: question)
      offset += length
      let start = offset
      text.append(contentsOf: answer.unicodeScalars)
      offset += answer.unicodeScalars.count
      passages.append(
        Passage(
          ordinal: passages.count, turn: passages.count, speaker: respondent.id, role: .participant,
          span: TextSpan(start: start, end: offset), text: answer, questionID: item.id))
      text.append(contentsOf: "\n\n".unicodeScalars)
      offset += 2
    }
    guard !passages.isEmpty else { return nil }
    let document = Document(
      key: "\(key)#\(respondent.id)", sourcePath: survey.source, participantID: respondent.id,
      format: .survey,
      encoding: "utf-8", contentHash: hash + ":" + respondent.id, text: String(text),
      metadata: [
        "survey": key, "row": String(respondent.line), "dialect": survey.dialect.rawValue,
      ], warnings: [])
    return (document, passages)
  }
}
