package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.WrongPasswordException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a private key file of any {@link KeyFileFormat} that holds one. The password source is asked only for
 * encrypted formats, once, and the returned array is zeroed after use.
 */
public final class PrivateKeyFiles {
  private PrivateKeyFiles() {}

  /** The key pair in {@code data}; {@code source} names it in messages and password prompts. */
  public static KeyPair read(byte[] data, PasswordSource passwords, String source) {
    Objects.requireNonNull(passwords, "passwords");
    KeyFileFormat format = KeyFileFormat.detect(data, source);
    if (format == KeyFileFormat.TINK_KEYSET) {
      throw new InvalidInputException(source + " is a Tink keyset, which can hold several keys: open it with"
          + " TinkKeyset.readCleartext or through the file key backend (KeyBackends), not as a single key");
    }
    if (!format.isPrivate()) {
      throw new InvalidInputException(source + " holds a public key (" + format.label() + "); signing needs the"
          + " private key");
    }
    if (format == KeyFileFormat.COSIGN_ENCRYPTED) {
      checkParsable(data, source);
      char[] password = password(passwords, source);
      try {
        return CosignKeyFormat.decode(data, password, source);
      } finally {
        Passwords.zero(password);
      }
    }
    Pem.Block block = Pem.decode(data, source);
    byte[] der = block.der();
    try {
      switch (format) {
        case PKCS8:
          return PrivateKeyDecoder.fromPkcs8(der, source);
        case SEC1:
          return PrivateKeyDecoder.fromSec1(der, source);
        case PKCS1_RSA:
          return PrivateKeyDecoder.fromPkcs1(der, source);
        default:
          return encryptedPkcs8(der, passwords, source);
      }
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static KeyPair encryptedPkcs8(byte[] der, PasswordSource passwords, String source) {
    EncryptedPkcs8.check(der, source);
    char[] password = password(passwords, source);
    byte[] pkcs8 = null;
    try {
      pkcs8 = EncryptedPkcs8.decrypt(der, password, source);
    } finally {
      Passwords.zero(password);
    }
    try {
      return PrivateKeyDecoder.fromPkcs8(pkcs8, source);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Checks the envelope before asking for a password, so that a corrupt file fails without a prompt. */
  private static void checkParsable(byte[] data, String source) {
    CosignEnvelope.parse(Pem.decode(data, source).der(), source);
  }

  private static char[] password(PasswordSource passwords, String source) {
    char[] password = passwords.password(source);
    if (password == null) {
      throw new WrongPasswordException(source + " is encrypted and no password was provided");
    }
    return password;
  }
}
