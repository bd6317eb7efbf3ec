package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.pgp.internal.KeyringCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An immutable set of OpenPGP keys read from a binary (GnuPG 1 {@code pubring.gpg}/{@code secring.gpg},
 * {@code gpg --export}/{@code --export-secret-keys}), ASCII-armored keyring, public or secret, or a GnuPG 2
 * keybox ({@code pubring.kbx}, public keys; its X.509 entries are skipped). Input is
 * capped at 16 MiB; anything that is not a keyring is an {@link InvalidInputException}.
 */
public final class PgpKeyring {
  private static final Pattern FINGERPRINT = Pattern.compile("(0x)?[0-9A-Fa-f]{40}");
  private static final Pattern LONG_ID = Pattern.compile("(0x)?[0-9A-Fa-f]{16}");

  private final List<PgpKey> keys;

  private PgpKeyring(List<PgpKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Parses a keyring from bytes (binary or armored). */
  public static PgpKeyring read(byte[] data) {
    Objects.requireNonNull(data, "data");
    List<PgpKey> keys = new ArrayList<>();
    for (KeyringCodec.Ring r : KeyringCodec.parse(data, "keyring")) {
      keys.add(new PgpKey(r.publicRing(), r.secretRing()));
    }
    return new PgpKeyring(keys);
  }

  /** Parses a keyring from a stream (read up to the cap; not closed). */
  public static PgpKeyring read(InputStream in) {
    return read(KeyringCodec.readCapped(Objects.requireNonNull(in, "in"), "keyring"));
  }

  /** Parses a keyring file. */
  public static PgpKeyring read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(KeyringCodec.readCapped(in, "keyring " + file.getFileName()));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read keyring " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** A keyring of the given keys (at least one). */
  public static PgpKeyring of(List<PgpKey> keys) {
    if (keys.isEmpty()) {
      throw new InvalidInputException("a keyring needs at least one key");
    }
    return new PgpKeyring(keys);
  }

  /** The keys, in file order. */
  public List<PgpKey> keys() {
    return keys;
  }

  /**
   * Selects one key as {@code helm --key NAME} does: {@code query} is a full fingerprint (hex, any case, optional
   * {@code 0x}), a long key id (16 hex, primary or subkey), or else a case-sensitive substring of a user id.
   *
   * @throws KeyNotFoundException if no key matches
   * @throws InvalidInputException if more than one key contains the user-id substring
   */
  public PgpKey select(String query) {
    Objects.requireNonNull(query, "query");
    if (query.isEmpty()) {
      throw new InvalidInputException("empty key name");
    }
    String hex = query.startsWith("0x") ? query.substring(2) : query;
    String upper = hex.toUpperCase(Locale.ROOT);
    if (FINGERPRINT.matcher(query).matches()) {
      for (PgpKey k : keys) {
        if (k.fingerprint().equals(upper)) {
          return k;
        }
      }
    } else if (LONG_ID.matcher(query).matches()) {
      for (PgpKey k : keys) {
        if (k.allKeyIds().contains(upper)) {
          return k;
        }
      }
    }
    List<PgpKey> candidates = new ArrayList<>();
    for (PgpKey k : keys) {
      if (k.userIds().stream().anyMatch(id -> id.contains(query))) {
        candidates.add(k);
      }
    }
    if (candidates.size() > 1) {
      throw new InvalidInputException("more than one key contain the id " + query);
    }
    if (candidates.isEmpty()) {
      throw new KeyNotFoundException("no key in the keyring matches " + query);
    }
    return candidates.get(0);
  }

  /** Whether any key has its secret part here. */
  public boolean hasSecretKeys() {
    return keys.stream().anyMatch(PgpKey::hasSecretKey);
  }

  /** Public keys only, binary (as {@code gpg --export}). */
  public byte[] publicBytes() {
    List<byte[]> parts = new ArrayList<>();
    keys.forEach(k -> parts.add(k.publicKeyringBytes()));
    return KeyringCodec.concat(parts);
  }

  /** Public keys only, ASCII-armored with no Version header. */
  public String publicArmored() {
    return KeyringCodec.armor(publicBytes());
  }

  /** Secret keys, binary (as {@code gpg --export-secret-keys}); every key must have its secret part. */
  public byte[] secretBytes() {
    List<byte[]> parts = new ArrayList<>();
    for (PgpKey k : keys) {
      parts.add(KeyringCodec.encoded(k.bcSecretKeyRing().orElseThrow(
          () -> new InvalidInputException("key " + k.fingerprint() + " has no secret part"))));
    }
    return KeyringCodec.concat(parts);
  }

  /** Secret keys, ASCII-armored with no Version header. */
  public String secretArmored() {
    return KeyringCodec.armor(secretBytes());
  }

  @Override
  public String toString() {
    return "PgpKeyring" + keys;
  }
}
