package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Helm chart pulled from an OCI registry or layout by {@link OciCharts#pull}: the manifest digest it was read
 * through, the chart metadata from the config blob, the saved {@code NAME-VERSION.tgz} and, when the artifact had
 * a provenance layer, the saved {@code .prov}. Every blob was checked against its digest.
 */
public final class PulledChart {
  private final String manifestDigest;
  private final ObjectNode metadata;
  private final Path archive;
  private final Path provenance;

  PulledChart(String manifestDigest, ObjectNode metadata, Path archive, Path provenance) {
    this.manifestDigest = manifestDigest;
    this.metadata = metadata;
    this.archive = archive;
    this.provenance = provenance;
  }

  /** {@code sha256:<hex>} of the manifest. */
  public String manifestDigest() {
    return manifestDigest;
  }

  /** The chart metadata as the config blob holds it (a copy). */
  public ObjectNode metadata() {
    return metadata.deepCopy();
  }

  public String name() {
    return metadata.get("name").asText();
  }

  public String version() {
    return metadata.get("version").asText();
  }

  /** The saved chart archive. */
  public Path archive() {
    return archive;
  }

  /** The saved {@code .prov}; empty when the artifact had no provenance layer. */
  public Optional<Path> provenance() {
    return Optional.ofNullable(provenance);
  }

  @Override
  public String toString() {
    return "PulledChart[" + name() + " " + version() + ", " + manifestDigest + ", prov=" + (provenance != null) + "]";
  }
}
