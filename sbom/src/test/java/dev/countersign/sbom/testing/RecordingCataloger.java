package dev.countersign.sbom.testing;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.cyclonedx.model.Component;

/** Records the paths and sizes it was offered (the files the walker considered visible); lists no components. */
public final class RecordingCataloger implements Cataloger {
  private final Predicate<String> wanted;
  public final Map<String, Long> seen = new TreeMap<>();

  public RecordingCataloger(Predicate<String> wanted) {
    this.wanted = wanted;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public boolean wants(String path) {
    return wanted.test(path);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    try {
      seen.put(path, content.transferTo(java.io.OutputStream.nullOutputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    return List.of();
  }
}
