package dev.countersign.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable content digest: an algorithm and its bytes, written {@code sha256:<lower-case hex>} as OCI and
 * cosign write it. {@link #compute(DigestAlgorithm, InputStream)} hashes a stream of any length in constant memory.
 */
public final class Digest {
  private static final int BUFFER = 1 << 16;
  private static final HexFormat HEX = HexFormat.of();

  private final DigestAlgorithm algorithm;
  private final byte[] bytes;

  private Digest(DigestAlgorithm algorithm, byte[] bytes) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (bytes.length != algorithm.length()) {
      throw new InvalidInputException(algorithm.ociName() + " digest must be " + algorithm.length()
          + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** A digest from raw bytes, whose length must match the algorithm. */
  public static Digest of(DigestAlgorithm algorithm, byte[] bytes) {
    return new Digest(algorithm, Objects.requireNonNull(bytes, "bytes"));
  }

  /** Parses {@code <algorithm>:<hex>}, e.g. {@code sha256:e3b0c4...}; hex must be lower case, as OCI requires. */
  public static Digest parse(String text) {
    if (text == null) {
      throw new InvalidInputException("digest is missing");
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException("digest must look like sha256:<hex>, got '" + abbreviate(text) + "'");
    }
    DigestAlgorithm alg = DigestAlgorithm.parse(text.substring(0, colon));
    String hex = text.substring(colon + 1);
    if (hex.length() != alg.length() * 2 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new InvalidInputException(alg.ociName() + " digest must be " + alg.length() * 2
          + " lower-case hex characters, got '" + abbreviate(hex) + "'");
    }
    return new Digest(alg, HEX.parseHex(hex));
  }

  /** Hashes {@code data}. */
  public static Digest compute(DigestAlgorithm algorithm, byte[] data) {
    return new Digest(algorithm, algorithm.newMessageDigest().digest(data));
  }

  /** Hashes a stream to its end in constant memory; the stream is not closed. */
  public static Digest compute(DigestAlgorithm algorithm, InputStream in) {
    MessageDigest md = algorithm.newMessageDigest();
    byte[] buf = new byte[BUFFER];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading data to digest failed", e);
    }
    return new Digest(algorithm, md.digest());
  }

  /** Hashes a file in constant memory. */
  public static Digest compute(DigestAlgorithm algorithm, Path file) {
    try (InputStream in = dev.countersign.core.internal.ArtifactFiles.open(file)) {
      return compute(algorithm, in);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Shorthand for {@code compute(SHA256, file)}. */
  public static Digest sha256(Path file) {
    return compute(DigestAlgorithm.SHA256, file);
  }

  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the raw digest bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex of the digest bytes. */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /** Constant-time comparison with another digest of the same algorithm. */
  public boolean matches(Digest other) {
    return other != null && algorithm == other.algorithm && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest && matches((Digest) o);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(bytes);
  }

  /** {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return algorithm.ociName() + ":" + hex();
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
