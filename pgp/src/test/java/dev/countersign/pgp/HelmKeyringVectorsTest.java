package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.WrongPasswordException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's own test keyrings (pkg/provenance/testdata), GnuPG 1 binary format. */
class HelmKeyringVectorsTest {
  static final String HELM_FPR = "5E615389B53CA37F0EE60BD3843BBF981FC18762";
  static final String HELM_UID =
      "Helm Testing (This key should only be used for testing. DO NOT TRUST.) <helm-testing@helm.sh>";

  @Test
  void publicKeyringOfHelmTestKey() {
    PgpKeyring ring = PgpKeyring.read(TestResources.helm("helm-test-key.pub"));
    assertEquals(1, ring.keys().size());
    PgpKey key = ring.select("helm-test");
    assertEquals(HELM_FPR, key.fingerprint());
    assertEquals("843BBF981FC18762", key.keyId());
    assertEquals(List.of(HELM_UID), key.userIds());
    assertEquals(Instant.ofEpochSecond(1469476254), key.creationTime());
    assertEquals("RSA-2048", key.algorithm());
    assertTrue(key.expiry().isEmpty());
    assertFalse(key.isRevoked());
    assertFalse(key.hasSecretKey());
    // the only subkey is encryption-only: the primary signs
    assertEquals(HELM_FPR, key.signingKeyFingerprint(Instant.now()));
    assertThrows(InvalidInputException.class, () -> key.unlock(new char[0]));
  }

  @Test
  void secretKeyringUnlocksWithoutPassphrase() {
    PgpKeyring ring = PgpKeyring.read(TestResources.helm("helm-test-key.secret"));
    assertTrue(ring.hasSecretKeys());
    PgpKey key = ring.select("helm-testing@helm.sh");
    PgpUnlockedKey unlocked = key.unlock(new char[0]);
    assertEquals(HELM_FPR, unlocked.signingKeyFingerprint());
    assertEquals(0x843BBF981FC18762L, unlocked.bcPrivateKey().getKeyID());
    assertFalse(unlocked.toString().contains("PrivateKey@"));
  }

  @Test
  void selectionByFingerprintAndKeyId() {
    PgpKeyring ring = PgpKeyring.read(TestResources.helm("helm-test-key.secret"));
    assertEquals(HELM_FPR, ring.select(HELM_FPR.toLowerCase()).fingerprint());
    assertEquals(HELM_FPR, ring.select("0x" + HELM_FPR).fingerprint());
    assertEquals(HELM_FPR, ring.select("843bbf981fc18762").fingerprint());
    assertEquals(HELM_FPR, ring.select("09B0608CD125E546").fingerprint()); // the subkey's id
    assertThrows(KeyNotFoundException.class, () -> ring.select("0000000000000000"));
    assertThrows(KeyNotFoundException.class, () -> ring.select("HELM-TESTING")); // case-sensitive
  }

  @Test
  void passwordKeyNeedsItsPassphrase() {
    PgpKey key = PgpKeyring.read(TestResources.helm("helm-password-key.secret")).select("password key");
    assertEquals(List.of("password key (fake) <fake@helm.sh>"), key.userIds());
    char[] wrong = "Secret".toCharArray();
    assertThrows(WrongPasswordException.class, () -> key.unlock(wrong));
    assertEquals("\0\0\0\0\0\0", new String(wrong));
    assertThrows(WrongPasswordException.class, () -> key.unlock(new char[0]));
    char[] right = "secret".toCharArray();
    PgpUnlockedKey unlocked = key.unlock(right);
    assertEquals("E18D0BE258CB62933597C3527A891631B10DA2B1", unlocked.signingKeyFingerprint());
    assertEquals("\0\0\0\0\0\0", new String(right));
  }

  @Test
  void mixedKeyringHasRsaAndEd25519() {
    PgpKeyring ring = PgpKeyring.read(TestResources.helm("helm-mixed-keyring.pub"));
    assertEquals(2, ring.keys().size());
    assertEquals("RSA-2048", ring.select("helm-testing@").algorithm());
    PgpKey ed = ring.select("helm-ed25519@helm.sh");
    assertEquals("Ed25519", ed.algorithm());
    assertEquals("4CBE754C25580C6C878DE711FB856812CE2FCB64", ed.fingerprint());
    assertEquals(Instant.ofEpochSecond(1852861019), ed.expiry().orElseThrow());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ring.select("Helm"));
    assertEquals("more than one key contain the id Helm", e.getMessage());
    // expired after 2028-09-18: refused for signing, saying which key and when
    InvalidInputException exp = assertThrows(InvalidInputException.class,
        () -> ed.signingKeyFingerprint(Instant.ofEpochSecond(1852861019L + 1)));
    assertTrue(exp.getMessage().contains("4CBE754C25580C6C878DE711FB856812CE2FCB64"), exp.getMessage());
    assertTrue(exp.getMessage().contains("expired on 2028-09-18"), exp.getMessage());
    assertTrue(ed.isExpired(Instant.ofEpochSecond(1852861019L)));
  }

  @Test
  void armoredRoundTripKeepsKeys() {
    PgpKeyring ring = PgpKeyring.read(TestResources.helm("helm-mixed-keyring.pub"));
    String armored = ring.publicArmored();
    assertTrue(armored.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"), armored);
    assertFalse(armored.contains("Version:"));
    PgpKeyring again = PgpKeyring.read(armored.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(ring.keys().stream().map(PgpKey::fingerprint).toList(),
        again.keys().stream().map(PgpKey::fingerprint).toList());
  }
}
