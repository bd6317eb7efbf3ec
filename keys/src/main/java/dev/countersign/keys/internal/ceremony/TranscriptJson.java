package dev.countersign.keys.internal.ceremony;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.KeyId;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ManifestSignature;
import dev.countersign.keys.internal.CanonicalJson;
import dev.countersign.keys.internal.ManifestJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ceremony transcript {@code N.ceremony.json}: the version published and when, the change summary, who signed
 * (member key ids, when, and whether a member of the previous and/or the new version) and the keys added.
 */
public final class TranscriptJson {
  private TranscriptJson() {}

  public static byte[] write(KeyManifest previous, KeyManifest next, List<String> summary,
      Map<KeyId, Instant> signedAt, List<ManifestKey> added, List<String> files, Instant publishedAt) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("version", next.version());
    if (previous != null) {
      root.put("previousVersion", previous.version());
    }
    root.put("publishedAt", ManifestJson.formatTime(publishedAt));
    ArrayNode lines = root.putArray("summary");
    summary.forEach(lines::add);
    ArrayNode sigs = root.putArray("signatures");
    for (ManifestSignature s : next.signatures()) {
      ObjectNode o = sigs.addObject().put("keyid", s.keyId().value());
      Instant at = signedAt.get(s.keyId());
      if (at != null) {
        o.put("signedAt", ManifestJson.formatTime(at));
      }
      ArrayNode of = o.putArray("memberOf");
      if (previous != null && isMember(previous, s.keyId())) {
        of.add("previous");
      }
      if (isMember(next, s.keyId())) {
        of.add("new");
      }
    }
    ArrayNode keys = root.putArray("addedKeys");
    for (ManifestKey k : added) {
      ObjectNode o = keys.addObject().put("keyid", k.keyId().value()).put("algorithm", k.algorithm().id());
      k.pgpFingerprint().ifPresent(f -> o.put("pgpFingerprint", f));
      k.backend().ifPresent(b -> o.put("backend", b));
      ArrayNode f = o.putArray("files");
      k.files().forEach(f::add);
    }
    ArrayNode written = root.putArray("files");
    files.forEach(written::add);
    return CanonicalJson.serialize(root);
  }

  private static boolean isMember(KeyManifest m, KeyId id) {
    for (ManifestMember mb : m.members()) {
      if (mb.keyId().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
