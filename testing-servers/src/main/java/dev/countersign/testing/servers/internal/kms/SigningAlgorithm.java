package dev.countersign.testing.servers.internal.kms;

import java.util.HexFormat;

/** The KMS signing algorithms: scheme, hash and its length. */
enum SigningAlgorithm {
  ECDSA_SHA_256(Scheme.ECDSA, "SHA-256", 32),
  ECDSA_SHA_384(Scheme.ECDSA, "SHA-384", 48),
  ECDSA_SHA_512(Scheme.ECDSA, "SHA-512", 64),
  RSASSA_PKCS1_V1_5_SHA_256(Scheme.PKCS1, "SHA-256", 32),
  RSASSA_PKCS1_V1_5_SHA_384(Scheme.PKCS1, "SHA-384", 48),
  RSASSA_PKCS1_V1_5_SHA_512(Scheme.PKCS1, "SHA-512", 64),
  RSASSA_PSS_SHA_256(Scheme.PSS, "SHA-256", 32),
  RSASSA_PSS_SHA_384(Scheme.PSS, "SHA-384", 48),
  RSASSA_PSS_SHA_512(Scheme.PSS, "SHA-512", 64);

  enum Scheme { ECDSA, PKCS1, PSS }

  private final Scheme scheme;
  private final String hash;
  private final int hashLength;

  SigningAlgorithm(Scheme scheme, String hash, int hashLength) {
    this.scheme = scheme;
    this.hash = hash;
    this.hashLength = hashLength;
  }

  Scheme scheme() {
    return scheme;
  }

  String hash() {
    return hash;
  }

  int hashLength() {
    return hashLength;
  }

  /** The DER DigestInfo prefix (RFC 8017 section 9.2, note 1) that PKCS #1 v1.5 puts before the digest. */
  byte[] digestInfoPrefix() {
    String hex;
    switch (hashLength) {
      case 32: hex = "3031300d060960864801650304020105000420"; break;
      case 48: hex = "3041300d060960864801650304020205000430"; break;
      default: hex = "3051300d060960864801650304020305000440"; break;
    }
    return HexFormat.of().parseHex(hex);
  }

  static SigningAlgorithm parse(String name) {
    for (SigningAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    throw KmsError.validation("1 validation error detected: Value '" + name
        + "' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set");
  }
}
