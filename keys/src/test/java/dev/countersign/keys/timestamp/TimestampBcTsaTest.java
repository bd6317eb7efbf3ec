package dev.countersign.keys.timestamp;

import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens from a Bouncy Castle TSA, and TSA certificates without the timestamping usage RFC 3161 requires. */
class TimestampBcTsaTest {
  static final byte[] SIGNATURE = "signature bytes".getBytes(StandardCharsets.UTF_8);

  private static TimestampVerification timestampAndVerify(BcTsa tsa) throws Exception {
    try (LoopbackTsa server = new LoopbackTsa(tsa::reply)) {
      TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
      return TimestampVerifier.builder().trustedRootsPem(tsa.rootPem()).build().verify(token, SIGNATURE);
    }
  }

  @Test
  void bouncyCastleTsaRoundTrip() throws Exception {
    TimestampVerification v = timestampAndVerify(new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING));
    assertTrue(v.passed(), v.report().toString());
    assertTrue(v.trustedTime().isPresent());
  }

  @ParameterizedTest
  @EnumSource(value = BcTsa.Eku.class, names = {"NONE", "NON_CRITICAL", "WITH_CODE_SIGNING"})
  void tsaCertificateWithoutTheTimestampingEkuIsRefused(BcTsa.Eku eku) throws Exception {
    TimestampVerification v = timestampAndVerify(new BcTsa(eku));
    assertFalse(v.passed());
    VerificationCheck check = v.report().check("tsa-eku").orElseThrow();
    assertEquals(VerificationCheck.Status.FAILED, check.status(), v.report().toString());
    assertTrue(v.trustedTime().isEmpty());
    // the token itself is genuine: only the certificate's usage is wrong
    assertEquals(VerificationCheck.Status.PASSED, v.report().check("tsa-signature").orElseThrow().status());
    assertEquals(VerificationCheck.Status.PASSED, v.report().check("tsa-chain").orElseThrow().status());
  }

  @Test
  void genTimeAfterTheTsaCertificateExpiredIsRefused() throws Exception {
    TimestampVerification v = timestampAndVerify(
        new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING).genTimeOffset(Duration.ofDays(60)));
    assertFalse(v.passed());
    assertEquals(VerificationCheck.Status.FAILED, v.report().check("tsa-chain").orElseThrow().status(),
        v.report().toString());
  }

  @Test
  void intermediateAllowingTimestampingVerifies() throws Exception {
    BcTsa tsa = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING, new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping});
    TimestampVerification v = viaIntermediate(tsa);
    assertTrue(v.passed(), v.report().toString());
    TimestampVerification withoutIntermediate;
    try (LoopbackTsa server = new LoopbackTsa(tsa::reply)) {
      TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
      withoutIntermediate = TimestampVerifier.builder().trustedRootsPem(tsa.rootPem()).build().verify(token, SIGNATURE);
    }
    assertEquals(VerificationCheck.Status.FAILED,
        withoutIntermediate.report().check("tsa-chain").orElseThrow().status(), "the path needs the intermediate");
  }

  @Test
  void intermediateRestrictedToOtherUsagesIsRefused() throws Exception {
    TimestampVerification v = viaIntermediate(
        new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING, new KeyPurposeId[] {KeyPurposeId.id_kp_codeSigning}));
    assertFalse(v.passed());
    VerificationCheck eku = v.report().check("tsa-eku").orElseThrow();
    assertEquals(VerificationCheck.Status.FAILED, eku.status());
    assertTrue(eku.detail().orElseThrow().contains("intermediate"), eku.toString());
  }

  private static TimestampVerification viaIntermediate(BcTsa tsa) throws Exception {
    try (LoopbackTsa server = new LoopbackTsa(tsa::reply)) {
      TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
      return TimestampVerifier.builder().trustedRootsPem(tsa.rootPem()).intermediatesPem(tsa.intermediatePem())
          .build().verify(token, SIGNATURE);
    }
  }

  @Test
  void bcTokenOverAnotherSignatureIsRefused() throws Exception {
    BcTsa tsa = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    try (LoopbackTsa server = new LoopbackTsa(tsa::reply)) {
      TimestampToken token = TimestampClient.builder(server.url()).build().timestamp(SIGNATURE);
      TimestampVerification v = TimestampVerifier.builder().trustedRootsPem(tsa.rootPem()).build()
          .verify(token, "SIGNATURE BYTES".getBytes(StandardCharsets.UTF_8));
      assertEquals(VerificationCheck.Status.FAILED, v.report().check("imprint").orElseThrow().status());
      assertFalse(v.passed());
    }
  }
}
