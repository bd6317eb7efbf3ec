package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.testing.servers.KmsRequest;
import dev.countersign.testing.servers.TestKms;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsKmsSigningTest {
  @RegisterExtension
  static final TestKms LOCAL = TestKms.start();

  @TempDir
  Path tmp;

  private static String alias(String spec) {
    String name = "alias/test-" + spec.toLowerCase() + "-" + System.nanoTime();
    LOCAL.createAlias(name, LOCAL.createKey(spec));
    return name;
  }

  @ParameterizedTest
  @CsvSource({
      "ECC_NIST_P256, ECDSA_P256_SHA256, sha256",
      "ECC_NIST_P384, ECDSA_P384_SHA384, sha384",
      "ECC_NIST_P521, ECDSA_P521_SHA512, sha512",
      "RSA_2048, RSA_PKCS1V15_SHA256, sha256",
      "RSA_3072, RSA_PKCS1V15_SHA256, sha256",
      "RSA_4096, RSA_PKCS1V15_SHA256, sha256"})
  void signsBlobsThroughKeyBackendsAndOpensslAgrees(String spec, SignatureAlgorithm expected, String hash)
      throws Exception {
    String ref = "awskms:///" + alias(spec);
    byte[] data = ("artifact for " + spec).getBytes(StandardCharsets.UTF_8);
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      KeyBackends backends = KeyBackends.builder().register(new AwsKmsKeyProvider(kms)).build();
      Signer signer = backends.signer(ref, PasswordSource.none());
      assertEquals(expected, signer.algorithm());
      LOCAL.clearRequests();
      BlobSignature sig = BlobSigner.of(signer).sign(data);
      assertEquals(1, LOCAL.count("Sign"));
      assertEquals(0, LOCAL.count("DescribeKey") + LOCAL.count("GetPublicKey"), "served from the cache");

      String pem = kms.keys().publicKeyPem(ref);
      PublicKey exported = PemKeys.readPublicKey(pem.getBytes(StandardCharsets.US_ASCII), "exported");
      assertArrayEquals(PemKeys.readPublicKey(LOCAL.publicKeyPem(ref.substring(10)).getBytes(StandardCharsets.US_ASCII),
          "server").getEncoded(), exported.getEncoded());
      Verifiers.of(exported, expected).verify(data, sig.signature());
      backends.verifier(ref).verify(data, sig.signature());
      assertTrue(OpenSslVerify.verify(tmp, pem, hash, false, data, sig.signature()), "openssl verifies");
      assertFalse(OpenSslVerify.verify(tmp, pem, hash, false, "other".getBytes(StandardCharsets.UTF_8),
          sig.signature()), "openssl rejects other data");
    }
  }

  @Test
  void describeAndGetPublicKeyOncePerTtlAndOneSignPerSignature() {
    String ref = "awskms:///" + alias("ECC_NIST_P256");
    LocalAwsKms.MovableClock clock = new LocalAwsKms.MovableClock();
    LOCAL.clearRequests();
    try (AwsKms kms = LocalAwsKms.builder(LOCAL, clock).build()) {
      Signer signer = kms.signer(ref);
      for (int i = 0; i < 5; i++) {
        signer.sign(("message " + i).getBytes(StandardCharsets.UTF_8));
      }
      kms.signer(ref).sign(new byte[] {1});
      kms.verifier(ref);
      assertEquals(1, LOCAL.count("DescribeKey"));
      assertEquals(1, LOCAL.count("GetPublicKey"));
      assertEquals(6, LOCAL.count("Sign"));

      clock.advance(AwsKms.DEFAULT_CACHE_TTL.minusSeconds(1));
      signer.sign(new byte[] {2});
      assertEquals(1, LOCAL.count("DescribeKey"), "still within the 10 minute default TTL");
      clock.advance(Duration.ofSeconds(1));
      signer.sign(new byte[] {3});
      assertEquals(2, LOCAL.count("DescribeKey"));
      assertEquals(2, LOCAL.count("GetPublicKey"));
      assertEquals(8, LOCAL.count("Sign"));
      for (KmsRequest r : LOCAL.requests()) {
        assertTrue(r.succeeded(), r.toString());
      }
    }
  }

  @Test
  void signingALargeStreamSendsOnlyTheDigest() {
    String ref = "awskms:///" + alias("ECC_NIST_P256");
    long size = 64L * 1024 * 1024;
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      Signer signer = kms.signer(ref);
      LOCAL.clearRequests();
      byte[] sig = signer.sign(new PseudoRandomStream(size, 7));
      List<KmsRequest> signs = LOCAL.requests("Sign");
      assertEquals(1, signs.size());
      assertTrue(signs.get(0).requestBodyBytes() < 1024, "Sign body: " + signs.get(0).requestBodyBytes());
      assertEquals(1, LOCAL.requests().size(), "nothing but one Sign request");
      kms.verifier(ref).verify(new PseudoRandomStream(size, 7), sig);
      assertThrows(VerificationException.class, () -> kms.verifier(ref).verify(new PseudoRandomStream(size, 8), sig));
    }
  }

  @Test
  void rsaPssCanBePinned() throws Exception {
    String ref = "awskms:///" + alias("RSA_3072");
    byte[] data = "pss".getBytes(StandardCharsets.UTF_8);
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      String pem = kms.keys().publicKeyPem(ref);
      for (SignatureAlgorithm a : List.of(SignatureAlgorithm.RSA_PSS_SHA256, SignatureAlgorithm.RSA_PSS_SHA384,
          SignatureAlgorithm.RSA_PSS_SHA512, SignatureAlgorithm.RSA_PKCS1V15_SHA512)) {
        Signer signer = kms.signer(ref, a);
        assertEquals(a, signer.algorithm());
        byte[] sig = signer.sign(data);
        kms.verifier(ref, a).verify(data, sig);
        Verifiers.of(signer.publicKey(), a).verify(data, sig);
        boolean pss = a.name().startsWith("RSA_PSS");
        String hash = a.digestAlgorithm().orElseThrow().ociName();
        assertTrue(OpenSslVerify.verify(tmp, pem, hash, pss, data, sig), "openssl verifies " + a);
        if (pss) {
          assertFalse(OpenSslVerify.verify(tmp, pem, hash, false, data, sig), "not a PKCS#1 v1.5 signature");
        }
      }
      byte[] pssSig = kms.signer(ref, SignatureAlgorithm.RSA_PSS_SHA256).sign(data);
      assertThrows(VerificationException.class, () -> kms.verifier(ref).verify(data, pssSig),
          "the default (PKCS#1 v1.5) verifier rejects a PSS signature");
    }
  }

  @Test
  void algorithmsTheKeyDoesNotListAreRefused() {
    String p384 = "awskms:///" + alias("ECC_NIST_P384");
    String rsa = "awskms:///" + alias("RSA_2048");
    try (AwsKms kms = LocalAwsKms.of(LOCAL)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> kms.signer(p384, SignatureAlgorithm.ECDSA_P384_SHA256));
      assertTrue(e.getMessage().contains(LOCAL.keyArn(p384.substring(10))), e.getMessage());
      assertTrue(e.getMessage().contains("ECDSA_SHA_384"), e.getMessage());
      assertThrows(InvalidInputException.class, () -> kms.signer(rsa, SignatureAlgorithm.ECDSA_P256_SHA256));
      assertThrows(InvalidInputException.class, () -> kms.signer(rsa, SignatureAlgorithm.ED25519));
      assertThrows(InvalidInputException.class, () -> kms.signer(p384).signDigest(
          Digest.compute(DigestAlgorithm.SHA256, new byte[1])), "a SHA-256 digest for a SHA-384 signer");
    }
  }

  @Test
  void anAliasMovedToAnotherSpecNeverYieldsAWrongSignature() {
    String name = alias("ECC_NIST_P256");
    String ref = "awskms:///" + name;
    LocalAwsKms.MovableClock clock = new LocalAwsKms.MovableClock();
    byte[] data = "moved".getBytes(StandardCharsets.UTF_8);
    try (AwsKms kms = LocalAwsKms.builder(LOCAL, clock).build()) {
      Signer before = kms.signer(ref);
      String p384 = LOCAL.createKey("ECC_NIST_P384");
      LOCAL.updateAlias(name, p384);

      byte[] sig = before.sign(data);
      Verifiers.of(before).verify(data, sig);

      clock.advance(AwsKms.DEFAULT_CACHE_TTL);
      BackendException e = assertThrows(BackendException.class, () -> before.sign(data));
      assertFalse(e.retryable());
      assertTrue(e.getMessage().contains(LOCAL.keyArn(p384)) && e.getMessage().contains("ECC_NIST_P384")
          && e.getMessage().contains("ECC_NIST_P256"), e.getMessage());

      Signer after = kms.signer(ref);
      assertEquals(SignatureAlgorithm.ECDSA_P384_SHA384, after.algorithm());
      Verifiers.of(after).verify(data, after.sign(data));
    }
  }

  @Test
  void remoteVerifyAsksKmsAndLocalVerifyDoesNot() {
    String ref = "awskms:///" + alias("ECC_NIST_P521");
    byte[] data = "remote".getBytes(StandardCharsets.UTF_8);
    try (AwsKms remote = LocalAwsKms.builder(LOCAL, java.time.Clock.systemUTC()).remoteVerify(true).build();
        AwsKms local = LocalAwsKms.of(LOCAL)) {
      byte[] sig = local.signer(ref).sign(data);
      Verifier lv = local.verifier(ref);
      Verifier rv = remote.verifier(ref);
      LOCAL.clearRequests();
      lv.verify(data, sig);
      assertEquals(0, LOCAL.requests().size());
      rv.verify(data, sig);
      assertEquals(1, LOCAL.count("Verify"));
      byte[] bad = sig.clone();
      bad[bad.length - 1] ^= 1;
      assertThrows(VerificationException.class, () -> rv.verify(data, bad));
      assertThrows(VerificationException.class, () -> rv.verify("other".getBytes(StandardCharsets.UTF_8), sig));
      assertThrows(VerificationException.class, () -> lv.verify(data, bad));
      assertEquals(rv.keyId(), lv.keyId());
    }
  }

  @Test
  void discoverFindsTheProviderConfiguredLikeTheSdk() {
    String ref = "awskms:///" + alias("ECC_NIST_P256");
    String[][] props = {{"aws.endpointUrlKms", LOCAL.endpoint()}, {"aws.region", LOCAL.region()},
        {"aws.accessKeyId", "test"}, {"aws.secretAccessKey", "test"}};
    String[] saved = new String[props.length];
    for (int i = 0; i < props.length; i++) {
      saved[i] = System.setProperty(props[i][0], props[i][1]);
    }
    try {
      KeyBackends backends = KeyBackends.discover();
      assertTrue(backends.schemes().contains("awskms"), backends.schemes().toString());
      byte[] data = "discovered".getBytes(StandardCharsets.UTF_8);
      LOCAL.clearRequests();
      byte[] sig = backends.signer(ref, PasswordSource.none()).sign(data);
      assertEquals(1, LOCAL.count("Sign"));
      backends.verifier(ref).verify(data, sig);
    } finally {
      for (int i = 0; i < props.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(props[i][0]);
        } else {
          System.setProperty(props[i][0], saved[i]);
        }
      }
    }
  }

  /** A long deterministic stream that never exists in memory. */
  static final class PseudoRandomStream extends InputStream {
    private final Random random;
    private long left;

    PseudoRandomStream(long size, long seed) {
      this.left = size;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      left -= n;
      return n;
    }
  }
}
