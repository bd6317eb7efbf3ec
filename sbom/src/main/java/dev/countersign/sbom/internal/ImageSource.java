package dev.countersign.sbom.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.Platform;
import dev.countersign.oci.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The image a reference names: its manifest (from an index, the entry of the wanted platform) and the platform
 * its config declares. The config is read with a size cap and its digest verified by the repository.
 */
public record ImageSource(Manifest manifest, ImageManifest image, Platform platform) {
  private static final int MAX_CONFIG_BYTES = 8 << 20;

  /** Resolves {@code tagOrDigest} in {@code repo}; InvalidInputException when missing or no platform matches. */
  public static ImageSource resolve(Repository repo, String tagOrDigest, Platform wanted) {
    Manifest m = repo.manifest(tagOrDigest).orElseThrow(() -> new InvalidInputException(
        "no manifest " + tagOrDigest + " in " + repo.name()));
    if (MediaTypes.isIndex(m.mediaType())) {
      ImageIndex index = ImageIndex.parse(m);
      Descriptor chosen = null;
      List<String> available = new ArrayList<>();
      for (ImageIndex.Entry e : index.manifests()) {
        if (e.platform().isEmpty()) {
          continue;
        }
        Platform p = e.platform().get();
        available.add(p.toString());
        if (chosen == null && matches(p, wanted)) {
          chosen = e.descriptor();
        }
      }
      if (chosen == null) {
        throw new InvalidInputException("index " + tagOrDigest + " has no image for " + wanted + "; it has "
            + available);
      }
      String digest = chosen.digest().toString();
      m = repo.manifest(digest).orElseThrow(() -> new InvalidInputException("index entry " + digest
          + " is missing from " + repo.name()));
      if (!MediaTypes.isImageManifest(m.mediaType())) {
        throw new InvalidInputException("index entry " + digest + " is not an image manifest: " + m.mediaType());
      }
    }
    ImageManifest image = ImageManifest.parse(m);
    return new ImageSource(m, image, configPlatform(repo, image.config()));
  }

  private static boolean matches(Platform p, Platform wanted) {
    return p.os().equals(wanted.os()) && p.architecture().equals(wanted.architecture())
        && (wanted.variant().isEmpty() || wanted.variant().equals(p.variant()));
  }

  private static Platform configPlatform(Repository repo, Descriptor config) {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new InvalidInputException("image config of " + config.size() + " bytes exceeds " + MAX_CONFIG_BYTES);
    }
    JsonNode root;
    try (InputStream in = repo.openBlob(config)) {
      root = new ObjectMapper().readTree(in.readNBytes(MAX_CONFIG_BYTES));
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the image config " + config.digest() + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("os").isTextual() || !root.path("architecture").isTextual()) {
      throw new InvalidInputException("image config " + config.digest() + " has no os and architecture");
    }
    Platform.Builder b = Platform.builder().os(root.get("os").asText())
        .architecture(root.get("architecture").asText());
    if (root.path("variant").isTextual()) {
      b.variant(root.get("variant").asText());
    }
    return b.build();
  }
}
