import QDAPipeline
import _QDATestSupport

extension IngestRequest {
  /// The sample study: the principals' interviews with their attributes and protocol, and the
  /// CHAT codebook.
  static var samplePrincipals: IngestRequest {
    let folder = Fixtures.repository("Corpora/principals")
    return IngestRequest(
      inputs: [folder], attributes: folder + "/participants.csv", interviewProtocol: folder + "/protocol.yaml",
      codebook: Fixtures.repository("Codebooks/chat.yaml"))
  }
}
