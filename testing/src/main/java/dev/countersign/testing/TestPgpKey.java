package dev.countersign.testing;

import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.PgpKey;
import dev.countersign.pgp.PgpKeyring;
import dev.countersign.pgp.PgpUnlockedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An ephemeral OpenPGP signing key for tests (no passphrase), from {@link TestKeys#pgp()}: the key, its public
 * keyring (what {@code helm verify --keyring} reads) and an unlocked key for signing charts. Immutable;
 * {@link #toString()} names the fingerprint only.
 */
public final class TestPgpKey {
  private final PgpKey key;

  TestPgpKey(PgpKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The key with its secret part. */
  public PgpKey key() {
    return key;
  }

  public String fingerprint() {
    return key.fingerprint();
  }

  /** The key unlocked for signing (e.g. {@code ChartSigner.sign(tgz, key.unlocked())}). */
  public PgpUnlockedKey unlocked() {
    return key.unlock(new char[0]);
  }

  /** A keyring holding this key's public part only. */
  public PgpKeyring publicKeyring() {
    return PgpKeyring.read(key.publicKeyringBytes());
  }

  /** Writes the binary public keyring to {@code dir/pubring.gpg} and returns that file. */
  public Path writePublicKeyring(Path dir) {
    Path file = dir.resolve("pubring.gpg");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, key.publicKeyringBytes());
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The user ids on the key. */
  public List<String> userIds() {
    return key.userIds();
  }

  @Override
  public String toString() {
    return "TestPgpKey[" + key.fingerprint() + "]";
  }
}
