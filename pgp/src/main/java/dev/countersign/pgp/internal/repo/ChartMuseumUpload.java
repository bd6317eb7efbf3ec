package dev.countersign.pgp.internal.repo;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Uploads a chart (and its {@code .prov}) to a ChartMuseum-compatible server as {@code helm cm-push} does:
 * {@code POST <context>/api/<repo path>/charts}, a {@code multipart/form-data} body with file fields {@code chart}
 * and {@code prov}, {@code ?force} to overwrite (the server must allow it). 201 is success; 409 means the version
 * exists.
 */
public final class ChartMuseumUpload {
  private static final MediaType GZIP = MediaType.get("application/gzip");
  private static final MediaType OCTETS = MediaType.get("application/octet-stream");

  private ChartMuseumUpload() {}

  /** The API URL for the repository at {@code base}: {@code /api} inserted before the repository path. */
  public static HttpUrl apiUrl(HttpUrl base, boolean force) {
    String path = base.encodedPath();
    path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    HttpUrl.Builder b = base.newBuilder().encodedPath("/api" + path + "/charts").query(null);
    if (force) {
      b.encodedQuery("force");
    }
    return b.build();
  }

  /** Posts {@code chart} and, when non-null, {@code prov}; throws with the server's answer on failure. */
  public static void post(RepoHttp http, HttpUrl base, Path chart, Path prov, boolean force) {
    if (!Files.isRegularFile(chart)) {
      throw new InvalidInputException("chart archive " + chart + " is not a file");
    }
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("chart", chart.getFileName().toString(), RequestBody.create(chart.toFile(), GZIP));
    if (prov != null) {
      if (!Files.isRegularFile(prov)) {
        throw new InvalidInputException("provenance file " + prov + " is not a file");
      }
      form.addFormDataPart("prov", prov.getFileName().toString(), RequestBody.create(prov.toFile(), OCTETS));
    }
    HttpUrl url = apiUrl(base, force);
    Request request = http.request(url).post(form.build()).build();
    try (Response response = http.execute(request)) {
      if (response.code() == 201 || response.code() == 200) {
        return;
      }
      String answer = response.code() == 204 ? "" : serverError(response);
      if (response.code() == 409) {
        throw new InvalidInputException(chart.getFileName() + " already exists in the chart repository ("
            + answer + "); publish with force to overwrite, if the server allows it");
      }
      throw new BackendException("ChartMuseum upload of " + chart.getFileName() + " failed: HTTP " + response.code()
          + " from " + RepoHttp.redacted(url) + (answer.isEmpty() ? "" : ": " + answer),
          response.code() == 429 || response.code() >= 500);
    }
  }

  private static String serverError(Response response) {
    try {
      String text = new String(RepoHttp.body(response, 4096, "error response"), java.nio.charset.StandardCharsets.UTF_8);
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
      if (node != null && node.hasNonNull("error")) {
        return node.get("error").asText();
      }
      return text.strip();
    } catch (Exception e) {
      return "";
    }
  }
}
