package dev.countersign.sbom.internal.lang;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;

/** Installed npm packages: {@code node_modules/**}{@code /package.json}; see {@link NpmPackageJson}. */
public final class NpmCataloger implements Cataloger {
  private final List<Component> found = new ArrayList<>();

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public boolean wants(String path) {
    return path.endsWith("/package.json") && NpmPackageJson.isPackagePath(path);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    NpmPackageJson.parse(path, content, ctx::warn).ifPresent(found::add);
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    return List.copyOf(found);
  }
}
