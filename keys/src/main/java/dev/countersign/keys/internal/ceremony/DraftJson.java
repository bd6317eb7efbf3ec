package dev.countersign.keys.internal.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.internal.CanonicalJson;
import dev.countersign.keys.internal.ManifestJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The draft file: {@code {"manifest": <keys.json>, "signedAt": [{"keyid", "at"}], "summary": ["...", ...]}} and,
 * when PGP keys are added, {@code "keyrings": [{"file", "data"}]} (base64, SHA-256 recorded in the manifest), in
 * canonical JSON. A draft that is not byte-for-byte canonical is refused, so the manifest inside is exactly what
 * its members signed.
 */
public final class DraftJson {
  /** Largest draft read: the manifest cap plus room for the summary. */
  public static final int MAX_BYTES = KeyManifest.MAX_BYTES + (256 << 10);

  private DraftJson() {}

  /** The parts of a parsed draft. */
  public static final class Parts {
    public final KeyManifest manifest;
    public final List<String> summary;
    public final Map<KeyId, Instant> signedAt;
    public final Map<String, byte[]> keyrings;

    Parts(KeyManifest manifest, List<String> summary, Map<KeyId, Instant> signedAt, Map<String, byte[]> keyrings) {
      this.manifest = manifest;
      this.summary = summary;
      this.signedAt = signedAt;
      this.keyrings = keyrings;
    }
  }

  /**
   * Checks that every keyring file belongs to a PGP key of {@code manifest} listing it, with the recorded SHA-256.
   */
  public static void checkKeyrings(KeyManifest manifest, Map<String, byte[]> keyrings) {
    for (Map.Entry<String, byte[]> e : keyrings.entrySet()) {
      boolean match = manifest.keys().stream().anyMatch(k -> k.files().contains(e.getKey())
          && k.keyringSha256().map(h -> h.equals(Sha256.hex(e.getValue()))).orElse(false));
      if (!match) {
        throw new InvalidInputException("draft keyring " + ManifestJson.printable(e.getKey()) + " is not the file"
            + " of a PGP key in the manifest with that SHA-256");
      }
    }
  }

  public static byte[] write(KeyManifest manifest, List<String> summary, Map<KeyId, Instant> signedAt,
      Map<String, byte[]> keyrings) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("manifest", ManifestJson.parse(manifest.toJson(), "key manifest", KeyManifest.MAX_BYTES));
    ArrayNode at = root.putArray("signedAt");
    signedAt.forEach((id, t) -> at.addObject().put("keyid", id.value()).put("at", ManifestJson.formatTime(t)));
    ArrayNode lines = root.putArray("summary");
    summary.forEach(lines::add);
    if (!keyrings.isEmpty()) {
      ArrayNode files = root.putArray("keyrings");
      keyrings.forEach((name, bytes) -> files.addObject().put("file", name)
          .put("data", Base64.getEncoder().encodeToString(bytes)));
    }
    return CanonicalJson.serialize(root);
  }

  public static Parts read(byte[] json) {
    JsonNode root = ManifestJson.parse(json, "ceremony draft", MAX_BYTES);
    if (!CanonicalJson.isCanonical(json, MAX_BYTES)) {
      throw new InvalidInputException("ceremony draft is not in canonical form (RFC 8785, integers only)");
    }
    ManifestJson.onlyMembers(root, "draft", Set.of("manifest", "signedAt", "summary", "keyrings"));
    KeyManifest m = KeyManifest.parse(CanonicalJson.serialize(ManifestJson.object(root, "manifest", "draft",
        true)));
    List<String> summary = new ArrayList<>();
    for (JsonNode line : ManifestJson.array(root, "summary", "draft", true)) {
      if (!line.isTextual()) {
        throw new InvalidInputException("draft.summary must hold strings");
      }
      summary.add(line.textValue());
    }
    Map<KeyId, Instant> signedAt = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode e : ManifestJson.array(root, "signedAt", "draft", true)) {
      String path = "draft.signedAt[" + i++ + "]";
      ManifestJson.onlyMembers(e, path, Set.of("keyid", "at"));
      KeyId id = KeyId.parse(ManifestJson.string(e, "keyid", path, true));
      if (m.signatures().stream().noneMatch(s -> s.keyId().equals(id))) {
        throw new InvalidInputException(path + " names " + id + ", which has not signed the manifest");
      }
      if (signedAt.put(id, ManifestJson.time(e, "at", path, true)) != null) {
        throw new InvalidInputException(path + " names " + id + " twice");
      }
    }
    Map<String, byte[]> keyrings = new LinkedHashMap<>();
    if (root.has("keyrings")) {
      int j = 0;
      for (JsonNode e : ManifestJson.array(root, "keyrings", "draft", true)) {
        String path = "draft.keyrings[" + j++ + "]";
        ManifestJson.onlyMembers(e, path, Set.of("file", "data"));
        String file = ManifestJson.string(e, "file", path, true);
        byte[] data;
        try {
          data = Base64.getDecoder().decode(ManifestJson.string(e, "data", path, true));
        } catch (IllegalArgumentException ex) {
          throw new InvalidInputException(path + ".data is not standard base64");
        }
        if (keyrings.put(file, data) != null) {
          throw new InvalidInputException(path + " repeats keyring " + ManifestJson.printable(file));
        }
      }
    }
    return new Parts(m, summary, signedAt, keyrings);
  }
}
