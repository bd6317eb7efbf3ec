package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The docker/distribution reference grammar ({@code reference/regexp.go} and {@code normalize.go}), with
 * {@code index.docker.io} as the canonical Docker Hub registry.
 */
public final class ReferenceGrammar {
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
      + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  private static final int NAME_TOTAL_LENGTH_MAX = 255;
  private static final String DOCKER_DOMAIN = "docker.io";
  private static final String LEGACY_DOCKER_DOMAIN = "index.docker.io";

  private ReferenceGrammar() {}

  /** The parts of a parsed reference; tag and digest may be null. */
  public record Parts(String registry, String repository, String tag, Digest digest) {}

  public static Parts parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw new InvalidInputException("image reference is empty");
    }
    String shown = quote(reference);
    if (IDENTIFIER.matcher(reference).matches()) {
      throw new InvalidInputException("invalid image reference " + shown
          + ": a repository name cannot be a 64-character hexadecimal string");
    }
    String rest = reference;
    Digest digest = null;
    int at = reference.indexOf('@');
    if (at >= 0) {
      rest = reference.substring(0, at);
      try {
        digest = Digest.parse(reference.substring(at + 1));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("invalid digest in image reference " + shown + ": " + e.getMessage(), e);
      }
    }
    String domain;
    String remainder;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? null : rest.substring(0, slash);
    if (first == null || (first.indexOf('.') < 0 && first.indexOf(':') < 0 && !first.equals("localhost")
        && first.toLowerCase(java.util.Locale.ROOT).equals(first))) {
      domain = DOCKER_DOMAIN;
      remainder = rest;
    } else {
      domain = first;
      remainder = rest.substring(slash + 1);
    }
    if (domain.equals(LEGACY_DOCKER_DOMAIN)) {
      domain = DOCKER_DOMAIN;
    }
    String tag = null;
    int colon = remainder.indexOf(':');
    String path = remainder;
    if (colon >= 0) {
      path = remainder.substring(0, colon);
      tag = remainder.substring(colon + 1);
    }
    if (domain.equals(DOCKER_DOMAIN) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw new InvalidInputException("invalid registry '" + domain + "' in image reference " + shown);
    }
    checkPath(path, shown);
    if ((domain + "/" + path).length() > NAME_TOTAL_LENGTH_MAX) {
      throw new InvalidInputException("invalid image reference " + shown + ": repository name must not be more than "
          + NAME_TOTAL_LENGTH_MAX + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidInputException("invalid tag in image reference " + shown
          + ": a tag is 1 to 128 characters of [A-Za-z0-9_.-] not starting with '.' or '-'");
    }
    String registry = domain.equals(DOCKER_DOMAIN) ? LEGACY_DOCKER_DOMAIN : domain;
    return new Parts(registry, path, tag, digest);
  }

  /** Throws {@link InvalidInputException} unless {@code tag} is a valid tag. */
  public static void checkTag(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new InvalidInputException("invalid tag " + (tag == null ? "(null)" : quote(tag))
          + ": a tag is 1 to 128 characters of [A-Za-z0-9_.-] not starting with '.' or '-'");
    }
  }

  private static void checkPath(String path, String shown) {
    if (path.isEmpty()) {
      throw new InvalidInputException("invalid image reference " + shown + ": repository name is empty");
    }
    if (!path.toLowerCase(java.util.Locale.ROOT).equals(path)) {
      throw new InvalidInputException("invalid image reference " + shown + ": repository name '" + path
          + "' must be lowercase");
    }
    for (String component : path.split("/", -1)) {
      if (component.isEmpty()) {
        throw new InvalidInputException("invalid image reference " + shown
            + ": repository name has an empty path component");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw new InvalidInputException("invalid image reference " + shown + ": repository path component '"
            + abbreviate(component) + "' must be lower-case letters and digits separated by '.', '_', '__' or '-'");
      }
    }
  }

  private static String quote(String s) {
    return "'" + abbreviate(s) + "'";
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }
}
