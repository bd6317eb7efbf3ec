package dev.countersign.oci.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Credentials;
import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.RetryPolicy;
import dev.countersign.oci.testing.TestImages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol behaviour against WireMock: tokens, retries, verification, redirects, pagination, referrers API. */
class RegistryWireMockTest {
  private static final String ARTIFACT_A = "application/vnd.test.a";
  private WireMockServer server;
  private WireMockServer other;
  private Registry registry;

  @BeforeEach
  void start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    other = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    other.start();
    registry = client(CredentialsProvider.anonymous());
  }

  @AfterEach
  void stop() {
    registry.close();
    server.stop();
    other.stop();
  }

  private Registry client(CredentialsProvider creds) {
    return Registry.builder().credentials(creds).retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10),
        Duration.ofSeconds(3))).callTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(5)).build();
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  private RegistryRepository repo(Registry r) {
    return r.repository(host() + "/app");
  }

  private static Manifest sample(String note) {
    Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, Digest.compute(DigestAlgorithm.SHA256,
        note.getBytes(StandardCharsets.UTF_8)), note.length());
    return TestImages.manifest(config, List.of(), null, null, Map.of("note", note));
  }

  private static ResponseDefinitionBuilder manifestResponse(Manifest m) {
    return aResponse().withStatus(200).withHeader("Content-Type", m.mediaType())
        .withHeader("Docker-Content-Digest", m.digest().toString()).withBody(m.bytes());
  }

  @Test
  void bearerTokenFlowWithScopesAndCache() {
    Manifest m = sample("bearer");
    String challenge = "Bearer realm=\"http://" + host() + "/token\",service=\"test-registry\","
        + "scope=\"repository:app:pull\"";
    server.stubFor(get("/v2/app/manifests/v1").withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)
            .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
    server.stubFor(get("/v2/app/manifests/v1").withHeader("Authorization", equalTo("Bearer tok-pull"))
        .willReturn(manifestResponse(m)));
    server.stubFor(head(urlPathEqualTo("/v2/app/blobs/" + m.digest()))
        .withHeader("Authorization", equalTo("Bearer tok-push")).willReturn(aResponse().withStatus(200)));
    server.stubFor(get(urlPathEqualTo("/token")).withQueryParam("service", equalTo("test-registry"))
        .withQueryParam("scope", equalTo("repository:app:pull")).withBasicAuth("bob", "pw")
        .willReturn(okJson("{\"token\":\"tok-pull\",\"expires_in\":300}")));
    server.stubFor(get(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("repository:app:pull,push"))
        .withBasicAuth("bob", "pw").willReturn(okJson("{\"access_token\":\"tok-push\"}")));

    try (Registry r = client(CredentialsProvider.of(host(), Credentials.basic("bob", "pw".toCharArray())))) {
      RegistryRepository repo = repo(r);
      assertEquals(Optional.of(m), repo.manifest("v1"));
      assertEquals(Optional.of(m), repo.manifest("v1"));
      server.verify(1, getRequestedFor(urlPathEqualTo("/token")));
      server.verify(3, getRequestedFor(urlPathEqualTo("/v2/app/manifests/v1")));
      // a pushBlob of existing content: HEAD with a push-scoped token, fetched once
      assertEquals(m.descriptor().digest(), repo.pushBlob(m.mediaType(), m.digest(), m.bytes().length,
          new java.io.ByteArrayInputStream(m.bytes())).digest());
      server.verify(2, getRequestedFor(urlPathEqualTo("/token")));
      // 401, token(pull), GET, GET, token(pull,push), HEAD
      assertEquals(6, r.requestCount());
    }
  }

  @Test
  void tokenServiceRejectionIsA401WithoutSecrets() {
    server.stubFor(get("/v2/app/tags/list").willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
        "Bearer realm=\"http://" + host() + "/token\",service=\"s\"")));
    server.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)));
    try (Registry r = client(CredentialsProvider.of(host(), Credentials.basic("bob", "hunter2".toCharArray())))) {
      RegistryException e = assertThrows(RegistryException.class, () -> repo(r).tags());
      assertEquals(401, e.status());
      assertTrue(e.getMessage().contains("rejected the credentials"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"));
    }
  }

  @Test
  void plainHttpTokenRealmOnAnotherHostIsRefused() {
    server.stubFor(get("/v2/app/tags/list").willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
        "Bearer realm=\"http://auth.example.com/token\",service=\"s\"")));
    RegistryException e = assertThrows(RegistryException.class, () -> repo(registry).tags());
    assertTrue(e.getMessage().contains("plain HTTP token service"), e.getMessage());
  }

  @Test
  void tooManyRequestsHonoursRetryAfterThenSucceeds() {
    Manifest m = sample("429");
    server.stubFor(get("/v2/app/manifests/v1").inScenario("429").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"))
        .willSetStateTo("ok"));
    server.stubFor(get("/v2/app/manifests/v1").inScenario("429").whenScenarioStateIs("ok")
        .willReturn(manifestResponse(m)));
    long start = System.nanoTime();
    assertEquals(Optional.of(m), repo(registry).manifest("v1"));
    assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After");
    assertEquals(2, registry.requestCount());
  }

  @Test
  void retryAfterLongerThanPolicyFailsAtOnce() {
    server.stubFor(get("/v2/app/manifests/v1").willReturn(aResponse().withStatus(429).withHeader("Retry-After",
        "3600").withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")));
    RegistryException e = assertThrows(RegistryException.class, () -> repo(registry).manifest("v1"));
    assertEquals(429, e.status());
    assertEquals("TOOMANYREQUESTS", e.errorCode());
    assertTrue(e.retryable());
    assertEquals(1, registry.requestCount());
  }

  @Test
  void serviceUnavailableIsRetried() {
    Manifest m = sample("503");
    server.stubFor(get("/v2/app/manifests/v1").inScenario("503").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("again"));
    server.stubFor(get("/v2/app/manifests/v1").inScenario("503").whenScenarioStateIs("again")
        .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
    server.stubFor(get("/v2/app/manifests/v1").inScenario("503").whenScenarioStateIs("ok")
        .willReturn(manifestResponse(m)));
    assertEquals(Optional.of(m), repo(registry).manifest("v1"));
    server.verify(3, getRequestedFor(urlPathEqualTo("/v2/app/manifests/v1")));
  }

  @Test
  void retriesAreBounded() {
    server.stubFor(get("/v2/app/manifests/v1").willReturn(aResponse().withStatus(503)));
    RegistryException e = assertThrows(RegistryException.class, () -> repo(registry).manifest("v1"));
    assertEquals(503, e.status());
    assertTrue(e.retryable());
    server.verify(3, getRequestedFor(urlPathEqualTo("/v2/app/manifests/v1")));
  }

  @Test
  void connectionResetIsRetriedForIdempotentRequests() {
    Manifest m = sample("reset");
    server.stubFor(get("/v2/app/manifests/v1").inScenario("reset").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    server.stubFor(get("/v2/app/manifests/v1").inScenario("reset").whenScenarioStateIs("ok")
        .willReturn(manifestResponse(m)));
    assertEquals(Optional.of(m), repo(registry).manifest("v1"));
  }

  @Test
  void nonIdempotentRequestsAreNotRetried() {
    server.stubFor(head(urlPathEqualTo("/v2/app/blobs/" + sample("x").digest())).willReturn(aResponse()
        .withStatus(404)));
    server.stubFor(post(urlPathEqualTo("/v2/app/blobs/uploads/")).willReturn(aResponse().withStatus(503)));
    Manifest x = sample("x");
    RegistryException e = assertThrows(RegistryException.class,
        () -> repo(registry).pushBlob("a/b", x.digest(), x.bytes().length, new java.io.ByteArrayInputStream(
            x.bytes())));
    assertEquals(503, e.status());
    server.verify(1, postRequestedFor(urlPathEqualTo("/v2/app/blobs/uploads/")));
  }

  @Test
  void wrongDigestManifestNamesBothDigests() {
    Manifest served = sample("served");
    Manifest wanted = sample("wanted");
    server.stubFor(get("/v2/app/manifests/" + wanted.digest()).willReturn(manifestResponse(served)));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> repo(registry).manifest(wanted.digest().toString()));
    assertTrue(e.getMessage().contains(wanted.digest().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(served.digest().toString()), e.getMessage());

    server.stubFor(get("/v2/app/manifests/lying").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)
        .withHeader("Docker-Content-Digest", wanted.digest().toString()).withBody(served.bytes())));
    e = assertThrows(InvalidInputException.class, () -> repo(registry).manifest("lying"));
    assertTrue(e.getMessage().contains(wanted.digest().toString()) && e.getMessage().contains(
        served.digest().toString()), e.getMessage());
  }

  @Test
  void manifestByTagWithoutDigestHeaderIsHashedHere() {
    Manifest m = sample("nohdr");
    server.stubFor(get("/v2/app/manifests/v1").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(m.bytes())));
    Manifest got = repo(registry).manifest("v1").orElseThrow();
    assertEquals(m.digest(), got.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, got.mediaType(), "media type taken from the body");
  }

  @Test
  void oversizedManifestIsRefused() {
    byte[] big = new byte[Manifest.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    server.stubFor(get("/v2/app/manifests/big").willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", MediaTypes.OCI_MANIFEST).withBody(big)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> repo(registry).manifest("big"));
    assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
  }

  @Test
  void truncatedOrCorruptBlobFails() throws Exception {
    byte[] data = new byte[100];
    java.util.Arrays.fill(data, (byte) 7);
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, data), 100);
    String path = "/v2/app/blobs/" + d.digest();
    InvalidInputException e;
    server.stubFor(get(path).willReturn(aResponse().withStatus(200).withBody(java.util.Arrays.copyOf(data, 50))
        .withChunkedDribbleDelay(5, 20)));
    try (InputStream in = repo(registry).openBlob(d)) {
      e = assertThrows(InvalidInputException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("truncated: got 50 of 100 bytes"), e.getMessage());
    }

    byte[] corrupt = data.clone();
    corrupt[99] = 8;
    server.stubFor(get(path).willReturn(aResponse().withStatus(200).withBody(corrupt)));
    try (InputStream in = repo(registry).openBlob(d)) {
      byte[] buf = new byte[99];
      assertEquals(99, in.readNBytes(buf, 0, 99));
      e = assertThrows(InvalidInputException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
    }
  }

  @Test
  void rejectedCachedCredentialsAreAskedForAgainOnce() {
    server.stubFor(get("/v2/app/tags/list").willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
    server.stubFor(get("/v2/app/tags/list").withBasicAuth("bob", "rotated")
        .willReturn(okJson("{\"name\":\"app\",\"tags\":[\"v1\"]}")));
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    CredentialsProvider rotating = h -> Optional.of(Credentials.basic("bob",
        (lookups.incrementAndGet() == 1 ? "old" : "rotated").toCharArray()));
    try (Registry r = client(rotating)) {
      RegistryException e = assertThrows(RegistryException.class, () -> repo(r).tags());
      assertTrue(e.getMessage().contains("credentials were rejected"), e.getMessage());
      assertEquals(1, lookups.get(), "the challenge was unknown: the first 401 is not a rejection");
      assertEquals(List.of("v1"), repo(r).tags());
      assertEquals(2, lookups.get(), "a 401 to sent credentials asks the provider again");
      assertEquals(List.of("v1"), repo(r).tags());
      assertEquals(2, lookups.get());
    }
  }

  @Test
  void blobRedirectToAnotherHostCarriesNoAuthorization() throws Exception {
    byte[] data = "layer bytes from the CDN".getBytes(StandardCharsets.UTF_8);
    Descriptor d = Descriptor.of("application/octet-stream", Digest.compute(DigestAlgorithm.SHA256, data),
        data.length);
    String path = "/v2/app/blobs/" + d.digest();
    server.stubFor(get(path).withHeader("Authorization", absent()).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Basic realm=\"test\"")));
    server.stubFor(get(path).withBasicAuth("bob", "pw").willReturn(aResponse().withStatus(307)
        .withHeader("Location", "http://localhost:" + other.port() + "/cdn/blob?X-Amz-Signature=abc")));
    other.stubFor(get(urlPathEqualTo("/cdn/blob")).willReturn(aResponse().withStatus(200).withBody(data)));
    try (Registry r = client(CredentialsProvider.of(host(), Credentials.basic("bob", "pw".toCharArray())));
        InputStream in = repo(r).openBlob(d)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    List<LoggedRequest> cdn = other.findAll(getRequestedFor(urlPathEqualTo("/cdn/blob")));
    assertEquals(1, cdn.size());
    assertFalse(cdn.get(0).containsHeader("Authorization"), "credentials must not follow a cross-host redirect");
    List<LoggedRequest> reg = server.findAll(getRequestedFor(urlPathEqualTo(path)));
    assertTrue(reg.get(reg.size() - 1).containsHeader("Authorization"), "the registry itself got credentials");
  }

  @Test
  void tagsFollowLinkPagination() {
    server.stubFor(get(urlPathEqualTo("/v2/app/tags/list")).withQueryParam("last", absent())
        .willReturn(okJson("{\"name\":\"app\",\"tags\":[\"c\",\"a\"]}")
            .withHeader("Link", "</v2/app/tags/list?n=2&last=c>; rel=\"next\"")));
    server.stubFor(get(urlPathEqualTo("/v2/app/tags/list")).withQueryParam("last", equalTo("c"))
        .willReturn(okJson("{\"name\":\"app\",\"tags\":[\"b\"]}")));
    assertEquals(List.of("a", "b", "c"), repo(registry).tags(2));
    server.verify(getRequestedFor(urlPathEqualTo("/v2/app/tags/list")).withQueryParam("n", equalTo("2")));
  }

  @Test
  void referrersApiWithFilterAndPagination() {
    Manifest subject = sample("subject");
    String path = "/v2/app/referrers/" + subject.digest();
    Manifest a1 = sample("a1");
    Manifest b1 = sample("b1");
    Manifest a2 = sample("a2");
    server.stubFor(get(urlPathEqualTo(path)).withQueryParam("artifactType", absent())
        .withQueryParam("last", absent())
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MediaTypes.OCI_INDEX)
            .withHeader("Link", "<" + path + "?last=page1>; rel=\"next\"")
            .withBody(index(entry(a1, ARTIFACT_A, Map.of("k", "v")), entry(b1, "application/vnd.test.b", null)))));
    server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last", equalTo("page1"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MediaTypes.OCI_INDEX)
            .withBody(index(entry(a2, ARTIFACT_A, null)))));
    server.stubFor(get(urlPathEqualTo(path)).withQueryParam("artifactType", equalTo(ARTIFACT_A))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MediaTypes.OCI_INDEX)
            .withHeader("OCI-Filters-Applied", "artifactType")
            .withBody(index(entry(a1, ARTIFACT_A, Map.of("k", "v")), entry(a2, ARTIFACT_A, null)))));
    server.stubFor(get(urlPathEqualTo(path)).withQueryParam("artifactType", equalTo("application/vnd.test.b"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", MediaTypes.OCI_INDEX)
            .withBody(index(entry(a1, ARTIFACT_A, null), entry(b1, "application/vnd.test.b", null)))));

    List<Descriptor> all = repo(registry).referrers(subject.digest(), null);
    assertEquals(List.of(a1.digest(), b1.digest(), a2.digest()), all.stream().map(Descriptor::digest).toList());
    assertEquals(Map.of("k", "v"), all.get(0).annotations());
    assertEquals(Optional.of(ARTIFACT_A), all.get(0).artifactType());
    assertEquals(List.of(a1.digest(), a2.digest()), repo(registry).referrers(subject.digest(), ARTIFACT_A).stream()
        .map(Descriptor::digest).toList());
    assertEquals(List.of(b1.digest()), repo(registry).referrers(subject.digest(), "application/vnd.test.b")
        .stream().map(Descriptor::digest).toList(), "filtered here when the registry did not");
  }

  @Test
  void identityTokenIsExchangedWithARefreshGrant() {
    Manifest m = sample("idt");
    server.stubFor(get("/v2/app/manifests/v1").withHeader("Authorization", absent())
        .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate",
            "Bearer realm=\"http://" + host() + "/oauth\",service=\"svc\"")));
    server.stubFor(get("/v2/app/manifests/v1").withHeader("Authorization", equalTo("Bearer access-1"))
        .willReturn(manifestResponse(m)));
    server.stubFor(post("/oauth").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
        "grant_type=refresh_token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
        "refresh_token=my-refresh")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
        "scope=repository%3Aapp%3Apull")).willReturn(okJson("{\"access_token\":\"access-1\",\"expires_in\":60}")));
    try (Registry r = client(CredentialsProvider.of(host(), Credentials.identityToken("my-refresh".toCharArray())))) {
      assertEquals(Optional.of(m), repo(r).manifest("v1"));
    }
  }

  @Test
  void registryTokenIsSentAsBearer() {
    Manifest m = sample("rt");
    server.stubFor(get("/v2/app/manifests/v1").withHeader("Authorization", equalTo("Bearer static-token"))
        .willReturn(manifestResponse(m)));
    try (Registry r = client(CredentialsProvider.of(host(), Credentials.registryToken("static-token".toCharArray())))) {
      assertEquals(Optional.of(m), repo(r).manifest("v1"));
      assertEquals(1, r.requestCount());
    }
  }

  @Test
  void manifestPutIsRetried() {
    Manifest m = sample("put");
    String path = "/v2/app/manifests/" + m.digest();
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(path).inScenario("put")
        .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(path).inScenario("put")
        .whenScenarioStateIs("ok").willReturn(aResponse().withStatus(201)
            .withHeader("Docker-Content-Digest", m.digest().toString())));
    assertEquals(m.descriptor(), repo(registry).putManifest(m, null));
    server.verify(2, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void subjectConfirmedByRegistryNeedsNoFallbackIndex() {
    Manifest subject = sample("subj");
    Descriptor config = Descriptor.of(MediaTypes.OCI_EMPTY, Digest.compute(DigestAlgorithm.SHA256,
        "{}".getBytes(StandardCharsets.UTF_8)), 2);
    Manifest ref = TestImages.manifest(config, List.of(), subject.descriptor(), ARTIFACT_A, null);
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put("/v2/app/manifests/" + ref.digest())
        .willReturn(aResponse().withStatus(201).withHeader("OCI-Subject", subject.digest().toString())));
    repo(registry).putManifest(ref, null);
    assertEquals(1, registry.requestCount(), "no read-modify-write of sha256-<hex> when OCI-Subject is returned");
  }

  private static String entry(Manifest m, String artifactType, Map<String, String> annotations) {
    return TestImages.node(Descriptor.builder().mediaType(m.mediaType()).digest(m.digest()).size(m.bytes().length)
        .artifactType(artifactType).annotations(annotations).build()).toString();
  }

  private static String index(String... entries) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}";
  }
}
