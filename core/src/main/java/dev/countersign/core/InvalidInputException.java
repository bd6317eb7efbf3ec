package dev.countersign.core;

/**
 * Input that cannot be used: a malformed PEM, truncated bundle, unsupported algorithm, oversized document, bad
 * base64 or a reference that names nothing. The message says what was wrong and where, never the secret bytes.
 */
public class InvalidInputException extends CountersignException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
