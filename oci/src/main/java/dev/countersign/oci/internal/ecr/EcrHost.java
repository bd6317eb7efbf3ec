package dev.countersign.oci.internal.ecr;

import dev.countersign.core.InvalidInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon ECR private registry: the account that owns it, its region and whether its API is the FIPS endpoint.
 * Parsed from registry hosts as the amazon-ecr-credential-helper does:
 * {@code <12-digit account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]} (and the dual-stack {@code dkr-ecr...on.aws}
 * and isolated-partition domains). No AWS SDK types here: this class loads without the optional {@code ecr} jar.
 */
public record EcrHost(String account, String region, boolean fips) {
  private static final Pattern HOST = Pattern.compile(
      "(\\d{12})\\.dkr[.-]ecr(-fips)?\\.([a-z0-9][a-z0-9-_]*)\\."
          + "(?:amazonaws\\.com(?:\\.cn)?|sc2s\\.sgov\\.gov|c2s\\.ic\\.gov|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov"
          + "|on\\.aws)");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z0-9]+)+-\\d+");

  public EcrHost {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new InvalidInputException("an ECR registry account must be 12 digits");
    }
    checkRegion(region);
  }

  /** {@code region} when it is an AWS region name such as {@code us-east-1}. */
  public static String checkRegion(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidInputException("'" + region + "' is not an AWS region name (such as us-east-1)");
    }
    return region;
  }

  /**
   * The ECR registry named by {@code registry} ({@code host} or {@code host:443}, any case), or empty for any other
   * host.
   */
  public static Optional<EcrHost> parse(String registry) {
    if (registry == null) {
      return Optional.empty();
    }
    String host = normalize(registry);
    if (host.endsWith(":443")) {
      host = host.substring(0, host.length() - 4);
    }
    Matcher m = HOST.matcher(host);
    if (!m.matches() || !REGION.matcher(m.group(3)).matches()) {
      return Optional.empty();
    }
    return Optional.of(new EcrHost(m.group(1), m.group(3), m.group(2) != null));
  }

  /** The lookup key for a registry: lower case, without a trailing dot. */
  public static String normalize(String registry) {
    String host = registry.trim().toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return "account " + account + ", region " + region + (fips ? ", FIPS" : "");
  }
}
