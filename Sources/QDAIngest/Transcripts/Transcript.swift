public import QDAModel

/// A transcript as a reader found it: the document text, header fields, and the stretches of
/// speech with their speakers, before roles are assigned.
///
/// Every reader (plain text, WebVTT, SubRip, Word) produces one; `TranscriptBuilder` turns it into
/// passages with roles.
public struct Transcript: Hashable, Sendable {
  /// The document text that spans point into (LF line breaks, no byte-order mark).
  public var text: String
  /// Header fields by lower-case key: `title`, `date`, `participant`, `interviewer`…
  public var header: [String: String]
  /// The speech, in order.
  public var segments: [TranscriptSegment]
  /// Things the reader noticed but could work around.
  public var warnings: [String]

  public init(
    text: String, header: [String: String] = [:], segments: [TranscriptSegment],
    warnings: [String] = []
  ) {
    self.text = text
    self.header = header
    self.segments = segments
    self.warnings = warnings
  }
}

/// A stretch of speech: one paragraph of a turn, or one merged run of caption cues.
public struct TranscriptSegment: Hashable, Sendable {
  /// The speaker's label as written, or nil when unattributed.
  public var speaker: String?
  /// Where the words lie in the document text.
  public var span: TextSpan
  /// Start and end times in seconds, when the source gives them.
  public var startTime: Double?
  public var endTime: Double?
  /// The speaker turn, from 0; paragraphs of one turn share it.
  public var turn: Int
  /// The 1-based line the segment starts on, for messages.
  public var line: Int

  public init(
    speaker: String?, span: TextSpan, startTime: Double? = nil, endTime: Double? = nil, turn: Int,
    line: Int
  ) {
    self.speaker = speaker
    self.span = span
    self.startTime = startTime
    self.endTime = endTime
    self.turn = turn
    self.line = line
  }
}
