package dev.countersign.kms.aws.internal;

import dev.countersign.core.BackendException;
import dev.countersign.core.CountersignException;
import dev.countersign.core.KeyNotFoundException;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Maps AWS SDK exceptions (after the SDK's own retries) to Countersign's exceptions. Messages name the operation
 * and the key, and carry the service's message and error code; never credentials (the SDK does not put them in
 * messages either).
 */
public final class KmsErrors {
  private KmsErrors() {}

  /** Runs {@code call}, mapping any {@link SdkException} with {@link #map}. */
  public static <T> T call(String operation, String keyName, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw map(e, operation, keyName);
    }
  }

  /** The Countersign exception for a failed KMS {@code operation} (e.g. {@code Sign}) on {@code keyName}. */
  public static CountersignException map(SdkException e, String operation, String keyName) {
    String key = "KMS key " + keyName;
    if (e instanceof NotFoundException) {
      return new KeyNotFoundException(key + " not found (" + operation + "): " + detail(e), e);
    }
    if (e instanceof DisabledException) {
      return new BackendException(key + " is disabled (" + operation + "): " + detail(e), false, e);
    }
    if (e instanceof KmsInvalidStateException) {
      return new BackendException(key + " cannot be used in its current state, e.g. pending deletion ("
          + operation + "): " + detail(e), false, e);
    }
    if (e instanceof InvalidKeyUsageException) {
      return new BackendException(key + " does not allow " + operation + " (wrong key usage or algorithm): "
          + detail(e), false, e);
    }
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      int status = s.statusCode();
      if ("AccessDeniedException".equals(code) || (status == 403 && code == null)) {
        return new BackendException("access denied to " + key + " for " + operation
            + " (the caller needs IAM permission kms:" + operation + "): " + detail(e), false, e);
      }
      if (code != null && (code.equals("UnrecognizedClientException") || code.equals("InvalidSignatureException")
          || code.equals("ExpiredTokenException") || code.equals("InvalidClientTokenId"))) {
        return new BackendException("AWS rejected the credentials used for " + operation + " on " + keyName
            + ": " + detail(e), false, e);
      }
      if (s.isThrottlingException()) {
        return new BackendException(operation + " on " + key + " was throttled and still failed after the SDK's"
            + " retries: " + detail(e), true, e);
      }
      if (status >= 500 || "KMSInternalException".equals(code) || "DependencyTimeoutException".equals(code)
          || "KeyUnavailableException".equals(code)) {
        return new BackendException(operation + " on " + key + " failed with a service error (HTTP " + status
            + ") after the SDK's retries: " + detail(e), true, e);
      }
      return new BackendException(operation + " on " + key + " failed: " + detail(e), false, e);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new BackendException(operation + " on " + key + " timed out: " + e.getMessage(), true, e);
    }
    if (e instanceof SdkClientException) {
      String m = String.valueOf(e.getMessage());
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.contains("unable to load region") || lower.contains("unable to load credentials")
          || lower.contains("unable to load an http implementation")) {
        return new BackendException("AWS KMS client is not configured for " + operation + " on " + keyName + ": "
            + firstSentence(m), false, e);
      }
      return new BackendException(operation + " on " + key + " could not reach AWS KMS (after the SDK's"
          + " retries): " + m, true, e);
    }
    return new BackendException(operation + " on " + key + " failed: " + e.getMessage(), e.retryable(), e);
  }

  private static String detail(SdkException e) {
    if (e instanceof AwsServiceException) {
      AwsServiceException s = (AwsServiceException) e;
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      String msg = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      String text = (code == null ? "" : code) + (msg == null || msg.isBlank() ? "" : (code == null ? "" : ": ") + msg);
      String id = s.requestId();
      return (text.isEmpty() ? "HTTP " + s.statusCode() : text) + (id == null ? "" : " (request id " + id + ")");
    }
    return String.valueOf(e.getMessage());
  }

  private static String firstSentence(String m) {
    int dot = m.indexOf(". ");
    String s = dot > 0 ? m.substring(0, dot + 1) : m;
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
