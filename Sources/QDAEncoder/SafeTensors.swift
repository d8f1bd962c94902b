import Foundation

/// The tensors of a `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// naming each tensor's type, shape and byte range, then the raw little-endian tensor data.
///
/// ```swift
/// let tensors = try SafeTensors(bytes, file: "model.safetensors")
/// let bias = try tensors.floats("pooler.dense.bias", shape: [384])
/// ```
public struct SafeTensors: Sendable {
  /// One tensor's entry in the header.
  public struct Entry: Hashable, Sendable {
    public var dtype: String
    public var shape: [Int]
    /// Byte range inside the data that follows the header.
    public var range: Range<Int>
  }

  /// Every tensor the header names, by name.
  public let entries: [String: Entry]
  private let bytes: [UInt8]
  private let dataStart: Int
  private let file: String

  /// Reads the header of a safetensors file held in memory.
  ///
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - file: the file's name, for error messages.
  /// - Throws: `EncoderError.malformedWeights` when the header is cut short, is not JSON, or
  ///   names a byte range outside the file.
  public init(_ bytes: [UInt8], file: String = "model.safetensors") throws {
    self.file = file
    guard bytes.count >= 8 else {
      throw EncoderError(
        file: file, reason: .malformedWeights,
        message: "shorter than a safetensors header (\(bytes.count) bytes)")
    }
    var length: UInt64 = 0
    for index in (0..<8).reversed() { length = length << 8 | UInt64(bytes[index]) }
    guard length <= UInt64(bytes.count - 8) else {
      throw EncoderError(
        file: file, reason: .malformedWeights,
        message:
          "the header claims \(length) bytes but the file has \(bytes.count - 8) after its length")
    }
    let headerEnd = 8 + Int(length)
    let header: Any
    do {
      header = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
    } catch {
      throw EncoderError(file: file, reason: .malformedWeights, message: "the header is not JSON")
    }
    guard let object = header as? [String: Any] else {
      throw EncoderError(
        file: file, reason: .malformedWeights, message: "the header is not a JSON object")
    }
    let available = bytes.count - headerEnd
    var entries: [String: Entry] = [:]
    for (name, value) in object where name != "__metadata__" {
      guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
        let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int],
        offsets.count == 2,
        offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= available
      else {
        throw EncoderError(
          file: file, reason: .malformedWeights,
          message: "tensor \(name): its header entry is malformed")
      }
      entries[name] = Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
    }
    self.entries = entries
    self.bytes = bytes
    self.dataStart = headerEnd
  }

  /// A float32 tensor's values in row-major order.
  ///
  /// - Parameters:
  ///   - name: the tensor's name in the header.
  ///   - shape: the shape the caller expects.
  /// - Throws: `EncoderError.missingTensor` when the tensor is absent, not `F32`, or of another
  ///   shape.
  public func floats(_ name: String, shape: [Int]) throws -> [Float] {
    guard let entry = entries[name] else {
      throw EncoderError(file: file, reason: .missingTensor, message: "no tensor named \(name)")
    }
    guard entry.dtype == "F32" else {
      throw EncoderError(
        file: file, reason: .missingTensor,
        message: "tensor \(name) is \(entry.dtype), expected F32")
    }
    guard entry.shape == shape else {
      throw EncoderError(
        file: file, reason: .missingTensor,
        message: "tensor \(name) has shape \(entry.shape), expected \(shape)")
    }
    let count = shape.reduce(1, *)
    guard entry.range.count == count * 4 else {
      throw EncoderError(
        file: file, reason: .missingTensor,
        message: "tensor \(name) holds \(entry.range.count) bytes, expected \(count * 4)")
    }
    let start = dataStart + entry.range.lowerBound
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      bytes.withUnsafeBytes { raw in
        for index in 0..<count {
          let bits = raw.loadUnaligned(fromByteOffset: start + index * 4, as: UInt32.self)
          buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
        }
      }
      initialized = count
    }
  }
}
