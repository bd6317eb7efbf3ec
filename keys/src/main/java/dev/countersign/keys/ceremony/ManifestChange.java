package dev.countersign.keys.ceremony;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.keys.ManifestMember;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change proposed in a key ceremony: add a signing key (a public key and its algorithm, optionally backed by a
 * concrete AWS KMS key ARN), retire a key at the end of its window, revoke a key from a time with a reason, or set
 * the members and threshold. Immutable; values are validated again when the manifest is built.
 */
public final class ManifestChange {
  enum Kind { ADD_KEY, RETIRE, REVOKE, MEMBERS }

  final Kind kind;
  final PublicKey publicKey;
  final SignatureAlgorithm algorithm;
  final String backend;
  final KeyId keyId;
  final Instant start;
  final Instant end;
  final String reason;
  final List<ManifestMember> members;
  final int threshold;
  final String pgpFingerprint;
  final String keyringFile;
  final byte[] keyring;

  private ManifestChange(Kind kind, PublicKey publicKey, SignatureAlgorithm algorithm, String backend, KeyId keyId,
      Instant start, Instant end, String reason, List<ManifestMember> members, int threshold) {
    this(kind, publicKey, algorithm, backend, keyId, start, end, reason, members, threshold, null, null, null);
  }

  private ManifestChange(Kind kind, PublicKey publicKey, SignatureAlgorithm algorithm, String backend, KeyId keyId,
      Instant start, Instant end, String reason, List<ManifestMember> members, int threshold,
      String pgpFingerprint, String keyringFile, byte[] keyring) {
    this.pgpFingerprint = pgpFingerprint;
    this.keyringFile = keyringFile;
    this.keyring = keyring;
    this.kind = kind;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
    this.backend = backend;
    this.keyId = keyId;
    this.start = start;
    this.end = end;
    this.reason = reason;
    this.members = members;
    this.threshold = threshold;
  }

  /** Adds an active signing key valid in {@code [start, end)} ({@code end} may be null: open-ended). */
  public static ManifestChange addKey(PublicKey key, SignatureAlgorithm algorithm, Instant start, Instant end) {
    return addKmsKey(key, algorithm, null, start, end);
  }

  /** As {@link #addKey}, for a key held in AWS KMS under the concrete key ARN {@code kmsKeyArn} (null: none). */
  public static ManifestChange addKmsKey(PublicKey key, SignatureAlgorithm algorithm, String kmsKeyArn,
      Instant start, Instant end) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(start, "start");
    return new ManifestChange(Kind.ADD_KEY, key, algorithm, kmsKeyArn, KeyId.of(key), start, end, null, null, 0);
  }

  /**
   * Adds an active OpenPGP signing key valid in {@code [start, end)}: its fingerprint, the {@link KeyId} of its
   * signing (sub)key, the algorithm, and its public keyring (binary, as {@code gpg --export}), published as
   * {@code keyringFile} = {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg} with its SHA-256 recorded in the manifest.
   */
  public static ManifestChange addPgpKey(String fingerprint, KeyId signingKeyId, SignatureAlgorithm algorithm,
      String keyringFile, byte[] keyring, Instant start, Instant end) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(keyringFile, "keyringFile");
    if (Objects.requireNonNull(keyring, "keyring").length == 0 || keyring.length > (1 << 20)) {
      throw new InvalidInputException("a PGP public keyring must hold 1 byte to 1 MiB, got " + keyring.length);
    }
    if (!keyringFile.matches("keyring-[0-9]{4}-[0-9]{2}-[0-9]{2}-" + java.util.regex.Pattern.quote(fingerprint)
        + "\\.gpg")) {
      throw new InvalidInputException("a PGP keyring is published as keyring-YYYY-MM-DD-" + fingerprint
          + ".gpg, not '" + dev.countersign.keys.internal.ManifestJson.printable(keyringFile) + "'");
    }
    return new ManifestChange(Kind.ADD_KEY, null, Objects.requireNonNull(algorithm, "algorithm"), null,
        Objects.requireNonNull(signingKeyId, "signingKeyId"), Objects.requireNonNull(start, "start"), end, null,
        null, 0, fingerprint, keyringFile, keyring.clone());
  }

  /** Retires key {@code keyId}: it stops signing and verifies only signatures made before {@code end}. */
  public static ManifestChange retire(KeyId keyId, Instant end) {
    return new ManifestChange(Kind.RETIRE, null, null, null, Objects.requireNonNull(keyId, "keyId"), null,
        Objects.requireNonNull(end, "end"), null, null, 0);
  }

  /** Revokes key {@code keyId} from {@code at}, for {@code reason}. */
  public static ManifestChange revoke(KeyId keyId, Instant at, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("a revocation needs a reason");
    }
    return new ManifestChange(Kind.REVOKE, null, null, null, Objects.requireNonNull(keyId, "keyId"),
        Objects.requireNonNull(at, "at"), null, reason, null, 0);
  }

  /** Sets the ceremony members and their threshold (required for the first manifest). */
  public static ManifestChange members(List<ManifestMember> members, int threshold) {
    return new ManifestChange(Kind.MEMBERS, null, null, null, null, null, null, null,
        List.copyOf(Objects.requireNonNull(members, "members")), threshold);
  }

  @Override
  public String toString() {
    switch (kind) {
      case ADD_KEY:
        return "add key " + keyId;
      case RETIRE:
        return "retire key " + keyId + " at " + end;
      case REVOKE:
        return "revoke key " + keyId + " from " + start;
      default:
        return "members: " + threshold + " of " + members.size();
    }
  }
}
