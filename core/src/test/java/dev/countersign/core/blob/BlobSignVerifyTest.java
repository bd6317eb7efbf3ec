package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifiers;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.testing.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlobSignVerifyTest {
  private static final byte[] ARTIFACT = "release artifact\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER = "release artifact!\n".getBytes(StandardCharsets.UTF_8);

  private static Signer signer(SignatureAlgorithm alg) {
    return Signers.of(TestKeys.forAlgorithm(alg), alg);
  }

  private static Status status(VerificationReport r, String check) {
    return r.check(check).map(VerificationCheck::status).orElseThrow(() -> new AssertionError(check + " in " + r));
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void signsAndVerifiesRawSignaturesAndBundles(SignatureAlgorithm alg, @TempDir Path dir) throws Exception {
    Signer s = signer(alg);
    Path file = Files.write(dir.resolve("artifact.bin"), ARTIFACT);
    BlobSignature sig = BlobSigner.of(s).sign(file);
    assertFalse(sig.base64().endsWith("\n"));
    DigestAlgorithm md = alg.digestAlgorithm().orElse(DigestAlgorithm.SHA256);
    assertEquals(Digest.compute(md, ARTIFACT), sig.artifactDigest());
    BlobVerifier v = BlobVerifier.of(Verifiers.of(s));

    VerificationReport raw = v.verifySignature(file, sig.base64() + "\n");
    assertEquals(Status.PASSED, status(raw, "signature"));
    VerificationReport bundle = v.verifyBundle(new ByteArrayInputStream(ARTIFACT), Bundle.parse(sig.bundleJson()));
    assertEquals(List.of("bundle", "key", "artifact-digest", "signature", "transparency-log", "timestamp"),
        bundle.checks().stream().map(VerificationCheck::name).toList());
    assertEquals(Status.PASSED, status(bundle, "key"));
    assertEquals(Status.NOT_PERFORMED, status(bundle, "transparency-log"));
    assertTrue(sig.bundleJson().contains("\"algorithm\":\"" + md.sigstoreName() + "\""));
    assertTrue(sig.bundleJson().contains("\"hint\":\"" + s.keyId().value() + "\""));
  }

  @Test
  void aTamperedArtifactFailsTheDigestAndSignatureChecksWithBothValues() {
    Signer s = signer(SignatureAlgorithm.ECDSA_P256_SHA256);
    BlobSignature sig = BlobSigner.of(s).sign(ARTIFACT);
    VerificationReport r = BlobVerifier.of(Verifiers.of(s)).checkBundle(new ByteArrayInputStream(OTHER),
        sig.toBundle());
    assertFalse(r.passed());
    VerificationCheck d = r.check("artifact-digest").get();
    assertEquals(Status.FAILED, d.status());
    assertEquals(Digest.compute(DigestAlgorithm.SHA256, ARTIFACT).toString(), d.expected().get());
    assertEquals(Digest.compute(DigestAlgorithm.SHA256, OTHER).toString(), d.actual().get());
    assertEquals(Status.FAILED, status(r, "signature"));
    VerificationException e = assertThrows(VerificationException.class,
        () -> BlobVerifier.of(Verifiers.of(s)).verifySignature(new ByteArrayInputStream(OTHER), sig.base64()));
    assertEquals("signature", e.report().failures().get(0).name());
  }

  @Test
  void anUntrustedKeyFailsEvenWhenTheHintNamesATrustedKey() {
    Signer trusted = signer(SignatureAlgorithm.ECDSA_P256_SHA256);
    Signer attacker = signer(SignatureAlgorithm.ED25519);
    BlobSignature forged = BlobSigner.of(attacker).sign(ARTIFACT);
    Bundle lying = Bundle.ofMessageSignature(VerificationMaterial.ofPublicKey(trusted.keyId()),
        forged.toBundle().messageSignature().get());
    VerificationReport r = BlobVerifier.of(Verifiers.of(trusted)).checkBundle(new ByteArrayInputStream(ARTIFACT),
        lying);
    assertFalse(r.passed(), r.toString());
    assertEquals(Status.FAILED, status(r, "signature"));
  }

  @Test
  void aHintThatIsNoTrustedKeyIdIsIgnored() {
    Signer s = signer(SignatureAlgorithm.RSA_PKCS1V15_SHA256);
    BlobSignature sig = BlobSigner.of(s).sign(ARTIFACT);
    Bundle relabelled = Bundle.ofMessageSignature(VerificationMaterial.ofPublicKeyHint("someone-else"),
        sig.toBundle().messageSignature().get());
    VerificationReport r = BlobVerifier.of(KeyResolver.of(Verifiers.of(signer(SignatureAlgorithm.ED25519)),
        Verifiers.of(s))).verifyBundle(new ByteArrayInputStream(ARTIFACT), relabelled);
    VerificationCheck key = r.check("key").get();
    assertEquals(Status.NOT_PERFORMED, key.status());
    assertTrue(key.detail().get().startsWith("hint ignored: not a trusted key id"), key.toString());
    assertEquals(Status.PASSED, status(r, "signature"));
  }

  @Test
  void failsWithoutAnyTrustedKey() {
    BlobSignature sig = BlobSigner.of(signer(SignatureAlgorithm.ED25519)).sign(ARTIFACT);
    VerificationReport r = BlobVerifier.of().checkBundle(new ByteArrayInputStream(ARTIFACT), sig.toBundle());
    assertFalse(r.passed());
    assertEquals(Status.FAILED, status(r, "key"));
    assertFalse(BlobVerifier.of(q -> List.of()).checkSignature(new ByteArrayInputStream(ARTIFACT), sig.base64())
        .passed());
  }

  @Test
  void refusesDsseBundlesAndBadSignatureText() {
    Signer s = signer(SignatureAlgorithm.ED25519);
    Bundle dsse = Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKey(s.keyId()),
        DsseEnvelope.sign(s, "text/plain", ARTIFACT));
    VerificationReport r = BlobVerifier.of(Verifiers.of(s)).checkBundle(new ByteArrayInputStream(ARTIFACT), dsse);
    assertEquals(Status.FAILED, status(r, "bundle"));
    BlobVerifier v = BlobVerifier.of(Verifiers.of(s));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> v.checkSignature(new ByteArrayInputStream(ARTIFACT), "not base64!"));
    assertTrue(e.getMessage().startsWith("signature is not valid base64"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> v.checkSignature(new ByteArrayInputStream(ARTIFACT), " \n"));
  }

  @Test
  void tracksTheHashOfTheSignatureForP384AndP521() {
    assertEquals(DigestAlgorithm.SHA384,
        BlobSigner.of(signer(SignatureAlgorithm.ECDSA_P384_SHA384)).sign(ARTIFACT).artifactDigest().algorithm());
    assertEquals(DigestAlgorithm.SHA512,
        BlobSigner.of(signer(SignatureAlgorithm.ECDSA_P521_SHA512)).sign(ARTIFACT).artifactDigest().algorithm());
    assertEquals(DigestAlgorithm.SHA256,
        BlobSigner.of(signer(SignatureAlgorithm.ECDSA_P521_SHA256)).sign(ARTIFACT).artifactDigest().algorithm());
  }

  /** 256 MiB generated on the fly and never held: signing and verifying stream it (hashing it once each). */
  @Test
  void signsAndVerifiesA256MiBStream() {
    long size = 256L << 20;
    Signer s = signer(SignatureAlgorithm.ECDSA_P256_SHA256);
    BlobSignature sig = BlobSigner.of(s).sign(new GeneratedStream(size, 7));
    BlobVerifier v = BlobVerifier.of(Verifiers.of(s));
    VerificationReport r = v.verifyBundle(new GeneratedStream(size, 7), sig.toBundle());
    assertEquals(Status.PASSED, status(r, "artifact-digest"));
    assertFalse(v.checkBundle(new GeneratedStream(size, 8), sig.toBundle()).passed());
  }

  /** A deterministic pseudo-random stream of a given length, produced block by block. */
  static final class GeneratedStream extends java.io.InputStream {
    private final long size;
    private long pos;
    private long state;

    GeneratedStream(long size, long seed) {
      this.size = size;
      this.state = seed;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
        b[off + i] = (byte) (state >>> 56);
      }
      pos += n;
      return n;
    }
  }
}
