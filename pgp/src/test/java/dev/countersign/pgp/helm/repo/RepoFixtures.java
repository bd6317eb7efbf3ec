package dev.countersign.pgp.helm.repo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Helm vectors copied into temporary directories, and small helpers for the repository tests. */
final class RepoFixtures {
  static final String CHART = "hashtest-1.2.3.tgz";

  private RepoFixtures() {}

  static byte[] vector(String name) {
    try (InputStream in = RepoFixtures.class.getResourceAsStream("/vectors/helm/provenance/" + name)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies vector {@code name} to {@code dir/target}. */
  static Path copy(String name, Path dir, String target) {
    try {
      Path p = dir.resolve(target);
      Files.createDirectories(p.getParent());
      Files.write(p, vector(name));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
