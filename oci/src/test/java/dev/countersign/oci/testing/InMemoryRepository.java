package dev.countersign.oci.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.Repository;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A registry repository in memory, as faithful as tests need: manifests and blobs are content addressed and
 * checked (pushes against their digest, reads as they stream), image manifests may only reference blobs that
 * exist, tags follow the distribution grammar. Referrers come from a subject scan (a registry with the referrers
 * API) or from the {@code sha256-<hex>} fallback index, which is maintained on push (like a conforming client) or
 * not at all. Every access is logged, and a {@link Hook} can interleave concurrent callers deterministically.
 */
public final class InMemoryRepository implements Repository {
  /** How referrers are found. */
  public enum ReferrersMode {
    /** The registry has {@code GET /v2/<name>/referrers/<digest>}: a scan of subjects. */
    API,
    /** No referrers API; pushing a manifest with a subject updates the fallback index (as a client should). */
    FALLBACK_MAINTAINED,
    /** No referrers API and nobody maintains the fallback index on push: the caller must. */
    FALLBACK_UNMAINTAINED
  }

  /** Repository operations a {@link Hook} sees. */
  public enum Op { MANIFEST_READ, BEFORE_PUT, AFTER_PUT }

  /** Called outside the lock, so it may block to force an interleaving. */
  @FunctionalInterface
  public interface Hook {
    void on(Op op, String reference);
  }

  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Map<Digest, Manifest> manifests = new LinkedHashMap<>();
  private final Map<String, Digest> tags = new TreeMap<>();
  private final Map<Digest, byte[]> blobs = new LinkedHashMap<>();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private volatile ReferrersMode mode = ReferrersMode.API;
  private volatile boolean checkReferences = true;
  private volatile Hook hook = (op, ref) -> { };

  public InMemoryRepository(String name) {
    this.name = name;
  }

  public InMemoryRepository referrersMode(ReferrersMode m) {
    this.mode = m;
    return this;
  }

  /** Whether image manifests must reference existing blobs (off for vectors that carry only a manifest). */
  public InMemoryRepository checkReferences(boolean check) {
    this.checkReferences = check;
    return this;
  }

  public InMemoryRepository hook(Hook h) {
    this.hook = h;
    return this;
  }

  /** Every access so far: {@code resolve X}, {@code manifest X}, {@code blob D}, {@code referrers D}, {@code put X}. */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  public void clearLog() {
    log.clear();
  }

  /** Replaces a stored blob's bytes without any check: a registry that lies. */
  public synchronized void corruptBlob(Digest digest, byte[] content) {
    blobs.put(digest, content.clone());
  }

  /** Stores a manifest byte-for-byte under a digest without any check: a registry that lies. */
  public synchronized void putRaw(String mediaType, byte[] bytes, String tag) {
    Manifest m = Manifest.of(mediaType, bytes);
    manifests.put(m.digest(), m);
    if (tag != null) {
      tags.put(tag, m.digest());
    }
  }

  /** A copy of every stored manifest. */
  public synchronized Map<Digest, Manifest> manifestsSnapshot() {
    return Map.copyOf(manifests);
  }

  /** A copy of every stored blob. */
  public synchronized Map<Digest, byte[]> blobsSnapshot() {
    return Map.copyOf(blobs);
  }

  /** A copy of the tags. */
  public synchronized Map<String, Digest> tagsSnapshot() {
    return new TreeMap<>(tags);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Descriptor> resolve(String ref) {
    log.add("resolve " + ref);
    synchronized (this) {
      return find(ref).map(Manifest::descriptor);
    }
  }

  @Override
  public Optional<Manifest> manifest(String ref) {
    log.add("manifest " + ref);
    Optional<Manifest> m;
    synchronized (this) {
      m = find(ref);
    }
    hook.on(Op.MANIFEST_READ, ref);
    return m;
  }

  private Optional<Manifest> find(String ref) {
    if (ref.contains(":")) {
      return Optional.ofNullable(manifests.get(Digest.parse(ref)));
    }
    checkTag(ref);
    Digest d = tags.get(ref);
    return d == null ? Optional.empty() : Optional.ofNullable(manifests.get(d));
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) {
    String ref = tag != null ? tag : manifest.digest().toString();
    if (tag != null) {
      checkTag(tag);
    }
    hook.on(Op.BEFORE_PUT, ref);
    log.add("put " + ref);
    JsonNode root = parse(manifest.bytes());
    Descriptor out;
    synchronized (this) {
      if (checkReferences) {
        checkReferences(manifest, root);
      }
      manifests.put(manifest.digest(), manifest);
      if (tag != null) {
        tags.put(tag, manifest.digest());
      }
      out = manifest.descriptor();
    }
    JsonNode subject = root.get("subject");
    if (subject != null && mode == ReferrersMode.FALLBACK_MAINTAINED) {
      addToFallback(Digest.parse(subject.get("digest").asText()), referrerDescriptor(manifest, root));
    }
    hook.on(Op.AFTER_PUT, ref);
    return out;
  }

  private synchronized void addToFallback(Digest subject, Descriptor d) {
    String tag = subject.algorithm().ociName() + "-" + subject.hex();
    ObjectNode index;
    Digest current = tags.get(tag);
    if (current != null) {
      index = (ObjectNode) parse(manifests.get(current).bytes());
    } else {
      index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
      index.putArray("manifests");
    }
    ArrayNode list = (ArrayNode) index.get("manifests");
    for (JsonNode e : list) {
      if (e.get("digest").asText().equals(d.digest().toString())) {
        return;
      }
    }
    ObjectNode e = list.addObject().put("mediaType", d.mediaType()).put("digest", d.digest().toString())
        .put("size", d.size());
    d.artifactType().ifPresent(a -> e.put("artifactType", a));
    if (!d.annotations().isEmpty()) {
      ObjectNode a = e.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    Manifest m = Manifest.of(MediaTypes.OCI_INDEX, index.toString().getBytes(StandardCharsets.UTF_8));
    manifests.put(m.digest(), m);
    tags.put(tag, m.digest());
  }

  private void checkReferences(Manifest m, JsonNode root) {
    List<JsonNode> refs = new ArrayList<>();
    boolean index = MediaTypes.isIndex(m.mediaType());
    if (!index && root.has("config")) {
      refs.add(root.get("config"));
    }
    root.path(index ? "manifests" : "layers").forEach(refs::add);
    for (JsonNode r : refs) {
      Digest d = Digest.parse(r.get("digest").asText());
      boolean exists = index ? manifests.containsKey(d) : blobs.containsKey(d);
      if (!exists) {
        throw new RegistryException((index ? "manifest " : "blob ") + d + " unknown", 400,
            index ? "MANIFEST_UNKNOWN" : "MANIFEST_BLOB_UNKNOWN", false, null);
      }
      if (!index && blobs.get(d).length != r.get("size").asLong()) {
        throw new RegistryException("blob " + d + " size mismatch", 400, "SIZE_INVALID", false, null);
      }
    }
  }

  @Override
  public synchronized void deleteManifest(Digest digest) {
    log.add("delete " + digest);
    manifests.remove(digest);
    tags.values().removeIf(digest::equals);
  }

  @Override
  public synchronized boolean hasBlob(Digest digest) {
    return blobs.containsKey(digest);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) {
    log.add("blob " + descriptor.digest());
    byte[] content;
    synchronized (this) {
      content = blobs.get(descriptor.digest());
    }
    if (content == null) {
      throw new RegistryException("blob " + descriptor.digest() + " unknown", 404, "BLOB_UNKNOWN", false, null);
    }
    MessageDigest md = descriptor.digest().algorithm().newMessageDigest();
    return new FilterInputStream(new ByteArrayInputStream(content)) {
      private long count;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          md.update(b, off, n);
          count += n;
        } else if (n < 0) {
          Digest actual = Digest.of(descriptor.digest().algorithm(), md.digest());
          if (count != descriptor.size() || !actual.matches(descriptor.digest())) {
            throw new IOException("blob " + descriptor.digest() + " does not match: got " + actual + ", "
                + count + " bytes");
          }
        }
        return n;
      }
    };
  }

  @Override
  public Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content) {
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new RegistryException("upload failed", 0, null, true, e);
    }
    Digest actual = Digest.compute(digest.algorithm(), bytes);
    if (!actual.matches(digest) || bytes.length != size) {
      throw new RegistryException("blob upload digest invalid: expected " + digest + ", got " + actual, 400,
          "DIGEST_INVALID", false, null);
    }
    log.add("push " + digest);
    synchronized (this) {
      blobs.putIfAbsent(digest, bytes);
    }
    return Descriptor.of(mediaType, digest, size);
  }

  @Override
  public synchronized List<String> tags() {
    return List.copyOf(tags.keySet());
  }

  @Override
  public List<Descriptor> referrers(Digest subject, String artifactType) {
    log.add("referrers " + subject);
    List<Descriptor> out = new ArrayList<>();
    synchronized (this) {
      if (mode == ReferrersMode.API) {
        for (Manifest m : manifests.values()) {
          JsonNode root = parse(m.bytes());
          JsonNode s = root.get("subject");
          if (s != null && s.path("digest").asText().equals(subject.toString())) {
            out.add(referrerDescriptor(m, root));
          }
        }
      } else {
        Digest idx = tags.get(subject.algorithm().ociName() + "-" + subject.hex());
        if (idx != null) {
          for (JsonNode e : parse(manifests.get(idx).bytes()).path("manifests")) {
            Map<String, String> ann = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.path("annotations").fields(); it.hasNext(); ) {
              Map.Entry<String, JsonNode> a = it.next();
              ann.put(a.getKey(), a.getValue().asText());
            }
            out.add(Descriptor.builder().mediaType(e.get("mediaType").asText())
                .digest(Digest.parse(e.get("digest").asText())).size(e.get("size").asLong())
                .artifactType(e.has("artifactType") ? e.get("artifactType").asText() : null).annotations(ann)
                .build());
          }
        }
      }
    }
    if (artifactType != null) {
      out.removeIf(d -> !artifactType.equals(d.artifactType().orElse(null)));
    }
    return out;
  }

  private static Descriptor referrerDescriptor(Manifest m, JsonNode root) {
    String at = root.has("artifactType") ? root.get("artifactType").asText()
        : root.path("config").path("mediaType").asText(null);
    Map<String, String> ann = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("annotations").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      ann.put(a.getKey(), a.getValue().asText());
    }
    return Descriptor.builder().mediaType(m.mediaType()).digest(m.digest()).size(m.bytes().length)
        .artifactType(at).annotations(ann).build();
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidInputException("manifest is not JSON: " + e.getMessage());
    }
  }

  private static void checkTag(String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new RegistryException("invalid tag '" + tag + "'", 400, "TAG_INVALID", false, null);
    }
  }

  /** A blob's SHA-256 digest (test convenience). */
  public static Digest sha256(byte[] b) {
    return Digest.compute(DigestAlgorithm.SHA256, b);
  }
}
