package dev.countersign.oci.internal.signature;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.Repository;
import dev.countersign.oci.internal.manifest.OciJson;
import dev.countersign.oci.signature.Triangulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends one signature layer to an image's {@code sha256-<hex>.sig} manifest without losing a concurrent
 * signer's layer. Registries have no compare-and-swap for tags, so the append is optimistic:
 * <ol>
 * <li>read the tag's manifest and remember every layer ever seen in it;</li>
 * <li>write the union: current layers, remembered layers that vanished (their blobs still present), ours;</li>
 * <li>wait {@code confirmDelay}, re-read the tag, and finish only when ours and every remembered layer are
 * there; otherwise merge again (bounded attempts, jittered back-off).</li>
 * </ol>
 * A signer whose write was overwritten by a racer that had read the old list sees its layer missing and merges
 * it back; a signer that overwrote someone sees nothing wrong, but the victim repairs. What remains is a window
 * in which a racer read before our write and writes after our confirmation; {@code confirmDelay} bounds it.
 * Identical layers (same payload digest and signature) are never added twice.
 */
public final class LegacyAppend {
  /** Most layers a signature manifest may hold; cosign reads no more. */
  public static final int MAX_LAYERS = 1000;
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private LegacyAppend() {}

  /** A legacy signature layer: the payload blob's descriptor carrying the base64 signature annotation. */
  public static Descriptor layer(Descriptor payloadBlob, String signatureBase64) {
    return Descriptor.builder().mediaType(MediaTypes.COSIGN_SIMPLE_SIGNING).digest(payloadBlob.digest())
        .size(payloadBlob.size()).annotations(Map.of(SIGNATURE_ANNOTATION, signatureBase64)).build();
  }

  /** Appends {@code ours} (already pushed) to {@code image}'s signature tag; returns the manifest written. */
  public static Descriptor append(Repository repo, Digest image, Descriptor ours, int maxAttempts,
      Duration confirmDelay) {
    return append(repo, Triangulation.signatureTag(image), ours, maxAttempts, confirmDelay);
  }

  /**
   * Appends {@code ours} (already pushed) to the cosign attachment manifest at {@code tag} ({@code .sig} or
   * {@code .att}); returns the manifest that holds it. A layer with the same digest, media type and signature
   * annotation already there is not added again.
   */
  public static Descriptor append(Repository repo, String tag, Descriptor ours, int maxAttempts,
      Duration confirmDelay) {
    Map<String, Descriptor> remembered = new LinkedHashMap<>();
    Descriptor written;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Optional<Manifest> current = repo.manifest(tag);
      List<Descriptor> layers = current.map(m -> layersOf(m, tag)).orElse(List.of());
      layers.forEach(l -> remembered.putIfAbsent(key(l), l));
      List<Descriptor> merged = merge(repo, layers, remembered, ours);
      if (merged.equals(layers) && current.isPresent()) {
        return current.get().descriptor(); // the manifest that now holds our layer
      }
      if (merged.size() > MAX_LAYERS) {
        throw new InvalidInputException("tag " + tag + " already holds " + layers.size()
            + " layers; another would exceed the " + MAX_LAYERS + " cosign reads");
      }
      Descriptor config = repo.pushBlob(MediaTypes.OCI_CONFIG, signatureConfig(merged));
      Manifest manifest = ImageManifest.builder().config(config).layers(merged).build().manifest();
      written = repo.putManifest(manifest, tag);
      merged.forEach(l -> remembered.putIfAbsent(key(l), l));
      sleep(confirmDelay);
      List<Descriptor> confirmed = repo.manifest(tag).map(m -> layersOf(m, tag)).orElse(List.of());
      if (containsAll(confirmed, remembered, repo, ours)) {
        return written;
      }
      sleep(Duration.ofMillis((long) (Math.random() * 20 * attempt)));
    }
    throw new RegistryException("tag " + tag + " in " + repo.name() + " kept changing under concurrent"
        + " writers; gave up after " + maxAttempts + " attempts", 0, null, true, null);
  }

  private static List<Descriptor> merge(Repository repo, List<Descriptor> layers, Map<String, Descriptor> remembered,
      Descriptor ours) {
    List<Descriptor> merged = new ArrayList<>(layers);
    List<String> present = new ArrayList<>();
    layers.forEach(l -> present.add(key(l)));
    for (Map.Entry<String, Descriptor> e : remembered.entrySet()) {
      if (!present.contains(e.getKey()) && repo.hasBlob(e.getValue().digest())) {
        merged.add(e.getValue());
        present.add(e.getKey());
      }
    }
    if (!present.contains(key(ours))) {
      merged.add(ours);
    }
    return merged;
  }

  private static boolean containsAll(List<Descriptor> layers, Map<String, Descriptor> remembered, Repository repo,
      Descriptor ours) {
    List<String> keys = new ArrayList<>();
    layers.forEach(l -> keys.add(key(l)));
    if (!keys.contains(key(ours))) {
      return false;
    }
    for (Map.Entry<String, Descriptor> e : remembered.entrySet()) {
      if (!keys.contains(e.getKey()) && repo.hasBlob(e.getValue().digest())) {
        return false;
      }
    }
    return true;
  }

  /** The layers of an existing signature manifest; a manifest that is not an image manifest is refused. */
  public static List<Descriptor> layersOf(Manifest m, String tag) {
    if (!MediaTypes.isImageManifest(m.mediaType())) {
      throw new InvalidInputException("existing " + tag + " is a " + m.mediaType() + ", not an image manifest");
    }
    try {
      return ImageManifest.parse(m).layers();
    } catch (InvalidInputException e) {
      throw new InvalidInputException("existing manifest at " + tag + " is unreadable: "
          + e.getMessage(), e);
    }
  }

  /**
   * The image config cosign writes for a {@code .sig} manifest: empty fields, the zero time, one history entry
   * and one {@code rootfs.diff_ids} entry per layer (the layer digests).
   */
  static byte[] signatureConfig(List<Descriptor> layers) {
    return OciJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("architecture", "");
      g.writeStringField("created", ZERO_TIME);
      g.writeArrayFieldStart("history");
      for (int i = 0; i < layers.size(); i++) {
        g.writeStartObject();
        g.writeStringField("created", ZERO_TIME);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("os", "");
      g.writeObjectFieldStart("rootfs");
      g.writeStringField("type", "layers");
      g.writeArrayFieldStart("diff_ids");
      for (Descriptor d : layers) {
        g.writeString(d.digest().toString());
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("config");
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static String key(Descriptor l) {
    return l.digest() + " " + l.mediaType() + " " + l.annotations().getOrDefault(SIGNATURE_ANNOTATION, "");
  }

  static void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while confirming the signature tag", 0, null, false, e);
    }
  }
}
