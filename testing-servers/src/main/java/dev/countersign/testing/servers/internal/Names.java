package dev.countersign.testing.servers.internal;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.util.regex.Pattern;

/** The distribution spec's grammar for repository names, tags and digests. */
final class Names {
  private static final Pattern NAME = Pattern.compile(
      "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  private Names() {}

  /** Fails with 400 NAME_INVALID unless {@code name} is a valid repository name (at most 255 characters). */
  static String repository(String name) {
    if (name.length() > 255 || !NAME.matcher(name).matches()) {
      throw Reply.fail(400, "NAME_INVALID", "invalid repository name");
    }
    return name;
  }

  static boolean isTag(String reference) {
    return TAG.matcher(reference).matches();
  }

  /** Parses a digest or fails with 400 DIGEST_INVALID. */
  static Digest digest(String text) {
    if (text == null || text.isEmpty()) {
      throw Reply.fail(400, "DIGEST_INVALID", "digest is missing");
    }
    try {
      return Digest.parse(text);
    } catch (InvalidInputException e) {
      throw Reply.fail(400, "DIGEST_INVALID", "invalid digest");
    }
  }

  /** Fails with 400 DIGEST_INVALID unless {@code content} hashes to {@code expected}. */
  static void verify(Digest expected, byte[] content) {
    Digest actual = Digest.compute(expected.algorithm(), content);
    if (!actual.equals(expected)) {
      throw Reply.fail(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
    }
  }

  static String sha256(byte[] content) {
    return Digest.compute(DigestAlgorithm.SHA256, content).toString();
  }
}
