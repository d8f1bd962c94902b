import Foundation

/// SHA-256 (FIPS 180-4), for the content hashes that tell an unchanged file from a changed one.
///
/// ```swift
/// SHA256.hex(of: Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum SHA256 {
  /// The digest of `bytes` in lower-case hex.
  public static func hex(of bytes: some Collection<UInt8>) -> String {
    var hasher = Hasher256()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  /// The digest of a file in lower-case hex, read a megabyte at a time (an output can run to
  /// gigabytes); nil when it cannot be read.
  public static func hex(ofFileAt path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hasher = Hasher256()
    do {
      // nil or empty at the end of the file.
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
    } catch {
      return nil
    }
    return hasher.finalizeHex()
  }

  /// An incremental hasher, for files read in chunks.
  public struct Hasher256: Sendable {
    private var state: [UInt32] = [
      0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
      0x5be0_cd19,
    ]
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() { buffer.reserveCapacity(64) }

    public mutating func update(_ bytes: some Collection<UInt8>) {
      if bytes.withContiguousStorageIfAvailable({ update(contiguous: $0) }) == nil {
        let copy = Array(bytes)
        copy.withUnsafeBufferPointer { update(contiguous: $0) }
      }
    }

    /// Whole 64-byte blocks are compressed straight from the caller's memory; only a partial
    /// block is buffered.
    private mutating func update(contiguous bytes: UnsafeBufferPointer<UInt8>) {
      length &+= UInt64(bytes.count)
      var index = 0
      if !buffer.isEmpty {
        while index < bytes.count, buffer.count < 64 {
          buffer.append(bytes[index])
          index += 1
        }
        guard buffer.count == 64 else { return }
        let block = buffer
        block.withUnsafeBufferPointer { if let base = $0.baseAddress { compress(base) } }
        buffer.removeAll(keepingCapacity: true)
      }
      guard let base = bytes.baseAddress else { return }
      let blocks = (bytes.count - index) / 64
      if blocks > 0 {
        compress(base + index, blocks: blocks)
        index += blocks * 64
      }
      while index < bytes.count {
        buffer.append(bytes[index])
        index += 1
      }
    }

    public mutating func finalizeHex() -> String {
      let bitLength = length &* 8
      var tail = buffer
      tail.append(0x80)
      while tail.count % 64 != 56 { tail.append(0) }
      for shift in stride(from: 56, through: 0, by: -8) {
        tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
      }
      var start = 0
      while start < tail.count {
        tail.withUnsafeBufferPointer { if let base = $0.baseAddress { compress(base + start) } }
        start += 64
      }
      let digits = Array("0123456789abcdef")
      var text = ""
      text.reserveCapacity(64)
      for word in state {
        for shift in stride(from: 28, through: 0, by: -4) {
          text.append(digits[Int((word >> UInt32(shift)) & 0xF)])
        }
      }
      return text
    }

    private static let k: [UInt32] = [
      0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
      0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
      0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
      0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
      0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
      0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
      0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
      0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
      0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
      0xc671_78f2,
    ]

    private mutating func compress(_ block: UnsafePointer<UInt8>) { compress(block, blocks: 1) }

    /// Compresses `blocks` consecutive 64-byte blocks: the round constants and the schedule are
    /// set up once for them all, not once a block.
    private mutating func compress(_ first: UnsafePointer<UInt8>, blocks: Int) {
      Self.k.withUnsafeBufferPointer { k in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
          for block in 0..<blocks { compress(first + block * 64, schedule: w, constants: k) }
        }
      }
    }

    private mutating func compress(
      _ block: UnsafePointer<UInt8>, schedule w: UnsafeMutableBufferPointer<UInt32>,
      constants k: UnsafeBufferPointer<UInt32>
    ) {
      for i in 0..<16 {
        w[i] =
          UInt32(block[i * 4]) << 24 | UInt32(block[i * 4 + 1]) << 16 | UInt32(block[i * 4 + 2])
          << 8
          | UInt32(block[i * 4 + 3])
      }
      for i in 16..<64 {
        let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
        let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
      }
      var a = state[0], b = state[1], c = state[2], d = state[3]
      var e = state[4], f = state[5], g = state[6], h = state[7]
      for i in 0..<64 {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choice = (e & f) ^ (~e & g)
        let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let majority = (a & b) ^ (a & c) ^ (b & c)
        let t2 = s0 &+ majority
        h = g; g = f; f = e; e = d &+ t1
        d = c; c = b; b = a; a = t1 &+ t2
      }
      state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
      state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
    }

    @inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
      (x >> n) | (x << (32 - n))
    }
  }
}
