package dev.countersign.core.internal.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.internal.StrictJson;
import dev.countersign.core.intoto.DigestSet;
import dev.countersign.core.intoto.ResourceDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A provenance's resolved dependencies (v1) or materials (v0.x), and finding the source commit among them. */
final class Dependencies {
  private static final int MAX = 65536;

  private Dependencies() {}

  /** Reads the array (null: none); entries must be objects; malformed digest values are dropped. */
  static List<ResourceDescriptor> read(JsonNode array, String path) {
    List<ResourceDescriptor> out = new ArrayList<>();
    if (array == null) {
      return out;
    }
    if (array.size() > MAX) {
      throw new InvalidInputException(path + " has " + array.size() + " entries; at most " + MAX + " are accepted");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = StrictJson.element(array, i, path);
      if (e.isEmpty()) {
        continue;   // "{}" as some builders emit; it names nothing
      }
      try {
        out.add(StatementJson.readDescriptor(e, path + "[" + i + "]", true));
      } catch (InvalidInputException ex) {
        if (e.has("uri") || e.has("digest")) {
          throw ex;
        }
        // neither uri nor digest (e.g. only a name or annotations): nothing a source check can use
      }
    }
    return List.copyOf(out);
  }

  /** A git commit in a digest set: {@code gitCommit}, else {@code sha1}; null when neither. */
  static String commit(DigestSet d) {
    return d.get("gitCommit").orElseGet(() -> d.get("sha1").orElse(null));
  }

  /** The first dependency with a {@code git+} URI, or null. */
  static ResourceDescriptor firstGit(List<ResourceDescriptor> deps) {
    for (ResourceDescriptor d : deps) {
      if (d.uri().map(u -> u.startsWith("git+")).orElse(false)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The commit of the dependency naming the same repository as {@code sourceUri} (and the same ref when both
   * name one); null when none carries a commit.
   */
  static String commitFor(List<ResourceDescriptor> deps, String sourceUri) {
    SourceUris.Source want = SourceUris.parse(sourceUri);
    if (want == null) {
      return null;
    }
    String wantRepo = SourceUris.hostAndPath(sourceUri);
    for (ResourceDescriptor d : deps) {
      String uri = d.uri().orElse(null);
      SourceUris.Source s = SourceUris.parse(uri);
      if (s == null || !Objects.equals(SourceUris.hostAndPath(uri), wantRepo)) {
        continue;
      }
      if (want.ref() != null && s.ref() != null && !want.ref().equals(s.ref())) {
        continue;
      }
      String c = commit(d.digest());
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}
