package dev.countersign.core;

import dev.countersign.core.internal.KeyInspection;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;

/**
 * A signature scheme: key family, curve or padding, and the hash that is signed. The first constant of each key
 * family is what cosign uses by default for such a key ({@link #defaultFor(PublicKey)}).
 *
 * <p>Variants with a hash that does not follow the curve ({@link #ECDSA_P384_SHA256}, {@link #ECDSA_P521_SHA256})
 * exist because real signers produce them: {@code cosign verify --key} hashes with SHA-256 whatever the key, and
 * in-toto-java signs with {@code SHA256withECDSA} on any curve. Never infer the hash from the curve size when
 * reading someone else's signature; record it when it is not SHA-256.
 */
public enum SignatureAlgorithm {
  ECDSA_P256_SHA256(KeyType.EC, "P-256", DigestAlgorithm.SHA256, "PKIX_ECDSA_P256_SHA_256"),
  ECDSA_P384_SHA384(KeyType.EC, "P-384", DigestAlgorithm.SHA384, "PKIX_ECDSA_P384_SHA_384"),
  ECDSA_P521_SHA512(KeyType.EC, "P-521", DigestAlgorithm.SHA512, "PKIX_ECDSA_P521_SHA_512"),
  ECDSA_P384_SHA256(KeyType.EC, "P-384", DigestAlgorithm.SHA256, null),
  ECDSA_P521_SHA256(KeyType.EC, "P-521", DigestAlgorithm.SHA256, null),
  /** Pure Ed25519: signs the message itself, not a digest. */
  ED25519(KeyType.ED25519, null, null, "PKIX_ED25519"),
  RSA_PKCS1V15_SHA256(KeyType.RSA, null, DigestAlgorithm.SHA256, "PKIX_RSA_PKCS1V15_%d_SHA256"),
  RSA_PKCS1V15_SHA384(KeyType.RSA, null, DigestAlgorithm.SHA384, null),
  RSA_PKCS1V15_SHA512(KeyType.RSA, null, DigestAlgorithm.SHA512, null),
  /** RSASSA-PSS, MGF1 with the same hash, salt length = hash length (as Go, AWS KMS and Sigstore use it). */
  RSA_PSS_SHA256(KeyType.RSA, null, DigestAlgorithm.SHA256, "PKIX_RSA_PSS_%d_SHA256"),
  RSA_PSS_SHA384(KeyType.RSA, null, DigestAlgorithm.SHA384, null),
  RSA_PSS_SHA512(KeyType.RSA, null, DigestAlgorithm.SHA512, null);

  /** Smallest RSA modulus accepted, in bits. */
  public static final int RSA_MIN_BITS = 2048;
  /** Largest RSA modulus accepted, in bits. */
  public static final int RSA_MAX_BITS = 4096;

  private final KeyType keyType;
  private final String curve;
  private final DigestAlgorithm digest;
  private final String sigstoreDetails;

  SignatureAlgorithm(KeyType keyType, String curve, DigestAlgorithm digest, String sigstoreDetails) {
    this.keyType = keyType;
    this.curve = curve;
    this.digest = digest;
    this.sigstoreDetails = sigstoreDetails;
  }

  public KeyType keyType() {
    return keyType;
  }

  /** The NIST curve name ({@code P-256}) for ECDSA, empty otherwise. */
  public Optional<String> curve() {
    return Optional.ofNullable(curve);
  }

  /**
   * The hash that is signed. Empty for {@link #ED25519}, which signs the whole message and so cannot sign a
   * precomputed digest.
   */
  public Optional<DigestAlgorithm> digestAlgorithm() {
    return Optional.ofNullable(digest);
  }

  /** Whether signatures are over a digest of the message (everything but pure Ed25519). */
  public boolean signsDigest() {
    return digest != null;
  }

  /**
   * The Sigstore {@code PublicKeyDetails} name for a key of this algorithm, e.g. {@code PKIX_ECDSA_P256_SHA_256};
   * empty where Sigstore defines none.
   */
  public Optional<String> sigstoreKeyDetails(PublicKey key) {
    if (sigstoreDetails == null) {
      return Optional.empty();
    }
    if (keyType == KeyType.RSA) {
      int bits = KeyInspection.rsaBits(key);
      if (bits != 2048 && bits != 3072 && bits != 4096) {
        return Optional.empty();
      }
      return Optional.of(String.format(Locale.ROOT, sigstoreDetails, bits));
    }
    return Optional.of(sigstoreDetails);
  }

  /** Whether {@code key} is of this algorithm's family, curve and size. */
  public boolean accepts(PublicKey key) {
    try {
      checkKey(key);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }

  /** Throws {@link InvalidInputException} naming the mismatch when {@code key} cannot be used with this algorithm. */
  public void checkKey(PublicKey key) {
    KeyInspection.Description d = KeyInspection.describe(key);
    if (d.type() != keyType || (curve != null && !curve.equals(d.curve()))) {
      throw new InvalidInputException("a " + d + " key cannot be used with " + this);
    }
  }

  /** The algorithm cosign uses for {@code key}: ECDSA with the curve's hash, Ed25519, RSA PKCS#1 v1.5 SHA-256. */
  public static SignatureAlgorithm defaultFor(PublicKey key) {
    KeyInspection.Description d = KeyInspection.describe(key);
    switch (d.type()) {
      case EC:
        switch (d.curve()) {
          case "P-256":
            return ECDSA_P256_SHA256;
          case "P-384":
            return ECDSA_P384_SHA384;
          default:
            return ECDSA_P521_SHA512;
        }
      case ED25519:
        return ED25519;
      default:
        return RSA_PKCS1V15_SHA256;
    }
  }

  /**
   * The algorithm for {@code key} that signs with {@code digest}: ECDSA on the key's curve with that hash, RSA
   * PKCS#1 v1.5 with that hash. Used when a signature's hash is recorded apart from the key (a bundle's
   * {@code messageDigest}, cosign's {@code --signature-digest-algorithm}).
   *
   * @throws InvalidInputException when no such combination is supported (or the key is Ed25519)
   */
  public static SignatureAlgorithm forKey(PublicKey key, DigestAlgorithm digest) {
    KeyInspection.Description d = KeyInspection.describe(key);
    for (SignatureAlgorithm a : values()) {
      boolean rsaPkcs1 = a.keyType == KeyType.RSA && a.name().startsWith("RSA_PKCS1");
      if (a.keyType == d.type() && a.digest == digest && (a.keyType != KeyType.RSA || rsaPkcs1)
          && (a.curve == null || a.curve.equals(d.curve()))) {
        return a;
      }
    }
    throw new InvalidInputException("no supported signature algorithm for a " + d + " key with "
        + digest.ociName());
  }

  /** Parses a constant name in any case, with {@code -} or {@code _} ({@code ecdsa-p256-sha256}). */
  public static SignatureAlgorithm parse(String name) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SignatureAlgorithm a : values()) {
      if (a.name().equals(n)) {
        return a;
      }
    }
    throw new InvalidInputException("unknown signature algorithm '" + name + "'");
  }

  /** Kebab-case name, e.g. {@code ecdsa-p256-sha256}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
