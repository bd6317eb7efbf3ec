package dev.countersign.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.keys.internal.ManifestJson;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signing key listed in a {@link KeyManifest}: its {@link KeyId}, algorithm, public key (SubjectPublicKeyInfo)
 * or OpenPGP fingerprint, the concrete backend key (an AWS KMS key ARN; a bare alias is refused because an alias
 * moves on rotation), its validity window {@code [start, end)}, its {@link KeyStatus} and the names of the files
 * it is published as. A key with a public key must have the id {@link KeyId#of} that key; a retired key must have
 * an end; a revoked key has a revocation time and a reason.
 */
public final class ManifestKey {
  private static final Pattern KMS_KEY_ARN = Pattern.compile(
      "(awskms:///)?arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]{1,32}:[0-9]{12}:key/(mrk-)?[0-9a-f-]{32,40}");
  private static final Pattern PGP_FINGERPRINT = Pattern.compile("[0-9A-F]{40}|[0-9A-F]{64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}");

  private final KeyId keyId;
  private final SignatureAlgorithm algorithm;
  private final PublicKey publicKey;
  private final String pgpFingerprint;
  private final String keyringSha256;
  private final String backend;
  private final Instant validFrom;
  private final Instant validUntil;
  private final KeyStatus status;
  private final Instant revokedAt;
  private final String reason;
  private final List<String> files;

  private ManifestKey(Builder b) {
    this.keyId = Objects.requireNonNull(b.keyId, "keyId");
    this.algorithm = Objects.requireNonNull(b.algorithm, "algorithm");
    this.publicKey = b.publicKey;
    this.pgpFingerprint = b.pgpFingerprint;
    this.keyringSha256 = b.keyringSha256;
    this.backend = b.backend;
    this.validFrom = Objects.requireNonNull(b.validFrom, "validFrom");
    this.validUntil = b.validUntil;
    this.status = Objects.requireNonNull(b.status, "status");
    this.revokedAt = b.revokedAt;
    this.reason = b.reason;
    this.files = List.copyOf(b.files);
    String what = "key " + keyId;
    if ((publicKey == null) == (pgpFingerprint == null)) {
      throw new InvalidInputException(what + " must have exactly one of a public key and a PGP fingerprint");
    }
    if (publicKey != null) {
      algorithm.checkKey(publicKey);
      if (!KeyId.of(publicKey).equals(keyId)) {
        throw new InvalidInputException(what + " does not match its public key, whose id is " + KeyId.of(publicKey));
      }
    } else if (!PGP_FINGERPRINT.matcher(pgpFingerprint).matches()) {
      throw new InvalidInputException(what + ": a PGP fingerprint is 40 or 64 upper-case hex digits");
    }
    if (keyringSha256 != null && (pgpFingerprint == null || !SHA256_HEX.matcher(keyringSha256).matches())) {
      throw new InvalidInputException(what + ": keyringSha256 is for PGP keys only and is 64 lower-case hex digits");
    }
    if (backend != null && !KMS_KEY_ARN.matcher(backend).matches()) {
      throw new InvalidInputException(what + ": backend must be a concrete AWS KMS key ARN"
          + (backend.contains("alias/") ? " (an alias moves on rotation and is refused)" : "")
          + ", got '" + ManifestJson.printable(backend) + "'");
    }
    ManifestJson.formatTime(validFrom);
    if (validUntil != null) {
      ManifestJson.formatTime(validUntil);
      if (!validUntil.isAfter(validFrom)) {
        throw new InvalidInputException(what + ": validFor.end must be after validFor.start");
      }
    }
    if (status == KeyStatus.RETIRED && validUntil == null) {
      throw new InvalidInputException(what + " is retired but its window has no end");
    }
    boolean revoked = status == KeyStatus.REVOKED;
    if (revoked != (revokedAt != null) || revoked != (reason != null && !reason.isBlank())) {
      throw new InvalidInputException(what + ": a revocation time and reason are required for revoked keys"
          + " and only for them");
    }
    if (revokedAt != null) {
      ManifestJson.formatTime(revokedAt);
    }
    for (String f : files) {
      if (!FILE_NAME.matcher(f).matches() || f.contains("..")) {
        throw new InvalidInputException(what + ": published file name '" + ManifestJson.printable(f)
            + "' is not a plain file name");
      }
    }
    if (new HashSet<>(files).size() != files.size()) {
      throw new InvalidInputException(what + " lists a published file twice");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this key's values, to derive a changed key (e.g. retired). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.keyId = keyId;
    b.algorithm = algorithm;
    b.publicKey = publicKey;
    b.pgpFingerprint = pgpFingerprint;
    b.keyringSha256 = keyringSha256;
    b.backend = backend;
    b.validFrom = validFrom;
    b.validUntil = validUntil;
    b.status = status;
    b.revokedAt = revokedAt;
    b.reason = reason;
    b.files.addAll(files);
    return b;
  }

  public KeyId keyId() {
    return keyId;
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public Optional<PublicKey> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  public Optional<String> pgpFingerprint() {
    return Optional.ofNullable(pgpFingerprint);
  }

  /**
   * For a PGP key: the SHA-256 (lower-case hex) of its published keyring file (the {@code .gpg} among
   * {@link #files()}), so a client can check the keyring it fetched.
   */
  public Optional<String> keyringSha256() {
    return Optional.ofNullable(keyringSha256);
  }

  /** The concrete backend key (AWS KMS key ARN), when the key lives in one. */
  public Optional<String> backend() {
    return Optional.ofNullable(backend);
  }

  public Instant validFrom() {
    return validFrom;
  }

  /** End of the window (exclusive); empty when open-ended. */
  public Optional<Instant> validUntil() {
    return Optional.ofNullable(validUntil);
  }

  public KeyStatus status() {
    return status;
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** Published file names, e.g. {@code pubkey-2026-11-25.pem}. */
  public List<String> files() {
    return files;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ManifestKey)) {
      return false;
    }
    ManifestKey k = (ManifestKey) o;
    return keyId.equals(k.keyId) && algorithm == k.algorithm && Objects.equals(publicKey, k.publicKey)
        && Objects.equals(pgpFingerprint, k.pgpFingerprint) && Objects.equals(keyringSha256, k.keyringSha256)
        && Objects.equals(backend, k.backend)
        && validFrom.equals(k.validFrom) && Objects.equals(validUntil, k.validUntil) && status == k.status
        && Objects.equals(revokedAt, k.revokedAt) && Objects.equals(reason, k.reason) && files.equals(k.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, algorithm, pgpFingerprint, backend, validFrom, validUntil, status, files);
  }

  @Override
  public String toString() {
    return "ManifestKey{" + keyId + ", " + algorithm.id() + ", " + status.id() + ", from " + validFrom
        + (validUntil == null ? "" : " until " + validUntil) + "}";
  }

  /** Builds a {@link ManifestKey}; {@link #build()} validates. */
  public static final class Builder {
    private KeyId keyId;
    private SignatureAlgorithm algorithm;
    private PublicKey publicKey;
    private String pgpFingerprint;
    private String keyringSha256;
    private String backend;
    private Instant validFrom;
    private Instant validUntil;
    private KeyStatus status = KeyStatus.ACTIVE;
    private Instant revokedAt;
    private String reason;
    private final List<String> files = new ArrayList<>();

    private Builder() {}

    /** Sets the public key, its id and (unless set) its default algorithm. */
    public Builder publicKey(PublicKey key) {
      this.publicKey = key;
      this.keyId = KeyId.of(key);
      if (algorithm == null) {
        algorithm = SignatureAlgorithm.defaultFor(key);
      }
      return this;
    }

    /** An OpenPGP key: its fingerprint and the foundation key id of its signing key. */
    public Builder pgp(String fingerprint, KeyId keyId) {
      this.pgpFingerprint = fingerprint;
      this.keyId = keyId;
      return this;
    }

    /** SHA-256 (lower-case hex) of the PGP key's published keyring file. */
    public Builder keyringSha256(String hex) {
      this.keyringSha256 = hex;
      return this;
    }

    public Builder keyId(KeyId keyId) {
      this.keyId = keyId;
      return this;
    }

    public Builder algorithm(SignatureAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    /** The validity window {@code [start, end)}; {@code end} may be null (open-ended). */
    public Builder validFor(Instant start, Instant end) {
      this.validFrom = start;
      this.validUntil = end;
      return this;
    }

    public Builder active() {
      return status(KeyStatus.ACTIVE, null, null);
    }

    public Builder retired() {
      return status(KeyStatus.RETIRED, null, null);
    }

    public Builder revoked(Instant at, String reason) {
      return status(KeyStatus.REVOKED, at, reason);
    }

    private Builder status(KeyStatus status, Instant at, String reason) {
      this.status = status;
      this.revokedAt = at;
      this.reason = reason;
      return this;
    }

    public Builder files(List<String> names) {
      files.clear();
      files.addAll(names);
      return this;
    }

    public ManifestKey build() {
      return new ManifestKey(this);
    }
  }
}
