package dev.countersign.pgp.helm;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.internal.KeyValidity;
import dev.countersign.pgp.internal.SignatureKeyCheck;
import dev.countersign.pgp.internal.helm.ClearSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Verifies a chart archive against its {@code .prov} as {@code helm verify} (Helm 4) does, in checks:
 * <ol>
 *   <li>{@code signature}: the OpenPGP signature verifies with a key (primary or subkey) of the keyring;
 *   <li>{@code key-validity}: that key may be credited with it at the verification time ({@link #at}, default
 *       now): neither it nor its primary is revoked (a revocation counts only if its signature verifies; a
 *       "superseded"/"retired" revocation from its date on, any other at all times), it existed and had not
 *       expired when the signature was made, and has not expired at verification time; a subkey also needs a valid
 *       binding that allows signing and a valid back-signature. The message says which (revoked / expired /
 *       not yet valid), when, and the revocation reason;
 *   <li>{@code archive-name}: the archive's file name is listed in {@code files:};
 *   <li>{@code archive-digest}: the archive's SHA-256 equals the listed digest.
 * </ol>
 * A malformed {@code .prov} throws {@link InvalidInputException}; every other failure is a failed check in the
 * report. Immutable and thread-safe.
 */
public final class ProvenanceVerifier {
  private final PGPPublicKeyRingCollection keyring;
  private final Instant at;

  private ProvenanceVerifier(PGPPublicKeyRingCollection keyring, Instant at) {
    this.keyring = keyring;
    this.at = at;
  }

  /** A verifier trusting the keys of {@code keyring} (primary keys and subkeys). */
  public static ProvenanceVerifier withKeyring(PGPPublicKeyRingCollection keyring) {
    return new ProvenanceVerifier(Objects.requireNonNull(keyring, "keyring"), null);
  }

  /** A verifier trusting the public keys of {@code keyring}, as {@code helm verify --keyring} does. */
  public static ProvenanceVerifier withKeyring(PgpKeyring keyring) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (PgpKey key : keyring.keys()) {
      rings.add(key.bcPublicKeyRing());
    }
    return withKeyring(new PGPPublicKeyRingCollection(rings));
  }

  /** This verifier judging key validity at {@code time} instead of the current time. */
  public ProvenanceVerifier at(Instant time) {
    return new ProvenanceVerifier(keyring, Objects.requireNonNull(time, "time"));
  }

  /** The verification time if one was set with {@link #at}; empty means the time of each verification. */
  public Optional<Instant> time() {
    return Optional.ofNullable(at);
  }

  /** Verifies {@code archive} against {@code <archive>.prov} next to it. */
  public VerificationReport verify(Path archive) {
    return verify(archive, archive.resolveSibling(archive.getFileName() + ".prov"));
  }

  /** Verifies {@code archive} against the provenance file {@code prov}. */
  public VerificationReport verify(Path archive, Path prov) {
    String name = archive.getFileName().toString();
    byte[] provBytes;
    try {
      if (Files.size(prov) > 1 << 20) {
        throw new InvalidInputException("provenance file " + prov.getFileName() + " is larger than 1 MiB");
      }
      provBytes = Files.readAllBytes(prov);
    } catch (NoSuchFileException e) {
      return VerificationReport.builder(name).add(VerificationCheck.failed("signature", prov.getFileName().toString(),
          "missing", "no provenance file for the archive")).build();
    } catch (IOException e) {
      throw new InvalidInputException("cannot read provenance file " + prov.getFileName() + ": " + e.getMessage(), e);
    }
    try (InputStream in = Files.newInputStream(archive)) {
      return verify(provBytes, in, name);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read archive " + name + ": " + e.getMessage(), e);
    }
  }

  /** Verifies the archive read from {@code archive} (streamed, not closed) and named {@code archiveName}. */
  public VerificationReport verify(byte[] prov, InputStream archive, String archiveName) {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(archiveName, "archiveName");
    Provenance p = Provenance.parse(prov);
    VerificationReport.Builder report = VerificationReport.builder(archiveName);
    PGPSignature sig = ClearSignatures.decode(p.message());
    PGPPublicKey key = keyring.getPublicKey(sig.getKeyID());
    PGPPublicKeyRing ring = keyring.getPublicKeyRing(sig.getKeyID());
    report.add(signatureCheck(p, sig, key, ring));
    if (report.hasFailure()) {
      report.add(VerificationCheck.notPerformed("key-validity", "the signature did not verify"));
    } else {
      report.add(keyValidityCheck(p, key, ring));
    }
    if (report.hasFailure()) {
      report.add(VerificationCheck.notPerformed("archive-name", "the signature is not valid"));
      report.add(VerificationCheck.notPerformed("archive-digest", "the signature is not valid"));
      return report.build();
    }
    String expected = p.files().get(archiveName);
    if (expected == null) {
      report.add(VerificationCheck.failed("archive-name", String.join(", ", p.files().keySet()), archiveName,
          "the provenance lists no digest for a file of this name"));
      report.add(VerificationCheck.notPerformed("archive-digest", "no digest listed for " + archiveName));
      return report.build();
    }
    report.add(VerificationCheck.passed("archive-name", archiveName + " is listed in files:"));
    String actual = sha256(archive);
    if (actual.equals(expected)) {
      report.add(VerificationCheck.passed("archive-digest", actual));
    } else {
      report.add(VerificationCheck.failed("archive-digest", expected, actual, "the archive is not the one signed"));
    }
    return report.build();
  }

  private static VerificationCheck signatureCheck(Provenance p, PGPSignature sig, PGPPublicKey key,
      PGPPublicKeyRing ring) {
    if (key == null || ring == null) {
      return VerificationCheck.failed("signature", "a key in the keyring", "key id " + p.signerKeyId(),
          "signed by a key that is not in the keyring");
    }
    String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    if (!ClearSignatures.verify(sig, key, p.message())) {
      return VerificationCheck.failed("signature", "a valid signature by " + fingerprint, "invalid signature",
          "the signed text was changed or the signature is corrupt");
    }
    Iterator<String> ids = ring.getPublicKey().getUserIDs();
    String userId = ids.hasNext() ? ids.next() : "(no user id)";
    return VerificationCheck.passed("signature", "signed by " + fingerprint + " \"" + userId + "\" at "
        + p.signedAt());
  }

  private VerificationCheck keyValidityCheck(Provenance p, PGPPublicKey key, PGPPublicKeyRing ring) {
    Instant verifiedAt = at != null ? at : Instant.now();
    Optional<String> problem = SignatureKeyCheck.problem(ring, key, p.signedAt(), verifiedAt);
    String primary = KeyValidity.fingerprint(ring.getPublicKey());
    if (problem.isPresent()) {
      return VerificationCheck.failed("key-validity", "a key valid when signing and at " + verifiedAt,
          problem.get(), "the signing key may not be trusted for this signature");
    }
    return VerificationCheck.passed("key-validity", "key " + primary + " was valid at signing time "
        + p.signedAt() + " and is at verification time " + verifiedAt);
  }

  private static String sha256(InputStream in) {
    try {
      return Digest.compute(DigestAlgorithm.SHA256, in).toString();
    } catch (UncheckedIOException e) {
      throw new InvalidInputException("cannot read the archive: " + e.getCause().getMessage(), e);
    }
  }
}
