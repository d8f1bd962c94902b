public import Foundation
public import QDACoding
public import QDAModel
import QDAEncoder
import QDAStore

/// What `qda learn` did.
public struct LearningSummary: Sendable {
  public var model: LearnedModel
  /// The documents the coder coded (the model learned from them) and the others, which it coded.
  public var learnedFrom: [String]
  public var coded: [String]
  /// Codings the model made.
  public var codings: Int
  /// On the coder's own documents, each coded by a model learned from the coder's other
  /// documents: how the model's codings compare with the coder's (sentences, per element).
  public var heldOut: [LearningEvaluation.Score]
}

extension Pipeline {
  /// Learns the coder's convention from the interviews they coded and codes the others with it.
  ///
  /// The model (one classifier per CHAT element and per code the coder used three times or
  /// more, pulled toward the codebook's prior unless `usePrior` is false) is kept in the project:
  /// later ingests code new interviews with it. Its codings are by the coder `model`, each with
  /// a score and a reason. On the coder's own interviews the model's codings come from a model
  /// learned from the coder's other interviews, so `qda agreement --coders ana,model` measures
  /// the agreement on interviews the model did not learn from.
  ///
  /// - Throws: when the sentence model is not installed, or the coder coded no interview.
  /// A tension model learned from the contradictions a coder recorded by hand in the documents
  /// of their training set; nil when they recorded none there.
  func tensionModel(
    _ project: Project, coder: String, set: TrainingSet, prior: LearnedModel?, heldOut: [[Float]]?
  ) throws
    -> TensionModel?
  {
    let examples = try tensionExamples(project, coder: coder, set: set)
    guard !examples.isEmpty else { return nil }
    environment.progress(
      "learning where tensions are from \(examples.count) of \(coder)'s contradictions")
    return TensionModel.train(
      training: set, contradictions: examples, prior: prior, heldOut: heldOut)
  }

  /// The contradictions a coder recorded (and did not reject) in the documents of a training
  /// set, one example per span.
  func tensionExamples(_ project: Project, coder: String, set: TrainingSet) throws -> [TensionModel
    .Example]
  {
    let documentOf = Dictionary(
      set.units.map { ($0.passageID, $0.document) }, uniquingKeysWith: { a, _ in a })
    return try project.contradictions().filter { $0.coder == coder && $0.status != .rejected }
      .flatMap { contradiction in
        zip(contradiction.passageIDs, contradiction.spans).compactMap {
          passage, span -> TensionModel.Example? in
          documentOf[passage].map {
            TensionModel.Example(
              document: $0, span: span, elements: (contradiction.first, contradiction.second),
              kind: contradiction.manifestation)
          }
        }
      }
  }

  public func learn(project path: String, coder: String, usePrior: Bool = true) throws
    -> LearningSummary
  {
    let store = try ProjectStore(path: path, mustExist: true)
    let encoder = try SentenceModels.requiredEncoder(
      sentenceModel, environment: environment.variables)
    return try store.write { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(
          .missingCodebook, "\(path) has no codebook yet; run `qda code --codebook <file>`")
      }
      let prior =
        usePrior
        ? try project.codingModel(.prior).map {
          try LearnedModel.decode($0, file: "the codebook's prior")
        } : nil
      if let prior, prior.encoder != encoder.fingerprint {
        throw PipelineError(
          .invalidOption,
          "the codebook's prior was made with another sentence model (\(prior.encoder), installed \(encoder.fingerprint)); learn with --no-prior"
        )
      }
      environment.progress("reading \(coder)'s codings")
      guard let set = try trainingSet(project, coder: coder, codebook: codebook, encoder: encoder)
      else {
        let coders = Set(try project.codings().map(\.coder)).filter { !Coding.isMachine($0) }
          .sorted()
        throw PipelineError(
          .notFound,
          "\(coder) has coded no interview in \(path)"
            + (coders.isEmpty ? "" : "; coders: \(coders.joined(separator: ", "))"))
      }
      environment.progress(
        "learning from \(set.documents.count) documents, \(set.units.count) sentences")
      var (model, heldOutProbabilities) = LearnedModel.trainKeepingHeldOut(
        set, prior: prior, name: "learned from \(coder)", learnedFrom: coder,
        encoder: encoder.fingerprint, codebook: codebook)
      // Where tensions are: from the coder's own contradictions, else the prior's.
      model.tension =
        try tensionModel(
          project, coder: coder, set: set, prior: prior, heldOut: heldOutProbabilities)
        ?? prior?.tension
      try project.setCodingModel(.learned, model.encoded())

      // Every interview with the new model, then the coder's own, each by a model that did not see it.
      var notes: [String] = []
      guard let coding = try modelCoding(project, codebook: codebook, notes: &notes) else {
        throw PipelineError(.invalidOption, notes.joined(separator: "; "))
      }
      let interviews = try project.documentIDs(interviewsOnly: true)
      try recode(
        project, documents: interviews, codebook: codebook,
        protocol: try Instruments.storedProtocol(project, codebook: codebook), model: coding)
      let ownDocuments = set.documents
      var heldOut = Element.allCases.map { LearningEvaluation.Score(label: $0.rawValue) }
      var keys: [String: Int64] = [:]
      for id in interviews { if let key = try project.document(id: id)?.key { keys[key] = id } }
      // Up to 8 folds (one document each up to 8 documents); thresholds are the full model's.
      var heldOutOptions = LearnedModel.TrainingOptions()
      heldOutOptions.documentsForThresholds = .max
      let folds = ownDocuments.count > 1 ? set.folds() : []
      for (index, fold) in folds.enumerated() {
        environment.progress(
          "coding \(coder)'s documents, fold \(index + 1)/\(folds.count), with a model of the others"
        )
        let others = set.restricted(to: Set(ownDocuments).subtracting(fold))
        var otherModel = LearnedModel.train(
          others, prior: prior,
          name: "learned from \(coder) without \(fold.joined(separator: ", "))", learnedFrom: coder,
          encoder: encoder.fingerprint, codebook: codebook, options: heldOutOptions)
        for index in otherModel.elements.indices {
          otherModel.elements[index].threshold = model.elements[index].threshold
        }
        let coder = ModelCoder(model: otherModel, codebook: codebook, neighbours: .init(others))
        for document in fold {
          let own = set.restricted(to: [document])
          guard let id = keys[document] else { continue }
          try project.replaceAutoCodings(
            documentID: id, with: coder.code(own.units, features: own.features))
          let scores = LearningEvaluation.score(model: otherModel, on: own, codebook: codebook)
            .elements
          for position in heldOut.indices { heldOut[position].add(scores[position]) }
        }
      }
      try redetect(project, path: path)
      let codings = try project.codings(CodingFilter(coder: Coding.modelCoder)).count
      let coded = keys.keys.filter { !ownDocuments.contains($0) }.sorted()
      try project.log(
        command: "learn",
        summary:
          "learned from \(coder) (\(ownDocuments.count) documents, \(set.units.count) sentences); \(codings) model codings",
        at: environment.now())
      return LearningSummary(
        model: model, learnedFrom: ownDocuments, coded: coded, codings: codings, heldOut: heldOut)
    }
  }

  /// Drops the model learned from a coder: interviews are coded by the codebook's prior again
  /// (or by rules without one).
  public func forgetLearnedModel(project path: String) throws -> RunSummary {
    let store = try ProjectStore(path: path, mustExist: true)
    try store.write { project in try project.setCodingModel(.learned, nil) }
    return try code(project: path, codebook: nil, onlyChangedRules: false)
  }

  /// The model a project codes with (learned, else the codebook's prior), as JSON: what
  /// `Codebooks/chat.prior.json` is made from.
  public func exportLearnedModel(project path: String) throws -> Data {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.read { project in
      guard let model = try project.codingModel(.learned) ?? project.codingModel(.prior) else {
        throw PipelineError(
          .notFound, "\(path) has no learned model; run `qda learn --coder NAME` first")
      }
      return model
    }
  }

  /// Leave-one-document-out precision, recall and F1 of a model learned from a coder, per
  /// element and code, and the learning curve (see `LearningEvaluation`).
  public func evaluateLearning(
    project path: String, coder: String, usePrior: Bool = true, curve: [Int] = [0, 1, 2, 3, 5]
  )
    throws -> LearningEvaluation
  {
    let store = try ProjectStore(path: path, mustExist: true)
    let encoder = try SentenceModels.requiredEncoder(
      sentenceModel, environment: environment.variables)
    // Writes only vectors not yet stored.
    return try store.write { project in
      guard let codebook = try Instruments.storedCodebook(project) else {
        throw PipelineError(.missingCodebook, "\(path) has no codebook yet")
      }
      let prior =
        usePrior
        ? try project.codingModel(.prior).map {
          try LearnedModel.decode($0, file: "the codebook's prior")
        } : nil
      guard let set = try trainingSet(project, coder: coder, codebook: codebook, encoder: encoder)
      else {
        throw PipelineError(.notFound, "\(coder) has coded no interview in \(path)")
      }
      guard set.documents.count >= 2 else {
        throw PipelineError(
          .invalidOption,
          "\(coder) has coded \(set.documents.count) document; leaving one out needs at least two")
      }
      environment.progress(
        "evaluating on \(set.documents.count) documents, \(set.units.count) sentences")
      let usable = prior?.encoder == encoder.fingerprint ? prior : nil
      var evaluation = LearningEvaluation.run(
        set, coder: coder, prior: usable, codebook: codebook, encoder: encoder.fingerprint,
        curvePoints: curve)
      let examples = try tensionExamples(project, coder: coder, set: set)
      if !examples.isEmpty {
        environment.progress(
          "evaluating the tension model on \(examples.count) of \(coder)'s contradictions")
        evaluation.tension = TensionEvaluation.run(
          set, contradictions: examples, prior: usable, codebook: codebook,
          encoder: encoder.fingerprint)
      }
      return evaluation
    }
  }
}
