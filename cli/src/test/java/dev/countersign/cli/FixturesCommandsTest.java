package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.testing.SignedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fixtures sign} then {@code fixtures verify}; the manifest is what SignedFixtures reads. */
class FixturesCommandsTest {
  @TempDir
  static Path keys;
  static String key;
  static String pub;

  @TempDir
  Path dir;

  @BeforeAll
  static void generate() {
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", keys.resolve("cosign").toString()).expect(0);
    key = keys.resolve("cosign.key").toString();
    pub = keys.resolve("cosign.pub").toString();
  }

  private Path fixtures() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("sub/b.txt"), "b");
    return dir;
  }

  @Test
  void signThenVerifyAndTheSdkAgrees() throws Exception {
    Cli.Result signed = Cli.withPassword("pw", "fixtures", "sign", "--key", key, fixtures().toString()).expect(0);
    assertTrue(signed.err().contains(SignedFixtures.MANIFEST), signed.err());
    Cli.Result ok = Cli.run("fixtures", "verify", "--key", pub, dir.toString()).expect(0);
    assertEquals("Verified OK", ok.err().strip());
    var publicKey = PemKeys.readPublicKey(Files.readAllBytes(Path.of(pub)), "cosign.pub");
    assertTrue(SignedFixtures.check(dir, Verifiers.of(publicKey)).passed());
  }

  @Test
  void changesAreListedAndExitIsOne() throws Exception {
    Cli.withPassword("pw", "fixtures", "sign", "--key", key, fixtures().toString()).expect(0);
    Files.writeString(dir.resolve("a.txt"), "A");
    Files.writeString(dir.resolve("sub/new.txt"), "n");
    Files.delete(dir.resolve("sub/b.txt"));
    Cli.Result r = Cli.run("fixtures", "verify", "--key", pub, "-o", "json", dir.toString()).expect(1);
    assertTrue(r.err().contains("1 added: sub/new.txt"), r.err());
    assertTrue(r.err().contains("1 removed: sub/b.txt"), r.err());
    assertTrue(r.err().contains("1 changed: a.txt"), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.toString().contains("fixtures-changed"), r.out());
  }

  @Test
  void symlinksAndMissingKeysAreBadInput(@TempDir Path outside) throws Exception {
    fixtures();
    Files.createSymbolicLink(dir.resolve("link"), outside);
    Cli.Result r = Cli.withPassword("pw", "fixtures", "sign", "--key", key, dir.toString()).expect(2);
    assertTrue(r.err().contains("symbolic link in fixtures: link"), r.err());
    Cli.run("fixtures", "verify", dir.toString()).expect(2);
  }

  @Test
  void unsignedDirectoryFailsVerification() throws Exception {
    Cli.Result r = Cli.run("fixtures", "verify", "--key", pub, fixtures().toString()).expect(1);
    assertTrue(r.err().contains("fixtures-manifest: FAILED"), r.err());
  }
}
