package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationCheck.Status;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.testing.PemTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** sigstore-conformance {@code test/assets/bundle-verify} managed-key cases (see vectors/NOTICE). */
class SigstoreBundleVectorsTest {
  static Path vector(String name) throws Exception {
    return Path.of(SigstoreBundleVectorsTest.class.getResource("/vectors/sigstore-bundles/" + name).toURI());
  }

  @Test
  void happyPathVerifiesWithTheManagedKeyAndReportsTheLogAsNotPerformed() throws Exception {
    Verifier key = Verifiers.of(PemTestFiles.readPublicKey(vector("managed-key-happy-path/key.pub")));
    Bundle bundle = Bundle.parse(vector("managed-key-happy-path/bundle.sigstore.json"));
    assertEquals(KeyId.of(key.publicKey()).value(), bundle.verificationMaterial().publicKeyHint().get());
    VerificationReport r = BlobVerifier.of(key).verifyBundle(vector("a.txt"), bundle);
    assertEquals(Status.PASSED, r.check("key").get().status());
    assertEquals(Status.PASSED, r.check("artifact-digest").get().status());
    assertEquals(Status.PASSED, r.check("signature").get().status());
    VerificationCheck tlog = r.check("transparency-log").get();
    assertEquals(Status.NOT_PERFORMED, tlog.status());
    assertTrue(tlog.detail().get().contains("1 transparency-log entry (hashedrekord 0.0.1, logIndex 771488337)"),
        tlog.toString());
    assertEquals(Status.NOT_PERFORMED, r.check("timestamp").get().status());
    assertTrue(r.check("timestamp").get().detail().get().contains("1 RFC 3161 timestamp"));
  }

  @Test
  void happyPathBundleFailsForAnotherArtifact() throws Exception {
    Verifier key = Verifiers.of(PemTestFiles.readPublicKey(vector("managed-key-happy-path/key.pub")));
    VerificationReport r = BlobVerifier.of(key).checkBundle(vector("managed-key-happy-path/README"),
        Bundle.parse(vector("managed-key-happy-path/bundle.sigstore.json")));
    assertFalse(r.passed());
    assertEquals("sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf",
        r.check("artifact-digest").get().expected().get());
  }

  @Test
  void wrongKeyCaseHasACorruptKeyThatIsRefusedClearly() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemTestFiles.readPublicKey(vector("managed-key-wrong-key_fail/key.pub")));
    assertTrue(e.getMessage().contains("not on its curve"), e.getMessage());

    // The JDK's KeyFactory accepts the off-curve point; Countersign refuses to build a verifier over it.
    String pem = Files.readString(vector("managed-key-wrong-key_fail/key.pub"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PublicKey offCurve = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Verifiers.of(offCurve));
    assertTrue(refused.getMessage().contains("not on curve P-256"), refused.getMessage());
  }

  @Test
  void noKeyCaseIsRejected() throws Exception {
    Bundle bundle = Bundle.parse(vector("managed-key-no-key_fail/bundle.sigstore.json"));
    VerificationReport r = BlobVerifier.of().checkBundle(vector("a.txt"), bundle);
    assertFalse(r.passed());
    VerificationCheck key = r.check("key").get();
    assertEquals(Status.FAILED, key.status());
    assertEquals("none", key.actual().get());
  }
}
