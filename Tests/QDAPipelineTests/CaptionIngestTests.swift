import Foundation
import QDAModel
import QDAPipeline
import Testing
import _QDATestSupport

/// Caption files go through the whole pipeline: found in a folder, stored with their passages'
/// start and end times, coded by the rules.
@Suite struct CaptionIngestTests {
  @Test func captionFilesInAFolderAreIngestedWithTheirTimesAndCoded() throws {
    let temp = try TemporaryFolder("captions")
    try FileManager.default.createDirectory(atPath: temp.path("in"), withIntermediateDirectories: true)
    for name in ["teams_voice_tags_unpadded_times.vtt", "srt_basic.srt", "zoom_cloud_transcript_speakers.vtt"] {
      try FileManager.default.copyItem(atPath: Fixtures.shared("formats/transcripts/" + name), toPath: temp.path("in/" + name))
    }
    try FileManager.default.copyItem(
      atPath: Fixtures.repository("Tests/Fixtures/transcripts/principal_interview.otr"), toPath: temp.path("in/alvarez.otr"))
    let pipeline = Pipeline(environment: .constant("2026-01-01T00:00:00Z"))
    let summary = try pipeline.ingest(
      IngestRequest(inputs: [temp.path("in")], codebook: Fixtures.repository("Codebooks/chat.yaml")), project: temp.path("p.qda"))
    #expect(summary.added.sorted() == [
      "alvarez.otr", "srt_basic.srt", "teams_voice_tags_unpadded_times.vtt", "zoom_cloud_transcript_speakers.vtt",
    ])
    #expect(summary.skipped == [])
    let zoom = try pipeline.listPassages(project: temp.path("p.qda"), document: "zoom_cloud_transcript_speakers.vtt")
    #expect(zoom.count == 26)
    #expect(zoom[3].passage.startTime == 12.16)
    #expect(zoom[3].passage.endTime == 32.39)
    let teams = try pipeline.listPassages(project: temp.path("p.qda"), document: "teams_voice_tags_unpadded_times.vtt")
    #expect(teams.map(\.passage.endTime) == [0.57, 1.13])
    // The rules code the oTranscribe interview like any other: 20 hours is a time estimate.
    let alvarez = try pipeline.listPassages(project: temp.path("p.qda"), document: "alvarez.otr")
    #expect(alvarez.contains { $0.codings.contains { $0.codeID == "rules.time" } })
  }
}
