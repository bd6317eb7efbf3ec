package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedKeyringsTest {
  @TempDir Path dir;

  static PgpKey key(String name, String created) {
    return PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId(name + " <" + name + "@example.com>")
        .creationTime(Instant.parse(created)).build().generate();
  }

  @Test
  void nameStatesUtcCreationDateAndFingerprint() {
    PgpKey k = key("a", "2024-03-05T23:59:58Z");
    assertEquals("keyring-2024-03-05-" + k.fingerprint() + ".gpg", PublishedKeyrings.fileName(k));
    Path f = PublishedKeyrings.write(dir, k);
    assertEquals(k.fingerprint(), PublishedKeyrings.importFile(f).fingerprint());
  }

  @Test
  void helmVectorKeepsItsName() throws Exception {
    PgpKey helm = PgpKeyring.read(TestResources.helm("helm-test-key.pub")).keys().get(0);
    assertEquals("keyring-2016-07-25-5E615389B53CA37F0EE60BD3843BBF981FC18762.gpg", PublishedKeyrings.fileName(helm));
  }

  @Test
  void directoryIsReadNewestFirstSkippingExpired() throws Exception {
    PgpKey old = key("old", "2020-01-01T00:00:00Z");
    PgpKey mid = key("mid", "2022-06-01T12:00:00Z");
    PgpKey latest = key("new", "2024-01-01T00:00:00Z");
    for (PgpKey k : List.of(mid, latest, old)) {
      PublishedKeyrings.write(dir, k);
    }
    // the Ed25519 Helm key expires in 2028
    PgpKey expiring = PgpKeyring.read(TestResources.helm("helm-mixed-keyring.pub")).select("helm-ed25519");
    PublishedKeyrings.write(dir, expiring);
    Files.writeString(dir.resolve("README.txt"), "not a keyring");
    List<String> now = PublishedKeyrings.readDirectory(dir, Instant.parse("2026-01-01T00:00:00Z")).stream()
        .map(PgpKey::fingerprint).toList();
    assertEquals(List.of(expiring.fingerprint(), latest.fingerprint(), mid.fingerprint(), old.fingerprint()), now);
    List<String> later = PublishedKeyrings.readDirectory(dir, Instant.parse("2030-01-01T00:00:00Z")).stream()
        .map(PgpKey::fingerprint).toList();
    assertEquals(List.of(latest.fingerprint(), mid.fingerprint(), old.fingerprint()), later);
  }

  @Test
  void importRefusesWrongNamesAndContents() throws Exception {
    PgpKey a = key("a", "2024-03-05T10:00:00Z");
    PgpKey b = key("b", "2024-03-05T11:00:00Z");
    Path wrongKey = Files.write(dir.resolve(PublishedKeyrings.fileName(a)), b.publicKeyringBytes());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(wrongKey));
    assertEquals(wrongKey.getFileName() + " holds key " + b.fingerprint() + ", not the key its name states",
        e.getMessage());

    Path wrongDate = Files.write(dir.resolve("keyring-2024-03-06-" + a.fingerprint() + ".gpg"), a.publicKeyringBytes());
    e = assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(wrongDate));
    assertTrue(e.getMessage().contains("created on 2024-03-05"), e.getMessage());

    Path lower = Files.write(dir.resolve("keyring-2024-03-05-" + a.fingerprint().toLowerCase() + ".gpg"),
        a.publicKeyringBytes());
    assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(lower));

    Path two = Files.write(dir.resolve(PublishedKeyrings.fileName(b)),
        PgpKeyring.of(List.of(b, a)).publicBytes());
    e = assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(two));
    assertTrue(e.getMessage().contains("holds 2 keys"), e.getMessage());

    Files.delete(two);
    Path secret = Files.write(dir.resolve(PublishedKeyrings.fileName(b)), PgpKeyring.of(List.of(b)).secretBytes());
    e = assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(secret));
    assertTrue(e.getMessage().contains("secret key"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> PublishedKeyrings.readDirectory(dir, Instant.now()));
  }
}
