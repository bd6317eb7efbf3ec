package dev.countersign.oci.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.CredentialsProvider;
import dev.countersign.oci.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ProtocolPartsTest {
  @Test
  void parsesBearerChallenge() {
    AuthChallenge c = AuthChallenge.select(List.of("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:library/ubuntu:pull,push\",error=\"insufficient_scope\""));
    assertTrue(c.isBearer());
    assertEquals("https://auth.docker.io/token", c.realm());
    assertEquals("registry.docker.io", c.service());
    assertEquals("repository:library/ubuntu:pull,push", c.scope());
    AuthChallenge basic = AuthChallenge.select(List.of("Basic realm=\"a \\\"quoted\\\" realm\""));
    assertEquals("basic", basic.scheme());
    assertEquals("a \"quoted\" realm", basic.realm());
    assertTrue(AuthChallenge.select(List.of("Basic realm=x", "Bearer realm=\"https://t\"")).isBearer());
    assertNull(AuthChallenge.select(List.of("Negotiate abc", "")));
  }

  @Test
  void parsesRetryAfter() {
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", now));
    assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Mon, 01 Jan 2024 00:00:30 GMT", now));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 31 Dec 2023 23:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
    assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    assertTrue(RetryAfter.parse("99999999999999999999", now).orElseThrow().toDays() > 1000);
  }

  @Test
  void retryBackoffIsExponentialAndCapped() {
    RetryPolicy p = RetryPolicy.of(5, Duration.ofMillis(100), Duration.ofMillis(350));
    assertEquals(Duration.ofMillis(100), p.backoff(1));
    assertEquals(Duration.ofMillis(200), p.backoff(2));
    assertEquals(Duration.ofMillis(350), p.backoff(3));
    assertEquals(Duration.ofMillis(350), p.backoff(60));
  }

  @Test
  void plainHttpOnlyForLoopbackAndListedHosts() {
    for (String h : List.of("localhost", "localhost:5000", "127.0.0.1", "127.1.2.3:80", "[::1]:5000")) {
      assertTrue(Hosts.isLoopback(h), h);
    }
    for (String h : List.of("127.0.0.1.nip.io", "128.0.0.1", "localhost.evil.com", "10.0.0.1", "127.0.0.256",
        "ghcr.io")) {
      assertFalse(Hosts.isLoopback(h), h);
    }
    RegistryHttp http = new RegistryHttp(new OkHttpClient(), CredentialsProvider.anonymous(),
        Set.of("intranet:5000", "lab.example"), RetryPolicy.none(), "t", Duration.ofSeconds(1));
    assertEquals("https://ghcr.io/v2/", http.base("ghcr.io").toString());
    assertEquals("https://intranet:5001/v2/", http.base("intranet:5001").toString());
    assertEquals("http://intranet:5000/v2/", http.base("intranet:5000").toString());
    assertEquals("http://lab.example:8080/v2/", http.base("lab.example:8080").toString());
    assertEquals("http://127.0.0.1:5000/v2/", http.base("127.0.0.1:5000").toString());
    assertEquals("http://[::1]:5000/v2/", http.base("[::1]:5000").toString());
    http.close();
  }
}
