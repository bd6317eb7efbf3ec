package dev.countersign.keys.internal.ceremony;

import dev.countersign.core.KeyId;
import dev.countersign.keys.KeyManifest;
import dev.countersign.keys.KeyStatus;
import dev.countersign.keys.ManifestKey;
import dev.countersign.keys.ManifestMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The human-readable difference between a manifest and the next one, one line per change. */
public final class ChangeSummary {
  private ChangeSummary() {}

  /** Lines describing {@code next} relative to {@code previous} (null for the first manifest). */
  public static List<String> lines(KeyManifest previous, KeyManifest next) {
    List<String> out = new ArrayList<>();
    out.add(previous == null ? "first key manifest, version " + next.version()
        : "version " + previous.version() + " -> " + next.version());
    List<ManifestMember> before = previous == null ? List.of() : previous.members();
    for (ManifestMember m : next.members()) {
      if (!before.contains(m)) {
        out.add("member added: " + m.keyId());
      }
    }
    for (ManifestMember m : before) {
      if (!next.members().contains(m)) {
        out.add("member removed: " + m.keyId());
      }
    }
    if (previous == null || previous.threshold() != next.threshold()
        || previous.members().size() != next.members().size()) {
      out.add("threshold: " + next.threshold() + " of " + next.members().size() + " members"
          + (previous == null ? "" : " (was " + previous.threshold() + " of " + previous.members().size() + ")"));
    }
    Map<KeyId, ManifestKey> old = new LinkedHashMap<>();
    if (previous != null) {
      previous.keys().forEach(k -> old.put(k.keyId(), k));
    }
    for (ManifestKey k : next.keys()) {
      ManifestKey o = old.remove(k.keyId());
      if (o == null) {
        out.add("key added: " + k.keyId() + " " + k.algorithm().id()
            + k.pgpFingerprint().map(f -> " pgp " + f).orElse("") + window(k)
            + k.backend().map(b -> " backend " + b).orElse("") + " files " + k.files());
      } else if (!o.equals(k)) {
        if (k.status() == KeyStatus.REVOKED && o.status() != KeyStatus.REVOKED) {
          out.add("key revoked: " + k.keyId() + " from " + k.revokedAt().orElseThrow() + ", reason: "
              + k.reason().orElseThrow());
        } else if (k.status() == KeyStatus.RETIRED && o.status() != KeyStatus.RETIRED) {
          out.add("key retired: " + k.keyId() + window(k));
        } else {
          out.add("key changed: " + k.keyId() + " " + k.status().id() + window(k));
        }
      }
    }
    old.keySet().forEach(id -> out.add("key removed from the manifest: " + id));
    if (previous == null || !previous.expires().equals(next.expires())) {
      out.add("manifest expires " + next.expires());
    }
    return out;
  }

  private static String window(ManifestKey k) {
    return " valid " + k.validFrom() + " .. " + k.validUntil().map(Object::toString).orElse("(open)");
  }
}
