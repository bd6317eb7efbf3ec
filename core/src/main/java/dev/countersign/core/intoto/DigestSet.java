package dev.countersign.core.intoto;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.internal.intoto.DigestNames;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-toto DigestSet: algorithm name to digest value, e.g. {@code {"sha256": "e3b0..."}}. Values of the hex
 * algorithms the in-toto digest spec names ({@code sha256}, {@code sha384}, {@code sha512}, {@code sha1},
 * {@code gitCommit}, {@code md5}, ...) must be hex of the algorithm's length and are kept in lower case; other
 * algorithms keep any non-empty value as written.
 *
 * <p>Two sets {@linkplain #matches(DigestSet) match} when they share an algorithm whose values are equal and no
 * shared algorithm has differing values.
 */
public final class DigestSet {
  private final Map<String, String> digests;

  private DigestSet(Map<String, String> digests) {
    this.digests = Collections.unmodifiableMap(digests);
  }

  /** A set with one entry, {@code digest}'s algorithm ({@code sha256}, ...) and lower-case hex. */
  public static DigestSet of(Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return of(Map.of(digest.algorithm().ociName(), digest.hex()));
  }

  /** A set from a map; validates each entry (see the class description); may be empty. */
  public static DigestSet of(Map<String, String> digests) {
    Objects.requireNonNull(digests, "digests");
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, String> e : digests.entrySet()) {
      out.put(e.getKey(), DigestNames.checkValue(e.getKey(), e.getValue(), "digest"));
    }
    return new DigestSet(out);
  }

  /** A set of one algorithm and value (validated). */
  public static DigestSet of(String algorithm, String value) {
    return of(Map.of(Objects.requireNonNull(algorithm, "algorithm"), Objects.requireNonNull(value, "value")));
  }

  /** This set with one more (or a replaced) entry. */
  public DigestSet with(String algorithm, String value) {
    Map<String, String> m = new TreeMap<>(digests);
    m.put(algorithm, value);
    return of(m);
  }

  /** The entries, sorted by algorithm name (unmodifiable). */
  public Map<String, String> asMap() {
    return digests;
  }

  /** The value for an algorithm name, e.g. {@code sha256} or {@code gitCommit}. */
  public Optional<String> get(String algorithm) {
    return Optional.ofNullable(digests.get(algorithm));
  }

  /** The entry for a core digest algorithm as a {@link Digest}, when present. */
  public Optional<Digest> digest(DigestAlgorithm algorithm) {
    return get(algorithm.ociName()).map(hex -> Digest.parse(algorithm.ociName() + ":" + hex));
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /**
   * True when at least one algorithm is in both sets with equal values (compared in constant time) and no
   * algorithm in both sets has differing values.
   */
  public boolean matches(DigestSet other) {
    if (other == null) {
      return false;
    }
    boolean any = false;
    for (Map.Entry<String, String> e : digests.entrySet()) {
      String theirs = other.digests.get(e.getKey());
      if (theirs == null) {
        continue;
      }
      if (!MessageDigest.isEqual(e.getValue().getBytes(StandardCharsets.UTF_8),
          theirs.getBytes(StandardCharsets.UTF_8))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** True when this set {@linkplain #matches(DigestSet) matches} the single-entry set of {@code digest}. */
  public boolean matches(Digest digest) {
    return digest != null && matches(of(digest));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DigestSet && digests.equals(((DigestSet) o).digests);
  }

  @Override
  public int hashCode() {
    return digests.hashCode();
  }

  /** {@code {sha256=e3b0...}}. */
  @Override
  public String toString() {
    return digests.toString();
  }
}
