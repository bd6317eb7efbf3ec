package dev.countersign.sbom.internal.lang;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;

/** Installed Python distributions: {@code *.dist-info/METADATA}, {@code *.egg-info[/PKG-INFO]}; see {@link PythonMetadata}. */
public final class PythonCataloger implements Cataloger {
  private final List<Component> found = new ArrayList<>();

  @Override
  public String name() {
    return "python";
  }

  @Override
  public boolean wants(String path) {
    return PythonMetadata.isMetadataPath(path);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    PythonMetadata.parse(path, content, ctx::warn).ifPresent(found::add);
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    return List.copyOf(found);
  }
}
