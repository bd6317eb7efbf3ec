package dev.countersign.keys.internal.resolver;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.keys.internal.LoopbackHosts;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads a public key file named by an {@code https://} (or loopback {@code http://}) reference, as cosign's
 * {@code --key https://...}: redirects are not followed, the body is capped at {@link #MAX_BYTES}, and a
 * {@code #sha256=HEX} fragment pins the SHA-256 of the bytes served (a mismatch is a
 * {@link VerificationException} on check {@code key-sha256} naming both). Bodies are kept per URL for the life
 * of the process; the pin is compared on every use.
 */
public final class PublicKeyDownload {
  /** Larger public key files are refused. */
  public static final int MAX_BYTES = 64 * 1024;
  private static final Pattern PIN = Pattern.compile("sha256=([0-9a-fA-F]{64})");
  private static final Map<String, byte[]> BODIES = new ConcurrentHashMap<>();
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
      .callTimeout(Duration.ofSeconds(30)).followRedirects(false).followSslRedirects(false).build();

  private PublicKeyDownload() {}

  /** The URL and optional pin of a reference. */
  public record Target(HttpUrl url, String sha256) {}

  /** Splits {@code reference} into URL and pin; refuses plain http to other hosts than loopback. */
  public static Target parse(String reference) {
    int hash = reference.indexOf('#');
    String pin = null;
    if (hash >= 0) {
      String fragment = reference.substring(hash + 1);
      if (!PIN.matcher(fragment).matches()) {
        throw new InvalidInputException("key URL fragment must be #sha256=<64 hex digits>, got #" + fragment);
      }
      pin = fragment.substring("sha256=".length()).toLowerCase(Locale.ROOT);
    }
    HttpUrl url = HttpUrl.parse(hash >= 0 ? reference.substring(0, hash) : reference);
    if (url == null) {
      throw new InvalidInputException("not an http(s) URL: " + reference);
    }
    if (!url.isHttps() && !LoopbackHosts.isLoopback(url.host())) {
      throw new InvalidInputException("plain http:// keys are only fetched from loopback hosts; use https:// for "
          + url.host());
    }
    return new Target(url, pin);
  }

  /** The key file's bytes, checked against the pin when there is one. */
  public static byte[] fetch(Target target) {
    String key = target.url().toString();
    byte[] body = BODIES.get(key);
    if (body == null) {
      body = download(target.url());
      BODIES.put(key, body);
    }
    if (target.sha256() != null) {
      String actual = sha256(body);
      if (!actual.equals(target.sha256())) {
        throw new VerificationException(VerificationReport.builder("public key " + key)
            .add(VerificationCheck.failed("key-sha256", target.sha256(), actual,
                "the key served differs from the pinned --key-sha256")).build());
      }
    }
    return body.clone();
  }

  private static byte[] download(HttpUrl url) {
    Request request = new Request.Builder().url(url).build();
    try (Response response = HTTP.newCall(request).execute()) {
      int code = response.code();
      if (code == 404 || code == 410) {
        throw new KeyNotFoundException("no public key at " + url + " (HTTP " + code + ")");
      }
      if (code != 200) {
        throw new BackendException("cannot fetch the public key " + url + ": HTTP " + code
            + (code >= 300 && code < 400 ? " (redirects are not followed)" : ""), code >= 500);
      }
      try (InputStream in = response.body().byteStream()) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new InvalidInputException("public key " + url + " is larger than " + MAX_BYTES + " bytes");
        }
        long declared = response.body().contentLength();
        if (declared >= 0 && declared != bytes.length) {
          throw new BackendException("public key " + url + " was cut off: " + bytes.length + " of " + declared
              + " bytes", true);
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new BackendException("cannot fetch the public key " + url + ": " + e.getClass().getSimpleName() + ": "
          + e.getMessage(), true, e);
    }
  }

  /** Lower-case hex SHA-256 of {@code data}. */
  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
