import QDAModel

/// A respondent's answers as one text column: a JSON object from item id to `{"v":[…]}` (the
/// values), with `"r":[…]` when the cells as exported differ from them, keys sorted — the shape
/// `JSONEncoder` wrote for `SurveyRespondent.answers` when a survey was stored whole.
///
/// Written and read by hand, not by the encoder: a survey can have a million respondents. In a
/// `perf` profile of one 100,000-respondent ingest that stored surveys whole, encoding took
/// about 8% and decoding about 13% of the run.
enum SurveyAnswersColumn {
  static func encode(_ answers: [String: SurveyAnswer]) -> String {
    var bytes: [UInt8] = []
    JSONColumn.appendObject(answers, to: &bytes) { answer, bytes in
      bytes.append(UInt8(ascii: "{"))
      if answer.raw != answer.values {
        bytes.append(contentsOf: #""r":"#.utf8)
        JSONColumn.append(answer.raw, to: &bytes)
        bytes.append(UInt8(ascii: ","))
      }
      bytes.append(contentsOf: #""v":"#.utf8)
      JSONColumn.append(answer.values, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The answers by item id; nil when the text is not such an object (an answer without `v`,
  /// or with a key other than `v` and `r`).
  static func decode(_ text: String) -> [String: SurveyAnswer]? {
    JSONReader.read(text) { reader in
      reader.object { reader in
        var values: [String]?
        var raw: [String]?
        let read = reader.fields { reader, key in
          switch key {
          case "v":
            values = reader.strings()
            return values != nil
          case "r":
            raw = reader.strings()
            return raw != nil
          default: return false
          }
        }
        guard read, let values else { return nil }
        return SurveyAnswer(values: values, raw: raw ?? values)
      }
    }
  }
}
