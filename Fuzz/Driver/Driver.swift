import Foundation
import _QDAFuzz

// Two ways to build this executable:
//
// - for libFuzzer (`Fuzz/run`): `-sanitize=fuzzer` links libFuzzer's own `main`, `-DQDA_LIBFUZZER`
//   leaves the replay's `main` below out. The
//   target is named by `QDA_FUZZ_TARGET`; a finding aborts, and libFuzzer keeps the input.
// - as a plain executable (`swift run _Fuzz TARGET FILE...`): replays inputs (a crash libFuzzer
//   kept, a corpus folder) through the same checks and prints what each finds.

/// The target libFuzzer runs, read once from the environment (a static, so replaying never reads it).
enum LibFuzzer {
  static let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["QDA_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("QDA_FUZZ_TARGET must be one of: \(names) (got '\(name)')\n".utf8))
      exit(2)
    }
    return target
  }()
}

/// Before fuzzing: with `QDA_FUZZ_SEEDS=<folder>`, writes the target's seeds there and exits
/// (`Fuzz/run` seeds its corpus this way, from the package root it runs in).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
  guard let folder = ProcessInfo.processInfo.environment["QDA_FUZZ_SEEDS"] else { return 0 }
  let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  do {
    let count = try FuzzSeeds.write(for: LibFuzzer.target, packageRoot: root, into: URL(fileURLWithPath: folder))
    print("\(count) seeds for \(LibFuzzer.target.rawValue) in \(folder)")
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("cannot write the seeds: \(error)\n".utf8))
    exit(1)
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let finding = LibFuzzer.target.run(bytes) {
    FileHandle.standardError.write(Data("finding (\(LibFuzzer.target.rawValue)): \(finding)\n".utf8))
    abort()
  }
  return 0
}

#if !QDA_LIBFUZZER
/// Replays saved inputs through a target's checks.
@main enum Replay {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
      print("usage: _Fuzz TARGET FILE-OR-FOLDER...   (TARGET: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
      exit(2)
    }
    var files: [String] = []
    for path in arguments.dropFirst() {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.sorted().map { path + "/" + $0 }
      } else {
        files.append(path)
      }
    }
    var findings = 0
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        print("\(file): cannot read the file")
        findings += 1
        continue
      }
      if let finding = target.run(Array(data)) {
        print("\(file): \(finding)")
        findings += 1
      }
    }
    print("\(files.count) inputs, \(findings) findings")
    exit(findings == 0 ? 0 : 1)
  }
}
#endif
