package dev.countersign.cli;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyId;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ceremony.HttpOrigin;
import dev.countersign.keys.ceremony.Publisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing shared by the {@code keys} commands: durations, key ids, public keys, the published manifest. */
final class KeysOptions {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([dhms])");

  private KeysOptions() {}

  /** {@code 90d}, {@code 36h}, {@code 30m}, {@code 45s}. */
  static Duration duration(String text, String option) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(option + " must be a duration like 90d, 36h, 30m or 45s, got '"
          + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "d":
        return Duration.ofDays(n);
      case "h":
        return Duration.ofHours(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofSeconds(n);
    }
  }

  /** A key id (base64 SHA-256 of the SubjectPublicKeyInfo), or the id of the public key in the file named. */
  static KeyId keyId(String text) {
    Path p = asExistingFile(text);
    if (p != null) {
      return KeyId.of(publicKeyFile(p));
    }
    return KeyId.parse(text);
  }

  /** A public key: a PEM file, or any reference {@link KeyBackends} resolves to a verifier. */
  static PublicKey publicKey(String reference) {
    Path p = asExistingFile(reference);
    if (p != null) {
      return publicKeyFile(p);
    }
    return KeyBackends.discover().verifier(reference).publicKey();
  }

  private static PublicKey publicKeyFile(Path p) {
    return PemKeys.readPublicKey(CliFiles.readAll(p), p.getFileName().toString());
  }

  private static Path asExistingFile(String text) {
    if (text.contains("://")) {
      return null;
    }
    try {
      Path p = Path.of(text);
      return Files.isRegularFile(p) ? p : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** The manifest published in {@code dirOrOrigin} ({@code keys.json}), or null when there is none yet. */
  static KeyManifest published(String dirOrOrigin) {
    if (HttpOrigin.isUrl(dirOrOrigin)) {
      return HttpOrigin.of(dirOrOrigin).get(Publisher.LATEST).map(KeyManifest::parse).orElse(null);
    }
    Path latest = Path.of(dirOrOrigin).resolve(Publisher.LATEST);
    if (!Files.exists(latest)) {
      return null;
    }
    return KeyManifest.parse(CliFiles.readAll(latest));
  }
}
