package dev.countersign.keys.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationCheck;
import java.nio.charset.StandardCharsets;
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
