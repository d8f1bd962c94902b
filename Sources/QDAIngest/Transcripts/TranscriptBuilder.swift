public import QDAModel
import QDAText

/// Turns a parsed transcript and its speakers' roles into passages.
public enum TranscriptBuilder {
  /// One passage per segment, numbered in order, each carrying its speaker's role.
  public static func passages(_ transcript: Transcript, speakers: [SpeakerSummary]) -> [Passage] {
    let scalars = ScalarText(transcript.text)
    var roles: [String: SpeakerRole] = [:]
    for speaker in speakers { roles[speaker.label.lowercased()] = speaker.role }
    return transcript.segments.enumerated().map { ordinal, segment in
      let role = segment.speaker.flatMap { roles[$0.lowercased()] } ?? .unknown
      return Passage(
        ordinal: ordinal, turn: segment.turn, speaker: segment.speaker, role: role,
        span: segment.span, text: scalars[segment.span.start..<segment.span.end],
        startTime: segment.startTime, endTime: segment.endTime)
    }
  }
}
