/// A source document as stored in a project: its decoded text and where it came from.
///
/// The text is the file's content decoded to Unicode, with a byte-order mark removed and line
/// breaks normalised to LF. Every offset in the project (passages, codings) counts Unicode
/// scalars in this text, half-open, the unit REFI-QDA uses.
public struct Document: Hashable, Sendable, Codable {
  /// The project's row id, once stored.
  public var id: Int64?
  /// The document's identity in the project: its path relative to the folder it was ingested
  /// from (or its file name). Re-ingesting a file with the same key replaces this document.
  public var key: String
  /// The path the file was read from, as given on the command line.
  public var sourcePath: String
  /// The participant the document belongs to.
  public var participantID: String
  /// The format the file was read as.
  public var format: DocumentFormat
  /// The encoding the bytes were decoded from (`utf-8`, `utf-16le`, `windows-1252`…).
  public var encoding: String
  /// The SHA-256 of the file's bytes, in lower-case hex.
  public var contentHash: String
  /// The decoded, LF-normalised text.
  public var text: String
  /// Header fields found at the top of a transcript (`title`, `date`, `participant`…).
  public var metadata: [String: String]
  /// Problems worth telling the user that did not stop the import (a guessed encoding…).
  public var warnings: [String]

  public init(
    id: Int64? = nil, key: String, sourcePath: String, participantID: String,
    format: DocumentFormat, encoding: String, contentHash: String, text: String,
    metadata: [String: String] = [:], warnings: [String] = []
  ) {
    self.id = id
    self.key = key
    self.sourcePath = sourcePath
    self.participantID = participantID
    self.format = format
    self.encoding = encoding
    self.contentHash = contentHash
    self.text = text
    self.metadata = metadata
    self.warnings = warnings
  }

  /// The document's title from its header, if it had one.
  public var title: String? { metadata["title"] }
}

/// The file formats a document can be read from.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
  /// Plain text with speaker labels.
  case plainText = "text"
  /// WebVTT captions (Zoom, Teams).
  case webVTT = "webvtt"
  /// SubRip captions.
  case srt
  /// Word documents.
  case docx
  /// oTranscribe documents.
  case oTranscribe = "otr"
  /// Open-ended survey answers.
  case survey
}

/// Who is speaking in a passage.
public enum SpeakerRole: String, Codable, Sendable, CaseIterable {
  case interviewer
  case participant
  /// A cue or paragraph with no speaker.
  case unknown
}

/// A half-open range of Unicode-scalar offsets into a document's text.
public struct TextSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    precondition(start <= end, "a span cannot end before it starts")
    self.start = start
    self.end = end
  }

  public var length: Int { end - start }
  public var isEmpty: Bool { start == end }

  /// Whether `other` lies entirely inside this span.
  public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }

  /// Whether the two spans share at least one scalar.
  public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }

  public var description: String { "\(start)..<\(end)" }

  public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
    (lhs.start, lhs.end) < (rhs.start, rhs.end)
  }
}

/// A passage: one speaker turn, or one paragraph of a long turn, with its place in the document.
public struct Passage: Hashable, Sendable, Codable {
  /// The project's row id, once stored.
  public var id: Int64?
  /// The document's row id, once stored.
  public var documentID: Int64?
  /// The passage's position in its document, from 0.
  public var ordinal: Int
  /// The speaker turn the passage belongs to, from 0; paragraphs of one turn share it.
  public var turn: Int
  /// The speaker's label as written (`Interviewer`, `Dr. Ortiz`, `id2`), or nil when unattributed.
  public var speaker: String?
  /// Whether the speaker is the interviewer or a participant.
  public var role: SpeakerRole
  /// Where the passage's text lies in the document (labels and timestamps excluded).
  public var span: TextSpan
  /// The passage's text: exactly the document's text inside `span`.
  public var text: String
  /// Start time in seconds, when the transcript gives one.
  public var startTime: Double?
  /// End time in seconds, when the transcript gives one.
  public var endTime: Double?
  /// The protocol question the passage asks or answers, once linked.
  public var questionID: String?

  public init(
    id: Int64? = nil, documentID: Int64? = nil, ordinal: Int, turn: Int, speaker: String?,
    role: SpeakerRole, span: TextSpan, text: String, startTime: Double? = nil,
    endTime: Double? = nil, questionID: String? = nil
  ) {
    self.id = id
    self.documentID = documentID
    self.ordinal = ordinal
    self.turn = turn
    self.speaker = speaker
    self.role = role
    self.span = span
    self.text = text
    self.startTime = startTime
    self.endTime = endTime
    self.questionID = questionID
  }
}
