package dev.countersign.testing;

import dev.countersign.core.SignatureAlgorithm;

/** The kinds of ephemeral signing keys {@link TestKeys} hands out, with the algorithm cosign uses for each. */
public enum KeyKind {
  /** ECDSA on P-256 with SHA-256 (cosign's default). */
  ECDSA_P256(SignatureAlgorithm.ECDSA_P256_SHA256, 0),
  /** ECDSA on P-384 with SHA-384. */
  ECDSA_P384(SignatureAlgorithm.ECDSA_P384_SHA384, 0),
  /** Pure Ed25519. */
  ED25519(SignatureAlgorithm.ED25519, 0),
  /** RSA 3072-bit, PKCS#1 v1.5 with SHA-256. */
  RSA_3072(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 3072);

  private final SignatureAlgorithm algorithm;
  private final int rsaBits;

  KeyKind(SignatureAlgorithm algorithm, int rsaBits) {
    this.algorithm = algorithm;
    this.rsaBits = rsaBits;
  }

  /** The signature algorithm keys of this kind sign with. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The RSA modulus size in bits; 0 for other key types. */
  public int rsaBits() {
    return rsaBits;
  }
}
