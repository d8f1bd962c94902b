import Foundation
import QDAModel

/// A REDCap data dictionary: each field's label, type and choices, to type and label a raw
/// export (whose cells hold codes).
enum REDCapDictionary {
  struct Field: Hashable {
    var name: String
    var label: String
    var fieldType: String
    var validation: String
    var choices: [SurveyChoice]
    /// `Identifier?` is `y`: the field names or locates a person.
    var isIdentifier = false

    /// The survey item type a REDCap field type gives.
    var itemType: SurveyItemType {
      switch fieldType {
      case "radio", "dropdown", "yesno", "truefalse":
        LikertScales.match(Set(choices.map(\.label))) != nil ? .likert : .singleChoice
      case "checkbox": .multiSelect
      case "calc", "slider": .numeric
      case "notes": .openText
      case "text":
        ["integer", "number", "number_1dp", "number_2dp"].contains(validation)
          ? .numeric
          : validation.isEmpty ? .openText : .metadata
      default: .metadata  // descriptive, file, sql, dates and contact details
      }
    }
  }

  /// Reads the dictionary CSV (18 columns; used: the name, type, label, choices, validation and
  /// `Identifier?`).
  ///
  /// - Throws: `IngestError` when the file is not a REDCap dictionary.
  static func read(_ bytes: [UInt8], file: String) throws -> [String: Field] {
    let text = try TextDecoder.decode(bytes, file: file).text
    let records = try CSVReader.parse(text, file: file).records.filter { !$0.isBlank }
    guard let header = records.first,
      header.fields.first?.value.lowercased().hasPrefix("variable / field name") == true,
      header.fields.count >= 6
    else {
      throw IngestError(
        InputLocation(file: file, line: 1), .csv,
        "not a REDCap data dictionary: the first column must be 'Variable / Field Name'")
    }
    var fields: [String: Field] = [:]
    for record in records.dropFirst() {
      guard let name = record[0]?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
        continue
      }
      let type = record[3]?.lowercased() ?? ""
      var choices: [SurveyChoice] = []
      switch type {
      case "yesno":
        choices = [SurveyChoice(code: "1", label: "Yes"), SurveyChoice(code: "0", label: "No")]
      case "truefalse":
        choices = [SurveyChoice(code: "1", label: "True"), SurveyChoice(code: "0", label: "False")]
      case "radio", "dropdown", "checkbox":
        choices = try parseChoices(record[5] ?? "", file: file, line: record.line)
      default: break
      }
      fields[name] = Field(
        name: name, label: stripHTML(record[4] ?? name), fieldType: type,
        validation: (record[7] ?? "").lowercased(), choices: choices,
        isIdentifier: record[10]?.trimmingCharacters(in: .whitespaces).lowercased() == "y")
    }
    return fields
  }

  /// `1, Yes | 0, No` or `1, one|2, two`: split on `|`, then on the first comma only (labels
  /// hold commas).
  static func parseChoices(_ text: String, file: String, line: Int) throws -> [SurveyChoice] {
    try text.split(separator: "|").map { part in
      guard let comma = part.firstIndex(of: ",") else {
        throw IngestError(
          InputLocation(file: file, line: line, column: 6), .csv,
          "the choice '\(part.trimmingCharacters(in: .whitespaces))' has no 'code, label' comma")
      }
      return SurveyChoice(
        code: part[..<comma].trimmingCharacters(in: .whitespaces),
        label: part[part.index(after: comma)...].trimmingCharacters(in: .whitespaces))
    }
  }

  static func stripHTML(_ text: String) -> String {
    var output = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        output.append(character)
      }
    }
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
