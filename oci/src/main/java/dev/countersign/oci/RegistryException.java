package dev.countersign.oci;

import dev.countersign.core.BackendException;

/**
 * A registry answered with an error (or not at all). Carries the HTTP status (0 when no response arrived) and the
 * registry's error code when it sent one ({@code MANIFEST_UNKNOWN}, {@code DENIED}, ...). Retryable for 429, 5xx
 * and connection failures.
 */
public final class RegistryException extends BackendException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorCode;

  public RegistryException(String message, int status, String errorCode, boolean retryable, Throwable cause) {
    super(message, retryable, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** HTTP status, or 0 when the request got no response. */
  public int status() {
    return status;
  }

  /** The OCI error code of the response body, or null. */
  public String errorCode() {
    return errorCode;
  }
}
