package dev.countersign.testing.servers;

import static dev.countersign.testing.servers.Http.assertError;
import static dev.countersign.testing.servers.Http.digest;
import static dev.countersign.testing.servers.Http.text;
import static dev.countersign.testing.servers.Http.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TagsAndReferrersTest {
  @RegisterExtension
  static final TestRegistry REGISTRY = TestRegistry.builder().resetBeforeEachTest().build();
  private final Http http = new Http(REGISTRY);

  @Test
  void tagsAreSortedAndPaged() {
    String m = http.image("t", Http.OCI_MANIFEST, null, null);
    for (String tag : new String[] {"v2", "a", "v1", "latest", "b"}) {
      http.putManifest("t", tag, Http.OCI_MANIFEST, m);
    }
    assertEquals("{\"name\":\"t\",\"tags\":[\"a\",\"b\",\"latest\",\"v1\",\"v2\"]}", text(http.get("/v2/t/tags/list")));
    HttpResponse<byte[]> page = http.get("/v2/t/tags/list?n=2");
    assertEquals("{\"name\":\"t\",\"tags\":[\"a\",\"b\"]}", text(page));
    assertEquals(Optional.of("</v2/t/tags/list?n=2&last=b>; rel=\"next\""), page.headers().firstValue("Link"));
    HttpResponse<byte[]> last = http.get("/v2/t/tags/list?n=2&last=v1");
    assertEquals("{\"name\":\"t\",\"tags\":[\"v2\"]}", text(last));
    assertFalse(last.headers().firstValue("Link").isPresent());
    assertError(http.get("/v2/t/tags/list?n=-1"), 400, "PAGINATION_NUMBER_INVALID");
    assertError(http.get("/v2/none/tags/list"), 404, "NAME_UNKNOWN");
  }

  @Test
  void referrersAreListedAndFiltered() {
    String subject = http.image("r", Http.OCI_MANIFEST, null, null);
    String sd = digest(utf8(subject));
    String desc = Http.descriptor(Http.OCI_MANIFEST, sd, subject.length());
    String sig = http.image("r", Http.OCI_MANIFEST, desc, "application/vnd.test.sig");
    String att = http.image("r", Http.OCI_MANIFEST, desc, null);
    http.putManifest("r", digest(utf8(sig)), Http.OCI_MANIFEST, sig);
    http.putManifest("r", digest(utf8(att)), Http.OCI_MANIFEST, att);
    HttpResponse<byte[]> all = http.get("/v2/r/referrers/" + sd);
    assertEquals(200, all.statusCode());
    assertEquals(Optional.of(Http.OCI_INDEX), all.headers().firstValue("Content-Type"));
    assertTrue(text(all).contains(digest(utf8(sig))) && text(all).contains(digest(utf8(att))), text(all));
    assertTrue(text(all).contains("\"artifactType\":\"application/vnd.oci.image.config.v1+json\""),
        "without artifactType the config media type is used: " + text(all));
    assertFalse(all.headers().firstValue("OCI-Filters-Applied").isPresent());
    HttpResponse<byte[]> sigs = http.get("/v2/r/referrers/" + sd + "?artifactType=application%2Fvnd.test.sig");
    assertEquals(Optional.of("artifactType"), sigs.headers().firstValue("OCI-Filters-Applied"));
    assertTrue(text(sigs).contains(digest(utf8(sig))) && !text(sigs).contains(digest(utf8(att))), text(sigs));
    assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + Http.OCI_INDEX + "\",\"manifests\":[]}",
        text(http.get("/v2/r/referrers/" + digest(utf8("unknown")))));
    http.send("DELETE", "/v2/r/manifests/" + digest(utf8(sig)), null);
    assertFalse(text(http.get("/v2/r/referrers/" + sd)).contains(digest(utf8(sig))));
    assertError(http.get("/v2/r/referrers/sha256:nothex"), 400, "DIGEST_INVALID");
  }

  @Test
  void withoutTheApiReferrersAre404AndSubjectsUnconfirmed() {
    try (TestRegistry old = TestRegistry.builder().referrersApi(false).build().start()) {
      Http h = new Http(old);
      String subject = h.image("r", Http.OCI_MANIFEST, null, null);
      String sd = digest(utf8(subject));
      String sig = h.image("r", Http.OCI_MANIFEST, Http.descriptor(Http.OCI_MANIFEST, sd, subject.length()), "x/y");
      assertFalse(h.putManifest("r", "sig", Http.OCI_MANIFEST, sig).headers().firstValue("OCI-Subject").isPresent());
      assertEquals(404, h.get("/v2/r/referrers/" + sd).statusCode());
    }
  }
}
