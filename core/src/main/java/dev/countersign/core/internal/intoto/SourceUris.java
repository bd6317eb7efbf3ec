package dev.countersign.core.internal.intoto;

import java.util.Locale;

/**
 * Source repository URIs as builders write them: {@code git+https://github.com/Owner/Repo.git@refs/heads/main},
 * {@code https://github.com/owner/repo}, {@code git@github.com:owner/repo.git}. Normalising strips {@code git+},
 * the {@code @ref} suffix, a {@code .git} suffix and trailing slashes, lower-cases scheme and host and drops user
 * info; the path keeps its case.
 */
public final class SourceUris {
  private SourceUris() {}

  /** A source split into its normalised repository and its ref (null when the URI names none). */
  public record Source(String repository, String ref) {}

  /** Splits and normalises; null for null or blank input. */
  public static Source parse(String uri) {
    if (uri == null || uri.isBlank()) {
      return null;
    }
    String s = uri.strip();
    if (s.startsWith("git+")) {
      s = s.substring(4);
    }
    String scheme = "";
    String rest = s;
    int sep = s.indexOf("://");
    if (sep > 0 && s.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT) + "://";
      rest = s.substring(sep + 3);
    } else if (s.matches("[^/@:]+@[^/:]+:.*")) {
      rest = s.replaceFirst(":", "/");   // scp-like git@host:owner/repo
      scheme = "ssh://";
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    String ref = null;
    int at = path.lastIndexOf('@');
    if (at >= 0) {
      ref = path.substring(at + 1);
      path = path.substring(0, at);
    } else if (slash < 0 && authority.lastIndexOf('@') > authority.indexOf('@')) {
      at = authority.lastIndexOf('@');
      ref = authority.substring(at + 1);
      authority = authority.substring(0, at);
    }
    int userInfo = authority.lastIndexOf('@');
    String host = (userInfo >= 0 ? authority.substring(userInfo + 1) : authority).toLowerCase(Locale.ROOT);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return new Source(scheme + host + path, ref == null || ref.isEmpty() ? null : ref);
  }

  /** The normalised repository of {@code uri} (without ref); null for null or blank input. */
  public static String repository(String uri) {
    Source s = parse(uri);
    return s == null ? null : s.repository();
  }

  /** Host and path of a normalised repository, without the scheme (what {@code sameRepository} compares). */
  public static String hostAndPath(String uri) {
    String r = repository(uri);
    if (r == null) {
      return null;
    }
    int sep = r.indexOf("://");
    return sep < 0 ? r : r.substring(sep + 3);
  }
}
