package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.Verifiers;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.AttestationVerification;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobAttestationTest {
  private static final Signer SIGNER = Signers.of(TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256),
      SignatureAlgorithm.ECDSA_P256_SHA256);
  private static final ObjectMapper M = new ObjectMapper();

  @TempDir
  Path dir;

  private Path artifact() throws Exception {
    return Files.writeString(dir.resolve("app.tar.gz"), "release bytes\n");
  }

  private static BlobAttestationVerifier.Builder verifier() {
    return BlobAttestationVerifier.builder().trust(Verifiers.of(SIGNER.publicKey()));
  }

  @Test
  void attestsAFileAndVerifiesEnvelopeAndBundle() throws Exception {
    Path file = artifact();
    SignedAttestation att = BlobAttester.of(SIGNER).attest(file, "custom", M.readTree("{\"data\":\"x\"}"));
    assertEquals("app.tar.gz", att.statement().subjects().get(0).name().get());
    assertTrue(att.statement().hasSubject(Digest.sha256(file)));
    assertEquals("https://cosign.sigstore.dev/attestation/v1", att.statement().predicateType());

    DsseEnvelope env = DsseEnvelope.parse(att.envelopeJson());
    AttestationVerification v = verifier().predicateType("custom").build().verify(file, env);
    assertTrue(v.passed(), v.report().toString());
    AttestationVerification b = verifier().build().verify(file, Bundle.parse(att.bundleJson()));
    assertTrue(b.passed(), b.report().toString());
    assertEquals(Status.NOT_PERFORMED, b.report().check("transparency-log").get().status());
  }

  @Test
  void anotherFileFailsTheSubjectUnlessClaimsAreOff() throws Exception {
    SignedAttestation att = BlobAttester.of(SIGNER).statementVersion(StatementVersion.V0_1)
        .attest(artifact(), "slsaprovenance02", M.readTree("{}"));
    assertEquals(StatementVersion.V0_1, att.statement().version());
    Path other = Files.writeString(dir.resolve("other"), "other bytes\n");
    AttestationVerification v = verifier().build().verify(other, att.envelope());
    assertFalse(v.passed());
    assertEquals(Status.FAILED, v.report().check("subject").get().status());
    assertEquals("{sha256=" + Digest.sha256(other).hex() + "}", v.report().check("subject").get().expected().get());
    assertTrue(verifier().checkClaims(false).build().verify(null, att.envelope()).passed());
    assertThrows(InvalidInputException.class, () -> verifier().build().verify(null, att.envelope()));
  }

  @Test
  void wrongTypeAndTooFewKeysFail() throws Exception {
    Path file = artifact();
    SignedAttestation att = BlobAttester.of(SIGNER).attest(file, "spdxjson", M.readTree("{\"spdxVersion\":\"x\"}"));
    AttestationVerification wrongType = verifier().predicateType("cyclonedx").build().verify(file, att.envelope());
    assertEquals("https://spdx.dev/Document", wrongType.report().check("predicate-type").get().actual().get());
    assertFalse(wrongType.passed());
    assertFalse(verifier().threshold(2).build().verify(file, att.envelope()).passed());
  }

  @Test
  void badEnvelopesAreRefusedOrFail() throws Exception {
    Path file = artifact();
    SignedAttestation att = BlobAttester.of(SIGNER).attest(file, "custom", M.readTree("{}"));
    String json = att.envelopeJson();
    String noSigs = json.substring(0, json.indexOf(",\"signatures\"")) + ",\"signatures\":[]}";
    assertThrows(InvalidInputException.class, () -> DsseEnvelope.parse(noSigs));
    String noSigField = json.substring(0, json.indexOf(",\"signatures\"")) + "}";
    assertThrows(InvalidInputException.class, () -> DsseEnvelope.parse(noSigField));
    String emptySig = json.substring(0, json.indexOf(",\"signatures\"")) + ",\"signatures\":[{\"sig\":\"\"}]}";
    assertThrows(InvalidInputException.class, () -> DsseEnvelope.parse(emptySig));

    DsseEnvelope textPlain = DsseEnvelope.sign(SIGNER, "text/plain", att.envelope().payload());
    AttestationVerification t = verifier().build().verify(file, textPlain);
    assertFalse(t.passed());
    assertEquals("text/plain", t.report().check("payload-type").get().actual().get());
    assertTrue(t.statement().isEmpty(), "a payload of another type is never read");

    byte[] noSubject = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"x\"}"
        .getBytes(StandardCharsets.UTF_8);
    AttestationVerification s = verifier().build().verify(file,
        DsseEnvelope.sign(SIGNER, "application/vnd.in-toto+json", noSubject));
    assertFalse(s.passed());
    assertEquals(Status.FAILED, s.report().check("statement").get().status());
    assertTrue(s.report().check("statement").get().detail().get().contains("no subject"));
  }

  @Test
  void needsATrustedKey() {
    assertThrows(InvalidInputException.class, () -> BlobAttestationVerifier.builder().build());
    assertThrows(InvalidInputException.class, () -> verifier().predicateType("nonsense").build());
  }
}
