package dev.countersign.testing.servers.internal;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry's state: content-addressed blobs shared by all repositories, per repository the linked blobs,
 * manifests (in push order) and tags, and open upload sessions. Callers synchronise on the store.
 */
final class Store {
  /** A pushed manifest with what the referrers API needs (subject, artifact type, annotations may be null). */
  record StoredManifest(String mediaType, byte[] bytes, String digest, String subject, String artifactType,
      Map<String, String> annotations) {}

  /** One repository. */
  static final class Repo {
    final Set<String> blobs = new HashSet<>();
    final Map<String, StoredManifest> manifests = new LinkedHashMap<>();
    final TreeMap<String, String> tags = new TreeMap<>();

    boolean isEmpty() {
      return blobs.isEmpty() && manifests.isEmpty() && tags.isEmpty();
    }
  }

  /** An upload session; {@code data} grows with each PATCH. */
  static final class Upload {
    final String repository;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();

    Upload(String repository) {
      this.repository = repository;
    }
  }

  final Map<String, byte[]> blobs = new HashMap<>();
  final Map<String, Repo> repos = new HashMap<>();
  final Map<String, Upload> uploads = new HashMap<>();

  /** The repository, or null when nothing was ever pushed to it. */
  Repo find(String name) {
    Repo r = repos.get(name);
    return r == null || r.isEmpty() ? null : r;
  }

  Repo repo(String name) {
    return repos.computeIfAbsent(name, n -> new Repo());
  }

  /** The blob's bytes if it is linked into repository {@code name}, else null. */
  byte[] blob(String name, String digest) {
    Repo r = repos.get(name);
    return r != null && r.blobs.contains(digest) ? blobs.get(digest) : null;
  }

  void putBlob(String name, String digest, byte[] content) {
    blobs.putIfAbsent(digest, content);
    repo(name).blobs.add(digest);
  }

  void clear() {
    blobs.clear();
    repos.clear();
    uploads.clear();
  }
}
