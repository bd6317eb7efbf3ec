package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.pgp.helm.Provenance;
import dev.countersign.pgp.helm.ProvenanceLayout;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenPGP keys whose secret half is a core Signer: gpg imports them and verifies the .prov files they sign. */
class PgpSignerKeysTest {
  static final String ARCHIVE = "hashtest-1.2.3.tgz";

  /** A file-key Signer from core: the key written as PKCS#8 PEM and opened by the file key backend. */
  static Signer fileSigner(Path dir, SignatureAlgorithm alg) throws Exception {
    KeyPair kp = KeyGeneration.generate(alg);
    Path pem = dir.resolve(alg.id() + ".key");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
            kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return KeyBackends.discover().signer(pem.toString(), PasswordSource.none());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ecdsa-p256-sha256, SHA256", "rsa-pkcs1v15-sha256, SHA256", "ecdsa-p384-sha384, SHA384",
      "ed25519, SHA512"})
  void gpgImportsTheKeyAndVerifiesItsProvenance(String algorithm, String hash, @TempDir Path dir)
      throws Exception {
    Signer signer = fileSigner(dir, SignatureAlgorithm.parse(algorithm));
    Instant created = Instant.parse("2025-03-04T05:06:07Z");
    PgpKey key = PgpSignerKeys.create(signer, "Release <release@example.com>", created);
    assertEquals(created, key.creationTime());
    assertTrue(key.hasSecretKey() && key.signer().isPresent());
    PgpUnlockedKey unlocked = key.unlock(new char[0]);
    assertTrue(unlocked.isSignerBacked());
    assertEquals(hash, unlocked.hashAlgorithm());
    String prov = Provenance.sign(TestResources.helm("msgblock.yaml"), unlocked, ProvenanceLayout.HELM_3_CRC,
        Instant.now());
    assertTrue(prov.startsWith("-----BEGIN PGP SIGNED MESSAGE-----\nHash: " + hash + "\n\n"), prov);

    VerificationReport ours = ProvenanceVerifier.withKeyring(PgpKeyring.read(key.publicKeyringBytes()))
        .verify(prov.getBytes(StandardCharsets.UTF_8), new ByteArrayInputStream(TestResources.helm(ARCHIVE)),
            ARCHIVE);
    assertTrue(ours.passed(), ours::toString);

    try (GpgPeer gpg = new GpgPeer(Files.createDirectory(dir.resolve("gnupg")))) {
      Files.write(dir.resolve("key.pub"), key.publicKeyringBytes());
      gpg.ok("--import", dir.resolve("key.pub").toString());
      assertEquals(List.of(key.fingerprint()), gpg.listFingerprints());
      Path file = dir.resolve(ARCHIVE + ".prov");
      Files.writeString(file, prov);
      String status = gpg.run("--status-fd", "1", "--verify", file.toString()).out();
      assertTrue(status.contains("[GNUPG:] GOODSIG") && status.contains("[GNUPG:] VALIDSIG " + key.fingerprint()),
          status);
      Files.writeString(file, prov.replace("name: hashtest", "name: hashtesx"));
      assertTrue(gpg.run("--status-fd", "1", "--verify", file.toString()).out().contains("[GNUPG:] BADSIG"));
    }
  }

  @Test
  void attachRebindsAPublishedKeyToItsSignerOnly(@TempDir Path dir) throws Exception {
    Signer signer = fileSigner(dir, SignatureAlgorithm.ECDSA_P256_SHA256);
    PgpKey made = PgpSignerKeys.create(signer, "Release <release@example.com>", Instant.now());
    PgpKey published = PgpKeyring.read(made.publicKeyringArmored().getBytes(StandardCharsets.US_ASCII)).keys().get(0);
    assertEquals(made.fingerprint(), PgpSignerKeys.attach(published, signer).fingerprint());
    Signer other = Signers.of(KeyGeneration.generate());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PgpSignerKeys.attach(published, other));
    assertTrue(e.getMessage().contains("is not the signing key " + made.fingerprint()), e.getMessage());
  }

  @Test
  void signersThatCannotMakeOpenPgpSignaturesAreRefused() {
    Signer pss = Signers.of(KeyGeneration.generate(SignatureAlgorithm.RSA_PSS_SHA256, 2048),
        SignatureAlgorithm.RSA_PSS_SHA256);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PgpSignerKeys.create(pss, "P <p@example.com>", Instant.now()));
    assertTrue(e.getMessage().contains("PKCS#1 v1.5"), e.getMessage());

    Signer ed = Signers.of(KeyGeneration.generate(SignatureAlgorithm.ED25519));
    Signer digestOnly = new Signer() {
      @Override
      public SignatureAlgorithm algorithm() {
        return ed.algorithm();
      }

      @Override
      public PublicKey publicKey() {
        return ed.publicKey();
      }

      @Override
      public byte[] signDigest(Digest digest) {
        return ed.signDigest(digest);
      }
    };
    e = assertThrows(InvalidInputException.class,
        () -> PgpSignerKeys.create(digestOnly, "E <e@example.com>", Instant.now()));
    assertTrue(e.getMessage().contains("signs whole messages"), e.getMessage());
  }
}
