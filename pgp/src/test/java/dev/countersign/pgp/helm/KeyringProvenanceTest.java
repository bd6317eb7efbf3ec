package dev.countersign.pgp.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKeyring;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ProvenanceVerifier} over a {@link PgpKeyring}, as {@code helm verify --keyring} is used. */
class KeyringProvenanceTest {
  private static Path vector(String name) throws Exception {
    return Path.of(KeyringProvenanceTest.class.getResource("/vectors/helm/provenance/" + name).toURI());
  }

  @Test
  void helmMadeProvenanceVerifiesWithTheHelmKeyringAndNotWithAnother() throws Exception {
    PgpKeyring helm = PgpKeyring.read(vector("helm-test-key.pub"));
    VerificationReport ok = ProvenanceVerifier.withKeyring(helm).verify(vector("hashtest-1.2.3.tgz"));
    assertTrue(ok.passed(), ok::toString);
    assertTrue(ok.check("signature").get().detail().orElse("").contains("helm-testing@helm.sh"), ok::toString);

    PgpKeyring other = PgpKeyring.of(java.util.List.of(dev.countersign.pgp.PgpKeyGenerator.builder()
        .algorithm(dev.countersign.pgp.PgpKeyAlgorithm.ED25519).userId("Other <other@example.com>").build()
        .generate()));
    VerificationReport wrong = ProvenanceVerifier.withKeyring(other).verify(vector("hashtest-1.2.3.tgz"));
    assertFalse(wrong.passed(), wrong::toString);
    assertTrue(wrong.check("signature").get().status() == dev.countersign.core.VerificationCheck.Status.FAILED,
        wrong::toString);
  }
}
