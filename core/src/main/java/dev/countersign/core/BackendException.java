package dev.countersign.core;

/**
 * A key backend (a KMS, a key server, a provider found on the class path) failed or is misconfigured.
 * {@link #retryable()} tells whether the same call may succeed later.
 */
public class BackendException extends CountersignException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public BackendException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public BackendException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether repeating the call may succeed (throttling, a timeout, a 5xx). */
  public boolean retryable() {
    return retryable;
  }
}
