package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.internal.manifest.OciJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Reading response bodies with a size cap, and turning error responses into {@link RegistryException}s. */
final class Bodies {
  private static final int MAX_ERROR_BYTES = 64 << 10;

  private Bodies() {}

  /**
   * Reads at most {@code max} bytes; refuses a larger declared Content-Length before reading and stops reading as
   * soon as the body exceeds the cap.
   */
  static byte[] read(Response response, int max, String what) {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > max) {
      throw new InvalidInputException(what + " of " + declared + " bytes exceeds the limit of " + max + " bytes");
    }
    try (InputStream in = body.byteStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buf)) != -1; ) {
        total += n;
        if (total > max) {
          throw new InvalidInputException(what + " exceeds the limit of " + max + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new RegistryException("reading " + what + " failed: " + e.getMessage(), response.code(), null, true, e);
    }
  }

  /** Parses a JSON object strictly ({@link OciJson}), or throws {@link InvalidInputException} naming {@code what}. */
  static JsonNode json(byte[] bytes, String what) {
    return OciJson.parseObject(bytes, what);
  }

  /**
   * A {@link RegistryException} for an unexpected response, with the OCI error code and message of a
   * {@code {"errors":[{"code","message"}]}} body when there is one. Closes the response.
   */
  static RegistryException error(Response response, String what) {
    try (response) {
      int status = response.code();
      String code = null;
      String message = null;
      try {
        byte[] bytes = read(response, MAX_ERROR_BYTES, "error body");
        JsonNode errors = OciJson.parseObject(bytes, "error body").path("errors");
        if (errors.isArray() && errors.size() > 0) {
          code = text(errors.get(0).path("code"));
          message = text(errors.get(0).path("message"));
        }
      } catch (RuntimeException ignored) {
        // no usable error body: the status alone describes the failure
      }
      StringBuilder sb = new StringBuilder(what).append(" failed: HTTP ").append(status);
      if (code != null) {
        sb.append(' ').append(code);
      }
      if (message != null && !message.isEmpty()) {
        sb.append(": ").append(message);
      }
      return new RegistryException(sb.toString(), status, code, retryable(status), null);
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status == 408 || (status >= 500 && status != 501 && status != 505);
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    String s = node.asText().replaceAll("[\\p{Cntrl}]", " ");
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl >= 0 ? s.substring(0, nl) : s;
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
