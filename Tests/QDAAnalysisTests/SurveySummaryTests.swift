import QDAAnalysis
import QDAModel
import Testing

/// Survey figures on a survey built here respondent by respondent, so every percent can be
/// checked by hand: Likert boxes and scale mean, multi-select shares of respondents, numeric
/// statistics, and who stands behind each count.
@Suite struct SurveySummaryTests {
  static let motivation = ["Not at all motivating", "Slightly motivating", "Somewhat motivating", "Very motivating", "Definitely motivating"]

  static func survey() -> Survey {
    let items = [
      SurveyItem(id: "QID1", headers: ["Q1"], text: "How motivating was the badge?", type: .likert, scale: motivation),
      SurveyItem(
        id: "QID2", headers: ["Q2_1", "Q2_2", "Q2_3"], text: "Which supports helped?", type: .multiSelect,
        choices: [
          SurveyChoice(code: "1", label: "Collaborative planning time"), SurveyChoice(code: "2", label: "Coaching"),
          SurveyChoice(code: "3", label: "Stipends"),
        ]),
      SurveyItem(id: "QID3", headers: ["Q3"], text: "Hours of PD this year", type: .numeric),
      SurveyItem(id: "status", headers: ["Status"], text: "Status", type: .metadata),
    ]
    func answer(_ values: String...) -> SurveyAnswer { SurveyAnswer(values: values, raw: values) }
    let respondents = [
      SurveyRespondent(id: "R1", line: 4, finished: true, answers: [
        "QID1": answer("Definitely motivating"), "QID2": answer("Collaborative planning time", "Coaching"), "QID3": answer("12"),
      ]),
      SurveyRespondent(id: "R2", line: 5, finished: true, answers: [
        "QID1": answer("Very motivating"), "QID2": answer("Collaborative planning time"), "QID3": answer("4"),
      ]),
      SurveyRespondent(id: "R3", line: 6, finished: true, answers: [
        "QID1": answer("Somewhat motivating"), "QID2": answer("Stipends"), "QID3": answer("30"),
      ]),
      SurveyRespondent(id: "R4", line: 7, finished: true, answers: [
        "QID1": answer("Definitely motivating"), "QID2": answer("Collaborative planning time", "Stipends"),
      ]),
      SurveyRespondent(id: "R5", line: 8, finished: true, answers: ["QID1": answer("N/A")]),
      SurveyRespondent(id: "R6", line: 9, finished: false, answers: ["QID1": answer("Not at all motivating"), "QID3": answer("1")]),
      SurveyRespondent(id: "R7", line: 10, finished: true, exclusion: "preview", answers: ["QID1": answer("Not at all motivating")]),
    ]
    return Survey(source: "exports/teachers.csv", dialect: .qualtrics, items: items, respondents: respondents)
  }

  @Test func likertBoxesAndScaleMeanCountOnlyAnswersOnTheScale() throws {
    let summary = SurveySummary(Self.survey())
    #expect((summary.rows, summary.excluded, summary.unfinished, summary.counted) == (7, 1, 1, 5))
    let likert = try #require(summary.items.first { $0.item.id == "QID1" })
    #expect(likert.answered == 5)
    #expect(likert.answeredBy == ["R1", "R2", "R3", "R4", "R5"])
    #expect(likert.distribution.map(\.label) == ["Somewhat motivating", "Very motivating", "Definitely motivating", "N/A"])
    #expect(likert.distribution.map(\.respondents) == [["R3"], ["R2"], ["R1", "R4"], ["R5"]])
    #expect(likert.onScale == 4)
    #expect(likert.topTwo == ["R1", "R2", "R4"])
    #expect(likert.percentTopTwo == 75)
    #expect(likert.bottomTwo == [])
    #expect(likert.percentBottomTwo == 0)
    #expect(likert.scaleMean == 4.25)  // (5 + 4 + 3 + 5) / 4
  }

  @Test func unfinishedResponsesCountOnlyWhenAsked() throws {
    let summary = SurveySummary(Self.survey(), includeUnfinished: true)
    #expect(summary.counted == 6)
    let likert = try #require(summary.items.first { $0.item.id == "QID1" })
    #expect(likert.bottomTwo == ["R6"])
    #expect(likert.percentTopTwo == 60)
    #expect(likert.scaleMean == 3.6)  // (5 + 4 + 3 + 5 + 1) / 5
  }

  @Test func multiSelectSharesAreOfRespondentsWhoAnswered() throws {
    let summary = SurveySummary(Self.survey())
    let multi = try #require(summary.items.first { $0.item.id == "QID2" })
    #expect(multi.answered == 4)
    #expect(multi.distribution.map(\.label) == ["Collaborative planning time", "Coaching", "Stipends"])
    #expect(multi.distribution.map { $0.respondents.count } == [3, 1, 2])
    #expect(multi.percent("Collaborative planning time") == 75)
    #expect(multi.percent("Stipends") == 50)
    #expect(multi.scaleMean == nil)
  }

  @Test func numericItemsHaveMeanMedianAndRange() throws {
    let summary = SurveySummary(Self.survey())
    let hours = try #require(summary.items.first { $0.item.id == "QID3" })
    #expect(hours.answered == 3)
    #expect((hours.mean, hours.median, hours.minimum, hours.maximum) == (46.0 / 3, 12, 4, 30))
    #expect(!summary.items.contains { $0.item.type == .metadata })
  }

  @Test func tablesNameTheirDenominatorAndTheRespondentsBehindEveryCount() throws {
    let tables = SurveyTables.tables(SurveySummary(Self.survey()))
    #expect(tables.map(\.id) == ["survey_teachers_likert", "survey_teachers_choices", "survey_teachers_numeric"])
    let likert = tables[0]
    #expect(likert.rows[0].map(\.text) == ["How motivating was the badge?", "5", "3", "75%", "0", "0%"])
    #expect(likert.rows[0][1].respondents == ["R1", "R2", "R3", "R4", "R5"])
    #expect(likert.rows[0][2].respondents == ["R1", "R2", "R4"])
    #expect(likert.notes[0].hasPrefix("n = 5 respondents; 1 unfinished left out; 1 previews or spam left out."))
    let choices = tables[1]
    #expect(choices.rows.map { $0.map(\.text) } == [
      ["Which supports helped?", "Collaborative planning time", "3", "75%", "4"],
      ["Which supports helped?", "Coaching", "1", "25%", "4"],
      ["Which supports helped?", "Stipends", "2", "50%", "4"],
    ])
    #expect(choices.rows[2][2].respondents == ["R3", "R4"])
    #expect(choices.rows[2][4].respondents == ["R1", "R2", "R3", "R4"])
    let numeric = tables[2]
    #expect(numeric.rows[0].map(\.text) == ["Hours of PD this year", "3", "15.3", "12", "4–30"])
    #expect(numeric.rows[0][1].respondents == ["R1", "R2", "R3"])
  }
}
