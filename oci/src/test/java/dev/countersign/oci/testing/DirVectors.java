package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.Digest;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.signature.SimpleSigningPayload;
import dev.countersign.oci.signature.Triangulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a containers/image "dir" transport folder into a repository: {@code manifest.json} tagged
 * {@code latest}, and its {@code signature-N} files ({@code \0sigstore-json\n} + JSON of mimeType, base64
 * payload, annotations) as the layers of the {@code sha256-<hex>.sig} manifest, annotations carried over. Without
 * a manifest the signatures are stored under the digest their payload claims.
 */
public final class DirVectors {
  private static final byte[] PREFIX = "\0sigstore-json\n".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();

  private DirVectors() {}

  public static InMemoryRepository load(Path dir) {
    InMemoryRepository repo = new InMemoryRepository("vectors/" + dir.getFileName()).checkReferences(false);
    try {
      Digest subject = null;
      Path manifest = dir.resolve("manifest.json");
      if (Files.exists(manifest)) {
        byte[] bytes = Files.readAllBytes(manifest);
        JsonNode mt = JSON.readTree(bytes).get("mediaType");
        String mediaType = mt != null ? mt.asText() : "application/vnd.docker.distribution.manifest.v1+prettyjws";
        subject = repo.putManifest(Manifest.of(mediaType, bytes), "latest").digest();
      }
      List<Descriptor> layers = new ArrayList<>();
      for (int i = 1; Files.exists(dir.resolve("signature-" + i)); i++) {
        byte[] raw = Files.readAllBytes(dir.resolve("signature-" + i));
        if (!Arrays.equals(Arrays.copyOf(raw, PREFIX.length), PREFIX)) {
          throw new IllegalStateException("signature-" + i + " lacks the sigstore-json prefix");
        }
        JsonNode sig = JSON.readTree(Arrays.copyOfRange(raw, PREFIX.length, raw.length));
        byte[] payload = Base64.getDecoder().decode(sig.get("payload").asText());
        Map<String, String> ann = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sig.path("annotations").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          ann.put(e.getKey(), e.getValue().asText());
        }
        String mime = sig.get("mimeType").asText();
        Descriptor blob = repo.pushBlob(mime, payload);
        layers.add(Descriptor.builder().mediaType(mime).digest(blob.digest()).size(blob.size()).annotations(ann)
            .build());
        if (subject == null) {
          subject = SimpleSigningPayload.parse(payload).manifestDigest();
        }
      }
      if (!layers.isEmpty()) {
        putSignatureManifest(repo, subject, layers);
      }
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a {@code .sig} manifest with exactly {@code layers} (test-built, independent of the signer). */
  public static Descriptor putSignatureManifest(InMemoryRepository repo, Digest subject, List<Descriptor> layers) {
    StringBuilder diff = new StringBuilder();
    StringBuilder hist = new StringBuilder();
    StringBuilder ls = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      Descriptor l = layers.get(i);
      String sep = i == 0 ? "" : ",";
      diff.append(sep).append('"').append(l.digest()).append('"');
      hist.append(sep).append("{\"created\":\"0001-01-01T00:00:00Z\"}");
      ls.append(sep).append("{\"mediaType\":\"").append(l.mediaType()).append("\",\"size\":").append(l.size())
          .append(",\"digest\":\"").append(l.digest()).append('"');
      if (!l.annotations().isEmpty()) {
        ls.append(",\"annotations\":{");
        String s = "";
        for (Map.Entry<String, String> e : new TreeMap<>(l.annotations()).entrySet()) {
          ls.append(s).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
          s = ",";
        }
        ls.append('}');
      }
      ls.append('}');
    }
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[" + hist
        + "],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diff + "]},\"config\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    Descriptor c = repo.pushBlob(MediaTypes.OCI_CONFIG, config);
    String m = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + c.mediaType() + "\",\"size\":" + c.size() + ",\"digest\":\"" + c.digest() + "\"},\"layers\":[" + ls + "]}";
    return repo.putManifest(Manifest.of(MediaTypes.OCI_MANIFEST, m.getBytes(StandardCharsets.UTF_8)),
        Triangulation.signatureTag(subject));
  }
}
