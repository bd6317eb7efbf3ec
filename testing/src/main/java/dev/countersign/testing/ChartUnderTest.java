package dev.countersign.testing;

import java.nio.file.Path;
import java.util.Objects;

/** A packaged Helm chart ({@code .tgz}, its {@code .prov} beside it) whose provenance a test asserts on. */
public final class ChartUnderTest {
  private final Path archive;

  private ChartUnderTest(Path archive) {
    this.archive = Objects.requireNonNull(archive, "archive");
  }

  public static ChartUnderTest of(Path archive) {
    return new ChartUnderTest(archive);
  }

  public Path archive() {
    return archive;
  }

  @Override
  public String toString() {
    return archive.toString();
  }
}
