package dev.countersign.pgp.helm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A chart fetched from a repository: the archive (its SHA-256 checked against the index entry), the
 * {@code .prov} next to it when the server had one, and the index entry it came from. Verify it with
 * {@code ProvenanceVerifier.withKeyring(keyring).verify(archive(), provenance().orElseThrow())}.
 */
public final class DownloadedChart {
  private final Path archive;
  private final Path provenance;
  private final String sha256;
  private final ChartIndexEntry entry;

  DownloadedChart(Path archive, Path provenance, String sha256, ChartIndexEntry entry) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.provenance = provenance;
    this.sha256 = sha256;
    this.entry = entry;
  }

  /** The saved archive. */
  public Path archive() {
    return archive;
  }

  /** The saved {@code .prov}; empty when the server answered 404 for it. */
  public Optional<Path> provenance() {
    return Optional.ofNullable(provenance);
  }

  /** The archive's SHA-256, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /** The index entry the chart was resolved from. */
  public ChartIndexEntry entry() {
    return entry;
  }

  @Override
  public String toString() {
    return "DownloadedChart[" + archive.getFileName() + ", prov=" + (provenance != null) + ", sha256=" + sha256 + "]";
  }
}
