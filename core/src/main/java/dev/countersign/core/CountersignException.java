package dev.countersign.core;

/**
 * Root of every exception Countersign throws. Unchecked, like the AWS SDK's {@code SdkException}: callers catch
 * the subtype they can act on ({@link InvalidInputException}, {@link WrongPasswordException},
 * {@link KeyNotFoundException}, {@link VerificationException}, {@link BackendException}) or this root.
 *
 * <p>Messages never contain key material, passwords or credentials.
 */
public class CountersignException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CountersignException(String message) {
    super(message);
  }

  public CountersignException(String message, Throwable cause) {
    super(message, cause);
  }
}
