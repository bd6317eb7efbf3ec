package dev.countersign.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Hash functions used for artifact digests and signatures; names follow OCI ({@code sha256}) and Sigstore. */
public enum DigestAlgorithm {
  SHA256("sha256", "SHA-256", "SHA2_256", 32),
  SHA384("sha384", "SHA-384", "SHA2_384", 48),
  SHA512("sha512", "SHA-512", "SHA2_512", 64);

  private final String ociName;
  private final String jcaName;
  private final String sigstoreName;
  private final int length;

  DigestAlgorithm(String ociName, String jcaName, String sigstoreName, int length) {
    this.ociName = ociName;
    this.jcaName = jcaName;
    this.sigstoreName = sigstoreName;
    this.length = length;
  }

  /** Lower-case name used in {@code sha256:<hex>} and in-toto digest sets. */
  public String ociName() {
    return ociName;
  }

  /** The JCA {@code MessageDigest} name, e.g. {@code SHA-256}. */
  public String jcaName() {
    return jcaName;
  }

  /** The Sigstore protobuf {@code HashAlgorithm} name, e.g. {@code SHA2_256}. */
  public String sigstoreName() {
    return sigstoreName;
  }

  /** Digest length in bytes. */
  public int length() {
    return length;
  }

  /** A fresh {@link MessageDigest} for this algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " missing from this JVM", e);
    }
  }

  /** Parses {@code sha256}, {@code SHA-256} or {@code SHA2_256} (any case). */
  public static DigestAlgorithm parse(String name) {
    String n = name == null ? "" : name.trim();
    for (DigestAlgorithm a : values()) {
      if (a.ociName.equalsIgnoreCase(n) || a.jcaName.equalsIgnoreCase(n) || a.sigstoreName.equalsIgnoreCase(n)) {
        return a;
      }
    }
    throw new InvalidInputException("unsupported digest algorithm '" + n.toLowerCase(Locale.ROOT)
        + "' (supported: sha256, sha384, sha512)");
  }
}
