package dev.countersign.pgp.helm.repo;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.helm.ChartRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ChartMuseum upload API against a WireMock MOCK of ChartMuseum: ChartMuseum itself is not packaged for Debian
 * and there is no container runtime here, so the requests are checked against its documented API
 * ({@code POST /api/charts}, multipart fields {@code chart} and {@code prov}, {@code ?force}, 201 / 409
 * {@code {"error":"..."}}) as implemented in ChartMuseum's {@code postPackageAndProvenanceRequestHandler}.
 */
class ChartMuseumPublishTest {
  @TempDir Path dir;
  WireMockServer server;
  Path chart;
  Path prov;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    chart = RepoFixtures.copy(RepoFixtures.CHART, dir, RepoFixtures.CHART);
    prov = RepoFixtures.copy(RepoFixtures.CHART + ".prov", dir, RepoFixtures.CHART + ".prov");
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void postsChartAndProvAsMultipartWithCredentials() {
    server.stubFor(post(urlEqualTo("/api/charts")).willReturn(aResponse().withStatus(201)
        .withBody("{\"saved\":true}")));
    ChartRepository.builder(server.baseUrl()).basicAuth("alice", "pw".toCharArray()).build()
        .publish(chart, prov, false);
    server.verify(postRequestedFor(urlEqualTo("/api/charts"))
        .withHeader("Authorization", equalTo("Basic YWxpY2U6cHc="))
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("multipart/form-data"))
        .withRequestBodyPart(aMultipart().withName("chart")
            .withHeader("Content-Disposition", com.github.tomakehurst.wiremock.client.WireMock
                .containing("filename=\"hashtest-1.2.3.tgz\""))
            .withBody(binaryEqualTo(RepoFixtures.vector(RepoFixtures.CHART))).build())
        .withRequestBodyPart(aMultipart().withName("prov")
            .withBody(binaryEqualTo(RepoFixtures.vector(RepoFixtures.CHART + ".prov"))).build()));
  }

  @Test
  void conflictIsAClearErrorAndForceAddsTheQuery() {
    server.stubFor(post(urlEqualTo("/api/team/charts")).willReturn(aResponse().withStatus(409)
        .withBody("{\"error\":\"chart already exists\"}")));
    server.stubFor(post(urlEqualTo("/api/team/charts?force")).willReturn(aResponse().withStatus(201)));
    ChartRepository repo = ChartRepository.builder(server.baseUrl() + "/team/").bearerToken("tok".toCharArray())
        .build();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> repo.publish(chart, null, false));
    assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains("hashtest-1.2.3.tgz"),
        e.getMessage());
    repo.publish(chart, null, true);
    server.verify(postRequestedFor(urlEqualTo("/api/team/charts?force"))
        .withHeader("Authorization", equalTo("Bearer tok")));
    server.verify(2, postRequestedFor(urlPathEqualTo("/api/team/charts")));
    server.verify(postRequestedFor(urlEqualTo("/api/team/charts")).withHeader("X-Unused", absent()));
  }

  @Test
  void serverErrorsAreBackendErrors() {
    server.stubFor(post(urlEqualTo("/api/charts")).willReturn(aResponse().withStatus(500)
        .withBody("{\"error\":\"storage down\"}")));
    BackendException e = assertThrows(BackendException.class,
        () -> ChartRepository.builder(server.baseUrl()).build().publish(chart, prov, false));
    assertTrue(e.getMessage().contains("storage down") && e.retryable(), e.getMessage());
    assertThrows(InvalidInputException.class,
        () -> ChartRepository.builder(server.baseUrl()).build().publish(dir.resolve("missing.tgz"), null, false));
  }
}
