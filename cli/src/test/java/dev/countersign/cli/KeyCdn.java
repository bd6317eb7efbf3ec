package dev.countersign.cli;

import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The CLI tests' CDN and origin: {@link TestKeyServer}s serving published keys under /keys/ (ETags on). */
final class KeyCdn {
  private static final String BASE = "/keys/";

  private KeyCdn() {}

  static TestKeyServer serve(Path dir) {
    return TestKeyServer.builder().directory(dir).basePath(BASE).build().start();
  }

  /** An origin under /keys/ that accepts PUT, as {@code keys publish --dir http://...} needs. */
  static TestKeyServer origin() {
    return TestKeyServer.builder().basePath(BASE).acceptPut().build().start();
  }

  /** Every request as {@code "<METHOD> <file name>"}, e.g. {@code "PUT keys.json"}, in order. */
  static List<String> calls(TestKeyServer server) {
    return server.requests().stream().map(r -> r.method() + " " + name(r)).toList();
  }

  /** Every request as {@code "<file name> <status>"}, e.g. {@code "keys.json 304"}, in order. */
  static List<String> log(TestKeyServer cdn) {
    return cdn.requests().stream().map(KeyCdn::entry).toList();
  }

  private static String entry(RecordedRequest r) {
    return name(r) + " " + r.status();
  }

  private static String name(RecordedRequest r) {
    return r.path().startsWith(BASE) ? r.path().substring(BASE.length()) : r.path();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
