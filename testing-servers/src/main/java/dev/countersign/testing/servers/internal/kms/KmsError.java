package dev.countersign.testing.servers.internal.kms;

/** An AWS error answer: HTTP status, {@code __type} and message, as the real service sends them. */
final class KmsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  KmsError(String type, int status, String message) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  static KmsError validation(String message) {
    return new KmsError("ValidationException", 400, message);
  }

  static KmsError notFound(String message) {
    return new KmsError("NotFoundException", 400, message);
  }

  static KmsError disabled(String keyArn) {
    return new KmsError("DisabledException", 400, keyArn + " is disabled.");
  }

  static KmsError invalidState(String message) {
    return new KmsError("KMSInvalidStateException", 400, message);
  }

  static KmsError invalidKeyUsage(String message) {
    return new KmsError("InvalidKeyUsageException", 400, message);
  }

  static KmsError unsupported(String message) {
    return new KmsError("UnsupportedOperationException", 400, message);
  }
}
