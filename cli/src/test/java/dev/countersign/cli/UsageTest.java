package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, version and argument errors: picocli's part of the command line (exit 0 for help, 2 for bad usage). */
class UsageTest {
  @TempDir
  Path dir;

  static Stream<Arguments> commandsAndFlags() {
    return Stream.of(
        Arguments.of("generate-key-pair", List.of("--output-key-prefix", "--algorithm", "--rsa-bits", "--force")),
        Arguments.of("import-key-pair", List.of("--key", "--output-key-prefix", "--force")),
        Arguments.of("public-key", List.of("--key", "--outfile")),
        Arguments.of("sign-blob", List.of("--key", "--output-signature", "--bundle")),
        Arguments.of("verify-blob",
            List.of("--key", "--signature", "--bundle", "--signature-digest-algorithm", "--output")),
        Arguments.of("digest", List.of("--algorithm")));
  }

  @ParameterizedTest
  @MethodSource("commandsAndFlags")
  void helpExitsZeroAndListsEveryFlag(String command, List<String> flags) {
    Cli.Result r = Cli.run(command, "--help").expect(0);
    assertTrue(r.out().startsWith("Usage: countersign " + command), r.out());
    for (String flag : flags) {
      assertTrue(r.out().contains(flag), command + " --help should mention " + flag + ":\n" + r.out());
    }
    assertEquals("", r.err());
  }

  @Test
  void topLevelHelpListsEveryCommand() {
    Cli.Result r = Cli.run("--help").expect(0);
    commandsAndFlags().forEach(a -> assertTrue(r.out().contains((String) a.get()[0]), r.out()));
  }

  @Test
  void noCommandPrintsUsage() {
    Cli.Result r = Cli.run().expect(0);
    assertTrue(r.out().contains("Commands:"), r.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V"})
  void versionIsPrinted(String flag) {
    Cli.Result r = Cli.run(flag).expect(0);
    assertTrue(r.out().startsWith("countersign "), r.out());
  }

  static Stream<Arguments> minimalCommandLines() {
    return Stream.of(
        Arguments.of(List.of("generate-key-pair")),
        Arguments.of(List.of("import-key-pair", "--key", "k.pem")),
        Arguments.of(List.of("public-key", "--key", "k.key")),
        Arguments.of(List.of("sign-blob", "--key", "k.key", "f")),
        Arguments.of(List.of("verify-blob", "--key", "k.pub", "--signature", "AAAA", "f")),
        Arguments.of(List.of("digest", "f")));
  }

  @ParameterizedTest
  @MethodSource("minimalCommandLines")
  void unknownFlagIsAUsageError(List<String> commandLine) {
    List<String> args = new java.util.ArrayList<>(commandLine);
    args.add(1, "--no-such-flag");
    Cli.Result r = Cli.run(args.toArray(String[]::new)).expect(Main.USAGE);
    assertTrue(r.err().contains("Unknown option: '--no-such-flag'"), r.err());
    assertTrue(r.err().contains("Usage: countersign " + commandLine.get(0)), r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownCommandIsAUsageError() {
    Cli.Result r = Cli.run("sign-everything").expect(Main.USAGE);
    assertTrue(r.err().contains("Unmatched argument at index 0: 'sign-everything'"), r.err());
    assertTrue(r.err().contains("Did you mean: countersign sign"), r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"import-key-pair", "public-key", "sign-blob", "verify-blob"})
  void missingKeyIsAUsageError(String command) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    Cli.Result r = Cli.run(command, file.toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("--key"), r.err());
    assertTrue(r.err().contains("Usage: countersign " + command), r.err());
  }

  @Test
  void signBlobWithoutFileIsAUsageError() {
    Cli.Result r = Cli.run("sign-blob", "--key", dir.resolve("k").toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
  }

  @Test
  void verifyBlobNeedsExactlyOneOfSignatureAndBundle() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    Cli.Result none = Cli.run("verify-blob", "--key", "k.pub", file.toString()).expect(Main.USAGE);
    assertTrue(none.err().contains("--signature") && none.err().contains("--bundle"), none.err());
    Cli.Result both = Cli.run("verify-blob", "--key", "k.pub", "--signature", "AAAA", "--bundle", "b.json",
        file.toString()).expect(Main.USAGE);
    assertTrue(both.err().contains("mutually exclusive"), both.err());
  }

  @Test
  void badOutputFormatShowsVerifyBlobUsage() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    Cli.Result r = Cli.run("verify-blob", "--key", "k.pub", "--signature", "AAAA", "--output", "xml",
        file.toString()).expect(Main.USAGE);
    assertTrue(r.err().contains("--output must be text or json, got 'xml'"), r.err());
    assertTrue(r.err().contains("Usage: countersign verify-blob"), r.err());
  }

  @Test
  void digestWithoutFileIsAUsageError() {
    Cli.Result r = Cli.run("digest").expect(Main.USAGE);
    assertTrue(r.err().contains("FILE"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
