package dev.countersign.kms.aws;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.spi.KeyReference;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS KMS key reference in cosign's syntax: {@code awskms://[HOST[:PORT]]/KEY}, where KEY is a key id
 * ({@code 1234abcd-12ab-34cd-56ef-1234567890ab}, or {@code mrk-} and 32 hex digits for a multi-Region key), an
 * alias ({@code alias/release}), a key ARN ({@code arn:aws:kms:us-east-1:111122223333:key/ID}) or an alias ARN
 * ({@code arn:aws:kms:us-east-1:111122223333:alias/release}) in partition {@code aws}, {@code aws-us-gov} or
 * {@code aws-cn}. An optional {@code HOST[:PORT]} names a KMS endpoint reached over HTTPS, as cosign does.
 *
 * <p>Immutable. {@link #keyId()} is the string the KMS API takes as {@code KeyId}; {@link #region()} is the
 * Region of an ARN (other forms use the SDK's default region chain).
 */
public final class AwsKmsKeyReference {
  /** The URI scheme, {@code awskms}. */
  public static final String SCHEME = "awskms";

  private static final String UUID = "(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
      + "|mrk-[0-9A-Fa-f]{32})";
  private static final String ALIAS = "alias/[A-Za-z0-9/_-]+";
  private static final Pattern KEY_ID = Pattern.compile(UUID);
  private static final Pattern ALIAS_NAME = Pattern.compile(ALIAS);
  private static final Pattern ARN = Pattern.compile(
      "arn:(aws|aws-us-gov|aws-cn):kms:([a-z0-9-]+):(\\d{12}):(key/" + UUID + "|" + ALIAS + ")");
  private static final Pattern HOST = Pattern.compile(
      "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
          + "|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?");
  private static final int MAX_ALIAS = 256;

  private final String endpointAuthority;
  private final String keyId;
  private final String partition;
  private final String region;
  private final String account;

  private AwsKmsKeyReference(String endpointAuthority, String keyId, String partition, String region,
      String account) {
    this.endpointAuthority = endpointAuthority;
    this.keyId = keyId;
    this.partition = partition;
    this.region = region;
    this.account = account;
  }

  /** Parses a core {@link KeyReference} of scheme {@code awskms}. */
  public static AwsKmsKeyReference parse(KeyReference reference) {
    return parse(Objects.requireNonNull(reference, "reference").text());
  }

  /**
   * Parses {@code awskms://[HOST[:PORT]]/KEY}.
   *
   * @throws InvalidInputException naming what is wrong when the text is not such a reference
   */
  public static AwsKmsKeyReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("AWS KMS key reference is empty");
    }
    String prefix = SCHEME + "://";
    if (!text.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw bad(text, "it must start with awskms://");
    }
    String rest = text.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw bad(text, "the key must follow a '/' (awskms:///KEY or awskms://HOST:PORT/KEY)");
    }
    String authority = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    if (!authority.isEmpty()) {
      Matcher h = HOST.matcher(authority);
      if (!h.matches()) {
        throw bad(text, "'" + authority + "' is not a valid endpoint HOST[:PORT]");
      }
      if (h.group(1) != null) {
        int port = Integer.parseInt(h.group(1));
        if (port < 1 || port > 65535) {
          throw bad(text, "port " + port + " is out of range 1-65535");
        }
      }
    }
    return ofKey(text, authority.isEmpty() ? null : authority, key);
  }

  private static AwsKmsKeyReference ofKey(String text, String authority, String key) {
    if (key.isEmpty()) {
      throw bad(text, "the key is missing");
    }
    if (key.length() > 2048) {
      throw bad(text, "the key is too long");
    }
    if (KEY_ID.matcher(key).matches()) {
      return new AwsKmsKeyReference(authority, key, null, null, null);
    }
    if (key.startsWith("alias/")) {
      checkAlias(text, key);
      return new AwsKmsKeyReference(authority, key, null, null, null);
    }
    if (key.startsWith("arn:")) {
      Matcher m = ARN.matcher(key);
      if (!m.matches()) {
        throw bad(text, "the ARN must look like arn:aws:kms:REGION:ACCOUNT:key/KEY_ID or"
            + " arn:aws:kms:REGION:ACCOUNT:alias/NAME (partition aws, aws-us-gov or aws-cn)");
      }
      if (m.group(4).startsWith("alias/")) {
        checkAlias(text, m.group(4));
      }
      return new AwsKmsKeyReference(authority, key, m.group(1), m.group(2), m.group(3));
    }
    throw bad(text, "the key must be a key id (UUID), alias/NAME, or a key or alias ARN");
  }

  private static void checkAlias(String text, String alias) {
    if (!ALIAS_NAME.matcher(alias).matches()) {
      throw bad(text, "alias names are 'alias/' followed by letters, digits, '/', '_' and '-'");
    }
    if (alias.length() > MAX_ALIAS) {
      throw bad(text, "alias names are at most " + MAX_ALIAS + " characters");
    }
  }

  private static InvalidInputException bad(String text, String why) {
    String shown = text.length() <= 120 ? text : text.substring(0, 117) + "...";
    return new InvalidInputException("invalid AWS KMS key reference '" + shown + "': " + why);
  }

  /** The {@code KeyId} for the KMS API: key id, {@code alias/NAME}, key ARN or alias ARN, as written. */
  public String keyId() {
    return keyId;
  }

  /** Whether the reference names an alias (by name or ARN) rather than a key. */
  public boolean isAlias() {
    return keyId.startsWith("alias/") || (isArn() && keyId.contains(":alias/"));
  }

  /** Whether the reference is an ARN (and so carries its Region and account). */
  public boolean isArn() {
    return partition != null;
  }

  /** The alias, {@code alias/NAME}, when the reference names one. */
  public Optional<String> alias() {
    if (!isAlias()) {
      return Optional.empty();
    }
    return Optional.of(isArn() ? keyId.substring(keyId.indexOf(":alias/") + 1) : keyId);
  }

  /** The Region of an ARN reference; empty for key ids and alias names (the SDK's default Region applies). */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The partition of an ARN reference ({@code aws}, {@code aws-us-gov}, {@code aws-cn}). */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  /** The account of an ARN reference. */
  public Optional<String> account() {
    return Optional.ofNullable(account);
  }

  /** The endpoint the reference names, {@code https://HOST[:PORT]}; empty when it names none. */
  public Optional<URI> endpoint() {
    return endpointAuthority == null ? Optional.empty()
        : Optional.of(URI.create("https://" + endpointAuthority.toLowerCase(Locale.ROOT)));
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AwsKmsKeyReference)) {
      return false;
    }
    AwsKmsKeyReference r = (AwsKmsKeyReference) o;
    return keyId.equals(r.keyId) && Objects.equals(endpoint(), r.endpoint());
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, endpoint());
  }

  /** {@code awskms://[HOST[:PORT]]/KEY}. */
  @Override
  public String toString() {
    return SCHEME + "://" + (endpointAuthority == null ? "" : endpointAuthority) + "/" + keyId;
  }
}
