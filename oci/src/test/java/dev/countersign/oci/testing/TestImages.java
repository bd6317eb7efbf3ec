package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds small images and artifacts for registry tests. */
public final class TestImages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestImages() {}

  /** An empty tar archive (two zero blocks): a valid, tiny layer. */
  public static byte[] emptyTar() {
    return new byte[1024];
  }

  /** A minimal OCI image config whose single layer is {@code layer} (uncompressed). */
  public static byte[] config(byte[] layer) {
    return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + Digest.compute(DigestAlgorithm.SHA256, layer) + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI image manifest; {@code subject}, {@code artifactType} and {@code annotations} may be null. */
  public static Manifest manifest(Descriptor config, List<Descriptor> layers, Descriptor subject,
      String artifactType, Map<String, String> annotations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_MANIFEST);
    if (artifactType != null) {
      root.put("artifactType", artifactType);
    }
    root.set("config", node(config));
    ArrayNode arr = root.putArray("layers");
    layers.forEach(l -> arr.add(node(l)));
    if (subject != null) {
      root.set("subject", node(subject));
    }
    if (annotations != null && !annotations.isEmpty()) {
      ObjectNode a = root.putObject("annotations");
      annotations.forEach(a::put);
    }
    try {
      return Manifest.of(MediaTypes.OCI_MANIFEST, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pushes a tiny one-layer image (config + gzipped empty tar) and returns its manifest (not pushed). */
  public static Manifest pushImageBlobs(Repository repo) {
    return pushImageBlobs(repo, null);
  }

  /** As {@link #pushImageBlobs(Repository)}, the manifest carrying {@code annotations}. */
  public static Manifest pushImageBlobs(Repository repo, Map<String, String> annotations) {
    byte[] layer = emptyTar();
    Descriptor l = repo.pushBlob(MediaTypes.OCI_LAYER_GZIP, gzip(layer));
    Descriptor c = repo.pushBlob(MediaTypes.OCI_CONFIG, config(layer));
    return manifest(c, List.of(l), null, null, annotations);
  }

  public static byte[] gzip(byte[] data) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Pushes the empty config {@code {}} and a payload layer and returns a referrer manifest of {@code subject}. */
  public static Manifest referrer(Repository repo, Descriptor subject, String artifactType, String payload,
      Map<String, String> annotations) {
    Descriptor empty = repo.pushBlob(MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8));
    Descriptor layer = repo.pushBlob("application/vnd.test.payload", payload.getBytes(StandardCharsets.UTF_8));
    return manifest(empty, List.of(layer), subject, artifactType, annotations);
  }

  /** {@code size} deterministic pseudo-random bytes, generated on the fly. */
  public static InputStream generated(long size, long seed) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private long left = size;

      @Override
      public int read() {
        byte[] b = new byte[1];
        return read(b, 0, 1) == -1 ? -1 : b[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt(256);
        }
        left -= n;
        return n;
      }
    };
  }

  public static ObjectNode node(Descriptor d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    d.artifactType().ifPresent(t -> n.put("artifactType", t));
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    return n;
  }
}
