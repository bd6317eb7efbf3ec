package dev.countersign.keys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.countersign.core.BackendException;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CDN that fails (WireMock): only unreachability (5xx, timeout) may use the cache; everything else is refused. */
class ManifestKeyResolverFaultsTest {
  static final ResolverFixtures F = new ResolverFixtures();

  @TempDir Path cache;
  WireMockServer wiremock;

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  ManifestKeyResolver resolver() {
    return ManifestKeyResolver.builder("http://127.0.0.1:" + wiremock.port() + "/keys")
        .trustRoot(F.v1).cacheDirectory(cache).callTimeout(Duration.ofSeconds(1))
        .clock(Clock.fixed(ResolverFixtures.NOW, ZoneOffset.UTC)).build();
  }

  void serve(String name, ResponseDefinitionBuilder response) {
    wiremock.stubFor(get(urlEqualTo("/keys/" + name)).willReturn(response));
  }

  static ResponseDefinitionBuilder json(byte[] body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  void cacheVersions2And3() {
    ResolverFixtures.write(cache, "2.keys.json", F.v2);
    ResolverFixtures.write(cache, "3.keys.json", F.v3);
  }

  String refusedRule() {
    VerificationException e = assertThrows(VerificationException.class, () -> resolver().refresh());
    return e.report().failures().get(0).name();
  }

  @Test
  void http500WithoutCacheIsARetryableBackendError() {
    serve("keys.json", aResponse().withStatus(500));
    assertTrue(assertThrows(BackendException.class, () -> resolver().refresh()).retryable());
  }

  @Test
  void http500UsesTheCachedChain() {
    cacheVersions2And3();
    serve("keys.json", aResponse().withStatus(503));
    ManifestKeyResolver r = resolver();
    assertEquals(1, r.resolve(KeyQuery.byKeyId(F.current.keyId())).size());
    assertEquals(ManifestSource.CACHE, r.lastResolution().orElseThrow().source());
    assertTrue(r.lastResolution().orElseThrow().sourceDetail().contains("HTTP 503"));
  }

  @Test
  void timeoutUsesTheCachedChain() {
    cacheVersions2And3();
    serve("keys.json", json(F.v3).withFixedDelay(3000));
    ManifestKeyResolver r = resolver();
    r.resolve(KeyQuery.any());
    assertEquals(ManifestSource.CACHE, r.lastResolution().orElseThrow().source());
  }

  @Test
  void truncatedBodyIsRefusedEvenWithACache() {
    cacheVersions2And3();
    serve("keys.json", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    assertEquals("truncated", refusedRule());
  }

  @Test
  void wrongContentTypeIsRefusedEvenWithACache() {
    cacheVersions2And3();
    serve("keys.json", aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(F.v3));
    assertEquals("content-type", refusedRule());
  }

  @Test
  void notFoundAndRedirectsAreRefused() {
    serve("keys.json", aResponse().withStatus(404));
    assertEquals("http-status", refusedRule());
    serve("keys.json", aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:1/keys.json"));
    assertEquals("http-status", refusedRule());
  }

  @Test
  void reSerialisedManifestIsRefusedAsNotCanonical() {
    String pretty = new String(F.v3, StandardCharsets.UTF_8).replace("{\"signatures\"", "{ \"signatures\"");
    serve("keys.json", json(pretty.getBytes(StandardCharsets.UTF_8)));
    assertEquals("canonical", refusedRule());
  }

  @Test
  void skippingTheIntermediateVersionIsRefused() {
    serve("keys.json", json(F.v3));
    serve("2.keys.json", json(F.v3));
    assertEquals("version", refusedRule());
  }

  @Test
  void unreachableIntermediateWithoutCacheIsABackendError() {
    serve("keys.json", json(F.v3));
    serve("2.keys.json", aResponse().withStatus(502));
    assertThrows(BackendException.class, () -> resolver().refresh());
  }
}
