package dev.countersign.core.bundle;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle's {@code verificationMaterial}: which key signed (a public-key hint, or an X.509 certificate or chain)
 * plus the transparency-log entries and RFC 3161 timestamps that accompany the signature.
 */
public final class VerificationMaterial {
  /** How the signing key is identified. */
  public enum Kind {
    /** {@code publicKey.hint}: a key the verifier already trusts. */
    PUBLIC_KEY,
    /** {@code x509CertificateChain} (bundles up to v0.2). */
    X509_CERTIFICATE_CHAIN,
    /** {@code certificate} (v0.3): the leaf certificate alone. */
    CERTIFICATE
  }

  private final Kind kind;
  private final String hint;
  private final List<byte[]> certificates;
  private final List<TlogEntry> tlogEntries;
  private final List<Rfc3161Timestamp> timestamps;

  private VerificationMaterial(Kind kind, String hint, List<byte[]> certificates, List<TlogEntry> tlogEntries,
      List<Rfc3161Timestamp> timestamps) {
    this.kind = kind;
    this.hint = hint == null || hint.isEmpty() ? null : hint;
    List<byte[]> certs = new ArrayList<>();
    for (byte[] c : certificates) {
      if (Objects.requireNonNull(c, "certificate").length == 0) {
        throw new InvalidInputException("certificate is empty");
      }
      certs.add(c.clone());
    }
    if (kind != Kind.PUBLIC_KEY && certs.isEmpty()) {
      throw new InvalidInputException("verification material has no certificate");
    }
    this.certificates = List.copyOf(certs);
    this.tlogEntries = List.copyOf(tlogEntries);
    this.timestamps = List.copyOf(timestamps);
  }

  /** Material naming a public key by its id, as {@code cosign sign-blob --key} writes it. */
  public static VerificationMaterial ofPublicKey(KeyId hint) {
    return ofPublicKeyHint(Objects.requireNonNull(hint, "hint").value());
  }

  /** Material naming a public key by a free-form hint (null or empty for none). */
  public static VerificationMaterial ofPublicKeyHint(String hint) {
    return new VerificationMaterial(Kind.PUBLIC_KEY, hint, List.of(), List.of(), List.of());
  }

  /** Material with a DER leaf certificate (v0.3 {@code certificate}). */
  public static VerificationMaterial ofCertificate(byte[] der) {
    return new VerificationMaterial(Kind.CERTIFICATE, null, List.of(der), List.of(), List.of());
  }

  /** Material with a DER certificate chain, leaf first (v0.1/v0.2 {@code x509CertificateChain}). */
  public static VerificationMaterial ofCertificateChain(List<byte[]> ders) {
    return new VerificationMaterial(Kind.X509_CERTIFICATE_CHAIN, null, ders, List.of(), List.of());
  }

  /** This material with {@code entries} as its transparency-log entries. */
  public VerificationMaterial withTlogEntries(List<TlogEntry> entries) {
    return new VerificationMaterial(kind, hint, certificates, entries, timestamps);
  }

  /** This material with {@code list} as its RFC 3161 timestamps. */
  public VerificationMaterial withTimestamps(List<Rfc3161Timestamp> list) {
    return new VerificationMaterial(kind, hint, certificates, tlogEntries, list);
  }

  public Kind kind() {
    return kind;
  }

  /** The public-key hint (for {@link Kind#PUBLIC_KEY}); informational, never trusted. */
  public Optional<String> publicKeyHint() {
    return Optional.ofNullable(hint);
  }

  /** Copies of the DER certificates, leaf first; empty for {@link Kind#PUBLIC_KEY}. */
  public List<byte[]> certificates() {
    List<byte[]> out = new ArrayList<>();
    certificates.forEach(c -> out.add(c.clone()));
    return out;
  }

  public List<TlogEntry> tlogEntries() {
    return tlogEntries;
  }

  public List<Rfc3161Timestamp> rfc3161Timestamps() {
    return timestamps;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VerificationMaterial)) {
      return false;
    }
    VerificationMaterial m = (VerificationMaterial) o;
    if (kind != m.kind || !Objects.equals(hint, m.hint) || certificates.size() != m.certificates.size()) {
      return false;
    }
    for (int i = 0; i < certificates.size(); i++) {
      if (!java.util.Arrays.equals(certificates.get(i), m.certificates.get(i))) {
        return false;
      }
    }
    return tlogEntries.equals(m.tlogEntries) && timestamps.equals(m.timestamps);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, hint, certificates.size(), tlogEntries, timestamps);
  }

  @Override
  public String toString() {
    return "VerificationMaterial{" + kind + (hint != null ? " hint=" + hint : "") + ", " + tlogEntries.size()
        + " tlog entr(ies), " + timestamps.size() + " timestamp(s)}";
  }
}
