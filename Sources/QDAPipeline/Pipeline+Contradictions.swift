import Foundation
public import QDAModel
import QDAStore
import QDAContradictions

extension Pipeline {
  /// Confirms or rejects a contradiction; later detections keep the decision.
  public func decideContradiction(
    project path: String, id: Int64, _ status: Contradiction.Status, by researcher: String
  ) throws -> Contradiction {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      do {
        return try project.decide(contradiction: id, status, by: researcher)
      } catch let error as StoreError where error.reason == .notFound {
        throw PipelineError(
          .notFound, "\(path) has no contradiction \(id) (see `qda contradictions list`)")
      }
    }
  }

  /// Adds a contradiction by hand, on words quoted from one participant passage.
  public func addContradiction(
    project path: String, elements: (Element, Element), manifestation: Contradiction.Manifestation,
    target: CodingTarget, note: String, researcher: String
  ) throws -> Contradiction {
    let store = try ProjectStore(path: path, mustExist: true)
    return try store.write { project in
      let (passage, span) = try resolve(target, in: project)
      guard let documentID = passage.documentID,
        let document = try project.document(String(documentID))
      else {
        throw PipelineError(.notFound, "the passage has no document")
      }
      let contradiction = Contradiction(
        level: elements.0 == elements.1 ? .primary : .secondary, first: elements.0,
        second: elements.1,
        manifestation: manifestation, participant: document.participantID,
        passageIDs: [passage.id ?? 0], spans: [span],
        evidence: note.isEmpty ? "added by \(researcher)" : note, confidence: 1, status: .confirmed,
        coder: researcher)
      let id = try project.insert(
        contradiction,
        key: "manual|\(researcher)|\(ContradictionSummary.key(contradiction))|\(span)")
      var stored = contradiction
      stored.id = id
      return stored
    }
  }
}
