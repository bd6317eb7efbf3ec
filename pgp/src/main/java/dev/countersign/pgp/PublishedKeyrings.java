package dev.countersign.pgp;

import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Published public keyring files named {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg}: the date is the key's
 * creation date (UTC), the fingerprint the full upper-case hex fingerprint; the file holds exactly that one
 * public key, binary.
 */
public final class PublishedKeyrings {
  private static final Pattern NAME =
      Pattern.compile("keyring-(\\d{4}-\\d{2}-\\d{2})-([0-9A-F]{40}|[0-9A-F]{64})\\.gpg");

  private PublishedKeyrings() {}

  /** The file name under which {@code key} is published. */
  public static String fileName(PgpKey key) {
    LocalDate date = LocalDate.ofInstant(key.creationTime(), ZoneOffset.UTC);
    return "keyring-" + date + "-" + key.fingerprint() + ".gpg";
  }

  /** Writes {@code key}'s public keyring into {@code dir} under {@link #fileName}; returns the file. */
  public static Path write(Path dir, PgpKey key) {
    Path file = dir.resolve(fileName(key));
    try {
      Files.write(file, key.publicKeyringBytes());
    } catch (IOException e) {
      throw new InvalidInputException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return file;
  }

  /**
   * Reads a published keyring file and checks that it holds exactly the key its name states (fingerprint and
   * creation date).
   *
   * @throws InvalidInputException if the name is not {@code keyring-YYYY-MM-DD-FINGERPRINT.gpg}, or the file
   *     holds another key, more than one key, a secret key or no keyring at all
   */
  public static PgpKey importFile(Path file) {
    String name = file.getFileName().toString();
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new InvalidInputException(name + " is not named keyring-YYYY-MM-DD-FINGERPRINT.gpg"
          + " (upper-case hex fingerprint)");
    }
    PgpKeyring ring = PgpKeyring.read(file);
    if (ring.keys().size() != 1) {
      throw new InvalidInputException(name + " holds " + ring.keys().size() + " keys; a published keyring holds one");
    }
    PgpKey key = ring.keys().get(0);
    if (key.hasSecretKey()) {
      throw new InvalidInputException(name + " holds a secret key; publish only the public key");
    }
    if (!key.fingerprint().equals(m.group(2))) {
      throw new InvalidInputException(name + " holds key " + key.fingerprint() + ", not the key its name states");
    }
    if (!fileName(key).equals(name)) {
      throw new InvalidInputException(name + ": the key was created on "
          + LocalDate.ofInstant(key.creationTime(), ZoneOffset.UTC) + ", not on the date the name states");
    }
    return key;
  }

  /**
   * Reads every {@code keyring-*.gpg} file in {@code dir} (each checked as by {@link #importFile}) and returns the
   * keys valid at {@code at} (neither revoked nor expired), newest creation first. Other files are ignored.
   */
  public static List<PgpKey> readDirectory(Path dir, Instant at) {
    List<PgpKey> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String n = f.getFileName().toString();
        if (n.startsWith("keyring-") && n.toLowerCase(Locale.ROOT).endsWith(".gpg") && Files.isRegularFile(f)) {
          PgpKey k = importFile(f);
          if (!k.isRevoked() && !k.isExpired(at)) {
            keys.add(k);
          }
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    keys.sort(Comparator.comparing(PgpKey::creationTime).reversed());
    return List.copyOf(keys);
  }
}
