package dev.countersign.testing.servers.internal;

import dev.countersign.core.Digest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/uploads/[<id>]}: POST (monolithic with {@code ?digest=}, a session, or a cross-repository
 * mount with {@code ?mount=&from=}), PATCH chunks (with or without {@code Content-Range}), PUT {@code ?digest=} to
 * finish, GET the progress and DELETE to cancel.
 */
final class UploadEndpoint {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");
  private final Store store;
  private final RegistryConfig config;

  UploadEndpoint(Store store, RegistryConfig config) {
    this.store = store;
    this.config = config;
  }

  /** POST {@code /v2/<name>/blobs/uploads/}. */
  Reply start(Call call) {
    String mount = call.param("mount");
    String from = call.param("from");
    if (mount != null) {
      String digest = Names.digest(mount).toString();
      synchronized (store) {
        byte[] blob = from == null ? null : store.blob(from, digest);
        if (blob != null) {
          store.putBlob(call.name, digest, blob);
          return created(call.name, digest);
        }
      }
    }
    String digestParam = call.param("digest");
    if (digestParam != null) {
      Digest digest = Names.digest(digestParam);
      byte[] content = call.body(config.maxBlobBytes(), "SIZE_INVALID");
      Names.verify(digest, content);
      synchronized (store) {
        store.putBlob(call.name, digest.toString(), content);
      }
      return created(call.name, digest.toString());
    }
    call.drain(Call.DRAIN_LIMIT);
    String id = UUID.randomUUID().toString();
    synchronized (store) {
      store.repo(call.name);
      store.uploads.put(id, new Store.Upload(call.name));
    }
    return progress(202, call.name, id, 0);
  }

  /** PATCH, PUT, GET or DELETE {@code /v2/<name>/blobs/uploads/<id>}. */
  Reply session(Call call, String id) {
    Store.Upload upload;
    synchronized (store) {
      upload = store.uploads.get(id);
    }
    if (upload == null || !upload.repository.equals(call.name)) {
      throw Reply.fail(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    }
    synchronized (upload) {
      switch (call.method) {
        case "GET" -> {
          return progress(204, call.name, id, upload.data.size());
        }
        case "DELETE" -> {
          remove(id);
          return Reply.empty(204);
        }
        case "PATCH" -> {
          append(call, upload);
          return progress(202, call.name, id, upload.data.size());
        }
        case "PUT" -> {
          Digest digest = Names.digest(call.param("digest"));
          append(call, upload);
          byte[] content = upload.data.toByteArray();
          remove(id);
          Names.verify(digest, content);
          synchronized (store) {
            store.putBlob(call.name, digest.toString(), content);
          }
          return created(call.name, digest.toString());
        }
        default -> throw Reply.fail(405, "UNSUPPORTED", "method not allowed on uploads");
      }
    }
  }

  private void append(Call call, Store.Upload upload) {
    String range = call.header("Content-Range");
    long have = upload.data.size();
    byte[] chunk = call.body(config.maxBlobBytes() - have, "SIZE_INVALID");
    if (range != null) {
      Matcher m = CONTENT_RANGE.matcher(range.trim());
      if (!m.matches()) {
        throw Reply.fail(400, "BLOB_UPLOAD_INVALID", "malformed Content-Range");
      }
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (first != have || last < first) {
        throw Reply.fail(416, "BLOB_UPLOAD_INVALID", "chunk out of order: expected offset " + have);
      }
      if (last - first + 1 != chunk.length) {
        throw Reply.fail(400, "SIZE_INVALID", "Content-Range does not match the chunk length");
      }
    }
    upload.data.write(chunk, 0, chunk.length);
  }

  private void remove(String id) {
    synchronized (store) {
      store.uploads.remove(id);
    }
  }

  private static Reply created(String name, String digest) {
    return Reply.empty(201).header("Location", "/v2/" + name + "/blobs/" + digest)
        .header("Docker-Content-Digest", digest);
  }

  private static Reply progress(int status, String name, String id, long size) {
    return Reply.empty(status).header("Location", "/v2/" + name + "/blobs/uploads/" + id)
        .header("Range", "0-" + Math.max(0, size - 1)).header("Docker-Upload-UUID", id);
  }
}
