package dev.countersign.testing;

import java.nio.file.Path;
import java.util.Objects;

/** A file whose signature a test asserts on (see {@code dev.countersign.testing.assertj.CountersignAssertions}). */
public final class BlobUnderTest {
  private final Path file;

  private BlobUnderTest(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public static BlobUnderTest of(Path file) {
    return new BlobUnderTest(file);
  }

  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
