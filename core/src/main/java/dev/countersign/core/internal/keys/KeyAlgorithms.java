package dev.countersign.core.internal.keys;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Readable names for key-algorithm OIDs that appear in key files, for error messages. */
final class KeyAlgorithms {
  private static final Map<String, String> NAMES = Map.of(
      "1.2.840.10045.2.1", "EC",
      "1.2.840.113549.1.1.1", "RSA",
      "1.2.840.113549.1.1.10", "RSASSA-PSS (PSS-restricted RSA key; use a plain rsaEncryption key)",
      "1.3.101.110", "X25519",
      "1.3.101.111", "X448",
      "1.3.101.112", "Ed25519",
      "1.3.101.113", "Ed448",
      "1.2.840.10040.4.1", "DSA",
      "1.2.840.10046.2.1", "DH",
      "1.2.643.7.1.1.1.1", "GOST R 34.10-2012");

  private KeyAlgorithms() {}

  /** {@code Ed448 (1.3.101.113)}, or just the OID when it is not known. */
  static String name(ASN1ObjectIdentifier oid) {
    String n = NAMES.get(oid.getId());
    return n == null ? oid.getId() : n + " (" + oid.getId() + ")";
  }
}
