package dev.countersign.core.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.keys.CosignEnvelope;
import dev.countersign.core.internal.keys.CosignKeyFormat;
import dev.countersign.core.internal.keys.KeyEncoding;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes cosign's encrypted private key format, which {@code cosign sign --key cosign.key} accepts: a PKCS#8
 * key encrypted with NaCl secretbox under a key derived by scrypt from the password. Keys are written with PEM type
 * {@code ENCRYPTED SIGSTORE PRIVATE KEY} and scrypt N=65536, r=8, p=1; the older type
 * {@code ENCRYPTED COSIGN PRIVATE KEY} and N of 32768 or 131072 are read too. The empty password is allowed, as in
 * cosign. Passwords are not retained; this class never zeroes the caller's array.
 *
 * <pre>{@code
 * KeyPair keys = CosignKeys.read(Files.readAllBytes(path), password, path.toString());
 * Signer signer = Signers.of(keys);
 * }</pre>
 */
public final class CosignKeys {
  /** The scrypt cost (N) of keys this class writes. */
  public static final int SCRYPT_N = CosignEnvelope.DEFAULT_N;

  private CosignKeys() {}

  /**
   * Encrypts the private half of {@code keys} into a cosign key PEM. The public half must belong to the private
   * one.
   *
   * @throws InvalidInputException when the key is unsupported, not exportable or the halves do not match
   */
  public static String write(KeyPair keys, char[] password) {
    Objects.requireNonNull(password, "password");
    byte[] pkcs8 = KeyEncoding.pkcs8Of(keys);
    try {
      return CosignKeyFormat.encode(pkcs8, password, SCRYPT_N);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Both cosign files for {@code keys}: the encrypted private key and the public key PEM. */
  public static CosignKeyFiles export(KeyPair keys, char[] password) {
    String privatePem = write(keys, password);
    return new CosignKeyFiles(privatePem, PemKeys.writePublicKey(keys.getPublic()), KeyId.of(keys.getPublic()));
  }

  /**
   * Decrypts a cosign key PEM; {@code sourceName} (a file name) appears in messages.
   *
   * @throws WrongPasswordException when the password does not open the key
   * @throws InvalidInputException when the content is not a well-formed cosign key holding a supported PKCS#8 key
   */
  public static KeyPair read(byte[] pem, char[] password, String sourceName) {
    Objects.requireNonNull(password, "password");
    return CosignKeyFormat.decode(pem, password, sourceName == null ? "cosign key" : sourceName);
  }
}
