import Testing
import _QDATestSupport

/// The runner the command-line tests use reads a child's two outputs at once: one read to its end
/// before the other would wait forever once the child fills the other pipe.
@Suite struct CommandRunnerTests {
  @Test func aChildThatFillsStderrBeforeWritingStdoutIsReadWhole() throws {
    // 1 MB to stderr, then 1 MB to stdout: far past a pipe's buffer on each.
    let result = try CommandRunner.shell(
      "head -c 1048576 /dev/zero | tr '\\0' e >&2; head -c 1048576 /dev/zero | tr '\\0' o; exit 3")
    #expect(result.status == 3)
    #expect(result.stderr.utf8.count == 1_048_576)
    #expect(result.stdout.utf8.count == 1_048_576)
    #expect(result.stderr.allSatisfy { $0 == "e" } && result.stdout.allSatisfy { $0 == "o" })
  }
}
