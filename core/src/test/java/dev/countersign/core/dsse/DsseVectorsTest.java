package dev.countersign.core.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.testing.PemTestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The DSSE spec's test vector and in-toto-java's example envelope (see vectors/attestations/NOTICE). */
class DsseVectorsTest {
  private static final String HELLO = "http://example.com/HelloWorld";

  static Path vector(String name) throws Exception {
    return Path.of(DsseVectorsTest.class.getResource("/vectors/attestations/" + name).toURI());
  }

  private static VerificationReport hello(String file) throws Exception {
    Verifier key = Verifiers.of(PemTestFiles.readPublicKey(vector("dsse-helloworld/key.pub")),
        SignatureAlgorithm.ECDSA_P256_SHA256);
    return DsseVerifier.builder().trust(key).payloadType(HELLO).build()
        .verify(DsseEnvelope.parse(vector("dsse-helloworld/" + file)));
  }

  @Test
  void specVectorWithIeeeP1363SignatureVerifies() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(vector("dsse-helloworld/envelope.json"));
    assertEquals(64, env.signatures().get(0).sig().length);
    assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
        new String(env.pae(), StandardCharsets.UTF_8));
    VerificationReport r = hello("envelope.json");
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void specVectorWithTamperedPayloadIsRejected() throws Exception {
    VerificationReport r = hello("envelope-tampered-payload.json");
    assertFalse(r.passed(), r.toString());
    assertEquals(VerificationCheck.Status.FAILED, r.check("signature").get().status());
  }

  @Test
  void specVectorWithWrongTypeIsRejectedByTheTypeCheck() throws Exception {
    VerificationReport r = hello("envelope-wrong-type.json");
    assertFalse(r.passed());
    assertEquals("http://example.com/GoodbyeWorld", r.check("payload-type").get().actual().get());

    // Even when the caller expects the new type, the signature (over the old type) fails.
    Verifier key = Verifiers.of(PemTestFiles.readPublicKey(vector("dsse-helloworld/key.pub")));
    VerificationReport r2 = DsseVerifier.builder().trust(key).payloadType("http://example.com/GoodbyeWorld").build()
        .verify(DsseEnvelope.parse(vector("dsse-helloworld/envelope-wrong-type.json")));
    assertFalse(r2.passed());
    assertEquals(VerificationCheck.Status.FAILED, r2.check("signature").get().status());
  }

  private static VerificationReport inToto(SignatureAlgorithm alg) throws Exception {
    Verifier key = Verifiers.of(PemTestFiles.readPublicKey(vector("in-toto-java-example/public.pem")), alg);
    return DsseVerifier.builder().trust(key).payloadType("application/vnd.in-toto+json").build()
        .verify(DsseEnvelope.parse(vector("in-toto-java-example/intoto_example.intoto.jsonl")));
  }

  @Test
  void inTotoJavaExampleVerifiesWithP521AndSha256() throws Exception {
    VerificationReport r = inToto(SignatureAlgorithm.ECDSA_P521_SHA256);
    assertTrue(r.passed(), r.toString());
    assertTrue(r.check("signature").get().detail().get().contains("hint 'MyKey' ignored"), r.toString());

    DsseEnvelope env = DsseEnvelope.parse(vector("in-toto-java-example/intoto_example.intoto.jsonl"));
    JsonNode statement = new ObjectMapper().readTree(env.payload());
    assertEquals("https://slsa.dev/provenance/v0.1", statement.get("predicateType").asText());
    assertEquals("curl-7.72.0.tar.bz2", statement.at("/subject/0/name").asText());
    assertEquals("d4d5899a3868fbb6ae1856c3e55a32ce35913de3956d1973caccd37bd0174fa2",
        statement.at("/subject/0/digest/sha256").asText());
    assertEquals("mailto:person@example.com", statement.at("/predicate/builder/id").asText());
  }

  @Test
  void inTotoJavaExampleDoesNotVerifyWhenTheHashIsGuessedFromTheCurve() throws Exception {
    VerificationReport r = inToto(SignatureAlgorithm.ECDSA_P521_SHA512);
    assertFalse(r.passed(), r.toString());
    assertEquals(VerificationCheck.Status.FAILED, r.check("signature").get().status());
  }
}
