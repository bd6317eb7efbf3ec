package dev.countersign.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.testing.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerVerifierTest {
  private static final byte[] DATA = "countersign".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void signsAndVerifiesBytesStreamsAndDigests(SignatureAlgorithm alg) {
    KeyPair kp = TestKeys.forAlgorithm(alg);
    Signer signer = Signers.of(kp, alg);
    Verifier verifier = Verifiers.of(signer);
    assertEquals(signer.keyId(), verifier.keyId());

    verifier.verify(DATA, signer.sign(DATA));
    verifier.verify(new ByteArrayInputStream(DATA), signer.sign(new ByteArrayInputStream(DATA)));
    if (alg.signsDigest()) {
      Digest d = Digest.compute(alg.digestAlgorithm().get(), DATA);
      verifier.verify(DATA, signer.signDigest(d));
      verifier.verifyDigest(d, signer.sign(DATA));
    } else {
      Digest d = Digest.compute(DigestAlgorithm.SHA256, DATA);
      assertThrows(InvalidInputException.class, () -> signer.signDigest(d));
    }
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void rejectsTamperedDataWithAReport(SignatureAlgorithm alg) {
    Signer signer = Signers.of(TestKeys.forAlgorithm(alg), alg);
    byte[] sig = signer.sign(DATA);
    VerificationException e = assertThrows(VerificationException.class,
        () -> Verifiers.of(signer).verify("counterfeit".getBytes(StandardCharsets.UTF_8), sig));
    assertEquals("signature", e.report().failures().get(0).name());
    assertTrue(e.getMessage().contains(signer.keyId().value()), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256", "ED25519", "RSA_PKCS1V15_SHA256",
      "RSA_PSS_SHA256", "ECDSA_P521_SHA256"})
  void interoperatesWithPlainJca(SignatureAlgorithm alg) throws Exception {
    KeyPair kp = TestKeys.forAlgorithm(alg);
    String jca = jcaName(alg);
    Signature s = Signature.getInstance(jca);
    if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
      s.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
          java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
    }
    s.initSign(kp.getPrivate());
    s.update(DATA);
    Verifiers.of(kp.getPublic(), alg).verify(DATA, s.sign());

    byte[] ours = Signers.of(kp, alg).sign(DATA);
    s.initVerify(kp.getPublic());
    s.update(DATA);
    assertTrue(s.verify(ours));
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_P256_SHA256"})
  void refusesNonCanonicalDer(SignatureAlgorithm alg) {
    Signer signer = Signers.of(TestKeys.forAlgorithm(alg), alg);
    byte[] sig = signer.sign(DATA);
    byte[] padded = new byte[sig.length + 1];
    System.arraycopy(sig, 0, padded, 0, sig.length);
    VerificationException e = assertThrows(VerificationException.class, () -> Verifiers.of(signer).verify(DATA, padded));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    assertArrayEquals(sig, sig.clone());
  }

  private static String jcaName(SignatureAlgorithm alg) {
    switch (alg) {
      case ED25519:
        return "Ed25519";
      case RSA_PKCS1V15_SHA256:
        return "SHA256withRSA";
      case RSA_PSS_SHA256:
        return "RSASSA-PSS";
      default:
        return "SHA256withECDSA";
    }
  }
}
