package dev.countersign.oci.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.oci.testing.ContractRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw HTTP for the wire contract: a java.net.http client against a {@link ContractRegistry}, and fixtures. */
final class WireClient {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ContractRegistry target;

  WireClient(ContractRegistry target) {
    this.target = target;
  }

  /** {@code pathOrLocation} is a path or a Location header (absolute, or relative to the registry). */
  HttpResponse<byte[]> send(String method, String pathOrLocation, byte[] body, String... headers) {
    URI uri = URI.create(target.url()).resolve(pathOrLocation);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  HttpResponse<byte[]> putManifest(String repo, String reference, String contentType, byte[] manifest) {
    return contentType == null ? send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest)
        : send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest, "Content-Type", contentType);
  }

  /** A started upload session's Location. */
  String startUpload(String repo) {
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", null);
    assertEquals(202, r.statusCode(), () -> text(r));
    return r.headers().firstValue("Location").orElseThrow();
  }

  /** {@code location} with {@code digest=} added to its query. */
  static String withDigest(String location, String digest) {
    return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
  }

  /** Uploads a blob through a session (POST, then PUT with the content) and returns its digest. */
  String pushBlob(String repo, byte[] data) {
    String d = digest(data);
    HttpResponse<byte[]> r = send("PUT", withDigest(startUpload(repo), d), data,
        "Content-Type", "application/octet-stream");
    assertEquals(201, r.statusCode(), () -> text(r));
    return d;
  }

  /** Pushes a config and a layer and returns an OCI image manifest referencing them (not pushed). */
  String image(String repo, String extra) {
    byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    byte[] layer = utf8("layer " + repo + extra);
    return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", pushBlob(repo, config), config.length)
        + ",\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar", pushBlob(repo, layer),
        layer.length) + "]" + extra + "}";
  }

  static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  static String digest(byte[] data) {
    return Digest.compute(DigestAlgorithm.SHA256, data).toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Asserts the status and, when {@code code} is not null, that the error body's first code is {@code code}. */
  static void assertError(HttpResponse<byte[]> r, int status, String code) {
    assertEquals(status, r.statusCode(), () -> r.request().method() + " " + r.uri() + ": " + text(r));
    if (code != null) {
      assertTrue(text(r).startsWith("{\"errors\":[{\"code\":\"" + code + "\""), () -> text(r));
    }
  }
}
