package dev.countersign.testing.servers.internal;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with a single {@code Range: bytes=} range) and DELETE. */
final class BlobEndpoint {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private final Store store;

  BlobEndpoint(Store store) {
    this.store = store;
  }

  Reply handle(Call call, String reference) {
    String digest = Names.digest(reference).toString();
    switch (call.method) {
      case "GET", "HEAD" -> {
        byte[] blob;
        synchronized (store) {
          blob = store.blob(call.name, digest);
        }
        if (blob == null) {
          throw Reply.fail(404, "BLOB_UNKNOWN", "blob unknown to registry");
        }
        String range = call.header("Range");
        if (range != null && call.method.equals("GET")) {
          return range(blob, range, digest);
        }
        return Reply.body(200, "application/octet-stream", blob).header("Docker-Content-Digest", digest)
            .header("Accept-Ranges", "bytes");
      }
      case "DELETE" -> {
        synchronized (store) {
          Store.Repo repo = store.find(call.name);
          if (repo == null || !repo.blobs.remove(digest)) {
            throw Reply.fail(404, "BLOB_UNKNOWN", "blob unknown to registry");
          }
        }
        return Reply.empty(202).header("Docker-Content-Digest", digest);
      }
      default -> throw Reply.fail(405, "UNSUPPORTED", "method not allowed on blobs");
    }
  }

  private static Reply range(byte[] blob, String header, String digest) {
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return unsatisfiable(blob);
    }
    long size = blob.length;
    long first;
    long last;
    try {
      if (m.group(1).isEmpty()) { // suffix: the last N bytes
        long n = Long.parseLong(m.group(2));
        first = Math.max(0, size - n);
        last = size - 1;
      } else {
        first = Long.parseLong(m.group(1));
        last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      }
    } catch (NumberFormatException e) {
      return unsatisfiable(blob);
    }
    if (first >= size || last < first) {
      return unsatisfiable(blob);
    }
    byte[] part = Arrays.copyOfRange(blob, (int) first, (int) last + 1);
    return Reply.body(206, "application/octet-stream", part).header("Docker-Content-Digest", digest)
        .header("Content-Range", "bytes " + first + "-" + last + "/" + size);
  }

  private static Reply unsatisfiable(byte[] blob) {
    return Reply.error(416, "BLOB_UNKNOWN", "requested range not satisfiable")
        .header("Content-Range", "bytes */" + blob.length);
  }
}
