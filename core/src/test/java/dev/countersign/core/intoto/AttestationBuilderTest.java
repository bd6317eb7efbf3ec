package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationException;
import dev.countersign.core.Verifiers;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.Pae;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class AttestationBuilderTest {
  static final Signer P256 = Signers.of(TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256),
      SignatureAlgorithm.ECDSA_P256_SHA256);
  static final Digest ARTIFACT = Digest.compute(DigestAlgorithm.SHA256, "artifact".getBytes(StandardCharsets.UTF_8));
  private static final ObjectMapper M = new ObjectMapper();

  static Signer freshP256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return Signers.of(g.generateKeyPair(), SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  static SignedAttestation provenance(Signer s) {
    return AttestationBuilder.of(s).subject("app.tar.gz", ARTIFACT)
        .predicate(SlsaProvenance.builder().buildType("https://ci.example.com/make/v1")
            .builderId("https://ci.example.com/builders/linux@v1")
            .source("https://github.com/acme/web", "refs/heads/main", "2ce3f90facdb51aeb950d5bc641e981be61fdf48")
            .entryPoint("make image").build())
        .build();
  }

  @Test
  void signsAStatementV1InADsseEnvelopeWithDerEcdsa() throws Exception {
    SignedAttestation att = provenance(P256);
    DsseEnvelope env = DsseEnvelope.parse(att.envelopeJson());
    assertEquals("application/vnd.in-toto+json", env.payloadType());
    assertEquals(InTotoStatement.parse(env.payload()), att.statement());
    assertEquals(StatementVersion.V1, att.statement().version());
    byte[] sig = env.signatures().get(0).sig();
    assertEquals(0x30, sig[0] & 0xff, "ECDSA is written as DER");
    assertEquals(P256.keyId().value(), env.signatures().get(0).keyId().get());
    Verifiers.of(P256.publicKey(), SignatureAlgorithm.ECDSA_P256_SHA256)
        .verify(Pae.encode(env.payloadType(), env.payload()), sig);

    AttestationVerification v = AttestationVerifier.builder().trust(Verifiers.of(P256.publicKey()))
        .predicateType("slsaprovenance1").subject(ARTIFACT).build().verify(env);
    assertTrue(v.passed(), v.report().toString());
    SlsaProvenance p = SlsaProvenance.from(v.verifiedStatement());
    assertEquals("https://github.com/acme/web", p.sourceRepository().get());
    assertEquals("make image", p.buildCommand().get());
  }

  @Test
  void writesV01OnRequestAndRawPredicates() throws Exception {
    SignedAttestation att = AttestationBuilder.of(P256).subject("a", ARTIFACT)
        .predicate("https://example.com/custom", M.readTree("{\"k\":\"v\"}"))
        .statementVersion(StatementVersion.V0_1).build();
    assertEquals("https://in-toto.io/Statement/v0.1", att.statement().type());
    assertEquals("v", att.statement().predicate().get("k").asText());
    Bundle b = Bundle.parse(att.bundleJson());
    assertEquals(att.envelope(), b.dsseEnvelope().get());
    assertEquals(P256.keyId().value(), b.verificationMaterial().publicKeyHint().get());
    assertTrue(AttestationVerifier.builder().trust(Verifiers.of(P256.publicKey())).subject(ARTIFACT).build()
        .verify(b).passed());
  }

  @Test
  void thresholdCountsDistinctCosigners() throws Exception {
    Signer second = freshP256();
    SignedAttestation att = AttestationBuilder.of(P256).cosigner(second).subject("a", ARTIFACT)
        .predicate("https://example.com/p", M.readTree("{}")).build();
    assertEquals(2, att.envelope().signatures().size());
    AttestationVerifier two = AttestationVerifier.builder().trust(Verifiers.of(P256.publicKey()),
        Verifiers.of(second.publicKey())).threshold(2).build();
    assertTrue(two.verify(att.envelope()).passed());
    SignedAttestation one = AttestationBuilder.sign(P256, att.statement());
    AttestationVerification r = two.verify(one.envelope());
    assertFalse(r.passed());
    assertEquals(Status.FAILED, r.report().check("threshold").get().status());
    assertThrows(VerificationException.class, r::verifiedStatement);
  }

  @Test
  void subjectAndPredicateTypeMismatchesFail() {
    SignedAttestation att = provenance(P256);
    Digest other = Digest.compute(DigestAlgorithm.SHA256, new byte[] {1});
    AttestationVerification r = AttestationVerifier.builder().trust(Verifiers.of(P256.publicKey()))
        .predicateType("https://slsa.dev/provenance/v0.2").subject(other).build().verify(att.envelope());
    assertFalse(r.passed());
    assertEquals("https://slsa.dev/provenance/v0.2", r.report().check("predicate-type").get().expected().get());
    assertEquals("https://slsa.dev/provenance/v1", r.report().check("predicate-type").get().actual().get());
    assertEquals(Status.FAILED, r.report().check("subject").get().status());
    assertTrue(r.report().check("subject").get().actual().get().contains(ARTIFACT.hex()));
    assertTrue(r.statement().isPresent(), "the statement is shown for diagnostics");
  }

  @Test
  void checkClaimsOffSkipsTheSubject() throws Exception {
    AttestationVerification r = AttestationVerifier.builder().trust(Verifiers.of(P256.publicKey()))
        .subject(Digest.compute(DigestAlgorithm.SHA256, new byte[] {1})).checkClaims(false).build()
        .verify(provenance(P256).envelope());
    assertTrue(r.passed(), r.report().toString());
    assertEquals(Status.NOT_PERFORMED, r.report().check("subject").get().status());
  }

  @Test
  void wrongKeyAndInspectionNeverPass() throws Exception {
    SignedAttestation att = provenance(P256);
    AttestationVerifier other = AttestationVerifier.builder().trust(Verifiers.of(freshP256().publicKey())).build();
    assertEquals(Status.FAILED, other.verify(att.envelope()).report().check("signature").get().status());
    AttestationVerification inspected = other.inspect(att.envelope());
    assertFalse(inspected.passed());
    assertEquals(Status.NOT_PERFORMED, inspected.report().check("signature").get().status());
    assertEquals(att.statement(), inspected.statement().get());
    assertFalse(AttestationVerifier.builder().build().verify(att.envelope()).passed(), "no trusted key");
  }

  @Test
  void buildRefusesAStatementWithoutSubject() {
    assertThrows(InvalidInputException.class, () -> AttestationBuilder.of(P256)
        .predicate("https://example.com/p", M.createObjectNode()).build());
  }
}
