import QDAModel
import Testing

/// Which yes/no attributes a brief may use as what people did ("those who completed").
@Suite struct AttributeWordingTests {
  @Test(arguments: [
    ("completed", "completed"), ("finished_badge", "finished badge"), ("took_part", "took part"),
    ("earned-credit", "earned credit"),
  ])
  func verbsInThePastTenseReadAsWhatPeopleDid(name: String, phrase: String) {
    #expect(Study().verbPhrase(forAttribute: name) == phrase)
  }

  @Test(arguments: ["pilot", "cohort_b", "speed", "red", "needs_support", "2024ed", "is_completed"])
  func othersDoNot(name: String) {
    #expect(Study().verbPhrase(forAttribute: name) == nil)
  }

  @Test func aLabelFromTheProtocolIsWhatIsRead() {
    let study = Study(attributeLabels: ["done": "completed the micro-credential", "flag": "pilot school"])
    #expect(study.verbPhrase(forAttribute: "done") == "completed the micro-credential")
    #expect(study.verbPhrase(forAttribute: "flag") == nil)
  }
}
