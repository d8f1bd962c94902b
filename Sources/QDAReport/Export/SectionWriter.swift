import Foundation

/// Writes pretty-printed, key-sorted JSON a section at a time, in exactly the bytes
/// `JSONEncoder` gives for the whole: each small value is encoded on its own and indented to
/// where it stands, each list a chunk of elements at a time. (Pretty-printed JSON has no line
/// break inside a string, so indenting every line of a value's encoding places it exactly.)
struct SectionWriter {
  let encoder: JSONEncoder
  let sink: (Data) throws -> Void
  /// The elements of a list encoded together.
  init(encoder: JSONEncoder, sink: @escaping (Data) throws -> Void) {
    self.encoder = encoder
    self.sink = sink
  }

  func raw(_ text: String) throws { try sink(Data(text.utf8)) }

  /// An object whose opening brace follows a key (or starts the output) at `indent`; its
  /// fields, given in sorted key order, write their values. A nil writer leaves its key out
  /// (as the encoder leaves out a nil optional).
  func object(indent: Int, _ fields: [(key: String, write: ((SectionWriter) throws -> Void)?)])
    throws
  {
    let present = fields.filter { $0.write != nil }
    guard !present.isEmpty else {
      return try raw("{\n\n" + String(repeating: " ", count: indent) + "}")
    }
    try raw("{\n")
    for (index, field) in present.enumerated() {
      try raw(String(repeating: " ", count: indent + 2) + "\"\(field.key)\" : ")
      try field.write?(self)
      try raw(index + 1 < present.count ? ",\n" : "\n")
    }
    try raw(String(repeating: " ", count: indent) + "}")
  }

  /// A value encoded on its own, placed after a key at `indent`.
  func value(_ value: some Encodable, indent: Int) throws {
    try sink(Self.indented(try encoder.encode(value), by: indent))
  }

  /// A list placed after a key at `indent`, its elements encoded `chunk` at a time (fewer for
  /// elements that are large themselves).
  func list<Element: Encodable>(_ elements: [Element], indent: Int, chunk: Int = 500) throws {
    guard !elements.isEmpty else { return try emptyList(indent: indent) }
    try raw("[\n")
    for start in stride(from: 0, to: elements.count, by: chunk) {
      // A chunk encoded as a list of its own: "[\n  a,\n  b\n]" without its brackets.
      let encoded = try encoder.encode(Array(elements[start..<min(start + chunk, elements.count)]))
      try sink(Self.indented(encoded.dropFirst(2).dropLast(2), by: indent, firstLine: true))
      try raw(start + chunk < elements.count ? ",\n" : "\n")
    }
    try raw(String(repeating: " ", count: indent) + "]")
  }

  func emptyList(indent: Int) throws {
    try raw("[\n\n" + String(repeating: " ", count: indent) + "]")
  }

  /// `json` with every line after the first moved `indent` spaces in, and the first too when
  /// it starts a line of its own (a list's elements); blank lines stay blank.
  static func indented(_ json: Data, by indent: Int, firstLine: Bool = false) -> Data {
    guard indent > 0 else { return json }
    let pad = [UInt8](repeating: 0x20, count: indent)
    var out: [UInt8] = []
    json.withUnsafeBytes { bytes in
      out.reserveCapacity(bytes.count + bytes.count / 4)
      // Line by line, each copied whole. A line is padded once its first byte comes: the blank
      // line inside an empty list stays blank.
      var start = 0
      var padFirst = firstLine
      while start < bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if padFirst, end > start { out.append(contentsOf: pad) }
        out.append(contentsOf: bytes[start..<min(end + 1, bytes.count)])
        padFirst = true
        start = end + 1
      }
    }
    return Data(out)
  }
}
