package dev.countersign.pgp;

/** Algorithms {@link PgpKeyGenerator} makes OpenPGP signing keys with (v4 keys, as GnuPG 2.2 reads them). */
public enum PgpKeyAlgorithm {
  /** RSA with a 3072-bit modulus. */
  RSA_3072,
  /** RSA with a 4096-bit modulus. */
  RSA_4096,
  /** EdDSA over Curve25519 (legacy EdDSA algorithm 22, as {@code gpg --quick-gen-key ... ed25519}). */
  ED25519
}
