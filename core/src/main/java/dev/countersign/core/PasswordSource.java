package dev.countersign.core;

import java.util.Objects;

/**
 * Supplies the password for an encrypted key when it is needed. Each call returns a fresh array that the
 * caller owns and zeroes after use, so no password outlives the operation that needed it.
 */
@FunctionalInterface
public interface PasswordSource {
  /**
   * The password for {@code purpose} (a file name or key reference, for prompts; never logged with the result).
   *
   * @throws WrongPasswordException when none can be had
   */
  char[] password(String purpose);

  /** A source that always answers a copy of {@code password}; the caller may zero its own array afterwards. */
  static PasswordSource of(char[] password) {
    char[] copy = Objects.requireNonNull(password, "password").clone();
    return purpose -> copy.clone();
  }

  /** The empty password (cosign allows keys encrypted with an empty password). */
  static PasswordSource empty() {
    return purpose -> new char[0];
  }

  /** A source that refuses: for keys that must not be encrypted. */
  static PasswordSource none() {
    return purpose -> {
      throw new WrongPasswordException(purpose + " is encrypted and no password was provided");
    };
  }

  /** The value of environment variable {@code name} (e.g. {@code COSIGN_PASSWORD}), else {@code fallback}. */
  static PasswordSource environment(String name, PasswordSource fallback) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fallback, "fallback");
    return purpose -> {
      String v = System.getenv(name);
      return v != null ? v.toCharArray() : fallback.password(purpose);
    };
  }
}
