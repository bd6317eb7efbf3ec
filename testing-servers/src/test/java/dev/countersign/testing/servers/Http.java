package dev.countersign.testing.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain java.net.http client for one registry, and small OCI fixtures. */
final class Http {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final TestRegistry registry;

  Http(TestRegistry registry) {
    this.registry = registry;
  }

  HttpResponse<byte[]> send(String method, String target, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(registry.url() + target))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
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

  HttpResponse<byte[]> get(String target, String... headers) {
    return send("GET", target, null, headers);
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static String digest(byte[] data) {
    return Digest.compute(DigestAlgorithm.SHA256, data).toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Asserts the status and, for errors, the spec's error code in the body. */
  static void assertError(HttpResponse<byte[]> r, int status, String code) {
    assertEquals(status, r.statusCode(), () -> text(r));
    assertTrue(text(r).contains("{\"errors\":[{\"code\":\"" + code + "\""), () -> text(r));
  }

  /** Pushes a blob monolithically and returns its digest. */
  String pushBlob(String repo, byte[] data) {
    String d = digest(data);
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, data,
        "Content-Type", "application/octet-stream");
    assertEquals(201, r.statusCode(), () -> text(r));
    return d;
  }

  static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  /** Pushes a config and a layer and returns an image manifest of {@code type} (not pushed); subject may be null. */
  String image(String repo, String type, String subject, String artifactType) {
    byte[] config = utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
    byte[] layer = utf8("layer of " + repo + " " + artifactType);
    String c = pushBlob(repo, config);
    String l = pushBlob(repo, layer);
    return "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\""
        + (artifactType == null ? "" : ",\"artifactType\":\"" + artifactType + "\"")
        + ",\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", c, config.length)
        + ",\"layers\":[" + descriptor("application/vnd.oci.image.layer.v1.tar", l, layer.length) + "]"
        + (subject == null ? "" : ",\"subject\":" + subject) + "}";
  }

  HttpResponse<byte[]> putManifest(String repo, String reference, String type, String manifest) {
    return send("PUT", "/v2/" + repo + "/manifests/" + reference, utf8(manifest), "Content-Type", type);
  }
}
