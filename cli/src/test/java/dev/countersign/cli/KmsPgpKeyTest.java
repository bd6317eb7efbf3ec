package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PgpSignerKeys;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceLayout;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import dev.countersign.testing.servers.TestKms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenPGP key held in (local) AWS KMS through the real AWS SDK: the key packet is built from the KMS public
 * key, each OpenPGP signature is one KMS Sign, and GnuPG 2.2 verifies the Helm provenance it signs.
 */
class KmsPgpKeyTest {
  @RegisterExtension
  static final TestKms KMS = TestKms.start();

  @RegisterExtension
  static final SdkPointedAtTestKms SDK = SdkPointedAtTestKms.of(KMS);

  @TempDir
  Path dir;

  @Test
  void kmsHeldPgpKeySignsProvenanceThatGpgVerifies() throws Exception {
    for (String spec : List.of("ECC_NIST_P256", "RSA_3072")) {
      String alias = "alias/pgp-" + spec.toLowerCase().replace('_', '-');
      KMS.createAlias(alias, KMS.createKey(spec));
      Signer kms = KeyBackends.discover().signer("awskms:///" + alias, PasswordSource.none());

      int before = KMS.count("Sign");
      PgpKey key = PgpSignerKeys.create(kms, "KMS Release <kms@example.com>", Instant.now().minusSeconds(60));
      assertEquals(before + 1, KMS.count("Sign"), "the self-signature is one KMS Sign");
      PgpUnlockedKey unlocked = key.unlock(new char[0]);
      assertEquals("SHA256", unlocked.hashAlgorithm());

      byte[] archive = ("chart bytes for " + spec + "\n").getBytes(StandardCharsets.UTF_8);
      String name = "kms-0.1.0.tgz";
      String body = "apiVersion: v2\nname: kms\nversion: 0.1.0\n\n...\nfiles:\n  " + name + ": sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)) + "\n";
      String prov = Provenance.sign(body.getBytes(StandardCharsets.UTF_8), unlocked, ProvenanceLayout.HELM_3_CRC,
          Instant.now());
      assertEquals(before + 2, KMS.count("Sign"), "the provenance signature is one KMS Sign");

      Path work = Files.createDirectories(dir.resolve(spec));
      Files.write(work.resolve(name), archive);
      Files.writeString(work.resolve(name + ".prov"), prov);
      Files.write(work.resolve("key.gpg"), key.publicKeyringBytes());
      VerificationReport ours = ProvenanceVerifier.withKeyring(PgpKeyring.read(work.resolve("key.gpg")))
          .verify(work.resolve(name));
      assertTrue(ours.passed(), ours::toString);

      Path home = Files.createDirectory(work.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      try {
        gpg(home, "--import", work.resolve("key.gpg").toString());
        String status = gpg(home, "--status-fd", "1", "--verify", work.resolve(name + ".prov").toString());
        assertTrue(status.contains("[GNUPG:] VALIDSIG " + key.fingerprint()), status);
      } finally {
        new ProcessBuilder("/usr/bin/gpgconf", "--homedir", home.toString(), "--kill", "all")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            .waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs GnuPG (which must be installed: the test fails otherwise) and returns stdout; asserts exit 0. */
  private static String gpg(Path home, String... args) throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/gpg")), "GnuPG is required at /usr/bin/gpg");
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
    cmd.addAll(List.of(args));
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gpg timed out");
    assertEquals(0, p.exitValue(), () -> "gpg " + args[0] + " failed: " + readQuietly(err));
    return out;
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(stderr unreadable)";
    }
  }
}
