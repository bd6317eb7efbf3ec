package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.internal.chart.ChartDirectory;
import dev.countersign.pgp.internal.chart.GoYamlEmitter;
import dev.countersign.pgp.internal.chart.TarGzWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Packages a chart directory into {@code NAME-VERSION.tgz} as {@code helm package} does: {@code Chart.yaml}
 * validated and re-marshalled ({@link ChartMetadata#toYaml}; a v1 chart's dependencies left out as Helm does),
 * {@code .helmignore} honoured, {@code charts/} subcharts included (directories, whose {@code Chart.yaml} is
 * validated and re-marshalled too, and {@code .tgz} archives, which must read as charts), entries under
 * {@code NAME/}. Deterministic: files sorted, mode 0644, uid/gid 0, no directory entries, one modification time
 * for all entries, gzip header with mtime 0. That time is {@link Builder#modificationTime} if given, else
 * {@code SOURCE_DATE_EPOCH} (seconds) from the environment, else the newest modification time of the files.
 */
public final class ChartPackager {
  private final Path chartDir;
  private final Path destination;
  private final String version;
  private final String appVersion;
  private final Instant modificationTime;
  private final Map<String, String> environment;

  private ChartPackager(Builder b) {
    chartDir = b.chartDir;
    destination = b.destination;
    version = b.version;
    appVersion = b.appVersion;
    modificationTime = b.modificationTime;
    environment = b.environment;
  }

  /** A packager for the chart in {@code chartDir}. */
  public static Builder builder(Path chartDir) {
    return new Builder(Objects.requireNonNull(chartDir, "chartDir"));
  }

  /** The result of packaging: the archive's file name, bytes and the metadata it holds. */
  public record Result(String fileName, byte[] archive, ChartMetadata metadata) {
    /** Copies the bytes. */
    public Result {
      archive = archive.clone();
    }

    /** The archive bytes (a copy). */
    @Override
    public byte[] archive() {
      return archive.clone();
    }
  }

  /** Packages into memory (at most {@value ChartArchive#MAX_TOTAL_SIZE} bytes of files). */
  public Result toBytes() {
    List<ChartDirectory.File> files = ChartDirectory.collect(chartDir, ChartArchive.MAX_FILE_SIZE,
        ChartArchive.MAX_TOTAL_SIZE, ChartArchive.MAX_ENTRIES);
    ChartDirectory.File chartYaml = files.stream().filter(f -> f.path().equals("Chart.yaml")).findFirst()
        .orElseThrow(() -> new InvalidInputException("chart directory " + chartDir + " has no Chart.yaml"));
    ChartMetadata metadata = ChartMetadata.parse(chartYaml.content());
    if (version != null) {
      metadata = metadata.withVersion(version);
    }
    if (appVersion != null) {
      metadata = metadata.withAppVersion(appVersion);
    }
    long mtime = mtime(files);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarGzWriter tar = new TarGzWriter(bytes, mtime)) {
      for (ChartDirectory.File f : files) {
        tar.file(metadata.name() + "/" + f.path(), content(f, metadata));
      }
    } catch (IOException e) {
      throw new BackendException("cannot write chart archive: " + e.getMessage(), false, e);
    }
    return new Result(metadata.archiveFileName(), bytes.toByteArray(), metadata);
  }

  /** Packages and writes {@code NAME-VERSION.tgz} into the destination directory (created if missing). */
  public Path write() {
    Result r = toBytes();
    try {
      Files.createDirectories(destination);
      Path target = destination.resolve(r.fileName());
      Path tmp = Files.createTempFile(destination, ".chart-", ".tgz.tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(r.archive);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new BackendException("cannot write chart archive into " + destination + ": " + e.getMessage(), false,
          e);
    }
  }

  private static byte[] content(ChartDirectory.File f, ChartMetadata top) {
    String p = f.path();
    if (p.equals("Chart.yaml")) {
      return chartYaml(top);
    }
    if (p.matches("charts/[^/]+/Chart\\.yaml") || p.matches("(charts/[^/]+/)+Chart\\.yaml")) {
      return chartYaml(ChartMetadata.parse(f.content()));
    }
    if (p.matches("charts/[^/]+\\.tgz")) {
      ChartArchive.read(new ByteArrayInputStream(f.content()));
    }
    return f.content();
  }

  private static byte[] chartYaml(ChartMetadata m) {
    if (m.apiVersion().equals("v1") && !m.dependencies().isEmpty()) {
      ObjectNode json = m.toJson();
      json.remove("dependencies");
      return GoYamlEmitter.marshal(json).getBytes(StandardCharsets.UTF_8);
    }
    return m.toYaml().getBytes(StandardCharsets.UTF_8);
  }

  private long mtime(List<ChartDirectory.File> files) {
    if (modificationTime != null) {
      return modificationTime.getEpochSecond();
    }
    String sde = environment.get("SOURCE_DATE_EPOCH");
    if (sde != null && !sde.isEmpty()) {
      if (!sde.matches("[0-9]{1,11}")) {
        throw new InvalidInputException("SOURCE_DATE_EPOCH is not a number of seconds: " + sde);
      }
      return Long.parseLong(sde);
    }
    return files.stream().mapToLong(ChartDirectory.File::mtime).max().orElse(0);
  }

  /** Builds a {@link ChartPackager}. */
  public static final class Builder {
    private final Path chartDir;
    private Path destination = Path.of(".");
    private String version;
    private String appVersion;
    private Instant modificationTime;
    private Map<String, String> environment = System.getenv();

    private Builder(Path chartDir) {
      this.chartDir = chartDir;
    }

    /** Where {@link #write} puts the archive ({@code helm package -d}); default the working directory. */
    public Builder destination(Path dir) {
      destination = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Overrides the chart version ({@code --version}); must be SemVer. */
    public Builder version(String v) {
      version = Objects.requireNonNull(v, "version");
      return this;
    }

    /** Overrides the app version ({@code --app-version}). */
    public Builder appVersion(String v) {
      appVersion = Objects.requireNonNull(v, "appVersion");
      return this;
    }

    /** The modification time of every entry (whole seconds; must not be before 1970). */
    public Builder modificationTime(Instant t) {
      if (t.getEpochSecond() < 0 || t.getEpochSecond() > 077777777777L) {
        throw new InvalidInputException("modification time " + t + " cannot be written in a tar header");
      }
      modificationTime = t;
      return this;
    }

    /** The environment to read {@code SOURCE_DATE_EPOCH} from (default {@link System#getenv()}). */
    public Builder environment(Map<String, String> env) {
      environment = Map.copyOf(env);
      return this;
    }

    /** The packager. */
    public ChartPackager build() {
      return new ChartPackager(this);
    }
  }

  @Override
  public String toString() {
    return "ChartPackager[" + chartDir + " -> " + destination + Optional.ofNullable(version).map(v -> ", version="
        + v).orElse("") + "]";
  }
}
