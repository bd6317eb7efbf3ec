package dev.countersign.cli;

import dev.countersign.testing.servers.RecordedRequest;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The CLI tests' CDN: a {@link TestKeyServer} serving a published key directory under /keys/, with ETags. */
final class KeyCdn {
  private static final String BASE = "/keys/";

  private KeyCdn() {}

  static TestKeyServer serve(Path dir) {
    return TestKeyServer.builder().directory(dir).basePath(BASE).build().start();
  }

  /** Every request as {@code "<file name> <status>"}, e.g. {@code "keys.json 304"}, in order. */
  static List<String> log(TestKeyServer cdn) {
    return cdn.requests().stream().map(KeyCdn::entry).toList();
  }

  private static String entry(RecordedRequest r) {
    String name = r.path().startsWith(BASE) ? r.path().substring(BASE.length()) : r.path();
    return name + " " + r.status();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
