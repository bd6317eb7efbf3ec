package dev.countersign.pgp.helm;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code helm repo index DIR [--url URL] [--merge INDEX]}: indexes the packaged charts ({@code *.tgz}) in a
 * directory and one level of subdirectories, as Helm's {@code IndexDirectory} does. Each entry gets the chart's
 * metadata, the URL {@code URL/RELATIVE/PATH.tgz} (or the relative path without {@code --url}), the archive's
 * SHA-256 (streamed) and {@link Builder#created} (default: now). A {@code .tgz} that is not a chart is left out and
 * listed in {@link ChartRepositoryIndex#skipped()}. With {@link Builder#merge}, the existing index's entries are
 * added where the directory has no chart of the same name and version: as Helm documents it, local charts take
 * priority over existing ones.
 */
public final class RepositoryIndexer {
  private final String url;
  private final Instant created;
  private final Path merge;

  private RepositoryIndexer(Builder b) {
    this.url = b.url;
    this.created = b.created != null ? b.created : Instant.now();
    this.merge = b.merge;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The index of {@code dir} (merged as configured), generated at the {@code created} time. */
  public ChartRepositoryIndex index(Path dir) {
    List<Path> archives = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      walk.filter(p -> p.getFileName().toString().endsWith(".tgz") && Files.isRegularFile(p)).sorted()
          .forEach(archives::add);
    } catch (IOException e) {
      throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    ChartRepositoryIndex index = ChartRepositoryIndex.empty(created);
    for (Path archive : archives) {
      String relative = dir.relativize(archive).toString().replace('\\', '/');
      ChartMetadata metadata;
      try {
        metadata = ChartArchive.readMetadata(archive);
      } catch (InvalidInputException notAChart) {
        skipped.add(relative + ": " + notAChart.getMessage());
        continue;
      }
      if (index.find(metadata.name(), metadata.version()).isPresent()) {
        skipped.add(relative + ": another archive already holds " + metadata.name() + " " + metadata.version());
        continue;
      }
      String digest = Digest.compute(DigestAlgorithm.SHA256, archive).hex();
      index = index.with(ChartIndexEntry.of(metadata.toJson(), List.of(join(url, relative)), created, digest));
    }
    if (merge != null && Files.exists(merge)) {
      ChartRepositoryIndex existing = ChartRepositoryIndex.read(merge);
      index = index.merge(existing);
      existing.skipped().forEach(s -> skipped.add(merge.getFileName() + ": " + s));
    }
    return index.withSkipped(skipped);
  }

  /** Indexes {@code dir} and writes {@code dir/index.yaml} atomically; returns the index written. */
  public ChartRepositoryIndex writeIndex(Path dir) {
    ChartRepositoryIndex index = index(dir);
    index.write(dir.resolve("index.yaml"));
    return index;
  }

  /** Helm's {@code urlutil.URLJoin}: the base URL's path and the relative path joined with one slash. */
  static String join(String base, String relative) {
    if (base == null || base.isEmpty()) {
      return relative;
    }
    return base.replaceAll("/+$", "") + "/" + relative;
  }

  /** Builds a {@link RepositoryIndexer}. */
  public static final class Builder {
    private String url;
    private Instant created;
    private Path merge;

    private Builder() {}

    /** The repository URL the chart URLs start with ({@code --url}); default: relative URLs. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The {@code created} time of new entries and the index's {@code generated}; default now. */
    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    /** An existing index to merge ({@code --merge}); a missing file counts as empty, as in Helm. */
    public Builder merge(Path existingIndex) {
      this.merge = Objects.requireNonNull(existingIndex, "existingIndex");
      return this;
    }

    public RepositoryIndexer build() {
      return new RepositoryIndexer(this);
    }
  }
}
