package dev.countersign.testing;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.CosignKeyFiles;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * An ephemeral signing key for tests, from {@link TestKeys}: its {@link Signer}, {@link Verifier}, public key and
 * key id, and its files (PEM, cosign's encrypted format) written on demand. Immutable and thread-safe;
 * {@link #toString()} names the kind and key id only, never key material.
 */
public final class TestKey {
  private final KeyKind kind;
  private final KeyPair keys;
  private final Signer signer;
  private final Verifier verifier;

  TestKey(KeyKind kind, KeyPair keys) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.signer = Signers.of(keys, kind.algorithm());
    this.verifier = Verifiers.of(keys.getPublic(), kind.algorithm());
  }

  public KeyKind kind() {
    return kind;
  }

  /** Signs with the private key. */
  public Signer signer() {
    return signer;
  }

  /** Verifies with the public key. */
  public Verifier verifier() {
    return verifier;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  public KeyId keyId() {
    return signer.keyId();
  }

  /** The key pair itself, for APIs that take a {@link KeyPair}. */
  public KeyPair keyPair() {
    return keys;
  }

  /** The public key as a PEM {@code PUBLIC KEY} block (what {@code cosign verify --key} reads). */
  public String publicKeyPem() {
    return PemKeys.writePublicKey(keys.getPublic());
  }

  /** The private key as an unencrypted PKCS#8 PEM block. */
  public String privateKeyPem() {
    return PemKeys.writePrivateKey(keys.getPrivate());
  }

  /** Writes {@link #publicKeyPem()} to {@code dir/<kind>.pub} and returns that file. */
  public Path writePublicKey(Path dir) {
    return write(dir.resolve(fileStem() + ".pub"), publicKeyPem());
  }

  /** Writes {@link #privateKeyPem()} to {@code dir/<kind>.pem} and returns that file. */
  public Path writePrivateKey(Path dir) {
    return write(dir.resolve(fileStem() + ".pem"), privateKeyPem());
  }

  /**
   * Writes the pair in cosign's format, {@code dir/cosign.key} (encrypted with {@code password}, which is zeroed)
   * and {@code dir/cosign.pub}, and returns the private key file.
   */
  public Path writeCosignKeyPair(Path dir, char[] password) {
    Objects.requireNonNull(password, "password");
    try {
      CosignKeyFiles files = CosignKeys.export(keys, password);
      write(dir.resolve("cosign.pub"), files.publicKeyPem());
      return write(dir.resolve("cosign.key"), files.privateKeyPem());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private String fileStem() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TestKey[" + kind + ", " + keyId() + "]";
  }
}
