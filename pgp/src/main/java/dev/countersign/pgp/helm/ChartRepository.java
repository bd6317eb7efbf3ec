package dev.countersign.pgp.helm;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.internal.repo.ChartMuseumUpload;
import dev.countersign.pgp.internal.repo.IndexYaml;
import dev.countersign.pgp.internal.repo.RepoHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * A Helm chart repository over HTTP(S), through OkHttp. Thread-safe.
 *
 * <ul>
 *   <li>{@link #index()}: {@code GET <url>/index.yaml} (at most {@link Builder#maxIndexBytes}), cached with its
 *       {@code ETag}: a later call sends {@code If-None-Match} and a 304 reuses the parsed index.
 *   <li>{@link #download}: the index (one request, or a 304), {@code GET} of the entry's first URL (relative to the
 *       repository URL or absolute), streamed to a temporary file while hashed and checked against the entry's
 *       {@code digest} (a mismatch, or no digest unless {@link Builder#requireDigest}{@code (false)}, fails closed),
 *       then {@code GET <chart URL>.prov}: 404 means no provenance, which fails only with
 *       {@code requireProvenance}. Three requests per download plus redirect hops; {@link #requestCount()}
 *       counts every request on the wire.
 *   <li>{@link #publish}: ChartMuseum's API ({@code POST /api/charts}, multipart fields {@code chart} and
 *       {@code prov}; {@code ?force} to overwrite). 409 is an {@link InvalidInputException} saying it exists.
 * </ul>
 *
 * Credentials (Basic or Bearer) go only to the repository's own scheme, host and port, never to a chart URL or
 * redirect elsewhere. Redirects are followed (at most 20 hops, OkHttp's limit).
 */
public final class ChartRepository {
  private final HttpUrl base;
  private final RepoHttp http;
  private final long maxIndexBytes;
  private final long maxChartBytes;
  private final boolean requireDigest;
  private String etag;
  private ChartRepositoryIndex cached;

  private ChartRepository(Builder b) {
    this.base = b.url;
    OkHttpClient client = b.client != null ? b.client : new OkHttpClient.Builder().connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout).callTimeout(b.callTimeout).build();
    this.http = new RepoHttp(client, b.url, b.authorization);
    this.maxIndexBytes = b.maxIndexBytes;
    this.maxChartBytes = b.maxChartBytes;
    this.requireDigest = b.requireDigest;
  }

  /** A builder for the repository at {@code url} (http or https; the directory holding {@code index.yaml}). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The repository URL. */
  public String url() {
    return base.toString();
  }

  /** Fetches and parses {@code index.yaml}, or reuses the last one when the server answers 304. */
  public synchronized ChartRepositoryIndex index() {
    HttpUrl url = RepoHttp.resolve(base, "index.yaml");
    var request = http.request(url);
    if (etag != null && cached != null) {
      request.header("If-None-Match", etag);
    }
    try (Response response = http.execute(request.build())) {
      if (response.code() == 304 && cached != null) {
        return cached;
      }
      if (!response.isSuccessful()) {
        throw RepoHttp.failure(response, "cannot fetch the repository index");
      }
      ChartRepositoryIndex index = ChartRepositoryIndex.parse(RepoHttp.body(response, maxIndexBytes,
          "index.yaml"), RepoHttp.redacted(url));
      etag = response.header("ETag");
      cached = index;
      return index;
    }
  }

  /**
   * Downloads chart {@code name} at exactly {@code version} into {@code destDir} (saved under the last segment of
   * its URL) with its {@code .prov} when the server has one. With {@code requireProvenance}, a missing
   * {@code .prov} is an {@link InvalidInputException}. A digest mismatch is a {@link VerificationException} naming
   * the expected and actual SHA-256; nothing is left in {@code destDir} then.
   */
  public DownloadedChart download(String name, String version, Path destDir, boolean requireProvenance) {
    ChartIndexEntry entry = index().find(name, version).orElseThrow(() -> new InvalidInputException(
        "chart " + name + " version " + version + " is not in the repository " + RepoHttp.redacted(base)));
    if (entry.urls().isEmpty()) {
      throw new InvalidInputException("chart " + name + " " + version + " has no URL in the index");
    }
    String expected = entry.digest().orElse(null);
    if (expected == null && requireDigest) {
      throw new InvalidInputException("the index gives no digest for chart " + name + " " + version
          + "; refusing an unverifiable download");
    }
    HttpUrl url = RepoHttp.resolve(base, entry.urls().get(0));
    Path target = destDir.resolve(fileName(url, name, version));
    Path tmp = temp(destDir);
    String actual;
    try (Response response = http.execute(http.request(url).build())) {
      if (!response.isSuccessful()) {
        throw RepoHttp.failure(response, "cannot download chart " + name + " " + version);
      }
      actual = RepoHttp.download(response, tmp, maxChartBytes, "chart " + name + " " + version);
    }
    try {
      if (expected != null && !expected.equals(actual)) {
        throw new VerificationException(VerificationReport.builder(target.getFileName().toString())
            .add(VerificationCheck.failed("archive-digest", "sha256:" + expected, "sha256:" + actual,
                "the downloaded archive does not match the index digest")).build());
      }
      Path prov = fetchProvenance(url, target, requireProvenance);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return new DownloadedChart(target, prov, actual, entry);
    } catch (IOException e) {
      throw new InvalidInputException("cannot save " + target + ": " + e.getMessage(), e);
    } finally {
      delete(tmp);
    }
  }

  private Path fetchProvenance(HttpUrl chartUrl, Path target, boolean required) throws IOException {
    HttpUrl url = chartUrl.newBuilder().encodedPath(chartUrl.encodedPath() + ".prov").build();
    try (Response response = http.execute(http.request(url).build())) {
      if (response.code() == 404) {
        if (required) {
          throw new InvalidInputException("the repository has no provenance file " + RepoHttp.redacted(url));
        }
        return null;
      }
      if (!response.isSuccessful()) {
        throw RepoHttp.failure(response, "cannot download the provenance file");
      }
      byte[] prov = RepoHttp.body(response, 1 << 20, "provenance file");
      Path p = target.resolveSibling(target.getFileName() + ".prov");
      Files.write(p, prov);
      return p;
    }
  }

  private static String fileName(HttpUrl url, String name, String version) {
    String last = url.pathSegments().get(url.pathSegments().size() - 1);
    if (last.isEmpty() || last.equals(".") || last.equals("..") || last.contains("/") || last.contains("\\")) {
      return name + "-" + version + ".tgz";
    }
    return last;
  }

  private static Path temp(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.createTempFile(dir, ".download-", ".part");
    } catch (IOException e) {
      throw new InvalidInputException("cannot write into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary file is harmless
    }
  }

  /**
   * Uploads {@code chart} and, when non-null, {@code prov} to the ChartMuseum-compatible server at this URL.
   * With {@code force} an existing version is overwritten (if the server allows forced overwrites).
   */
  public void publish(Path chart, Path prov, boolean force) {
    ChartMuseumUpload.post(http, base, Objects.requireNonNull(chart, "chart"), prov, force);
  }

  /** HTTP requests sent so far (each redirect hop counts). */
  public long requestCount() {
    return http.requestCount();
  }

  /** Builds a {@link ChartRepository}. */
  public static final class Builder {
    private final HttpUrl url;
    private OkHttpClient client;
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ofMinutes(10);
    private String authorization;
    private long maxIndexBytes = IndexYaml.MAX_BYTES;
    private long maxChartBytes = 256L << 20;
    private boolean requireDigest = true;

    private Builder(String url) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
      if (parsed == null) {
        throw new InvalidInputException("chart repository URL must be http or https: " + url);
      }
      this.url = parsed;
    }

    /** The OkHttp client to use (its pool is shared); the timeouts below are then ignored. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The limit on one whole call (a chart download included); default 10 minutes. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** HTTP Basic credentials for the repository's host; the password is copied into the header and zeroed. */
    public Builder basicAuth(String username, char[] password) {
      String pw = new String(password);
      java.util.Arrays.fill(password, '\0');
      this.authorization = okhttp3.Credentials.basic(username, pw, java.nio.charset.StandardCharsets.UTF_8);
      return this;
    }

    /** A bearer token for the repository's host (ChartMuseum's {@code --access-token}); zeroed. */
    public Builder bearerToken(char[] token) {
      this.authorization = "Bearer " + new String(token);
      java.util.Arrays.fill(token, '\0');
      return this;
    }

    /** The largest {@code index.yaml} read; default and maximum 64 MiB. */
    public Builder maxIndexBytes(long bytes) {
      if (bytes <= 0 || bytes > IndexYaml.MAX_BYTES) {
        throw new InvalidInputException("maxIndexBytes must be between 1 and " + IndexYaml.MAX_BYTES);
      }
      this.maxIndexBytes = bytes;
      return this;
    }

    /** The largest chart archive downloaded; default 256 MiB. */
    public Builder maxChartBytes(long bytes) {
      if (bytes <= 0) {
        throw new InvalidInputException("maxChartBytes must be positive");
      }
      this.maxChartBytes = bytes;
      return this;
    }

    /** Whether an index entry without a digest is refused (default true). */
    public Builder requireDigest(boolean require) {
      this.requireDigest = require;
      return this;
    }

    public ChartRepository build() {
      return new ChartRepository(this);
    }
  }
}
