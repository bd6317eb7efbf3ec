package dev.countersign.keys.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob signatures with RFC 3161 timestamps end to end: BlobSigner with TimestampClient (OpenSSL's TSA) stores the
 * token in the bundle, BlobVerifier with TimestampVerifier checks it and hands genTime to the key resolver; bad
 * tokens are refused with the rule named.
 */
class TimestampedBlobTest {
  static final byte[] ARTIFACT = "release 1.2.3 tarball".getBytes(StandardCharsets.UTF_8);
  @TempDir static Path dir;
  static OpenSslTsa openssl;
  static LoopbackTsa server;
  static final Signer SIGNER = Signers.of(KeyGeneration.generate());

  @BeforeAll
  static void start() throws Exception {
    openssl = new OpenSslTsa(dir);
    server = new LoopbackTsa(openssl::reply);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static BlobSigner signer() {
    return BlobSigner.of(SIGNER).withTimestamper(TimestampClient.builder(server.url()).build());
  }

  static TimestampVerifier trusted(String rootPem) {
    return TimestampVerifier.builder().trustedRootsPem(rootPem).build();
  }

  static VerificationReport verify(Bundle bundle, String rootPem) {
    return BlobVerifier.of(Verifiers.of(SIGNER)).withTrustedTimestamps(trusted(rootPem))
        .checkBundle(new ByteArrayInputStream(ARTIFACT), bundle);
  }

  @Test
  void tokenIsStoredInTheBundleAndItsGenTimeIsTheSigningTimeAskedOfTheResolver() {
    Instant before = Instant.now().minusSeconds(2);
    BlobSignature sig = signer().sign(ARTIFACT);
    Bundle bundle = Bundle.parse(sig.bundleJson());
    assertEquals(1, bundle.verificationMaterial().rfc3161Timestamps().size());

    List<KeyQuery> queries = new ArrayList<>();
    Verifier key = Verifiers.of(SIGNER);
    KeyResolver recording = q -> {
      queries.add(q);
      return List.of(key);
    };
    VerificationReport r = BlobVerifier.of(recording).withTrustedTimestamps(trusted(openssl.rootPem()))
        .checkBundle(new ByteArrayInputStream(ARTIFACT), bundle);
    assertTrue(r.passed(), r.toString());
    assertEquals(Status.PASSED, r.check("timestamp").orElseThrow().status());
    Instant t = queries.get(0).time().orElseThrow();
    assertTrue(!t.isBefore(before) && !t.isAfter(Instant.now().plusSeconds(2)), t.toString());
    assertEquals(TimestampToken.parse(sig.timestamp().orElseThrow()).genTime(), t);
  }

  @Test
  void withoutTrustedTimestampsTheTokenIsReportedNotPerformedAndNoTimeIsAsked() {
    Bundle bundle = signer().sign(ARTIFACT).toBundle();
    List<KeyQuery> queries = new ArrayList<>();
    VerificationReport r = BlobVerifier.of(q -> {
      queries.add(q);
      return List.of(Verifiers.of(SIGNER));
    }).checkBundle(new ByteArrayInputStream(ARTIFACT), bundle);
    assertTrue(r.passed(), r.toString());
    assertEquals(Status.NOT_PERFORMED, r.check("timestamp").orElseThrow().status());
    assertTrue(queries.get(0).time().isEmpty());
  }

  @Test
  void tokenOverAnotherSignatureIsRefusedByTheImprintRule() {
    Bundle other = signer().sign("another artifact".getBytes(StandardCharsets.UTF_8)).toBundle();
    Bundle mine = BlobSigner.of(SIGNER).sign(ARTIFACT).toBundle();
    Bundle swapped = Bundle.ofMessageSignature(mine.verificationMaterial()
        .withTimestamps(other.verificationMaterial().rfc3161Timestamps()), mine.messageSignature().orElseThrow());
    VerificationCheck c = refused(verify(swapped, openssl.rootPem()));
    assertTrue(c.detail().orElseThrow().contains("rule imprint"), c.toString());
  }

  @Test
  void tsaCertificateWithoutTheTimestampingEkuIsRefused() throws Exception {
    BcTsa noEku = new BcTsa(BcTsa.Eku.NONE);
    try (LoopbackTsa tsa = new LoopbackTsa(noEku::reply)) {
      Bundle b = BlobSigner.of(SIGNER).withTimestamper(TimestampClient.builder(tsa.url()).build())
          .sign(ARTIFACT).toBundle();
      VerificationCheck c = refused(verify(b, noEku.rootPem()));
      assertTrue(c.detail().orElseThrow().contains("rule tsa-eku"), c.toString());
    }
  }

  @Test
  void tokenFromAnUntrustedTsaIsRefusedByTheChainRule() {
    Bundle b = signer().sign(ARTIFACT).toBundle();
    BcTsa otherRoot = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    VerificationCheck c = refused(verify(b, otherRoot.rootPem()));
    assertTrue(c.detail().orElseThrow().contains("rule tsa-chain"), c.toString());
  }

  @Test
  void bundleWithoutTimestampFailsWhenTimestampsAreRequired() {
    Bundle b = BlobSigner.of(SIGNER).sign(ARTIFACT).toBundle();
    VerificationCheck c = refused(verify(b, openssl.rootPem()));
    assertEquals("none", c.actual().orElseThrow());
    VerificationReport raw = BlobVerifier.of(Verifiers.of(SIGNER)).withTrustedTimestamps(trusted(openssl.rootPem()))
        .checkSignature(new ByteArrayInputStream(ARTIFACT), BlobSigner.of(SIGNER).sign(ARTIFACT).base64());
    assertFalse(raw.passed());
    assertEquals(Status.FAILED, raw.check("timestamp").orElseThrow().status());
  }

  @Test
  void garbageTokenIsRefusedNotIgnored() {
    Bundle mine = BlobSigner.of(SIGNER).sign(ARTIFACT).toBundle();
    Bundle junk = Bundle.ofMessageSignature(mine.verificationMaterial()
        .withTimestamps(List.of(Rfc3161Timestamp.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))),
        mine.messageSignature().orElseThrow());
    VerificationCheck c = refused(verify(junk, openssl.rootPem()));
    assertTrue(c.detail().orElseThrow().contains("rule format"), c.toString());
  }

  @Test
  void openSslVerifiesTheTokenStoredInTheBundle() throws Exception {
    BlobSignature sig = signer().sign(ARTIFACT);
    JsonNode json = new ObjectMapper().readTree(sig.bundleJson());
    String b64 = json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp")
        .asText();
    Files.write(dir.resolve("bundle.tsr"), Base64.getDecoder().decode(b64));
    Files.write(dir.resolve("signature.bin"), sig.signature());
    Files.writeString(dir.resolve("chain.pem"), openssl.tsaPem());
    String out = openssl.run("openssl", "ts", "-verify", "-in", "bundle.tsr", "-data", "signature.bin",
        "-CAfile", "root.pem", "-untrusted", "chain.pem");
    assertTrue(out.contains("Verification: OK"), out);
    Files.write(dir.resolve("other.bin"), ARTIFACT);
    List<String> bad = openssl.runAllowingFailure("openssl", "ts", "-verify", "-in", "bundle.tsr", "-data",
        "other.bin", "-CAfile", "root.pem", "-untrusted", "chain.pem");
    assertTrue(!"0".equals(bad.get(0)), "openssl accepted the token over other bytes: " + bad.get(1));
  }

  private static VerificationCheck refused(VerificationReport r) {
    assertFalse(r.passed(), r.toString());
    VerificationCheck c = r.check("timestamp").orElseThrow();
    assertEquals(Status.FAILED, c.status(), r.toString());
    return c;
  }
}
