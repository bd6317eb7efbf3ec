package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgp import}: merging into a local keyring as gpg --import does. */
class PgpKeyringImportTest {
  @Test
  void revocationAndNewUserIdMergeAndGpgSeesTheRevokedKey(@TempDir Path dir) throws Exception {
    Path dest = dir.resolve("trusted.gpg");
    try (GpgPeer gpg = new GpgPeer(Files.createDirectory(dir.resolve("maker")))) {
      gpg.ok("--quick-gen-key", "Maker <maker@example.com>", "ed25519", "sign", "never");
      String fpr = gpg.listFingerprints().get(0);
      Path v1 = Files.write(dir.resolve("v1.asc"), gpg.ok("--armor", "--export", fpr));
      PgpKeyringImport.Result first = PgpKeyringImport.into(dest).importFiles(List.of(v1));
      assertEquals(List.of(fpr), first.added());
      assertEquals(List.of(fpr), PgpKeyringImport.into(dest).importFiles(List.of(v1)).unchanged());

      gpg.ok("--quick-add-uid", fpr, "Maker Two <two@example.com>");
      Path v2 = Files.write(dir.resolve("v2.gpg"), gpg.ok("--export", fpr));
      assertEquals(List.of(fpr), PgpKeyringImport.into(dest).importFiles(List.of(v2)).updated());
      assertEquals(2, PgpKeyring.read(dest).keys().get(0).userIds().size());

      GpgPeer.Run rev = gpg.runWithInput("y\n3\nretired\n\ny\n", "--armor", "--output",
          dir.resolve("rev.asc").toString(), "--gen-revoke", fpr);
      assertEquals(0, rev.exit(), rev.stderr());
      assertFalse(PgpKeyring.read(dest).keys().get(0).isRevoked());
      assertEquals(List.of(fpr), PgpKeyringImport.into(dest).importFiles(List.of(dir.resolve("rev.asc"))).updated());
      PgpKey revoked = PgpKeyring.read(dest).keys().get(0);
      assertTrue(revoked.isRevoked());
      assertTrue(revoked.revocationDescription().orElseThrow().contains("key retired: \"retired\""));
    }
    try (GpgPeer fresh = new GpgPeer(Files.createDirectory(dir.resolve("user")))) {
      fresh.ok("--import", dest.toString());
      String listing = new String(fresh.ok("--list-keys", "--with-colons"), StandardCharsets.UTF_8);
      assertTrue(listing.contains("pub:r:"), listing);
    }
  }

  @Test
  void secretKeysOnlyWhenAskedAndPublishedNamesAreChecked(@TempDir Path dir) throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("S <s@example.com>").build()
        .generate();
    Path secret = Files.write(dir.resolve("secret.gpg"), PgpKeyring.of(List.of(key)).secretBytes());
    Path dest = dir.resolve("ring.gpg");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PgpKeyringImport.into(dest).importFiles(List.of(secret)));
    assertTrue(e.getMessage().contains("secret key"), e.getMessage());
    assertFalse(Files.exists(dest), "nothing written when refused");
    PgpKeyringImport.into(dest).allowSecretKeys().importFiles(List.of(secret));
    assertTrue(PgpKeyring.read(dest).keys().get(0).hasSecretKey());

    Path published = PublishedKeyrings.write(dir, key);
    Path pubDest = dir.resolve("pub.gpg");
    assertEquals(List.of(key.fingerprint()), PgpKeyringImport.into(pubDest).importFiles(List.of(published)).added());
    PgpKey other = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("O <o@example.com>").build()
        .generate();
    Path lying = Files.write(Files.createDirectory(dir.resolve("lying")).resolve(PublishedKeyrings.fileName(key)),
        other.publicKeyringBytes());
    e = assertThrows(InvalidInputException.class, () -> PgpKeyringImport.into(pubDest).importFiles(List.of(lying)));
    assertTrue(e.getMessage().contains("not the key its name states"), e.getMessage());
    Path garbage = Files.write(dir.resolve("garbage.asc"), new byte[] {1, 2, 3, 4, 5});
    assertThrows(InvalidInputException.class, () -> PgpKeyringImport.into(pubDest).importFiles(List.of(garbage)));
  }
}
