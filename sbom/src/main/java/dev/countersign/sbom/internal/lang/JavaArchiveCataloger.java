package dev.countersign.sbom.internal.lang;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;

/** Java archives ({@code *.jar, *.war, *.ear, *.jpi, *.hpi}) anywhere in the filesystem; see {@link JavaArchiveScanner}. */
public final class JavaArchiveCataloger implements Cataloger {
  private final List<Component> found = new ArrayList<>();

  @Override
  public String name() {
    return "java-archive";
  }

  @Override
  public boolean wants(String path) {
    return JavaArchiveScanner.isArchiveName(path);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    ArchiveLimits limits = ArchiveLimits.of(ctx.maxNestingDepth(), ctx.maxEntryBytes());
    found.addAll(new JavaArchiveScanner(limits, ctx::warn).scan(path, content));
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    return List.copyOf(found);
  }
}
