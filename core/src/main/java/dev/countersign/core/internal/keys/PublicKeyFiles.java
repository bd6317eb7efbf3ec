package dev.countersign.core.internal.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Reads the public key in a key file: a public key PEM ({@code PUBLIC KEY}, {@code RSA PUBLIC KEY}) or the public
 * half of an unencrypted private key. Encrypted private keys are refused: their public half needs a password.
 */
public final class PublicKeyFiles {
  private PublicKeyFiles() {}

  /** The public key in {@code data}; {@code source} names it in messages. */
  public static PublicKey read(byte[] data, String source) {
    KeyFileFormat format = KeyFileFormat.detect(data, source);
    if (format.isEncrypted()) {
      throw new InvalidInputException(source + " is an encrypted private key (" + format.label() + "); give the"
          + " public key file (e.g. cosign.pub) to verify");
    }
    if (format.isPrivate()) {
      return PrivateKeyFiles.read(data, PasswordSource.none(), source).getPublic();
    }
    byte[] der = Pem.decode(data, source).der();
    try {
      return format == KeyFileFormat.SPKI ? PublicKeyDecoder.fromSpki(der, source)
          : PublicKeyDecoder.fromPkcs1(der, source);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}
