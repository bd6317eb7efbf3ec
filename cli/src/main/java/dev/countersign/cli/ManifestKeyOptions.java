package dev.countersign.cli;

import dev.countersign.keys.ManifestKeyResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code --keys URL_OR_DIR --trust-root FILE [--keys-cache DIR] [--allow-insecure-http] [--expiry-grace D]}: verify
 * with the keys of a signed, rotation-aware key manifest instead of one {@code --key}. An argument group: the
 * commands hold it as {@code @ArgGroup(exclusive = false)}, so {@code --keys} and {@code --trust-root} are
 * required together.
 */
final class ManifestKeyOptions {
  private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})([dhms])");

  @Option(names = "--keys", required = true, paramLabel = "URL_OR_DIR",
      description = "the published key directory: an https:// URL (http:// only on loopback unless "
          + "--allow-insecure-http) or a local directory holding keys.json and N.keys.json")
  String keys;

  @Option(names = "--trust-root", required = true, paramLabel = "FILE",
      description = "the pinned key manifest (e.g. 1.keys.json) the chain is verified from")
  Path trustRoot;

  @Option(names = "--keys-cache", paramLabel = "DIR",
      description = "cache of verified manifests (default: ~/.cache/countersign/keys)")
  Path cache;

  @Option(names = "--allow-insecure-http", description = "allow plain http:// to a host other than loopback")
  boolean allowInsecureHttp;

  @Option(names = "--expiry-grace", paramLabel = "D",
      description = "accept a manifest expired for at most this long (e.g. 7d, 12h; default: none)")
  String expiryGrace;

  /** The resolver these options describe; {@code env} supplies HOME for the default cache. */
  ManifestKeyResolver resolver(CliEnvironment env) {
    ManifestKeyResolver.Builder b = ManifestKeyResolver.builderFor(keys).trustRoot(CliFiles.readAll(trustRoot))
        .cacheRoot(cache != null ? cache : Path.of(env.variables().getOrDefault("HOME",
            System.getProperty("user.home")), ".cache", "countersign", "keys"));
    if (allowInsecureHttp) {
      b.allowInsecureHttp();
    }
    if (expiryGrace != null) {
      b.expiryGrace(duration("--expiry-grace", expiryGrace));
    }
    return b.build();
  }

  /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601 ({@code P7D}, {@code PT12H}); not negative. */
  static Duration duration(String option, String text) {
    Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "d":
          d = Duration.ofDays(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        default:
          d = Duration.ofSeconds(n);
      }
    } else {
      try {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new dev.countersign.core.InvalidInputException(option + " must be like 7d, 12h, 30m or P7D, got '"
            + text + "'");
      }
    }
    if (d.isNegative()) {
      throw new dev.countersign.core.InvalidInputException(option + " must not be negative: " + text);
    }
    return d;
  }
}
