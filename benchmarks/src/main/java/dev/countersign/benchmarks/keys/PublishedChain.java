package dev.countersign.benchmarks.keys;

import com.sun.net.httpserver.HttpServer;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ceremony.Ceremony;
import dev.countersign.keys.ceremony.Draft;
import dev.countersign.keys.ceremony.ManifestChange;
import dev.countersign.keys.ceremony.Publisher;
import dev.countersign.keys.ceremony.RotationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A key CDN for the resolver benchmarks: three manifest versions published by a 2-of-3 ceremony (the first key,
 * a rotation to a second key, a third version retiring nothing but extending the expiry), served from a temporary
 * directory by the JDK's HTTP server on 127.0.0.1 with a request counter. {@link #signer()} holds the active key.
 */
final class PublishedChain implements AutoCloseable {
  static {
    // The JDK server writes a response's head and body separately; without TCP_NODELAY each request waits ~40 ms
    // for the client's delayed ACK, which would be measured as the resolver's time (TestKeyServer does the same).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Path dir;
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final byte[] trustRoot;
  private final Signer active;

  PublishedChain() {
    try {
      dir = Files.createTempDirectory("countersign-keys-bench");
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      List<Signer> members = List.of(member(), member(), member());
      Signer k1 = member();
      active = member();
      Draft first = Ceremony.first(now.plus(Duration.ofDays(365)), List.of(
          ManifestChange.members(members.stream().map(m -> ManifestMember.of(m.publicKey())).toList(), 2),
          ManifestChange.addKey(k1.publicKey(), k1.algorithm(), now.minus(Duration.ofDays(80)),
              now.plus(Duration.ofDays(10)))));
      KeyManifest v1 = Publisher.publish(first.sign(members.get(0)).sign(members.get(1)), null, dir, now).manifest();
      Draft rotation = RotationPolicy.defaults().rotate(v1, active.publicKey(), now);
      KeyManifest v2 = Publisher.publish(rotation.sign(members.get(1)).sign(members.get(2)), v1, dir, now)
          .manifest();
      Draft extend = Ceremony.propose(v2, v2.expires().plus(Duration.ofDays(30)), List.of(
          ManifestChange.members(v2.members(), 2)));
      Publisher.publish(extend.sign(members.get(0)).sign(members.get(2)), v2, dir, now);
      trustRoot = Files.readAllBytes(dir.resolve("1.keys.json"));
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        requests.incrementAndGet();
        try (exchange) {
          Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            return;
          }
          byte[] body = Files.readAllBytes(file);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      });
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Signer member() {
    return Signers.of(KeyGeneration.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  byte[] trustRoot() {
    return trustRoot.clone();
  }

  Signer signer() {
    return active;
  }

  int requests() {
    return requests.get();
  }

  Path newCacheDirectory() {
    try {
      return Files.createTempDirectory(dir, "cache");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
