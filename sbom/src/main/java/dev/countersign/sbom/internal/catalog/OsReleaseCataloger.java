package dev.countersign.sbom.internal.catalog;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import dev.countersign.sbom.spi.OsRelease;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.Component;

/**
 * Reads {@code etc/os-release} (preferred) and {@code usr/lib/os-release} and lists the distribution as an
 * {@code operating-system} component. The generator always runs it first: {@link CatalogContext#osRelease()}
 * comes from it. Symlinks are recorded, never followed (Debian's {@code etc/os-release} links to
 * {@code ../usr/lib/os-release}, which is then read in its own right).
 */
public final class OsReleaseCataloger implements Cataloger {
  static final String ETC = "etc/os-release";
  static final String USR_LIB = "usr/lib/os-release";

  private final Map<String, OsRelease> found = new HashMap<>();
  private final Map<String, String> symlinks = new HashMap<>();

  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public boolean wants(String path) {
    return path.equals(ETC) || path.equals(USR_LIB);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    Optional<OsRelease> release = OsRelease.parse(content);
    if (release.isPresent()) {
      found.put(path, release.get());
    } else {
      ctx.warn(path, "os-release has no ID");
    }
  }

  /** Records a visible symlink among the wanted paths. */
  public void symlink(String path, String target) {
    symlinks.put(path, target);
  }

  /** The distribution, with the path it was read from. */
  public Optional<OsRelease> release() {
    return Optional.ofNullable(found.containsKey(ETC) ? found.get(ETC) : found.get(USR_LIB));
  }

  private String source() {
    return found.containsKey(ETC) ? ETC : USR_LIB;
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    Optional<OsRelease> release = release();
    if (release.isEmpty()) {
      return List.of();
    }
    OsRelease r = release.get();
    Component c = new Component();
    c.setType(Component.Type.OPERATING_SYSTEM);
    c.setName(r.id());
    c.setVersion(r.versionId());
    c.setDescription(r.prettyName());
    c.setBomRef("os:" + r.distroQualifier());
    Findings.evidence(c, List.of(source()));
    Map<String, String> props = new java.util.LinkedHashMap<>();
    props.put("countersign:os:codename", r.versionCodename());
    if (symlinks.containsKey(ETC)) {
      props.put("countersign:os:etc-os-release-symlink", symlinks.get(ETC));
    }
    Findings.properties(c, props);
    return List.of(c);
  }
}
