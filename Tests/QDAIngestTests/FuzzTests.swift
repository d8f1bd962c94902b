import Foundation
import QDAIngest
import QDAModel
import Testing
import _QDATestSupport

/// Fuzzing the readers with seeded random inputs: every input either reads or fails with an
/// `IngestError` naming the file; what reads is consistent (spans inside the text, in order;
/// answers only for known items; CSV that round-trips). Run longer with
/// `QDAKIT_FUZZ_ITERATIONS=200000 swift test -c release --filter FuzzTests`.
@Suite struct FuzzTests {
  static func check(_ seed: UInt64, _ body: () throws -> Void) {
    do {
      try body()
    } catch is IngestError {
      // A clear error is a fine answer to garbage.
    } catch {
      Issue.record("seed \(seed): unexpected \(type(of: error)): \(error)")
    }
  }

  static func consistent(_ transcript: Transcript, seed: UInt64) {
    let length = transcript.text.unicodeScalars.count
    var previous = 0
    for segment in transcript.segments {
      #expect(segment.span.start >= previous && segment.span.end <= length && segment.span.start <= segment.span.end, "seed \(seed)")
      previous = segment.span.end
    }
  }

  @Test func transcriptReadersReadOrRefuseEveryInput() {
    for seed in FuzzInput.firstSeed..<(FuzzInput.firstSeed + UInt64(FuzzInput.iterations)) {
      var input = FuzzInput(seed: seed)
      let bytes = input.bytes()
      for name in ["f.txt", "f.vtt", "f.srt", "f.otr", "f.docx"] {
        Self.check(seed) {
          let imported = try DocumentImporter.importTranscript(bytes: bytes, sourcePath: name, key: name)
          let scalars = Array(imported.document.text.unicodeScalars)
          for passage in imported.passages {
            #expect(passage.span.end <= scalars.count, "seed \(seed) \(name)")
          }
        }
      }
      let text = input.text()
      Self.check(seed) { Self.consistent(try WebVTTTranscript.parse("WEBVTT\n\n" + text, file: "f.vtt"), seed: seed) }
      Self.check(seed) { Self.consistent(try SubRipTranscript.parse(text, file: "f.srt"), seed: seed) }
      Self.check(seed) { Self.consistent(try PlainTextTranscript.parse(text, file: "f.txt"), seed: seed) }
    }
  }

  @Test func surveyReaderReadsOrRefusesEveryInput() {
    for seed in FuzzInput.firstSeed..<(FuzzInput.firstSeed + UInt64(FuzzInput.iterations)) {
      var input = FuzzInput(seed: seed)
      let bytes = input.bytes(length: 80)
      Self.check(seed) {
        let survey = try SurveyReader.read(bytes: bytes, file: "s.csv")
        let ids = Set(survey.items.map(\.id))
        for respondent in survey.respondents {
          #expect(Set(respondent.answers.keys).isSubset(of: ids), "seed \(seed)")
        }
      }
    }
  }

  @Test func csvRoundTripsWhatItWrites() throws {
    for seed in FuzzInput.firstSeed..<(FuzzInput.firstSeed + UInt64(FuzzInput.iterations)) {
      var input = FuzzInput(seed: seed)
      let columns = Int.random(in: 1...6, using: &input)
      let rows = (0..<Int.random(in: 1...5, using: &input)).map { _ in
        (0..<columns).map { _ in input.text(length: 4).replacingOccurrences(of: "\r", with: "") }
      }
      let text = rows.map { row in
        row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
      }.joined(separator: "\n")
      let parsed = try CSVReader.parse(text, delimiter: ",", file: "r.csv")
      #expect(parsed.records.map { $0.fields.map(\.value) } == rows, "seed \(seed)")
    }
  }
}
