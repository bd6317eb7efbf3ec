package dev.countersign.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageReference;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.RegistryRepository;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@link RegistryRepository} over the OCI Distribution API; see {@code Registry} for the behaviour it promises. */
public final class RegistryRepositoryImpl implements RegistryRepository {
  private final RegistryHttp http;
  private final ImageReference ref;
  private final String registry;
  private final String name;
  private final Blobs blobs;
  private final ReferrersClient referrers;
  private final ContentCache cache;

  public RegistryRepositoryImpl(RegistryHttp http, ImageReference ref, int chunkSize) {
    this(http, ref, chunkSize, false, new ContentCache(0));
  }

  /**
   * With uploads above {@code chunkSize} streamed in one PATCH, or {@code chunked} in PATCHes of that size, and
   * {@code cache} holding small digest-addressed manifests and blobs read through this client.
   */
  public RegistryRepositoryImpl(RegistryHttp http, ImageReference ref, int chunkSize, boolean chunked,
      ContentCache cache) {
    this.http = http;
    this.ref = ref.withoutIdentifier();
    this.registry = ref.registry();
    this.name = ref.repositoryName();
    this.blobs = new Blobs(this, chunkSize, chunked);
    this.referrers = new ReferrersClient(this);
    this.cache = cache;
  }

  ContentCache cache() {
    return cache;
  }

  /** The cache key of this repository's blobs or manifests. */
  String cacheSpace(String kind) {
    return registry + "/" + name + "#" + kind;
  }

  String registry() {
    return registry;
  }

  RegistryHttp http() {
    return http;
  }

  /** {@code <base>/<name>/<segments...>} */
  HttpUrl url(String... segments) {
    HttpUrl.Builder b = http.base(registry).newBuilder();
    for (String part : name.split("/")) {
      b.addPathSegment(part);
    }
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  RegistryRequest request(String method, HttpUrl url, RequestBody body, boolean write) {
    return new RegistryRequest(registry, method, url, body)
        .scope("repository:" + name + ":" + (write ? "pull,push" : "pull"));
  }

  @Override
  public ImageReference reference() {
    return ref;
  }

  @Override
  public String name() {
    return ref.context();
  }

  @Override
  public Optional<Descriptor> resolve(String tagOrDigest) {
    Digest byDigest = identifier(tagOrDigest);
    RegistryRequest r = request("HEAD", url("manifests", tagOrDigest), null, false)
        .header("Accept", MediaTypes.MANIFEST_ACCEPT);
    try (Response resp = http.send(r)) {
      if (resp.code() == 404) {
        return Optional.empty();
      }
      if (resp.code() != 200) {
        throw Bodies.error(resp, r.describe(r.url));
      }
      String type = mediaType(resp.header("Content-Type"));
      String header = resp.header("Docker-Content-Digest");
      String length = resp.header("Content-Length");
      if (type != null && (MediaTypes.isIndex(type) || MediaTypes.isImageManifest(type))) {
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 10
            && (byDigest != null || header != null)) {
          Digest d = byDigest != null ? byDigest : parseHeaderDigest(header);
          return Optional.of(Descriptor.of(type, d, Long.parseLong(length)));
        }
      }
    }
    return manifest(tagOrDigest).map(Manifest::descriptor);
  }

  @Override
  public Optional<Manifest> manifest(String tagOrDigest) {
    Digest byDigest = identifier(tagOrDigest);
    if (byDigest != null) {
      Optional<ContentCache.Entry> hit = cache.get(cacheSpace("manifests"), byDigest);
      if (hit.isPresent()) {
        return Optional.of(Manifest.verified(hit.get().mediaType(), hit.get().bytes(), byDigest));
      }
    }
    Optional<Manifest> fetched = fetchManifest(tagOrDigest, byDigest);
    // content-addressed: whichever way it was named, the bytes are immutable under their digest (tags never cached)
    fetched.ifPresent(m -> cache.put(cacheSpace("manifests"), m.digest(), m.mediaType(), m.bytes()));
    return fetched;
  }

  private Optional<Manifest> fetchManifest(String tagOrDigest, Digest byDigest) {
    RegistryRequest r = request("GET", url("manifests", tagOrDigest), null, false)
        .header("Accept", MediaTypes.MANIFEST_ACCEPT);
    try (Response resp = http.send(r)) {
      if (resp.code() == 404) {
        return Optional.empty();
      }
      if (resp.code() != 200) {
        throw Bodies.error(resp, r.describe(r.url));
      }
      String what = "manifest " + tagOrDigest + " of " + name();
      byte[] bytes = Bodies.read(resp, Manifest.MAX_BYTES, what);
      String type = manifestMediaType(resp.header("Content-Type"), bytes, what);
      if (byDigest != null) {
        return Optional.of(Manifest.verified(type, bytes, byDigest));
      }
      String header = resp.header("Docker-Content-Digest");
      return Optional.of(header == null ? Manifest.of(type, bytes)
          : Manifest.verified(type, bytes, parseHeaderDigest(header)));
    }
  }

  @Override
  public Descriptor putManifest(Manifest manifest, String tag) {
    String reference = tag == null ? manifest.digest().toString() : checkedTag(tag);
    RegistryRequest r = request("PUT", url("manifests", reference),
        RequestBody.create(manifest.bytes(), MediaType.get(manifest.mediaType())), true).idempotent(true);
    boolean subjectConfirmed;
    try (Response resp = http.send(r)) {
      if (resp.code() != 201 && resp.code() != 200 && resp.code() != 202) {
        throw Bodies.error(resp, r.describe(r.url));
      }
      String header = resp.header("Docker-Content-Digest");
      if (header != null) {
        Digest stored = parseHeaderDigest(header);
        if (stored.algorithm() == manifest.digest().algorithm() && !stored.matches(manifest.digest())) {
          throw new InvalidInputException("registry stored manifest as " + stored + ", expected "
              + manifest.digest());
        }
      }
      subjectConfirmed = resp.header("OCI-Subject") != null;
    }
    if (!subjectConfirmed && hasSubject(manifest)) {
      ReferrersFallback.add(this, manifest);
    }
    return manifest.descriptor();
  }

  private static boolean hasSubject(Manifest m) {
    if (!MediaTypes.isImageManifest(m.mediaType()) && !MediaTypes.isIndex(m.mediaType())) {
      return false;
    }
    JsonNode json = Bodies.json(m.bytes(), "manifest " + m.digest());
    return json.path("subject").isObject();
  }

  @Override
  public void deleteManifest(Digest digest) {
    cache.remove(cacheSpace("manifests"), digest);
    RegistryRequest r = request("DELETE", url("manifests", digest.toString()), null, true);
    r.scopes.clear();
    r.scope("repository:" + name + ":delete");
    try (Response resp = http.send(r)) {
      if (resp.code() == 404) {
        return;
      }
      if (resp.code() != 202 && resp.code() != 200 && resp.code() != 204) {
        throw Bodies.error(resp, r.describe(r.url));
      }
    }
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return blobs.exists(digest);
  }

  @Override
  public InputStream openBlob(Descriptor descriptor) {
    return blobs.open(descriptor);
  }

  @Override
  public Descriptor pushBlob(String mediaType, Digest digest, long size, InputStream content) {
    return blobs.push(mediaType, digest, size, content);
  }

  @Override
  public boolean mountBlob(Digest digest, String fromRepository) {
    return blobs.mount(digest, fromRepository);
  }

  @Override
  public List<String> tags() {
    return tags(0);
  }

  @Override
  public List<String> tags(int pageSize) {
    return TagLister.list(this, pageSize);
  }

  @Override
  public List<Descriptor> referrers(Digest subject, String artifactTypeOrNull) {
    return referrers.list(subject, artifactTypeOrNull);
  }

  private static Digest identifier(String tagOrDigest) {
    if (tagOrDigest == null) {
      throw new InvalidInputException("tag or digest is missing");
    }
    if (tagOrDigest.indexOf(':') >= 0) {
      return Digest.parse(tagOrDigest);
    }
    checkedTag(tagOrDigest);
    return null;
  }

  private static String checkedTag(String tag) {
    ReferenceGrammar.checkTag(tag);
    return tag;
  }

  static Digest parseHeaderDigest(String header) {
    try {
      return Digest.parse(header.trim());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("registry sent an invalid Docker-Content-Digest: " + e.getMessage(), e);
    }
  }

  /** The media type of a Content-Type header without parameters, or null. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String t = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim();
    return t.isEmpty() ? null : t;
  }

  private static String manifestMediaType(String contentType, byte[] bytes, String what) {
    String header = mediaType(contentType);
    if (header != null && (MediaTypes.isIndex(header) || MediaTypes.isImageManifest(header))) {
      return header;
    }
    JsonNode json = Bodies.json(bytes, what);
    if (json.path("mediaType").isTextual() && !json.get("mediaType").asText().isBlank()) {
      return json.get("mediaType").asText();
    }
    if (header != null && !header.equals("application/json") && !header.equals("text/plain")) {
      return header;
    }
    throw new InvalidInputException(what + " has no media type (no Content-Type and no mediaType field)");
  }

  @Override
  public String toString() {
    return "RegistryRepository[" + name() + "]";
  }
}
