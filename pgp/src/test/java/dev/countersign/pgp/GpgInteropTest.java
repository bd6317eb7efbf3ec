package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys cross GnuPG 2.2 both ways: gpg's exports load here, our keys import into gpg. */
class GpgInteropTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"rsa3072", "ed25519"})
  void gpgKeysLoadInEveryExportForm(String algo) throws Exception {
    Path home = Files.createDirectory(tmp.resolve("g"));
    try (GpgPeer gpg = new GpgPeer(home)) {
      gpg.ok("--quick-gen-key", "Other <other@example.com>", "rsa2048", "sign", "never");
      gpg.ok("--quick-gen-key", "T <t@example.com>", algo, "sign", "never");
      List<String> fprs = gpg.listFingerprints();
      assertEquals(2, fprs.size(), fprs::toString);
      String fpr = fprs.get(1);
      String expectedAlg = algo.equals("rsa3072") ? "RSA-3072" : "Ed25519";
      String[][] forms = {{"--export"}, {"--export", "--armor"}, {"--export-secret-keys"},
          {"--export-secret-keys", "--armor"}};
      for (String[] form : forms) {
        byte[] exported = gpg.ok(form);
        PgpKeyring ring = PgpKeyring.read(exported);
        assertEquals(2, ring.keys().size(), String.join(" ", form));
        PgpKey key = ring.select("T <t@example.com>");
        assertEquals(fpr, key.fingerprint(), String.join(" ", form));
        assertEquals(fpr, ring.select(fpr.toLowerCase()).fingerprint());
        assertEquals(fpr.substring(24), ring.select(fpr.substring(24)).keyId());
        assertEquals(expectedAlg, key.algorithm());
        assertEquals(List.of("T <t@example.com>"), key.userIds());
        assertEquals(fpr, key.signingKeyFingerprint(Instant.now()));
        boolean secret = form[0].equals("--export-secret-keys");
        assertEquals(secret, key.hasSecretKey());
        if (secret) {
          assertEquals(fpr, key.unlock(new char[0]).signingKeyFingerprint());
        }
      }
    }
  }

  @Test
  void gpgSigningSubkeyIsChosen() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("g"));
    try (GpgPeer gpg = new GpgPeer(home)) {
      gpg.ok("--quick-gen-key", "S <s@example.com>", "ed25519", "cert", "never");
      String fpr = gpg.listFingerprints().get(0);
      gpg.ok("--quick-add-key", fpr, "ed25519", "sign", "never");
      String colons = new String(gpg.ok("--list-keys", "--with-colons"), StandardCharsets.UTF_8);
      String subFpr = colons.split("\nsub:")[1].split("\nfpr:")[1].split(":")[8];
      PgpKey key = PgpKeyring.read(gpg.ok("--export-secret-keys")).select("S <");
      assertEquals(fpr, key.fingerprint());
      assertEquals(subFpr, key.signingKeyFingerprint(Instant.now()));
      assertEquals(subFpr, key.unlock(new char[0]).signingKeyFingerprint());
    }
  }

  @ParameterizedTest
  @EnumSource(PgpKeyAlgorithm.class)
  void ourKeysImportIntoGpg(PgpKeyAlgorithm algorithm) throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(algorithm).userId("Ours <ours@example.com>")
        .passphrase("pw".toCharArray()).build().generate();
    Path home = Files.createDirectory(tmp.resolve("g"));
    try (GpgPeer gpg = new GpgPeer(home)) {
      Path bin = Files.write(tmp.resolve("pub.gpg"), key.publicKeyringBytes());
      Path asc = Files.writeString(tmp.resolve("pub.asc"), key.publicKeyringArmored());
      GpgPeer.Run r = gpg.run("--import", bin.toString());
      assertEquals(0, r.exit(), r.stderr());
      assertEquals(List.of(key.fingerprint()), gpg.listFingerprints());
      gpg.ok("--delete-keys", "--yes", key.fingerprint());
      assertEquals(0, gpg.run("--import", asc.toString()).exit());
      assertEquals(List.of(key.fingerprint()), gpg.listFingerprints());
      String colons = new String(gpg.ok("--list-keys", "--with-colons"), StandardCharsets.UTF_8);
      assertTrue(colons.contains("Ours <ours@example.com>"), colons);
      assertTrue(colons.contains(":scSC:") || colons.contains(":scSC"), colons);
      String algoField = colons.split("\n")[1].split(":")[3];
      assertEquals(algorithm == PgpKeyAlgorithm.ED25519 ? "22" : "1", algoField, colons);
    }
  }

  @Test
  void ourSecretKeyImportsIntoGpgWithItsPassphrase() throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Sec <sec@example.com>")
        .passphrase("pw".toCharArray()).build().generate();
    Path home = Files.createDirectory(tmp.resolve("g"));
    try (GpgPeer gpg = new GpgPeer(home)) {
      Path sec = Files.write(tmp.resolve("sec.gpg"), PgpKeyring.of(List.of(key)).secretBytes());
      assertEquals(0, gpg.run("--import", sec.toString()).exit());
      Path data = Files.writeString(tmp.resolve("data.txt"), "hello");
      // gpg must open our encrypted key with "pw" to sign; the empty default passphrase must fail
      GpgPeer.Run bad = gpg.run("--detach-sign", "-o", tmp.resolve("bad.sig").toString(), data.toString());
      assertTrue(bad.exit() != 0, "gpg signed with an empty passphrase");
      GpgPeer.Run good = gpg.run("--passphrase", "pw", "--detach-sign", "-o", tmp.resolve("d.sig").toString(),
          data.toString());
      assertEquals(0, good.exit(), good.stderr());
    }
  }
}
