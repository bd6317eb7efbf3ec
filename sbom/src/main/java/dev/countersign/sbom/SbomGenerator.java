package dev.countersign.sbom;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Platform;
import dev.countersign.oci.Repository;
import dev.countersign.sbom.internal.BomAssembler;
import dev.countersign.sbom.internal.CatalogRun;
import dev.countersign.sbom.internal.ImageSource;
import dev.countersign.sbom.internal.Subjects;
import dev.countersign.sbom.internal.catalog.DefaultCatalogers;
import dev.countersign.sbom.internal.catalog.OsReleaseCataloger;
import dev.countersign.sbom.internal.layers.DirectoryWalker;
import dev.countersign.sbom.internal.layers.LayerWalker;
import dev.countersign.sbom.spi.Cataloger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * Generates a CycloneDX BOM for a container image or a root filesystem directory. Layers are read as streams
 * (never unpacked, never held in memory), top layer first, with OCI whiteouts applied so deleted files do not
 * count; operating-system and language catalogers read the files they want. The BOM is validated against the
 * schema of its own specVersion before it is returned. Immutable and thread-safe; each generation uses fresh
 * default catalogers.
 */
public final class SbomGenerator {
  /** Default {@link Builder#maxEntryBytes}: 256 MiB. */
  public static final long DEFAULT_MAX_ENTRY_BYTES = 256L << 20;
  /** Default {@link Builder#maxNestingDepth}: 4. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 4;

  final Version specVersion;
  final UUID serialNumber;
  final Instant timestamp;
  final List<Cataloger> extraCatalogers;
  final boolean defaultCatalogers;
  final Platform platform;
  final long maxEntryBytes;
  final int maxNestingDepth;

  private SbomGenerator(Builder b) {
    this.specVersion = b.specVersion;
    this.serialNumber = b.serialNumber;
    this.timestamp = b.timestamp;
    this.extraCatalogers = List.copyOf(b.catalogers);
    this.defaultCatalogers = b.defaultCatalogers;
    this.platform = b.platform;
    this.maxEntryBytes = b.maxEntryBytes;
    this.maxNestingDepth = b.maxNestingDepth;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The BOM of the image {@code tagOrDigest} in {@code repository} (an index: the configured platform's image). */
  public Bom generate(Repository repository, String tagOrDigest) {
    return generateWithWarnings(repository, tagOrDigest).bom();
  }

  /** As {@link #generate(Repository, String)}, with the warnings about entries that were skipped. */
  public SbomResult generateWithWarnings(Repository repository, String tagOrDigest) {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    ImageSource source = ImageSource.resolve(repository, tagOrDigest, platform);
    CatalogRun run = newRun();
    new LayerWalker(repository, run).walk(source.image().layers());
    return finish(run, Subjects.image(repository, tagOrDigest, source));
  }

  /** The BOM of an unpacked root filesystem (symlinks are not followed); metadata.component is a file. */
  public Bom generate(Path rootfsDirectory) {
    return generateWithWarnings(rootfsDirectory).bom();
  }

  /** As {@link #generate(Path)}, with warnings. */
  public SbomResult generateWithWarnings(Path rootfsDirectory) {
    CatalogRun run = newRun();
    DirectoryWalker.walk(rootfsDirectory, run);
    return finish(run, Subjects.directory(rootfsDirectory));
  }

  private CatalogRun newRun() {
    List<Cataloger> catalogers = new ArrayList<>();
    if (defaultCatalogers) {
      catalogers.addAll(DefaultCatalogers.create());
    }
    catalogers.addAll(extraCatalogers);
    return new CatalogRun(new OsReleaseCataloger(), catalogers, maxEntryBytes, maxNestingDepth);
  }

  private SbomResult finish(CatalogRun run, Component subject) {
    List<Component> components = run.components();
    Bom bom = BomAssembler.assemble(specVersion, serialNumber != null ? serialNumber : UUID.randomUUID(),
        timestamp != null ? timestamp : Instant.now(), subject, components);
    return new SbomResult(bom, run.warnings());
  }

  /** Builds an {@link SbomGenerator}; everything is optional. */
  public static final class Builder {
    private Version specVersion = Version.VERSION_16;
    private UUID serialNumber;
    private Instant timestamp;
    private final List<Cataloger> catalogers = new ArrayList<>();
    private boolean defaultCatalogers = true;
    private Platform platform = Platform.of("linux", "amd64");
    private long maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

    private Builder() {}

    /** CycloneDX 1.6 (default) or 1.5. */
    public Builder specVersion(Version version) {
      if (version != Version.VERSION_16 && version != Version.VERSION_15) {
        throw new InvalidInputException("CycloneDX spec version must be 1.6 or 1.5, not " + version);
      }
      this.specVersion = version;
      return this;
    }

    /** A fixed serial number (default: a random UUID per BOM). */
    public Builder serialNumber(UUID serialNumber) {
      this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
      return this;
    }

    /** A fixed metadata timestamp, truncated to seconds (default: now). */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    /**
     * An extra cataloger run after the defaults. It is used as given in every generation, so one that keeps
     * state should serve a single generation (tests).
     */
    public Builder cataloger(Cataloger cataloger) {
      catalogers.add(Objects.requireNonNull(cataloger, "cataloger"));
      return this;
    }

    /** Whether the default catalogers run (default true); off, only {@link #cataloger} ones do. */
    public Builder defaultCatalogers(boolean enabled) {
      this.defaultCatalogers = enabled;
      return this;
    }

    /** The image chosen from an index (default linux/amd64; a variant, when given, must match too). */
    public Builder platform(Platform platform) {
      this.platform = Objects.requireNonNull(platform, "platform");
      return this;
    }

    /** Largest file a cataloger reads (default 256 MiB); bigger wanted files are skipped with a warning. */
    public Builder maxEntryBytes(long bytes) {
      if (bytes < 1) {
        throw new InvalidInputException("maxEntryBytes must be positive: " + bytes);
      }
      this.maxEntryBytes = bytes;
      return this;
    }

    /** How deep archives in archives are opened (default 4). */
    public Builder maxNestingDepth(int depth) {
      if (depth < 0) {
        throw new InvalidInputException("maxNestingDepth must not be negative: " + depth);
      }
      this.maxNestingDepth = depth;
      return this;
    }

    public SbomGenerator build() {
      return new SbomGenerator(this);
    }
  }
}
