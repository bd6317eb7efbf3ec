package dev.countersign.oci;

import dev.countersign.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Credentials for one registry: a user name and password (HTTP Basic, also sent to Bearer token services), an
 * identity token (an OAuth2 refresh token, as {@code docker login} stores for some registries) or a registry token
 * (a Bearer token sent as is). The secret is held as a {@code char[]} copy, never appears in {@link #toString()} or
 * exception messages, and can be wiped with {@link #destroy()}.
 */
public final class Credentials {
  /** What the secret is. */
  public enum Kind {
    /** User name and password. */
    BASIC,
    /** An OAuth2 refresh token exchanged at the registry's token service. */
    IDENTITY_TOKEN,
    /** A Bearer token sent to the registry directly. */
    REGISTRY_TOKEN
  }

  private final Kind kind;
  private final String username;
  private final char[] secret;

  private Credentials(Kind kind, String username, char[] secret) {
    this.kind = kind;
    this.username = username;
    if (secret == null || secret.length == 0) {
      throw new InvalidInputException("registry credentials have an empty " + (kind == Kind.BASIC ? "password"
          : "token"));
    }
    this.secret = secret.clone();
  }

  /** User name and password; the password array is copied (the caller may wipe its own). */
  public static Credentials basic(String username, char[] password) {
    if (username == null || username.isEmpty() || username.indexOf(':') >= 0) {
      throw new InvalidInputException("registry user name must be non-empty and contain no ':'");
    }
    return new Credentials(Kind.BASIC, username, Objects.requireNonNull(password, "password"));
  }

  /** An identity (refresh) token, exchanged for access tokens at the registry's token service. */
  public static Credentials identityToken(char[] token) {
    return new Credentials(Kind.IDENTITY_TOKEN, null, Objects.requireNonNull(token, "token"));
  }

  /** A Bearer token sent to the registry as is. */
  public static Credentials registryToken(char[] token) {
    return new Credentials(Kind.REGISTRY_TOKEN, null, Objects.requireNonNull(token, "token"));
  }

  public Kind kind() {
    return kind;
  }

  /** The user name for {@link Kind#BASIC}, else null. */
  public String username() {
    return username;
  }

  /** A copy of the password or token; wipe it after use. */
  public char[] secret() {
    return secret.clone();
  }

  /** Overwrites the secret held by this object; it cannot be used afterwards. */
  public void destroy() {
    Arrays.fill(secret, '\0');
  }

  @Override
  public String toString() {
    return "Credentials[" + kind + (username == null ? "" : ", user=" + username) + ", secret=<redacted>]";
  }
}
