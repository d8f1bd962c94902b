public import QDAModel
import QDAText
import Foundation

/// Options a user can give when importing a transcript.
public struct ImportOptions: Sendable, Hashable {
  /// The speaker label to treat as the interviewer (`none`: nobody), instead of detecting it.
  public var interviewer: String?
  /// The participant the document belongs to, instead of its header or file name.
  public var participantID: String?

  public init(interviewer: String? = nil, participantID: String? = nil) {
    self.interviewer = interviewer
    self.participantID = participantID
  }
}

/// A document read from a file, with its passages, ready to store.
public struct ImportedDocument: Sendable, Hashable {
  public var document: Document
  public var passages: [Passage]
  public var speakers: [SpeakerSummary]
}

/// Reads transcript files into documents and passages.
///
/// ```swift
/// let imported = try DocumentImporter.importTranscript(
///   bytes: bytes, sourcePath: "Corpora/principals/P04.txt", key: "P04.txt")
/// imported.document.participantID  // "P04"
/// ```
public enum DocumentImporter {
  /// The file extensions read as transcripts, and the format each is read as.
  public static let transcriptFormats: [String: DocumentFormat] = [
    "txt": .plainText, "text": .plainText, "md": .plainText, "docx": .docx, "vtt": .webVTT,
    "srt": .srt, "otr": .oTranscribe,
  ]

  /// The file extensions read as transcripts.
  public static var transcriptExtensions: Set<String> { Set(transcriptFormats.keys) }

  /// The format a file is read as, from its extension; nil when it is not a transcript.
  public static func format(forPath path: String) -> DocumentFormat? {
    transcriptFormats[(path as NSString).pathExtension.lowercased()]
  }

  /// Reads a transcript file.
  ///
  /// - Throws: `IngestError` when the file cannot be read, decoded or parsed.
  public static func importFile(at path: String, key: String, options: ImportOptions = .init())
    throws -> ImportedDocument
  {
    let maximum = format(forPath: path) == .docx ? InputReader.maximumBytes : maximumTranscriptBytes
    return try importTranscript(
      bytes: try InputReader.bytes(atPath: path, maximum: maximum, what: "transcripts"),
      sourcePath: path, key: key,
      options: options)
  }

  /// The largest transcript read as text (plain text, captions, oTranscribe): 16 MB is nearly
  /// three million words, weeks of talk; a larger file is not one interview, and reading it took
  /// seconds and gigabytes per hundred megabytes. (A Word file may carry pictures; what its text
  /// part inflates to is limited instead, by `ZipReader.Limits.wordTranscript`.)
  public static let maximumTranscriptBytes = 16 * 1024 * 1024

  /// A transcript file's content hash, as its document stores it: the SHA-256 of the file's
  /// bytes (a file whose hash is stored is unchanged).
  public static func contentHash(of bytes: [UInt8]) -> String { SHA256.hex(of: bytes) }

  /// Reads a transcript from its bytes.
  public static func importTranscript(
    bytes: [UInt8], sourcePath: String, key: String, options: ImportOptions = .init()
  ) throws -> ImportedDocument {
    guard let format = format(forPath: sourcePath) else {
      throw IngestError(
        InputLocation(file: sourcePath), .unsupportedFormat,
        "not a transcript format QDAKit reads ("
          + transcriptExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")")
    }
    let decoded: DecodedText
    let transcript: Transcript
    switch format {
    case .docx:
      transcript = try WordTranscript.parse(bytes: bytes, file: sourcePath)
      decoded = DecodedText(
        text: transcript.text, encoding: "utf-8", lineEndings: "none", warnings: [])
    case .webVTT:
      decoded = try TextDecoder.decode(bytes, file: sourcePath)
      transcript = try WebVTTTranscript.parse(decoded.text, file: sourcePath)
    case .srt:
      decoded = try TextDecoder.decode(bytes, file: sourcePath)
      transcript = try SubRipTranscript.parse(decoded.text, file: sourcePath)
    case .oTranscribe:
      decoded = try TextDecoder.decode(bytes, file: sourcePath)
      transcript = try OTranscribeTranscript.parse(decoded.text, file: sourcePath)
    default:
      decoded = try TextDecoder.decode(bytes, file: sourcePath)
      transcript = try PlainTextTranscript.parse(decoded.text, file: sourcePath)
    }
    let speakers = SpeakerRoles.assign(
      transcript, interviewer: options.interviewer,
      participantNames: [options.participantID, fileStem(sourcePath)].compactMap { $0 })
    let passages = TranscriptBuilder.passages(transcript, speakers: speakers)
    let participant =
      options.participantID ?? transcript.header["participant"].map(participantID(fromHeader:))
      ?? fileStem(sourcePath)
    var warnings = decoded.warnings + transcript.warnings
    if let wanted = options.interviewer, wanted.lowercased() != "none",
      !speakers.contains(where: { $0.label.lowercased() == wanted.lowercased() })
    {
      warnings.append(
        "\(sourcePath): no speaker is labelled '\(wanted)'; the interviewer was detected instead")
    }
    let document = Document(
      key: key, sourcePath: sourcePath, participantID: participant, format: format,
      encoding: decoded.encoding, contentHash: contentHash(of: bytes), text: transcript.text,
      metadata: transcript.header, warnings: warnings)
    return ImportedDocument(document: document, passages: passages, speakers: speakers)
  }

  /// Reads text that is already decoded (a source of an imported REFI-QDA project) as a
  /// plain-text transcript.
  public static func importText(
    _ text: String, sourcePath: String, key: String, participantID: String?,
    format: DocumentFormat = .plainText
  ) throws -> ImportedDocument {
    let transcript = try PlainTextTranscript.parse(text, file: sourcePath)
    let speakers = SpeakerRoles.assign(
      transcript, interviewer: nil,
      participantNames: [participantID, fileStem(key)].compactMap { $0 })
    let passages = TranscriptBuilder.passages(transcript, speakers: speakers)
    let participant =
      participantID ?? transcript.header["participant"].map(participantID(fromHeader:))
      ?? fileStem(key)
    let document = Document(
      key: key, sourcePath: sourcePath, participantID: participant, format: format,
      encoding: "utf-8",
      contentHash: SHA256.hex(of: Array(text.utf8)), text: transcript.text,
      metadata: transcript.header,
      warnings: transcript.warnings)
    return ImportedDocument(document: document, passages: passages, speakers: speakers)
  }

  /// The participant id in a header value: `P04`, or the id in `Ms. Hale (P03)`.
  static func participantID(fromHeader value: String) -> String {
    if let open = value.lastIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
      let inside = value[value.index(after: open)..<close].trimmingSpacesSubstring
      if !inside.isEmpty, !inside.contains(" ") { return String(inside) }
    }
    return value.trimmingSpaces
  }

  /// The file name without folders or extension.
  public static func fileStem(_ path: String) -> String {
    ((path as NSString).lastPathComponent as NSString).deletingPathExtension
  }
}

extension Substring {
  var trimmingSpacesSubstring: Substring {
    var result = self
    while let first = result.first, first.isWhitespace { result.removeFirst() }
    while let last = result.last, last.isWhitespace { result.removeLast() }
    return result
  }
}
