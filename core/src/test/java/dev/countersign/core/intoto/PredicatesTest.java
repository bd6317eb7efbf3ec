package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.dsse.DsseEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicatesTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Digest D = Digest.compute(DigestAlgorithm.SHA256, new byte[] {7});

  private static InTotoStatement statement(String type, JsonNode predicate) {
    return InTotoStatement.builder().subject("x", D).predicate(type, predicate).build();
  }

  @Test
  void vsaWritesAndReadsBack() {
    VerificationSummary vsa = VerificationSummary.builder().verifierId("https://countersign.dev/promote/v1")
        .verifierVersion("countersign", "0.1.0").timeVerified(Instant.parse("2025-01-02T03:04:05Z"))
        .resourceUri("oci://r.example.com/app@" + D).policy("https://example.com/policy.yaml", D)
        .inputAttestation("sha256:" + D.hex() + ".att", D).passed(true).verifiedLevel("SLSA_BUILD_LEVEL_2")
        .dependencyLevel("SLSA_BUILD_LEVEL_1", 3).slsaVersion("1.0").build();
    InTotoStatement s = InTotoStatement.parse(statement(vsa.predicateType(), vsa.toJson()).toJson());
    VerificationSummary back = (VerificationSummary) Predicates.read(s);
    assertEquals(vsa, back);
    assertTrue(back.passed());
    assertEquals("https://countersign.dev/promote/v1", back.verifierId());
    assertEquals(Map.of("countersign", "0.1.0"), back.verifierVersion());
    assertEquals(D.hex(), back.policy().digest().get("sha256").get());
    assertEquals(1, back.inputAttestations().size());
    assertEquals(List.of("SLSA_BUILD_LEVEL_2"), back.verifiedLevels());
    assertEquals(Map.of("SLSA_BUILD_LEVEL_1", 3L), back.dependencyLevels());
    assertEquals("1.0", back.slsaVersion().get());
    assertEquals("FAILED", VerificationSummary.builder().verifierId("v").timeVerified(Instant.EPOCH)
        .resourceUri("r").policy("p", null).passed(false).build().verificationResult());
  }

  @Test
  void googleBcidVsaReads() throws Exception {
    DsseEnvelope env = DsseEnvelope.parse(AttestationVectorsTest.vector("slsa-verifier/vsa/gke-gce-pre.bcid-vsa.jsonl"));
    VerificationSummary v = VerificationSummary.from(InTotoStatement.parse(env.payload()));
    assertEquals("https://bcid.corp.google.com/verifier/bcid_package_enforcer/v0.1", v.verifierId());
    assertEquals(Instant.parse("2024-06-12T07:24:34.351608Z"), v.timeVerified());
    assertTrue(v.resourceUri().startsWith("gce_image://gke-node-images:"));
    assertTrue(v.policy().uri().get().startsWith("googlefile:/google_src/"));
    assertEquals(List.of("BCID_L1", "SLSA_BUILD_LEVEL_2"), v.verifiedLevels());
    assertTrue(v.passed());
    assertTrue(v.inputAttestations().isEmpty());
  }

  @Test
  void vsaRefusesBadResults() throws Exception {
    JsonNode p = M.readTree("{\"verifier\":{\"id\":\"v\"},\"timeVerified\":\"2025-01-01T00:00:00Z\","
        + "\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},\"verificationResult\":\"OK\"}");
    assertTrue(assertThrows(InvalidInputException.class, () -> VerificationSummary.of(p)).getMessage()
        .contains("PASSED or FAILED"));
    JsonNode noTime = M.readTree("{\"verifier\":{\"id\":\"v\"},\"resourceUri\":\"r\",\"policy\":{\"uri\":\"p\"},"
        + "\"verificationResult\":\"PASSED\"}");
    assertThrows(InvalidInputException.class, () -> VerificationSummary.of(noTime));
  }

  @Test
  void sbomAsObjectOrJsonString() throws Exception {
    JsonNode bom = M.readTree("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[]}");
    SbomPredicate obj = (SbomPredicate) Predicates.read(statement("https://cyclonedx.org/bom/v1.5", bom));
    assertEquals(SbomPredicate.Format.CYCLONEDX, obj.format());
    assertEquals("1.5", obj.specVersion().get());
    SbomPredicate str = SbomPredicate.from(statement("https://spdx.dev/Document",
        M.getNodeFactory().textNode("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"x\"}")));
    assertEquals(SbomPredicate.Format.SPDX, str.format());
    assertEquals("SPDX-2.3", str.specVersion().get());
    assertTrue(str.toJson().isTextual());
    assertThrows(InvalidInputException.class, () -> SbomPredicate.from(statement("https://spdx.dev/Document",
        M.getNodeFactory().textNode("{\"a\":1,\"a\":2}"))));
    assertThrows(InvalidInputException.class, () -> SbomPredicate.from(statement("https://example.com/x", bom)));
  }

  @Test
  void cosignCustomAndVuln() throws Exception {
    CosignPredicate c = CosignPredicate.of("hello", Instant.parse("2025-05-06T07:08:09Z"));
    CosignPredicate back = (CosignPredicate) Predicates.read(statement(c.predicateType(), c.toJson()));
    assertEquals("hello", back.data().asText());
    assertEquals(Instant.parse("2025-05-06T07:08:09Z"), back.timestamp().get());
    JsonNode vuln = M.readTree("{\"invocation\":{\"uri\":\"u\"},\"scanner\":{\"uri\":\"pkg:github/aquasecurity/trivy"
        + "@v0.50\",\"version\":\"0.50.0\",\"result\":{\"Results\":[]}},\"metadata\":{\"scanStartedOn\":"
        + "\"2025-01-01T00:00:00Z\",\"scanFinishedOn\":\"2025-01-01T00:01:00Z\"}}");
    VulnPredicate v = (VulnPredicate) Predicates.read(statement(PredicateTypes.COSIGN_VULN, vuln));
    assertEquals("pkg:github/aquasecurity/trivy@v0.50", v.scannerUri());
    assertEquals("0.50.0", v.scannerVersion().get());
    assertTrue(v.result().has("Results"));
    assertEquals(Instant.parse("2025-01-01T00:01:00Z"), v.scanFinishedOn().get());
  }

  @Test
  void anyOtherTypeIsRawJson() throws Exception {
    JsonNode p = M.readTree("{\"anything\":[1,2]}");
    Predicate raw = Predicates.read(statement("https://example.com/mine/v3", p));
    assertEquals("https://example.com/mine/v3", raw.predicateType());
    assertEquals(p, raw.toJson());
    assertInstanceOf(SlsaProvenance.class, Predicates.read(AttestationBuilderTest.provenance(
        AttestationBuilderTest.P256).statement()));
  }

  @Test
  void cosignShortcutsAndLenientMatching() {
    assertEquals("https://slsa.dev/provenance/v0.2", PredicateTypes.resolve("slsaprovenance"));
    assertEquals("https://slsa.dev/provenance/v0.2", PredicateTypes.resolve("slsaprovenance02"));
    assertEquals("https://slsa.dev/provenance/v1", PredicateTypes.resolve("SLSAprovenance1"));
    assertEquals("https://cyclonedx.org/bom", PredicateTypes.resolve("cyclonedx"));
    assertEquals("https://spdx.dev/Document", PredicateTypes.resolve("spdxjson"));
    assertEquals("https://cosign.sigstore.dev/attestation/vuln/v1", PredicateTypes.resolve("vuln"));
    assertEquals("https://openvex.dev/ns", PredicateTypes.resolve("openvex"));
    assertEquals("https://cosign.sigstore.dev/attestation/v1", PredicateTypes.resolve("custom"));
    assertEquals("https://in-toto.io/Link/v1", PredicateTypes.resolve("link"));
    assertEquals("https://example.com/t", PredicateTypes.resolve("https://example.com/t"));
    assertThrows(InvalidInputException.class, () -> PredicateTypes.resolve("slsa"));
    assertTrue(PredicateTypes.matches("cyclonedx", "https://cyclonedx.org/bom/v1.5"));
    assertTrue(PredicateTypes.matches("spdx", "https://spdx.dev/Document/v2.3"));
    assertTrue(PredicateTypes.matches("openvex", "https://openvex.dev/ns/v0.2.0"));
    assertFalse(PredicateTypes.matches("cyclonedx", "https://cyclonedx.org/bomb"));
    assertFalse(PredicateTypes.matches("cyclonedx", "https://cyclonedx.org/bom/evil/v1"));
    assertFalse(PredicateTypes.matches("https://cyclonedx.org/bom/v1.5", "https://cyclonedx.org/bom"));
    assertFalse(PredicateTypes.matches("slsaprovenance", "https://slsa.dev/provenance/v1"));
    assertFalse(PredicateTypes.matches("https://slsa.dev/provenance/v1", "https://slsa.dev/provenance/v1.1"));
  }
}
