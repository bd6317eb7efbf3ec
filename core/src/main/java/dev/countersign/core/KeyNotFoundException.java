package dev.countersign.core;

/** No key matches a reference, key id or query; or no backend handles a key reference's scheme. */
public final class KeyNotFoundException extends CountersignException {
  private static final long serialVersionUID = 1L;

  public KeyNotFoundException(String message) {
    super(message);
  }

  public KeyNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
