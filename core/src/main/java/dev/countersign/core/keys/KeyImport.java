package dev.countersign.core.keys;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.keys.PrivateKeyFiles;
import java.security.KeyPair;

/**
 * Converts an existing private key into cosign's key files, like {@code cosign import-key-pair}: any private key
 * PEM {@link PemKeys} reads (PKCS#8, encrypted PKCS#8, SEC1, PKCS#1, or a cosign key to re-encrypt) becomes an
 * encrypted {@code cosign.key} (scrypt N=65536) and its {@code cosign.pub}.
 */
public final class KeyImport {
  private KeyImport() {}

  /**
   * Imports {@code privateKeyPem}. {@code sourcePasswords} is asked only when the input is encrypted;
   * {@code newPassword} encrypts the result and is not zeroed by this method.
   *
   * @throws WrongPasswordException when the input is encrypted and its password does not open it
   * @throws InvalidInputException when the input is malformed or holds an unsupported key
   */
  public static CosignKeyFiles toCosign(byte[] privateKeyPem, PasswordSource sourcePasswords, char[] newPassword,
      String sourceName) {
    KeyPair keys = PrivateKeyFiles.read(privateKeyPem, sourcePasswords,
        sourceName == null || sourceName.isBlank() ? "key" : sourceName);
    return CosignKeys.export(keys, newPassword);
  }
}
