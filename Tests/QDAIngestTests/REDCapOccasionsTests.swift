import Foundation
import QDAIngest
import QDAModel
import Testing

/// REDCap exports with events and repeated instances read as one respondent per record
/// (`REDCapOccasions`), and dictionary identifiers kept out of the answers.
@Suite struct REDCapOccasionsTests {
  static func read(_ export: String, dictionary: String? = nil) throws -> Survey {
    try SurveyReader.read(
      bytes: Array(export.utf8), file: "export.csv", dictionary: dictionary.map { Array($0.utf8) },
      dictionaryFile: dictionary == nil ? nil : "dictionary.csv")
  }

  @Test func aRepeatingEventWithoutADictionaryIsOneRespondentWithAnItemPerInstance() throws {
    // A repeating event: `redcap_repeat_instrument` blank, the instance numbered; the checkbox
    // codes stand for themselves without a dictionary.
    let export = """
      record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,visit_mood,visit_topics___1,visit_topics___2,visit_complete
      A-01,weekly_arm_1,,1,3,1,0,2
      A-01,weekly_arm_1,,2,4,1,1,2
      B-07,weekly_arm_1,,1,2,0,1,2

      """
    let survey = try Self.read(export)
    #expect(survey.respondents.map(\.id) == ["A-01", "B-07"])
    #expect(survey.items.filter { $0.type != .metadata }.map(\.id) == [
      "visit_mood [instance 1]", "visit_topics [instance 1]", "visit_mood [instance 2]", "visit_topics [instance 2]",
    ])
    #expect(survey.respondents.map { $0.answers["visit_topics [instance 1]"]?.values ?? [] } == [["1"], ["2"]])
    #expect(survey.respondents.map { $0.answers["visit_mood [instance 2]"]?.value } == ["4", nil])
    #expect(survey.warnings.contains {
      $0.hasPrefix("export.csv: a REDCap export with 1 event and repeated instances: 3 rows are 2 records")
    })
  }

  @Test func aFieldAnsweredAtOneEventOnlyKeepsItsName() throws {
    let export = """
      record_id,redcap_event_name,grade_band,confidence,survey_complete
      1,intake_arm_1,2,,2
      1,exit_arm_1,,4,2
      2,intake_arm_1,1,3,2

      """
    let survey = try Self.read(export)
    #expect(survey.items.filter { $0.type != .metadata }.map(\.id) == [
      "grade_band", "confidence [intake_arm_1]", "confidence [exit_arm_1]",
    ])
    #expect(survey.respondents.map { $0.answers["grade_band"]?.value } == ["2", "1"])
  }

  @Test func twoRowsForOneRecordAndOccasionAreAnErrorNamingTheLine() throws {
    let export = "record_id,redcap_event_name,q1\n1,base_arm_1,2\n2,base_arm_1,3\n1,base_arm_1,4\n"
    #expect {
      try Self.read(export)
    } throws: { error in
      String(describing: error) == "export.csv:4: row 4 repeats record '1' at base_arm_1 (first on line 2)"
    }
  }

  @Test func fieldsTheDictionaryMarksAsIdentifiersAreMetadataWhateverTheirType() throws {
    let dictionary = """
      "Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max",Identifier?,"Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"
      record_id,intake,,text,"Record ID",,,,,,,,,,,,,
      home_address,intake,,notes,"Home address",,,,,,y,,,,,,,
      nickname,intake,,text,"What should we call you?",,,,,,y,,,,,,,
      story,intake,,notes,"Why did you become a teacher?",,,,,,,,,,,,,

      """
    let export = "record_id,home_address,nickname,story,intake_complete\n1,\"12 Birch Lane\nMillbrook\",Jo,\"My own teacher, mostly.\",2\n"
    let survey = try Self.read(export, dictionary: dictionary)
    #expect(survey.items.filter(\.isIdentifier).map(\.id) == ["home_address", "nickname"])
    #expect(survey.items.filter { $0.type == .openText }.map(\.id) == ["story"])
  }

  @Test func anItemMarkedAsIdentifierRoundTripsAndOlderStoredItemsReadWithoutIt() throws {
    let item = SurveyItem(id: "email", headers: ["email"], text: "E-mail", type: .metadata, isIdentifier: true)
    let data = try JSONEncoder().encode(item)
    #expect(try JSONDecoder().decode(SurveyItem.self, from: data) == item)
    let older = #"{"id":"q1","headers":["q1"],"text":"Q","type":"open_text","choices":[],"scale":[]}"#
    let decoded = try JSONDecoder().decode(SurveyItem.self, from: Data(older.utf8))
    #expect(decoded.isIdentifier == false)
    // Written only when true: a stored survey without identifiers is byte for byte as before.
    let plain = SurveyItem(id: "q1", headers: ["q1"], text: "Q", type: .openText)
    #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("isIdentifier"))
  }
}
