package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.testing.PemTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key-based vectors from other projects, verified here: the DSSE spec's HelloWorld is covered by DsseVectorsTest;
 * here in-toto-java's example, Google Cloud Build's SLSA v1 provenance and Google BCID's VSA (see
 * vectors/attestations/NOTICE).
 */
class AttestationVectorsTest {
  static final ObjectMapper M = new ObjectMapper();

  static Path vector(String name) throws Exception {
    return Path.of(AttestationVectorsTest.class.getResource("/vectors/attestations/" + name).toURI());
  }

  static Verifier key(String name, SignatureAlgorithm alg) throws Exception {
    return Verifiers.of(PemTestFiles.readPublicKey(vector(name)), alg);
  }

  static DsseEnvelope gcbEnvelope(String file) throws Exception {
    JsonNode summary = M.readTree(Files.readAllBytes(vector("slsa-verifier/gcb/" + file)));
    return DsseEnvelope.parse(M.writeValueAsString(summary.at("/provenance_summary/provenance/0/envelope")));
  }

  @Test
  void inTotoJavaExampleVerifiesAndItsV01ProvenanceReads() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(vector("in-toto-java-example/intoto_example.intoto.jsonl"));
    Digest curl = Digest.parse("sha256:d4d5899a3868fbb6ae1856c3e55a32ce35913de3956d1973caccd37bd0174fa2");
    AttestationVerification v = AttestationVerifier.builder()
        .trust(key("in-toto-java-example/public.pem", SignatureAlgorithm.ECDSA_P521_SHA256))
        .predicateType("https://slsa.dev/provenance/v0.1").subject(curl).build().verify(env);
    assertTrue(v.passed(), v.report().toString());
    InTotoStatement s = v.verifiedStatement();
    assertEquals(StatementVersion.V0_1, s.version());
    assertEquals("curl-7.72.0.tar.bz2", s.subjects().get(0).name().get());
    SlsaProvenance p = SlsaProvenance.from(s);
    assertEquals("mailto:person@example.com", p.builderId());
    assertEquals("https://example.com/Makefile", p.buildType());
    assertEquals("src:foo", p.entryPoint().get());
    assertEquals("https://example.com/example-1.2.3.tar.gz", p.sourceUri().get());
    assertTrue(p.sourceCommit().isEmpty(), "its material digest '1234...' is not a commit");
    assertTrue(p.resolvedDependencies().get(0).digest().isEmpty(), "the malformed sha256 value is dropped");
    assertEquals(Instant.parse("1986-12-18T07:20:30Z"), p.startedOn().get());
    assertEquals(Instant.parse("1986-12-18T08:20:30Z"), p.finishedOn().get());
    assertEquals("SomeBuildId", p.invocationId().get());
  }

  @Test
  void googleCloudBuildSlsaV1ProvenanceVerifiesWithGooglesKey() throws Exception {
    DsseEnvelope env = gcbEnvelope("v1.0-gcloud-container-github-single.json");
    Digest image = Digest.parse("sha256:7e9b6e7ba2842c91cf49f3e214d04a7a496f8214356f41d81a6e6dcad11f11e3");
    AttestationVerification v = AttestationVerifier.builder()
        .trust(key("slsa-verifier/gcb/global-pae-google-hosted-worker_1.key", SignatureAlgorithm.ECDSA_P256_SHA256))
        .predicateType("slsaprovenance1").subject(image).build().verify(env);
    assertTrue(v.passed(), v.report().toString());
    SlsaProvenance p = SlsaProvenance.from(v.verifiedStatement());
    assertEquals("https://cloudbuild.googleapis.com/GoogleHostedWorker", p.builderId());
    assertEquals("https://cloud.google.com/build/gcb-buildtypes/google-worker/v1", p.buildType());
    assertEquals("https://github.com/khalkie/gcb-prod-prov", p.sourceRepository().get());
    assertEquals("refs/heads/main", p.sourceRef().get());
    assertEquals("2ce3f90facdb51aeb950d5bc641e981be61fdf48", p.sourceCommit().get());
    assertEquals("cloudbuild.yaml", p.entryPoint().get());
    assertEquals(Instant.parse("2023-08-08T18:40:21.016140505Z"), p.startedOn().get());
    assertTrue(SlsaProvenance.sameRepository("github.com/khalkie/gcb-prod-prov", p.sourceUri().get()));
  }

  @Test
  void googleCloudBuildEnvelopesSignedWithOtherKeysFailWithGooglesHostedWorkerKey() throws Exception {
    JsonNode summary = M.readTree(Files.readAllBytes(vector("slsa-verifier/gcb/v1.0-gcloud-container-github.json")));
    AttestationVerifier verifier = AttestationVerifier.builder()
        .trust(key("slsa-verifier/gcb/global-pae-google-hosted-worker_1.key", SignatureAlgorithm.ECDSA_P256_SHA256))
        .build();
    AttestationVerification first = verifier.verify(DsseEnvelope.parse(M.writeValueAsString(
        summary.at("/provenance_summary/provenance/0/envelope"))));
    assertTrue(first.passed(), first.report().toString());
    DsseEnvelope second = DsseEnvelope.parse(M.writeValueAsString(summary.at("/provenance_summary/provenance/1/envelope")));
    assertEquals(2, second.signatures().size());
    AttestationVerification v = verifier.verify(second);
    assertFalse(v.passed());
    assertEquals(Status.FAILED, v.report().check("signature").get().status());
  }

  @Test
  void tamperedGoogleCloudBuildPayloadFails() throws Exception {
    DsseEnvelope env = gcbEnvelope("v1.0-gcloud-container-github-single.json");
    byte[] payload = env.payload();
    payload[payload.length - 2] ^= 1;
    DsseEnvelope bad = DsseEnvelope.of(env.payloadType(), payload, env.signatures());
    AttestationVerification v = AttestationVerifier.builder()
        .trust(key("slsa-verifier/gcb/global-pae-google-hosted-worker_1.key", SignatureAlgorithm.ECDSA_P256_SHA256))
        .build().verify(bad);
    assertFalse(v.passed());
    assertEquals(Status.FAILED, v.report().check("signature").get().status());
  }

  @Test
  void googleBcidVsaVerifiesWithItsKeyAndReads() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(vector("slsa-verifier/vsa/gke-gce-pre.bcid-vsa.jsonl"));
    AttestationVerification v = AttestationVerifier.builder()
        .trust(key("slsa-verifier/vsa/vsa_signing_public_key.pem", SignatureAlgorithm.ECDSA_P256_SHA256))
        .predicateType(PredicateTypes.SLSA_VSA_V1)
        .subject(DigestSet.of("gce_image_id", "8970095005306000053")).build().verify(env);
    assertTrue(v.passed(), v.report().toString());
    assertEquals(64, env.signatures().get(0).sig().length, "IEEE P1363 r||s");
    InTotoStatement s = v.verifiedStatement();
    assertEquals("https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1",
        s.predicate().at("/verifier/id").asText());
    assertEquals(List.of("BCID_L1", "SLSA_BUILD_LEVEL_2"), List.of(s.predicate().at("/verifiedLevels/0").asText(),
        s.predicate().at("/verifiedLevels/1").asText()));
  }
}
