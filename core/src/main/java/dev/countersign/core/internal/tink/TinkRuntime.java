package dev.countersign.core.internal.tink;

import com.google.crypto.tink.signature.SignatureConfig;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import java.security.GeneralSecurityException;

/**
 * Registers Tink's signature key types once (needed to parse, generate and serialise signature keysets) and wraps
 * Tink's failures in Countersign exceptions.
 */
public final class TinkRuntime {
  private static volatile boolean registered;

  private TinkRuntime() {}

  /** Registers Tink's signature key managers and serialisations; idempotent and thread-safe. */
  public static void ensureRegistered() {
    if (registered) {
      return;
    }
    synchronized (TinkRuntime.class) {
      if (!registered) {
        try {
          SignatureConfig.register();
        } catch (GeneralSecurityException e) {
          throw new CountersignException("cannot initialise Tink signature support: " + e.getMessage(), e);
        }
        registered = true;
      }
    }
  }

  /**
   * An {@link InvalidInputException} for a Tink failure: {@code what} says what was attempted; Tink's own message
   * (which never holds key material) is appended.
   */
  public static InvalidInputException invalid(String what, Throwable cause) {
    String detail = cause.getMessage();
    return new InvalidInputException(what + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
  }

  /**
   * An {@link InvalidInputException} for a runtime failure inside Tink's parser (a missing or mistyped field makes
   * it throw {@code NullPointerException} or {@code ClassCastException}): {@code what} is malformed. Only an
   * {@code IllegalStateException}'s message, which Tink writes for invalid keysets, is kept.
   */
  public static InvalidInputException malformed(String what, RuntimeException cause) {
    String detail = cause instanceof IllegalStateException ? cause.getMessage() : null;
    return new InvalidInputException(what + " is malformed" + (detail == null ? "" : ": " + detail), cause);
  }
}
