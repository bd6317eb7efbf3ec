package dev.countersign.keys.internal.timestamp;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The HTTP exchange with a TSA: POST {@code application/timestamp-query}, read a capped reply. */
public final class TsaHttp {
  private static final MediaType QUERY = MediaType.get("application/timestamp-query");
  private static final int MAX_ERROR_SNIPPET = 200;

  private TsaHttp() {}

  /** Posts the DER request and returns the body of a 2xx answer, at most {@code maxBytes} long. */
  public static byte[] post(OkHttpClient client, String url, byte[] query, int maxBytes) {
    Request request = new Request.Builder().url(url)
        .header("Accept", "application/timestamp-reply")
        .post(RequestBody.create(query, QUERY))
        .build();
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        String snippet = snippet(response);
        throw new BackendException("TSA " + url + " answered HTTP " + response.code()
            + (snippet.isEmpty() ? "" : ": " + snippet), response.code() >= 500 || response.code() == 429);
      }
      return read(response, maxBytes, url);
    } catch (IOException e) {
      throw new BackendException("TSA " + url + " could not be reached: " + e.getMessage(), true, e);
    }
  }

  private static byte[] read(Response response, int max, String url) throws IOException {
    long declared = response.body().contentLength();
    if (declared > max) {
      throw new InvalidInputException("TSA " + url + " response of " + declared + " bytes exceeds the limit of "
          + max + " bytes");
    }
    try (InputStream in = response.body().byteStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buf)) != -1; ) {
        total += n;
        if (total > max) {
          throw new InvalidInputException("TSA " + url + " response exceeds the limit of " + max + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static String snippet(Response response) {
    try {
      String text = response.peekBody(MAX_ERROR_SNIPPET).string().strip();
      return text.replaceAll("[^\\x20-\\x7e]", "?");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
