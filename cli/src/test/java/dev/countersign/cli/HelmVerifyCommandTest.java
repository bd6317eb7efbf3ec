package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm verify} on the chart and {@code .prov} that {@code helm package --sign} made (Helm's test data). */
class HelmVerifyCommandTest {
  @TempDir
  Path dir;

  private Path chart;
  private Path keyring;

  @BeforeEach
  void copyVectors() throws IOException {
    chart = copy("hashtest-1.2.3.tgz");
    copy("hashtest-1.2.3.tgz.prov");
    keyring = copy("helm-test-key.pub");
  }

  @Test
  void printsWhatHelmVerifyPrints() throws IOException {
    Cli.Result r = Cli.run("helm", "verify", "--keyring", keyring.toString(), chart.toString()).expect(0);
    String hash = Tools.check("sha256sum", chart.toString()).split(" ")[0];
    assertEquals("Signed by: Helm Testing (This key should only be used for testing. DO NOT TRUST.)"
        + " <helm-testing@helm.sh>\n"
        + "Using Key With Fingerprint: 5E615389B53CA37F0EE60BD3843BBF981FC18762\n"
        + "Chart Hash Verified: sha256:" + hash + "\n", r.out());
  }

  @Test
  void aChangedArchiveFailsWithExpectedAndActualDigests() throws IOException {
    byte[] bytes = Files.readAllBytes(chart);
    bytes[bytes.length / 2] ^= 1;
    Files.write(chart, bytes);
    Cli.Result r = Cli.run("helm", "verify", "--keyring", keyring.toString(), chart.toString()).expect(1);
    assertTrue(r.err().contains("archive-digest"), r.err());
    assertTrue(r.out().isEmpty(), r.out());
  }

  @Test
  void aKeyringWithoutTheSignerFailsAndJsonNamesEveryCheck() throws IOException {
    Path other = dir.resolve("other");
    Cli.run("pgp", "generate", "--name", "Someone Else", "--email", "else@example.com", "--algorithm", "ed25519",
        "--output-dir", other.toString()).expect(0);
    Path ring;
    try (var files = Files.list(other)) {
      ring = files.filter(p -> p.getFileName().toString().startsWith("keyring-")).findFirst().orElseThrow();
    }
    Cli.Result r = Cli.run("helm", "verify", "--keyring", ring.toString(), "-o", "json", chart.toString())
        .expect(1);
    assertTrue(r.out().matches("(?s).*\"verified\"\\s*:\\s*false.*"), r.out());
    assertTrue(r.out().contains("not in the keyring"), r.out());
    assertTrue(r.out().contains("\"archive-digest\""), r.out());
  }

  @Test
  void aMissingProvIsAVerificationFailureAndAMissingKeyringAUsageError() throws IOException {
    Files.delete(dir.resolve("hashtest-1.2.3.tgz.prov"));
    Cli.run("helm", "verify", "--keyring", keyring.toString(), chart.toString()).expect(1);
    Cli.run(Map.of("HOME", dir.toString()), new byte[0], "helm", "verify", chart.toString()).expect(2);
  }

  private Path copy(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = HelmVerifyCommandTest.class.getResourceAsStream("/helm/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
