/// A sentence's key in a project's store of vectors: FNV-1a (64 bits) over its UTF-8 bytes.
///
/// Two different sentences share a key with a probability of about n²/2⁶⁵: at a million
/// distinct sentences, about one in 37 million.
///
/// ```swift
/// TextKey.of("It took twenty hours.")  // the same Int64 on every run and machine
/// ```
public enum TextKey {
  public static func of(_ text: String) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return Int64(bitPattern: hash)
  }
}
