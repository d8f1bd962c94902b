import Foundation
import QDAModel

extension SurveyItemBuilder {
  /// Marks the respondents who stopped early in an export that has no completion flag
  /// (SurveyMonkey), so that they are counted only on request, as Qualtrics' unfinished ones are.
  ///
  /// A respondent stopped early when every item after their last answer is blank and those
  /// blank items include a closed question (choice, rating, number; not an "other" box) that at
  /// least half of all respondents answered; a respondent who answered nothing stopped at once.
  /// Blank open questions at the end are not enough (people skip comment boxes), nor are closed
  /// ones most people left blank (a question shown only to some).
  ///
  /// - Returns: a warning saying how many, when any.
  static func markStoppedEarly(
    _ respondents: inout [SurveyRespondent], items: [SurveyItem], file: String
  ) -> [String] {
    let answerItems = items.filter { $0.type != .metadata }
    guard !answerItems.isEmpty, !respondents.isEmpty else { return [] }
    var answeredBy = [Int](repeating: 0, count: answerItems.count)
    for respondent in respondents {
      for (index, item) in answerItems.enumerated() where respondent.answers[item.id] != nil {
        answeredBy[index] += 1
      }
    }
    let closed: Set<SurveyItemType> = [.singleChoice, .likert, .multiSelect, .numeric]
    let expected = answerItems.indices.map { index in
      closed.contains(answerItems[index].type) && answerItems[index].parentID == nil
        && answeredBy[index] * 2 >= respondents.count
    }
    var stopped = 0
    var blank = 0
    for index in respondents.indices
    where respondents[index].exclusion == nil && respondents[index].finished == nil {
      let answers = respondents[index].answers
      let last = answerItems.lastIndex { answers[$0.id] != nil }
      let tail = (last.map { $0 + 1 } ?? 0)..<answerItems.count
      guard last == nil || tail.contains(where: { expected[$0] }) else { continue }
      respondents[index].finished = false
      stopped += 1
      if last == nil { blank += 1 }
    }
    guard stopped > 0 else { return [] }
    let nothing = blank > 0 ? ", \(blank) of them with no answer at all" : ""
    return [
      "\(file): \(stopped) of \(respondents.count) respondents stopped early (every item after their last answer blank, among them a question at least half answered\(nothing)); the export has no completion flag, so they are counted as unfinished: left out unless unfinished responses are included"
    ]
  }

  /// Gives a respondent whose id an earlier row already has (ids compared without case, as
  /// participants are) the id `<id> (line <n>)`, so that each row stays a respondent of its own.
  ///
  /// - Returns: a warning per repeated id.
  static func distinguishRepeatedIDs(_ respondents: inout [SurveyRespondent], file: String)
    -> [String]
  {
    var firstLine: [String: Int] = [:]
    var notes: [String] = []
    // A new id is never one the file already has (a spreadsheet may even number two rows alike).
    var taken = Set(respondents.map { $0.id.lowercased() })
    for index in respondents.indices {
      let id = respondents[index].id
      let line = respondents[index].line
      guard let earlier = firstLine[id.lowercased()] else {
        firstLine[id.lowercased()] = line
        continue
      }
      var renamed = "\(id) (line \(line))"
      var number = 2
      while taken.contains(renamed.lowercased()) {
        renamed = "\(id) (line \(line), \(number))"
        number += 1
      }
      taken.insert(renamed.lowercased())
      respondents[index].id = renamed
      notes.append(
        "\(file):\(line): the respondent id '\(id)' is also on line \(earlier); read as '\(renamed)'"
      )
    }
    return notes
  }
}
