package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.assertError;
import static dev.countersign.testing.servers.Http.digest;
import static dev.countersign.testing.servers.Http.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestEndpointTest {
  @RegisterExtension
  static final TestRegistry REGISTRY = TestRegistry.builder().resetBeforeEachTest().maxManifestBytes(4096).build();
  private final Http http = new Http(REGISTRY);

  @Test
  void pingAnswersWithApiVersion() {
    HttpResponse<byte[]> r = http.get("/v2/");
    assertEquals(200, r.statusCode());
    assertEquals(Optional.of("registry/2.0"), r.headers().firstValue("Docker-Distribution-API-Version"));
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.OCI_MANIFEST, Http.DOCKER_MANIFEST})
  void imageManifestByTagAndDigest(String type) {
    String m = http.image("app", type, null, null);
    String d = digest(utf8(m));
    HttpResponse<byte[]> put = http.putManifest("app", "v1", type, m);
    assertEquals(201, put.statusCode(), Http.text(put));
    assertEquals(Optional.of(d), put.headers().firstValue("Docker-Content-Digest"));
    assertEquals(Optional.of("/v2/app/manifests/" + d), put.headers().firstValue("Location"));
    for (String ref : new String[] {"v1", d}) {
      HttpResponse<byte[]> get = http.get("/v2/app/manifests/" + ref, "Accept", type);
      assertEquals(200, get.statusCode());
      assertArrayEquals(utf8(m), get.body());
      assertEquals(Optional.of(type), get.headers().firstValue("Content-Type"));
      assertEquals(Optional.of(d), get.headers().firstValue("Docker-Content-Digest"));
      HttpResponse<byte[]> head = http.send("HEAD", "/v2/app/manifests/" + ref, null);
      assertEquals(200, head.statusCode());
      assertEquals(Optional.of(Integer.toString(m.length())), head.headers().firstValue("Content-Length"));
      assertEquals(0, head.body().length);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.OCI_INDEX, Http.DOCKER_LIST})
  void indexNeedsItsChildren(String type) {
    String child = http.image("multi", Http.OCI_MANIFEST, null, null);
    String childDigest = digest(utf8(child));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"manifests\":["
        + Http.descriptor(Http.OCI_MANIFEST, childDigest, child.length()) + "]}";
    assertError(http.putManifest("multi", "all", type, index), 400, "MANIFEST_BLOB_UNKNOWN");
    assertEquals(201, http.putManifest("multi", childDigest, Http.OCI_MANIFEST, child).statusCode());
    assertEquals(201, http.putManifest("multi", "all", type, index).statusCode());
    assertEquals(Optional.of(type), http.get("/v2/multi/manifests/all").headers().firstValue("Content-Type"));
  }

  @Test
  void refusesBadManifests() {
    String m = http.image("bad", Http.OCI_MANIFEST, null, null);
    String other = digest(utf8("other"));
    assertError(http.putManifest("bad", other, Http.OCI_MANIFEST, m), 400, "DIGEST_INVALID");
    assertError(http.putManifest("bad", "v1", Http.OCI_MANIFEST, "{not json"), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("bad", "v1", Http.OCI_MANIFEST, "[1]"), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("bad", "v1", "application/x-unknown", m), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("bad", "v1", Http.OCI_INDEX, m), 400, "MANIFEST_INVALID");
    assertError(http.putManifest("bad", "v1", Http.OCI_MANIFEST, m.replace("\"schemaVersion\":2",
        "\"schemaVersion\":1")), 400, "MANIFEST_INVALID");
    String dangling = m.replaceFirst("sha256:[0-9a-f]{64}", other);
    assertError(http.putManifest("bad", "v1", Http.OCI_MANIFEST, dangling), 400, "MANIFEST_BLOB_UNKNOWN");
    String huge = m.replace("}", ",\"annotations\":{\"x\":\"" + "a".repeat(5000) + "\"}}");
    assertError(http.putManifest("bad", "v1", Http.OCI_MANIFEST, huge), 400, "MANIFEST_INVALID");
    assertError(http.send("PUT", "/v2/bad/manifests/v1", utf8(m)), 400, "MANIFEST_INVALID");
    assertError(http.get("/v2/bad/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    assertError(http.get("/v2/nothing-here/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    assertError(http.get("/v2/Upper/manifests/v1"), 400, "NAME_INVALID");
    assertError(http.get("/v2/bad/manifests/sha256:xyz"), 400, "DIGEST_INVALID");
  }

  @Test
  void oversizedManifestIsAnsweredNotReset() {
    try (TestRegistry defaults = TestRegistry.anonymous().start()) {
      byte[] huge = new byte[5 << 20];
      java.util.Arrays.fill(huge, (byte) ' ');
      assertError(new Http(defaults).putManifest("big", "v1", Http.OCI_MANIFEST, new String(huge,
          java.nio.charset.StandardCharsets.US_ASCII)), 400, "MANIFEST_INVALID");
    }
  }

  @Test
  void deleteByDigestUntagsAndDeleteByTagKeepsTheManifest() {
    String m = http.image("del", Http.OCI_MANIFEST, null, null);
    String d = digest(utf8(m));
    http.putManifest("del", "a", Http.OCI_MANIFEST, m);
    http.putManifest("del", "b", Http.OCI_MANIFEST, m);
    assertEquals(202, http.send("DELETE", "/v2/del/manifests/a", null).statusCode());
    assertError(http.get("/v2/del/manifests/a"), 404, "MANIFEST_UNKNOWN");
    assertEquals(200, http.get("/v2/del/manifests/b").statusCode());
    assertEquals(202, http.send("DELETE", "/v2/del/manifests/" + d, null).statusCode());
    assertError(http.get("/v2/del/manifests/b"), 404, "MANIFEST_UNKNOWN");
    assertError(http.get("/v2/del/manifests/" + d), 404, "MANIFEST_UNKNOWN");
    assertError(http.send("DELETE", "/v2/del/manifests/" + d, null), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void subjectIsConfirmedWithOciSubject() {
    String subject = http.image("ref", Http.OCI_MANIFEST, null, null);
    String sd = digest(utf8(subject));
    String referrer = http.image("ref", Http.OCI_MANIFEST,
        Http.descriptor(Http.OCI_MANIFEST, sd, subject.length()), "application/vnd.test");
    HttpResponse<byte[]> put = http.putManifest("ref", digest(utf8(referrer)), Http.OCI_MANIFEST, referrer);
    assertEquals(201, put.statusCode(), Http.text(put));
    assertEquals(Optional.of(sd), put.headers().firstValue("OCI-Subject"), "the subject need not exist");
    HttpResponse<byte[]> plain = http.putManifest("ref", "v1", Http.OCI_MANIFEST, subject);
    assertFalse(plain.headers().firstValue("OCI-Subject").isPresent());
  }
}
