package dev.countersign.keys.timestamp;

import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from an independent TSA: OpenSSL's {@code openssl ts -reply} behind a loopback HTTP handler. */
class TimestampOpenSslTest {
  @TempDir static Path dir;
  static OpenSslTsa openssl;
  static LoopbackTsa server;
  static final byte[] SIGNATURE = "a cosign ECDSA signature's DER bytes".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    openssl = new OpenSslTsa(dir);
    server = new LoopbackTsa(openssl::reply);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static TimestampVerifier verifier() {
    return TimestampVerifier.builder().trustedRootsPem(openssl.rootPem()).build();
  }

  @Test
  void roundTripRequestThenVerify() throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    Instant after = Instant.now().plusSeconds(2);

    assertEquals(DigestAlgorithm.SHA256, token.hashAlgorithm());
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(SIGNATURE), token.messageImprint());
    assertTrue(token.nonce().isPresent(), "cosign-style requests carry a nonce");
    assertEquals("CN=OpenSSL test TSA", token.tsaCertificate().orElseThrow().getSubjectX500Principal().getName());

    TimestampVerification v = verifier().verify(token, SIGNATURE);
    assertTrue(v.passed(), v.report().toString());
    for (String check : List.of("imprint", "tsa-signature", "tsa-chain", "tsa-eku")) {
      assertEquals(VerificationCheck.Status.PASSED, v.report().check(check).orElseThrow().status(), check);
    }
    Instant t = v.trustedTimeOrThrow();
    assertTrue(!t.isBefore(before) && !t.isAfter(after), t + " not within the request");
  }

  @Test
  void storedFormsReparseAndVerify() {
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    for (byte[] stored : List.of(token.responseEncoded(), token.encoded())) {
      TimestampToken again = TimestampToken.parse(stored);
      assertEquals(token.genTime(), again.genTime());
      assertTrue(verifier().verify(again, SIGNATURE).passed());
    }
  }

  @Test
  void openSslVerifiesTheTokenItReturnedForOurRequest() throws Exception {
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    Files.write(dir.resolve("sig.bin"), SIGNATURE);
    Files.write(dir.resolve("ours.tsr"), token.responseEncoded());
    openssl.run("openssl", "ts", "-verify", "-data", "sig.bin", "-in", "ours.tsr", "-CAfile", "root.pem",
        "-untrusted", "tsa.pem");
  }

  @Test
  void cosignChainFileFormVerifies() {
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    TimestampVerifier v = TimestampVerifier.builder()
        .certificateChainPem(openssl.tsaPem() + openssl.rootPem()).build();
    assertTrue(v.verify(token, SIGNATURE).passed());
  }

  @Test
  void tokenOverAnotherSignatureIsRefusedByImprint() {
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    byte[] other = "another signature".getBytes(StandardCharsets.UTF_8);
    TimestampVerification v = verifier().verify(token, other);
    assertFalse(v.passed());
    VerificationCheck imprint = v.report().check("imprint").orElseThrow();
    assertEquals(VerificationCheck.Status.FAILED, imprint.status());
    assertTrue(imprint.detail().orElseThrow().contains("other data"));
    assertTrue(v.trustedTime().isEmpty(), "no trusted time from a refused token");
    VerificationException e = assertThrows(VerificationException.class, v::trustedTimeOrThrow);
    assertTrue(e.getMessage().contains("imprint"), e.getMessage());
  }

  @Test
  void tsaChainedToAnotherRootIsRefused() {
    TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
    TimestampVerification v = TimestampVerifier.builder()
        .trustedRootsPem(new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING).rootPem()).build().verify(token, SIGNATURE);
    assertFalse(v.passed());
    assertEquals(VerificationCheck.Status.FAILED, v.report().check("tsa-chain").orElseThrow().status());
    assertEquals(VerificationCheck.Status.PASSED, v.report().check("imprint").orElseThrow().status());
  }

  @Test
  void sha384ImprintFromTheClientVerifies() {
    TimestampToken token = TimestampClient.builder(server.url()).hashAlgorithm(DigestAlgorithm.SHA384)
        .callTimeout(Duration.ofSeconds(30)).build().timestamp(SIGNATURE);
    assertEquals(DigestAlgorithm.SHA384, token.hashAlgorithm());
    assertTrue(verifier().verify(token, SIGNATURE).passed());
  }

  @Test
  void tokenFromAnOpenSslTsaWithoutTheLeafInsideVerifiesWhenTheChainFileHasIt() throws Exception {
    Files.write(dir.resolve("sig2.bin"), SIGNATURE);
    openssl.run("openssl", "ts", "-query", "-data", "sig2.bin", "-sha256", "-no_nonce", "-out", "nocert.tsq");
    byte[] reply = openssl.reply(Files.readAllBytes(dir.resolve("nocert.tsq")));
    TimestampToken token = TimestampToken.parse(reply);
    assertTrue(token.tsaCertificate().isEmpty(), "openssl includes the certificate only when asked");
    assertFalse(verifier().verify(token, SIGNATURE).passed(), "no TSA certificate: refused");
    TimestampVerifier withLeaf = TimestampVerifier.builder()
        .certificateChainPem(openssl.tsaPem() + openssl.rootPem()).build();
    assertTrue(withLeaf.verify(token, SIGNATURE).passed());
  }
}
