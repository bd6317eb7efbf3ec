package dev.countersign.oci;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest exactly as stored: its bytes (the digest covers these bytes, so they are never re-serialised), its
 * media type and digest. Parsed views come from {@code dev.countersign.oci} readers; this class only guarantees
 * that bytes and digest agree.
 */
public final class Manifest {
  /** Largest manifest read into memory, as registries and cosign cap it: 4 MiB. */
  public static final int MAX_BYTES = 4 << 20;

  private final String mediaType;
  private final byte[] bytes;
  private final Digest digest;

  private Manifest(String mediaType, byte[] bytes, Digest digest) {
    this.mediaType = mediaType;
    this.bytes = bytes;
    this.digest = digest;
  }

  /** A manifest of {@code bytes}; the digest is computed (SHA-256). */
  public static Manifest of(String mediaType, byte[] bytes) {
    check(mediaType, bytes);
    byte[] copy = bytes.clone();
    return new Manifest(mediaType, copy, Digest.compute(DigestAlgorithm.SHA256, copy));
  }

  /**
   * A fetched manifest whose digest must be {@code expected}; throws {@link InvalidInputException} naming both
   * digests when the bytes do not match (a registry must never be trusted on this).
   */
  public static Manifest verified(String mediaType, byte[] bytes, Digest expected) {
    check(mediaType, bytes);
    byte[] copy = bytes.clone();
    Digest actual = Digest.compute(expected.algorithm(), copy);
    if (!actual.matches(expected)) {
      throw new InvalidInputException("manifest digest mismatch: expected " + expected + ", got " + actual);
    }
    return new Manifest(mediaType, copy, actual.algorithm() == DigestAlgorithm.SHA256 ? actual
        : Digest.compute(DigestAlgorithm.SHA256, copy));
  }

  private static void check(String mediaType, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (mediaType == null || mediaType.isBlank()) {
      throw new InvalidInputException("manifest media type is missing");
    }
    if (bytes.length > MAX_BYTES) {
      throw new InvalidInputException("manifest of " + bytes.length + " bytes exceeds the " + (MAX_BYTES >> 20)
          + " MiB limit");
    }
  }

  public String mediaType() {
    return mediaType;
  }

  /** A copy of the exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** SHA-256 digest of the bytes. */
  public Digest digest() {
    return digest;
  }

  /** A descriptor pointing at this manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest && mediaType.equals(((Manifest) o).mediaType)
        && Arrays.equals(bytes, ((Manifest) o).bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return mediaType + " " + digest + " (" + bytes.length + " bytes)";
  }
}
