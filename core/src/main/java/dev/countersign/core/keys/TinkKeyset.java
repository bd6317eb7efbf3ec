package dev.countersign.core.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.internal.tink.TinkHandles;
import dev.countersign.core.internal.tink.TinkJson;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Google Tink signature keyset as a rotating key container: the primary key signs, every ENABLED key verifies.
 * Rotation adds a new primary and keeps older keys for verification; {@link #disable(long)} retires one.
 *
 * <p>Only keys whose signatures cosign accepts are allowed: output prefix RAW (Tink's TINK, LEGACY and CRUNCHY
 * prefixes prepend 5 bytes to every signature) and, for ECDSA, DER encoding (not IEEE P1363). Supported: ECDSA
 * P-256/SHA-256, P-384/SHA-384, P-521/SHA-512, Ed25519, RSA-SSA-PKCS1 and RSA-SSA-PSS (2048 to 4096 bits,
 * SHA-256/384/512, MGF1 with the same hash, salt as long as the hash). A keyset with any other key is refused.
 *
 * <p>Immutable and thread-safe: {@link #rotate} and {@link #disable} return new instances; write them back with
 * {@link #toEncryptedJson} (or {@link #toCleartextJson}). Input is capped at {@link #MAX_BYTES}.
 */
public final class TinkKeyset {
  /** Largest keyset document read, in bytes (1 MiB). */
  public static final int MAX_BYTES = TinkJson.MAX_BYTES;

  private final KeysetHandle handle;
  private final List<TinkKey> keys;
  private final TinkKey primary;
  private final Signer signer;
  private final boolean privateKeys;

  private TinkKeyset(KeysetHandle handle) {
    this.handle = handle;
    List<TinkKey> all = new ArrayList<>();
    TinkKey prim = null;
    Signer s = null;
    boolean anyPrivate = false;
    for (TinkHandles.Entry e : TinkHandles.entries(handle)) {
      TinkKey k = new TinkKey(e.tinkKeyId(), e.enabled(), e.primary(), e.key().algorithm(), e.key().publicKey());
      all.add(k);
      anyPrivate |= e.key().privateKey().isPresent();
      if (e.primary()) {
        prim = k;
        PrivateKey priv = e.key().privateKey().orElse(null);
        if (priv != null && e.enabled()) {
          s = Signers.of(priv, e.key().publicKey(), e.key().algorithm());
        }
      }
    }
    this.keys = List.copyOf(all);
    this.primary = prim;
    this.signer = s;
    this.privateKeys = anyPrivate;
  }

  /** Reads a cleartext JSON keyset (Tinkey's {@code --out-format json}); it may hold private or public keys. */
  public static TinkKeyset readCleartext(byte[] json) {
    return new TinkKeyset(TinkHandles.readCleartext(json));
  }

  /** Reads a JSON keyset of public keys only (verification); refuses one holding private keys. */
  public static TinkKeyset readPublic(byte[] json) {
    return new TinkKeyset(TinkHandles.readPublic(json));
  }

  /**
   * Reads a JSON keyset encrypted with {@code aead} (typically a KMS key's AEAD) and {@code associatedData}
   * (null for none). A wrong AEAD or associated data gives {@link InvalidInputException}.
   */
  public static TinkKeyset readEncrypted(byte[] json, Aead aead, byte[] associatedData) {
    return new TinkKeyset(TinkHandles.readEncrypted(json, aead, associatedData));
  }

  /** Wraps a keyset handle obtained from Tink directly. */
  public static TinkKeyset of(KeysetHandle handle) {
    return new TinkKeyset(Objects.requireNonNull(handle, "handle"));
  }

  /**
   * A new keyset with one RAW key of {@code algorithm} (ECDSA in DER; RSA keys of 3072 bits, 4096 for SHA-512).
   * ECDSA with a hash other than the curve's cannot be generated.
   */
  public static TinkKeyset generate(SignatureAlgorithm algorithm) {
    return new TinkKeyset(TinkHandles.generate(Objects.requireNonNull(algorithm, "algorithm")));
  }

  /**
   * Cheap format check for file detectors: JSON with {@code primaryKeyId} and a {@code key} array, or with
   * {@code encryptedKeyset}. Never throws.
   */
  public static boolean looksLikeKeyset(byte[] content) {
    return TinkJson.looksLikeKeyset(content);
  }

  /**
   * A copy with a fresh primary key of {@code algorithm}; the old keys keep their status, so enabled ones still
   * verify. Needs a private keyset.
   */
  public TinkKeyset rotate(SignatureAlgorithm algorithm) {
    if (!privateKeys) {
      throw new InvalidInputException("cannot rotate a public Tink keyset; use the private keyset");
    }
    return new TinkKeyset(TinkHandles.rotate(handle, Objects.requireNonNull(algorithm, "algorithm")));
  }

  /** A copy with a fresh primary key of the current primary's algorithm. */
  public TinkKeyset rotate() {
    return rotate(primaryKey().algorithm());
  }

  /**
   * A copy with key {@code tinkKeyId} DISABLED: its signatures no longer verify. The primary cannot be disabled.
   *
   * @throws dev.countersign.core.KeyNotFoundException when no key has that id
   */
  public TinkKeyset disable(long tinkKeyId) {
    return new TinkKeyset(TinkHandles.disable(handle, tinkKeyId));
  }

  /** Whether the keyset holds private keys (rather than public keys only). */
  public boolean hasPrivateKeys() {
    return privateKeys;
  }

  /** Every ENABLED and DISABLED key in keyset order (DESTROYED keys, mere records in Tink, are left out). */
  public List<TinkKey> keys() {
    return keys;
  }

  /** The primary key. */
  public TinkKey primaryKey() {
    if (primary == null) {
      throw new InvalidInputException("the Tink keyset has no primary key");
    }
    return primary;
  }

  /** A signer for the primary key; refuses a public keyset. */
  public Signer signer() {
    requirePrivate("sign");
    return signer;
  }

  /** Verifiers for every ENABLED key, primary first. */
  public List<Verifier> verifiers() {
    List<Verifier> out = new ArrayList<>();
    if (primary != null && primary.enabled()) {
      out.add(primary.verifier());
    }
    for (TinkKey k : keys) {
      if (k.enabled() && !k.primary()) {
        out.add(k.verifier());
      }
    }
    return List.copyOf(out);
  }

  /** A resolver over the ENABLED keys (queried by {@link dev.countersign.core.KeyId}), primary first. */
  public KeyResolver resolver() {
    return KeyResolver.of(verifiers().toArray(new Verifier[0]));
  }

  /** The public half of this keyset (the same keys, ids and statuses). */
  public TinkKeyset publicKeyset() {
    return hasPrivateKeys() ? new TinkKeyset(TinkHandles.publicHandle(handle)) : this;
  }

  /**
   * The keyset as cleartext JSON. <strong>Insecure</strong>: private keys are written unprotected; prefer
   * {@link #toEncryptedJson}.
   */
  public String toCleartextJson() {
    return TinkHandles.toCleartextJson(handle);
  }

  /** The keyset as JSON encrypted with {@code aead} and {@code associatedData} (null for none). */
  public String toEncryptedJson(Aead aead, byte[] associatedData) {
    return TinkHandles.toEncryptedJson(handle, aead, associatedData);
  }

  /** The public keys as JSON, for verifiers. */
  public String toPublicJson() {
    return TinkHandles.toPublicJson(handle, hasPrivateKeys());
  }

  /** The underlying Tink handle, for use with Tink's own API. */
  public KeysetHandle handle() {
    return handle;
  }

  private void requirePrivate(String what) {
    if (signer == null) {
      throw new InvalidInputException("cannot " + what + " with this Tink keyset: " + (privateKeys
          ? "its primary key is missing or not enabled" : "it holds public keys only; use the private keyset"));
    }
  }

  /** Lists key ids and statuses; never key material. */
  @Override
  public String toString() {
    return "TinkKeyset{" + (hasPrivateKeys() ? "private" : "public") + ", keys=" + keys + "}";
  }
}
