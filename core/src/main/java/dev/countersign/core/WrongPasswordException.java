package dev.countersign.core;

/** An encrypted key could not be opened with the password given (its authentication tag did not match). */
public final class WrongPasswordException extends CountersignException {
  private static final long serialVersionUID = 1L;

  public WrongPasswordException(String message) {
    super(message);
  }
}
