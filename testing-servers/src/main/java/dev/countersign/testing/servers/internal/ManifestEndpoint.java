package dev.countersign.testing.servers.internal;

import dev.countersign.core.Digest;

/** {@code /v2/<name>/manifests/<reference>}: HEAD, GET, PUT and DELETE by tag or digest. */
final class ManifestEndpoint {
  private final Store store;
  private final RegistryConfig config;

  ManifestEndpoint(Store store, RegistryConfig config) {
    this.store = store;
    this.config = config;
  }

  Reply handle(Call call, String reference) {
    boolean byDigest = reference.contains(":");
    Digest digest = byDigest ? Names.digest(reference) : null;
    if (!byDigest && !Names.isTag(reference)) {
      throw Reply.fail(400, "MANIFEST_INVALID", "invalid tag");
    }
    switch (call.method) {
      case "GET", "HEAD" -> {
        return get(call.name, byDigest ? digest.toString() : null, reference);
      }
      case "PUT" -> {
        return put(call, digest, byDigest ? null : reference);
      }
      case "DELETE" -> {
        return delete(call.name, byDigest ? digest.toString() : null, reference);
      }
      default -> throw Reply.fail(405, "UNSUPPORTED", "method not allowed on manifests");
    }
  }

  private Reply get(String name, String digest, String tag) {
    Store.StoredManifest m;
    synchronized (store) {
      Store.Repo repo = store.find(name);
      if (repo == null) {
        throw Reply.fail(404, "MANIFEST_UNKNOWN", "manifest unknown"); // as distribution, not NAME_UNKNOWN
      }
      String key = digest != null ? digest : repo.tags.get(tag);
      m = key == null ? null : repo.manifests.get(key);
    }
    if (m == null) {
      throw Reply.fail(404, "MANIFEST_UNKNOWN", "manifest unknown");
    }
    return Reply.body(200, m.mediaType(), m.bytes()).header("Docker-Content-Digest", m.digest());
  }

  private Reply put(Call call, Digest digest, String tag) {
    byte[] bytes = call.body(config.maxManifestBytes(), 400, "MANIFEST_INVALID"); // distribution: 400, not 413
    String key;
    if (digest != null) {
      Names.verify(digest, bytes);
      key = digest.toString();
    } else {
      key = Names.sha256(bytes);
    }
    Store.StoredManifest m;
    synchronized (store) {
      Store.Repo repo = store.repo(call.name);
      m = ManifestCheck.check(call.header("Content-Type"), bytes, repo, key);
      repo.manifests.put(key, m);
      if (tag != null) {
        repo.tags.put(tag, key);
      }
    }
    Reply r = Reply.empty(201).header("Location", "/v2/" + call.name + "/manifests/" + key)
        .header("Docker-Content-Digest", key);
    if (m.subject() != null && config.referrersApi()) {
      r.header("OCI-Subject", m.subject());
    }
    return r;
  }

  private Reply delete(String name, String digest, String tag) {
    synchronized (store) {
      Store.Repo repo = store.find(name);
      if (repo == null) {
        throw Reply.fail(404, "MANIFEST_UNKNOWN", "manifest unknown"); // as distribution, not NAME_UNKNOWN
      }
      if (digest == null) {
        if (repo.tags.remove(tag) == null) {
          throw Reply.fail(404, "MANIFEST_UNKNOWN", "manifest unknown");
        }
      } else {
        if (repo.manifests.remove(digest) == null) {
          throw Reply.fail(404, "MANIFEST_UNKNOWN", "manifest unknown");
        }
        repo.tags.values().removeIf(digest::equals);
      }
    }
    return Reply.empty(202);
  }
}
