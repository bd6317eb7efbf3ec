package dev.countersign.oci.registry;

import static dev.countersign.oci.registry.WireClient.OCI_INDEX;
import static dev.countersign.oci.registry.WireClient.OCI_MANIFEST;
import static dev.countersign.oci.registry.WireClient.assertError;
import static dev.countersign.oci.registry.WireClient.digest;
import static dev.countersign.oci.registry.WireClient.text;
import static dev.countersign.oci.registry.WireClient.utf8;
import static dev.countersign.oci.registry.WireClient.withDigest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.testing.ContractRegistry;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry protocol itself over raw HTTP, against the real docker-registry ({@link DockerRegistryWireTest}) and
 * TestRegistry ({@link TestRegistryWireTest}): the same requests, the same expected answers, and where the two
 * differ the answer of each stated here (and in docs/testing.md, "TestRegistry vs docker-registry").
 */
abstract class WireContract {
  /** The registry under test, anonymous, with the referrers API only when it is TestRegistry. */
  abstract ContractRegistry target();

  private WireClient http() {
    return new WireClient(target());
  }

  @Test
  void pingNamesTheApiVersion() {
    HttpResponse<byte[]> r = http().get("/v2/");
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("registry/2.0"), r.headers().firstValue("Docker-Distribution-API-Version"));
  }

  @Test
  void badManifestsAreRefused() {
    WireClient http = http();
    String m = http.image("wire/bad", "");
    assertError(http.putManifest("wire/bad", "v1", OCI_MANIFEST, utf8("{not json")), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("wire/bad", "v1", OCI_MANIFEST, utf8("[1]")), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("wire/bad", "v1", "application/x-unknown", utf8(m)), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("wire/bad", "v1", OCI_INDEX, utf8(m)), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("wire/bad", "v1", null, utf8(m)), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("wire/bad", digest(utf8("other")), OCI_MANIFEST, utf8(m)), 400, "DIGEST_INVALID");
    String dangling = m.replaceFirst("sha256:[0-9a-f]{64}", digest(utf8("absent")));
    assertError(http.putManifest("wire/bad", "v1", OCI_MANIFEST, utf8(dangling)), 400, "MANIFEST_BLOB_UNKNOWN");
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
        + WireClient.descriptor(OCI_MANIFEST, digest(utf8("absent")), 6) + "]}";
    assertError(http.putManifest("wire/bad", "i", OCI_INDEX, utf8(index)), 400, "MANIFEST_BLOB_UNKNOWN");
    byte[] huge = utf8(m.substring(0, m.length() - 1) + ",\"annotations\":{\"x\":\"" + "a".repeat(5 << 20)
        + "\"}}");
    assertError(http.putManifest("wire/bad", "v1", OCI_MANIFEST, huge), 400, "MANIFEST_INVALID");
    // distribution 2.8 fails to parse an OCI manifest of schemaVersion 1 with a 500
    assertError(http.putManifest("wire/bad", "v1", OCI_MANIFEST, utf8(m.replace("\"schemaVersion\":2",
        "\"schemaVersion\":1"))), target().expect(500, 400), target().expect("UNKNOWN", "MANIFEST_INVALID"));
    assertError(http.get("/v2/wire/bad/manifests/v1"), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void unknownThingsAndInvalidNames() {
    WireClient http = http();
    assertError(http.get("/v2/wire/none/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    assertError(http.get("/v2/wire/none/blobs/" + digest(utf8("x"))), 404, "BLOB_UNKNOWN");
    assertError(http.get("/v2/wire/none/tags/list"), 404, "NAME_UNKNOWN");
    // distribution's router does not match an invalid name (plain-text 404); the spec's NAME_INVALID is a 400
    assertError(http.get("/v2/Upper/manifests/v1"), target().expect(404, 400), target().expect(null, "NAME_INVALID"));
    // distribution takes sha256:xyz for a tag and fails in its storage driver with a 500
    http.pushBlob("wire/name", utf8("make the repository exist"));
    assertError(http.get("/v2/wire/name/manifests/sha256:xyz"), target().expect(500, 400),
        target().expect("UNKNOWN", "DIGEST_INVALID"));
    assertError(http.send("PATCH", "/v2/wire/name/blobs/uploads/no-such-session", utf8("x")), 404,
        target().expect("BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN"));
  }

  @Test
  void uploadsMonolithicChunkedAndVerified() {
    WireClient http = http();
    byte[] data = utf8("0123456789");
    String d = digest(data);
    // a POST with ?digest= and the content: distribution 2.8 ignores both and opens a session
    HttpResponse<byte[]> mono = http.send("POST", "/v2/wire/up/blobs/uploads/?digest=" + d, data,
        "Content-Type", "application/octet-stream");
    assertEquals(target().expect(202, 201), mono.statusCode(), () -> text(mono));

    String session = http.startUpload("wire/up2");
    HttpResponse<byte[]> first = http.send("PATCH", session, utf8("01234"), "Content-Range", "0-4",
        "Content-Type", "application/octet-stream");
    assertEquals(202, first.statusCode());
    assertEquals(Optional.of("0-4"), first.headers().firstValue("Range"));
    String next = first.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> status = http.get(next);
    assertEquals(204, status.statusCode());
    assertEquals(Optional.of("0-4"), status.headers().firstValue("Range"));
    HttpResponse<byte[]> done = http.send("PUT", withDigest(next, d), utf8("56789"),
        "Content-Type", "application/octet-stream");
    assertEquals(201, done.statusCode(), () -> text(done));
    assertEquals(Optional.of(d), done.headers().firstValue("Docker-Content-Digest"));
    assertArrayEquals(data, http.get("/v2/wire/up2/blobs/" + d).body());

    String wrong = http.startUpload("wire/up3");
    assertError(http.send("PUT", withDigest(wrong, digest(utf8("other"))), data, "Content-Type",
        "application/octet-stream"), 400, "DIGEST_INVALID");
    assertError(http.send("PUT", withDigest(wrong, d), data, "Content-Type", "application/octet-stream"), 404,
        target().expect("BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN"));

    String gap = http.startUpload("wire/up4");
    String after = http.send("PATCH", gap, utf8("012"), "Content-Range", "0-2", "Content-Type",
        "application/octet-stream").headers().firstValue("Location").orElseThrow();
    // an out-of-order chunk: distribution 2.8 ignores Content-Range and appends; the spec says 416
    HttpResponse<byte[]> outOfOrder = http.send("PATCH", after, utf8("789"), "Content-Range", "7-9",
        "Content-Type", "application/octet-stream");
    assertEquals(target().expect(202, 416), outOfOrder.statusCode(), () -> text(outOfOrder));
  }

  @Test
  void rangesAndMounts() {
    WireClient http = http();
    String d = http.pushBlob("wire/range", utf8("layer"));
    HttpResponse<byte[]> part = http.get("/v2/wire/range/blobs/" + d, "Range", "bytes=1-2");
    assertEquals(206, part.statusCode());
    assertArrayEquals(utf8("ay"), part.body());
    assertEquals(Optional.of("bytes 1-2/5"), part.headers().firstValue("Content-Range"));
    assertArrayEquals(utf8("er"), http.get("/v2/wire/range/blobs/" + d, "Range", "bytes=-2").body());
    if (target().isDockerRegistry()) {
      // distribution 2.8 answers 416 with Content-Length 5 (the blob's) and no body: a strict client sees the
      // response cut short
      UncheckedIOException cut = assertThrows(UncheckedIOException.class,
          () -> http.get("/v2/wire/range/blobs/" + d, "Range", "bytes=10-12"));
      assertTrue(cut.getMessage().contains("fixed content-length: 5, bytes received: 0"), cut.getMessage());
    } else {
      HttpResponse<byte[]> unsatisfiable = http.get("/v2/wire/range/blobs/" + d, "Range", "bytes=10-12");
      assertEquals(416, unsatisfiable.statusCode());
      assertEquals(Optional.of("bytes */5"), unsatisfiable.headers().firstValue("Content-Range"));
    }

    HttpResponse<byte[]> mounted = http.send("POST", "/v2/wire/mounted/blobs/uploads/?mount=" + d
        + "&from=wire/range", null);
    assertEquals(201, mounted.statusCode());
    assertEquals(Optional.of(d), mounted.headers().firstValue("Docker-Content-Digest"));
    assertEquals(200, http.send("HEAD", "/v2/wire/mounted/blobs/" + d, null).statusCode());
    assertEquals(202, http.send("POST", "/v2/wire/mounted/blobs/uploads/?mount=" + digest(utf8("absent"))
        + "&from=wire/range", null).statusCode());
  }

  @Test
  void deletesAndAcceptNegotiation() {
    WireClient http = http();
    String m = http.image("wire/del", "");
    String d = digest(utf8(m));
    assertEquals(201, http.putManifest("wire/del", "v1", OCI_MANIFEST, utf8(m)).statusCode());
    assertEquals(201, http.putManifest("wire/del", "v2", OCI_MANIFEST, utf8(m)).statusCode());
    // distribution 2.8 serves an OCI manifest only to a client that accepts it
    HttpResponse<byte[]> noAccept = http.get("/v2/wire/del/manifests/" + d);
    assertEquals(target().expect(404, 200), noAccept.statusCode(), () -> text(noAccept));
    HttpResponse<byte[]> ok = http.get("/v2/wire/del/manifests/v1", "Accept", OCI_MANIFEST);
    assertEquals(200, ok.statusCode());
    assertEquals(Optional.of(OCI_MANIFEST), ok.headers().firstValue("Content-Type").map(t -> t.split(";")[0]));
    assertEquals(Optional.of(d), ok.headers().firstValue("Docker-Content-Digest"));
    // deleting a tag: OCI 1.1 allows it; distribution 2.8 takes the tag for a digest and refuses it
    assertError(http.send("DELETE", "/v2/wire/del/manifests/v2", null), target().expect(400, 202),
        target().expect("DIGEST_INVALID", null));
    assertEquals(202, http.send("DELETE", "/v2/wire/del/manifests/" + d, null).statusCode());
    assertError(http.get("/v2/wire/del/manifests/v1", "Accept", OCI_MANIFEST), 404, "MANIFEST_UNKNOWN");
    assertError(http.send("DELETE", "/v2/wire/del/manifests/" + d, null), 404, "MANIFEST_UNKNOWN");
    String blob = http.pushBlob("wire/del", utf8("doomed"));
    assertEquals(202, http.send("DELETE", "/v2/wire/del/blobs/" + blob, null).statusCode());
    assertError(http.send("DELETE", "/v2/wire/del/blobs/" + blob, null), 404, "BLOB_UNKNOWN");
  }

  @Test
  void subjectsAndReferrers() {
    WireClient http = http();
    String subject = digest(utf8("any subject: it need not exist"));
    String m = http.image("wire/ref", ",\"subject\":" + WireClient.descriptor(OCI_MANIFEST, subject, 30));
    HttpResponse<byte[]> put = http.putManifest("wire/ref", digest(utf8(m)), OCI_MANIFEST, utf8(m));
    assertEquals(201, put.statusCode(), () -> text(put));
    assertEquals(target().referrersApi() ? Optional.of(subject) : Optional.empty(),
        put.headers().firstValue("OCI-Subject"));
    HttpResponse<byte[]> referrers = http.get("/v2/wire/ref/referrers/" + subject);
    assertEquals(target().referrersApi() ? 200 : 404, referrers.statusCode());
  }
}
