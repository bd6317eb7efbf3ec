package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifiers;
import dev.countersign.core.testing.OpensslSignatures;
import dev.countersign.core.testing.PemTestFiles;
import dev.countersign.core.testing.Peers;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Raw blob signatures (cosign's base64 signature file) checked against openssl in both directions. */
class OpensslInteropTest {
  private static final byte[] ARTIFACT = "openssl interop artifact\n".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
      "ECDSA_P521_SHA512", "ED25519", "RSA_PKCS1V15_SHA256", "RSA_PSS_SHA256"})
  void opensslVerifiesOurSignatures(SignatureAlgorithm alg, @TempDir Path dir) throws Exception {
    Signer s = Signers.of(TestKeys.forAlgorithm(alg), alg);
    Path artifact = Files.write(dir.resolve("artifact.txt"), ARTIFACT);
    String text = BlobSigner.of(s).sign(artifact).base64();
    Path sig = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(text));
    Path pub = PemTestFiles.writePublicKey(dir.resolve("pub.pem"), s.publicKey());

    Peers.Result ok = OpensslSignatures.verify(alg, pub, artifact, sig);
    assertEquals(0, ok.exitCode(), ok.output());
    Path other = Files.write(dir.resolve("other.txt"), "openssl interop artifacT\n".getBytes(StandardCharsets.UTF_8));
    Peers.Result bad = OpensslSignatures.verify(alg, pub, other, sig);
    assertEquals(1, bad.exitCode(), "openssl must reject a signature over other data: " + bad.output());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384",
      "ECDSA_P521_SHA512", "ED25519", "RSA_PKCS1V15_SHA256", "RSA_PSS_SHA256"})
  void weVerifyOpensslSignatures(SignatureAlgorithm alg, @TempDir Path dir) throws Exception {
    KeyPair kp = TestKeys.forAlgorithm(alg);
    Path artifact = Files.write(dir.resolve("artifact.txt"), ARTIFACT);
    Path key = PemTestFiles.writePrivateKey(dir.resolve("key.pem"), kp.getPrivate());
    Path sig = dir.resolve("sig.bin");
    Peers.Result made = OpensslSignatures.sign(alg, key, artifact, sig);
    assertEquals(0, made.exitCode(), made.output());
    String text = Base64.getEncoder().encodeToString(Files.readAllBytes(sig)) + "\n";

    BlobVerifier v = BlobVerifier.of(Verifiers.of(kp.getPublic(), alg));
    VerificationReport r = v.verifySignature(artifact, text);
    assertTrue(r.passed(), r.toString());
    Path other = Files.write(dir.resolve("other.txt"), "openssl interop artifacT\n".getBytes(StandardCharsets.UTF_8));
    assertFalse(v.checkSignature(other, text).passed());
  }
}
