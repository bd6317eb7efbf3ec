package dev.countersign.cli;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.keys.KeyDecision;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestKeyResolver;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code helm verify --keys}: the OpenPGP keys of a key manifest. For each key the window and status rules accept,
 * its published keyring ({@code keyring-*.gpg} from {@link ManifestKey#files()}, fetched from the same source) is
 * read, the key whose primary fingerprint is the manifest's is taken alone (a keyring carrying another key does
 * not widen trust; when the manifest records the keyring's SHA-256, the bytes served must match it), and the
 * chart's {@code .prov} is verified with only that key.
 */
final class ManifestKeyrings {
  /** Published keyrings larger than this are refused. */
  static final int MAX_KEYRING_BYTES = 1 << 20;

  private final ManifestKeys keys;

  ManifestKeyrings(ManifestKeys keys) {
    this.keys = keys;
  }

  /** The verification with the first accepted key that verifies, and that key; else the last failed report. */
  record Outcome(VerificationReport report, Optional<PgpKey> signer) {}

  Outcome verify(Path chart) {
    ManifestKeyResolver resolver = keys.resolver();
    List<ManifestKey> accepted = resolver.resolvePgp(KeyQuery.any());
    keys.record();
    VerificationReport last = VerificationReport.builder("helm chart " + chart.getFileName())
        .add(VerificationCheck.failed("key", "an OpenPGP key of the key manifest the rules accept", "none",
            "no OpenPGP key of manifest version " + resolver.manifest().map(m -> m.version()).orElse(0)
                + " is accepted now")).build();
    for (ManifestKey k : accepted) {
      Optional<PgpKey> key = keyOf(k);
      if (key.isEmpty()) {
        last = VerificationReport.builder("helm chart " + chart.getFileName())
            .add(VerificationCheck.failed("keyring-fingerprint", k.pgpFingerprint().orElse("?"), "absent",
                "the published keyring " + keyringName(k).orElse("(none)") + " has no key with the manifest's"
                    + " fingerprint")).build();
        continue;
      }
      VerificationReport r = ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(key.get()))).verify(chart);
      if (r.passed()) {
        return new Outcome(r, key);
      }
      last = r;
    }
    return new Outcome(last, Optional.empty());
  }

  /** Among the refused OpenPGP keys, the one whose keyring verifies the chart (so the rule can be named). */
  Optional<KeyDecision> refusedSigner(Path chart) {
    for (KeyDecision d : keys.decisions()) {
      if (d.accepted()) {
        continue;
      }
      Optional<ManifestKey> mk = keys.resolver().manifest().flatMap(m -> m.keys().stream()
          .filter(k -> k.keyId().equals(d.keyId()) && k.pgpFingerprint().isPresent()).findFirst());
      Optional<PgpKey> key = mk.flatMap(this::keyOf);
      if (key.isPresent()
          && ProvenanceVerifier.withKeyring(PgpKeyring.of(List.of(key.get()))).verify(chart).passed()) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private Optional<PgpKey> keyOf(ManifestKey k) {
    Optional<String> name = keyringName(k);
    if (name.isEmpty() || k.pgpFingerprint().isEmpty()) {
      return Optional.empty();
    }
    byte[] published = keys.resolver().publishedFile(name.get(), MAX_KEYRING_BYTES);
    if (k.keyringSha256().isPresent()) {
      String actual = Digest.compute(DigestAlgorithm.SHA256, published).hex();
      if (!actual.equals(k.keyringSha256().get())) {
        throw new VerificationException(VerificationReport.builder("published keyring " + name.get())
            .add(VerificationCheck.failed("keyring-sha256", k.keyringSha256().get(), actual,
                "the keyring served is not the one the manifest's members signed")).build());
      }
    }
    PgpKeyring ring = PgpKeyring.read(published);
    String fpr = k.pgpFingerprint().get().toUpperCase(Locale.ROOT);
    return ring.keys().stream().filter(p -> p.fingerprint().toUpperCase(Locale.ROOT).equals(fpr)).findFirst();
  }

  private static Optional<String> keyringName(ManifestKey k) {
    return k.files().stream().filter(f -> f.endsWith(".gpg") || f.endsWith(".asc")).findFirst();
  }
}
