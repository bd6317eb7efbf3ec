package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against REAL AWS KMS. Not run by default: the name ends in {@code IT}, which the surefire includes
 * ({@code *Test}, {@code *Tests}, {@code *Properties}) do not match and no failsafe execution is configured. Run it
 * explicitly with credentials and a Region in the environment (the SDK's default chains) and an existing asymmetric
 * SIGN_VERIFY key:
 *
 * <pre>
 * COUNTERSIGN_AWS_KMS_TEST_KEY=awskms:///alias/countersign-it \
 *   mvn -B verify -pl kms-aws -Dtest=AwsKmsRealKmsIT -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>When run without {@code COUNTERSIGN_AWS_KMS_TEST_KEY} it FAILS (it is never skipped silently). Needs
 * {@code kms:DescribeKey}, {@code kms:GetPublicKey}, {@code kms:Sign} and {@code kms:Verify} on the key; it creates
 * nothing.
 */
class AwsKmsRealKmsIT {
  static final String ENV = "COUNTERSIGN_AWS_KMS_TEST_KEY";
  private static String ref;
  private static final byte[] DATA = "countersign real KMS integration test".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  @BeforeAll
  static void requireKey() {
    ref = System.getenv(ENV);
    if (ref == null || ref.isBlank()) {
      throw new AssertionError(ENV + " is not set: this test runs only against real AWS KMS; set it to an"
          + " awskms:// reference of an asymmetric SIGN_VERIFY key (and AWS credentials and Region), or do not run"
          + " AwsKmsRealKmsIT");
    }
  }

  @Test
  void signsThroughDiscoveredBackendsAndVerifiesLocallyAndWithOpenssl() throws Exception {
    KeyBackends backends = KeyBackends.discover();
    Signer signer = backends.signer(ref, PasswordSource.none());
    BlobSignature sig = BlobSigner.of(signer).sign(DATA);
    backends.verifier(ref).verify(DATA, sig.signature());
    try (AwsKms kms = AwsKms.fromEnvironment()) {
      String pem = kms.keys().publicKeyPem(ref);
      Verifiers.of(PemKeys.readPublicKey(pem.getBytes(StandardCharsets.US_ASCII), "kms"), signer.algorithm())
          .verify(DATA, sig.signature());
      boolean pss = signer.algorithm().name().startsWith("RSA_PSS");
      String hash = signer.algorithm().digestAlgorithm().orElseThrow().ociName();
      assertTrue(OpenSslVerify.verify(tmp, pem, hash, pss, DATA, sig.signature()), "openssl verifies");
    }
  }

  @Test
  void remoteVerifyAgreesWithLocalVerify() {
    try (AwsKms kms = AwsKms.builder().remoteVerify(true).build()) {
      byte[] sig = kms.signer(ref).sign(DATA);
      Verifier remote = kms.verifier(ref);
      remote.verify(DATA, sig);
      byte[] bad = sig.clone();
      bad[bad.length / 2] ^= 1;
      assertThrows(VerificationException.class, () -> remote.verify(DATA, bad));
      assertEquals(Verifiers.of(remote.publicKey(), remote.algorithm()).keyId(), remote.keyId());
    }
  }

  @Test
  void aMissingAliasIsKeyNotFound() {
    try (AwsKms kms = AwsKms.fromEnvironment()) {
      AwsKmsKeyReference r = AwsKmsKeyReference.parse(ref);
      String missing = "awskms:///" + r.keyId().replaceFirst("(alias/.*|key/.*|[0-9a-f-]{36}|mrk-.*)$",
          "alias/countersign-it-missing-" + System.nanoTime());
      KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> kms.signer(missing));
      assertFalse(e.getMessage().contains("aws_secret"), e.getMessage());
    }
  }
}
