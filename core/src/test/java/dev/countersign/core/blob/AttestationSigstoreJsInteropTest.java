package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.ProvenanceGenerator;
import dev.countersign.core.intoto.SignedAttestation;
import dev.countersign.core.intoto.StatementVersion;
import dev.countersign.core.testing.Peers;
import dev.countersign.core.testing.PemTestFiles;
import dev.countersign.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Blob attestation bundles we write, verified offline by sigstore-js trusting only the signing key. */
class AttestationSigstoreJsInteropTest {
  @ParameterizedTest
  @CsvSource({"ECDSA_P256_SHA256,V1", "ECDSA_P256_SHA256,V0_1", "ED25519,V1", "RSA_PKCS1V15_SHA256,V1"})
  void provenanceBundlesVerifyWithSigstoreJs(SignatureAlgorithm alg, StatementVersion version, @TempDir Path dir)
      throws Exception {
    Signer s = Signers.of(TestKeys.forAlgorithm(alg), alg);
    Path artifact = Files.writeString(dir.resolve("app.tar.gz"), "release\n");
    SignedAttestation att = BlobAttester.of(s).statementVersion(version).attest(artifact,
        ProvenanceGenerator.explicit().builderId("https://ci.example.com/builders/linux@v1")
            .source("https://github.com/acme/web", "refs/heads/main", "2ce3f90facdb51aeb950d5bc641e981be61fdf48")
            .entryPoint("make image").generate());
    Path bundle = Files.writeString(dir.resolve("app.sigstore.json"), att.bundleJson());
    Path key = PemTestFiles.writePublicKey(dir.resolve("key.pub"), s.publicKey());
    Peers.Result ok = Peers.node("sigstore-verify.js", bundle.toString(), key.toString(), artifact.toString());
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.stdout().startsWith("verified: dsseEnvelope"), ok.output());

    // A changed statement under the same signature must be rejected by the peer.
    DsseEnvelope env = att.envelope();
    byte[] payload = env.payload();
    payload[payload.length - 3] ^= 1;
    Bundle tampered = Bundle.ofDsseEnvelope(att.toBundle().verificationMaterial(),
        DsseEnvelope.of(env.payloadType(), payload, env.signatures()));
    Path bad = Files.writeString(dir.resolve("bad.sigstore.json"), tampered.toJson());
    Peers.Result rejected = Peers.node("sigstore-verify.js", bad.toString(), key.toString(), artifact.toString());
    assertEquals(1, rejected.exitCode(), rejected.output());
    assertTrue(rejected.stdout().contains("SIGNATURE_ERROR"), rejected.output());

    // sigstore-js 4.1 does not compare an in-toto subject with the artifact it is given (it checks the DSSE
    // signature only); BlobAttestationVerifier does (BlobAttestationTest). If the peer starts checking, this fails.
    Path other = Files.writeString(dir.resolve("other.tar.gz"), "other\n");
    Peers.Result otherArtifact = Peers.node("sigstore-verify.js", bundle.toString(), key.toString(), other.toString());
    assertEquals(0, otherArtifact.exitCode(), otherArtifact.output());
  }
}
