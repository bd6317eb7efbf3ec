package dev.countersign.testing.servers.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response an endpoint computed, before it is sent (so that faults can damage or throttle it). */
final class Reply {
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  final byte[] body;

  private Reply(int status, byte[] body) {
    this.status = status;
    this.body = body;
  }

  /** A response without a body. */
  static Reply empty(int status) {
    return new Reply(status, null);
  }

  /** A response with {@code body} of {@code contentType}. */
  static Reply body(int status, String contentType, byte[] body) {
    return new Reply(status, body).header("Content-Type", contentType);
  }

  static Reply json(int status, String json) {
    return body(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** The spec's error shape {@code {"errors":[{"code","message","detail"}]}}. */
  static Reply error(int status, String code, String message) {
    return json(status, "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + Json.escape(message)
        + "\",\"detail\":null}]}");
  }

  Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** An {@link #error} as an exception, to leave an endpoint from deep inside. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Reply reply;

    Failure(int status, String code, String message) {
      super(code + ": " + message, null, false, false);
      this.reply = error(status, code, message);
    }
  }

  static Failure fail(int status, String code, String message) {
    return new Failure(status, code, message);
  }
}
