package dev.countersign.core;

/** The family of an asymmetric signing key. */
public enum KeyType {
  /** ECDSA over a NIST prime curve (P-256, P-384, P-521). */
  EC,
  /** Ed25519 (RFC 8032). */
  ED25519,
  /** RSA, 2048 to 4096 bits. */
  RSA
}
