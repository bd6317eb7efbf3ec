package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.pgp.internal.Bc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.junit.jupiter.api.Test;

class PgpKeyGeneratorTest {
  static final Instant CREATED = Instant.parse("2024-03-05T23:59:58Z");

  @Test
  void ed25519KeyWithPassphrase() {
    char[] pw = "correct horse".toCharArray();
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Alice <alice@example.com>")
        .passphrase(pw).creationTime(CREATED).build().generate();
    assertEquals("Ed25519", key.algorithm());
    assertEquals(List.of("Alice <alice@example.com>"), key.userIds());
    assertEquals(CREATED, key.creationTime());
    assertEquals(40, key.fingerprint().length());
    assertTrue(key.hasSecretKey());
    assertThrows(WrongPasswordException.class, () -> key.unlock("wrong".toCharArray()));
    assertEquals(key.fingerprint(), key.unlock(pw).signingKeyFingerprint());
    assertEquals(0, new String(pw).replace("\0", "").length());
    assertFalse(key.toString().contains("correct"));
  }

  @Test
  void rsa4096WithoutPassphraseRoundTripsArmoredSecret() {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.RSA_4096).userId("Bob <bob@example.com>")
        .build().generate();
    assertEquals("RSA-4096", key.algorithm());
    String armored = PgpKeyring.of(List.of(key)).secretArmored();
    assertTrue(armored.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"), armored.substring(0, 60));
    assertFalse(armored.contains("Version"));
    PgpKey again = PgpKeyring.read(armored.getBytes(StandardCharsets.US_ASCII)).select("Bob");
    assertEquals(key.fingerprint(), again.unlock(new char[0]).signingKeyFingerprint());
    String pub = key.publicKeyringArmored();
    assertTrue(pub.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"));
    assertFalse(PgpKeyring.read(pub.getBytes(StandardCharsets.US_ASCII)).hasSecretKeys());
  }

  @Test
  void userIdMustBeNameAndEmail() {
    for (String bad : new String[] {"", "alice", "<a@b>", "Alice <alice>", "A <a@b> <c@d>", "A\n <a@b.c>"}) {
      assertThrows(InvalidInputException.class, () -> PgpKeyGenerator.builder().userId(bad), bad);
    }
    assertThrows(NullPointerException.class,
        () -> PgpKeyGenerator.builder().userId("A <a@b.c>").build()); // no algorithm
  }

  @Test
  void revokedKeyIsRefusedForSigningSayingWhen() throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("Rev <rev@example.com>")
        .creationTime(CREATED).build().generate();
    PgpUnlockedKey unlocked = key.unlock(new char[0]);
    PGPSignatureGenerator gen = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
        unlocked.bcPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512).setProvider(Bc.provider()),
        unlocked.bcPublicKey());
    gen.init(PGPSignature.KEY_REVOCATION, unlocked.bcPrivateKey());
    PGPSignature revocation = gen.generateCertification(unlocked.bcPublicKey());
    PGPPublicKey revokedKey = PGPPublicKey.addCertification(unlocked.bcPublicKey(), revocation);
    PGPPublicKeyRing ring = PGPPublicKeyRing.insertPublicKey(key.bcPublicKeyRing(), revokedKey);
    PgpKey revoked = PgpKeyring.read(ring.getEncoded()).keys().get(0);
    assertTrue(revoked.isRevoked());
    assertEquals(revocation.getCreationTime().toInstant(), revoked.revocationTime().orElseThrow());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> revoked.signingKeyFingerprint(Instant.now()));
    assertTrue(e.getMessage().contains(key.fingerprint() + " was revoked on "
        + revocation.getCreationTime().toInstant()), e.getMessage());
    assertFalse(key.isRevoked());
  }

  @Test
  void forgedRevocationIsIgnored() throws Exception {
    PgpKey key = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519).userId("K <k@example.com>")
        .build().generate();
    PgpUnlockedKey other = PgpKeyGenerator.builder().algorithm(PgpKeyAlgorithm.ED25519)
        .userId("M <m@example.com>").build().generate().unlock(new char[0]);
    PGPSignatureGenerator gen = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
        other.bcPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512).setProvider(Bc.provider()),
        other.bcPublicKey());
    gen.init(PGPSignature.KEY_REVOCATION, other.bcPrivateKey());
    PGPPublicKey target = key.bcPublicKeyRing().getPublicKey();
    PGPPublicKey withForged = PGPPublicKey.addCertification(target, gen.generateCertification(target));
    PgpKey k = PgpKeyring.read(PGPPublicKeyRing.insertPublicKey(key.bcPublicKeyRing(), withForged).getEncoded())
        .keys().get(0);
    assertFalse(k.isRevoked());
    assertEquals(key.fingerprint(), k.signingKeyFingerprint(Instant.now()));
  }
}
