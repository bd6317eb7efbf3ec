package dev.countersign.pgp.helm;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Publishes charts into a directory served as a chart repository (a web server's document root, a bucket
 * mirror): copies {@code NAME-VERSION.tgz} and its {@code .prov} in and adds the chart to the directory's
 * {@code index.yaml} (created when missing, other entries kept). A chart name and version already in the index is
 * refused unless {@code force}.
 */
public final class ChartDirectoryPublisher {
  private final Path dir;
  private final String url;

  private ChartDirectoryPublisher(Path dir, String url) {
    this.dir = dir;
    this.url = url;
  }

  /** A publisher into {@code dir}; chart URLs in the index are {@code url/FILE}, or relative when url is null. */
  public static ChartDirectoryPublisher of(Path dir, String url) {
    return new ChartDirectoryPublisher(Objects.requireNonNull(dir, "dir"), url);
  }

  /** Copies {@code chart} (and {@code prov} when non-null) in and updates {@code index.yaml}; returns the entry. */
  public synchronized ChartIndexEntry publish(Path chart, Path prov, boolean force, Instant created) {
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(created, "created");
    ChartMetadata metadata = ChartArchive.readMetadata(chart);
    Path indexFile = dir.resolve("index.yaml");
    try {
      Files.createDirectories(dir);
      ChartRepositoryIndex index = Files.exists(indexFile) ? ChartRepositoryIndex.read(indexFile)
          : ChartRepositoryIndex.empty(created);
      if (!force && index.find(metadata.name(), metadata.version()).isPresent()) {
        throw new InvalidInputException(metadata.name() + " " + metadata.version()
            + " already exists in the repository index; publish with force to overwrite");
      }
      String file = chart.getFileName().toString();
      Files.copy(chart, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      if (prov != null) {
        Files.copy(prov, dir.resolve(file + ".prov"), StandardCopyOption.REPLACE_EXISTING);
      }
      ChartIndexEntry entry = ChartIndexEntry.of(metadata.toJson(), List.of(RepositoryIndexer.join(url, file)),
          created, Digest.compute(DigestAlgorithm.SHA256, chart).hex());
      index.with(entry).withGenerated(created).write(indexFile);
      return entry;
    } catch (IOException e) {
      throw new InvalidInputException("cannot publish " + chart.getFileName() + " into " + dir + ": "
          + e.getMessage(), e);
    }
  }
}
