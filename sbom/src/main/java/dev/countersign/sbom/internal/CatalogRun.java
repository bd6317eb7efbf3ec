package dev.countersign.sbom.internal;

import dev.countersign.sbom.SbomWarning;
import dev.countersign.sbom.internal.catalog.OsReleaseCataloger;
import dev.countersign.sbom.internal.layers.FileSink;
import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import dev.countersign.sbom.spi.OsRelease;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cyclonedx.model.Component;

/**
 * One generation's catalogers and warnings: receives files from a walker, hands each to the catalogers that want
 * it, and collects their components. A cataloger that throws on bad content costs a warning, never the SBOM; a
 * failure of the layer stream itself propagates.
 */
public final class CatalogRun implements FileSink, CatalogContext {
  /** Largest file buffered so that several catalogers can read it. */
  private static final int SHARED_BUFFER_MAX = 4 << 20;
  /** Most warnings kept; later ones are counted. */
  private static final int MAX_WARNINGS = 1000;

  private final List<Cataloger> catalogers;
  private final OsReleaseCataloger osRelease;
  private final long maxEntryBytes;
  private final int maxNestingDepth;
  private final List<SbomWarning> warnings = new ArrayList<>();
  private int droppedWarnings;

  public CatalogRun(OsReleaseCataloger osRelease, List<Cataloger> catalogers, long maxEntryBytes,
      int maxNestingDepth) {
    this.osRelease = osRelease;
    this.catalogers = new ArrayList<>(catalogers);
    this.catalogers.add(0, osRelease);
    this.maxEntryBytes = maxEntryBytes;
    this.maxNestingDepth = maxNestingDepth;
  }

  @Override
  public boolean wants(String path) {
    for (Cataloger c : catalogers) {
      if (c.wants(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void file(String path, long size, InputStream content) {
    List<Cataloger> wanting = new ArrayList<>(2);
    for (Cataloger c : catalogers) {
      if (c.wants(path)) {
        wanting.add(c);
      }
    }
    if (size > maxEntryBytes) {
      warn(path, "file of " + size + " bytes exceeds the " + maxEntryBytes + "-byte limit; not catalogued");
      return;
    }
    if (wanting.size() == 1) {
      read(wanting.get(0), path, content);
      return;
    }
    if (size > SHARED_BUFFER_MAX) {
      warn(path, "wanted by several catalogers but too big to share; read by " + wanting.get(0).name() + " only");
      read(wanting.get(0), path, content);
      return;
    }
    byte[] bytes;
    try {
      bytes = content.readNBytes((int) size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Cataloger c : wanting) {
      read(c, path, new ByteArrayInputStream(bytes));
    }
  }

  private void read(Cataloger c, String path, InputStream content) {
    TrackingInputStream tracked = new TrackingInputStream(content);
    try {
      c.read(path, tracked, this);
    } catch (RuntimeException e) {
      if (tracked.failure() != null) {
        throw new UncheckedIOException(tracked.failure());
      }
      warn(path, c.name() + " cataloger could not read it: " + e);
    }
    if (tracked.failure() != null) {
      throw new UncheckedIOException(tracked.failure());
    }
  }

  @Override
  public void symlink(String path, String target) {
    osRelease.symlink(path, target);
  }

  @Override
  public void warn(String where, String message) {
    if (warnings.size() < MAX_WARNINGS) {
      warnings.add(new SbomWarning(where, message));
    } else {
      droppedWarnings++;
    }
  }

  @Override
  public Optional<OsRelease> osRelease() {
    return osRelease.release();
  }

  @Override
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  @Override
  public long maxEntryBytes() {
    return maxEntryBytes;
  }

  /** Every cataloger's components (the distribution's first), warnings for catalogers that fail. */
  public List<Component> components() {
    List<Component> all = new ArrayList<>();
    for (Cataloger c : catalogers) {
      try {
        all.addAll(c.components(this));
      } catch (RuntimeException e) {
        warn(c.name(), "cataloger failed to list its components: " + e);
      }
    }
    return all;
  }

  public List<SbomWarning> warnings() {
    List<SbomWarning> out = new ArrayList<>(warnings);
    if (droppedWarnings > 0) {
      out.add(new SbomWarning("(generator)", droppedWarnings + " more warnings not kept"));
    }
    return out;
  }
}
