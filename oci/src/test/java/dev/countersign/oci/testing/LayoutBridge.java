package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.oci.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test-only bridge between {@link InMemoryRepository} and an OCI image layout directory (for peers that read
 * layouts): every manifest and blob under {@code blobs/<alg>/<hex>}, each tag as an {@code index.json} entry
 * annotated {@code org.opencontainers.image.ref.name}. Import reads every blob back and re-creates the tags.
 */
public final class LayoutBridge {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private LayoutBridge() {}

  public static void export(InMemoryRepository repo, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      for (Map.Entry<Digest, byte[]> b : repo.blobsSnapshot().entrySet()) {
        write(dir, b.getKey(), b.getValue());
      }
      Map<Digest, Manifest> manifests = repo.manifestsSnapshot();
      manifests.values().forEach(m -> write(dir, m.digest(), m.bytes()));
      ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
          .put("mediaType", "application/vnd.oci.image.index.v1+json");
      ArrayNode list = index.putArray("manifests");
      for (Map.Entry<String, Digest> t : repo.tagsSnapshot().entrySet()) {
        Manifest m = manifests.get(t.getValue());
        list.addObject().put("mediaType", m.mediaType()).put("digest", m.digest().toString())
            .put("size", m.bytes().length).putObject("annotations").put(REF_NAME, t.getKey());
      }
      Files.writeString(dir.resolve("index.json"), index.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A repository holding every blob of the layout, with its tagged manifests as manifests. */
  public static InMemoryRepository importLayout(Path dir, String name) {
    InMemoryRepository repo = new InMemoryRepository(name);
    try (Stream<Path> files = Files.list(dir.resolve("blobs/sha256"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        repo.pushBlob("application/octet-stream", Files.readAllBytes(f));
      }
      JsonNode index = JSON.readTree(Files.readAllBytes(dir.resolve("index.json")));
      // Tagged manifests, children first so that references resolve: images before indexes.
      for (boolean indexes : new boolean[] {false, true}) {
        for (JsonNode e : index.get("manifests")) {
          String mt = e.get("mediaType").asText();
          if (mt.contains("index") != indexes) {
            continue;
          }
          byte[] bytes = Files.readAllBytes(dir.resolve("blobs/sha256/" + e.get("digest").asText().substring(7)));
          repo.putManifest(Manifest.verified(mt, bytes, Digest.parse(e.get("digest").asText())),
              e.path("annotations").path(REF_NAME).asText(null));
        }
      }
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path dir, Digest d, byte[] content) {
    try {
      Path p = dir.resolve("blobs").resolve(d.algorithm().ociName()).resolve(d.hex());
      Files.createDirectories(p.getParent());
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
