package dev.countersign.core.internal.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads, edits and writes Tink {@link KeysetHandle}s, turning every Tink failure into a Countersign exception. */
public final class TinkHandles {
  private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

  private TinkHandles() {}

  /** One usable key of a keyset: Tink id (unsigned), status, whether primary, and the converted key. */
  public record Entry(long tinkKeyId, boolean enabled, boolean primary, ConvertedKey key) {}

  /** Parses a cleartext JSON keyset (private or public keys). */
  public static KeysetHandle readCleartext(byte[] json) {
    String text = TinkJson.check(json, TinkJson.Shape.KEYSET);
    TinkRuntime.ensureRegistered();
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw TinkRuntime.invalid("cannot read the Tink keyset", e);
    } catch (RuntimeException e) {
      throw TinkRuntime.malformed("the Tink keyset", e);
    }
  }

  /** Parses a JSON keyset of public keys only; refuses secret key material. */
  public static KeysetHandle readPublic(byte[] json) {
    String text = TinkJson.check(json, TinkJson.Shape.KEYSET);
    TinkRuntime.ensureRegistered();
    try {
      return TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(text);
    } catch (RuntimeException e) {
      throw TinkRuntime.malformed("the public Tink keyset", e);
    } catch (GeneralSecurityException e) {
      throw TinkRuntime.invalid("cannot read the public Tink keyset (a keyset holding private keys must be read"
          + " as a cleartext or encrypted keyset)", e);
    }
  }

  /** Decrypts and parses an encrypted JSON keyset with {@code aead} and {@code associatedData} (may be null). */
  public static KeysetHandle readEncrypted(byte[] json, Aead aead, byte[] associatedData) {
    Objects.requireNonNull(aead, "aead");
    String text = TinkJson.check(json, TinkJson.Shape.ENCRYPTED);
    TinkRuntime.ensureRegistered();
    try {
      return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(text, aead,
          associatedData == null ? NO_ASSOCIATED_DATA : associatedData);
    } catch (RuntimeException e) {
      throw TinkRuntime.malformed("the encrypted Tink keyset", e);
    } catch (GeneralSecurityException e) {
      throw TinkRuntime.invalid("cannot decrypt the Tink keyset with the given AEAD (wrong key or associated"
          + " data, or a corrupt keyset)", e);
    }
  }

  /**
   * Every ENABLED or DISABLED key of {@code handle}, converted (DESTROYED keys are skipped); refuses the keyset if
   * any of them is unusable.
   */
  public static List<Entry> entries(KeysetHandle handle) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < handle.size(); i++) {
      KeysetHandle.Entry e;
      try {
        e = handle.getAt(i);
      } catch (RuntimeException ex) {
        throw TinkRuntime.invalid("Tink keyset entry " + i + " cannot be read (its key data does not parse or its"
            + " status is invalid)", ex);
      }
      if (e.getStatus() == KeyStatus.DESTROYED) {
        continue; // no longer usable for anything; Tink keeps it only as a record
      }
      ConvertedKey key = TinkKeyConversion.convert(e.getId(), e.getKey());
      out.add(new Entry(Integer.toUnsignedLong(e.getId()), e.getStatus() == KeyStatus.ENABLED, e.isPrimary(), key));
    }
    return out;
  }

  /** A new single-key keyset of {@code algorithm}. */
  public static KeysetHandle generate(SignatureAlgorithm algorithm) {
    TinkRuntime.ensureRegistered();
    try {
      return KeysetHandle.generateNew(TinkParameters.forAlgorithm(algorithm));
    } catch (GeneralSecurityException e) {
      throw new BackendException("Tink cannot generate a " + algorithm + " key: " + e.getMessage(), false, e);
    }
  }

  /** {@code handle} plus a fresh primary key of {@code algorithm}; the other keys keep their status. */
  public static KeysetHandle rotate(KeysetHandle handle, SignatureAlgorithm algorithm) {
    TinkRuntime.ensureRegistered();
    try {
      KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
      b.addEntry(KeysetHandle.generateEntryFromParameters(TinkParameters.forAlgorithm(algorithm))
          .withRandomId().setStatus(KeyStatus.ENABLED).makePrimary());
      return b.build();
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw new BackendException("Tink cannot add a " + algorithm + " key: " + e.getMessage(), false, e);
    }
  }

  /** {@code handle} with key {@code tinkKeyId} disabled; the primary cannot be disabled. */
  public static KeysetHandle disable(KeysetHandle handle, long tinkKeyId) {
    TinkRuntime.ensureRegistered();
    for (int i = 0; i < handle.size(); i++) {
      KeysetHandle.Entry e;
      try {
        e = handle.getAt(i);
      } catch (RuntimeException ex) {
        continue; // an entry Tink cannot parse (e.g. destroyed, without key data)
      }
      if (Integer.toUnsignedLong(e.getId()) != tinkKeyId || e.getStatus() == KeyStatus.DESTROYED) {
        continue;
      }
      if (e.isPrimary()) {
        throw new InvalidInputException("Tink key " + tinkKeyId + " is the primary key and cannot be disabled;"
            + " rotate to a new primary first");
      }
      try {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
        b.getAt(i).setStatus(KeyStatus.DISABLED);
        return b.build();
      } catch (GeneralSecurityException | RuntimeException ex) {
        throw TinkRuntime.invalid("cannot disable Tink key " + tinkKeyId, ex);
      }
    }
    throw new KeyNotFoundException("the Tink keyset has no key with id " + tinkKeyId);
  }

  /** Cleartext JSON: private keys are written unprotected. */
  public static String toCleartextJson(KeysetHandle handle) {
    TinkRuntime.ensureRegistered();
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("cannot serialise the Tink keyset: " + e.getMessage(), e);
    }
  }

  /** JSON with the keyset encrypted by {@code aead}. */
  public static String toEncryptedJson(KeysetHandle handle, Aead aead, byte[] associatedData) {
    TinkRuntime.ensureRegistered();
    Objects.requireNonNull(aead, "aead");
    try {
      return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, aead,
          associatedData == null ? NO_ASSOCIATED_DATA : associatedData);
    } catch (GeneralSecurityException e) {
      throw new BackendException("cannot encrypt the Tink keyset with the given AEAD: " + e.getMessage(), false, e);
    }
  }

  /** JSON of the public keys (the public half of a private keyset). */
  public static String toPublicJson(KeysetHandle handle, boolean hasPrivateKeys) {
    TinkRuntime.ensureRegistered();
    try {
      KeysetHandle pub = hasPrivateKeys ? handle.getPublicKeysetHandle() : handle;
      return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(pub);
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("cannot serialise the public Tink keyset: " + e.getMessage(), e);
    }
  }

  /** The public half of a private keyset. */
  public static KeysetHandle publicHandle(KeysetHandle handle) {
    TinkRuntime.ensureRegistered();
    try {
      return handle.getPublicKeysetHandle();
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("cannot derive the public Tink keyset: " + e.getMessage(), e);
    }
  }
}
