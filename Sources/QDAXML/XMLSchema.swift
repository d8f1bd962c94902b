internal import CLibXML2
import Foundation

/// A compiled XML Schema (XSD), compiled once from its bytes and reused for many documents.
///
/// ```swift
/// let schema = try XMLSchema(bytes: xsd, file: "Project.xsd")
/// let issues = schema.validate(document)   // [] when valid
/// ```
///
/// The schema file is parsed with the same safe options as any document, so compiling it never
/// reaches the network.
public final class XMLSchema: @unchecked Sendable {
  // @unchecked: the compiled schema is immutable; each validation makes its own context.
  private let schema: xmlSchemaPtr
  private let source: XMLDocument
  /// The schema's file, for messages.
  public let file: String

  /// Compiles a schema.
  ///
  /// - Parameters:
  ///   - bytes: the schema file's bytes (the caller reads the file).
  ///   - path: its name for messages.
  /// - Throws: `XMLError` when the bytes are not XML or not a valid schema.
  public init(bytes: [UInt8], file path: String) throws {
    source = try XMLDocument(bytes: bytes, file: path)
    file = path
    guard let parser = xmlSchemaNewDocParserCtxt(source.pointer) else {
      throw XMLError(file: path, line: nil, reason: .usage, message: "out of memory")
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    let collector = IssueCollector(file: path, reason: .usage)
    let box = Unmanaged.passUnretained(collector).toOpaque()
    xmlSchemaSetParserStructuredErrors(parser, IssueCollector.callback, box)
    guard let compiled = xmlSchemaParse(parser) else {
      throw collector.issues.first
        ?? XMLError(file: path, line: nil, reason: .usage, message: "not a usable XML schema")
    }
    schema = compiled
  }

  deinit { xmlSchemaFree(schema) }

  /// Every way the document breaks the schema, each with its line; empty when it is valid.
  public func validate(_ document: XMLDocument) -> [XMLError] {
    guard let validator = xmlSchemaNewValidCtxt(schema) else {
      return [XMLError(file: document.file, line: nil, reason: .usage, message: "out of memory")]
    }
    defer { xmlSchemaFreeValidCtxt(validator) }
    let collector = IssueCollector(file: document.file, reason: .invalid)
    let box = Unmanaged.passUnretained(collector).toOpaque()
    xmlSchemaSetValidStructuredErrors(validator, IssueCollector.callback, box)
    let result = withExtendedLifetime(collector) {
      xmlSchemaValidateDoc(validator, document.pointer)
    }
    if result != 0 && collector.issues.isEmpty {
      return [
        XMLError(file: document.file, line: nil, reason: .invalid, message: "does not validate")
      ]
    }
    return collector.issues
  }
}

/// Gathers libxml2's structured errors for one operation.
private final class IssueCollector {
  let file: String
  let reason: XMLError.Reason
  var issues: [XMLError] = []

  init(file: String, reason: XMLError.Reason) {
    self.file = file
    self.reason = reason
  }

  static let callback: xmlStructuredErrorFunc = { context, error in
    guard let context else { return }
    let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
    let (line, message) = LibXML.describe(error.map { UnsafePointer($0) })
    collector.issues.append(
      XMLError(file: collector.file, line: line, reason: collector.reason, message: message))
  }
}
