import Foundation
import QDAIngest
import QDAModel
import QDASynthetic
import Testing

/// The generated study (`qda generate`) read back by the readers users feed real files to: the
/// benchmarks measure nothing if the generator writes what the readers misread.
@Suite struct SyntheticCorpusTests {
  @Test func theGeneratedSurveyReadsBackWithEveryRespondentAndItemAsWritten() throws {
    let corpus = SyntheticCorpus(seed: 7)
    let text = SyntheticCorpus.surveyHeader + corpus.surveyRows(0..<300)
    let survey = try SurveyReader.read(bytes: Array(text.utf8), file: "survey.csv")
    #expect(survey.dialect == .qualtrics)
    #expect(survey.respondents.count == 300)
    // Ids are the ResponseId column as written: R_ then the zero-padded row number.
    #expect(survey.respondents.enumerated().allSatisfy { index, respondent in
      respondent.id.hasPrefix("R_" + String(format: "%05d", index))
    })
    let types = Dictionary(uniqueKeysWithValues: survey.items.map { ($0.id, $0.type) })
    #expect(types["QID1"] == .singleChoice)
    #expect(["QID2_1", "QID2_2", "QID2_3", "QID2_4"].allSatisfy { types[$0] == .likert })
    #expect(types["QID3"] == .multiSelect)
    #expect(types["QID4_TEXT"] == .numeric)
    #expect(types["QID5_TEXT"] == .openText)
    // About a third of respondents leave a comment (the generator's rate), each read whole: a
    // sentence to its full stop, the commas inside the quoted cell kept.
    let comments = survey.respondents.compactMap { $0.answers["QID5_TEXT"]?.value }
    #expect((60...140).contains(comments.count))
    #expect(comments.allSatisfy { $0.hasSuffix(".") })
    #expect(comments.contains { $0.contains(",") })
  }

  @Test func generatedInterviewsReadAsTurnsOfAnInterviewerAndAParticipant() throws {
    let corpus = SyntheticCorpus(seed: 7)
    for index in 0..<8 {
      let file = corpus.interview(index)
      let imported = try DocumentImporter.importTranscript(bytes: file.bytes, sourcePath: file.name, key: file.name)
      let roles = Set(imported.passages.map(\.role))
      #expect(roles == [.interviewer, .participant], "\(file.name): \(roles)")
      #expect(imported.passages.count > 20)
    }
  }
}
