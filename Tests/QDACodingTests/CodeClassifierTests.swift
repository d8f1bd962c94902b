import QDACoding
import QDAModel
import Testing

/// A coder who codes time estimates as `rules.time` and talk of colleagues as
/// `community.collaboration`, over four documents.
@Suite struct CodeClassifierTests {
  static let training: [ClassifiedPassage] = {
    let time = [
      "It took me about twenty hours in all.", "I spent 15 hours on it, maybe more.",
      "The hours added up, mostly on weekends.", "Probably thirty hours, start to finish.",
      "It was more time than I expected, a lot of hours.", "Roughly ten hours a module.",
    ]
    let collaboration = [
      "I worked through it with my assistant principal.", "My colleagues and I met every week about it.",
      "We shared ideas with the other principals in the cohort.", "I talked it over with my leadership team.",
      "Our team worked on the tasks together.", "I leaned on colleagues from the district network.",
    ]
    let neither = [
      "Sure, go ahead.", "I have been at this school a long while.", "The videos were short.",
      "Our building is an elementary school.", "I got the certificate in May.", "Yes, that's right.",
    ]
    var passages: [ClassifiedPassage] = []
    for index in 0..<6 {
      let document = "D\(index % 4)"
      passages.append(ClassifiedPassage(text: time[index], codes: ["rules.time"], document: document))
      passages.append(ClassifiedPassage(text: collaboration[index], codes: ["community.collaboration"], document: document))
      passages.append(ClassifiedPassage(text: neither[index], document: document))
    }
    return passages
  }()

  static let codebook = Codebook(
    name: "t", version: "1",
    codes: [
      Code(id: "rules", name: "Rules", element: .rules),
      Code(id: "rules.time", name: "Time", element: .rules, parentID: "rules"),
      Code(id: "community", name: "Community", element: .community),
      Code(id: "community.collaboration", name: "Collaboration", element: .community, parentID: "community"),
    ])

  @Test func unseenPassagesGetTheCodeTheirWordsSuggest() {
    let classifier = CodeClassifier(training: Self.training)
    #expect(classifier.codes == ["community.collaboration", "rules.time"])
    let time = classifier.scores(for: ClassifiedPassage(text: "I'd say twelve hours, give or take."))
    #expect(time.first?.code == "rules.time")
    #expect((time.first?.score ?? 0) > 0.5)
    let team = classifier.scores(for: ClassifiedPassage(text: "My team and colleagues worked together on it."))
    #expect(team.first?.code == "community.collaboration")
    #expect((team.first?.score ?? 0) > 0.5)
    let none = classifier.scores(for: ClassifiedPassage(text: "The weather was nice."))
    #expect(none.allSatisfy { $0.score < 0.5 })
  }

  @Test func trainingIsDeterministic() {
    let first = CodeClassifier(training: Self.training).scores(for: ClassifiedPassage(text: "hours with colleagues"))
    let second = CodeClassifier(training: Self.training).scores(for: ClassifiedPassage(text: "hours with colleagues"))
    #expect(first.map(\.score) == second.map(\.score))
  }

  @Test func aCodeAppliedOnceGetsNoModel() {
    var training = Self.training
    training.append(ClassifiedPassage(text: "The deadline was in March.", codes: ["rules.deadlines"], document: "D0"))
    #expect(!CodeClassifier(training: training).codes.contains("rules.deadlines"))
  }

  @Test func crossValidationCountsEachHeldOutPassageOnceAndScoresByElement() {
    let evaluation = SuggestionEvaluation(passages: Self.training, codebook: Self.codebook, folds: 4)
    #expect(evaluation.folds == 4)
    #expect(evaluation.documents == 4)
    #expect(evaluation.passages == 18)
    for score in evaluation.codes {
      // Every passage the coder coded is either found or missed, exactly once.
      #expect(score.truePositives + score.falseNegatives == 6)
    }
    #expect(evaluation.elements.map(\.label) == ["rules", "community"])
    #expect(evaluation.overall.truePositives == evaluation.codes.reduce(0) { $0 + $1.truePositives })
    #expect((evaluation.overall.recall ?? 0) >= 0.5)
    #expect((evaluation.overall.precision ?? 0) >= 0.8)
  }

  @Test func precisionAndRecallAreUndefinedWithoutTheirDenominators() {
    var score = SuggestionScore(label: "x")
    #expect(score.precision == nil)
    #expect(score.recall == nil)
    score.truePositives = 3
    score.falsePositives = 1
    score.falseNegatives = 2
    #expect(score.precision == 0.75)
    #expect(score.recall == 0.6)
    #expect(abs((score.f1 ?? 0) - 2 * 0.75 * 0.6 / 1.35) < 1e-12)
  }
}
