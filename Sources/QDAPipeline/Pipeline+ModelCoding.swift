import Foundation
import QDACoding
import QDAEncoder
import QDAModel
import QDANumerics
import QDAStore
import QDAContradictions

/// What coding with the learned coder needs: the encoder that makes the vectors and the coder
/// that reads them.
struct ModelCoding: Sendable {
  var encoder: SentenceEncoder
  var coder: ModelCoder
}

/// Contradictions found by a learned tension model (`TensionModel`) instead of by cue words.
struct TensionDetection {
  var model: LearnedModel
  var tension: TensionModel
  var encoder: SentenceEncoder
  var rules: AutoCoder
  var codebook: Codebook

  /// One interview's candidates as contradictions.
  func detect(
    _ document: Document, passages: [Passage], detector: ContradictionDetector,
    vectors: ([String]) throws -> [String: [Float]]
  ) throws -> [Contradiction] {
    guard document.format != .survey else { return [] }
    let units = CodingUnit.units(
      of: passages, document: document.key,
      ruleCodings: rules.code(passages, documentText: document.text), codebook: codebook)
    guard !units.isEmpty else { return [] }
    let lookup = try vectors(units.flatMap(\.texts))
    let features = UnitFeatures.matrix(units, vector: { lookup[$0] })
    let probabilities = model.elementProbabilities(features)
    let tensionFeatures = TensionFeatures.matrix(
      units, unitFeatures: features, probabilities: probabilities)
    return tension.candidates(units, features: tensionFeatures, probabilities: probabilities).map {
      candidate in
      let unit = units[candidate.unit]
      return detector.contradiction(
        sentence: unit.text, passageID: unit.passageID, span: unit.span, pair: candidate.pair,
        kind: candidate.kind,
        participant: document.participantID,
        reason: String(
          format: "learned tension model (from %@, %d contradictions): %.2f", model.learnedFrom,
          tension.contradictions, candidate.score)
          + (candidate.kind.map { "; \($0.name) by its manifestation classifiers" } ?? ""),
        confidence: Double(candidate.score))
    }
  }
}

extension Pipeline {
  /// The learned tension model contradictions are detected with: the project's learned model's,
  /// else the codebook prior's; nil (detection by cues) when neither has one, the sentence model
  /// is not installed or was not the one the model was made with, or the choice is rules only.
  func tensionDetection(_ project: Project, codebook: Codebook) throws -> TensionDetection? {
    if case .off = sentenceModel { return nil }
    let learned = try project.codingModel(.learned).map {
      try LearnedModel.decode($0, file: "the project's learned model")
    }
    let prior = try project.codingModel(.prior).map {
      try LearnedModel.decode($0, file: codebook.prior ?? "the codebook's prior")
    }
    guard let model = learned ?? prior, let tension = model.tension ?? prior?.tension,
      let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables),
      model.encoder == encoder.fingerprint
    else { return nil }
    return TensionDetection(
      model: model, tension: tension, encoder: encoder,
      rules: AutoCoder(
        codebook: codebook, protocol: try Instruments.storedProtocol(project, codebook: codebook)),
      codebook: codebook)
  }

  /// The learned coder a project's interviews are coded with, or nil for rules alone: the model
  /// learned from a coder (`qda learn`) when the project keeps one, else the codebook's prior;
  /// none when the sentence model is not installed, or the choice is rules only.
  ///
  /// - Parameter notes: where to say which model codes, or why none does.
  func modelCoding(_ project: Project, codebook: Codebook, notes: inout [String]) throws
    -> ModelCoding?
  {
    let learned = try project.codingModel(.learned).map {
      try LearnedModel.decode($0, file: "the project's learned model")
    }
    let prior = try project.codingModel(.prior).map {
      try LearnedModel.decode($0, file: codebook.prior ?? "the codebook's prior")
    }
    guard let model = learned ?? prior else { return nil }
    if case .off = sentenceModel { return nil }
    guard
      let encoder = try SentenceModels.encoder(sentenceModel, environment: environment.variables)
    else {
      notes.append("coded by rules: " + ModelLocation.installHint)
      return nil
    }
    guard model.encoder == encoder.fingerprint else {
      notes.append(
        "coded by rules: the model \(model.name) was made with another sentence model (\(model.encoder), installed \(encoder.fingerprint))"
      )
      return nil
    }
    let neighbours =
      learned != nil
      ? try trainingSet(project, coder: model.learnedFrom, codebook: codebook, encoder: encoder)
      : nil
    notes.append("coded by the learned coder: \(model.version), learned from \(model.learnedFrom)")
    return ModelCoding(
      encoder: encoder,
      coder: ModelCoder(
        model: model, codebook: codebook, neighbours: neighbours.map(ModelCoder.NeighbourIndex.init)
      ))
  }

  /// Text → vector for some texts: the stored ones, and the others embedded now (each distinct
  /// text once) and stored.
  func vectors(for texts: [String], encoder: SentenceEncoder, in project: Project) throws
    -> [String: [Float]]
  {
    var keyed: [Int64: String] = [:]
    for text in texts where !text.isEmpty { keyed[TextKey.of(text)] = text }
    var stored = try project.sentenceVectors(keys: Array(keyed.keys), model: encoder.fingerprint)
    let missing = keyed.filter { stored[$0.key] == nil }.sorted { $0.key < $1.key }
    if !missing.isEmpty {
      let made = encoder.encode(missing.map(\.value))
      let pairs = zip(missing, made).map { (key: $0.0.key, vector: $0.1) }
      try project.storeSentenceVectors(pairs, model: encoder.fingerprint)
      for pair in pairs { stored[pair.key] = pair.vector }
    }
    var result: [String: [Float]] = [:]
    for (key, text) in keyed { if let vector = stored[key] { result[text] = vector } }
    return result
  }

  /// A coder's labelled sentences: the units of every interview the coder coded, with their
  /// features (rule features from the rules run now) and the coder's codings as labels.
  func trainingSet(_ project: Project, coder: String, codebook: Codebook, encoder: SentenceEncoder)
    throws -> TrainingSet?
  {
    let codings = try project.codings(CodingFilter(coder: coder, interviewsOnly: true))
    guard !codings.isEmpty else { return nil }
    let coded = Set(codings.map(\.passageID))
    let rules = AutoCoder(
      codebook: codebook, protocol: try Instruments.storedProtocol(project, codebook: codebook))
    var units: [CodingUnit] = []
    for id in try project.documentIDs(interviewsOnly: true) {
      guard let document = try project.document(id: id) else { continue }
      let passages = try project.passages(documentID: id)
      guard passages.contains(where: { $0.id.map(coded.contains) ?? false }) else { continue }
      units += CodingUnit.units(
        of: passages, document: document.key,
        ruleCodings: rules.code(passages, documentText: document.text),
        codebook: codebook)
    }
    let vectors = try vectors(for: units.flatMap(\.texts), encoder: encoder, in: project)
    return TrainingSet(
      units: units, features: UnitFeatures.matrix(units, vector: { vectors[$0] }), codings: codings,
      codebook: codebook)
  }
}
