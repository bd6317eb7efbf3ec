package dev.countersign.testing.servers;

/**
 * One HTTP request a {@link TestKms} answered, retries included.
 *
 * @param service "kms" or "ecr" ({@code null} when the X-Amz-Target header was missing or unknown)
 * @param operation the operation name, e.g. "Sign" ({@code null} when unknown)
 * @param requestBodyBytes the request body as sent
 * @param requestHeaderBytes request line and headers as {@code Name: value\r\n}, an approximation of their wire
 *     size (header names as the JDK server normalizes them)
 * @param responseBodyBytes the response body
 * @param status the HTTP status answered
 * @param errorType the {@code __type} of an error answer, else {@code null}
 */
public record KmsRequest(String service, String operation, int requestBodyBytes, int requestHeaderBytes,
              int responseBodyBytes, int status, String errorType) {

  /** Request line, headers and body: what this request put on the wire (approximately, for headers). */
  public int requestBytes() {
    return requestBodyBytes + requestHeaderBytes;
  }

  /** Whether the request was answered with HTTP 200. */
  public boolean succeeded() {
    return status == 200;
  }
}
