package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code digest}: {@code <algorithm>:<hex>}, the same hex as coreutils' {@code sha*sum}. */
class DigestCommandTest {
  @TempDir
  Path dir;

  private Path file(int size) throws Exception {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return Files.write(dir.resolve("file-" + size), content);
  }

  private static String coreutils(String program, Path file) {
    String line = Tools.check(program, file.toString());
    return line.substring(0, line.indexOf(' '));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4096, 3 * 1024 * 1024 + 7})
  void sha256MatchesSha256sum(int size) throws Exception {
    Path f = file(size);
    Cli.Result r = Cli.run("digest", f.toString()).expect(0);
    assertEquals("sha256:" + coreutils("sha256sum", f) + System.lineSeparator(), r.out());
    assertEquals("", r.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha384", "sha512"})
  void otherAlgorithmsMatchCoreutils(String algorithm) throws Exception {
    Path f = file(1000);
    assertEquals(algorithm + ":" + coreutils(algorithm + "sum", f),
        Cli.run("digest", "--algorithm", algorithm, f.toString()).expect(0).out().strip());
  }

  @Test
  void missingFileIsAUsageError() {
    Path missing = dir.resolve("missing");
    Cli.Result r = Cli.run("digest", missing.toString()).expect(Main.USAGE);
    assertEquals("Error: cannot read " + missing + ": no such file", r.err().strip());
    assertEquals("", r.out());
  }

  @Test
  void directoryIsAUsageError() {
    assertEquals("Error: cannot read " + dir + ": it is a directory",
        Cli.run("digest", dir.toString()).expect(Main.USAGE).err().strip());
  }

  @Test
  void unsupportedAlgorithmIsAUsageError() throws Exception {
    Cli.Result r = Cli.run("digest", "--algorithm", "md5", file(10).toString()).expect(Main.USAGE);
    assertEquals("Error: unsupported digest algorithm 'md5' (supported: sha256, sha384, sha512)", r.err().strip());
  }
}
