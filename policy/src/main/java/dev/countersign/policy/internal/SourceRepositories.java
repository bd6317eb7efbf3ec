package dev.countersign.policy.internal;

import java.util.Locale;

/**
 * Normalises source repository locations so that the spellings builders emit compare equal:
 * {@code git+https://GitHub.com/acme/web.git@refs/heads/main}, {@code https://github.com/acme/web/},
 * {@code git@github.com:acme/web.git} and {@code github.com/acme/web} all become {@code github.com/acme/web}.
 *
 * <p>The scheme ({@code git+https}, {@code https}, {@code http}, {@code git+ssh}, {@code ssh}, {@code git}), user
 * info, port-less scp form, query, fragment, an {@code @ref} suffix (SPDX download-location style), a trailing
 * slash and one {@code .git} suffix are removed and the host is lower-cased. The path keeps its case: hosts differ
 * on whether {@code Acme/Web} and {@code acme/web} are the same repository.
 */
public final class SourceRepositories {
  private SourceRepositories() {}

  /** The normalised form of {@code location}; blank input gives an empty string. */
  public static String normalise(String location) {
    String s = location == null ? "" : location.trim();
    int scheme = s.indexOf("://");
    boolean hadScheme = scheme > 0 && s.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*");
    if (hadScheme) {
      s = s.substring(scheme + 3);
    }
    int cut = firstOf(s, '?', '#');
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    int slash = s.indexOf('/');
    String authority = slash < 0 ? s : s.substring(0, slash);
    String path = slash < 0 ? "" : s.substring(slash);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    if (!hadScheme) {
      int colon = authority.indexOf(':');
      if (colon > 0 && !authority.substring(colon + 1).matches("[0-9]*")) {
        // scp-like "host:owner/repo"
        path = "/" + authority.substring(colon + 1) + path;
        authority = authority.substring(0, colon);
      }
    }
    int ref = path.indexOf('@');
    if (ref >= 0) {
      path = path.substring(0, ref);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return authority.toLowerCase(Locale.ROOT) + path;
  }

  /** The {@code @ref} suffix of a {@code git+https://host/owner/repo@ref} location, or null when there is none. */
  public static String refSuffix(String location) {
    if (location == null) {
      return null;
    }
    int scheme = location.indexOf("://");
    String rest = scheme > 0 ? location.substring(scheme + 3) : location;
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return null;
    }
    int at = rest.indexOf('@', slash);
    return at < 0 || at == rest.length() - 1 ? null : rest.substring(at + 1);
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
