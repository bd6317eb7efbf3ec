package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.keys.TinkKeyset;
import java.util.List;
import java.util.Optional;

/**
 * The key file formats the file backend reads, recognised from content (never from the file name). Detection is
 * the single place that decides a file's format: a new format (such as a Tink keyset) is one more constant and one
 * more branch in {@link #detect(byte[], String)}.
 */
public enum KeyFileFormat {
  /** cosign's scrypt + secretbox encrypted PKCS#8 ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, formerly COSIGN). */
  COSIGN_ENCRYPTED(true, true, "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"),
  /** PKCS#8 {@code PRIVATE KEY}. */
  PKCS8(true, false, "PRIVATE KEY"),
  /** PKCS#8 {@code ENCRYPTED PRIVATE KEY} (PBES2). */
  ENCRYPTED_PKCS8(true, true, "ENCRYPTED PRIVATE KEY"),
  /** SEC1 {@code EC PRIVATE KEY}. */
  SEC1(true, false, "EC PRIVATE KEY"),
  /** PKCS#1 {@code RSA PRIVATE KEY}. */
  PKCS1_RSA(true, false, "RSA PRIVATE KEY"),
  /** X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}. */
  SPKI(false, false, "PUBLIC KEY"),
  /** PKCS#1 {@code RSA PUBLIC KEY}. */
  PKCS1_RSA_PUBLIC(false, false, "RSA PUBLIC KEY"),
  /** A Google Tink keyset in JSON (cleartext private or public keyset; see {@code TinkKeyset}). */
  TINK_KEYSET(true, false);

  private static final String EXPECTED = "expected a PEM key: ENCRYPTED SIGSTORE PRIVATE KEY (cosign), PRIVATE KEY,"
      + " ENCRYPTED PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY, PUBLIC KEY or RSA PUBLIC KEY, or a Tink keyset (JSON)";

  private final boolean privateKey;
  private final boolean encrypted;
  private final List<String> labels;

  KeyFileFormat(boolean privateKey, boolean encrypted, String... labels) {
    this.privateKey = privateKey;
    this.encrypted = encrypted;
    this.labels = List.of(labels);
  }

  /** Whether files of this format hold a private key. */
  public boolean isPrivate() {
    return privateKey;
  }

  /** Whether reading the key needs a password. */
  public boolean isEncrypted() {
    return encrypted;
  }

  /** The PEM label this library writes for the format. */
  public String label() {
    return labels.isEmpty() ? "" : labels.get(0);
  }

  /**
   * The format of {@code data}, from its first PEM block's label.
   *
   * @throws InvalidInputException when the content is no key file this library reads, naming what it expected
   */
  public static KeyFileFormat detect(byte[] data, String source) {
    Pem.checkSize(data, source);
    if (TinkKeyset.looksLikeKeyset(data)) {
      return TINK_KEYSET;
    }
    Optional<String> label = Pem.firstLabel(data);
    if (label.isPresent()) {
      for (KeyFileFormat f : values()) {
        if (f.labels.contains(label.get())) {
          return f;
        }
      }
      String hint = label.get().contains("CERTIFICATE")
          ? " (a certificate is not a key; extract its key with 'openssl x509 -pubkey -noout')" : "";
      throw new InvalidInputException(source + ": PEM type '" + abbreviate(label.get()) + "' is not a key file"
          + " this library reads" + hint + "; " + EXPECTED);
    }
    throw new InvalidInputException(source + " is not a recognised key file: " + EXPECTED);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
