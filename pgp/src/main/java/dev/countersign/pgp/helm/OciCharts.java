package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Registry;
import dev.countersign.oci.RegistryRepository;
import dev.countersign.oci.Repository;
import dev.countersign.pgp.internal.repo.HelmOciArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Helm charts in OCI registries and layouts, stored exactly as Helm 3.8+ stores them ({@code helm push} /
 * {@code helm pull oci://...}): config {@value #CONFIG_MEDIA_TYPE} holding the chart metadata JSON, the archive as
 * layer {@value #CHART_LAYER_MEDIA_TYPE}, the {@code .prov} as layer {@value #PROVENANCE_LAYER_MEDIA_TYPE}, Helm's
 * {@code org.opencontainers.image.*} manifest annotations, tag = chart version with {@code +} as {@code _}, and in a
 * registry the repository path ending in the chart name. Needs {@code countersign-oci} on the class path (an
 * optional dependency of this module).
 */
public final class OciCharts {
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
  public static final String CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  public static final String PROVENANCE_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";
  /** Charts pushed by Helm before 3.7 used this layer type; still read. */
  public static final String LEGACY_CHART_LAYER_MEDIA_TYPE = "application/tar+gzip";
  private static final long MAX_CHART_BYTES = 256L << 20;
  private static final int MAX_SMALL_BYTES = 1 << 20;

  private OciCharts() {}

  /** The tag Helm gives chart version {@code version}: {@code +} (not allowed in tags) becomes {@code _}. */
  public static String tagFor(String version) {
    return version.replace('+', '_');
  }

  /**
   * Pushes chart archive {@code chart} (its metadata read from its Chart.yaml by {@link ChartArchive}) and its
   * {@code .prov} when given, as {@link #push(Repository, Path, ObjectNode, Optional, Instant)} does.
   */
  public static Descriptor push(Repository repository, Path chart, Optional<Path> prov, Instant created) {
    return push(repository, chart, ChartArchive.readMetadata(chart).toJson(), prov, created);
  }

  /**
   * Pushes chart archive {@code chart}, whose Chart.yaml metadata is {@code metadata} (Helm's JSON shape), and its
   * {@code .prov} when given, to {@code repository} tagged with the chart version; {@code created} becomes the
   * {@code org.opencontainers.image.created} annotation (Helm uses the archive's modification time). In a registry
   * the repository name must end in the chart name, as Helm's strict mode requires. Returns the manifest's
   * descriptor.
   */
  public static Descriptor push(Repository repository, Path chart, ObjectNode metadata, Optional<Path> prov,
      Instant created) {
    String name = metadata.path("name").asText("");
    String version = metadata.path("version").asText("");
    if (name.isEmpty() || version.isEmpty()) {
      throw new InvalidInputException("chart metadata needs a name and a version");
    }
    if (repository instanceof RegistryRepository) {
      String repo = ((RegistryRepository) repository).reference().repositoryName();
      if (!repo.equals(name) && !repo.endsWith("/" + name)) {
        throw new InvalidInputException("repository " + repo + " must end in the chart name " + name
            + " (as Helm's strict mode requires)");
      }
    }
    List<HelmOciArtifact.Blob> layers = new ArrayList<>();
    layers.add(blob(CHART_LAYER_MEDIA_TYPE, pushFile(repository, chart)));
    if (prov.isPresent()) {
      byte[] p = readSmall(prov.get(), "provenance file");
      layers.add(blob(PROVENANCE_LAYER_MEDIA_TYPE, repository.pushBlob(PROVENANCE_LAYER_MEDIA_TYPE, p)));
    }
    Descriptor config = repository.pushBlob(CONFIG_MEDIA_TYPE, HelmOciArtifact.config(metadata));
    byte[] manifest = HelmOciArtifact.manifest(blob(CONFIG_MEDIA_TYPE, config), layers,
        HelmOciArtifact.annotations(metadata, created));
    return repository.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST, manifest), tagFor(version));
  }

  private static HelmOciArtifact.Blob blob(String type, Descriptor d) {
    return new HelmOciArtifact.Blob(type, d.digest().toString(), d.size());
  }

  private static Descriptor pushFile(Repository repository, Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_CHART_BYTES) {
        throw new InvalidInputException("chart archive " + file.getFileName() + " is larger than 256 MiB");
      }
      Digest digest;
      try (InputStream in = Files.newInputStream(file)) {
        digest = Digest.compute(DigestAlgorithm.SHA256, in);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return repository.pushBlob(CHART_LAYER_MEDIA_TYPE, digest, size, in);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read chart archive " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readSmall(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(MAX_SMALL_BYTES + 1);
      if (data.length > MAX_SMALL_BYTES) {
        throw new InvalidInputException(what + " " + file.getFileName() + " is larger than 1 MiB");
      }
      return data;
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Pulls the chart {@code tagOrDigest} names from {@code repository} into {@code destDir} as
   * {@code NAME-VERSION.tgz} (and {@code .prov} when there is a provenance layer), verifying manifest, config and
   * layers against their digests. A manifest with other layer types, no chart layer or two of a kind is refused.
   */
  public static PulledChart pull(Repository repository, String tagOrDigest, Path destDir) {
    Manifest manifest = repository.manifest(tagOrDigest).orElseThrow(() -> new InvalidInputException(
        "no manifest " + tagOrDigest + " in " + repository.name()));
    ImageManifest m = ImageManifest.parse(manifest);
    if (!CONFIG_MEDIA_TYPE.equals(m.config().mediaType())) {
      throw new InvalidInputException("not a Helm chart: config media type is " + m.config().mediaType());
    }
    Descriptor chart = null;
    Descriptor prov = null;
    for (Descriptor layer : m.layers()) {
      String t = layer.mediaType();
      if (t.equals(CHART_LAYER_MEDIA_TYPE) || t.equals(LEGACY_CHART_LAYER_MEDIA_TYPE)) {
        chart = only(chart, layer, "chart");
      } else if (t.equals(PROVENANCE_LAYER_MEDIA_TYPE)) {
        prov = only(prov, layer, "provenance");
      } else {
        throw new InvalidInputException("Helm chart manifest has a layer of unexpected media type " + t);
      }
    }
    if (chart == null) {
      throw new InvalidInputException("manifest does not contain a layer with mediatype " + CHART_LAYER_MEDIA_TYPE);
    }
    ObjectNode metadata = metadata(readBlob(repository, m.config(), "config"));
    String base = metadata.get("name").asText() + "-" + metadata.get("version").asText() + ".tgz";
    Path archive = save(repository, chart, destDir, base);
    Path provFile = prov == null ? null : save(repository, prov, destDir, base + ".prov");
    return new PulledChart(manifest.digest().toString(), metadata, archive, provFile);
  }

  /**
   * Pulls {@code reference} ({@code [oci://]host/path/NAME:VERSION} or {@code ...@sha256:...}; a {@code +} in the
   * version is taken as Helm's {@code _}) through {@code registry}.
   */
  public static PulledChart pull(Registry registry, String reference, Path destDir) {
    ImageReference ref = reference(reference);
    String id = ref.digest().map(Digest::toString).or(() -> ref.tag()).orElseThrow(
        () -> new InvalidInputException("reference " + reference + " names no version tag or digest"));
    return pull(registry.repository(ref), id, destDir);
  }

  static ImageReference reference(String reference) {
    String r = Objects.requireNonNull(reference, "reference");
    r = r.startsWith("oci://") ? r.substring("oci://".length()) : r;
    int at = r.lastIndexOf('@');
    int colon = r.lastIndexOf(':');
    if (at < 0 && colon > r.lastIndexOf('/')) {
      r = r.substring(0, colon) + ":" + tagFor(r.substring(colon + 1));
    }
    return ImageReference.parse(r);
  }

  private static Descriptor only(Descriptor seen, Descriptor layer, String what) {
    if (seen != null) {
      throw new InvalidInputException("Helm chart manifest has two " + what + " layers");
    }
    return layer;
  }

  private static ObjectNode metadata(byte[] config) {
    try {
      JsonNode node = new ObjectMapper().readTree(config);
      if (node == null || !node.isObject() || !node.path("name").isTextual() || !node.path("version").isTextual()) {
        throw new InvalidInputException("Helm chart config is not chart metadata with a name and a version");
      }
      String name = node.get("name").textValue();
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
          || node.get("version").textValue().contains("/")) {
        throw new InvalidInputException("Helm chart config names an unusable chart: " + name);
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw new InvalidInputException("Helm chart config is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] readBlob(Repository repository, Descriptor d, String what) {
    if (d.size() > MAX_SMALL_BYTES) {
      throw new InvalidInputException(what + " blob of " + d.size() + " bytes is larger than 1 MiB");
    }
    try (InputStream in = repository.openBlob(d)) {
      return in.readNBytes(MAX_SMALL_BYTES + 1);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the " + what + " blob " + d.digest() + ": " + e.getMessage(), e);
    }
  }

  private static Path save(Repository repository, Descriptor d, Path dir, String name) {
    long max = d.mediaType().equals(PROVENANCE_LAYER_MEDIA_TYPE) ? MAX_SMALL_BYTES : MAX_CHART_BYTES;
    if (d.size() > max) {
      throw new InvalidInputException("layer " + d.digest() + " of " + d.size() + " bytes is larger than " + max);
    }
    Path target = dir.resolve(name);
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".pull-", ".part");
      try (InputStream in = repository.openBlob(d); OutputStream out = Files.newOutputStream(tmp)) {
        in.transferTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new InvalidInputException("cannot pull layer " + d.digest() + " to " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }
}
