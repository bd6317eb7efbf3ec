package dev.countersign.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.blob.BlobSignature;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.testing.OpensslSignatures;
import dev.countersign.core.testing.PemTestFiles;
import dev.countersign.core.testing.Peers;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bundles we write, verified offline by sigstore-js ({@code @sigstore/verify}) through
 * {@code src/test/peers/sigstore-verify.js}, trusting only the signing key.
 */
class SigstoreJsInteropTest {
  private static final byte[] ARTIFACT = "countersign interop artifact\n".getBytes(StandardCharsets.UTF_8);

  private static Peers.Result peer(Path bundle, Path key, Path artifact) {
    return artifact == null ? Peers.node("sigstore-verify.js", bundle.toString(), key.toString())
        : Peers.node("sigstore-verify.js", bundle.toString(), key.toString(), artifact.toString());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
      "ECDSA_P521_SHA512", "ECDSA_P384_SHA256", "ECDSA_P521_SHA256", "RSA_PKCS1V15_SHA256"})
  void messageSignatureBundlesVerify(SignatureAlgorithm alg, @TempDir Path dir) throws Exception {
    Signer s = Signers.of(TestKeys.forAlgorithm(alg), alg);
    Path artifact = Files.write(dir.resolve("artifact.txt"), ARTIFACT);
    BlobSignature sig = BlobSigner.of(s).sign(artifact);
    Path bundle = Files.writeString(dir.resolve("artifact.sigstore.json"), sig.bundleJson());
    Path key = PemTestFiles.writePublicKey(dir.resolve("key.pub"), s.publicKey());

    Peers.Result ok = peer(bundle, key, artifact);
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.stdout().startsWith("verified: messageSignature"), ok.output());

    Path tampered = Files.write(dir.resolve("tampered.txt"), "countersign interop artifacT\n"
        .getBytes(StandardCharsets.UTF_8));
    Peers.Result bad = peer(bundle, key, tampered);
    assertEquals(1, bad.exitCode(), bad.output());
    assertTrue(bad.stdout().contains("SIGNATURE_ERROR"), bad.output());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519", "RSA_PKCS1V15_SHA256",
      "ECDSA_P384_SHA256", "ECDSA_P521_SHA256"})
  void dsseBundlesVerify(SignatureAlgorithm alg, @TempDir Path dir) throws Exception {
    Signer s = Signers.of(TestKeys.forAlgorithm(alg), alg);
    byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}"
        .getBytes(StandardCharsets.UTF_8);
    Bundle b = Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKey(s.keyId()),
        DsseEnvelope.sign(s, "application/vnd.in-toto+json", statement));
    Path bundle = Files.writeString(dir.resolve("att.sigstore.json"), b.toJson());
    Path key = PemTestFiles.writePublicKey(dir.resolve("key.pub"), s.publicKey());
    Peers.Result ok = peer(bundle, key, null);
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.stdout().startsWith("verified: dsseEnvelope"), ok.output());

    // The same envelope with a changed payload type must be rejected by the peer.
    DsseEnvelope env = b.dsseEnvelope().get();
    Bundle retyped = Bundle.ofDsseEnvelope(b.verificationMaterial(),
        DsseEnvelope.of("text/plain", env.payload(), env.signatures()));
    Path badBundle = Files.writeString(dir.resolve("retyped.sigstore.json"), retyped.toJson());
    Peers.Result bad = peer(badBundle, key, null);
    assertEquals(1, bad.exitCode(), bad.output());
  }

  /**
   * What sigstore-js 4.1.3 cannot check, although the signatures are valid (openssl verifies each one here):
   * a {@code messageSignature} is verified with {@code crypto.verify(<messageDigest hash>, ...)}, which Node
   * refuses for Ed25519 ({@code ERR_OSSL_INVALID_DIGEST}) and runs with PKCS#1 v1.5 padding for RSA; a DSSE
   * signature is verified with {@code crypto.verify(undefined, PAE, ...)}, which hashes ECDSA with SHA-256
   * whatever the curve and uses PKCS#1 v1.5 for RSA. If a sigstore-js upgrade starts accepting one of these,
   * this test fails: move the case to the tests above.
   */
  @ParameterizedTest
  @CsvSource({"messageSignature,ED25519", "messageSignature,RSA_PSS_SHA256", "dsseEnvelope,ECDSA_P384_SHA384",
      "dsseEnvelope,ECDSA_P521_SHA512", "dsseEnvelope,RSA_PSS_SHA256"})
  void sigstoreJsRejectsValidSignaturesItCannotCheck(String content, SignatureAlgorithm alg, @TempDir Path dir)
      throws Exception {
    Signer s = Signers.of(TestKeys.forAlgorithm(alg), alg);
    Path key = PemTestFiles.writePublicKey(dir.resolve("key.pub"), s.publicKey());
    Path signed = dir.resolve("signed.bin");
    Path sigFile = dir.resolve("sig.bin");
    Path artifact = null;
    Bundle b;
    if (content.equals("messageSignature")) {
      artifact = Files.write(dir.resolve("artifact.txt"), ARTIFACT);
      BlobSignature sig = BlobSigner.of(s).sign(artifact);
      b = sig.toBundle();
      Files.write(signed, ARTIFACT);
      Files.write(sigFile, sig.signature());
    } else {
      DsseEnvelope env = DsseEnvelope.sign(s, "application/vnd.in-toto+json", ARTIFACT);
      b = Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKey(s.keyId()), env);
      Files.write(signed, env.pae());
      Files.write(sigFile, env.signatures().get(0).sig());
    }
    Peers.Result openssl = OpensslSignatures.verify(alg, key, signed, sigFile);
    assertEquals(0, openssl.exitCode(), "openssl must accept the signature: " + openssl.output());
    Path bundle = Files.writeString(dir.resolve("b.sigstore.json"), b.toJson());
    Peers.Result js = peer(bundle, key, artifact);
    assertEquals(1, js.exitCode(), js.output());
    assertTrue(js.stdout().contains("SIGNATURE_ERROR"), js.output());
  }
}
