package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.assertError;
import static dev.countersign.testing.servers.Http.digest;
import static dev.countersign.testing.servers.Http.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BlobEndpointTest {
  @RegisterExtension
  static final TestRegistry REGISTRY = TestRegistry.builder().resetBeforeEachTest().maxBlobBytes(1 << 16).build();
  private final Http http = new Http(REGISTRY);

  @Test
  void monolithicUploadThenHeadGetDelete() {
    byte[] data = utf8("hello blob");
    String d = digest(data);
    assertError(http.send("POST", "/v2/b/blobs/uploads/?digest=" + digest(utf8("x")), data), 400,
        "DIGEST_INVALID");
    assertEquals(404, http.send("HEAD", "/v2/b/blobs/" + d, null).statusCode());
    http.pushBlob("b", data);
    HttpResponse<byte[]> head = http.send("HEAD", "/v2/b/blobs/" + d, null);
    assertEquals(200, head.statusCode());
    assertEquals(Optional.of("10"), head.headers().firstValue("Content-Length"));
    assertEquals(Optional.of(d), head.headers().firstValue("Docker-Content-Digest"));
    assertArrayEquals(data, http.get("/v2/b/blobs/" + d).body());
    assertError(http.get("/v2/other/blobs/" + d), 404, "BLOB_UNKNOWN");
    assertEquals(202, http.send("DELETE", "/v2/b/blobs/" + d, null).statusCode());
    assertError(http.get("/v2/b/blobs/" + d), 404, "BLOB_UNKNOWN");
    assertError(http.send("DELETE", "/v2/b/blobs/" + d, null), 404, "BLOB_UNKNOWN");
  }

  @Test
  void chunkedUploadChecksOrderAndDigest() {
    byte[] data = utf8("0123456789abcdef");
    HttpResponse<byte[]> start = http.send("POST", "/v2/c/blobs/uploads/", null);
    assertEquals(202, start.statusCode());
    String location = start.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> first = http.send("PATCH", location, Arrays.copyOfRange(data, 0, 6),
        "Content-Range", "0-5", "Content-Type", "application/octet-stream");
    assertEquals(202, first.statusCode());
    assertEquals(Optional.of("0-5"), first.headers().firstValue("Range"));
    assertError(http.send("PATCH", location, Arrays.copyOfRange(data, 10, 16), "Content-Range", "10-15"), 416,
        "BLOB_UPLOAD_INVALID");
    assertError(http.send("PATCH", location, Arrays.copyOfRange(data, 6, 10), "Content-Range", "6-10"), 400,
        "SIZE_INVALID");
    assertEquals(202, http.send("PATCH", location, Arrays.copyOfRange(data, 6, 10), "Content-Range", "6-9")
        .statusCode());
    HttpResponse<byte[]> status = http.get(location);
    assertEquals(204, status.statusCode());
    assertEquals(Optional.of("0-9"), status.headers().firstValue("Range"));
    HttpResponse<byte[]> done = http.send("PUT", location + "?digest=" + digest(data),
        Arrays.copyOfRange(data, 10, 16));
    assertEquals(201, done.statusCode(), Http.text(done));
    assertArrayEquals(data, http.get("/v2/c/blobs/" + digest(data)).body());
    assertError(http.send("PATCH", location, data), 404, "BLOB_UPLOAD_UNKNOWN");

    String second = http.send("POST", "/v2/c/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    http.send("PATCH", second, data);
    assertError(http.send("PUT", second + "?digest=" + digest(utf8("other")), null), 400, "DIGEST_INVALID");
    assertError(http.send("PUT", second + "?digest=" + digest(data), null), 404, "BLOB_UPLOAD_UNKNOWN");
    String third = http.send("POST", "/v2/c/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
    assertError(http.send("PATCH", third.replace("/v2/c/", "/v2/d/"), data), 404, "BLOB_UPLOAD_UNKNOWN");
    assertEquals(204, http.send("DELETE", third, null).statusCode());
    assertError(http.get(third), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void mountFromAnotherRepositoryOrFallBackToASession() {
    String d = http.pushBlob("src", utf8("shared"));
    HttpResponse<byte[]> mounted = http.send("POST", "/v2/dst/blobs/uploads/?mount=" + d + "&from=src", null);
    assertEquals(201, mounted.statusCode());
    assertEquals(Optional.of("/v2/dst/blobs/" + d), mounted.headers().firstValue("Location"));
    assertEquals(200, http.send("HEAD", "/v2/dst/blobs/" + d, null).statusCode());
    String absent = digest(utf8("absent"));
    HttpResponse<byte[]> fallback = http.send("POST", "/v2/dst/blobs/uploads/?mount=" + absent + "&from=src", null);
    assertEquals(202, fallback.statusCode());
    assertEquals(404, http.send("HEAD", "/v2/dst/blobs/" + absent, null).statusCode());
  }

  @Test
  void rangesAnswer206Or416() {
    byte[] data = utf8("0123456789");
    String d = http.pushBlob("r", data);
    HttpResponse<byte[]> part = http.get("/v2/r/blobs/" + d, "Range", "bytes=2-4");
    assertEquals(206, part.statusCode());
    assertArrayEquals(utf8("234"), part.body());
    assertEquals(Optional.of("bytes 2-4/10"), part.headers().firstValue("Content-Range"));
    assertArrayEquals(utf8("789"), http.get("/v2/r/blobs/" + d, "Range", "bytes=-3").body());
    assertArrayEquals(utf8("89"), http.get("/v2/r/blobs/" + d, "Range", "bytes=8-").body());
    HttpResponse<byte[]> bad = http.get("/v2/r/blobs/" + d, "Range", "bytes=10-12");
    assertEquals(416, bad.statusCode());
    assertEquals(Optional.of("bytes */10"), bad.headers().firstValue("Content-Range"));
  }

  @Test
  void oversizedBlobIsRefused() {
    byte[] big = new byte[(1 << 16) + 1];
    assertError(http.send("POST", "/v2/big/blobs/uploads/?digest=" + digest(big), big), 413, "SIZE_INVALID");
    String session = http.send("POST", "/v2/big/blobs/uploads/", null).headers().firstValue("Location")
        .orElseThrow();
    assertError(http.send("PATCH", session, big), 413, "SIZE_INVALID");
  }
}
