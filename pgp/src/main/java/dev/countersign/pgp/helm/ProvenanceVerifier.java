package dev.countersign.pgp.helm;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.internal.helm.ClearSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Verifies a chart archive against its {@code .prov} as {@code helm verify} does: the signature by a key in the
 * keyring (check {@code signature}), the archive's file name listed in {@code files:} ({@code archive-name}) and its
 * SHA-256 equal to the listed digest ({@code archive-digest}). A malformed {@code .prov} throws
 * {@link InvalidInputException}; every other failure is a failed check in the report.
 */
public final class ProvenanceVerifier {
  private final PGPPublicKeyRingCollection keyring;

  private ProvenanceVerifier(PGPPublicKeyRingCollection keyring) {
    this.keyring = keyring;
  }

  /** A verifier trusting the keys of {@code keyring} (primary keys and subkeys). */
  public static ProvenanceVerifier withKeyring(PGPPublicKeyRingCollection keyring) {
    return new ProvenanceVerifier(Objects.requireNonNull(keyring, "keyring"));
  }

  /** A verifier trusting the public keys of {@code keyring}, as {@code helm verify --keyring} does. */
  public static ProvenanceVerifier withKeyring(dev.countersign.pgp.PgpKeyring keyring) {
    java.util.List<org.bouncycastle.openpgp.PGPPublicKeyRing> rings = new java.util.ArrayList<>();
    for (dev.countersign.pgp.PgpKey key : keyring.keys()) {
      rings.add(key.bcPublicKeyRing());
    }
    return withKeyring(new PGPPublicKeyRingCollection(rings));
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
    report.add(signatureCheck(p));
    if (report.hasFailure()) {
      report.add(VerificationCheck.notPerformed("archive-name", "the signature did not verify"));
      report.add(VerificationCheck.notPerformed("archive-digest", "the signature did not verify"));
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
    String actual = "sha256:" + sha256(archive);
    if (actual.equals(expected)) {
      report.add(VerificationCheck.passed("archive-digest", actual));
    } else {
      report.add(VerificationCheck.failed("archive-digest", expected, actual, "the archive is not the one signed"));
    }
    return report.build();
  }

  private VerificationCheck signatureCheck(Provenance p) {
    PGPSignature sig = ClearSignatures.decode(p.message());
    PGPPublicKey key = keyring.getPublicKey(sig.getKeyID());
    PGPPublicKeyRing ring = keyring.getPublicKeyRing(sig.getKeyID());
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

  private static String sha256(InputStream in) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the archive: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
